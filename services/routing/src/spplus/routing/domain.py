"""Routing rules: which network and which local entity answer a story, and why.

Pure and deterministic: the same story and the same registry version give the same assignment.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from spplus.contracts.reference import find_organisation
from spplus.contracts.values import PublicStory

REGISTRY_FILE = Path(__file__).resolve().parent / "registry" / "networks.json"
#: Days a network has to answer when its registry entry does not say.
DEFAULT_DEADLINE_DAYS = 15
#: A network's code (upper case: it names the network's Kafka topic).
NETWORK_CODE = re.compile(r"^[A-Z0-9_-]{2,40}$")


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "'")


def _texts(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def network_problem(network: Any) -> str | None:
    """Why a registry entry cannot be routed to (the field at fault), or None: every field the
    routing rules read must have the right type, so that no entry makes them fail."""
    if not isinstance(network, dict):
        return "document"
    code = network.get("code")
    if not isinstance(code, str) or not NETWORK_CODE.match(code):
        return "code"
    for key in ("organisations", "keywords"):
        if not _texts(network.get(key)):
            return key
    entities = network.get("entities")
    if entities is not None and not isinstance(entities, list):
        return "entities"
    for entity in entities or []:
        if not isinstance(entity, dict) or not isinstance(entity.get("code"), str):
            return "entities.code"
        if not entity["code"]:
            return "entities.code"
        if not _texts(entity.get("departments")):
            return "entities.departments"
    deadline = network.get("deadline_days")
    if deadline is not None and (
        isinstance(deadline, bool) or not isinstance(deadline, int) or not 1 <= deadline <= 365
    ):
        return "deadline_days"
    for key in ("webhook", "webhook_secret"):
        if network.get(key) is not None and not isinstance(network[key], str):
            return key
    return None


@dataclass(frozen=True)
class Registry:
    """Networks by code, as stored (each with organisations, entities, deadline, keywords)."""

    version: str
    networks: dict[str, dict[str, Any]]

    @classmethod
    def build(cls, version: str, networks: list[Any]) -> tuple[Registry, list[tuple[str, str]]]:
        """The registry of the entries routing can use, and the (code, field at fault) of those
        it cannot: a bad entry is left out, it never stops the routing of other networks.
        Deleted networks are left out too (they are not routed to), without a complaint."""
        kept: dict[str, dict[str, Any]] = {}
        skipped: list[tuple[str, str]] = []
        for network in networks:
            problem = network_problem(network)
            if problem is not None:
                code = network.get("code") if isinstance(network, dict) else None
                skipped.append((str(code)[:40], problem))
            elif not network.get("deleted"):
                kept[network["code"]] = network
        return cls(version, kept), skipped

    @classmethod
    def from_file(cls, path: Path = REGISTRY_FILE) -> Registry:
        doc = json.loads(path.read_text("utf-8"))
        registry, skipped = cls.build(doc["version"], doc["networks"])
        if skipped:
            raise ValueError(f"bad entries in the shipped registry {path}: {skipped}")
        return registry

    def network_of_organisation(self, organisation: str) -> str | None:
        org = find_organisation(organisation)
        code = org.code if org else organisation.strip().upper()
        for network in sorted(self.networks.values(), key=lambda n: n["code"]):
            if code in (network.get("organisations") or []):
                return str(network["code"])
        return None

    def entity_for(self, network: str, department: str | None) -> str | None:
        entities = self.networks[network].get("entities") or []
        if len(entities) == 1:
            return str(entities[0]["code"])
        for entity in entities:
            if department and department in (entity.get("departments") or []):
                return str(entity["code"])
        return None

    def deadline_days(self, network: str) -> int:
        return int(self.networks[network].get("deadline_days") or DEFAULT_DEADLINE_DAYS)


@dataclass(frozen=True)
class Assignment:
    network: str | None
    entity: str | None
    rule: str  # "organisation", "classifier" or "triage"
    secondary: list[str] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)
    registry_version: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "entity": self.entity,
            "rule": self.rule,
            "secondary": self.secondary,
            "scores": self.scores,
            "words": self.words,
            "registry_version": self.registry_version,
        }


def classify(text: str, registry: Registry) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Keyword scores per network (a phrase of several words counts double), and the words."""
    plain = fold(text)
    scores: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    for code in sorted(registry.networks):
        hits = [
            k
            for k in registry.networks[code].get("keywords") or []
            if re.search(rf"(?<![a-z]){re.escape(k)}(?![a-z])", plain)
        ]
        if hits:
            scores[code] = sum(2 if " " in k else 1 for k in hits)
            words[code] = hits
    return scores, words


def assign(story: PublicStory, registry: Registry) -> Assignment:
    """The first organisation the registry knows decides; else the text; else triage."""
    networks: list[str] = []
    for step in story.journey:
        code = registry.network_of_organisation(step.organisation)
        if code and code not in networks:
            networks.append(code)
    if networks:
        primary = networks[0]
        return Assignment(
            primary,
            registry.entity_for(primary, story.department),
            "organisation",
            secondary=networks[1:],
            registry_version=registry.version,
        )
    scores, words = classify(f"{story.title}\n{story.description}", registry)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        best = ranked[0][0]
        return Assignment(
            best,
            registry.entity_for(best, story.department),
            "classifier",
            scores=scores,
            words=words[best],
            registry_version=registry.version,
        )
    return Assignment(None, None, "triage", scores=scores, registry_version=registry.version)


def due_at(assigned_at: datetime, deadline_days: int) -> datetime:
    return assigned_at + timedelta(days=deadline_days)
