"""Routing's reactions to events: assign each published story to its network (and tell it,
on its topic and by its webhook), take a withdrawn story back; and the webhook deliveries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, TypeAlias

from spplus.contracts import derive_id, events, network_topic
from spplus.contracts.values import PublicStory
from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import new_document_with_outbox, with_outbox
from spplus.runtime.store import ServiceDeps

from . import domain, webhooks
from .settings import RoutingSettings
from .store import RoutingStore

log = get_logger(__name__)

RoutingDeps: TypeAlias = ServiceDeps[RoutingSettings, RoutingStore]


def routed_events(
    doc: Document,
    network: str,
    entity: str | None,
    version: int,
    rule: str,
    registry: domain.Registry,
) -> list[Any]:
    """The `routed` event and its copy on the network's own topic (public story only)."""
    now = clock.now()
    payload = events.ExperienceRoutedPayload(
        experience_id=uuid.UUID(doc["_id"]),
        network=network,
        entity=entity,
        due_at=domain.due_at(now, registry.deadline_days(network)),
        story=PublicStory.model_validate(doc["story"]),
        assigned_at=now,
        rule=rule,
        version=version,
        secondary=doc.get("secondary", []),
    )
    common = {
        "producer": "routing",
        "correlation_id": uuid.UUID(doc["correlation_id"]),
        "payload": payload,
    }
    return [
        events.ExperienceRouted(
            event_id=derive_id(doc["_id"], f"routed:{version}"),
            event_type="experience.routed",
            **common,
        ),
        (
            events.NetworkExperienceAssigned(
                event_id=derive_id(doc["_id"], f"network:{version}"),
                event_type="network.experience",
                **common,
            ),
            network_topic(network),
        ),
    ]


async def on_published(event: events.ExperiencePublished, *, deps: RoutingDeps) -> None:
    """Assign a published story: its first organisation, else the classifier, else triage."""
    registry = await deps.store.registry()
    story = event.payload.story
    decided = domain.assign(story, registry)
    now = clock.now()
    doc: Document = {
        "_id": str(event.payload.experience_id),
        "story": story.model_dump(mode="json"),
        "correlation_id": str(event.correlation_id),
        "assigned_at": now,
        "version": 1,
        "status": "assigned" if decided.network else "triage",
        **decided.as_dict(),
        "audit": [
            {
                "at": now,
                "by": "routing",
                "action": decided.rule,
                "network": decided.network,
                "words": decided.words,
            }
        ],
    }
    outgoing = (
        routed_events(doc, decided.network, decided.entity, 1, decided.rule, registry)
        if decided.network
        else []
    )
    if decided.network:
        doc["webhook"] = webhooks.delivery(registry.networks[decided.network], outgoing[1][0], now)
        if doc["webhook"] is not None:
            await deps.store.schedule.at(doc["_id"], now)  # the hint first: none is missed
    if await deps.store.assign(new_document_with_outbox(doc, outgoing)):
        deps.kick_relay()
        log.info(
            "story routed", experience_id=doc["_id"], network=decided.network, rule=decided.rule
        )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: RoutingDeps) -> None:
    """A withdrawn story leaves its network: the assignment keeps no story, and the network's
    topic and webhook are told (after the assignment, under the same key). A withdrawal that
    comes before the story was routed (topics are not ordered together) leaves a withdrawn
    assignment behind, so the story is never routed."""
    experience_id = str(event.payload.experience_id)
    now = clock.now()
    audit = {"at": now, "by": event.payload.requested_by, "action": "withdrawn"}
    if await deps.store.assign(
        {
            "_id": experience_id,
            "status": "withdrawn",
            "version": 0,
            "network": None,
            "withdrawn_at": now,
            "correlation_id": str(event.correlation_id),
            "audit": [audit],
        }
    ):
        log.info("story withdrawn before it was routed", experience_id=experience_id)
        return
    doc = await deps.store.assignment(experience_id)
    if doc is None or doc.get("status") == "withdrawn":
        return  # a redelivery: done already
    update: Document = {
        "$set": {"status": "withdrawn", "withdrawn_at": now, "story": None, "secondary": []},
        "$push": {"audit": audit},
    }
    network = doc.get("network")
    outgoing: list[Any] = []
    if network:
        told = events.NetworkExperienceWithdrawn(
            event_id=derive_id(experience_id, "network:withdrawn"),
            event_type="network.withdrawn",
            producer="routing",
            correlation_id=uuid.UUID(doc["correlation_id"]),
            payload=events.NetworkWithdrawalPayload(
                experience_id=uuid.UUID(experience_id),
                network=network,
                requested_by=event.payload.requested_by,
                withdrawn_at=now,
            ),
        )
        outgoing.append((told, network_topic(network)))
        registry = await deps.store.registry()
        if network in registry.networks:
            hook = webhooks.delivery(registry.networks[network], told, now)
            if hook is not None:
                update["$set"]["webhook"] = hook
                await deps.store.schedule.at(experience_id, now)  # the hint first
    if await deps.store.reassign(
        experience_id, int(doc.get("version", 1)), with_outbox(update, outgoing)
    ):
        deps.kick_relay()
        log.info("story withdrawn from its network", experience_id=experience_id, network=network)
    else:
        raise RuntimeError("the assignment changed under a withdrawal")  # tried again


