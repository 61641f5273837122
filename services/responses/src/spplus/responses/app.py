"""The responses service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import WorkspaceController
from .deps import ResponsesDeps
from .settings import ResponsesSettings
from .store import ResponsesStore

SPEC = ServiceSpec(
    name="responses",
    title="Services Publics + — responses (agents' workspace)",
    description="Inbox, drafts and publication of answers, per network.",
    settings=ResponsesSettings,
    store=ResponsesStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[WorkspaceController],
    deps=ResponsesDeps,
    periodic=handlers.PERIODIC,
)

create_app = partial(service_app, SPEC)
