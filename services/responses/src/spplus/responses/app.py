"""Builds the running responses service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import Runtime, bootstrap, create_service_app

from . import consumers
from .api import WorkspaceController
from .handlers import ResponsesDeps
from .settings import ResponsesSettings
from .store import DRAFTS, ResponsesStore


def create_app(settings: ResponsesSettings | None = None, **overrides: Any) -> Litestar:
    settings = settings or ResponsesSettings()
    rt = bootstrap(settings, outbox_collections=[DRAFTS], **overrides)
    store = ResponsesStore(rt.db)
    deps = ResponsesDeps(settings=settings, store=store, kick_relay=rt.relay.kick)
    consumers.register(rt.broker, deps)

    async def ready(_: Runtime) -> None:
        await store.ensure_indexes()

    return create_service_app(
        rt,
        [WorkspaceController],
        title="Services Publics + — responses (agents' workspace)",
        description="Inbox, drafts and publication of answers, per network.",
        on_ready=[ready],
        deps=deps,
    )
