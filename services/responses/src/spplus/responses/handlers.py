"""Responses' reactions to events: a story assigned to a network enters its inbox, an answer
sent by a network's own system becomes a draft, a withdrawn story leaves every list; and the
deadline timers (a reminder before, the overdue flag after)."""

from __future__ import annotations

from datetime import datetime, timedelta

from spplus.contracts import derive_id, events, network_of
from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.outbox import with_outbox

from .deps import ResponsesDeps
from .draft import workflow_event

log = get_logger(__name__)


async def on_routed(event: events.ExperienceRouted, *, deps: ResponsesDeps) -> None:
    """A story the network must answer appears in its inbox."""
    p = event.payload
    remind_at = p.due_at - timedelta(hours=deps.settings.reminder_before_hours)
    await deps.store.schedule.at(str(p.experience_id), remind_at)  # before: none is missed
    kept = await deps.store.add_to_answer(
        {
            "_id": str(p.experience_id),
            "network": p.network,
            "entity": p.entity,
            "due_at": p.due_at,
            # stored timers: a reminder before the deadline, the overdue flag after it
            "remind_at": remind_at,
            "reminded": False,
            "overdue": False,
            "status": "open",
            "story": p.story.model_dump(mode="json"),
            "correlation_id": str(event.correlation_id),
            "routed_event_id": str(event.event_id),
            "version": p.version,
        }
    )
    if not kept:  # an older assignment delivered again: the timer follows the kept one
        current = await deps.store.story(str(p.experience_id))
        if current is not None and current.get("remind_at") is not None:
            await deps.store.schedule.at(str(p.experience_id), current["remind_at"])
    await _adopt_waiting_answers(str(p.experience_id), deps)


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: ResponsesDeps) -> None:
    """A withdrawn story leaves every inbox and every list of drafts, and nothing more can be
    written or published about it. Its assignment keeps no story; one that comes later (topics
    are not ordered together) finds it withdrawn and is not kept (`add_to_answer`)."""
    experience_id = str(event.payload.experience_id)
    now = clock.now()
    await deps.store.withdraw(experience_id, now)
    log.info("story withdrawn from the inbox", experience_id=experience_id)


async def _adopt_waiting_answers(experience_id: str, deps: ResponsesDeps) -> None:
    """Answers a network's own system sent before the assignment arrived become drafts once it
    is here. Called from both sides (assignment stored, answer stored), so whichever comes last
    adopts them: none is left waiting."""
    story = await deps.store.story(experience_id)
    if story is None:
        return
    await deps.store.drafts.update_many(
        {
            "experience_id": experience_id,
            "status": "waiting_assignment",
            "network": story["network"].upper(),
        },
        {
            "$set": {
                "status": "draft",
                "entity": story.get("entity"),
                "due_at": story.get("due_at"),
                "correlation_id": story["correlation_id"],
            }
        },
    )


async def on_response_submitted(
    event: events.ResponseSubmitted, *, deps: ResponsesDeps, topic: str
) -> None:
    """A network's own system sends an answer on its own topic: it becomes a draft for that
    network's validators, if the story is still assigned to that network (else it is refused,
    logged). The network is the topic's (only its principal may write there), never the
    payload's: an answer that claims another network is refused."""
    p = event.payload
    network = network_of(topic, events.ResponseSubmitted.TOPIC)
    if network is None or p.network.upper() != network:
        log.warning(
            "submitted response refused: its topic and its network differ",
            experience_id=str(p.experience_id),
            topic=topic,
            claimed=p.network,
        )
        return
    story = await deps.store.story(str(p.experience_id))
    if story is not None and story.get("status") == "withdrawn":
        log.info(
            "submitted response for a withdrawn story dropped", experience_id=str(p.experience_id)
        )
        return
    if story is not None and story["network"].upper() != network:
        log.warning(
            "submitted response for a story not assigned to that network",
            experience_id=str(p.experience_id),
            network=network,
        )
        return
    now = clock.now()
    if story is None:
        # The network's system read its own topic before this service saw the assignment: the
        # answer waits for it (`on_routed` adopts it), it is not lost.
        story = {
            "network": network,
            "correlation_id": str(event.correlation_id),
            "status": "waiting_assignment",
        }
    await insert_once(
        deps.store.drafts,
        {
            "_id": str(derive_id(network, f"external:{p.external_id}")),
            "experience_id": str(p.experience_id),
            "network": story["network"],
            "entity": story.get("entity"),
            "body": p.body,
            "status": "draft"
            if story.get("status") != "waiting_assignment"
            else "waiting_assignment",
            "seq": 0,
            "author": f"system:{network}",
            "author_name": p.agent_first_name,
            "organisation_name": p.organisation_name,
            "external_id": p.external_id,
            "created_at": now,
            "versions": [{"at": now, "by": "system", "body": p.body}],
            "correlation_id": story["correlation_id"],
            "due_at": story.get("due_at"),
        },
    )
    if story.get("status") == "waiting_assignment":
        await _adopt_waiting_answers(str(p.experience_id), deps)


