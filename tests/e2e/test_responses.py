"""The agents' workflow: drafters submit, validators of the network approve or return."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from spplus.contracts import events
from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, produce, published, quiet, story

pytestmark = pytest.mark.e2e


def bearer(
    name: str,
    roles: list[str],
    network: str,
    publisher: bool = False,
    entity: str | None = None,
) -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject=f"{name}@{network}",
        name=name,
        roles=roles,
        network=network,
        publisher=publisher,
        entity=entity,
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


ANTS = "Agence nationale des titres sécurisés (ANTS)"


def routed_to_ants(
    experience_id: uuid.UUID, due: datetime, feeling: str
) -> events.ExperienceRouted:
    """What routing publishes when a story (not in intake: injected) is assigned to ANTS."""
    return events.ExperienceRouted(
        producer="routing",
        correlation_id=uuid.uuid4(),
        payload=events.ExperienceRoutedPayload(
            experience_id=experience_id,
            network="ANTS",
            due_at=due,
            story=events.PublicStory.model_validate(
                {
                    "title": "Passeport en attente",
                    "description": "Texte public de test.",
                    "feeling": feeling,
                    "experience_date": "2026-10-10",
                    "journey": [{"organisation": "ANTS", "channels": []}],
                }
            ),
        ),
    )


def assigned_story(platform: dict[str, ServiceProcess], agent: dict[str, str], **kw: Any) -> str:
    """Post a story and wait until it is in the ANTS agents' workspace."""
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=story(**kw), timeout=10)
    experience_id: str = r.json()["id"]
    url = f"{platform['responses'].url}/api/v1/experiences/{experience_id}/starting-draft"
    eventually(lambda: httpx.get(url, headers=agent, timeout=5).status_code == 200, timeout=60)
    return experience_id


