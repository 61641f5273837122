"""Moderation's use cases."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeAlias

from spplus.contracts import events
from spplus.contracts.envelope import Envelope
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.service import ServiceDeps

from . import domain
from .settings import ModerationSettings
from .store import ModerationStore

log = get_logger(__name__)


ModerationDeps: TypeAlias = ServiceDeps[ModerationSettings, ModerationStore]


async def on_submitted(event: events.ExperienceSubmitted, *, deps: ModerationDeps) -> None:
    """Analyse a new story, open its case, and publish it when nothing is wrong with it."""
    story = event.payload
    analysis = domain.analyze(story)
    now = datetime.now(UTC)
    moderated = events.ExperienceModerated.caused_by(
        event,
        events.ExperienceModeratedPayload(
            experience_id=story.experience_id,
            decision=analysis.decision,
            reason_codes=analysis.reasons,
            redacted_title=story.title,
            redacted_description=story.description,
        ),
        producer="moderation",
    )
    outgoing: list[Envelope[Any]] = [moderated]
    status = analysis.decision.value
    if analysis.decision is events.ModerationDecision.publish:
        status = "published"
        outgoing.append(
            events.ExperiencePublished.caused_by(
                event,
                events.ExperiencePublishedPayload(
                    experience_id=story.experience_id,
                    story=domain.public_story(story),
                    published_at=now,
                ),
                producer="moderation",
            )
        )
    doc = new_document_with_outbox(
        {
            "_id": str(story.experience_id),
            "status": status,
            "decision": analysis.decision.value,
            "flags": analysis.flags,
            "submitted": story.model_dump(mode="json"),
            "correlation_id": str(event.correlation_id),
            "opened_at": now,
            "audit": [
                {
                    "at": now,
                    "by": "engine",
                    "action": analysis.decision.value,
                    "flags": analysis.flags,
                }
            ],
        },
        outgoing,
    )
    if await deps.store.open_case(doc):
        deps.kick_relay()
        log.info("case opened", experience_id=str(story.experience_id), decision=status)


# Every reaction of moderation to every event it consumes.
EVENT_HANDLERS = {
    events.ExperienceSubmitted: on_submitted,
}
