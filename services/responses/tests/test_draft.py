"""The draft's state machine, with no database: every action from every state, the refused
ones included, who may do what, and what each allowed change writes and tells."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from spplus.contracts import events
from spplus.responses.draft import MACHINE, Actor, Draft, DraftAction, DraftStatus
from spplus.runtime.domain import Conflict, Forbidden, Gone, RefusedTransition
from spplus.runtime.testing import follows_table

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=30)
DRAFTER = Actor("hugo@caf", "Hugo")
VALIDATOR = Actor("ines@caf", "Inès", validator=True)
PUBLISHER = Actor("lina@caf", "Lina", publisher=True)


def draft(status: DraftStatus, **extra: Any) -> Draft:
    return Draft(
        {
            "_id": str(uuid.uuid4()),
            "experience_id": str(uuid.uuid4()),
            "network": "CAF",
            "entity": None,
            "body": "Bonjour…",
            "status": status.value,
            "author_name": "Hugo Petit",
            "correlation_id": str(uuid.uuid4()),
            "published_at": NOW - timedelta(minutes=5),
            "response_id": str(uuid.uuid4()),
            "signature": "Hugo, pour CAF",
            "revision": 1,
            **extra,
        }
    )


def attempt(d: Draft, action: DraftAction) -> Any:
    if action is DraftAction.edit:
        return d.edit("Nouveau texte", DRAFTER, NOW)
    if action is DraftAction.submit:
        return d.submit(DRAFTER, NOW)
    if action is DraftAction.send_back:
        return d.send_back("Précisez les horaires.", VALIDATOR, NOW)
    if action is DraftAction.approve:
        return d.publish(VALIDATOR, NOW, "CAF", approving=True)
    if action is DraftAction.publish:
        return d.publish(PUBLISHER, NOW, "CAF")
    if action is DraftAction.correct:
        return d.correct("Texte corrigé", PUBLISHER, NOW, WINDOW)
    pytest.skip("adopted by the store when the assignment arrives (no agent action)")


PAIRS = MACHINE.pairs(DraftStatus)


@pytest.mark.parametrize(("action", "status"), PAIRS, ids=[f"{a}-from-{s}" for a, s in PAIRS])
def test_each_action_from_each_state_is_allowed_or_refused_as_the_table_says(
    action: DraftAction, status: DraftStatus
) -> None:
    outcome = follows_table(MACHINE, status, action, lambda: attempt(draft(status), action))
    if not MACHINE.allows(status, action):
        assert outcome.code == "draft_state"


def test_a_published_answer_never_goes_back_to_draft() -> None:
    for action in DraftAction:
        if DraftStatus.published in MACHINE.sources(action):
            assert MACHINE.target(action) is DraftStatus.published


def test_who_may_do_what() -> None:
    with pytest.raises(Forbidden):
        draft(DraftStatus.draft).publish(DRAFTER, NOW, "CAF")
    with pytest.raises(Forbidden):
        draft(DraftStatus.in_validation).publish(PUBLISHER, NOW, "CAF", approving=True)
    with pytest.raises(Forbidden):
        draft(DraftStatus.in_validation).send_back("non", DRAFTER, NOW)
    with pytest.raises(Forbidden):
        draft(DraftStatus.published).correct("x", DRAFTER, NOW, WINDOW)
    with pytest.raises(Conflict):  # approving what nobody submitted
        draft(DraftStatus.draft).publish(VALIDATOR, NOW, "CAF", approving=True)


def test_a_withdrawn_story_refuses_everything_with_410() -> None:
    for action in DraftAction:
        if action is DraftAction.adopt:
            continue
        with pytest.raises(Gone):
            attempt(draft(DraftStatus.draft, withdrawn=True), action)
    assert issubclass(RefusedTransition, Conflict)


def test_publishing_writes_the_answer_and_its_event_together() -> None:
    d = draft(DraftStatus.in_validation)
    change = d.publish(VALIDATOR, NOW, "Caisse d'allocations familiales (CAF)", approving=True)
    [published] = change.events
    assert isinstance(published, events.ResponsePublished)
    assert published.payload.signature == "Hugo, pour Caisse d'allocations familiales (CAF)"
    update = change.update()
    assert update["$set"]["status"] == "published" and update["$set"]["revision"] == 1
    assert any(k.startswith("outbox.") for k in update["$set"])
    assert change.condition(d.id)["status"] == {"$in": ["in_validation"]}
    direct = draft(DraftStatus.returned).publish(PUBLISHER, NOW, "CAF")
    assert direct.condition("x")["status"] == {"$in": ["draft", "in_validation", "returned"]}
    again = d.publish(
        VALIDATOR,
        NOW + timedelta(seconds=3),
        "Caisse d'allocations familiales (CAF)",
        approving=True,
    )
    assert again.events[0].event_id == published.event_id  # a retry publishes the same event


def test_a_correction_within_the_window_is_the_next_revision_then_it_locks() -> None:
    d = draft(DraftStatus.published, revision=2)
    change = d.correct("Texte corrigé", PUBLISHER, NOW, WINDOW)
    assert change.fields["revision"] == 3 and change.guard == {"revision": 2}
    assert change.events[0].payload.revision == 3
    assert change.update()["$push"] == {"versions": change.audit}
    with pytest.raises(Conflict) as locked:
        d.correct("Trop tard", PUBLISHER, NOW + WINDOW, WINDOW)
    assert locked.value.code == "answer_locked"


def test_sending_back_keeps_the_comment_and_tells_the_drafter() -> None:
    change = draft(DraftStatus.in_validation).send_back("Ajoutez les horaires.", VALIDATOR, NOW)
    assert change.update()["$push"] == {"comments": change.audit}
    assert change.events[0].payload.step == events.WorkflowStep.draft_returned
    assert change.events[0].payload.comment == "Ajoutez les horaires."
