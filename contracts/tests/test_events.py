"""Every event round-trips through JSON, and the exported schemas match the models."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from spplus.contracts import ALL_EVENTS, TOPICS, Envelope, dlq_topic, network_topic, schema
from spplus.contracts.events import (
    AuthorContactRecorded,
    AuthorDecisionMade,
    AuthorForgotten,
    DeadLetter,
    DocumentReceived,
    ExperienceModerated,
    ExperiencePublished,
    ExperienceRouted,
    ExperienceSubmitted,
    ExperienceWithdrawn,
    ImprovementRecorded,
    IndicatorsSnapshot,
    NetworkExperienceAssigned,
    NetworkExperienceWithdrawn,
    NotificationSent,
    PanelJoined,
    ResponsePublished,
    ResponseSubmitted,
    ResponseWorkflow,
    VoteCast,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
EXP = uuid.UUID("11111111-1111-4111-8111-111111111111")
STORY: dict[str, Any] = {
    "title": "Aide au logement",
    "description": "Texte public.",
    "feeling": "negative",
    "experience_date": "2026-10-10",
    "journey": [{"organisation": "CAF", "channels": [{"channel": "phone", "feeling": "negative"}]}],
    "pseudonym": "Alex",
    "department": "75",
    "city": "Paris",
}
ROUTED = {"experience_id": EXP, "network": "CAF", "entity": "CAF-75", "due_at": NOW, "story": STORY}

SAMPLES: dict[type[Envelope[Any]], dict[str, Any]] = {
    ExperienceSubmitted: {
        "experience_id": EXP,
        "title": "t",
        "description": "d",
        "feeling": "neutral",
        "experience_date": "2026-10-10",
        "journey": STORY["journey"],
        "postal_code": "75011",
        "city": "Paris",
        "pseudonym": "Alex",
        "submitted_at": NOW,
    },
    AuthorContactRecorded: {"experience_id": EXP, "email": "a@example.org", "ip_hash": "ab"},
    ExperienceModerated: {
        "experience_id": EXP,
        "decision": "publish_after_notice",
        "reason_codes": [],
        "edit_tier": "minor",
        "redacted_title": "t",
        "redacted_description": "d",
        "diff_summary": ["name removed"],
        "author_deadline": NOW,
    },
    ExperiencePublished: {"experience_id": EXP, "story": STORY, "published_at": NOW},
    ExperienceWithdrawn: {
        "experience_id": EXP,
        "reason": "author request",
        "requested_by": "author",
    },
    AuthorDecisionMade: {"experience_id": EXP, "action": "block"},
    AuthorForgotten: {"experience_id": EXP, "keep_published": False, "requested_at": NOW},
    ExperienceRouted: ROUTED,
    NetworkExperienceAssigned: ROUTED,
    NetworkExperienceWithdrawn: {
        "experience_id": EXP,
        "network": "CAF",
        "requested_by": "author",
        "withdrawn_at": NOW,
    },
    ResponseSubmitted: {
        "experience_id": EXP,
        "network": "CAF",
        "external_id": "x-1",
        "body": "Bonjour",
        "agent_first_name": "Jean",
        "organisation_name": "CAF de Paris",
    },
    ResponsePublished: {
        "response_id": uuid.uuid4(),
        "experience_id": EXP,
        "network": "CAF",
        "entity": None,
        "body": "Bonjour Alex",
        "signature": "Jean, pour CAF",
        "published_at": NOW,
    },
    ImprovementRecorded: {
        "action_id": uuid.uuid4(),
        "experience_id": EXP,
        "network": "CAF",
        "title": "t",
        "description": "d",
        "recorded_at": NOW,
    },
    ResponseWorkflow: {
        "experience_id": EXP,
        "network": "CAF",
        "step": "deadline_near",
        "due_at": NOW,
    },
    VoteCast: {"vote_id": uuid.uuid4(), "kind": "similar", "experience_id": EXP, "voter_hash": "h"},
    NotificationSent: {"experience_id": EXP, "template": "published", "outcome": "sent"},
    DocumentReceived: {
        "document_id": uuid.uuid4(),
        "email": "a@example.org",
        "kind": "url",
        "unsubscribe_token": "t",
    },
    PanelJoined: {
        "member_id": uuid.uuid4(),
        "email": "a@example.org",
        "category": "employe",
        "age_bracket": "25-34",
        "unsubscribe_token": "t",
    },
    IndicatorsSnapshot: {"window_end": NOW, "values": {"published": 3.0}},
    DeadLetter: {
        "source_topic": "spplus.experience.submitted.v1",
        "partition": 0,
        "offset": 4,
        "key": "k",
        "value": "{}",
        "error": "boom",
        "attempts": 3,
        "failed_at": NOW,
    },
}


def test_every_event_has_a_sample() -> None:
    assert set(SAMPLES) == set(ALL_EVENTS)


@pytest.mark.parametrize("event_cls", ALL_EVENTS, ids=lambda e: e.__name__)
def test_event_round_trips_through_json(event_cls: type[Envelope[Any]]) -> None:
    event = event_cls.first(SAMPLES[event_cls], producer="test")
    wire = event.model_dump_json().encode()
    back = event_cls.model_validate_json(wire)
    assert back == event
    assert json.loads(wire)["event_type"] == event_cls.model_fields["event_type"].default
    if "experience_id" in SAMPLES[event_cls]:
        assert event.key == str(EXP)


def test_an_event_of_another_type_is_refused() -> None:
    event = ExperiencePublished.first(SAMPLES[ExperiencePublished], producer="test")
    with pytest.raises(ValidationError):
        ExperienceSubmitted.model_validate_json(event.model_dump_json())


def test_caused_event_ids_are_stable_and_follow_the_story() -> None:
    cause = ExperienceSubmitted.first(SAMPLES[ExperienceSubmitted], producer="intake")
    a = ExperiencePublished.caused_by(cause, SAMPLES[ExperiencePublished], producer="moderation")
    b = ExperiencePublished.caused_by(cause, SAMPLES[ExperiencePublished], producer="moderation")
    assert a.event_id == b.event_id != cause.event_id
    assert a.correlation_id == cause.correlation_id == cause.event_id
    assert a.causation_id == cause.event_id


def test_topic_names() -> None:
    assert "spplus.experience.submitted.v1" in TOPICS
    assert all(t.startswith("spplus.") and t.endswith(".v1") for t in TOPICS)
    assert network_topic("CAF") == "spplus.network.caf.experiences.v1"
    assert dlq_topic("spplus.vote.cast.v1") == "spplus.vote.cast.v1.dlq"
    with pytest.raises(ValueError):
        network_topic("../etc")


def test_local_stack_creates_every_topic_and_its_dead_letter_twin() -> None:
    from pathlib import Path

    listed = Path(__file__).resolve().parents[2] / "deploy" / "local" / "topics.txt"
    lines = [
        line.split()
        for line in listed.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert set(TOPICS) <= {words[0] for words in lines}
    assert not [words for words in lines if "dlq=false" in words]  # every topic has its .dlq


def test_exported_schemas_are_up_to_date() -> None:
    stale = schema.stale()
    assert not stale, f"run `python -m spplus.contracts.schema`: stale {stale}"
