"""Builds the running intake service from its modules (see `spplus.runtime.service.service_app`)."""

from functools import partial

from spplus.runtime.service import service_app

create_app = partial(
    service_app,
    "spplus.intake",
    title="Services Publics + — intake (public API)",
    description="Submit, search and read stories: the public frontend's contract.",
)
