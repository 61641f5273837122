"""What moderation's use cases receive: settings, store, the engine, the preview budget."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from spplus.runtime.domain import TooMany
from spplus.runtime.limits import SlidingWindow
from spplus.runtime.store import ServiceDeps

from .engine import Engine, StoryInput, Thresholds
from .settings import ModerationSettings
from .store import ModerationStore


@dataclass
class ModerationDeps(ServiceDeps[ModerationSettings, ModerationStore]):
    engine: Engine = field(default=None)  # type: ignore[assignment]  # built in __post_init__
    previews: SlidingWindow = field(default=None)
    preview_slots: asyncio.Semaphore = field(default=None)  # type: ignore[assignment]

    async def preview(self, story: StoryInput, client: str) -> Any:
        """The engine's analysis of a text nobody stored, off the event loop, within the budget
        of `analyze_per_minute` per client and `analyze_concurrency` at once."""
        if not self.previews.allow(client):
            raise TooMany(
                "too_many_requests", "Trop d'aperçus demandés : réessayez dans une minute."
            )
        async with self.preview_slots:
            return await asyncio.to_thread(self.engine.analyze, story)

    def __post_init__(self) -> None:
        self.previews = self.previews or SlidingWindow(self.settings.analyze_per_minute, 60.0)
        self.preview_slots = self.preview_slots or asyncio.Semaphore(
            self.settings.analyze_concurrency
        )
        if self.engine is None:
            s = self.settings
            self.engine = Engine(
                Thresholds(
                    reject=s.reject_threshold,
                    review=s.review_threshold,
                    duplicate=s.duplicate_threshold,
                    risk=s.risk_threshold,
                )
            )
