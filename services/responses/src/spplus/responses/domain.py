"""Response rules: who may act on what, and how an answer is signed."""

from __future__ import annotations

from spplus.contracts.reference import ORGANISATIONS
from spplus.runtime.auth import Principal

_NETWORK_NAMES = {o.network: o.name for o in ORGANISATIONS}


def first_name(principal: Principal) -> str:
    return (principal.name or "").split(" ")[0] or "L'équipe"


def organisation(network: str) -> str:
    return _NETWORK_NAMES.get(network, network)


def signature(principal: Principal, network: str) -> str:
    """`Prénom, pour Organisme` (the agents' guide), from the agent's profile."""
    return f"{first_name(principal)}, pour {organisation(network)}"


def may_act_on(principal: Principal, network: str | None, entity: str | None) -> bool:
    """An agent sees only their network, and their entity when their token names one."""
    return principal.serves(network, entity)
