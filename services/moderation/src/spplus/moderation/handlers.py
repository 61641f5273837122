"""Moderation's use cases: analyse, decide, wait for the author, let moderators act.

Every change of a case is one conditional update of its document (state, audit entry and the
events to publish together), so a repeated message, a double click or two instances racing have
one effect. Events about a story get ids derived from the story and the step, never random ones.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from spplus.contracts import derive_id, events
from spplus.contracts.envelope import Envelope
from spplus.runtime import clock
from spplus.runtime.errors import ApiProblem
from spplus.runtime.limits import SlidingWindow
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import new_document_with_outbox, with_outbox
from spplus.runtime.store import ServiceDeps
from spplus.runtime.vault import Shredded

from . import domain
from .engine import Analysis, Engine, StoryInput, Thresholds
from .engine.duplicates import bands, shingles, similarity
from .engine.policy import Flag
from .settings import ModerationSettings
from .store import ModerationStore

log = get_logger(__name__)

AWAITING = "awaiting_author"
REVIEW = "human_review"


@dataclass
class ModerationDeps(ServiceDeps[ModerationSettings, ModerationStore]):
    engine: Engine = field(default=None)  # type: ignore[assignment]  # built in __post_init__
    previews: SlidingWindow = field(default=None)
    preview_slots: asyncio.Semaphore = field(default=None)  # type: ignore[assignment]

    async def preview(self, story: StoryInput, client: str) -> Any:
        """The engine's analysis of a text nobody stored, off the event loop, within the budget
        of `analyze_per_minute` per client and `analyze_concurrency` at once."""
        if not self.previews.allow(client):
            raise ApiProblem(
                429,
                "too_many_requests",
                "Trop d'aperçus demandés : réessayez dans une minute.",
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


async def _case(experience_id: str, deps: ModerationDeps) -> Document:
    case = await deps.store.case(experience_id)
    if case is None:
        raise ApiProblem(404, "case_not_found", "Aucun dossier de modération pour ce récit.")
    return case


def _audit(by: str, action: str, **detail: Any) -> Document:
    return {"at": clock.now(), "by": by, "action": action, **detail}


def _envelope(cls: type[Envelope[Any]], case: Document, purpose: str, payload: Any) -> Any:
    """An event about the story of `case`, with an id derived from the story and the step."""
    return cls(
        event_id=derive_id(case["_id"], purpose),
        event_type=cls.model_fields["event_type"].default,
        producer="moderation",
        correlation_id=uuid.UUID(case["correlation_id"]),
        payload=payload,
    )


def _moderated(
    case: Document,
    decision: str,
    reasons: list[str],
    tier: str,
    proposal: Document,
    deadline: datetime | None,
    step: int,
) -> Any:
    return _envelope(
        events.ExperienceModerated,
        case,
        f"moderated:{step}",
        events.ExperienceModeratedPayload(
            experience_id=uuid.UUID(case["_id"]),
            decision=decision,
            reason_codes=reasons,
            edit_tier=tier,
            redacted_title=proposal["title"],
            redacted_description=proposal["description"],
            diff_summary=domain.diff_summary(proposal.get("edits", [])),
            author_deadline=deadline,
        ),
    )


def _published(case: Document, proposal: Document) -> Any:
    story = events.ExperienceSubmittedPayload.model_validate(case["submitted"])
    return _envelope(
        events.ExperiencePublished,
        case,
        "published",
        events.ExperiencePublishedPayload(
            experience_id=story.experience_id,
            published_at=clock.now(),
            story=domain.public_story(
                story, proposal["title"], proposal["description"], proposal.get("pseudonym")
            ),
        ),
    )


async def _duplicate_of(
    deps: ModerationDeps, experience_id: str, text: str
) -> tuple[str, float] | None:
    mine = shingles(text)
    best: tuple[str, float] | None = None
    for other in await deps.store.similar_candidates(bands(mine), experience_id):
        score = similarity(mine, frozenset(other.get("shingles", [])))
        if score >= deps.settings.duplicate_threshold and (best is None or score > best[1]):
            best = (other["_id"], score)
    return best


def _outcome(analysis: Analysis, settings: ModerationSettings) -> tuple[str, datetime | None]:
    """Case status and author deadline for an engine decision."""
    if analysis.decision == "publish":
        return "published", None
    if analysis.decision in ("publish_after_notice", "await_author_approval"):
        return AWAITING, clock.now() + timedelta(hours=settings.author_window_hours)
    if analysis.decision == "reject":
        return "rejected", None
    return REVIEW, None


async def on_submitted(event: events.ExperienceSubmitted, *, deps: ModerationDeps) -> None:
    """Analyse a new story, open its case, and publish, notify, refuse or queue it."""
    story = event.payload
    experience_id = str(story.experience_id)
    if story.sealed is not None:
        try:
            opened = await deps.vault.open(experience_id, story.sealed)
        except Shredded:
            # Its author had it erased before it was read here (or this is an old copy of an
            # erased story delivered again): there is nothing left to moderate.
            log.info("story erased before moderation", experience_id=experience_id)
            return
        story = story.model_copy(
            update={f: opened.get(f) for f in events.SEALED_STORY_FIELDS} | {"sealed": None}
        )
    text = f"{story.title}\n{story.description}"
    analysis = deps.engine.analyze(
        StoryInput(
            id=experience_id,
            title=story.title,
            description=story.description,
            experience_date=datetime.fromisoformat(story.experience_date).date(),
            submitted_at=story.submitted_at,
            organisms=tuple(step.organisation for step in story.journey),
            pseudonym=story.pseudonym,
        )
    )
    duplicate = await _duplicate_of(deps, experience_id, text)
    if duplicate is not None:
        analysis.flags.append(Flag("DUPLICATE", min(1.0, 0.5 + duplicate[1] / 2), duplicate[0]))
        analysis.decision, analysis.reasons = "reject", ["DUPLICATE"]
    status, deadline = _outcome(analysis, deps.settings)
    proposal = {
        "title": analysis.redacted_title,
        "description": analysis.redacted_description,
        "pseudonym": analysis.pseudonym,
        "edits": [e.as_dict() for e in analysis.edits],
        "tier": analysis.tier,
        "risks": [r.as_dict() for r in analysis.risks],
    }
    words = shingles(text)
    case: Document = {
        "_id": experience_id,
        "status": status,
        "decision": analysis.decision,
        "reasons": analysis.reasons,
        "awaiting": analysis.decision if status == AWAITING else None,
        "deadline": deadline,
        "flags": [
            {"code": f.code, "confidence": f.confidence, "evidence": f.evidence}
            for f in analysis.flags
        ],
        "submitted": story.model_dump(mode="json"),
        "proposal": proposal,
        "correlation_id": str(event.correlation_id),
        "opened_at": clock.now(),
        "step": 1,
        "shingles": sorted(words),
        "audit": [
            _audit("engine", analysis.decision, reasons=analysis.reasons, tier=analysis.tier)
        ],
    }
    out = [
        _moderated(case, analysis.decision, analysis.reasons, analysis.tier, proposal, deadline, 1)
    ]
    if status == "published":
        out.append(_published(case, proposal))
    if deadline is not None:
        await deps.store.schedule.at(experience_id, deadline)
    if await deps.store.open_case(new_document_with_outbox(case, out)):
        deps.kick_relay()
        log.info(
            "case opened",
            experience_id=experience_id,
            decision=analysis.decision,
            reasons=analysis.reasons,
        )
    elif deadline is not None:
        # A redelivery: the case and its deadline were decided the first time. The timer just
        # written holds this run's later deadline; it is put back on the case's own.
        existing = await deps.store.case(experience_id)
        if existing is not None and existing.get("deadline") is not None:
            await deps.store.schedule.at(experience_id, existing["deadline"])
    await deps.store.remember_bands(experience_id, bands(words))  # again if redelivered: no-op


async def _publish_case(
    case: Document,
    *,
    by: str,
    action: str,
    from_statuses: list[str],
    deps: ModerationDeps,
    proposal: Document | None = None,
) -> Document | None:
    proposal = proposal or case["proposal"]
    step = int(case.get("step", 1)) + 1
    update = with_outbox(
        {
            "$set": {
                "status": "published",
                "decision": "publish",
                "deadline": None,
                "proposal": proposal,
                "step": step,
            },
            "$push": {"audit": _audit(by, action)},
        },
        [
            _moderated(case, "publish", [], proposal.get("tier", "none"), proposal, None, step),
            _published(case, proposal),
        ],
    )
    done = await deps.store.transition(case["_id"], from_statuses, update)
    if done is not None:
        deps.kick_relay()
    return done


async def _close_case(
    case: Document,
    status: str,
    *,
    by: str,
    action: str,
    from_statuses: list[str],
    reasons: list[str],
    deps: ModerationDeps,
) -> Document | None:
    step = int(case.get("step", 1)) + 1
    proposal = case["proposal"]
    update = with_outbox(
        {
            "$set": {
                "status": status,
                "decision": "reject",
                "reasons": reasons,
                "deadline": None,
                "step": step,
            },
            "$push": {"audit": _audit(by, action, reasons=reasons)},
        },
        [_moderated(case, "reject", reasons, proposal.get("tier", "none"), proposal, None, step)],
    )
    done = await deps.store.transition(case["_id"], from_statuses, update)
    if done is not None:
        deps.kick_relay()
    return done


async def _withdraw(
    case: Document,
    *,
    by: str,
    reason: str,
    requested_by: str,
    deps: ModerationDeps,
    from_statuses: tuple[str, ...] | list[str] = ("published",),
) -> Document | None:
    withdrawn = _envelope(
        events.ExperienceWithdrawn,
        case,
        "withdrawn",
        events.ExperienceWithdrawnPayload(
            experience_id=uuid.UUID(case["_id"]), reason=reason, requested_by=requested_by
        ),
    )
    update = with_outbox(
        {
            "$set": {"status": "withdrawn", "deadline": None},
            "$push": {"audit": _audit(by, "withdraw", reason=reason)},
        },
        [withdrawn],
    )
    done = await deps.store.transition(case["_id"], list(from_statuses), update)
    if done is not None:
        deps.kick_relay()
    return done


async def on_author_decision(event: events.AuthorDecisionMade, *, deps: ModerationDeps) -> None:
    """The author approves, rejects or blocks the edited story, or asks for its withdrawal."""
    case = await deps.store.case(str(event.payload.experience_id))
    if case is None:
        raise LookupError("no case yet for this story")  # retried, then dead-lettered
    action = event.payload.action
    by = "author"
    if action is events.AuthorAction.approve:
        await _publish_case(
            case, by=by, action="author_approved", from_statuses=[AWAITING], deps=deps
        )
    elif action in (events.AuthorAction.reject, events.AuthorAction.block):
        await deps.store.transition(
            case["_id"],
            [AWAITING],
            {
                "$set": {"status": "not_published", "deadline": None},
                "$push": {"audit": _audit(by, f"author_{action.value}")},
            },
        )
    elif action is events.AuthorAction.withdraw:
        # At any stage: published (and maybe answered), waiting for the author, or in review.
        # Everyone is told, those who never had the story included (they keep it withdrawn, in
        # case the story's other events reach them later).
        await _withdraw(
            case,
            by=by,
            reason="demande de l'auteur",
            requested_by="author",
            deps=deps,
            from_statuses=["published", AWAITING, REVIEW],
        )


async def on_forgotten(event: events.AuthorForgotten, *, deps: ModerationDeps) -> None:
    """The author asked to be forgotten: the case keeps no raw text, no contact data, no
    evidence quoted from the text, no fingerprint for duplicates; a story not published yet is
    withdrawn whatever the author chose (there is no published story to keep)."""
    case = await deps.store.case(str(event.payload.experience_id))
    if case is None:
        raise LookupError("no case yet for this story")  # retried, then dead-lettered
    if case["status"] in (AWAITING, REVIEW) or (
        not event.payload.keep_published and case["status"] == "published"
    ):
        await _withdraw(
            case,
            by="author",
            reason="demande de l'auteur",
            requested_by="author",
            deps=deps,
            from_statuses=["published", AWAITING, REVIEW],
        )
    await _erase_case(case, by="author", keep_proposal=event.payload.keep_published, deps=deps)


async def _erase_case(
    case: Document, *, by: str, keep_proposal: bool, deps: ModerationDeps
) -> bool:
    """Delete what a case holds of the author's text and contact data (once)."""
    if case.get("erased_at"):
        return False
    now = clock.now()
    await deps.store.forget_bands(case["_id"], bands(frozenset(case.get("shingles", []))))
    update: Document = {
        "$set": {
            "erased_at": now,
            "submitted.title": "",
            "submitted.description": "",
            "submitted.pseudonym": None,
            "submitted.postal_code": None,
            "submitted.city": None,
            "flags": [
                {"code": f.get("code"), "confidence": f.get("confidence"), "evidence": None}
                for f in case.get("flags", [])
            ],
            "proposal.edits": [],
            "proposal.risks": [],
            "shingles": [],
        },
        "$push": {"audit": _audit(by, "erased", kept_published=keep_proposal)},
    }
    if not keep_proposal:
        update["$set"] |= {
            "proposal.title": "",
            "proposal.description": "",
            "proposal.pseudonym": None,
        }
    await deps.store.update(case["_id"], update)
    log.info("case erased", experience_id=case["_id"], by=by)
    return True


