"""The submission as its author sees it, with no database: what each link may do in each state,
the refused actions included, the answer given once, and what an erasure tells."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from spplus.contracts import events
from spplus.intake.submission import (
    AUTHOR_ACTIONS,
    FOLLOW_ACTIONS,
    Submission,
    SubmissionStatus,
)
from spplus.runtime.domain import Conflict, Forbidden
from spplus.runtime.links import Purpose
from spplus.runtime.outbox import Tombstone

NOW = datetime(2026, 8, 3, 15, 0, tzinfo=UTC)
A = events.AuthorAction


def submission(status: SubmissionStatus, **extra: Any) -> Submission:
    return Submission({"_id": str(uuid.uuid4()), "status": status.value, **extra})


CASES = [(s, a, p) for s in SubmissionStatus for a in A for p in (Purpose.decision, Purpose.follow)]


@pytest.mark.parametrize(
    ("status", "action", "purpose"), CASES, ids=[f"{a}-{s}-{p}" for s, a, p in CASES]
)
def test_each_action_through_each_link_in_each_state(
    status: SubmissionStatus, action: events.AuthorAction, purpose: Purpose
) -> None:
    sub = submission(status)
    allowed = AUTHOR_ACTIONS[status] & (
        FOLLOW_ACTIONS if purpose is Purpose.follow else frozenset(A)
    )
    if action in allowed:
        decision = sub.decide(action, purpose, NOW)
        assert not decision.repeat and decision.event.payload.action is action
        assert decision.record  # stored once, under `decision.once`
    elif purpose is Purpose.follow and action in AUTHOR_ACTIONS[status]:
        with pytest.raises(Forbidden):  # a receipt's link never decides on a proposal
            sub.decide(action, purpose, NOW)
    else:
        with pytest.raises(Conflict):
            sub.decide(action, purpose, NOW)


def test_an_answer_is_given_once_and_the_same_click_again_changes_nothing() -> None:
    answered = submission(SubmissionStatus.await_author_approval, author_decision="approve")
    assert answered.decide(A.approve, Purpose.decision, NOW).repeat
    with pytest.raises(Conflict):
        answered.decide(A.reject, Purpose.decision, NOW)
    assert answered.allowed() == {A.withdraw}  # withdrawing stays possible after answering
    withdrawn = submission(SubmissionStatus.publish, withdrawal_requested_at=NOW)
    assert withdrawn.decide(A.withdraw, Purpose.follow, NOW).repeat
    assert withdrawn.allowed() == frozenset()


def test_the_same_answer_is_the_same_event() -> None:
    sub = submission(SubmissionStatus.await_author_approval)
    first = sub.decide(A.approve, Purpose.decision, NOW).event
    again = sub.decide(A.approve, Purpose.decision, NOW).event
    assert first.event_id == again.event_id


def test_an_erasure_forgets_the_author_and_withdraws_unless_the_story_is_kept() -> None:
    sub = submission(SubmissionStatus.publish)
    update, outgoing = sub.erasure(keep_published=False, by="author", now=NOW)
    assert set(update["$unset"]) == {"request", "fingerprint", "moderation"}
    kinds = [type(e).__name__ for e in outgoing]
    assert kinds == ["AuthorForgotten", "Tombstone", "AuthorDecisionMade"]
    assert isinstance(outgoing[1], Tombstone)
    kept_update, kept = sub.erasure(keep_published=True, by="retention", now=NOW)
    assert "moderation" not in kept_update["$unset"] and len(kept) == 2
    already = submission(SubmissionStatus.publish, withdrawn_at=NOW)
    assert len(already.erasure(keep_published=False, by="author", now=NOW)[1]) == 2
