"""A moderation case as a state machine: pure, no database, no clock of its own.

Every way a case moves is one row of `MACHINE`; each transition returns the `Change` to store (the
new status, the fields, the audit entry, the events, and the states it may be applied from). The
store applies it as one conditional write from those states, so a moderator's approval racing the
72-hour timer, two moderators, or a redelivered author decision have one effect between them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from spplus.contracts import derive_id, events
from spplus.contracts.envelope import Envelope
from spplus.contracts.events import EditTier, ModerationDecision
from spplus.runtime.domain import Change, Invalid, Machine
from spplus.runtime.mongo import Document

from . import domain


class CaseStatus(StrEnum):
    human_review = "human_review"
    awaiting_author = "awaiting_author"
    published = "published"
    rejected = "rejected"
    not_published = "not_published"
    withdrawn = "withdrawn"


class CaseAction(StrEnum):
    author_approve = "author_approve"
    author_reject = "author_reject"
    author_block = "author_block"
    author_withdraw = "author_withdraw"
    window_publish = "window_publish"
    window_close = "window_close"
    moderator_approve = "moderator_approve"
    moderator_reject = "moderator_reject"
    send_to_author = "send_to_author"
    edit = "edit"
    moderator_withdraw = "moderator_withdraw"
    erase = "erase"


S = CaseStatus
_OPEN = frozenset({S.human_review, S.awaiting_author})
_AWAITING = frozenset({S.awaiting_author})

MACHINE: Machine[CaseStatus, CaseAction] = Machine(
    "case",
    {
        CaseAction.author_approve: (_AWAITING, S.published),
        CaseAction.author_reject: (_AWAITING, S.not_published),
        CaseAction.author_block: (_AWAITING, S.not_published),
        # at any stage until it is closed: everyone is told, even those who never had it
        CaseAction.author_withdraw: (_OPEN | {S.published}, S.withdrawn),
        CaseAction.window_publish: (_AWAITING, S.published),
        CaseAction.window_close: (_AWAITING, S.not_published),
        CaseAction.moderator_approve: (_OPEN, S.published),
        CaseAction.moderator_reject: (_OPEN, S.rejected),
        CaseAction.send_to_author: (frozenset({S.human_review}), S.awaiting_author),
        CaseAction.edit: (_OPEN, None),  # the text changes, the case stays where it is
        CaseAction.moderator_withdraw: (frozenset({S.published}), S.withdrawn),
        # the author's data goes at any stage, the case stays where it is
        CaseAction.erase: (frozenset(CaseStatus), None),
    },
)

#: The status a case opens in, for each decision of the engine.
OPENING = {
    ModerationDecision.publish: S.published,
    ModerationDecision.publish_after_notice: S.awaiting_author,
    ModerationDecision.await_author_approval: S.awaiting_author,
    ModerationDecision.reject: S.rejected,
    ModerationDecision.human_review: S.human_review,
}

_TIER_ORDER = [EditTier.none, EditTier.silent, EditTier.minor, EditTier.substantial]


def higher_tier(*tiers: str) -> EditTier:
    return max((EditTier(t) for t in tiers), key=_TIER_ORDER.index)


def audit(by: str, action: str, at: datetime, **detail: Any) -> Document:
    return {"at": at, "by": by, "action": action, **detail}


@dataclass(frozen=True)
class ModerationCase:
    """A case as stored (its document), and every transition it may take."""

    doc: Document

    @property
    def id(self) -> str:
        return str(self.doc["_id"])

    @property
    def status(self) -> CaseStatus:
        return CaseStatus(self.doc["status"])

    @property
    def step(self) -> int:
        return int(self.doc.get("step", 1))

    @property
    def proposal(self) -> Document:
        return dict(self.doc["proposal"])

    @property
    def tier(self) -> str:
        return str(self.proposal.get("tier", EditTier.none))

    # --- events about the case's story (ids derived from the story and the step) -----------

    def envelope(self, cls: type[Envelope[Any]], purpose: str, payload: Any) -> Any:
        return cls(
            event_id=derive_id(self.id, purpose),
            event_type=cls.model_fields["event_type"].default,
            producer="moderation",
            correlation_id=uuid.UUID(self.doc["correlation_id"]),
            payload=payload,
        )

    def moderated(
        self,
        decision: str,
        reasons: list[str],
        proposal: Document,
        deadline: datetime | None,
        step: int,
    ) -> Any:
        return self.envelope(
            events.ExperienceModerated,
            f"moderated:{step}",
            events.ExperienceModeratedPayload(
                experience_id=uuid.UUID(self.id),
                decision=decision,
                reason_codes=reasons,
                edit_tier=proposal.get("tier", EditTier.none),
                redacted_title=proposal["title"],
                redacted_description=proposal["description"],
                diff_summary=domain.diff_summary(proposal.get("edits", [])),
                author_deadline=deadline,
            ),
        )

    def published(self, proposal: Document, now: datetime) -> Any:
        story = events.ExperienceSubmittedPayload.model_validate(self.doc["submitted"])
        return self.envelope(
            events.ExperiencePublished,
            "published",
            events.ExperiencePublishedPayload(
                experience_id=story.experience_id,
                published_at=now,
                story=domain.public_story(
                    story, proposal["title"], proposal["description"], proposal.get("pseudonym")
                ),
            ),
        )

    # --- transitions ------------------------------------------------------------------------

    def opening_events(self, now: datetime) -> list[Any]:
        """What a case just opened tells: its first decision, and the story if published."""
        out = [
            self.moderated(
                self.doc["decision"], self.doc["reasons"], self.proposal, self.doc["deadline"], 1
            )
        ]
        if self.status is S.published:
            out.append(self.published(self.proposal, now))
        return out

    def publish(
        self, action: CaseAction, by: str, now: datetime, proposal: Document | None = None
    ) -> Change[CaseStatus]:
        """Published: by the author's approval, the end of the window, or a moderator."""
        target = MACHINE.check(
            self.status, action, "Ce récit n'attend plus de décision.", "case_not_open"
        )
        proposal = proposal or self.proposal
        step = self.step + 1
        return Change(
            MACHINE.sources(action),
            target,
            {
                "decision": ModerationDecision.publish.value,
                "deadline": None,
                "proposal": proposal,
                "step": step,
            },
            audit(by, _AUDIT[action], now),
            [
                self.moderated(ModerationDecision.publish, [], proposal, None, step),
                self.published(proposal, now),
            ],
        )

    def reject(self, reasons: list[str], by: str, now: datetime) -> Change[CaseStatus]:
        """A moderator refuses the story, with at least one reason."""
        if not reasons:
            raise Invalid("reason_required", "Indiquez au moins un motif de refus.")
        target = MACHINE.check(
            self.status,
            CaseAction.moderator_reject,
            "Ce récit n'attend plus de décision.",
            "case_not_open",
        )
        step = self.step + 1
        return Change(
            MACHINE.sources(CaseAction.moderator_reject),
            target,
            {
                "decision": ModerationDecision.reject.value,
                "reasons": reasons,
                "deadline": None,
                "step": step,
            },
            audit(by, "moderator_rejected", now, reasons=reasons),
            [self.moderated(ModerationDecision.reject, reasons, self.proposal, None, step)],
        )

    def close_unpublished(self, action: CaseAction, by: str, now: datetime) -> Change[CaseStatus]:
        """The author declines the edited version, or the window ends without their approval."""
        if action not in (
            CaseAction.author_reject,
            CaseAction.author_block,
            CaseAction.window_close,
        ):
            raise ValueError(f"{action} does not close a case unpublished")
        target = MACHINE.check(self.status, action)
        return Change(
            MACHINE.sources(action),
            target,
            {"deadline": None, "step": self.step + 1},
            audit(by, _AUDIT[action], now),
        )

    def expire(self, now: datetime, *, publish_on_expiry: bool) -> Change[CaseStatus] | None:
        """The author's window has passed: published, or closed when their approval was needed
        (unless the settings publish anyway). None when the window is not over (a new one)."""
        deadline = self.doc.get("deadline")
        if self.status is not S.awaiting_author or deadline is None or deadline > now:
            return None
        if (
            self.doc.get("awaiting") == ModerationDecision.await_author_approval
            and not publish_on_expiry
        ):
            return self.close_unpublished(CaseAction.window_close, "timer", now)
        return self.publish(CaseAction.window_publish, "timer", now)

    def send_to_author(self, by: str, now: datetime, deadline: datetime) -> Change[CaseStatus]:
        """A moderator asks the author about the proposal: a new window opens."""
        target = MACHINE.check(
            self.status,
            CaseAction.send_to_author,
            "Ce récit n'attend plus de décision.",
            "case_not_open",
        )
        step = self.step + 1
        awaiting = (
            ModerationDecision.await_author_approval
            if self.tier == EditTier.substantial
            else ModerationDecision.publish_after_notice
        )
        return Change(
            MACHINE.sources(CaseAction.send_to_author),
            target,
            {"awaiting": awaiting.value, "deadline": deadline, "step": step},
            audit(by, "sent_to_author", now),
            [self.moderated(awaiting, [], self.proposal, deadline, step)],
        )

    def edit(self, changes: dict[str, str], by: str, now: datetime) -> Change[CaseStatus]:
        """A moderator edits the proposed public text; the tier comes from the diff with the
        author's own text (never lower than the engine's)."""
        MACHINE.check(
            self.status, CaseAction.edit, "Ce récit ne peut plus être modifié.", "case_not_open"
        )
        proposal = self.proposal
        original = self.doc["submitted"]
        tiers = [self.tier]
        for name in ("title", "description"):
            if name in changes:
                proposal[name] = changes[name]
                tiers.append(domain.edit_tier(original[name], changes[name]))
        if "pseudonym" in changes:
            proposal["pseudonym"] = changes["pseudonym"] or None
            tiers.append(EditTier.silent)
        proposal["tier"] = higher_tier(*tiers).value
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
        return Change(
            MACHINE.sources(CaseAction.edit),
            None,  # an edit keeps the case where it is
            {"proposal": proposal, "step": self.step + 1},
            audit(by, "edited", now, tier=proposal["tier"], fields=sorted(changes)),
        )

    def withdraw(
        self, action: CaseAction, by: str, reason: str, now: datetime
    ) -> Change[CaseStatus]:
        """Withdrawn by its author (at any stage until closed) or by a moderator (published)."""
        target = (
            MACHINE.check(
                self.status, action, "Seul un récit publié peut être retiré.", "not_published"
            )
            if action is CaseAction.moderator_withdraw
            else MACHINE.check(self.status, action)
        )
        requested_by = "author" if action is CaseAction.author_withdraw else "moderator"
        withdrawn = self.envelope(
            events.ExperienceWithdrawn,
            "withdrawn",
            events.ExperienceWithdrawnPayload(
                experience_id=uuid.UUID(self.id), reason=reason, requested_by=requested_by
            ),
        )
        return Change(
            MACHINE.sources(action),
            target,
            {"deadline": None, "step": self.step + 1},
            audit(by, "withdraw", now, reason=reason),
            [withdrawn],
        )


