"""The moderation service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import AnalyzeController, ModeratorController
from .deps import ModerationDeps
from .settings import ModerationSettings
from .store import ModerationStore

SPEC = ServiceSpec(
    name="moderation",
    title="Services Publics + — moderation",
    description="Moderator back-office: queue, cases, decisions.",
    settings=ModerationSettings,
    store=ModerationStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[ModeratorController, AnalyzeController],
    deps=ModerationDeps,
    periodic=handlers.PERIODIC,
)

create_app = partial(service_app, SPEC)
