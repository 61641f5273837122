"""The notifications service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import DeliveriesController
from .deps import NotificationsDeps
from .settings import NotificationsSettings
from .store import NotificationsStore

SPEC = ServiceSpec(
    name="notifications",
    title="Services Publics + — notifications",
    description="Emails to authors and agents, once each.",
    settings=NotificationsSettings,
    store=NotificationsStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[DeliveriesController],
    deps=NotificationsDeps,
    periodic=handlers.PERIODIC,
    tombstones=handlers.TOMBSTONES,
    workers=handlers.CONSUMER_WORKERS,
)

create_app = partial(service_app, SPEC)
