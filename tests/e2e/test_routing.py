"""Routing end to end: a misrouted story moves to another network, which alone can answer it;
a story nobody can claim waits in triage."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import httpx
import pytest

from spplus.routing import webhooks
from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, published, story

pytestmark = pytest.mark.e2e


def bearer(roles: list[str], network: str | None = None) -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject=f"{roles[0]}-{network}", name="Test", roles=roles, network=network
    )
    return {"Authorization": f"Bearer {token}"}


def in_inbox(responses: str, network: str, experience_id: str) -> bool:
    items = httpx.get(
        f"{responses}/api/v1/inbox", headers=bearer(["agent"], network), timeout=5
    ).json()
    return any(i["experience_id"] == experience_id for i in items)


def test_after_reassignment_the_first_network_can_no_longer_read_or_answer(
    platform: dict[str, ServiceProcess],
) -> None:
    intake, routing = platform["intake"].url, platform["routing"].url
    responses = platform["responses"].url
    r = httpx.post(
        f"{intake}/api/v1/experiences",
        timeout=10,
        json=story(journey=[{"organisation": "CAF", "channels": []}]),
    )
    experience_id = r.json()["id"]
    assert eventually(lambda: published(intake, experience_id), timeout=60)
    assert eventually(lambda: in_inbox(responses, "CAF", experience_id), timeout=60)
    caf = bearer(["agent"], "CAF")
    draft = httpx.post(
        f"{responses}/api/v1/experiences/{experience_id}/drafts",
        headers=caf,
        json={"body": "Bonjour, nous regardons votre dossier."},
        timeout=5,
    )
    assert draft.status_code == 201

    moved = httpx.post(
        f"{routing}/api/v1/experiences/{experience_id}/reassign",
        timeout=5,
        headers=bearer(["moderator"]),
        json={"network": "CPAM", "reason": "il s'agit de la carte Vitale"},
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["version"] == 2 and moved.json()["entity"] == "CPAM-69"

    assert eventually(lambda: in_inbox(responses, "CPAM", experience_id), timeout=60)
    assert not in_inbox(responses, "CAF", experience_id)
    again = httpx.post(
        f"{responses}/api/v1/experiences/{experience_id}/drafts",
        headers=caf,
        json={"body": "Bonjour."},
        timeout=5,
    )
    assert again.status_code == 403 and again.json()["code"] == "not_your_network"
    stale = httpx.post(
        f"{responses}/api/v1/drafts/{draft.json()['id']}/publish", headers=caf, timeout=5
    )
    assert stale.status_code == 403
    assignment = httpx.get(
        f"{routing}/api/v1/experiences/{experience_id}/assignment",
        headers=bearer(["admin"]),
        timeout=5,
    ).json()
    assert (assignment["network"], assignment["rule"]) == ("CPAM", "manual")
    assert assignment["audit"][-1]["reason"] == "il s'agit de la carte Vitale"
    # A CAF agent may not move a story that is no longer theirs.
    refused = httpx.post(
        f"{routing}/api/v1/experiences/{experience_id}/reassign",
        headers=caf,
        json={"network": "CAF", "reason": "on le reprend"},
        timeout=5,
    )
    assert refused.status_code == 403


def test_a_story_nobody_can_claim_waits_in_triage(platform: dict[str, ServiceProcess]) -> None:
    intake, routing = platform["intake"].url, platform["routing"].url
    body = story(
        journey=[{"organisation": "Un service inconnu", "channels": []}],
        title="Accueil",
        description=(
            "Je suis venue deux fois au guichet, on m'a demandé de revenir avec un "
            "justificatif que personne ne m'avait demandé la première fois, et "
            "l'attente a duré une heure. La deuxième fois, la personne de l'accueil a "
            "enfin pris le temps de regarder mes papiers et tout s'est réglé en dix "
            "minutes, ce qui montre que c'était possible dès le début."
        ),
    )
    r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
    experience_id = r.json()["id"]
    # No organisation moderation knows either: a moderator reads it and lets it through.
    moderation = platform["moderation"].url
    modo = bearer(["moderator"])
    eventually(
        lambda: (
            httpx.get(
                f"{moderation}/api/v1/cases/{experience_id}", headers=modo, timeout=5
            ).status_code
            == 200
        ),
        timeout=30,
    )
    approved = httpx.post(
        f"{moderation}/api/v1/cases/{experience_id}/decision",
        headers=modo,
        json={"action": "approve"},
        timeout=5,
    )
    case = httpx.get(f"{moderation}/api/v1/cases/{experience_id}", headers=modo, timeout=5).json()
    assert approved.json().get("status") == "published", (
        approved.text,
        case["flags"],
        case["original"],
    )
    admin = bearer(["admin"])
    waiting = eventually(
        lambda: [
            t
            for t in httpx.get(f"{routing}/api/v1/triage", headers=admin, timeout=5).json()
            if t["experience_id"] == experience_id
        ],
        timeout=90,  # routing's consumers may have a backlog from the tests before
    )
    assert waiting
    moved = httpx.post(
        f"{routing}/api/v1/experiences/{experience_id}/reassign",
        headers=admin,
        json={"network": "FRANCE_SERVICES", "reason": "un espace France Services"},
        timeout=5,
    )
    assert moved.status_code == 200 and moved.json()["entity"] == "FS-69"


def test_the_example_responder_answers_its_networks_stories(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    responder = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "spplus-example-responder"),
            "--network",
            "URSSAF",
            "--bootstrap",
            stack.kafka,
            "--agent",
            "Nora",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        r = httpx.post(
            f"{platform['intake'].url}/api/v1/experiences",
            timeout=10,
            json=story(journey=[{"organisation": "URSSAF", "channels": []}]),
        )
        experience_id = r.json()["id"]
        urssaf = bearer(["agent"], "URSSAF")
        drafts = eventually(
            lambda: [
                d
                for d in httpx.get(
                    f"{platform['responses'].url}/api/v1/drafts", headers=urssaf, timeout=5
                ).json()
                if d["experience_id"] == experience_id and d["status"] == "draft"
            ],
            timeout=60,
        )
        assert "Nora, pour URSSAF" in drafts[0]["body"]
    finally:
        os.killpg(responder.pid, signal.SIGTERM)
        responder.wait(timeout=15)


class _Receiver(BaseHTTPRequestHandler):
    calls: ClassVar[list[tuple[int, bytes, dict[str, str]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        status = 503 if len(self.calls) < 2 else 200  # fails twice, then works
        self.calls.append((status, body, dict(self.headers)))
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_webhook_that_fails_twice_gets_the_story_once_signed(
    platform: dict[str, ServiceProcess],
) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    Thread(target=server.serve_forever, daemon=True).start()
    secret = "a-long-shared-secret-for-msa-0123"
    routing = platform["routing"].url
    try:
        put = httpx.put(
            f"{routing}/api/v1/networks/MSA",
            headers=bearer(["admin"]),
            timeout=5,
            json={
                "webhook": f"http://127.0.0.1:{server.server_port}/stories",
                "webhook_secret": secret,
            },
        )
        assert put.status_code == 200 and put.json()["has_webhook_secret"]
        assert secret not in put.text
        r = httpx.post(
            f"{platform['intake'].url}/api/v1/experiences",
            timeout=10,
            json=story(journey=[{"organisation": "MSA", "channels": []}]),
        )
        experience_id = r.json()["id"]
        eventually(lambda: [c for c in _Receiver.calls if c[0] == 200], timeout=60)
        time.sleep(3)  # nothing more may come
        mine = [c for c in _Receiver.calls if experience_id.encode() in c[1]]
        assert [c[0] for c in mine] == [503, 503, 200]
        _, body, headers = mine[-1]
        assert webhooks.verify(secret, body, headers["x-spplus-signature"])
        event = json.loads(body)
        assert event["payload"]["network"] == "MSA" and "email" not in body.decode()
        log = httpx.get(
            f"{routing}/api/v1/networks/MSA/deliveries", headers=bearer(["admin"]), timeout=5
        ).json()
        assert [e["delivered"] for e in log if e["delivery_id"] == event["event_id"]] == [
            True,
            False,
            False,
        ]
    finally:
        httpx.put(
            f"{routing}/api/v1/networks/MSA",
            headers=bearer(["admin"]),
            timeout=5,
            json={"webhook": "http://127.0.0.1:9/none"},
        )
        server.shutdown()
