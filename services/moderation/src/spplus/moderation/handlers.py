"""Moderation's reactions to events: a story arrives (analysed, its case opened, then published,
refused, sent to its author or queued), its author decides, the 72-hour windows end.

Every change of a case is a transition of `case.ModerationCase`, stored as one conditional write
(state, audit entry and events together): a repeated message, a double click or two instances
racing have one effect. Events about a story get ids derived from the story and the step.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from spplus.contracts import events
from spplus.runtime import clock
from spplus.runtime.domain import RefusedTransition
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.vault import Shredded

from .case import OPENING, CaseAction, CaseStatus, ModerationCase, audit
from .deps import ModerationDeps
from .engine import Analysis, StoryInput
from .engine.duplicates import bands, shingles, similarity
from .erasure import erase_case, sweep_retention

log = get_logger(__name__)


async def _duplicate_of(
    deps: ModerationDeps, experience_id: str, words: frozenset[int]
) -> tuple[str, float] | None:
    """The most similar story seen before, above the threshold (from the stored bands)."""
    best: tuple[str, float] | None = None
    for other in await deps.store.similar_candidates(bands(words), experience_id):
        score = similarity(words, frozenset(other.get("shingles", [])))
        if score >= deps.settings.duplicate_threshold and (best is None or score > best[1]):
            best = (other["_id"], score)
    return best


async def _readable(
    story: events.ExperienceSubmittedPayload, deps: ModerationDeps
) -> events.ExperienceSubmittedPayload | None:
    """The story with its sealed fields opened; None when its author had it erased already."""
    if story.sealed is None:
        return story
    try:
        opened = await deps.vault.open(str(story.experience_id), story.sealed)
    except Shredded:
        return None
    return story.model_copy(
        update={f: opened.get(f) for f in events.SEALED_STORY_FIELDS} | {"sealed": None}
    )


def _opened_case(
    event: events.ExperienceSubmitted,
    story: events.ExperienceSubmittedPayload,
    analysis: Analysis,
    words: frozenset[int],
    window: timedelta,
    now: datetime,
) -> Document:
    status = OPENING[events.ModerationDecision(analysis.decision)]
    return {
        "_id": str(story.experience_id),
        "status": status.value,
        "decision": analysis.decision,
        "reasons": analysis.reasons,
        "awaiting": analysis.decision if status is CaseStatus.awaiting_author else None,
        "deadline": now + window if status is CaseStatus.awaiting_author else None,
        "flags": [
            {"code": f.code, "confidence": f.confidence, "evidence": f.evidence}
            for f in analysis.flags
        ],
        "submitted": story.model_dump(mode="json"),
        "proposal": {
            "title": analysis.redacted_title,
            "description": analysis.redacted_description,
            "pseudonym": analysis.pseudonym,
            "edits": [e.as_dict() for e in analysis.edits],
            "tier": analysis.tier,
            "risks": [r.as_dict() for r in analysis.risks],
        },
        "correlation_id": str(event.correlation_id),
        "opened_at": now,
        "step": 1,
        "shingles": sorted(words),
        "audit": [
            audit("engine", analysis.decision, now, reasons=analysis.reasons, tier=analysis.tier)
        ],
    }


async def on_submitted(event: events.ExperienceSubmitted, *, deps: ModerationDeps) -> None:
    """Analyse a new story, open its case, and publish, notify, refuse or queue it."""
    experience_id = str(event.payload.experience_id)
    story = await _readable(event.payload, deps)
    if story is None:
        # Its author had it erased before it was read here (or this is an old copy of an
        # erased story delivered again): there is nothing left to moderate.
        log.info("story erased before moderation", experience_id=experience_id)
        return
    words = shingles(f"{story.title}\n{story.description}")
    # One place decides, for the service as for the CLI: the engine, told of the duplicate.
    analysis = deps.engine.analyze(
        StoryInput(
            id=experience_id,
            title=story.title,
            description=story.description,
            experience_date=datetime.fromisoformat(story.experience_date).date(),
            submitted_at=story.submitted_at,
            organisms=tuple(step.organisation for step in story.journey),
            pseudonym=story.pseudonym,
        ),
        duplicate_of=await _duplicate_of(deps, experience_id, words),
    )
    now = clock.now()
    doc = _opened_case(
        event, story, analysis, words, timedelta(hours=deps.settings.author_window_hours), now
    )
    case = ModerationCase(doc)
    if doc["deadline"] is not None:
        await deps.store.schedule.at(experience_id, doc["deadline"])
    if await deps.store.open_case(new_document_with_outbox(doc, case.opening_events(now))):
        deps.kick_relay()
        log.info(
            "case opened",
            experience_id=experience_id,
            decision=analysis.decision,
            reasons=analysis.reasons,
        )
    elif doc["deadline"] is not None:
        # A redelivery: the case and its deadline were decided the first time. The timer just
        # written holds this run's later deadline; it is put back on the case's own.
        existing = await deps.store.case(experience_id)
        if existing is not None and existing.get("deadline") is not None:
            await deps.store.schedule.at(experience_id, existing["deadline"])
    await deps.store.remember_bands(experience_id, bands(words))  # again if redelivered: no-op


async def withdraw_for_author(
    case: ModerationCase, deps: ModerationDeps, cause: events.Envelope[Any]
) -> Document | None:
    """The author's withdrawal, at any stage until the case is closed (a closed case: nothing
    to withdraw, and nothing is sent)."""
    try:
        change = case.withdraw(
            CaseAction.author_withdraw, "author", "demande de l'auteur", clock.now()
        )
    except RefusedTransition:
        return None
    # The event is the claimant: two events asking it at once (the author's withdrawal and
    # their erasure) make one withdrawal; the same event delivered again goes on.
    done = await deps.store.apply(case.id, change, claimant=f"event:{cause.event_id}")
    if done is not None:
        deps.kick_relay()
    return done


async def _existing(experience_id: object, deps: ModerationDeps) -> ModerationCase:
    doc = await deps.store.case(str(experience_id))
    if doc is None:
        raise LookupError("no case yet for this story")  # retried, then dead-lettered
    return ModerationCase(doc)


async def on_author_decision(event: events.AuthorDecisionMade, *, deps: ModerationDeps) -> None:
    """The author approves, rejects or blocks the edited story, or asks for its withdrawal."""
    case = await _existing(event.payload.experience_id, deps)
    action = event.payload.action
    if action is events.AuthorAction.withdraw:
        await withdraw_for_author(case, deps, event)
        return
    act = {
        events.AuthorAction.approve: CaseAction.author_approve,
        events.AuthorAction.reject: CaseAction.author_reject,
        events.AuthorAction.block: CaseAction.author_block,
    }[action]
    try:  # a decision on a case no longer waiting for it (late, or redelivered) does nothing
        change = (
            case.publish(act, "author", clock.now())
            if act is CaseAction.author_approve
            else case.close_unpublished(act, "author", clock.now())
        )
    except RefusedTransition:
        return
    done = await deps.store.apply(case.id, change, claimant=f"event:{event.event_id}")
    if done is not None and change.events:
        deps.kick_relay()


async def on_forgotten(event: events.AuthorForgotten, *, deps: ModerationDeps) -> None:
    """The author asked to be forgotten: the case keeps no raw text, no contact data, no
    evidence quoted from the text, no fingerprint for duplicates; a story not published yet is
    withdrawn whatever the author chose (there is no published story to keep)."""
    case = await _existing(event.payload.experience_id, deps)
    if case.status in (CaseStatus.awaiting_author, CaseStatus.human_review) or (
        not event.payload.keep_published and case.status is CaseStatus.published
    ):
        await withdraw_for_author(case, deps, event)
    await erase_case(case.doc, by="author", keep_proposal=event.payload.keep_published, deps=deps)


async def fire_due_timers(*, deps: ModerationDeps) -> int:
    """Close the 72 h windows that have passed (stored timers: a restart loses none)."""
    fired = 0
    now = clock.now()
    for timer in await deps.store.schedule.due(now):
        doc = await deps.store.case(timer["_id"])
        case = ModerationCase(doc) if doc is not None else None
        if (
            case is None
            or case.status is not CaseStatus.awaiting_author
            or not case.doc.get("deadline")
        ):
            await deps.store.schedule.drop(timer)  # the case left its window another way
            continue
        change = case.expire(now, publish_on_expiry=deps.settings.publish_on_expiry)
        if change is None:  # sent back to the author since: a new window
            await deps.store.schedule.at(case.id, case.doc["deadline"])
            continue
        done = await deps.store.apply(case.id, change)
        if done is not None and change.events:
            deps.kick_relay()
        fired += done is not None
        await deps.store.schedule.drop(timer)
    return fired


#: The events this service writes (its Kafka principal may write their topics, nothing else).
PRODUCES = (
    events.ExperienceModerated,
    events.ExperiencePublished,
    events.ExperienceWithdrawn,
)

EVENT_HANDLERS = {
    events.ExperienceSubmitted: on_submitted,
    events.AuthorDecisionMade: on_author_decision,
    events.AuthorForgotten: on_forgotten,
}

# Each handler above is idempotent by itself (no consumer inbox: it cost two database commands
# per event), a late redelivery included (an old event sent again after newer ones: a relay that
# takes over a stopped instance's queue does that). Checked handler by handler:
# - `on_submitted`: one case per story (an insert under its id), events under ids derived from
#   the case, bands added to sets; a redelivery puts the window's timer back on the case's own;
# - `on_author_decision`: a transition from the states that allow it, which no case re-enters;
# - `on_forgotten`: once (`erased_at`), and the same withdrawal as `on_author_decision`.

# Tasks run periodically: the settings field that holds each one's interval.
PERIODIC = {fire_due_timers: "timer_interval_s", sweep_retention: "retention_sweep_interval_s"}
