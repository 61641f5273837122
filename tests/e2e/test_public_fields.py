"""What becomes public carries no personal data: free fields from closed lists or moderated, text in
disguise redacted, and a name nothing explains shown to a moderator instead of published."""

from __future__ import annotations

import httpx
import pytest

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess
from tests.e2e.helpers import eventually, published, story

pytestmark = pytest.mark.e2e

FULL_WIDTH_PHONE = "０６ ４５ １２ ７８ ９０"
FULL_WIDTH_EMAIL = "marie.durand＠example.org"


def moderator() -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject="modo@ditp", name="Modo", roles=["moderator"]
    )
    return {"Authorization": f"Bearer {token}"}


def test_a_city_that_is_no_commune_gets_a_clear_422(platform: dict[str, ServiceProcess]) -> None:
    body = story()
    body["author"] = {"email": "x@example.org", "city": "Jean Dupont 06 12 34 56 78"}
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "author.city"
    assert r.json()["errors"][0]["code"] == "city_unknown"
    body["author"]["city"] = "Saint-Étienne"  # a commune, without a postal code: fine
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text


def test_typed_fields_and_disguised_numbers_never_reach_the_public(
    platform: dict[str, ServiceProcess],
) -> None:
    intake = platform["intake"].url
    body = story(
        title="Aide au logement recalculée",
        description=(
            "Mon aide au logement avait baissé sans courrier. J'ai appelé la CAF et laissé mon "
            f"numéro {FULL_WIDTH_PHONE} ainsi que mon adresse {FULL_WIDTH_EMAIL} pour être "
            "rappelée. Une conseillère m'a rappelée le lendemain et a corrigé mes revenus : le "
            "nouveau montant est arrivé le mois suivant, avec le rappel."
        ),
        journey=[
            {"organisation": "CAF", "channels": [{"channel": "phone", "feeling": "positive"}]},
            {"organisation": "Jean Dupont 07 81 22 45 19 jd@example.org", "channels": []},
        ],
    )
    # A number in the pseudonym, even in full-width digits, is refused at once.
    body["author"] |= {"pseudonym": "Jean ０７８１２２４５１９"}
    r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 422
    assert r.json()["errors"][0]["code"] == "pseudonym_personal_data"
    # A full name is published as its first name.
    body["author"] |= {"pseudonym": "Jean Dupont"}
    r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    experience_id = r.json()["id"]
    public = eventually(lambda: published(intake, experience_id), timeout=60)
    text = str(public)
    for secret in (
        "Dupont",
        "07 81 22 45 19",
        "0781224519",
        "jd@example.org",
        FULL_WIDTH_PHONE,
        FULL_WIDTH_EMAIL,
        "marie.durand",
    ):
        assert secret not in text, secret
    assert [step["organisation"] for step in public["journey"]] == ["CAF", "AUTRE"]
    assert public["pseudonym"] == "Jean"


def test_an_unexplained_name_waits_for_a_moderator_highlighted(
    platform: dict[str, ServiceProcess],
) -> None:
    intake, moderation = platform["intake"].url, platform["moderation"].url
    description = (
        "Mon dossier d'aide au logement a été transmis par Vrokadine au service instructeur de "
        "la CAF. La réponse est arrivée en dix jours, avec le bon montant et une explication "
        "claire du calcul dans mon espace en ligne."
    )
    body = story(title="Aide au logement", description=description)
    r = httpx.post(f"{intake}/api/v1/experiences", json=body, timeout=10)
    experience_id = r.json()["id"]
    case = eventually(
        lambda: (
            c.json()
            if (
                c := httpx.get(
                    f"{moderation}/api/v1/cases/{experience_id}", headers=moderator(), timeout=5
                )
            ).status_code
            == 200
            else None
        ),
        timeout=30,
    )
    assert case["status"] == "human_review"
    flagged = [s for s in case["highlighted"]["description"] if s.get("risk")]
    assert [(s["text"], s["risk"]) for s in flagged] == [("Vrokadine", "unknown_name")]
    assert published(intake, experience_id) is None
    # The preview gives what the service decided.
    preview = httpx.post(
        f"{moderation}/api/v1/analyze",
        json={
            "title": body["title"],
            "description": description,
            "organisms": ["CAF"],
            "experience_date": body["experience_date"],
            "pseudonym": body["author"]["pseudonym"],
        },
        timeout=10,
    ).json()
    assert preview["decision"] == case["decision"]
    assert preview["redacted_description"] == case["proposal"]["description"]
    assert [r["span"] for r in preview["risks"]] == [r["span"] for r in case["risks"]]


def test_a_story_published_automatically_has_no_risk(platform: dict[str, ServiceProcess]) -> None:
    intake, moderation = platform["intake"].url, platform["moderation"].url
    r = httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10)
    experience_id = r.json()["id"]
    assert eventually(lambda: published(intake, experience_id), timeout=30)
    case = httpx.get(
        f"{moderation}/api/v1/cases/{experience_id}", headers=moderator(), timeout=5
    ).json()
    assert case["decision"] == "publish"
    assert case["risks"] == []
