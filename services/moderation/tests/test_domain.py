"""Moderation's skeleton rules: contact data never goes public without a human."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from spplus.contracts.events import ExperienceSubmittedPayload, ModerationDecision
from spplus.moderation import domain


def story(description: str) -> ExperienceSubmittedPayload:
    return ExperienceSubmittedPayload(
        experience_id=uuid.uuid4(),
        title="Titre",
        description=description,
        feeling="negative",
        experience_date="2026-10-01",
        journey=[],
        postal_code="13001",
        city="Marseille",
        pseudonym="Sam",
        submitted_at=datetime.now(UTC),
    )


def test_a_clean_story_is_published() -> None:
    assert (
        domain.analyze(story("Accueil rapide et aimable.")).decision is ModerationDecision.publish
    )


@pytest.mark.parametrize(
    "text",
    ["rappelez-moi au 06 45 12 78 90", "au +33 6 45 12 78 90", "écrivez à jean.dupont@example.org"],
)
def test_contact_data_goes_to_a_moderator(text: str) -> None:
    assert domain.analyze(story(text)).decision is ModerationDecision.human_review


def test_the_public_version_keeps_the_department_not_the_postal_code() -> None:
    public = domain.public_story(story("Texte."))
    assert public.department == "13"
    assert "13001" not in public.model_dump_json()
