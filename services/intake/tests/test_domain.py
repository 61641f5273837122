"""Intake's pure rules."""

from __future__ import annotations

from datetime import UTC, datetime

from spplus.contracts.api import SubmitExperienceRequest
from spplus.contracts.reference import department_of
from spplus.intake import domain


def test_search_tokens_ignore_case_and_accents() -> None:
    assert domain.tokens("Prélèvement À LA source, CAF!") == ["caf", "la", "prelevement", "source"]


def test_text_is_normalised_without_losing_lines() -> None:
    assert (
        domain.normalise_text("  Bonjour\u00a0 \t le   monde \n\n fin\x07 ")
        == "Bonjour\u00a0 le monde\n\nfin"
    )


def test_a_retry_with_the_same_key_names_the_same_story() -> None:
    assert domain.experience_id_for("k1") == domain.experience_id_for("k1")
    assert domain.experience_id_for("k1") != domain.experience_id_for("k2")
    assert domain.experience_id_for(None) != domain.experience_id_for(None)


def test_departments_from_postal_codes() -> None:
    assert department_of("75011") == "75"
    assert department_of("20090") == "2A"
    assert department_of("20200") == "2B"
    assert department_of("97110") == "971"
    assert department_of(None) is None


def test_the_submitted_event_names_organisations_by_code_and_holds_no_email() -> None:
    request = SubmitExperienceRequest.model_validate(
        {
            "title": " Titre ",
            "description": "d" * 120,
            "feeling": "neutral",
            "experience_date": "2026-10-01",
            "journey": [{"organisation": "Pole Emploi", "channels": []}],
            "author": {"email": "x@example.org", "postal_code": "75011"},
            "consent": True,
        }
    )
    payload = domain.submitted_payload(domain.experience_id_for("a"), request, datetime.now(UTC))
    assert payload.title == "Titre"
    assert payload.journey[0].organisation == "FRANCE_TRAVAIL"
    assert "x@example.org" not in payload.model_dump_json()
