"""Builds the running indicators service."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from spplus.runtime.service import Runtime, bootstrap, create_service_app

from . import consumers
from .api import IndicatorsController
from .handlers import IndicatorsDeps
from .settings import IndicatorsSettings
from .store import IndicatorsStore


def create_app(settings: IndicatorsSettings | None = None, **overrides: Any) -> Litestar:
    settings = settings or IndicatorsSettings()
    rt = bootstrap(settings, **overrides)
    store = IndicatorsStore(rt.db)
    deps = IndicatorsDeps(settings=settings, store=store)
    consumers.register(rt.broker, deps)

    async def ready(_: Runtime) -> None:
        await store.ensure_indexes()

    return create_service_app(
        rt,
        [IndicatorsController],
        title="Services Publics + — indicators",
        description="Quality figures for the public and the networks.",
        on_ready=[ready],
        deps=deps,
    )
