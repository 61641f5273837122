"""One story all the way, over the real Kafka, database and SMTP sink, six real processes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, mails_to, published, story

pytestmark = pytest.mark.e2e


def agent_token(network: str, name: str = "Jean Martin") -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject=f"{name}@agents", name=name, roles=["agent"], network=network, publisher=True
    )
    return {"Authorization": f"Bearer {token}"}


def test_a_story_is_published_answered_and_counted(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    intake = platform["intake"].url
    body = story()
    author = body["author"]["email"]

    r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    assert r.json()["status"] == "received"
    experience_id = r.json()["id"]

    public = eventually(lambda: published(intake, experience_id), timeout=30)
    assert public["title"] == body["title"]
    assert public["department"] == "69"
    assert "email" not in public and "postal_code" not in public
    assert author not in str(public)

    mail = eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=30)
    assert len(mail) == 1
    assert mail[0]["subject"] == "Votre expérience est publiée"
    assert f"/api/v1/experiences/{experience_id}" in mail[0]["text"]
    assert "Camille" in mail[0]["text"]

    # An agent of the network sees it in their inbox, drafts and publishes an answer.
    responses = platform["responses"].url
    headers = agent_token("ANTS")
    inbox = eventually(
        lambda: [
            i
            for i in httpx.get(f"{responses}/api/v1/inbox", headers=headers, timeout=5).json()
            if i["experience_id"] == experience_id
        ],
        timeout=30,
    )
    assert inbox[0]["network"] == "ANTS"
    answer = (
        "Bonjour Camille,\n\nMerci d'avoir pris le temps de partager votre expérience. "
        "Nous sommes heureux que le renouvellement se soit bien passé.\n\n"
        "Votre témoignage est transmis à l'équipe qui vous a reçue.\n\n"
        "Cordialement,\nJean, pour Agence nationale des titres sécurisés (ANTS)"
    )
    # The guide is checked before publication: a phone number in the answer blocks it.
    leaky = httpx.post(
        f"{responses}/api/v1/experiences/{experience_id}/drafts",
        headers=headers,
        json={"body": answer.replace("reçue.", "reçue (06 12 34 56 78).")},
        timeout=5,
    ).json()
    refused = httpx.post(
        f"{responses}/api/v1/drafts/{leaky['id']}/publish", headers=headers, timeout=5
    )
    assert refused.status_code == 422
    assert [e["code"] for e in refused.json()["errors"]] == ["personal_data"]
    lint = httpx.post(
        f"{responses}/api/v1/lint",
        headers=headers,
        timeout=5,
        json={"body": answer, "experience_id": experience_id},
    ).json()
    assert lint["ok"], lint
    draft = httpx.post(
        f"{responses}/api/v1/experiences/{experience_id}/drafts",
        json={"body": answer},
        headers=headers,
        timeout=5,
    )
    assert draft.status_code == 201, draft.text
    draft_id = draft.json()["id"]
    first = httpx.post(f"{responses}/api/v1/drafts/{draft_id}/publish", headers=headers, timeout=5)
    again = httpx.post(f"{responses}/api/v1/drafts/{draft_id}/publish", headers=headers, timeout=5)
    assert first.status_code == again.status_code == 200, first.text
    assert first.json()["response_id"] == again.json()["response_id"]
    assert first.json()["signature"].startswith("Jean, pour ")

    # The public read shows the answer, once; the author is told, once.
    def answered() -> dict[str, Any] | None:
        doc = published(intake, experience_id)
        return doc if doc and doc["responses"] else None

    shown = eventually(answered, timeout=30)
    assert [r["body"] for r in shown["responses"]] == [answer]
    assert shown["responses"][0]["signature"] == first.json()["signature"]
    mails = eventually(
        lambda: [
            m
            for m in mails_to(stack.smtp_http, author)
            if m["subject"].startswith("Le service a répondu")
        ],
        timeout=30,
    )
    unquoted = "\n".join(line.removeprefix(">").strip() for line in mails[0]["text"].splitlines())
    assert "\n".join(line.strip() for line in answer.splitlines()) in unquoted

    figures = eventually(
        lambda: (
            (
                v := httpx.get(
                    f"{platform['indicators'].url}/api/v1/indicators/networks/ANTS", timeout=5
                ).json()["buckets"][0]["values"]
            )["response_rate"]["answered"]
            >= 1
            and v
        ),
        timeout=30,
    )
    assert figures["published"] >= 1
    # received, published, answered: in that order, nothing twice
    sent = [m["headers"]["X-Spplus-Template"] for m in mails_to(stack.smtp_http, author)]
    assert sent == ["received", "published", "answered"]


def test_a_too_short_description_is_refused_with_a_clear_error(
    platform: dict[str, ServiceProcess],
) -> None:
    r = httpx.post(
        f"{platform['intake'].url}/api/v1/experiences",
        json=story(description="Trop court pour être une expérience utile."),
        timeout=5,
    )
    assert r.status_code == 422
    err = r.json()
    assert err["code"] == "validation_failed"
    assert {(e["field"], e["code"]) for e in err["errors"]} == {("description", "too_short")}
    assert "100 caractères" in err["errors"][0]["message"]


def test_a_body_that_is_not_json_is_refused(platform: dict[str, ServiceProcess]) -> None:
    r = httpx.post(
        f"{platform['intake'].url}/api/v1/experiences",
        content=b"{nope",
        headers={"content-type": "application/json"},
        timeout=5,
    )
    assert r.status_code in (400, 422)
    assert r.json()["code"]


def test_a_retried_submission_is_one_story(platform: dict[str, ServiceProcess]) -> None:
    intake = platform["intake"].url
    body = story()
    headers = {"Idempotency-Key": "retry-test-1"}
    a = httpx.post(f"{intake}/api/v1/experiences", json=body, headers=headers, timeout=5)
    b = httpx.post(f"{intake}/api/v1/experiences", json=body, headers=headers, timeout=5)
    assert a.status_code == b.status_code == 202
    assert a.json()["id"] == b.json()["id"]
    other = httpx.post(
        f"{intake}/api/v1/experiences", json=story(title="Autre"), headers=headers, timeout=5
    )
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"


def test_the_agent_api_needs_a_valid_token(platform: dict[str, ServiceProcess]) -> None:
    url = f"{platform['responses'].url}/api/v1/inbox"
    assert httpx.get(url, timeout=5).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer forged"}, timeout=5).status_code == 401
    moderator = TokenVerifier(AuthSettings()).issue(subject="m", name="M", roles=["moderator"])
    r = httpx.get(url, headers={"Authorization": f"Bearer {moderator}"}, timeout=5)
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"


def test_every_service_serves_health_and_its_openapi(platform: dict[str, ServiceProcess]) -> None:
    for service in platform.values():
        assert httpx.get(f"{service.url}/health", timeout=5).json()["status"] == "ok"
        assert httpx.get(f"{service.url}/schema/openapi.json", timeout=5).json()["openapi"]
        assert "spplus" in httpx.get(f"{service.url}/metrics", timeout=5).text
