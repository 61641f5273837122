"""Routing's rules."""

from __future__ import annotations

from datetime import UTC, datetime

from spplus.contracts.values import PublicStory
from spplus.routing import domain


def story(*orgs: str) -> PublicStory:
    return PublicStory(
        title="t",
        description="d",
        feeling="neutral",
        experience_date="2026-10-01",
        journey=[{"organisation": o, "channels": []} for o in orgs],
        department="33",
    )


def test_the_first_known_organisation_decides_the_network() -> None:
    assert domain.network_for(story("Inconnue", "CPAM", "CAF")) == "CPAM"
    assert domain.network_for(story("MAIRIE_ETAT_CIVIL")) == "ANTS"
    assert domain.network_for(story("Inconnue")) is None


def test_entity_and_deadline() -> None:
    assert domain.entity_for("CAF", story("CAF")) == "CAF-33"
    assert domain.due_at(datetime(2026, 11, 1, tzinfo=UTC), 15) == datetime(
        2026, 11, 16, tzinfo=UTC
    )


def test_the_registry_starts_with_every_network_of_the_form() -> None:
    codes = {n["_id"] for n in domain.default_networks(15)}
    assert {"CAF", "CPAM", "FRANCE_TRAVAIL", "DGFIP", "ANTS"} <= codes
