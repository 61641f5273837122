"""The indicators service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import IndicatorsController, PageController
from .settings import IndicatorsSettings
from .store import IndicatorsStore

SPEC = ServiceSpec(
    name="indicators",
    title="Services Publics + — indicators",
    description="Quality figures for the public and the networks.",
    settings=IndicatorsSettings,
    store=IndicatorsStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[IndicatorsController, PageController],
    deps=handlers.IndicatorsDeps,
    periodic=handlers.PERIODIC,
)

create_app = partial(service_app, SPEC)
