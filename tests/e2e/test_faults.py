"""Nothing is lost and nothing happens twice when Kafka stops or a service is killed."""

from __future__ import annotations

import signal
from collections import defaultdict

import httpx
import pytest

from spplus.contracts.events import ExperiencePublished
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, mails_to, published, quiet, story, topic_events

pytestmark = pytest.mark.e2e


def test_a_story_posted_while_kafka_is_down_is_published_when_it_is_back(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    if stack.stack_env is None:
        pytest.skip("the servers are not managed by the tests: cannot stop Kafka")
    intake = platform["intake"].url
    stack.stack("stop", "kafka")
    try:
        body = story()
        r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
        assert r.status_code == 202, r.text
    finally:
        stack.stack("start", "kafka")
    experience_id = r.json()["id"]
    assert eventually(lambda: published(intake, experience_id), timeout=90)
    author = body["author"]["email"]
    assert len(eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=30)) == 1
    quiet(platform)  # nothing left to do: what did not happen will not
    assert len(mails_to(stack.smtp_http, author, "published")) == 1  # published exactly once


def test_killing_moderation_loses_nothing_and_publishes_nothing_twice(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    intake = platform["intake"].url
    moderation = platform["moderation"]
    bodies = [story() for _ in range(12)]
    ids = []
    for i, body in enumerate(bodies):
        if i == 4:
            moderation.kill(signal.SIGKILL)  # mid-stream, without a chance to clean up
        r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
        assert r.status_code == 202
        ids.append(r.json()["id"])
    moderation.start()
    moderation.wait_ready()

    for experience_id in ids:
        assert eventually(lambda eid=experience_id: published(intake, eid), timeout=60)
    for body in bodies:
        mails = eventually(
            lambda b=body: mails_to(stack.smtp_http, b["author"]["email"], "published"), timeout=60
        )
        assert len(mails) == 1, mails
        assert len(mails_to(stack.smtp_http, body["author"]["email"], "received")) == 1

    wanted = set(ids)
    seen: dict[str, list[str]] = defaultdict(list)
    for event in topic_events(
        stack.kafka, ExperiencePublished.TOPIC, lambda e: e["payload"]["experience_id"] in wanted
    ):
        seen[event["payload"]["experience_id"]].append(event["event_id"])
    assert set(seen) == set(ids)
    assert all(len(set(event_ids)) == 1 for event_ids in seen.values()), seen
