"""The routing service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import RoutingController
from .settings import RoutingSettings
from .store import RoutingStore

SPEC = ServiceSpec(
    name="routing",
    title="Services Publics + — routing",
    description="Network registry, assignment of stories to networks.",
    settings=RoutingSettings,
    store=RoutingStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[RoutingController],
    periodic=handlers.PERIODIC,
)

create_app = partial(service_app, SPEC)
