"""Builds the running moderation service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.moderation",
    title="Services Publics + — moderation",
    description="Moderator back-office: queue, cases, decisions.",
)
