"""Routing rules on the shipped registry: every network and entity, the classifier, triage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spplus.contracts.reference import ORGANISATIONS
from spplus.contracts.values import PublicStory
from spplus.routing import domain

REGISTRY = domain.Registry.from_file()


def story(*orgs: str, department: str | None = "33", text: str = "Mon expérience.") -> PublicStory:
    return PublicStory(
        title="Mon expérience",
        description=text,
        feeling="neutral",
        experience_date="2026-10-01",
        journey=[{"organisation": o, "channels": []} for o in orgs],
        department=department,
    )


CASES = [
    (network["code"], entity["code"], entity["departments"][0])
    for network in REGISTRY.networks.values()
    for entity in network["entities"]
]


@pytest.mark.parametrize(
    ("network", "entity", "department"), CASES, ids=[f"{n}/{e}" for n, e, _ in CASES]
)
def test_every_entity_gets_the_stories_of_its_departements(
    network: str, entity: str, department: str
) -> None:
    organisation = REGISTRY.networks[network]["organisations"][0]
    decided = domain.assign(story(organisation, department=department), REGISTRY)
    assert (decided.network, decided.entity, decided.rule) == (network, entity, "organisation")


def test_every_organisation_of_the_form_has_a_network() -> None:
    for org in ORGANISATIONS:
        assert REGISTRY.network_of_organisation(org.code) == org.network


def test_every_departement_is_covered_once_per_network() -> None:
    for network in REGISTRY.networks.values():
        if len(network["entities"]) == 1:
            continue
        covered = [d for e in network["entities"] for d in e["departments"]]
        assert len(covered) == len(set(covered)) == 101, network["code"]


def test_corsica_and_overseas() -> None:
    assert domain.assign(story("CAF", department="2A"), REGISTRY).entity == "CAF-2A"
    assert domain.assign(story("CARSAT", department="2B"), REGISTRY).entity == "CARSAT-SUD-EST"
    assert domain.assign(story("CPAM", department="974"), REGISTRY).entity == "CPAM-974"


def test_the_first_organisation_is_primary_the_others_secondary() -> None:
    decided = domain.assign(story("Inconnue", "CPAM", "CAF"), REGISTRY)
    assert (decided.network, decided.secondary) == ("CPAM", ["CAF"])


def test_no_organisation_but_clearly_family_benefits_goes_to_caf_with_its_reasons() -> None:
    decided = domain.assign(
        story(
            text=(
                "Mon aide au logement a baissé et ma prime d'activité aussi, sans explication. "
                "Je suis allocataire depuis dix ans."
            )
        ),
        REGISTRY,
    )
    assert (decided.network, decided.rule) == ("CAF", "classifier")
    assert set(decided.words) >= {"aide au logement", "prime d'activite", "allocataire"}
    assert decided.scores["CAF"] > max(
        [v for k, v in decided.scores.items() if k != "CAF"], default=0
    )


def test_an_unclaimable_story_goes_to_triage() -> None:
    decided = domain.assign(
        story(text="Le guichet était fermé et personne ne répondait."), REGISTRY
    )
    assert (decided.network, decided.rule) == (None, "triage")


def test_the_same_story_and_registry_give_the_same_assignment() -> None:
    s = story(text="Ma carte vitale et mon arrêt maladie : remboursement de soins très lent.")
    assert domain.assign(s, REGISTRY) == domain.assign(s, REGISTRY)


def test_due_date_from_the_network_deadline() -> None:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    assert domain.due_at(start, REGISTRY.deadline_days("DGFIP")).day == 21
