"""Builds the running indicators service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.indicators",
    title="Services Publics + — indicators",
    description="Quality figures for the public and the networks.",
)
