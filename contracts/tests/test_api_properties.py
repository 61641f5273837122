"""Property-based: whatever the frontend sends, the submission contract answers with a valid story
or with field errors the frontend can show (a stable code and a French message) — never a crash."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from spplus.contracts.api import SubmitExperienceRequest
from spplus.runtime.errors import field_errors

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["title", "description", "feeling", "experience_date", "journey", "author", "consent"]

channels = st.lists(
    st.fixed_dictionaries(
        {
            "channel": st.sampled_from(
                ["counter", "phone", "email", "website", "app", "mail", "chat", "other"]
            ),
            "feeling": st.sampled_from(["positive", "neutral", "negative"]),
        }
    ),
    max_size=3,
)
valid_submissions = st.fixed_dictionaries(
    {
        "title": st.text(min_size=1, max_size=150).filter(str.strip),
        "description": st.text(min_size=100, max_size=1000).filter(lambda s: len(s.strip()) >= 100),
        "feeling": st.sampled_from(["positive", "neutral", "negative"]),
        "experience_date": st.dates(min_value=date(2020, 1, 1), max_value=date.today()).map(str),
        "journey": st.lists(
            st.fixed_dictionaries(
                {
                    "organisation": st.sampled_from(["CAF", "CPAM", "ANTS", "DGFIP", "Mairie"]),
                    "channels": channels,
                }
            ),
            min_size=1,
            max_size=4,
        ),
        "author": st.fixed_dictionaries(
            {
                "email": st.sampled_from(["a@example.org", "jean.dupont@laposte.net"]),
                "postal_code": st.sampled_from(["75011", "20000", "97110", "13001"]),
            }
        ),
        "consent": st.just(True),
    }
)


def check(body: Any) -> None:
    try:
        SubmitExperienceRequest.model_validate(body)
    except ValidationError as exc:
        errors = field_errors(exc.errors(include_url=False))
        assert errors
        for e in errors:
            assert e.code and e.message and e.field
            assert e.code.replace("_", "").isalnum()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=7))
def test_any_body_gets_a_story_or_field_errors(body: dict[str, Any]) -> None:
    check(body)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_json_value_gets_field_errors(value: Any) -> None:
    check(value)


@settings(
    max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(valid_submissions)
def test_a_valid_form_is_accepted_and_keeps_its_words(body: dict[str, Any]) -> None:
    story = SubmitExperienceRequest.model_validate(body)
    assert story.description in body["description"]  # stripped, never rewritten
    assert story.experience_date <= date.today()


@settings(max_examples=100)
@given(valid_submissions, st.integers(min_value=1, max_value=3000))
def test_a_date_in_the_future_is_always_refused(body: dict[str, Any], days: int) -> None:
    body["experience_date"] = str(date.today() + timedelta(days=days))
    try:
        SubmitExperienceRequest.model_validate(body)
        raise AssertionError("accepted a future date")
    except ValidationError as exc:
        assert "date_in_future" in {e["type"] for e in exc.errors()}
