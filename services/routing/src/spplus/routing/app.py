"""Builds the running routing service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.routing",
    title="Services Publics + — routing",
    description="Network registry, assignment of stories to networks.",
)