async def sweep_retention(*, deps: ModerationDeps, now: datetime | None = None) -> int:
    """Erase the raw text and contact data of cases whose last step (their last audit entry)
    is older than the retention settings; a published story keeps its published version."""
    now = now or clock.now()
    days = min(deps.settings.retention_contact_days, deps.settings.retention_raw_text_days)
    erased = 0
    for case in await deps.store.stale_cases(now - timedelta(days=days)):
        if await _erase_case(case, by="retention", keep_proposal=True, deps=deps):
            erased += 1
    return erased


async def fire_due_timers(*, deps: ModerationDeps) -> int:
    """Close the 72 h windows that have passed (stored timers: a restart loses none)."""
    fired = 0
    now = clock.now()
    for timer in await deps.store.schedule.due(now):
        case = await deps.store.case(timer["_id"])
        if case is None or case["status"] != AWAITING or case.get("deadline") is None:
            await deps.store.schedule.drop(timer)  # the case left its window another way
            continue
        if case["deadline"] > now:  # sent back to the author since: a new window
            await deps.store.schedule.at(case["_id"], case["deadline"])
            continue
        if case.get("awaiting") == "await_author_approval" and not deps.settings.publish_on_expiry:
            done = await deps.store.transition(
                case["_id"],
                [AWAITING],
                {
                    "$set": {"status": "not_published", "deadline": None},
                    "$push": {"audit": _audit("timer", "expired_without_approval")},
                },
            )
        else:
            done = await _publish_case(
                case, by="timer", action="window_expired", from_statuses=[AWAITING], deps=deps
            )
        fired += done is not None
        await deps.store.schedule.drop(timer)
    return fired


