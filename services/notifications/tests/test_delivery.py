"""The delivery's state machine, with no database and no SMTP: every action from every state,
the refused ones included, and what each outcome writes and tells indicators."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from spplus.contracts import events
from spplus.notifications.delivery import (
    MACHINE,
    OUTCOME_EVENT,
    Delivery,
    DeliveryAction,
    DeliveryStatus,
    retry_delay,
)
from spplus.runtime.testing import follows_table

NOW = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
PERSON = {DeliveryAction.resend, DeliveryAction.mark_sent, DeliveryAction.abandon}


def delivery(status: DeliveryStatus, **extra: Any) -> Delivery:
    return Delivery(
        {
            "_id": str(uuid.uuid4()),
            "template": "published",
            "experience_id": str(uuid.uuid4()),
            "event_id": str(uuid.uuid4()),
            "correlation_id": str(uuid.uuid4()),
            "status": status.value,
            "attempts": 2,
            "created_at": NOW - timedelta(hours=1),
            **extra,
        }
    )


def attempt(d: Delivery, action: DeliveryAction) -> Any:
    if action in PERSON:
        return d.resolve(action, NOW)
    if action is DeliveryAction.retry:
        return d.retry(3, NOW, "421 busy", 30.0, 3600.0)
    return d.to(action)


PAIRS = MACHINE.pairs(DeliveryStatus)


@pytest.mark.parametrize(("action", "status"), PAIRS, ids=[f"{a}-from-{s}" for a, s in PAIRS])
def test_each_action_from_each_state_is_allowed_or_refused_as_the_table_says(
    action: DeliveryAction, status: DeliveryStatus
) -> None:
    outcome = follows_table(MACHINE, status, action, lambda: attempt(delivery(status), action))
    if not MACHINE.allows(status, action) and action in PERSON:
        assert outcome.code == "not_to_resolve"


def test_nothing_leaves_sent_suppressed_or_cancelled() -> None:
    final = {DeliveryStatus.sent, DeliveryStatus.suppressed, DeliveryStatus.cancelled}
    for action in DeliveryAction:
        assert not (MACHINE.sources(action) & final), action


def test_only_a_person_sends_again_what_may_have_left() -> None:
    leaving_uncertain = {
        a for a in DeliveryAction if DeliveryStatus.uncertain in MACHINE.sources(a)
    }
    assert leaving_uncertain == PERSON


def test_each_counted_outcome_tells_indicators_once_with_a_derived_id() -> None:
    d = delivery(DeliveryStatus.pending)
    for action, outcome in OUTCOME_EVENT.items():
        change = d.settle_held(action, gen=4) if action is not DeliveryAction.skip else d.to(action)
        [event] = change.events
        assert isinstance(event, events.NotificationSent) and event.payload.outcome == outcome
        assert event.event_id == delivery_event_id(d)
    uncertain = d.settle_held(DeliveryAction.doubt, gen=4)
    assert uncertain.events == [] and uncertain.fields["attempts"] == 3
    assert uncertain.fields["lock_gen"] == 4


def delivery_event_id(d: Delivery) -> uuid.UUID:
    return d.outcome("sent").event_id


def test_back_off_doubles_up_to_its_cap_and_gives_up_after_the_period() -> None:
    assert [retry_delay(n, 30, 3600).total_seconds() for n in (1, 2, 3, 8, 20)] == [
        30,
        60,
        120,
        3600,
        3600,
    ]
    change = delivery(DeliveryStatus.pending).retry(5, NOW, "421 busy", 30, 3600)
    assert change.status is DeliveryStatus.pending
    assert change.fields["attempts"] == 3
    assert change.fields["next_attempt_at"] == NOW + timedelta(seconds=120)
    old = delivery(DeliveryStatus.pending, created_at=NOW - timedelta(hours=73))
    assert old.gives_up(NOW, timedelta(hours=72))
    assert not delivery(DeliveryStatus.pending).gives_up(NOW, timedelta(hours=72))
