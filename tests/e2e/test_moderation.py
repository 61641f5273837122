"""Moderation end to end: redaction reaches the public read, the author's 72 h link, moderators."""

from __future__ import annotations

import re
import signal
import time

import httpx
import pytest

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, mails_to, published, quiet, story

pytestmark = pytest.mark.e2e

WINDOW_S = 12  # MODERATION_AUTHOR_WINDOW_HOURS in the test environment

PII_STORY = (
    "Au guichet de la CAF, l'agent d'accueil M. DUPONT m'a dit de rappeler au 06 45 12 78 90 "
    "en donnant mon numéro de sécurité sociale 1 84 05 75 112 048 84. Trois semaines plus tard, "
    "mon aide au logement était enfin recalculée."
)
# Other stories of the same kind (different enough not to be taken for duplicates).
PII_STORY_2 = (
    "Pour ma demande de prime d'activité, la conseillère Mme LEROY m'a demandé de la joindre au "
    "06.12.34.56.78 et de lui envoyer mon numéro de sécurité sociale 2 91 03 13 055 123 58. "
    "Le dossier a été traité en dix jours, ce qui m'a rassurée."
)
PII_STORY_3 = (
    "Mon arrêt maladie n'était pas indemnisé. Au téléphone, le gestionnaire M. PETIT a retrouvé "
    "mon dossier grâce à mon numéro 1 75 11 69 123 456 45 et m'a rappelé au 07 98 76 54 32 le "
    "lendemain : les indemnités sont arrivées la semaine suivante."
)


def moderator() -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject="modo@ditp", name="Modo", roles=["moderator"]
    )
    return {"Authorization": f"Bearer {token}"}


def post(platform: dict[str, ServiceProcess], **overrides: object) -> tuple[str, str]:
    body = story(**overrides)
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    return r.json()["id"], body["author"]["email"]


def notice_link(stack: Stack, author: str) -> str:
    mail = eventually(
        lambda: [
            m
            for m in mails_to(stack.smtp_http, author)
            if m["subject"].startswith("Votre expérience a été modifiée")
        ],
        timeout=30,
    )[0]
    for change in (
        "un numéro de téléphone a été retiré",
        "un nom de personne a été retiré",
        "un numéro de sécurité sociale a été retiré",
    ):
        assert change in mail["text"], mail["text"]
    assert "72 heures" in mail["text"]
    found = re.search(r"https?://\S+/api/v1/authors/\S+", mail["text"])
    assert found, mail["text"]
    return found.group()


