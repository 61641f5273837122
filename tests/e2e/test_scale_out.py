"""Scale-out: two instances of a service in one consumer group share the partitions; killing one
moves its partitions to the other, with nothing lost and nothing done twice."""

from __future__ import annotations

import re
import signal
from collections import defaultdict
from collections.abc import Iterator

import httpx
import pytest

from spplus.contracts.events import ExperiencePublished, ExperienceSubmitted, ExperienceWithdrawn
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, handled, mails_to, published, quiet, story, topic_events

pytestmark = pytest.mark.e2e


def held(instance: ServiceProcess, topic: str) -> float:
    """The partitions of `topic` this instance holds now (its `spplus_partitions_assigned`)."""
    text = httpx.get(f"{instance.url}/metrics", timeout=5).text
    found = re.findall(
        rf'spplus_partitions_assigned\{{[^}}]*topic="{re.escape(topic)}"[^}}]*\}} (\S+)', text
    )
    return sum(float(v) for v in found)


def share_the_topic(instances: list[ServiceProcess], topic: str) -> bool:
    return all(held(instance, topic) > 0 for instance in instances)


@pytest.fixture(name="twins")
def fixture_twins(platform: dict[str, ServiceProcess]) -> Iterator[dict[str, ServiceProcess]]:
    """A second instance of moderation and of notifications (same groups, same databases)."""
    twins = {
        name: ServiceProcess(
            name, platform[name].port + 100, platform[name].env, platform[name].log_dir
        )
        for name in ("moderation", "notifications")
    }
    for twin in twins.values():
        twin.env = {**twin.env, f"{twin.name.upper()}_HTTP_PORT": str(twin.port)}
        twin.start()
    try:
        for twin in twins.values():
            twin.wait_ready()
        yield twins
    finally:
        for twin in twins.values():
            twin.kill()


def post_stories(platform: dict[str, ServiceProcess], n: int) -> dict[str, str]:
    out = {}
    for _ in range(n):
        body = story()
        r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
        assert r.status_code == 202, r.text
        out[r.json()["id"]] = body["author"]["email"]
    return out


def test_two_instances_share_the_work_and_one_takes_over(
    platform: dict[str, ServiceProcess], stack: Stack, twins: dict[str, ServiceProcess]
) -> None:
    intake = platform["intake"].url
    before = {
        "first": handled(platform["moderation"], "on_submitted"),
        "second": handled(twins["moderation"], "on_submitted"),
    }
    pairs = [(platform[n], twins[n]) for n in ("moderation", "notifications")]
    # (notifications' busiest handlers run a consumer per partition in each instance, so that
    # six consumers may leave one instance none of their topic's three: the partitions are
    # watched on a topic it consumes with one consumer, and the emails check the busy ones)
    topics = {"moderation": ExperienceSubmitted.TOPIC, "notifications": ExperienceWithdrawn.TOPIC}
    for first, second in pairs:  # the group has rebalanced over both members
        eventually(lambda a=first, b=second: share_the_topic([a, b], topics[a.name]), timeout=60)
    first_batch = post_stories(platform, 18)
    for experience_id in first_batch:
        eventually(lambda e=experience_id: published(intake, e), timeout=90)
    shares = {
        "first": handled(platform["moderation"], "on_submitted") - before["first"],
        "second": handled(twins["moderation"], "on_submitted") - before["second"],
    }
    assert shares["first"] > 0 and shares["second"] > 0, shares  # both took partitions
    assert shares["first"] + shares["second"] >= len(first_batch)

    total = {a.name: held(a, topics[a.name]) + held(b, topics[a.name]) for a, b in pairs}
    twins["moderation"].kill(signal.SIGKILL)
    twins["notifications"].kill(signal.SIGKILL)
    for first, _ in pairs:  # the survivor takes every partition back
        eventually(lambda a=first: held(a, topics[a.name]) == total[a.name], timeout=90)
    second_batch = post_stories(platform, 18)
    for experience_id in second_batch:
        eventually(lambda e=experience_id: published(intake, e), timeout=120)

    stories = first_batch | second_batch
    for experience_id, author in stories.items():
        mails = eventually(lambda a=author: mails_to(stack.smtp_http, a, "published"), timeout=60)
        assert len(mails) == 1, (
            experience_id,
            [(m["headers"].get("X-Spplus-Key"), m["received_at"]) for m in mails],
        )
    quiet(platform)  # nothing left to do: what did not happen will not
    for author in stories.values():
        assert len(mails_to(stack.smtp_http, author, "published")) == 1
        assert len(mails_to(stack.smtp_http, author, "received")) == 1
    seen: dict[str, set[str]] = defaultdict(set)
    for event in topic_events(
        stack.kafka, ExperiencePublished.TOPIC, lambda e: e["payload"]["experience_id"] in stories
    ):
        seen[event["payload"]["experience_id"]].add(event["event_id"])
    assert set(seen) == set(stories)
    assert all(len(ids) == 1 for ids in seen.values())  # published once each
