"""The agents' workflow: drafters submit, validators of the network approve or return."""

from __future__ import annotations

import httpx
import pytest

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess
from tests.e2e.helpers import eventually, published, story

pytestmark = pytest.mark.e2e


def bearer(name: str, roles: list[str], network: str) -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject=f"{name}@{network}", name=name, roles=roles, network=network
    )
    return {"Authorization": f"Bearer {token}"}


def answer(first_name: str) -> str:
    return (
        "Bonjour Camille,\n\nMerci pour votre retour sur le renouvellement de votre titre.\n\n"
        "Nous transmettons votre message à l'équipe d'accueil.\n\n"
        f"Cordialement,\n{first_name}, pour Agence nationale des titres sécurisés (ANTS)"
    )


def test_drafter_validator_and_a_returned_draft(platform: dict[str, ServiceProcess]) -> None:
    intake, responses = platform["intake"].url, platform["responses"].url
    r = httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10)
    experience_id = r.json()["id"]
    assert eventually(lambda: published(intake, experience_id), timeout=60)
    drafter = bearer("Paul", ["agent"], "ANTS")
    validator = bearer("Lina", ["validator"], "ANTS")
    stranger = bearer("Marc", ["validator"], "CAF")
    draft = eventually(
        lambda: (
            (
                d := httpx.post(
                    f"{responses}/api/v1/experiences/{experience_id}/drafts",
                    headers=drafter,
                    json={"body": answer("Paul")},
                    timeout=5,
                )
            ).status_code
            == 201
            and d.json()
        ),
        timeout=60,
    )
    draft_url = f"{responses}/api/v1/drafts/{draft['id']}"

    refused = httpx.post(f"{draft_url}/publish", headers=drafter, timeout=5)
    assert refused.status_code == 403 and refused.json()["code"] == "drafter_cannot_publish"
    assert (
        httpx.post(f"{draft_url}/submit", headers=drafter, timeout=5).json()["status"]
        == "in_validation"
    )
    assert httpx.post(f"{draft_url}/approve", headers=stranger, timeout=5).status_code == 403

    back = httpx.post(
        f"{draft_url}/return",
        headers=validator,
        timeout=5,
        json={"comment": "Ajoutez où trouver les horaires du guichet."},
    )
    assert back.json()["status"] == "returned"
    edited = httpx.put(
        draft_url,
        headers=drafter,
        timeout=5,
        json={
            "body": answer("Paul").replace(
                "d'accueil.", "d'accueil. Les horaires sont sur notre site."
            )
        },
    )
    assert edited.json()["versions"] == 2
    kept = httpx.get(draft_url, headers=drafter, timeout=5).json()
    assert kept["comments"][0]["text"] == "Ajoutez où trouver les horaires du guichet."
    assert kept["comments"][0]["by"] == "Lina@ANTS"

    httpx.post(f"{draft_url}/submit", headers=drafter, timeout=5).raise_for_status()
    approved = httpx.post(f"{draft_url}/approve", headers=validator, timeout=5)
    assert approved.status_code == 200 and approved.json()["status"] == "published"
    shown = eventually(
        lambda: (p := published(intake, experience_id)) and p["responses"] and p, timeout=30
    )
    assert "Les horaires sont sur notre site." in shown["responses"][0]["body"]
