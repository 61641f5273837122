"""Responses' use cases: stories arrive from routing, agents draft and publish answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument

from spplus.contracts import derive_id, events, network_of
from spplus.contracts.api import FieldError
from spplus.redaction import warm_up
from spplus.runtime import clock, faults
from spplus.runtime.auth import Principal, Role
from spplus.runtime.errors import ApiProblem
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.outbox import new_document_with_outbox, with_outbox
from spplus.runtime.store import ServiceDeps

from . import domain, lint, starting
from .settings import ResponsesSettings
from .store import ResponsesStore

log = get_logger(__name__)


@dataclass
class ResponsesDeps(ServiceDeps[ResponsesSettings, ResponsesStore]):
    def __post_init__(self) -> None:
        # The guide check runs moderation's redactor: its model loads at start, not on the
        # first answer an agent checks.
        warm_up()


def _withdrawn() -> ApiProblem:
    """What any action on a withdrawn story (or its drafts) gets."""
    return ApiProblem(
        410, "experience_withdrawn", "Ce récit a été retiré : il ne peut plus recevoir de réponse."
    )


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


async def story_for(
    experience_id: uuid.UUID, principal: Principal, deps: ResponsesDeps
) -> Document:
    story = await deps.store.story(str(experience_id))
    if story is None:
        raise ApiProblem(404, "experience_not_found", "Aucun récit sous cet identifiant.")
    if story.get("status") == "withdrawn":
        raise _withdrawn()
    if not domain.may_act_on(principal, story["network"], story.get("entity")):
        raise ApiProblem(
            403, "not_your_network", "Ce récit est attribué à un autre réseau que le vôtre."
        )
    return story


def starting_draft(story: Document, principal: Principal) -> dict[str, Any]:
    """The guide's six steps for this story, signed by the caller (help to write)."""
    return starting.starting_draft(
        story["story"],
        network=story["network"],
        signature=domain.signature(principal, story["network"]),
    )


