"""A draft answer as a state machine: pure, no database, no clock of its own.

An agent writes a draft; a drafter submits it to the network's validators, who send it back with
a comment or approve it; a publisher (or a validator approving) publishes it; a published answer
may be corrected for a few minutes, then it is locked. Each transition returns the `Change` to
store: one conditional write from the states the table allows, with its events.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from spplus.contracts import derive_id, events
from spplus.runtime.domain import Change, Conflict, Forbidden, Gone, Machine
from spplus.runtime.mongo import Document


class DraftStatus(StrEnum):
    waiting_assignment = "waiting_assignment"  # sent by a network's system before its assignment
    draft = "draft"
    returned = "returned"
    in_validation = "in_validation"
    published = "published"


class DraftAction(StrEnum):
    adopt = "adopt"
    edit = "edit"
    submit = "submit"
    send_back = "send_back"
    approve = "approve"
    publish = "publish"
    correct = "correct"


D = DraftStatus
_WRITABLE = frozenset({D.draft, D.returned})

MACHINE: Machine[DraftStatus, DraftAction] = Machine(
    "draft",
    {
        DraftAction.adopt: (frozenset({D.waiting_assignment}), D.draft),
        DraftAction.edit: (_WRITABLE, D.draft),
        DraftAction.submit: (_WRITABLE, D.in_validation),
        DraftAction.send_back: (frozenset({D.in_validation}), D.returned),
        DraftAction.approve: (frozenset({D.in_validation}), D.published),
        DraftAction.publish: (_WRITABLE | {D.in_validation}, D.published),
        DraftAction.correct: (frozenset({D.published}), D.published),
    },
)


def _refused(status: DraftStatus) -> str:
    return f"Ce brouillon est « {status.value} » : cette action n'est pas possible."


def withdrawn_story() -> Gone:
    """What any action on a withdrawn story (or its drafts) gets."""
    return Gone(
        "experience_withdrawn", "Ce récit a été retiré : il ne peut plus recevoir de réponse."
    )


@dataclass(frozen=True)
class Actor:
    """Who acts on a draft, as the rules see them."""

    subject: str
    first_name: str
    publisher: bool = False
    validator: bool = False

    @property
    def may_publish(self) -> bool:
        return self.publisher or self.validator


@dataclass(frozen=True)
class Draft:
    """A draft as stored (its document), and every transition it may take."""

    doc: Document

    @property
    def id(self) -> str:
        return str(self.doc["_id"])

    @property
    def status(self) -> DraftStatus:
        return DraftStatus(self.doc["status"])

    def _alive(self) -> None:
        if self.doc.get("withdrawn"):
            raise withdrawn_story()

    @property
    def seq(self) -> int:
        """How many changes the draft went through (its next change claims `seq + 1`)."""
        return int(self.doc.get("seq", 0))

    def _next(self, fields: dict[str, Any]) -> dict[str, Any]:
        return {**fields, "seq": self.seq + 1}

    def _check(self, action: DraftAction) -> DraftStatus | None:
        self._alive()
        return MACHINE.check(self.status, action, _refused(self.status), "draft_state")

    def workflow(
        self, step: events.WorkflowStep, comment: str | None = None
    ) -> events.ResponseWorkflow:
        """An event for the network's agents (no personal data: ids, network, deadline)."""
        return workflow_event(self.doc, step, draft_id=self.id, comment=comment)

    def edit(self, body: str, by: Actor, now: datetime) -> Change[DraftStatus]:
        """A new version (every version is kept); a returned draft becomes a draft again."""
        target = self._check(DraftAction.edit)
        return Change(
            MACHINE.sources(DraftAction.edit),
            target,
            self._next({"body": body, "updated_at": now}),
            {"at": now, "by": by.subject, "body": body},
            audit_field="versions",
        )

    def submit(self, by: Actor, now: datetime) -> Change[DraftStatus]:
        """To the network's validators (the guide's errors are checked before, by the caller)."""
        target = self._check(DraftAction.submit)
        return Change(
            MACHINE.sources(DraftAction.submit),
            target,
            self._next({"submitted_by": by.subject, "submitted_at": now}),
            events=[self.workflow(events.WorkflowStep.draft_submitted)],
        )

    def send_back(self, comment: str, by: Actor, now: datetime) -> Change[DraftStatus]:
        """A validator returns it with a comment (kept with every version)."""
        self._alive()
        if not by.validator:
            raise Forbidden("validator_only", "Seul un valideur peut renvoyer un projet.")
        target = self._check(DraftAction.send_back)
        return Change(
            MACHINE.sources(DraftAction.send_back),
            target,
            self._next({}),
            {"at": now, "by": by.subject, "text": comment},
            [self.workflow(events.WorkflowStep.draft_returned, comment)],
            audit_field="comments",
        )

    def publish(
        self, by: Actor, now: datetime, organisation: str, *, approving: bool = False
    ) -> Change[DraftStatus]:
        """Published once: the answer and its event in one write. A publisher publishes
        directly; a validator publishes what they approve; a drafter cannot."""
        self._alive()
        if approving and not by.validator:
            raise Forbidden("validator_only", "Seul un valideur peut approuver un projet.")
        if not by.may_publish:
            raise Forbidden(
                "drafter_cannot_publish",
                "Votre profil rédige des projets : soumettez-le à un valideur.",
            )
        action = DraftAction.approve if approving else DraftAction.publish
        if approving and self.status is not D.in_validation:
            raise Conflict("draft_state", "Ce projet n'a pas été soumis à validation.")
        target = self._check(action)
        response_id = derive_id(self.id, "response")
        first_name = (self.doc.get("author_name") or "").split(" ")[0] or by.first_name
        signature = f"{first_name}, pour {organisation}"
        published = events.ResponsePublished(
            event_id=derive_id(self.id, "response.published"),
            event_type="response.published",
            producer="responses",
            correlation_id=uuid.UUID(self.doc["correlation_id"]),
            payload=events.ResponsePublishedPayload(
                response_id=response_id,
                experience_id=uuid.UUID(self.doc["experience_id"]),
                network=self.doc["network"],
                entity=self.doc.get("entity"),
                body=self.doc["body"],
                signature=signature,
                published_at=now,
            ),
        )
        return Change(
            MACHINE.sources(action),
            target,
            self._next(
                {
                    "published_at": now,
                    "published_by": by.subject,
                    "response_id": str(response_id),
                    "signature": signature,
                    "revision": 1,
                }
            ),
            events=[published],
        )

    def correct(
        self, body: str, by: Actor, now: datetime, window: timedelta
    ) -> Change[DraftStatus]:
        """A published answer corrected within `window`: the public read is replaced (the next
        revision of `response.published`), then it is locked."""
        self._alive()
        if not by.may_publish:
            raise Forbidden(
                "drafter_cannot_publish", "Seul un agent qui publie peut corriger une réponse."
            )
        target = self._check(DraftAction.correct)
        if now > self.doc["published_at"] + window:
            raise Conflict(
                "answer_locked",
                f"Une réponse publiée se corrige pendant {window.total_seconds() / 60:g} "
                "minutes : celle-ci est verrouillée.",
            )
        revision = int(self.doc.get("revision", 1)) + 1
        edited = events.ResponsePublished(
            event_id=derive_id(self.id, f"response.published:{revision}"),
            event_type="response.published",
            producer="responses",
            correlation_id=uuid.UUID(self.doc["correlation_id"]),
            payload=events.ResponsePublishedPayload(
                response_id=uuid.UUID(self.doc["response_id"]),
                experience_id=uuid.UUID(self.doc["experience_id"]),
                network=self.doc["network"],
                entity=self.doc.get("entity"),
                body=body,
                signature=self.doc["signature"],
                published_at=self.doc["published_at"],
                revision=revision,
                edited_at=now,
            ),
        )
        return Change(
            MACHINE.sources(DraftAction.correct),
            target,
            self._next({"body": body, "revision": revision, "edited_at": now}),
            {"at": now, "by": by.subject, "body": body},
            [edited],
            guard={"revision": revision - 1},
            audit_field="versions",
        )


def workflow_event(
    doc: Document,
    step: events.WorkflowStep,
    *,
    draft_id: str | None = None,
    comment: str | None = None,
    event_id: uuid.UUID | None = None,
) -> events.ResponseWorkflow:
    """An event for the network's agents (no personal data: ids, network, deadline, comment)."""
    experience_id = doc.get("experience_id") or doc["_id"]
    extra: dict[str, Any] = {"event_id": event_id} if event_id else {}
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
        **extra,
    )
