"""Links for one purpose: an author's follow-up link cannot unsubscribe, an unsubscribe link
cannot decide, and a newer proposal voids the older decision links."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from spplus.runtime.links import AuthorLinks, InvalidLink, Purpose, generation_of

LINKS = AuthorLinks("a-secret-of-the-test-that-is-long-enough")
ITEM = uuid.uuid4()
LATER = datetime.now(UTC) + timedelta(days=1)


def test_a_link_works_for_its_own_purpose_only() -> None:
    follow = LINKS.token(ITEM, LATER, Purpose.follow)
    unsubscribe = LINKS.token(ITEM, LATER, Purpose.unsubscribe)
    assert LINKS.verify(follow, {Purpose.follow, Purpose.decision}).item_id == ITEM
    with pytest.raises(InvalidLink, match="another purpose"):
        LINKS.verify(follow, Purpose.unsubscribe)
    with pytest.raises(InvalidLink, match="another purpose"):
        LINKS.verify(unsubscribe, {Purpose.follow, Purpose.decision})


def test_a_decision_link_carries_its_proposal_and_dies_with_its_window() -> None:
    proposed = datetime(2026, 11, 3, 10, 21, 7, 123456, tzinfo=UTC)
    token = LINKS.token(ITEM, LATER, Purpose.decision, generation_of(proposed))
    link = LINKS.verify(token, Purpose.decision)
    # as the database keeps it: milliseconds, no time zone
    stored = proposed.replace(microsecond=123000, tzinfo=None)
    assert link.generation == generation_of(stored)
    newer = generation_of(proposed + timedelta(seconds=1))
    assert newer > link.generation  # a newer proposal: this link is void (intake refuses it)
    with pytest.raises(InvalidLink, match="expired"):
        LINKS.verify(token, Purpose.decision, now=LATER + timedelta(seconds=1))


def test_a_tampered_or_foreign_link_is_refused() -> None:
    token = LINKS.token(ITEM, LATER, Purpose.unsubscribe)
    other = AuthorLinks("another-secret-of-the-test-long-enough")
    with pytest.raises(InvalidLink, match="signature"):
        other.verify(token, Purpose.unsubscribe)
    forged = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    with pytest.raises(InvalidLink):
        LINKS.verify(forged, Purpose.unsubscribe)
    with pytest.raises(InvalidLink):
        LINKS.verify("not a link", Purpose.follow)
