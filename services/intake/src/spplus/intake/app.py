"""Builds the running intake service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import Runtime, bootstrap, create_service_app

from . import consumers
from .api import ExperienceController
from .handlers import IntakeDeps
from .settings import IntakeSettings
from .store import SUBMISSIONS, IntakeStore


def create_app(settings: IntakeSettings | None = None, **overrides: Any) -> Litestar:
    settings = settings or IntakeSettings()
    rt = bootstrap(settings, outbox_collections=[SUBMISSIONS], **overrides)
    store = IntakeStore(rt.db)
    deps = IntakeDeps(settings=settings, store=store, kick_relay=rt.relay.kick)
    consumers.register(rt.broker, deps)

    async def ready(_: Runtime) -> None:
        await store.ensure_indexes()

    return create_service_app(
        rt,
        [ExperienceController],
        title="Services Publics + — intake (public API)",
        description="Submit, search and read stories; the public frontend's contract.",
        on_ready=[ready],
        deps=deps,
    )
