"""Builds the running moderation service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import bootstrap, create_service_app

from . import consumers
from .api import QueueController
from .handlers import ModerationDeps
from .settings import ModerationSettings
from .store import CASES, ModerationStore


def create_app(settings: ModerationSettings | None = None, **overrides: Any) -> Litestar:
    settings = settings or ModerationSettings()
    rt = bootstrap(settings, outbox_collections=[CASES], **overrides)
    deps = ModerationDeps(settings=settings, store=ModerationStore(rt.db), kick_relay=rt.relay.kick)
    consumers.register(rt.broker, deps)
    return create_service_app(
        rt,
        [QueueController],
        title="Services Publics + — moderation",
        description="Moderator back-office: queue, cases, decisions.",
        deps=deps,
    )
