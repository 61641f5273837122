"""Indicators' use cases: record what happened, compute the figures on request."""

from __future__ import annotations

from spplus.contracts.events import ExperiencePublished, ResponsePublished
from spplus.contracts.reference import find_organisation
from spplus.runtime.service import ServiceDeps

from .settings import IndicatorsSettings
from .store import IndicatorsStore


class IndicatorsDeps(ServiceDeps[IndicatorsSettings, IndicatorsStore]):
    pass


async def on_published(event: ExperiencePublished, *, deps: IndicatorsDeps) -> None:
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


async def on_response_published(event: ResponsePublished, *, deps: IndicatorsDeps) -> None:
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
    ExperiencePublished: on_published,
    ResponsePublished: on_response_published,
}