async def starting_draft_for(
    experience_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> dict[str, Any]:
    return starting_draft(await story_for(experience_id, principal, deps), principal)


async def create_draft(
    experience_id: uuid.UUID, body: str | None, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Start an answer: with the agent's text, or (no body) from the guide's six steps."""
    story = await story_for(experience_id, principal, deps)
    if body is None:
        body = starting_draft(story, principal)["body"]
    now = clock.now()
    draft = {
        "_id": str(uuid.uuid4()),
        "experience_id": str(experience_id),
        "network": story["network"],
        "entity": story.get("entity"),
        "body": body,
        "status": "draft",
        "author": principal.subject,
        "author_name": principal.name,
        "created_at": now,
        "versions": [{"at": now, "by": principal.subject, "body": body}],
        "correlation_id": story["correlation_id"],
        "due_at": story.get("due_at"),
    }
    await deps.store.create_draft(draft)
    return draft


async def publish_draft(
    draft_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Publish a draft (once: a repeated request returns the same published answer).

    A publisher publishes directly; a validator publishes what they approve; a drafter cannot.
    """
    draft = await draft_for(draft_id, principal, deps)
    if draft["status"] == "published":
        await deps.store.mark_answered(draft["experience_id"])  # if a crash came in between
        return draft
    if not (principal.publisher or principal.has_any(Role.validator)):
        raise ApiProblem(
            403,
            "drafter_cannot_publish",
            "Votre profil rédige des projets : soumettez-le à un valideur.",
        )
    # The story may have moved to another network since the draft was written.
    await _require_guide(draft, principal, deps)
    now = clock.now()
    response_id = derive_id(draft["_id"], "response")
    published = events.ResponsePublished(
        event_id=derive_id(draft["_id"], "response.published"),
        event_type="response.published",
        producer="responses",
        correlation_id=uuid.UUID(draft["correlation_id"]),
        payload=events.ResponsePublishedPayload(
            response_id=response_id,
            experience_id=uuid.UUID(draft["experience_id"]),
            network=draft["network"],
            entity=draft.get("entity"),
            body=draft["body"],
            signature=f"{(draft.get('author_name') or '').split(' ')[0] or domain.first_name(principal)}, pour {domain.organisation(draft['network'])}",
            published_at=now,
        ),
    )
    update = {
        "$set": {
            "status": "published",
            "published_at": now,
            "published_by": principal.subject,
            "response_id": str(response_id),
            "signature": published.payload.signature,
            "revision": 1,
        }
    }
    # The answer and its event in one write: a crash cannot leave an answer « published » that
    # never reaches the public, the author or the indicators.
    result = await deps.store.publish_draft(str(draft_id), with_outbox(update, [published]))
    faults.point("responses.after_publish")  # a test may stop here: stored, nothing sent yet
    if result is None:  # published meanwhile by a concurrent request
        return await deps.store.draft(str(draft_id)) or draft
    deps.kick_relay()
    await deps.store.mark_answered(draft["experience_id"])
    log.info("response published", experience_id=draft["experience_id"], network=draft["network"])
    return result


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


async def _require_guide(draft: Document, principal: Principal, deps: ResponsesDeps) -> None:
    """The draft's story must still be the caller's network's, and the guide's errors fixed."""
    story = await story_for(uuid.UUID(draft["experience_id"]), principal, deps)
    errors = lint.blocking(
        check(draft["body"], story, principal, draft["network"], draft.get("author_name"))
    )
    if errors:
        raise ApiProblem(
            422,
            "guide_not_met",
            "La réponse ne respecte pas encore le guide : corrigez les points indiqués.",
            [FieldError(field="body", code=m.code, message=m.text) for m in errors],
        )


def check(
    body: str,
    story: Document | None,
    principal: Principal,
    network: str,
    author_name: str | None = None,
) -> list[lint.Message]:
    """The guide's checks for `body`, with the story's pseudonym and the signature of the agent
    who wrote it (`author_name`, else the caller)."""
    pseudonym = (story or {}).get("story", {}).get("pseudonym")
    first_name = (author_name or "").split(" ")[0] or domain.first_name(principal)
    return lint.lint(
        body, pseudonym=pseudonym, first_name=first_name, organisation=domain.organisation(network)
    )


async def lint_answer(
    body: str, experience_id: uuid.UUID | None, *, principal: Principal, deps: ResponsesDeps
) -> list[lint.Message]:
    story = await story_for(experience_id, principal, deps) if experience_id else None
    return check(body, story, principal, (story or {}).get("network") or principal.network or "")


async def draft_for(draft_id: uuid.UUID, principal: Principal, deps: ResponsesDeps) -> Document:
    draft = await deps.store.draft(str(draft_id))
    if draft is None:
        raise ApiProblem(404, "draft_not_found", "Aucun brouillon sous cet identifiant.")
    if not domain.may_act_on(principal, draft["network"], draft.get("entity")):
        raise ApiProblem(403, "not_your_network", "Ce brouillon appartient à un autre réseau.")
    if draft.get("withdrawn"):
        raise _withdrawn()
    return draft


async def _move(
    draft: Document, from_statuses: list[str], update: Document, deps: ResponsesDeps
) -> Document:
    done = await deps.store.drafts.find_one_and_update(
        {"_id": draft["_id"], "status": {"$in": from_statuses}},
        update,
        return_document=ReturnDocument.AFTER,
    )
    if done is None:
        raise ApiProblem(
            409,
            "draft_state",
            f"Ce brouillon est « {draft['status']} » : cette action n'est pas possible.",
        )
    deps.kick_relay()
    return done


async def edit_draft(
    draft_id: uuid.UUID, body: str, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Save a new version (every version is kept); a returned draft becomes a draft again; a
    published answer may be corrected for `edit_window_minutes`, then it is locked."""
    draft = await draft_for(draft_id, principal, deps)
    if draft["status"] == "published":
        return await _edit_published(draft, body, principal=principal, deps=deps)
    now = clock.now()
    return await _move(
        draft,
        ["draft", "returned"],
        {
            "$set": {"body": body, "status": "draft", "updated_at": now},
            "$push": {"versions": {"at": now, "by": principal.subject, "body": body}},
        },
        deps,
    )


async def _edit_published(
    draft: Document, body: str, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Correct a published answer: the guide is checked again, the public read is replaced
    (`response.published` with the next revision)."""
    if not (principal.publisher or principal.has_any(Role.validator)):
        raise ApiProblem(
            403, "drafter_cannot_publish", "Seul un agent qui publie peut corriger une réponse."
        )
    now = clock.now()
    window = timedelta(minutes=deps.settings.edit_window_minutes)
    if now > draft["published_at"] + window:
        raise ApiProblem(
            409,
            "answer_locked",
            f"Une réponse publiée se corrige pendant {deps.settings.edit_window_minutes:g} "
            "minutes : celle-ci est verrouillée.",
        )
    await _require_guide({**draft, "body": body}, principal, deps)
    revision = int(draft.get("revision", 1)) + 1
    edited = events.ResponsePublished(
        event_id=derive_id(draft["_id"], f"response.published:{revision}"),
        event_type="response.published",
        producer="responses",
        correlation_id=uuid.UUID(draft["correlation_id"]),
        payload=events.ResponsePublishedPayload(
            response_id=uuid.UUID(draft["response_id"]),
            experience_id=uuid.UUID(draft["experience_id"]),
            network=draft["network"],
            entity=draft.get("entity"),
            body=body,
            signature=draft["signature"],
            published_at=draft["published_at"],
            revision=revision,
            edited_at=now,
        ),
    )
    done = await deps.store.drafts.find_one_and_update(
        {"_id": draft["_id"], "status": "published", "revision": revision - 1},
        with_outbox(
            {
                "$set": {"body": body, "revision": revision, "edited_at": now},
                "$push": {"versions": {"at": now, "by": principal.subject, "body": body}},
            },
            [edited],
        ),
        return_document=ReturnDocument.AFTER,
    )
    if done is None:
        raise ApiProblem(
            409, "draft_state", "La réponse vient d'être modifiée : rechargez-la avant de corriger."
        )
    deps.kick_relay()
    return done


def _workflow(
    doc: Document,
    step: events.WorkflowStep,
    *,
    draft_id: str | None = None,
    comment: str | None = None,
) -> events.ResponseWorkflow:
    """An event for the network's agents (no personal data: ids, network, deadline, comment)."""
    experience_id = doc.get("experience_id") or doc["_id"]
    return events.ResponseWorkflow(
        event_type="response.workflow",
        producer="responses",
        correlation_id=uuid.UUID(doc["correlation_id"]),
        payload=events.ResponseWorkflowPayload(
            experience_id=uuid.UUID(experience_id),
            network=doc["network"],
            entity=doc.get("entity"),
            step=step,
            due_at=doc.get("due_at"),
            draft_id=uuid.UUID(draft_id) if draft_id else None,
            comment=comment,
        ),
    )


async def submit_draft(
    draft_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """Send a draft to the network's validators; the guide's errors must be fixed first."""
    draft = await draft_for(draft_id, principal, deps)
    await _require_guide(draft, principal, deps)
    return await _move(
        draft,
        ["draft", "returned"],
        with_outbox(
            {
                "$set": {
                    "status": "in_validation",
                    "submitted_by": principal.subject,
                    "submitted_at": clock.now(),
                }
            },
            [_workflow(draft, events.WorkflowStep.draft_submitted, draft_id=draft["_id"])],
        ),
        deps,
    )


async def return_draft(
    draft_id: uuid.UUID, comment: str, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """A validator sends a draft back with a comment (kept with every version)."""
    if not principal.has_any(Role.validator):
        raise ApiProblem(403, "validator_only", "Seul un valideur peut renvoyer un projet.")
    draft = await draft_for(draft_id, principal, deps)
    return await _move(
        draft,
        ["in_validation"],
        with_outbox(
            {
                "$set": {"status": "returned"},
                "$push": {
                    "comments": {"at": clock.now(), "by": principal.subject, "text": comment}
                },
            },
            [
                _workflow(
                    draft,
                    events.WorkflowStep.draft_returned,
                    draft_id=draft["_id"],
                    comment=comment,
                )
            ],
        ),
        deps,
    )


async def approve_draft(
    draft_id: uuid.UUID, *, principal: Principal, deps: ResponsesDeps
) -> Document:
    """A validator of the draft's network approves it: it is published."""
    if not principal.has_any(Role.validator):
        raise ApiProblem(403, "validator_only", "Seul un valideur peut approuver un projet.")
    draft = await draft_for(draft_id, principal, deps)
    if draft["status"] not in ("in_validation", "published"):
        raise ApiProblem(409, "draft_state", "Ce projet n'a pas été soumis à validation.")
    return await publish_draft(draft_id, principal=principal, deps=deps)


async def record_improvement(
    experience_id: uuid.UUID,
    title: str,
    description: str,
    also: list[uuid.UUID],
    *,
    principal: Principal,
    deps: ResponsesDeps,
    action_id: uuid.UUID | None = None,
) -> Document:
    """What the service changed because of one or more stories (all assigned to the caller's
    network): published on each story with `improvement.recorded`."""
    ids = list(dict.fromkeys([experience_id, *also]))
    stories = [await story_for(i, principal, deps) for i in ids]
    action_id = action_id or uuid.uuid4()
    now = clock.now()
    recorded = [
        events.ImprovementRecorded(
            event_id=derive_id(action_id, f"improvement.recorded:{story['_id']}"),
            event_type="improvement.recorded",
            producer="responses",
            correlation_id=uuid.UUID(story["correlation_id"]),
            payload=events.ImprovementRecordedPayload(
                action_id=action_id,
                experience_id=uuid.UUID(story["_id"]),
                network=story["network"],
                title=title,
                description=description,
                recorded_at=now,
                experience_ids=ids,
            ),
        )
        for story in stories
    ]
    doc = new_document_with_outbox(
        {
            "_id": str(action_id),
            "network": stories[0]["network"],
            "experience_ids": [str(i) for i in ids],
            "title": title,
            "description": description,
            "recorded_at": now,
            "recorded_by": principal.subject,
        },
        recorded,
    )
    if not await deps.store.record_improvement(doc):
        raise ApiProblem(409, "improvement_exists", "Cette action d'amélioration existe déjà.")
    deps.kick_relay()
    log.info("improvement recorded", action_id=str(action_id), stories=len(ids))
    return doc


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
        event = _workflow(doc, events.WorkflowStep.deadline_near)
        event = event.model_copy(
            update={"event_id": derive_id(doc["_id"], f"deadline_near:{doc.get('version')}")}
        )
        fired += await deps.store.fire(
            doc, "reminded", with_outbox({"$set": {"reminded": True, "reminded_at": now}}, [event])
        )
    if not doc.get("overdue") and doc["due_at"] <= now:
        event = _workflow(doc, events.WorkflowStep.overdue)
        event = event.model_copy(
            update={"event_id": derive_id(doc["_id"], f"overdue:{doc.get('version')}")}
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
