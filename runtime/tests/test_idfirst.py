"""The filter check `IdFirst` does here instead of in the database (see `idfirst.py`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from spplus.runtime.idfirst import matches

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
DOC = {
    "_id": "a",
    "status": "pending",
    "lease_until": None,
    "next_at": NOW,
    "tags": ["x", "y"],
    "webhook": {"id": "w1", "status": "pending"},
    "outbox": {"e1": {"seq": 1}},
}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"status": "pending"}, True),
        ({"status": "sent"}, False),
        ({"status": {"$in": ["sent", "pending"]}}, True),
        ({"status": {"$in": ["sent"]}}, False),
        ({"status": {"$ne": "sent"}}, True),
        ({"status": {"$nin": ["pending"]}}, False),
        ({"missing": None}, True),  # MongoDB: null matches a missing field
        ({"lease_until": None}, True),
        ({"author_decision": {"$exists": False}}, True),
        ({"status": {"$exists": False}}, False),
        ({"next_at": {"$lte": NOW}}, True),
        ({"next_at": {"$lt": NOW}}, False),
        ({"next_at": {"$gte": NOW - timedelta(seconds=1)}}, True),
        ({"lease_until": {"$lte": NOW}}, False),  # null is not less than a date
        ({"$or": [{"lease_until": None}, {"lease_until": {"$lte": NOW}}]}, True),
        ({"$or": [{"status": "sent"}, {"status": "failed"}]}, False),
        ({"tags": "y"}, True),  # an array matches one of its elements
        ({"webhook.id": "w1", "webhook.status": "pending"}, True),
        ({"webhook.id": "w2"}, False),
        ({"outbox.e1": {"$exists": True}}, True),
        ({"outbox.e2": {"$exists": True}}, False),
    ],
)
def test_a_filter_is_checked_as_the_database_would(flt: dict, expected: bool) -> None:
    assert matches(DOC, flt) is expected


@pytest.mark.parametrize(
    "flt", [{"status": {"$regex": "p"}}, {"$and": [{"status": "pending"}]}, {"n": {"$size": 2}}]
)
def test_an_operator_not_known_here_is_left_to_the_database(flt: dict) -> None:
    assert matches(DOC, flt) is None
