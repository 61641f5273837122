"""Reference data of the submission form: the organisations offered and their network."""

from __future__ import annotations

from .api import Organisation
from .values import Channel

_ALL = [c.value for c in Channel]

#: code, name, network code. Routing seeds its registry from the same list.
_ROWS: list[tuple[str, str, str]] = [
    ("CAF", "Caisse d'allocations familiales (CAF)", "CAF"),
    ("CPAM", "Assurance Maladie (CPAM)", "CPAM"),
    ("FRANCE_TRAVAIL", "France Travail", "FRANCE_TRAVAIL"),
    ("DGFIP", "Finances publiques (impots.gouv, centre des impôts)", "DGFIP"),
    ("ANTS", "Agence nationale des titres sécurisés (ANTS)", "ANTS"),
    ("PREFECTURE", "Préfecture", "PREFECTURE"),
    ("URSSAF", "Urssaf", "URSSAF"),
    ("MSA", "Mutualité sociale agricole (MSA)", "MSA"),
    ("CARSAT", "Assurance retraite (Carsat, CNAV)", "ASSURANCE_RETRAITE"),
    ("MAIRIE_ETAT_CIVIL", "Mairie — titres d'identité et état civil", "ANTS"),
]

ORGANISATIONS: tuple[Organisation, ...] = tuple(
    Organisation(code=code, name=name, network=network, channels=_ALL)
    for code, name, network in _ROWS
)

_BY_KEY = {o.code.casefold(): o for o in ORGANISATIONS} | {
    o.name.casefold(): o for o in ORGANISATIONS
}
# Common spellings the frontend or older data may send.
_ALIASES = {
    "dgfip": "DGFIP",
    "impots": "DGFIP",
    "pole emploi": "FRANCE_TRAVAIL",
    "france travail": "FRANCE_TRAVAIL",
    "assurance maladie": "CPAM",
}


def find_organisation(value: str) -> Organisation | None:
    """The organisation a form value names (code, name or a common alias), if any."""
    key = value.strip().casefold()
    if key in _ALIASES:
        key = _ALIASES[key].casefold()
    return _BY_KEY.get(key)


def department_of(postal_code: str | None) -> str | None:
    """Département from a postal code: 97x/98x overseas, 20xxx Corsica (2A below 20200, else 2B)."""
    if not postal_code or len(postal_code) != 5 or not postal_code.isdigit():
        return None
    if postal_code.startswith(("97", "98")):
        return postal_code[:3]
    if postal_code.startswith("20"):
        return "2A" if int(postal_code) < 20200 else "2B"
    return postal_code[:2]
