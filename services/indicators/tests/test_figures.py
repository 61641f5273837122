"""A known history of events (with duplicates and out of order), through the real store: every
figure checked against values computed by hand (working hours: 9:00–18:00 Paris, working days;
11 November is a public holiday)."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts import events
from spplus.contracts.values import PublicStory
from spplus.indicators import figures
from spplus.indicators.handlers import IndicatorsDeps, fact_of, record
from spplus.indicators.settings import IndicatorsSettings
from spplus.indicators.store import IndicatorsStore
from spplus.runtime.calendar import PARIS
from spplus.runtime.testing import Stack


def paris(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=PARIS)


AS_OF = paris(20, 12)
IDS = {name: uuid.uuid5(uuid.NAMESPACE_URL, f"story-{name}") for name in "ABCDE"}


def story(org: str, feeling: str, channels: list[tuple[str, str]]) -> PublicStory:
    return PublicStory.model_validate(
        {
            "title": "t",
            "description": "d",
            "feeling": feeling,
            "experience_date": "2026-10-01",
            "journey": [
                {
                    "organisation": org,
                    "channels": [{"channel": c, "feeling": f} for c, f in channels],
                }
            ],
        }
    )


def env(cls: type[events.Envelope[Any]], at: datetime, **payload: Any) -> events.Envelope[Any]:
    payload_cls: Any = cls.model_fields["payload"].annotation
    return cls(
        producer="test",
        correlation_id=uuid.uuid4(),
        occurred_at=at,
        payload=payload_cls.model_validate(payload),
    )


def submitted(name: str, org: str, at: datetime) -> events.Envelope[Any]:
    return env(
        events.ExperienceSubmitted,
        at,
        experience_id=IDS[name],
        title="t",
        description="d",
        feeling="neutral",
        experience_date="2026-10-01",
        journey=[{"organisation": org, "channels": []}],
        submitted_at=at,
    )


def moderated(
    name: str, at: datetime, decision: str, reasons: list[str] | None = None
) -> events.Envelope[Any]:
    return env(
        events.ExperienceModerated,
        at,
        experience_id=IDS[name],
        decision=decision,
        reason_codes=reasons or [],
        redacted_title="t",
        redacted_description="d",
    )


def published(name: str, at: datetime, s: PublicStory) -> events.Envelope[Any]:
    return env(events.ExperiencePublished, at, experience_id=IDS[name], story=s, published_at=at)


def routed(
    name: str,
    at: datetime,
    network: str,
    due: datetime,
    version: int = 1,
    entity: str | None = None,
) -> events.Envelope[Any]:
    return env(
        events.ExperienceRouted,
        at,
        experience_id=IDS[name],
        network=network,
        entity=entity,
        due_at=due,
        story=story("CAF", "neutral", []),
        version=version,
    )


def response(name: str, at: datetime, network: str, revision: int = 1) -> events.Envelope[Any]:
    return env(
        events.ResponsePublished,
        at,
        response_id=uuid.uuid5(IDS[name], "r"),
        experience_id=IDS[name],
        network=network,
        body="b",
        signature="s",
        published_at=at,
        revision=revision,
    )


def improvement(name: str, action: uuid.UUID, network: str) -> events.Envelope[Any]:
    return env(
        events.ImprovementRecorded,
        paris(9, 10),
        action_id=action,
        experience_id=IDS[name],
        network=network,
        title="t",
        description="d",
        recorded_at=paris(9, 10),
    )


def vote(kind: str, useful: bool | None = None) -> events.Envelope[Any]:
    return env(
        events.VoteCast,
        paris(4, 10),
        vote_id=uuid.uuid4(),
        kind=kind,
        experience_id=IDS["A"],
        useful=useful,
        voter_hash="h",
    )


def mail(outcome: str) -> events.Envelope[Any]:
    return env(
        events.NotificationSent,
        paris(2, 12),
        experience_id=IDS["A"],
        template="published",
        outcome=outcome,
    )


def history() -> list[events.Envelope[Any]]:
    a_story = story("CAF", "negative", [("phone", "negative"), ("website", "neutral")])
    d_story = story("CPAM", "positive", [("counter", "positive")])
    e_story = story("CAF", "neutral", [("email", "neutral")])
    action_x, action_y = uuid.uuid4(), uuid.uuid4()
    return [
        # A: CAF-75, moderated in 2 h, answered in 8 working hours (Mon 11–18, Tue 9–10), on time
        submitted("A", "CAF", paris(2, 9)),
        moderated("A", paris(2, 11), "publish"),
        published("A", paris(2, 11), a_story),
        routed("A", paris(2, 11, 1), "CAF", paris(17, 11), entity="CAF-75"),
        response("A", paris(3, 10), "CAF"),
        response("A", paris(3, 10, 20), "CAF", revision=2),  # a correction: not a new answer
        # B: refused (too old) after 2 working hours (Mon 17–18, Tue 9–10)
        submitted("B", "CAF", paris(2, 17)),
        moderated("B", paris(3, 10), "reject", ["TOO_OLD"]),
        # C: awaiting its author; 3 working hours (Tue 16–18, Thu 9–10: Wed 11 is a holiday)
        submitted("C", "ANTS", paris(10, 16)),
        moderated("C", paris(12, 10), "await_author_approval"),
        # D: CPAM, moderated in 30 min, never answered, its deadline has passed
        submitted("D", "CPAM", paris(2, 10)),
        moderated("D", paris(2, 10, 30), "publish"),
        published("D", paris(2, 10, 30), d_story),
        routed("D", paris(2, 10, 31), "CPAM", paris(16, 10, 30)),
        # E: moderated in 1 h, routed to CAF then moved to CPAM, answered late after 32 working
        # hours (Mon 13–18, Tue, Wed, Thu)
        submitted("E", "CAF", paris(2, 12)),
        moderated("E", paris(2, 13), "publish"),
        published("E", paris(2, 13), e_story),
        routed("E", paris(2, 13, 1), "CAF", paris(5, 13)),
        routed("E", paris(2, 15), "CPAM", paris(5, 13), version=2),
        response("E", paris(6, 9), "CPAM"),
        improvement("A", action_x, "CAF"),
        improvement("E", action_x, "CPAM"),
        improvement("D", action_y, "CPAM"),
        vote("similar"),
        vote("similar"),
        vote("useful", True),
        vote("useful", True),
        vote("useful", False),
        mail("sent"),
        mail("sent"),
        mail("sent"),
        mail("failed"),
    ]


@pytest.fixture(name="deps")
async def fixture_deps(stack: Stack) -> AsyncIterator[IndicatorsDeps]:
    client: AsyncMongoClient[Any] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"indicators_test_{uuid.uuid4().hex[:8]}"]
    deps = IndicatorsDeps(
        settings=IndicatorsSettings(min_count=1, cache_s=0),
        store=IndicatorsStore(db),
        kick_relay=lambda: None,
    )
    history_events = history()
    replayed = history_events + random.Random(7).sample(history_events, 12)  # redeliveries
    random.Random(3).shuffle(replayed)  # in any order
    for event in replayed:
        await record(event, deps=deps)
    yield deps
    await client.drop_database(db.name)
    await client.close()


async def test_every_figure_matches_the_hand_computed_value(deps: IndicatorsDeps) -> None:
    answer = await deps.figures(as_of=AS_OF, public=False)
    v = answer["buckets"][0]["values"]
    assert v["submitted"] == 5
    assert v["published"] == 3
    assert v["refused"] == 1 and v["refused_by_reason"] == {"TOO_OLD": 1}
    assert v["awaiting_author"] == 1
    # moderation: 2.0, 2.0, 3.0, 0.5, 1.0 -> median 2.0, p90 (rank 5 of 5) 3.0
    assert v["moderation_hours"] == {"n": 5, "median": 2.0, "p90": 3.0}
    assert v["response_rate"] == {"n": 3, "answered": 2, "rate": 0.6667}
    assert v["response_hours"] == {"n": 2, "median": 20.0, "p90": 32.0}
    # deadlines: A on time; D passed unanswered; E answered after it
    assert v["within_deadline"] == {"n": 3, "on_time": 1, "rate": 0.3333}
    assert v["feelings"] == {"positive": 1, "neutral": 1, "negative": 1}
    assert v["feelings_by_channel"] == {
        "counter": {"positive": 1, "neutral": 0, "negative": 0},
        "email": {"positive": 0, "neutral": 1, "negative": 0},
        "phone": {"positive": 0, "neutral": 0, "negative": 1},
        "website": {"positive": 0, "neutral": 1, "negative": 0},
    }
    assert v["similar_votes"] == 2
    assert v["usefulness"] == {"yes": 2, "no": 1, "rate": 0.6667}
    assert v["improvement_actions"] == 2
    assert (v["emails_sent"], v["emails_failed"]) == (3, 1)


async def test_per_network_and_entity(deps: IndicatorsDeps) -> None:
    caf = (await deps.figures(as_of=AS_OF, network="CAF", public=False))["buckets"][0]["values"]
    # A (routed to CAF) and B (refused: CAF by its organisation); E moved to CPAM
    assert (caf["submitted"], caf["published"], caf["refused"]) == (2, 1, 1)
    assert caf["response_rate"]["rate"] == 1.0
    assert caf["moderation_hours"] == {"n": 2, "median": 2.0, "p90": 2.0}
    assert caf["improvement_actions"] == 1
    cpam = (await deps.figures(as_of=AS_OF, network="CPAM", public=False))["buckets"][0]["values"]
    assert (cpam["published"], cpam["response_rate"]["answered"]) == (2, 1)
    assert cpam["within_deadline"] == {"n": 2, "on_time": 0, "rate": 0.0}
    assert cpam["improvement_actions"] == 2  # X (through E) and Y
    entity = await deps.figures(as_of=AS_OF, network="CAF", entity="CAF-75", public=False)
    assert entity["buckets"][0]["values"]["published"] == 1


async def test_days_weeks_and_months(deps: IndicatorsDeps) -> None:
    days = await deps.figures(as_of=paris(3, 12), period="day", last=3, public=False)
    # from the first fact's day on
    assert [b["period"] for b in days["buckets"]] == ["2026-11-02", "2026-11-03"]
    monday, tuesday = (b["values"] for b in days["buckets"])
    assert (monday["submitted"], monday["published"], tuesday["refused"]) == (4, 3, 1)
    assert tuesday["response_hours"]["median"] == 8.0  # only A's answer falls on Tuesday
    weeks = await deps.figures(as_of=AS_OF, period="week", last=52, public=False)
    assert [b["period"] for b in weeks["buckets"]] == ["2026-W45", "2026-W46", "2026-W47"]
    assert [b["values"]["submitted"] for b in weeks["buckets"]] == [4, 1, 0]
    months = await deps.figures(as_of=AS_OF, period="month", public=False)
    everything = await deps.figures(as_of=AS_OF, public=False)
    assert [b["period"] for b in months["buckets"]] == ["2026-11"]
    assert months["buckets"][0]["values"] == everything["buckets"][0]["values"]


async def test_small_counts_are_hidden_from_the_public(deps: IndicatorsDeps) -> None:
    deps.settings.min_count = 3
    v = (await deps.figures(as_of=AS_OF))["buckets"][0]["values"]
    assert v["submitted"] == 5 and v["published"] == 3
    assert v["refused"] is None and v["refused_by_reason"] == {"TOO_OLD": None}
    assert v["response_hours"] == {"n": None, "median": None, "p90": None}  # 2 answers only
    assert v["response_rate"]["rate"] == 0.6667  # 3 stories
    assert v["feelings"] == {"positive": None, "neutral": None, "negative": None}


def test_facts_hold_no_text() -> None:
    for event in history():
        fact = fact_of(event)
        if fact is not None:
            assert not {"description", "title", "body", "email"} & set(fact)


def test_percentiles_and_buckets() -> None:
    assert figures.median([3.0, 1.0, 2.0]) == 2.0 and figures.median([1.0, 2.0]) == 1.5
    assert figures.p90([float(i) for i in range(1, 11)]) == 9.0 and figures.p90([]) is None
    assert figures.bucket_of(paris(1, 0, 30), "day").label == "2026-11-01"
    assert figures.bucket_of(paris(30, 23), "month").label == "2026-11"