def test_an_answer_sent_twice_by_a_responder_is_one_draft(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    agent = bearer("Paul", ["agent"], "ANTS")
    experience_id = assigned_story(platform, agent)
    submitted = events.ResponseSubmitted(
        producer="ants-responder",
        correlation_id=uuid.uuid4(),
        payload=events.ResponseSubmittedPayload(
            experience_id=uuid.UUID(experience_id),
            network="ANTS",
            external_id=f"ants-{uuid.uuid4().hex[:6]}",
            body=answer("Nadia"),
            agent_first_name="Nadia",
            organisation_name=ANTS,
        ),
    )
    # the same event twice (a redelivery), then the same answer again under a new event id
    resent = submitted.model_copy(update={"event_id": uuid.uuid4()})
    produce(stack.kafka, submitted, submitted, resent)

    def drafts() -> list[dict[str, Any]]:
        listed = httpx.get(f"{platform['responses'].url}/api/v1/drafts", headers=agent, timeout=5)
        return [d for d in listed.json() if d["experience_id"] == experience_id]

    assert eventually(drafts, timeout=30)
    quiet(platform)  # nothing left to do: what did not happen will not
    assert len(drafts()) == 1
    assert drafts()[0]["body"] == answer("Nadia")


def test_a_starting_draft_must_be_completed_and_a_published_answer_locks(
    platform: dict[str, ServiceProcess],
) -> None:
    intake, responses = platform["intake"].url, platform["responses"].url
    lina = bearer("Lina Morel", ["agent"], "ANTS", publisher=True)
    experience_id = assigned_story(platform, lina)

    start = httpx.get(
        f"{responses}/api/v1/experiences/{experience_id}/starting-draft", headers=lina, timeout=5
    ).json()
    assert [s["step"] for s in start["steps"]] == [
        "greeting",
        "thanks",
        "appreciation",
        "orientation",
        "improvement",
        "closing",
    ]
    assert start["body"].startswith("Bonjour Camille,")
    assert start["body"].endswith(f"Lina, pour {ANTS}")
    assert start["feeling"] == "positive" and start["to_complete"]

    draft = httpx.post(
        f"{responses}/api/v1/experiences/{experience_id}/drafts", headers=lina, json={}, timeout=5
    ).json()
    assert draft["body"] == start["body"]
    url = f"{responses}/api/v1/drafts/{draft['id']}"
    as_is = httpx.post(f"{url}/publish", headers=lina, timeout=5)
    assert as_is.status_code == 422
    assert "template_unfinished" in {e["code"] for e in as_is.json()["errors"]}

    written = start["body"].replace(
        start["to_complete"][0],
        "Pour votre prochain titre, la pré-demande en ligne vous fera gagner du temps au guichet.",
    )
    httpx.put(url, headers=lina, json={"body": written}, timeout=5).raise_for_status()
    done = httpx.post(f"{url}/publish", headers=lina, timeout=5)
    assert done.status_code == 200, done.text
    assert done.json()["revision"] == 1 and done.json()["editable_until"]

    corrected = written.replace("gagner du temps", "gagner beaucoup de temps")
    edit = httpx.put(url, headers=lina, json={"body": corrected}, timeout=5)
    assert edit.status_code == 200, edit.text
    assert edit.json()["revision"] == 2 and edit.json()["versions"] == 3
    shown = eventually(
        lambda: (
            (p := published(intake, experience_id))
            and p["responses"]
            and "beaucoup de temps" in p["responses"][0]["body"]
            and p
        ),
        timeout=30,
    )
    assert len(shown["responses"]) == 1 and shown["responses"][0]["edited_at"]

    # The window is 8 seconds in tests (30 minutes by default).
    until = datetime.fromisoformat(edit.json()["editable_until"])
    time.sleep(max(0.0, (until - datetime.now(UTC)).total_seconds()) + 0.5)
    late = httpx.put(url, headers=lina, json={"body": written}, timeout=5)
    assert late.status_code == 409 and late.json()["code"] == "answer_locked"


def test_an_improvement_action_is_linked_to_several_stories(
    platform: dict[str, ServiceProcess],
) -> None:
    intake, responses = platform["intake"].url, platform["responses"].url
    agent = bearer("Paul", ["agent"], "ANTS")
    first, second = assigned_story(platform, agent), assigned_story(platform, agent)
    action = {
        "title": "Horaires du guichet élargis",
        "description": "Le guichet des titres ouvre désormais le samedi matin, sur rendez-vous.",
        "also_experience_ids": [second],
    }
    elsewhere = httpx.post(
        f"{responses}/api/v1/experiences/{first}/improvement-actions",
        headers=bearer("Marc", ["agent"], "CAF"),
        json=action,
        timeout=5,
    )
    assert elsewhere.status_code == 403
    bad = httpx.post(
        f"{responses}/api/v1/experiences/{first}/improvement-actions",
        headers=agent,
        json={"title": "x"},
        timeout=5,
    )
    assert bad.status_code == 422
    r = httpx.post(
        f"{responses}/api/v1/experiences/{first}/improvement-actions",
        headers=agent,
        json=action,
        timeout=5,
    )
    assert r.status_code == 201, r.text
    assert set(r.json()["experience_ids"]) == {first, second}
    for experience_id in (first, second):
        shown = eventually(
            lambda e=experience_id: (p := published(intake, e)) and p["improvement_actions"],
            timeout=30,
        )
        assert shown[0]["title"] == "Horaires du guichet élargis"
    listed = httpx.get(
        f"{responses}/api/v1/experiences/{second}/improvement-actions", headers=agent, timeout=5
    ).json()
    assert [a["id"] for a in listed] == [r.json()["id"]]


def test_an_answer_that_arrives_before_its_assignment_waits_for_it(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """A network's system reads its own topic and may answer before this service has seen the
    assignment on another topic: the answer waits, it is not dropped."""
    agent = bearer("Paul", ["agent"], "ANTS")
    experience_id = uuid.uuid4()
    early = events.ResponseSubmitted(
        producer="ants-responder",
        correlation_id=uuid.uuid4(),
        payload=events.ResponseSubmittedPayload(
            experience_id=experience_id,
            network="ANTS",
            external_id="early-1",
            body=answer("Nadia"),
            agent_first_name="Nadia",
            organisation_name=ANTS,
        ),
    )
    produce(stack.kafka, early)

    def draft() -> dict[str, Any] | None:
        listed = httpx.get(f"{platform['responses'].url}/api/v1/drafts", headers=agent, timeout=5)
        return next((d for d in listed.json() if d["experience_id"] == str(experience_id)), None)

    assert eventually(draft, timeout=30)["status"] == "waiting_assignment"
    produce(
        stack.kafka,
        routed_to_ants(experience_id, datetime.now(UTC) + timedelta(days=20), "neutral"),
    )
    assert eventually(lambda: (d := draft()) and d["status"] == "draft" and d, timeout=30)


def test_an_agent_of_one_entity_sees_and_touches_only_its_stories(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """The review's finding: an agent scoped to CAF-75 listed every CAF draft. Now the inbox,
    the drafts list and each draft answer only for the agent's entity; a network-wide agent (no
    entity in the token) still sees the whole network."""
    responses = platform["responses"].url
    stories: dict[str, uuid.UUID] = {}
    for entity in ("CAF-69", "CAF-75"):
        experience_id = uuid.uuid4()
        stories[entity] = experience_id
        routed = routed_to_ants(experience_id, datetime.now(UTC) + timedelta(days=15), "neutral")
        payload = routed.payload.model_copy(update={"network": "CAF", "entity": entity})
        produce(stack.kafka, routed.model_copy(update={"payload": payload}))

    network_wide = bearer("Agent", ["agent"], "CAF")
    paris = bearer("Agent", ["agent"], "CAF", entity="CAF-75")
    lyon = bearer("Agent", ["agent"], "CAF", entity="CAF-69")
    drafts: dict[str, str] = {}
    for entity, experience_id in stories.items():
        drafts[entity] = eventually(
            lambda experience_id=experience_id: (
                (
                    r := httpx.post(
                        f"{responses}/api/v1/experiences/{experience_id}/drafts",
                        headers=network_wide,
                        json={"body": "Bonjour, nous regardons votre dossier."},
                        timeout=5,
                    )
                ).status_code
                == 201
                and r.json()["id"]
            ),
            timeout=60,
        )

    def listed(path: str, who: dict[str, str]) -> set[str]:
        answer = httpx.get(f"{responses}/api/v1/{path}", headers=who, timeout=5)
        assert answer.status_code == 200, answer.text
        mine = {str(e) for e in stories.values()}
        return {d["experience_id"] for d in answer.json()} & mine

    assert listed("drafts", network_wide) == {str(e) for e in stories.values()}
    assert listed("drafts", paris) == {str(stories["CAF-75"])}
    assert listed("drafts", lyon) == {str(stories["CAF-69"])}
    assert listed("inbox", paris) == {str(stories["CAF-75"])}
    assert listed("inbox", lyon) == {str(stories["CAF-69"])}
    other = httpx.get(f"{responses}/api/v1/drafts/{drafts['CAF-69']}", headers=paris, timeout=5)
    assert other.status_code in (403, 404)
    own = httpx.get(f"{responses}/api/v1/drafts/{drafts['CAF-75']}", headers=paris, timeout=5)
    assert own.status_code == 200
    edit = httpx.put(
        f"{responses}/api/v1/drafts/{drafts['CAF-69']}",
        headers=paris,
        json={"body": "Bonjour, une autre version."},
        timeout=5,
    )
    assert edit.status_code in (403, 404)