_AUDIT = {
    CaseAction.author_approve: "author_approved",
    CaseAction.author_reject: "author_reject",
    CaseAction.author_block: "author_block",
    CaseAction.window_publish: "window_expired",
    CaseAction.window_close: "expired_without_approval",
    CaseAction.moderator_approve: "moderator_approved",
}


def erasure(
    case: ModerationCase, by: str, now: datetime, *, keep_proposal: bool
) -> Change[CaseStatus]:
    """What a case keeps once its author's text and contact data are deleted: no raw text, no
    evidence quoted from it, no fingerprint; the published version only if it is to be kept."""
    MACHINE.check(case.status, CaseAction.erase)
    fields: dict[str, Any] = {
        "erased_at": now,
        "submitted.title": "",
        "submitted.description": "",
        "submitted.pseudonym": None,
        "submitted.postal_code": None,
        "submitted.city": None,
        "flags": [
            {"code": f.get("code"), "confidence": f.get("confidence"), "evidence": None}
            for f in case.doc.get("flags", [])
        ],
        "proposal.edits": [],
        "proposal.risks": [],
        "shingles": [],
        "step": case.step + 1,
    }
    if not keep_proposal:
        fields |= {"proposal.title": "", "proposal.description": "", "proposal.pseudonym": None}
    return Change(
        MACHINE.sources(CaseAction.erase),
        None,
        fields,
        audit(by, "erased", now, kept_published=keep_proposal),
    )


def decision_target(action: str) -> tuple[CaseAction, CaseStatus]:
    """A moderator's decision (`approve`, `reject`, `send_to_author`) as an action and the status
    it leads to."""
    act = {
        "approve": CaseAction.moderator_approve,
        "reject": CaseAction.moderator_reject,
        "send_to_author": CaseAction.send_to_author,
    }[action]
    return act, MACHINE.target(act)
