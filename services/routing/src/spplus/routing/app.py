"""Builds the running routing service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import Runtime, bootstrap, create_service_app

from . import consumers, domain
from .api import RoutingController
from .handlers import RoutingDeps
from .settings import RoutingSettings
from .store import ASSIGNMENTS, RoutingStore


def create_app(settings: RoutingSettings | None = None, **overrides: Any) -> Litestar:
    settings = settings or RoutingSettings()
    rt = bootstrap(settings, outbox_collections=[ASSIGNMENTS], **overrides)
    store = RoutingStore(rt.db)
    deps = RoutingDeps(settings=settings, store=store, kick_relay=rt.relay.kick)
    consumers.register(rt.broker, deps)

    async def seed(_: Runtime) -> None:
        await store.seed_networks(domain.default_networks(settings.default_deadline_days))

    return create_service_app(
        rt,
        [RoutingController],
        title="Services Publics + — routing",
        description="Network registry, assignment of stories to networks.",
        on_ready=[seed],
        deps=deps,
    )