async def deliver_webhooks(*, deps: RoutingDeps) -> int:
    """Send the webhook deliveries that are due; a failure is tried again later, with back-off."""
    now = clock.now()
    if deps.every("sweep", deps.settings.webhook_sweep_s):  # the slow safety net
        for doc in await deps.store.due_webhooks(now):
            await deps.store.schedule.at(doc["_id"], now)
    due = []
    for hint in await deps.store.schedule.due(now):
        doc = await deps.store.assignments.find_one(
            {"_id": hint["_id"]}, {"network": 1, "webhook": 1}
        )
        hook = (doc or {}).get("webhook") or {}
        if hook.get("status") != "pending":
            await deps.store.schedule.drop(hint)  # delivered, failed for good, or none
        elif hook["next_at"] > now:
            await deps.store.schedule.at(hint["_id"], hook["next_at"])
        else:
            due.append(doc)
    if not due:
        return 0
    registry = await deps.store.registry()
    delivered = 0
    async with webhooks.client() as client:
        for doc in due:
            hook = doc["webhook"]
            network = registry.networks.get(doc["network"])
            if network is None:  # deleted, or an entry routing cannot use
                ok, outcome = False, "network_unavailable"
            else:
                ok, outcome = await webhooks.post(
                    client,
                    hook["url"],
                    network.get("webhook_secret") or "",
                    hook["body"].encode(),
                    hook["id"],
                    hook["event_type"],
                    allow_http=deps.settings.allow_http_webhooks,
                    allowed=deps.settings.webhook_allowed,
                )
            attempts = int(hook.get("attempts", 0)) + 1
            status = (
                "delivered"
                if ok
                else ("failed" if attempts >= webhooks.MAX_ATTEMPTS else "pending")
            )
            next_at = webhooks.next_try(attempts, now, deps.settings.webhook_backoff_s)
            if status == "pending":
                await deps.store.schedule.at(doc["_id"], next_at)
            await deps.store.settle_webhook(
                doc["_id"],
                hook["id"],
                {
                    "webhook.status": status,
                    "webhook.attempts": attempts,
                    "webhook.next_at": next_at,
                },
                {
                    "delivery_id": hook["id"],
                    "network": doc["network"],
                    "url": hook["url"],
                    "at": now,
                    "attempt": attempts,
                    "outcome": outcome,
                    "delivered": ok,
                },
            )
            delivered += ok
    return delivered


async def replay_webhooks(network: str, since: datetime, *, deps: RoutingDeps) -> int:
    """Send again what a network's webhook got (or missed) since a date; ids let it dedupe."""
    return await deps.store.replay_webhooks(network.upper(), since)


# Tasks run periodically: the settings field that holds each one's interval.
PERIODIC = {deliver_webhooks: "webhook_interval_s"}

# Every reaction of routing to every event it consumes.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (
    events.ExperienceRouted,
    events.NetworkExperienceAssigned,
    events.NetworkExperienceWithdrawn,
)

EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ExperienceWithdrawn: on_withdrawn,
}

# No consumer inbox (it cost two database commands per event): each handler is idempotent by
# itself, a late redelivery included: the assignment is an insert under the story's id (a
# redelivery, or one after a reassignment or a withdrawal, changes nothing) and its events' ids
# derive from it; a withdrawal is final (a withdrawn assignment is left as it is).
