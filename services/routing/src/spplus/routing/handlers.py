"""Routing's use cases."""

from __future__ import annotations

from typing import TypeAlias

from spplus.contracts import events, network_topic
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.service import ServiceDeps

from . import domain
from .settings import RoutingSettings
from .store import RoutingStore

log = get_logger(__name__)


RoutingDeps: TypeAlias = ServiceDeps[RoutingSettings, RoutingStore]


async def on_published(event: events.ExperiencePublished, *, deps: RoutingDeps) -> None:
    """Assign a published story to the network of its first organisation."""
    story = event.payload.story
    code = domain.network_for(story)
    if code is None:
        log.warning("no network for story", experience_id=str(event.payload.experience_id))
        await deps.store.assign(
            {
                "_id": str(event.payload.experience_id),
                "network": None,
                "status": "unrouted",
                "story": story.model_dump(mode="json"),
            }
        )
        return
    network = await deps.store.network(code) or {}
    deadline_days = int(network.get("deadline_days", deps.settings.default_deadline_days))
    payload = events.ExperienceRoutedPayload(
        experience_id=event.payload.experience_id,
        network=code,
        entity=domain.entity_for(code, story),
        due_at=domain.due_at(event.payload.published_at, deadline_days),
        story=story,
    )
    routed = events.ExperienceRouted.caused_by(event, payload, producer="routing")
    for_network = events.NetworkExperienceAssigned.caused_by(event, payload, producer="routing")
    doc = new_document_with_outbox(
        {
            "_id": str(payload.experience_id),
            "status": "assigned",
            **payload.model_dump(mode="json", exclude={"experience_id"}),
        },
        [routed, (for_network, network_topic(code))],
    )
    if await deps.store.assign(doc):
        deps.kick_relay()
        log.info("story routed", experience_id=str(payload.experience_id), network=code)


# Every reaction of routing to every event it consumes.
EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
}