# --- moderator actions ---------------------------------------------------------------------------


async def moderator_decision(
    experience_id: str, action: str, reasons: list[str], *, moderator: str, deps: ModerationDeps
) -> Document:
    """approve | reject | send_to_author. The same decision twice has one effect."""
    case = await _case(experience_id, deps)
    target = {"approve": "published", "reject": "rejected", "send_to_author": AWAITING}[action]
    if case["status"] == target:
        return case  # already done: a double click or a retried request
    if case["status"] not in (REVIEW, AWAITING) or (
        action == "send_to_author" and case["status"] != REVIEW
    ):
        raise ApiProblem(
            409, "case_not_open", f"Ce récit n'attend plus de décision (état : {case['status']})."
        )
    done: Document | None
    if action == "approve":
        done = await _publish_case(
            case,
            by=moderator,
            action="moderator_approved",
            from_statuses=[REVIEW, AWAITING],
            deps=deps,
        )
    elif action == "reject":
        if not reasons:
            raise ApiProblem(422, "reason_required", "Indiquez au moins un motif de refus.")
        done = await _close_case(
            case,
            "rejected",
            by=moderator,
            action="moderator_rejected",
            from_statuses=[REVIEW, AWAITING],
            reasons=reasons,
            deps=deps,
        )
    else:
        step = int(case.get("step", 1)) + 1
        deadline = clock.now() + timedelta(hours=deps.settings.author_window_hours)
        proposal = case["proposal"]
        awaiting = (
            "await_author_approval"
            if proposal.get("tier") == "substantial"
            else "publish_after_notice"
        )
        await deps.store.schedule.at(case["_id"], deadline)
        done = await deps.store.transition(
            case["_id"],
            [REVIEW],
            with_outbox(
                {
                    "$set": {
                        "status": AWAITING,
                        "awaiting": awaiting,
                        "deadline": deadline,
                        "step": step,
                    },
                    "$push": {"audit": _audit(moderator, "sent_to_author")},
                },
                [
                    _moderated(
                        case, awaiting, [], proposal.get("tier", "none"), proposal, deadline, step
                    )
                ],
            ),
        )
        if done is not None:
            deps.kick_relay()
    return done or await _case(experience_id, deps)


