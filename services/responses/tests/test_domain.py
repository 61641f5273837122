"""Who may answer what, and how answers are signed."""

from __future__ import annotations

from spplus.responses import domain
from spplus.runtime.auth import Principal, Role


def agent(network: str | None, entity: str | None = None) -> Principal:
    return Principal(
        subject="s",
        name="Claire Dubois",
        roles=frozenset({Role.agent}),
        network=network,
        entity=entity,
    )


def test_signature_is_first_name_for_organisation() -> None:
    assert (
        domain.signature(agent("CAF"), "CAF")
        == "Claire, pour Caisse d'allocations familiales (CAF)"
    )


def test_an_agent_acts_only_on_their_network_and_entity() -> None:
    assert domain.may_act_on(agent("CAF"), "CAF", "CAF-75")
    assert domain.may_act_on(agent("caf"), "CAF", None)
    assert not domain.may_act_on(agent("CPAM"), "CAF", None)
    assert not domain.may_act_on(agent(None), "CAF", None)
    assert domain.may_act_on(agent("CAF", "CAF-75"), "CAF", "CAF-75")
    assert not domain.may_act_on(agent("CAF", "CAF-13"), "CAF", "CAF-75")
