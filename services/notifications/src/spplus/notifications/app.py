"""Builds the running notifications service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.notifications",
    title="Services Publics + — notifications",
    description="Emails to authors and agents, once each.",
)