async def moderator_edit(
    experience_id: str, changes: dict[str, str], *, moderator: str, deps: ModerationDeps
) -> Document:
    """Edit the proposed public text; the tier comes from the diff with the author's text."""
    case = await _case(experience_id, deps)
    if case["status"] not in (REVIEW, AWAITING):
        raise ApiProblem(
            409, "case_not_open", f"Ce récit ne peut plus être modifié (état : {case['status']})."
        )
    proposal = dict(case["proposal"])
    original = case["submitted"]
    tiers = ["none", proposal.get("tier", "none")]
    for name in ("title", "description"):
        if name in changes:
            proposal[name] = changes[name]
            tiers.append(domain.edit_tier(original[name], changes[name]))
    if "pseudonym" in changes:
        proposal["pseudonym"] = changes["pseudonym"] or None
        tiers.append("silent")
    order = ["none", "silent", "minor", "substantial"]
    proposal["tier"] = max(tiers, key=order.index)
    proposal["edits"] = [
        *proposal.get("edits", []),
        {
            "field": "text",
            "kind": "moderator_edit",
            "tier": proposal["tier"],
            "span": [0, 0],
            "replacement": "",
        },
    ]
    done = await deps.store.transition(
        case["_id"],
        [REVIEW, AWAITING],
        {
            "$set": {"proposal": proposal},
            "$push": {
                "audit": _audit(moderator, "edited", tier=proposal["tier"], fields=sorted(changes))
            },
        },
    )
    return done or await _case(experience_id, deps)


async def moderator_withdraw(
    experience_id: str, reason: str, *, moderator: str, deps: ModerationDeps
) -> Document:
    case = await _case(experience_id, deps)
    if case["status"] == "withdrawn":
        return case
    if case["status"] != "published":
        raise ApiProblem(409, "not_published", "Seul un récit publié peut être retiré.")
    return await _withdraw(
        case, by=moderator, reason=reason, requested_by="moderator", deps=deps
    ) or await _case(experience_id, deps)


# Every reaction of moderation to every event it consumes.

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
