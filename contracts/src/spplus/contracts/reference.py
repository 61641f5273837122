"""Reference data of the submission form: the organisations offered and their network."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel

from .values import Channel


class Organisation(BaseModel):
    code: str
    name: str
    network: str
    channels: list[str]


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
    ("MAIRIE_ETAT_CIVIL", "Mairie — titres d'identité et état civil", "MAIRIES"),
    ("CROUS", "Crous (bourses, logement étudiant)", "CROUS"),
    ("FRANCE_SERVICES", "Espace France Services", "FRANCE_SERVICES"),
]

ORGANISATIONS: tuple[Organisation, ...] = tuple(
    Organisation(code=code, name=name, network=network, channels=_ALL)
    for code, name, network in _ROWS
)

#: What the public sees for an organisation the author typed and the registry does not know.
OTHER_ORGANISATION = "AUTRE"

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


#: Every reason code of the moderation policy, with the sentence the author reads (French).
REASONS = {
    "OUT_OF_SCOPE": "le service concerné n'entre pas dans le périmètre de Services Publics +",
    "TOO_OLD": "l'expérience date de plus de deux ans",
    "TEACHING": "les contenus pédagogiques et l'enseignement ne relèvent pas de la plateforme",
    "INCOMPLETE": "le récit est trop peu précis pour être orienté vers un service",
    "UNDERGONE_CONTROL": "les contrôles, interpellations et amendes ne relèvent pas de la plateforme",
    "LEGAL_DECISION": "le récit porte sur une décision de justice ou une procédure en cours",
    "FOREIGN_LANGUAGE": "le récit doit être rédigé en français",
    "SPAM": "le contenu est de nature commerciale ou promotionnelle",
    "DUPLICATE": "ce récit a déjà été déposé",
    "NOT_AN_EXPERIENCE": "le contenu ne décrit pas une expérience vécue avec un service public",
    "ABUSIVE": "le contenu comporte des propos injurieux ou discriminatoires",
    "POLITICAL": "les opinions politiques ne peuvent pas être publiées",
    "PERSONAL_REQUEST": "les demandes sur un dossier personnel sont à adresser à l'organisme",
}


_INSULTS = re.compile(
    r"(?<![a-z])(?:con|conne|connard|connasse|salope|salaud|pute|putain|merde|encule|enculer|"
    r"batard|nazi|hitler|negre|bougnoule|youpin|pd|tarlouze|fdp|ntm|nique|bite|couille|"
    r"cretin|abruti|debile|fonctionnaire de merde)(?![a-z])"
)


def is_abusive(text: str) -> bool:
    """Whether a short text (a pseudonym) holds an insult, slur or obscenity."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[_.\-0-9]+", " ", plain)
    return bool(_INSULTS.search(plain))
