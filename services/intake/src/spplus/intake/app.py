"""The intake service, declared: everything it is made of, in one place."""

from functools import partial

from spplus.runtime.service import ServiceSpec, service_app

from . import handlers
from .api import AuthorController, ContributionController, ExperienceController, VoteController
from .deps import IntakeDeps
from .settings import IntakeSettings
from .store import IntakeStore

SPEC = ServiceSpec(
    name="intake",
    title="Services Publics + — intake (public API)",
    description="Submit, search and read stories: the public frontend's contract.",
    settings=IntakeSettings,
    store=IntakeStore,
    handlers=handlers.EVENT_HANDLERS,
    produces=handlers.PRODUCES,
    controllers=[VoteController, ContributionController, AuthorController, ExperienceController],
    deps=IntakeDeps,
    periodic=handlers.PERIODIC,
)

create_app = partial(service_app, SPEC)
