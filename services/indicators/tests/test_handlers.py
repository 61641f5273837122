"""A redelivered event is counted once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from spplus.contracts.events import ExperiencePublished, ExperiencePublishedPayload
from spplus.contracts.values import PublicStory
from spplus.indicators.handlers import IndicatorsDeps, on_published
from spplus.indicators.settings import IndicatorsSettings


class MemoryFacts:
    def __init__(self) -> None:
        self.facts: dict[str, dict[str, Any]] = {}

    async def record(self, fact: dict[str, Any]) -> None:
        self.facts.setdefault(fact["_id"], fact)


async def test_the_same_event_twice_counts_once() -> None:
    store = MemoryFacts()
    deps = IndicatorsDeps(settings=IndicatorsSettings(), store=store, kick_relay=lambda: None)  # type: ignore[arg-type]
    event = ExperiencePublished.first(
        ExperiencePublishedPayload(
            experience_id=uuid.uuid4(),
            published_at=datetime.now(UTC),
            story=PublicStory(
                title="t",
                description="d",
                feeling="positive",
                experience_date="2026-10-01",
                journey=[{"organisation": "CPAM", "channels": []}],
            ),
        ),
        producer="test",
    )
    await on_published(event, deps=deps)
    await on_published(event, deps=deps)
    assert [f["network"] for f in store.facts.values()] == ["CPAM"]