async def fire_deadline_timers(*, deps: ResponsesDeps) -> int:
    """Stored timers: remind the network before a deadline, flag the story overdue after it.

    Each fires once (a conditional write carrying its event), whatever the restarts or the number
    of instances."""
    now = clock.now()
    fired = 0
    if deps.every("sweep", deps.settings.timer_sweep_s):  # the slow safety net under the schedule
        for doc in [*await deps.store.reminders_due(now), *await deps.store.overdue_due(now)]:
            await deps.store.schedule.at(doc["_id"], now)
    for hint in await deps.store.schedule.due(now):
        doc = await deps.store.story(hint["_id"])
        if doc is None or doc.get("status") != "open" or doc.get("overdue"):
            await deps.store.schedule.drop(hint)  # answered, or both timers fired
            continue
        if not doc.get("reminded") and doc["remind_at"] > now:
            await deps.store.schedule.at(doc["_id"], doc["remind_at"])  # re-armed since
            continue
        if doc.get("reminded") and doc["due_at"] > now:
            await deps.store.schedule.at(doc["_id"], doc["due_at"])
            continue
        fired += await _fire_timers(doc, now, deps)
        if doc["due_at"] > now:
            await deps.store.schedule.at(doc["_id"], doc["due_at"])
    if fired:
        deps.kick_relay()
    return fired


async def _fire_timers(doc: Document, now: datetime, deps: ResponsesDeps) -> int:
    """The reminder, then the overdue flag, of one story whose time has come."""
    fired = 0
    if not doc.get("reminded") and doc["remind_at"] <= now:
        event = workflow_event(
            doc,
            events.WorkflowStep.deadline_near,
            event_id=derive_id(doc["_id"], f"deadline_near:{doc.get('version')}"),
        )
        fired += await deps.store.fire(
            doc, "reminded", with_outbox({"$set": {"reminded": True, "reminded_at": now}}, [event])
        )
    if not doc.get("overdue") and doc["due_at"] <= now:
        event = workflow_event(
            doc,
            events.WorkflowStep.overdue,
            event_id=derive_id(doc["_id"], f"overdue:{doc.get('version')}"),
        )
        fired += await deps.store.fire(
            doc,
            "overdue",
            with_outbox({"$set": {"overdue": True, "overdue_at": now, "reminded": True}}, [event]),
        )
    return fired


# Every reaction of responses to every event it consumes.

#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (
    events.ResponsePublished,
    events.ResponseWorkflow,
    events.ImprovementRecorded,
)

EVENT_HANDLERS = {
    events.ExperienceRouted: on_routed,
    events.ResponseSubmitted: on_response_submitted,
    events.ExperienceWithdrawn: on_withdrawn,
}

# Each handler above is idempotent by itself (no consumer inbox: it cost two database commands
# per event), a late redelivery included (an old event sent again after newer ones: a relay that
# takes over a stopped instance's queue does that). Checked handler by handler:
# - `on_routed`: only a later assignment (`version`) replaces the one kept; an older one delivered
#   again puts the timer back on the kept one's;
# - `on_response_submitted`: one draft per answer of the network's system (an insert under an id
#   derived from its own);
# - `on_withdrawn`: final, the same values again.

PERIODIC = {fire_deadline_timers: "timer_interval_s"}
