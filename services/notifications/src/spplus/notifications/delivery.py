"""A delivery (one email to one recipient about one event) as a state machine: pure, no database,
no SMTP, no clock of its own.

    waiting_contact ─release─▶ pending ─send─▶ sent
          │  ▲                  │  ├─retry─▶ pending (later, with back-off)
       cancel wait              │  ├─fail──▶ failed ─┐
          ▼  │                  │  ├─doubt─▶ uncertain ─┤ a person settles it:
      cancelled                 │  └─skip──▶ suppressed  │ resend → pending,
                                                         │ mark_sent → sent, abandon → cancelled

Who may send is decided elsewhere (the send lock, `store.take_send_lock`); what the outcome is
written as, and from which states, is decided here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from spplus.contracts import derive_id, events
from spplus.runtime.domain import Change, Machine
from spplus.runtime.mongo import Document


class DeliveryStatus(StrEnum):
    waiting_contact = "waiting_contact"
    pending = "pending"
    sent = "sent"
    failed = "failed"
    uncertain = "uncertain"
    suppressed = "suppressed"
    cancelled = "cancelled"


class DeliveryAction(StrEnum):
    release = "release"  # the author's address arrived
    wait = "wait"  # no address yet
    cancel = "cancel"  # the address was erased before it came
    send = "send"
    retry = "retry"  # a temporary failure: again later
    fail = "fail"
    doubt = "doubt"  # stopped after DATA: it may have left
    skip = "skip"  # the address is suppressed
    resend = "resend"  # a person's decision
    mark_sent = "mark_sent"  # a person's decision
    abandon = "abandon"  # a person's decision


S = DeliveryStatus
_PENDING = frozenset({S.pending})
_TO_SETTLE = frozenset({S.failed, S.uncertain})

MACHINE: Machine[DeliveryStatus, DeliveryAction] = Machine(
    "delivery",
    {
        DeliveryAction.release: (frozenset({S.waiting_contact}), S.pending),
        DeliveryAction.wait: (_PENDING, S.waiting_contact),
        DeliveryAction.cancel: (frozenset({S.waiting_contact}), S.cancelled),
        DeliveryAction.send: (_PENDING, S.sent),
        DeliveryAction.retry: (_PENDING, S.pending),
        DeliveryAction.fail: (_PENDING, S.failed),
        DeliveryAction.doubt: (_PENDING, S.uncertain),
        DeliveryAction.skip: (_PENDING, S.suppressed),
        DeliveryAction.resend: (_TO_SETTLE, S.pending),
        DeliveryAction.mark_sent: (_TO_SETTLE, S.sent),
        DeliveryAction.abandon: (_TO_SETTLE, S.cancelled),
    },
)

#: What `notification.sent` says of each outcome (none for an uncertain one: a person decides).
OUTCOME_EVENT = {
    DeliveryAction.send: "sent",
    DeliveryAction.fail: "failed",
    DeliveryAction.skip: "skipped",
}

#: States a delivery still has work in (the schedule keeps a hint for them).
OPEN = frozenset({S.waiting_contact, S.pending})


def retry_delay(attempts: int, base_s: float, max_s: float) -> timedelta:
    """Exponential back-off: base, twice, four times… capped (`attempts` counts this one)."""
    return timedelta(seconds=min(base_s * 2 ** (max(attempts, 1) - 1), max_s))


@dataclass(frozen=True)
class Delivery:
    doc: Document

    @property
    def id(self) -> str:
        return str(self.doc["_id"])

    @property
    def status(self) -> DeliveryStatus:
        return DeliveryStatus(self.doc["status"])

    @property
    def attempts(self) -> int:
        return int(self.doc.get("attempts", 0))

    def outcome(self, outcome: str) -> events.NotificationSent:
        """The event indicators count, with an id derived from the delivery (sent once)."""
        experience_id = self.doc.get("experience_id")
        return events.NotificationSent(
            event_id=derive_id(self.id, "notification.sent"),
            event_type="notification.sent",
            producer="notifications",
            correlation_id=uuid.UUID(self.doc["correlation_id"]),
            causation_id=uuid.UUID(self.doc["event_id"]),
            payload=events.NotificationSentPayload(
                experience_id=uuid.UUID(experience_id) if experience_id else None,
                template=self.doc["template"],
                outcome=outcome,
            ),
        )

    def to(self, action: DeliveryAction, **fields: object) -> Change[DeliveryStatus]:
        """Released, waiting, cancelled, or settled (sent, failed, uncertain, skipped): the
        status, the fields, and the outcome's event when indicators count it."""
        target = MACHINE.check(self.status, action)
        outcome = OUTCOME_EVENT.get(action)
        return Change(
            MACHINE.sources(action),
            target,
            dict(fields),
            events=[self.outcome(outcome)] if outcome else [],
        )

    def settle_held(
        self, action: DeliveryAction, gen: int, **fields: object
    ) -> Change[DeliveryStatus]:
        """The send lock holder's outcome: one more attempt, and the lock generation that
        decided it (while the lock is held no one else writes the delivery)."""
        return self.to(action, attempts=self.attempts + 1, lock_gen=gen, **fields)

    def retry(
        self, gen: int, now: datetime, error: str, base_s: float, max_s: float
    ) -> Change[DeliveryStatus]:
        """A temporary failure: pending again, after the back-off."""
        target = MACHINE.check(self.status, DeliveryAction.retry)
        attempts = self.attempts + 1
        return Change(
            MACHINE.sources(DeliveryAction.retry),
            target,
            {
                "next_attempt_at": now + retry_delay(attempts, base_s, max_s),
                "last_error": error,
                "attempts": attempts,
                "lock_gen": gen,
            },
        )

    def gives_up(self, now: datetime, after: timedelta) -> bool:
        """Temporary failures for longer than `after` since it was created: failed for good."""
        return now - (self.doc.get("created_at") or now) > after

    def resolve(self, action: DeliveryAction, now: datetime) -> Change[DeliveryStatus]:
        """A person settles a failed or uncertain delivery."""
        target = MACHINE.check(
            self.status,
            action,
            "Seule une remise en échec ou incertaine se règle ainsi.",
            "not_to_resolve",
        )
        fields: dict[str, object] = {}
        fields |= {
            DeliveryAction.resend: {"next_attempt_at": now},
            DeliveryAction.mark_sent: {"sent_at": now},
            DeliveryAction.abandon: {},
        }[action]
        return Change(MACHINE.sources(action), target, fields)
