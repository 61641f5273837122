"""Builds the running responses service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.responses",
    title="Services Publics + — responses (agents' workspace)",
    description="Inbox, drafts and publication of answers, per network.",
)
