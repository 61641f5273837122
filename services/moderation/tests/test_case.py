"""The moderation case's state machine, with no database: every transition from every state,
the refused ones included, and what each allowed one writes and tells."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from spplus.contracts import events
from spplus.moderation.case import MACHINE, CaseAction, CaseStatus, ModerationCase, erasure
from spplus.runtime.domain import Invalid
from spplus.runtime.testing import follows_table

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)


def case(status: CaseStatus, **extra: Any) -> ModerationCase:
    story_id = uuid.uuid4()
    submitted = events.ExperienceSubmittedPayload.model_validate(
        {
            "experience_id": str(story_id),
            "title": "Mon titre de séjour",
            "description": "Le guichet a tout traité en une semaine, merci à l'équipe.",
            "feeling": "positive",
            "experience_date": "2026-04-20",
            "journey": [{"organisation": "PREFECTURE", "channels": []}],
            "submitted_at": "2026-04-25T10:00:00+00:00",
            "postal_code": "75011",
        }
    )
    doc = {
        "_id": str(story_id),
        "status": status.value,
        "decision": "human_review",
        "reasons": [],
        "awaiting": extra.pop("awaiting", None),
        "deadline": extra.pop("deadline", None),
        "submitted": submitted.model_dump(mode="json"),
        "proposal": {
            "title": "Mon titre de séjour",
            "description": "Le guichet a tout traité en une semaine, merci à l'équipe.",
            "pseudonym": None,
            "edits": [],
            "tier": extra.pop("tier", "minor"),
        },
        "correlation_id": str(uuid.uuid4()),
        "step": 2,
        **extra,
    }
    return ModerationCase(doc)


def attempt(c: ModerationCase, action: CaseAction) -> Any:
    """Call the transition that carries out `action`."""
    if action in (
        CaseAction.author_approve,
        CaseAction.window_publish,
        CaseAction.moderator_approve,
    ):
        return c.publish(action, "someone", NOW)
    if action in (CaseAction.author_reject, CaseAction.author_block, CaseAction.window_close):
        return c.close_unpublished(action, "someone", NOW)
    if action is CaseAction.moderator_reject:
        return c.reject(["ABUSIVE"], "mod", NOW)
    if action is CaseAction.send_to_author:
        return c.send_to_author("mod", NOW, NOW + timedelta(hours=72))
    if action is CaseAction.edit:
        return c.edit({"title": "Un autre titre"}, "mod", NOW)
    if action is CaseAction.erase:
        return erasure(c, "author", NOW, keep_proposal=False)
    return c.withdraw(action, "someone", "raison", NOW)


PAIRS = MACHINE.pairs(CaseStatus)


@pytest.mark.parametrize(("action", "status"), PAIRS, ids=[f"{a}-from-{s}" for a, s in PAIRS])
def test_each_action_from_each_state_is_allowed_or_refused_as_the_table_says(
    action: CaseAction, status: CaseStatus
) -> None:
    outcome = follows_table(MACHINE, status, action, lambda: attempt(case(status), action))
    if MACHINE.allows(status, action):
        assert outcome.audit is not None and outcome.audit["at"] == NOW


def test_no_closed_case_can_move_again_but_by_withdrawal_of_a_published_story() -> None:
    closed = {CaseStatus.rejected, CaseStatus.not_published, CaseStatus.withdrawn}
    for action in CaseAction:
        if action is CaseAction.erase:
            continue  # an author's data goes whatever the state: the state stays
        assert not (MACHINE.sources(action) & closed), action
    leaving_published = {a for a in CaseAction if CaseStatus.published in MACHINE.sources(a)}
    assert leaving_published - {CaseAction.erase} == {
        CaseAction.author_withdraw,
        CaseAction.moderator_withdraw,
    }
    assert MACHINE.target(CaseAction.erase) is None  # an erasure keeps the state


def test_publishing_tells_the_decision_then_the_story_with_ids_from_the_step() -> None:
    c = case(CaseStatus.human_review)
    change = c.publish(CaseAction.moderator_approve, "mod", NOW)
    moderated, published = change.events
    assert isinstance(moderated, events.ExperienceModerated)
    assert isinstance(published, events.ExperiencePublished)
    assert moderated.payload.decision == "publish" and change.fields["step"] == 3
    assert published.payload.story.department == "75"  # no postal code in public
    again = c.publish(CaseAction.moderator_approve, "mod", NOW + timedelta(minutes=1))
    assert [e.event_id for e in again.events] == [e.event_id for e in change.events]
    update = change.update()
    assert update["$set"]["status"] == "published"
    assert any(k.startswith("outbox.") for k in update["$set"])


def test_a_refusal_needs_a_reason() -> None:
    with pytest.raises(Invalid):
        case(CaseStatus.human_review).reject([], "mod", NOW)


def test_the_window_publishes_a_notice_and_closes_an_approval_nobody_gave() -> None:
    past = NOW - timedelta(minutes=1)
    notice = case(CaseStatus.awaiting_author, awaiting="publish_after_notice", deadline=past)
    assert notice.expire(NOW, publish_on_expiry=False).status is CaseStatus.published  # type: ignore[union-attr]
    approval = case(CaseStatus.awaiting_author, awaiting="await_author_approval", deadline=past)
    closed = approval.expire(NOW, publish_on_expiry=False)
    assert closed is not None and closed.status is CaseStatus.not_published and not closed.events
    assert approval.expire(NOW, publish_on_expiry=True).status is CaseStatus.published  # type: ignore[union-attr]
    later = case(
        CaseStatus.awaiting_author,
        awaiting="publish_after_notice",
        deadline=NOW + timedelta(hours=1),
    )
    assert later.expire(NOW, publish_on_expiry=False) is None  # a new window: not yet
    assert case(CaseStatus.published, deadline=past).expire(NOW, publish_on_expiry=False) is None


def test_sending_to_the_author_asks_approval_only_for_a_substantial_edit() -> None:
    deadline = NOW + timedelta(hours=72)
    minor = case(CaseStatus.human_review, tier="minor").send_to_author("mod", NOW, deadline)
    assert minor.fields["awaiting"] == "publish_after_notice"
    big = case(CaseStatus.human_review, tier="substantial").send_to_author("mod", NOW, deadline)
    assert big.fields["awaiting"] == "await_author_approval"
    assert big.events[0].payload.author_deadline == deadline


def test_an_edit_keeps_the_state_and_never_lowers_the_tier() -> None:
    c = case(CaseStatus.awaiting_author, tier="substantial")
    change = c.edit({"pseudonym": ""}, "mod", NOW)
    assert change.status is None and change.fields["proposal"]["tier"] == "substantial"
    assert "status" not in change.update()["$set"]


def test_an_erasure_keeps_the_public_text_only_when_asked_and_advances_the_step() -> None:
    kept = erasure(case(CaseStatus.published), "author", NOW, keep_proposal=True)
    assert kept.status is None and kept.fields["step"] == 3
    assert kept.fields["submitted.description"] == "" and "proposal.title" not in kept.fields
    gone = erasure(case(CaseStatus.published), "author", NOW, keep_proposal=False)
    assert gone.fields["proposal.description"] == ""


def test_every_change_advances_the_step_it_is_claimed_at() -> None:
    for action in CaseAction:
        status = sorted(MACHINE.sources(action))[0]
        change = attempt(case(status), action)
        assert change.fields["step"] == 3, action  # the case was at step 2


def test_withdrawal_tells_who_asked() -> None:
    by_author = case(CaseStatus.human_review).withdraw(
        CaseAction.author_withdraw, "author", "r", NOW
    )
    assert by_author.events[0].payload.requested_by == "author"
    by_mod = case(CaseStatus.published).withdraw(CaseAction.moderator_withdraw, "m", "r", NOW)
    assert by_mod.events[0].payload.requested_by == "moderator"