def test_personal_data_never_reaches_the_public_and_the_author_may_block(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    intake = platform["intake"].url
    kept, kept_author = post(platform, description=PII_STORY)
    blocked, blocked_author = post(platform, description=PII_STORY_2)

    link = notice_link(stack, blocked_author)
    page = httpx.get(link, timeout=5).json()
    assert page["status"] == "publish_after_notice" and "block" in page["actions"]
    assert "LEROY" not in page["proposed_description"]
    r = httpx.post(f"{link}/decision", json={"action": "block"}, timeout=5)
    assert r.status_code == 202, r.text
    again = httpx.post(f"{link}/decision", json={"action": "block"}, timeout=5)
    assert again.status_code == 202  # a second click changes nothing
    assert httpx.post(f"{link}/decision", json={"action": "approve"}, timeout=5).status_code == 409
    assert httpx.get(link[:-3] + "xyz", timeout=5).status_code == 403  # tampered

    notice_link(stack, kept_author)
    public = eventually(lambda: published(intake, kept), timeout=WINDOW_S + 30)
    for secret in ("DUPONT", "06 45 12 78 90", "1 84 05 75 112 048 84"):
        assert secret not in str(public)
    assert "un agent d'accueil m'a dit" in public["description"]

    time.sleep(3)  # the blocked story's window is over too by now
    assert published(intake, blocked) is None
    case = httpx.get(
        f"{platform['moderation'].url}/api/v1/cases/{blocked}", headers=moderator(), timeout=5
    ).json()
    assert case["status"] == "not_published"
    assert [a["action"] for a in case["audit"]][-1] == "author_block"


def test_a_moderators_decision_made_twice_has_one_effect(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    moderation = platform["moderation"].url
    # A mairie matter that may or may not be a State procedure: for a human to decide.
    experience_id, author = post(
        platform,
        title="Accueil en mairie",
        description="Je suis allée à la mairie de mon quartier pour une démarche et l'accueil a "
        "été long : quarante minutes d'attente debout, sans ticket ni information.",
        journey=[{"organisation": "Mairie", "channels": []}],
    )
    queue = eventually(
        lambda: [
            c
            for c in httpx.get(f"{moderation}/api/v1/queue", headers=moderator(), timeout=5).json()
            if c["experience_id"] == experience_id
        ],
        timeout=30,
    )
    assert queue[0]["age_working_hours"] >= 0
    case = httpx.get(
        f"{moderation}/api/v1/cases/{experience_id}", headers=moderator(), timeout=5
    ).json()
    assert case["status"] == "human_review" and case["flags"]

    answers = [
        httpx.post(
            f"{moderation}/api/v1/cases/{experience_id}/decision",
            json={"action": "approve"},
            headers=moderator(),
            timeout=5,
        )
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[1].json()["status"] == "published"
    assert eventually(lambda: published(platform["intake"].url, experience_id), timeout=30)
    quiet(platform)  # nothing left to do: what did not happen will not
    assert (
        len(
            [
                m
                for m in mails_to(stack.smtp_http, author)
                if m["subject"] == "Votre expérience est publiée"
            ]
        )
        == 1
    )
    audit = httpx.get(
        f"{moderation}/api/v1/cases/{experience_id}", headers=moderator(), timeout=5
    ).json()["audit"]
    assert [a["action"] for a in audit].count("moderator_approved") == 1
    assert audit[-1]["by"] == "modo@ditp"
    # A moderator withdraws it: it disappears from every public read within seconds.
    withdrawn = httpx.post(
        f"{moderation}/api/v1/experiences/{experience_id}/withdraw",
        json={"reason": "demande de l'auteur par téléphone"},
        headers=moderator(),
        timeout=5,
    )
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    intake = platform["intake"].url
    eventually(lambda: published(intake, experience_id) is None, timeout=15)
    listing = httpx.get(
        f"{intake}/api/v1/experiences", params={"q": "quarante minutes"}, timeout=5
    ).text
    assert experience_id not in listing
    refused = httpx.post(
        f"{moderation}/api/v1/cases/{experience_id}/decision",
        json={"action": "reject", "reasons": ["OUT_OF_SCOPE"]},
        headers=moderator(),
        timeout=5,
    )
    assert refused.status_code == 409


def test_a_restart_during_the_window_neither_loses_nor_doubles_the_timer(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    experience_id, author = post(platform, description=PII_STORY_3)
    notice_link(stack, author)
    moderation = platform["moderation"]
    moderation.kill(signal.SIGKILL)
    time.sleep(WINDOW_S / 2)
    moderation.start()
    moderation.wait_ready()
    assert eventually(
        lambda: published(platform["intake"].url, experience_id), timeout=WINDOW_S + 40
    )

    def published_mails() -> int:
        return sum(
            m["subject"] == "Votre expérience est publiée"
            for m in mails_to(stack.smtp_http, author)
        )

    assert eventually(lambda: published_mails() >= 1, timeout=30)  # not lost
    quiet(platform)  # nothing left to do: what did not happen will not
    assert published_mails() == 1  # nor doubled


def test_analyze_previews_redactions_without_login(platform: dict[str, ServiceProcess]) -> None:
    r = httpx.post(
        f"{platform['moderation'].url}/api/v1/analyze",
        json={"description": "Appelez-moi au 06 12 34 56 78, merci."},
        timeout=5,
    )
    assert r.status_code == 200
    assert "06 12 34 56 78" not in r.json()["redacted_description"]
    assert r.json()["edits"][0]["kind"] == "phone"


def test_a_one_megabyte_preview_is_refused_with_a_clear_error(
    platform: dict[str, ServiceProcess],
) -> None:
    url = f"{platform['moderation'].url}/api/v1/analyze"
    huge = httpx.post(url, json={"description": "a" * 1_000_000}, timeout=10)
    assert huge.status_code == 413, huge.text
    assert huge.json()["code"] and huge.json()["message"]
    long = httpx.post(url, json={"description": "mot " * 1300}, timeout=10)  # 5,200 characters
    assert long.status_code == 422, long.text
    assert long.json()["errors"][0]["field"].endswith("description")
