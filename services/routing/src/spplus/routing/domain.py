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


def fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "'")


@dataclass(frozen=True)
class Registry:
    """Networks by code, as stored (each with organisations, entities, deadline, keywords)."""

    version: str
    networks: dict[str, dict[str, Any]]

    @classmethod
    def from_file(cls, path: Path = REGISTRY_FILE) -> Registry:
        doc = json.loads(path.read_text("utf-8"))
        return cls(doc["version"], {n["code"]: n for n in doc["networks"]})

    def network_of_organisation(self, organisation: str) -> str | None:
        org = find_organisation(organisation)
        code = org.code if org else organisation.strip().upper()
        for network in sorted(self.networks.values(), key=lambda n: n["code"]):
            if code in network.get("organisations", []):
                return str(network["code"])
        return None

    def entity_for(self, network: str, department: str | None) -> str | None:
        entities = self.networks[network].get("entities", [])
        if len(entities) == 1:
            return str(entities[0]["code"])
        for entity in entities:
            if department and department in entity.get("departments", []):
                return str(entity["code"])
        return None

    def deadline_days(self, network: str) -> int:
        return int(self.networks[network].get("deadline_days", DEFAULT_DEADLINE_DAYS))


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
            for k in registry.networks[code].get("keywords", [])
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
