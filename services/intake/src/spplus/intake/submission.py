"""A submission, seen from its author: pure, no database, no clock of its own.

What the author may do through their link depends on what moderation decided (the submission's
status): answer a proposal once, and withdraw the story once, at any stage (even after
answering). A follow-up link (the receipt's) may only withdraw; a decision link answers its own
proposal only. Erasure deletes the author's request and tells every service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from spplus.contracts import derive_id, events
from spplus.runtime.domain import Conflict, Forbidden
from spplus.runtime.links import Purpose
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import Tombstone


class SubmissionStatus(StrEnum):
    """What moderation decided last (`received` before it did)."""

    received = "received"
    publish = "publish"
    publish_after_notice = "publish_after_notice"
    await_author_approval = "await_author_approval"
    human_review = "human_review"
    reject = "reject"


A = events.AuthorAction
S = SubmissionStatus

#: What an author may do through their link, depending on what moderation decided.
AUTHOR_ACTIONS: dict[SubmissionStatus, frozenset[events.AuthorAction]] = {
    S.publish_after_notice: frozenset({A.block, A.withdraw}),
    S.await_author_approval: frozenset({A.approve, A.reject, A.withdraw}),
    S.human_review: frozenset({A.withdraw}),
    S.publish: frozenset({A.withdraw}),
    S.received: frozenset({A.withdraw}),
    S.reject: frozenset(),
}

#: What a follow-up link (the receipt's) may do: follow, and withdraw the story at any stage.
FOLLOW_ACTIONS = frozenset({A.withdraw})


def story_event(
    cls: type[events.Envelope[Any]], experience_id: uuid.UUID, purpose: str, payload: Any
) -> Any:
    """An event about one story from its author, with an id derived from the story and the
    purpose (the same request twice is the same event)."""
    return cls(
        event_id=derive_id(experience_id, purpose),
        event_type=cls.model_fields["event_type"].default,
        producer="intake",
        correlation_id=experience_id,
        payload=payload,
    )


def author_decision(experience_id: uuid.UUID, action: events.AuthorAction) -> Any:
    return story_event(
        events.AuthorDecisionMade,
        experience_id,
        f"author:{action.value}",
        events.AuthorDecisionPayload(experience_id=experience_id, action=action),
    )


@dataclass(frozen=True)
class Decision:
    """An author's answer to store once: the field that says it was given, its values, its
    event (`repeat`: the same answer given before, nothing to store)."""

    once: str
    record: dict[str, Any]
    event: Any
    repeat: bool = False


@dataclass(frozen=True)
class Submission:
    doc: Document

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.doc["_id"])

    @property
    def status(self) -> SubmissionStatus:
        return SubmissionStatus(self.doc.get("status", "received"))

    @property
    def withdrawn(self) -> bool:
        return bool(self.doc.get("withdrawal_requested_at") or self.doc.get("withdrawn_at"))

    def allowed(self, purpose: Purpose = Purpose.decision) -> frozenset[events.AuthorAction]:
        """What the author may still do through a link of this purpose."""
        if self.withdrawn or self.doc.get("erased_at"):
            return frozenset()
        allowed = AUTHOR_ACTIONS.get(self.status, frozenset())
        if self.doc.get("author_decision"):
            allowed = allowed & FOLLOW_ACTIONS
        if purpose is Purpose.follow:
            allowed = allowed & FOLLOW_ACTIONS
        return allowed

    def decide(self, action: events.AuthorAction, purpose: Purpose, now: datetime) -> Decision:
        """The author's answer, once: a repeated click is the same answer, a change is refused."""
        once = "withdrawal_requested_at" if action is A.withdraw else "author_decision"
        event = author_decision(self.id, action)
        if self.doc.get("author_decision") == action.value or (
            action is A.withdraw and self.doc.get("withdrawal_requested_at")
        ):
            return Decision(once, {}, event, repeat=True)
        if purpose is Purpose.follow and action in self.allowed(Purpose.decision) - FOLLOW_ACTIONS:
            raise Forbidden(
                "link_not_for_decision",
                "Ce lien ne permet pas cette décision : utilisez celui du message le plus récent.",
            )
        if action not in self.allowed(purpose):
            raise Conflict(
                "action_not_available", "Cette action n'est plus possible pour votre récit."
            )
        record = (
            {"withdrawal_requested_at": now}
            if action is A.withdraw
            else {"author_decision": action.value, "author_decided_at": now}
        )
        return Decision(once, record, event)

    def erasure(
        self, *, keep_published: bool, by: str, now: datetime
    ) -> tuple[Document, list[Any]]:
        """The update that forgets the author, and what it tells: `author.forgotten`, a
        tombstone on `author.contact`, and (unless the published story is kept) the author's own
        withdrawal (asked twice, it counts once)."""
        outgoing: list[Any] = [
            story_event(
                events.AuthorForgotten,
                self.id,
                "author:forgotten",
                events.AuthorForgottenPayload(
                    experience_id=self.id, keep_published=keep_published, requested_at=now
                ),
            ),
            Tombstone(events.AuthorContactRecorded.TOPIC, str(self.id)),
        ]
        erasure = {
            "at": now,
            "by": by,
            "keep_published": keep_published,
            "deleted": ["email", "postal_code", "city", "raw_text"]
            + ([] if keep_published else ["published_story"]),
        }
        update: Document = {
            "$set": {"erased_at": now, "erasure": erasure},
            "$unset": {"request": "", "fingerprint": ""},
        }
        if not keep_published and not self.withdrawn:
            outgoing.append(author_decision(self.id, A.withdraw))
            update["$set"]["withdrawal_requested_at"] = now
        if not keep_published:
            update["$unset"]["moderation"] = ""
        return update, outgoing
