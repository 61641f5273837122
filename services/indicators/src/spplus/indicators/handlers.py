"""Indicators' use cases: record what happened, compute the figures on request."""

from __future__ import annotations

from typing import TypeAlias

from spplus.contracts import events
from spplus.contracts.reference import find_organisation
from spplus.runtime.service import ServiceDeps

from .settings import IndicatorsSettings
from .store import IndicatorsStore

IndicatorsDeps: TypeAlias = ServiceDeps[IndicatorsSettings, IndicatorsStore]


async def on_published(event: events.ExperiencePublished, *, deps: IndicatorsDeps) -> None:
    """Count a published story (per network of its first organisation)."""
    story = event.payload.story
    org = find_organisation(story.journey[0].organisation) if story.journey else None
    await deps.store.record(
        {
            "_id": str(event.event_id),
            "kind": "experiences_published",
            "experience_id": str(event.payload.experience_id),
            "network": org.network if org else None,
            "feeling": story.feeling.value,
            "at": event.payload.published_at,
        }
    )


async def on_response_published(event: events.ResponsePublished, *, deps: IndicatorsDeps) -> None:
    """Count a published response."""
    await deps.store.record(
        {
            "_id": str(event.event_id),
            "kind": "responses_published",
            "experience_id": str(event.payload.experience_id),
            "network": event.payload.network,
            "at": event.payload.published_at,
        }
    )


# Every reaction of indicators to every event it consumes.
EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
}
