"""Which communes a French postal code serves: the check that a city and a postal code agree."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[^a-z0-9]+", " ", plain).strip()
    plain = re.sub(r"\bst(e?)\b", r"saint\1", plain)
    return re.sub(r"\s+(?:cedex|\d+(?:er|e|eme)? arrondissement)\b.*$", "", plain)


class Communes:
    """Postal code → normalised commune names (INSEE names and La Poste's routing labels)."""

    def __init__(self, by_code: dict[str, set[str]]) -> None:
        self._by_code = by_code
        self._names = frozenset(name for names in by_code.values() for name in names)

    @classmethod
    def load(cls, path: Path) -> Communes:
        by_code: dict[str, set[str]] = defaultdict(set)
        for row in json.loads(path.read_text("utf-8")):
            code = str(row["codePostal"]).zfill(5)
            for name in (row.get("nomCommune"), row.get("libelleAcheminement")):
                if name:
                    by_code[code].add(_key(name))
        return cls(dict(by_code))

    def known(self, postal_code: str) -> bool:
        return postal_code in self._by_code

    def exists(self, city: str) -> bool:
        """True when `city` names a commune of INSEE's list (any postal code)."""
        return _key(city) in self._names

    def agree(self, postal_code: str, city: str) -> bool:
        """True when `city` is one of the communes `postal_code` serves (or the code is unknown)."""
        names = self._by_code.get(postal_code)
        return names is None or _key(city) in names
