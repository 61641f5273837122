"""The public submission contract refuses bad input with stable codes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from spplus.contracts.api import SubmitExperienceRequest


def valid() -> dict[str, Any]:
    return {
        "title": "Carte d'identité renouvelée",
        "description": "x" * 120,
        "feeling": "positive",
        "experience_date": "2026-10-01",
        "journey": [
            {"organisation": "ANTS", "channels": [{"channel": "website", "feeling": "positive"}]}
        ],
        "author": {"email": "a@example.org", "postal_code": "20000", "pseudonym": "Lou"},
        "consent": True,
    }


def error_types(body: dict[str, Any]) -> set[str]:
    with pytest.raises(ValidationError) as info:
        SubmitExperienceRequest.model_validate(body)
    return {e["type"] for e in info.value.errors()}


def test_valid_submission_passes() -> None:
    assert SubmitExperienceRequest.model_validate(valid()).author.postal_code == "20000"


@pytest.mark.parametrize("code", ["75011", "97110", "20000", "01000"])
def test_french_postal_codes(code: str) -> None:
    body = valid()
    body["author"]["postal_code"] = code
    assert SubmitExperienceRequest.model_validate(body).author.postal_code == code


@pytest.mark.parametrize("code", ["7501", "00000", "99000", "ABCDE"])
def test_bad_postal_codes(code: str) -> None:
    body = valid()
    body["author"]["postal_code"] = code
    assert error_types(body) == {"postal_code_invalid"}


def test_short_description_future_date_and_no_consent() -> None:
    body = valid()
    body["description"] = "y" * 40
    body["experience_date"] = (date.today() + timedelta(days=2)).isoformat()
    body["consent"] = False
    assert error_types(body) == {"string_too_short", "date_in_future", "consent_required"}


def test_pseudonym_with_contact_data_is_refused() -> None:
    body = valid()
    body["author"]["pseudonym"] = "06 12 34 56 78"
    assert error_types(body) == {"pseudonym_personal_data"}


def test_location_required() -> None:
    body = valid()
    body["author"] = {"email": "a@example.org"}
    assert error_types(body) == {"location_required"}
