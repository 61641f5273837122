"""Withdrawal reaches everyone: an author who approved a proposal, saw the story published and
answered, then withdraws it through their link. It leaves the public read, the network's inbox
and drafts; the network's topic and webhook are told; the author is told."""

from __future__ import annotations

import json
import re
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from threading import Thread
from typing import Any, ClassVar

import httpx
import pytest

from spplus.contracts import events, network_topic
from spplus.contracts.values import PublicStory
from spplus.routing import webhooks
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, handled, mails_to, produce, published, topic_events
from tests.e2e.test_notifications import (
    ADMIN,
    PUBLISHER,
    answer_and_publish,
    bearer,
    post_an_edited_story,
)

pytestmark = pytest.mark.e2e

SECRET = "a-long-shared-secret-for-ants-withdrawals"


class _Receiver(BaseHTTPRequestHandler):
    calls: ClassVar[list[tuple[bytes, dict[str, str]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.calls.append((body, dict(self.headers)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def received(experience_id: str, event_type: str) -> list[tuple[bytes, dict[str, str]]]:
    return [
        (body, headers)
        for body, headers in _Receiver.calls
        if json.loads(body).get("event_type") == event_type
        and json.loads(body)["payload"]["experience_id"] == experience_id
    ]


def test_an_author_withdraws_an_answered_story_after_approving_it_and_everyone_is_told(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    Thread(target=server.serve_forever, daemon=True).start()
    routing, responses = platform["routing"].url, platform["responses"].url
    put = httpx.put(
        f"{routing}/api/v1/networks/ANTS",
        headers=ADMIN,
        timeout=5,
        json={"webhook": f"http://127.0.0.1:{server.server_port}/ants", "webhook_secret": SECRET},
    )
    assert put.status_code == 200, put.text
    try:
        experience_id, author, approval = post_an_edited_story(platform, stack)
        found = re.search(r"https?://\S+/api/v1/authors/\S+\?choix=approve", approval["text"])
        assert found, approval["text"]
        link = found.group().split("?")[0]
        approved = httpx.post(f"{link}/decision", json={"action": "approve"}, timeout=5)
        assert approved.status_code == 202, approved.text
        eventually(lambda: published(platform["intake"].url, experience_id), timeout=60)
        eventually(lambda: received(experience_id, "network.experience"), timeout=60)
        answer_and_publish(responses, experience_id)
        eventually(
            lambda: (published(platform["intake"].url, experience_id) or {}).get("responses"),
            timeout=60,
        )
        page = httpx.get(link, timeout=5).json()
        assert page["status"] == "publish" and page["actions"] == ["withdraw"], page

        # The author withdraws it, after approving the proposal and after the answer.
        asked = time.monotonic()
        withdrawn = httpx.post(f"{link}/decision", json={"action": "withdraw"}, timeout=5)
        assert withdrawn.status_code == 202, withdrawn.text
        assert withdrawn.json()["actions"] == []
        again = httpx.post(f"{link}/decision", json={"action": "withdraw"}, timeout=5)
        assert again.status_code == 202  # the same request again: the same answer

        state: dict[str, bool] = {}

        def gone_everywhere() -> bool:
            inbox = httpx.get(f"{responses}/api/v1/inbox", headers=PUBLISHER, timeout=5).json()
            drafts = httpx.get(f"{responses}/api/v1/drafts", headers=PUBLISHER, timeout=5).json()
            state.update(
                unpublished=published(platform["intake"].url, experience_id) is None,
                out_of_inbox=all(i["experience_id"] != experience_id for i in inbox),
                out_of_drafts=all(d["experience_id"] != experience_id for d in drafts),
                webhook_told=bool(received(experience_id, "network.withdrawn")),
            )
            return all(state.values())

        # Under the whole suite on two cores a webhook retry can take longer than half a minute;
        # on failure, say which part was still waiting.
        try:
            eventually(gone_everywhere, timeout=60, every=0.2)
        except AssertionError as e:
            raise AssertionError(f"not withdrawn everywhere: {state}") from e
        print(f"withdrawn everywhere {time.monotonic() - asked:.1f} s after the request")

        # The network's system is told on its topic, after the story (same key), and at its
        # webhook, signed.
        told = topic_events(
            stack.kafka,
            network_topic("ANTS"),
            lambda e: e["payload"].get("experience_id") == experience_id,
        )
        assert [e["event_type"] for e in told] == ["network.experience", "network.withdrawn"]
        assert told[1]["payload"]["requested_by"] == "author"
        body, headers = received(experience_id, "network.withdrawn")[0]
        assert webhooks.verify(SECRET, body, headers["x-spplus-signature"])
        assert author not in body.decode()

        # Nothing more can be done about it in the agents' workspace.
        story = httpx.get(
            f"{responses}/api/v1/experiences/{experience_id}/starting-draft",
            headers=PUBLISHER,
            timeout=5,
        )
        assert story.status_code == 410, story.text
        assert story.json()["code"] == "experience_withdrawn"
        draft = httpx.post(
            f"{responses}/api/v1/experiences/{experience_id}/drafts",
            headers=PUBLISHER,
            json={"body": "Bonjour"},
            timeout=5,
        )
        assert draft.status_code == 410, draft.text
        assignment = httpx.get(
            f"{routing}/api/v1/experiences/{experience_id}/assignment", headers=ADMIN, timeout=5
        ).json()
        assert assignment["status"] == "withdrawn"

        # The author is told, and their page says so.
        eventually(lambda: mails_to(stack.smtp_http, author, "withdrawn"), timeout=30)
        page = httpx.get(link, timeout=5).json()
        assert page["status"] == "withdrawn" and page["actions"] == [], page
    finally:
        httpx.put(f"{routing}/api/v1/networks/ANTS", headers=ADMIN, timeout=5, json={"webhook": ""})
        server.shutdown()


def test_a_story_withdrawn_before_publication_is_never_routed_even_if_published_late(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """The author withdraws while moderation waits for their approval; a `published` event of
    that story that reaches routing afterwards (topics are not ordered together) routes
    nothing."""
    experience_id, author, approval = post_an_edited_story(platform, stack)
    link = re.search(r"https?://\S+/api/v1/authors/[^\s?]+", approval["text"])
    assert link, approval["text"]
    withdrawn = httpx.post(f"{link.group()}/decision", json={"action": "withdraw"}, timeout=5)
    assert withdrawn.status_code == 202, withdrawn.text
    eventually(lambda: mails_to(stack.smtp_http, author, "withdrawn"), timeout=30)
    routing = platform["routing"].url

    def assignment() -> dict[str, Any] | None:
        r = httpx.get(
            f"{routing}/api/v1/experiences/{experience_id}/assignment", headers=ADMIN, timeout=5
        )
        return r.json() if r.status_code == 200 else None

    assert eventually(assignment, timeout=30)["status"] == "withdrawn"
    case = httpx.get(
        f"{platform['moderation'].url}/api/v1/cases/{experience_id}",
        headers=bearer(["moderator"], name="Mo"),
        timeout=5,
    ).json()
    assert case["status"] == "withdrawn"

    late = events.ExperiencePublished.first(
        events.ExperiencePublishedPayload(
            experience_id=uuid.UUID(experience_id),
            published_at=datetime.now(UTC),
            story=PublicStory.model_validate(
                {
                    "title": "Renouvellement de titre d'identité",
                    "description": "Un récit publié trop tard.",
                    "feeling": "positive",
                    "experience_date": "2026-10-15",
                    "journey": [{"organisation": "ANTS", "channels": []}],
                }
            ),
        ),
        producer="moderation",
    )
    before = handled(platform["routing"], "on_published")
    produce(stack.kafka, late)
    eventually(lambda: handled(platform["routing"], "on_published") > before, timeout=30)
    assert (assignment() or {})["status"] == "withdrawn"
    assert published(platform["intake"].url, experience_id) is None
    assert not topic_events(
        stack.kafka,
        network_topic("ANTS"),
        lambda e: e["payload"].get("experience_id") == experience_id,
    )
