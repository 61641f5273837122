"""Events delivered again, late: no service keeps an inbox of the events it handled, so each
handler must be idempotent by itself, even for an old event that comes back after newer ones (a
relay that takes over a stopped instance's queue sends what that instance had not deleted)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import httpx
import pytest

from spplus.contracts import Envelope, events
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, handled, mails_to, produce, published, quiet, topic_events
from tests.e2e.test_notifications import (
    ADMIN,
    answer_and_publish,
    bearer,
    deliveries,
    post_an_edited_story,
    templates,
)

pytestmark = pytest.mark.e2e

MODERATOR = bearer(["moderator"], name="Mo")

#: Each event of a story's life, and the handlers that consume it (service, handler).
CONSUMERS: dict[type[Envelope[Any]], list[tuple[str, str]]] = {
    events.ExperienceSubmitted: [("moderation", "on_submitted")],
    events.AuthorContactRecorded: [("notifications", "on_contact")],
    events.ExperienceModerated: [("intake", "on_moderated"), ("notifications", "on_moderated")],
    events.AuthorDecisionMade: [("moderation", "on_author_decision")],
    events.ExperiencePublished: [
        ("intake", "on_published"),
        ("routing", "on_published"),
        ("notifications", "on_published"),
    ],
    events.ExperienceRouted: [("responses", "on_routed"), ("notifications", "on_routed")],
    events.ResponsePublished: [
        ("intake", "on_response_published"),
        ("notifications", "on_response_published"),
    ],
}


def everything_about(
    platform: dict[str, ServiceProcess], stack: Stack, experience_id: str, author: str, link: str
) -> dict[str, Any]:
    """What each service shows of the story, and every event about it on every topic."""

    def get(service: str, path: str, **kw: Any) -> Any:
        r = httpx.get(f"{platform[service].url}/api/v1{path}", timeout=5, **kw)
        assert r.status_code == 200, r.text
        return r.json()

    case = get("moderation", f"/cases/{experience_id}", headers=MODERATOR)
    public = published(platform["intake"].url, experience_id)
    page = httpx.get(link, timeout=5).json()
    return {
        "author page": page,
        "public": public and {k: public.get(k) for k in ("status", "title", "responses")},
        "case": {k: case.get(k) for k in ("status", "decision", "step", "deadline")},
        "assignment": get("routing", f"/experiences/{experience_id}/assignment", headers=ADMIN),
        "deliveries": sorted(
            (d["template"], d["status"]) for d in deliveries(platform, experience_id)
        ),
        "emails": templates(stack, author),
        "events": {
            cls.TOPIC: Counter(
                e["event_id"]
                for e in topic_events(
                    stack.kafka,
                    cls.TOPIC,
                    lambda e: e["payload"].get("experience_id") == experience_id,
                )
            )
            for cls in (*CONSUMERS, events.ExperienceWithdrawn, events.NotificationSent)
        },
    }


def test_a_whole_storys_events_delivered_again_late_change_nothing(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    # A story moderation edits (the author must approve), approved, published, routed, answered.
    experience_id, author, approval = post_an_edited_story(platform, stack)
    found = re.search(r"https?://\S+/api/v1/authors/\S+\?choix=approve", approval["text"])
    assert found, approval["text"]
    link = found.group().split("?")[0]
    decided = httpx.post(f"{link}/decision", json={"action": "approve"}, timeout=5)
    assert decided.status_code == 202, decided.text
    eventually(lambda: published(platform["intake"].url, experience_id), timeout=60)
    answer_and_publish(platform["responses"].url, experience_id)
    eventually(lambda: mails_to(stack.smtp_http, author, "answered"), timeout=60)
    eventually(
        lambda: all(d["status"] == "sent" for d in deliveries(platform, experience_id)) or None,
        timeout=30,
    )
    quiet(platform)  # nothing left to do: what did not happen will not
    before = everything_about(platform, stack, experience_id, author, link)
    assert before["author page"]["status"] == "publish", before["author page"]
    assert before["emails"] == ["received", "approval", "published", "answered"]
    assert len(before["events"][events.ExperienceModerated.TOPIC]) == 2  # edited, then approved

    # Every event of its life again, newest first: each one comes back after all those that
    # followed it (the first `moderated`, « await your approval », last of all).
    again: list[Envelope[Any]] = []
    for cls in CONSUMERS:
        again += [
            cls.model_validate(e)
            for e in topic_events(
                stack.kafka, cls.TOPIC, lambda e: e["payload"].get("experience_id") == experience_id
            )
        ]
    again.sort(key=lambda e: e.occurred_at, reverse=True)
    assert len(again) >= 8
    counts = {
        (service, h): handled(platform[service], h)
        for consumers in CONSUMERS.values()
        for service, h in consumers
    }
    expected = Counter((service, h) for e in again for service, h in CONSUMERS[type(e)])
    produce(stack.kafka, *again)
    eventually(
        lambda: all(
            handled(platform[service], h) >= n + expected[(service, h)]
            for (service, h), n in counts.items()
        ),
        timeout=60,
    )
    quiet(platform)  # nothing left to do: what did not happen will not

    after = everything_about(platform, stack, experience_id, author, link)
    for what in ("author page", "public", "case", "assignment", "deliveries", "emails"):
        assert after[what] == before[what], what
    # On every topic: the same events and none new. (The copies produced here are there too; an
    # event a replay queued again may even leave twice under its own id, which every consumer
    # takes as the same event.)
    for topic, ids in before["events"].items():
        produced = Counter(str(e.event_id) for e in again if topic == type(e).TOPIC)
        assert set(after["events"][topic]) == set(ids), topic
        assert after["events"][topic] >= ids + produced, topic
