"""Personal data in French stories: where it is, what it is, and what replaces it.

Regular expressions find candidates; python-stdnum confirms checksummed identifiers (NIR, tax
number, IBAN, SIRET/SIREN) so their kind is named right; context words decide ambiguous numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from stdnum import iban as std_iban
from stdnum.fr import nif as std_nif
from stdnum.fr import nir as std_nir
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from . import lexicon, ner
from .names import first_names
from .places import places
from .shadow import Shadow


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: `text[start:end]` becomes `replacement`."""

    start: int
    end: int
    kind: str
    replacement: str


PLACEHOLDER = {
    "email": "[email]",
    "phone": "[téléphone]",
    "nir": "[n° de sécurité sociale]",
    "tax_number": "[n° fiscal]",
    "iban": "[IBAN]",
    "siret": "[SIRET]",
    "beneficiary_number": "[n° d'allocataire]",
    "reference": "[référence]",
    "address": "[adresse]",
    "birth_date": "[date de naissance]",
    "plate": "[immatriculation]",
    "document_number": "[n° de document]",
    "handle": "[identifiant]",
    "employer": "[employeur]",
    "school": "[établissement]",
    "person": "X",
}


def _latin(upper: bool) -> str:
    """Every Latin letter of one case (Latin-1, Extended-A/B, Vietnamese): names of any origin."""
    ranges = [(0xC0, 0x24F), (0x1E00, 0x1EFF)]
    return "".join(
        c
        for lo, hi in ranges
        for c in map(chr, range(lo, hi + 1))
        if c.isalpha() and (c.isupper() if upper else c.islower()) and c not in "×÷"
    )


_UP = "A-Z" + _latin(upper=True)
_LOW = "a-z" + _latin(upper=False)
_NAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?"
_NAMES = rf"(?:{_NAME})(?:\s+(?:{_NAME})){{0,2}}"
_ANYWORD = (
    rf"(?:[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?|[{_UP}{_LOW}][{_LOW}'’]*(?:-[{_UP}{_LOW}][{_LOW}]+)?)"
    r"(?![\w-])"
)
#: Up to three words after a strong context (title, "je m'appelle"); `_cut_name` ends the name.
_CTX_NAMES = rf"{_ANYWORD}(?:\s+{_ANYWORD}){{0,2}}"

EMAIL = re.compile(r"[\w.+-]+ ?@ ?[\w-]+(?: ?\. ?[\w-]+)*\.[a-zA-Z]{2,}", re.UNICODE)
# "jean.dupont(at)free.fr", "jean [at] free [dot] fr", "jean arobase free point fr"
EMAIL_OBFUSCATED = re.compile(
    r"[\w.+-]+\s?(?:\(at\)|\[at\]|\{at\}|\s(?:at|arobase)\s)\s?[\w-]+"
    r"(?:\s?(?:\.|\(dot\)|\[dot\]|\s(?:dot|point)\s)\s?[\w-]+)+",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\))?[\s.-]?[1-79]|0[1-79])(?:[\s.-]?\d{2}){4}(?!\d)"
)
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?\b")
# Runs of digits with optional single separators, possibly with letters (2A/2B, keys).
NUMBERISH = re.compile(
    r"(?<![\w-])(?:2[AB]|\d)(?:(?:[ .\-/]|\s*\n\s*)?(?:2[AB]|\d)){5,}(?:[ ]?[A-Z]{1,2})?(?![\w-])"
)
CODE = re.compile(
    r"(?<![\w-])(?=[A-Z0-9-/]*\d)(?=[A-Z0-9-/]*[A-Z])[A-Z0-9][A-Z0-9\-/]{4,}(?![\w-])"
)
PLATE = re.compile(r"(?<![\w-])[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}(?![\w-])")
OLD_PLATE = re.compile(r"(?<![\w-])\d{1,4}[ -]?[A-Z]{1,3}[ -]?(?:\d{2}|2A|2B)(?![\w-])")
_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
DATE = rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}})"
BIRTH = re.compile(
    rf"(?:\bné(?:e)?\s+le\s+|\bdate\s+de\s+naissance\s*(?:est\s+(?:le\s+)?|:\s*|\(\s*|au\s+|,\s*(?:le\s+)?)?)({DATE})",
    re.IGNORECASE,
)
#: A day and month of birth with no year: "né le 3 février" is still a birthday.
BIRTHDAY = re.compile(rf"(?i:\bnée?s?\s+le\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?!\s+\d)(?![\w])")
_YEARS = re.compile(r"(?:19|20)\d{2}\s?[-/]\s?(?:19|20)?\d{2}")
#: A full date a little after "naissance" or "née": someone's date of birth, a child's too.
BIRTH_NEAR = re.compile(rf"(?i:naissance|\bnée?s?\b)[^.\n]{{0,50}}?(?<![\w/.-])({DATE})(?![\w/-])")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})")
ANY_DATE = re.compile(rf"(?<![\w/.-])({DATE})(?![\w/-])", re.IGNORECASE)
_YEAR_IN = re.compile(r"(\d{4})\s*$")
#: Full dates before this year, in a story about a procedure, are dates of birth.
_OLD_DATE_YEAR = 2008
_STREET = (
    r"rue|avenue|av\.|boulevard|bd|allée|allee|impasse|chemin|place|route|quai|cours|square|"
    r"traverse|montée|montee|ruelle|venelle|sente|"
    r"passage|sentier|voie|faubourg|rond-point|lieu-dit|hameau|parvis|promenade|esplanade"
)
ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter|quater|[BbTt]))?,?\s+(?i:{_STREET})\b[^\n,.;:!?()]{{2,50}}?"
    rf"(?=(?:,?\s*\d{{5}})|[,.;:!?()\n]|\s+(?i:à|a|au|et|depuis|pour|dans|où|que|qui|mais|en|avec|"
    rf"sans|chez|vers|puis|car|donc|ou|il|elle|on|nous|je|j['’])\s|$)"
    rf"(?:,?\s*\d{{5}}(?:\s+[{_UP}][\w'’-]+(?:[\s-][{_UP}][\w'’-]+){{0,3}})?)?",
)
BUILDING = re.compile(
    rf"\b(?i:résidence|residence|rés\.|bâtiment|batiment|bât\.|appartement|appt\.?|escalier|lotissement|"
    rf"lot\.|cité|cite|hameau|lieu-dit|lieudit|domaine|quartier|villa|clos|impasse|îlet|ilet|"
    rf"(?:chemin|allée|rue|route|avenue|impasse|ruelle|sentier)"
    rf"(?=\s+(?i:des|du|de la|de l['’]|de)\s+[{_UP}])|"
    rf"section(?=\s+[{_UP}][{_LOW}]{{3,}}(?:-[{_UP}][{_LOW}]+)*(?![\w'’-]))|"
    rf"(?:maison de retraite|ehpad|foyer|résidence autonomie|residence autonomie)"
    rf"(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}]))\s+"
    rf"(?:(?:de la|de|du|des|d['’]|les|le|la|l['’])\s*)?"
    rf"(?:[{_UP}0-9][\w'’-]*)"
    rf"(?:\s+(?!(?i:à|a|au|aux|et|en|sur|dans|pour|chez|près|pres)(?![\w'’-]))"
    rf"(?:[{_UP}0-9][\w'’-]*|(?:les|des|du|de|la|le)(?![\w'’-]))){{0,3}}",
)
#: "jean point dupont chez gmail point com", "marie.l arobase orange.fr"
_MAILHOST = r"gmail|hotmail|yahoo|orange|free|sfr|laposte|outlook|wanadoo|icloud|live|protonmail|neuf|aol|msn|bbox"
EMAIL_SPELLED = re.compile(
    rf"[\w.+-]+(?:\s+(?:point|dot|tiret|underscore)\s+[\w+-]+)*\s+(?:chez|arobase|at)\s+(?:{_MAILHOST})"
    r"(?:\s*(?:\.|\s(?:point|dot)\s)\s*(?:com|fr|net|org|eu|be))?",
    re.IGNORECASE,
)
#: A social-network handle: "@lea_du_93" (an email's "@" has a word right before it).
HANDLE = re.compile(r"(?<![\w.@])@\w[\w.]{1,29}(?<!\.)")  # accents typed in, too
#: A cadastral parcel: "section ZB n° 45", "parcelle AB 123".
#: The next parcels of a list: "section AB 12, 13 et AB 14", "parcelles B 712 et B 713".
PARCEL_MORE = re.compile(r"\s*(?:,|et)\s+(?:[A-Z]{1,2}\s*)?\d{1,4}\b")
PARCEL = re.compile(
    r"\b(?i:section)\s+[A-Z]{1,2}\s*(?:(?i:n°|no|num(?:éro|ero)?)\.?\s*)?\d{1,4}\b|"
    r"\b(?i:section)\s+[a-z]{1,2}\s+(?:n°?|no|num(?:éro|ero)?)\.?\s*\d{1,4}\b|"
    r"\b(?i:parcelles?)(?:\s+(?i:cadastrales?))?\s+(?:(?i:n°)\s*)?[A-Z]{0,2}\s*\d{1,4}\b"
)
#: Shops and workshops whose name is often their owner's: "la fromagerie Tissot".
_SHOPS = (
    r"pressing|onglerie|fleuriste|snack|kebab|auto-école|auto-ecole|boulangerie|boucherie|charcuterie|fromagerie|poissonnerie|quincaillerie|droguerie|"
    r"serrurerie|carrosserie|crêperie|creperie|pâtisserie|patisserie|brasserie|imprimerie|"
    r"laverie|blanchisserie|miroiterie|menuiserie|plomberie|sellerie|tonnellerie|cordonnerie|"
    r"chocolaterie|confiserie|biscuiterie|jardinerie|animalerie|parfumerie|papeterie|bijouterie|"
    r"horlogerie|scierie|tuilerie|distillerie|maroquinerie|mercerie|rôtisserie|rotisserie|"
    r"fromagerie|ferronnerie|ébénisterie|ebenisterie|tapisserie|teinturerie|vannerie|"
    r"pizzeria|librairie|fleuriste|auto-école|auto-ecole|camping|hôtel|hotel|bar|café|cafe|"
    r"supérette|superette|traiteur"
)
#: A business named after a person, that says where someone works: "la boulangerie Le Goff".
EMPLOYER = re.compile(
    rf"(?i:(?<![\w-])(?:{_SHOPS}|vergers|jardins|serres|pépinières?|pepinieres?|haras|élevage|"
    r"elevage|chais|caves|épicerie|ferme|gaec|earl|sarl|sas|eurl|garage|"
    r"cabinet|pharmacie|maçonnerie|transports|ets\.?|établissements|"
    r"etablissements|entreprise|société|societe|restaurant|salon|atelier|commerce|exploitation)|"
    r"\b(?:travaille|travaillais|travaillé|employée?|salariée?|embauchée?|bosse|stage|intérim)"
    r"\s+(?:chez|pour|à la|au|dans la|dans le))"
    rf"\s+(?P<name>(?:(?:Le|La|De|Du|Des|Van|Da|Ben|El|de la|de|du|des)\s+)?[{_UP}][\w'’-]+(?:\s+(?:et\s+)?(?:fils|frères|[{_UP}][\w'’-]+)){{0,2}})"
)
#: The same typed in lower case: "garage castellani", "l earl fontaine".
LOWER_EMPLOYER = re.compile(
    rf"(?i:\b(?P<kind>{_SHOPS}|épicerie|epicerie|ferme|gaec|earl|sarl|sas|"
    r"eurl|sci|garage|cabinet|pharmacie|maçonnerie|maconnerie|transports|ets|"
    r"établissements|etablissements|restaurant|salon|atelier|entreprise|société|societe)\s+)"
    r"(?P<name>[a-zà-ÿ][a-zà-ÿ'’]{2,}(?:-[a-zà-ÿ]{2,})*)(?![\w-])"
)
_LEGAL_FORM = frozenset({"gaec", "earl", "sarl", "sas", "eurl", "sci", "ets"})
#: Words that qualify a trade rather than name its owner: "boulangerie industrielle",
#: "cabinet médical", "ferme bio", "garage fermé".
_QUALIFIERS = frozenset(
    "bio fine fin gros grosse petite locale local du coin en ligne voisine voisin principale "
    "principal centrale central familiale familial solidaire sociale social privee privée "
    "publique automobile auto mobile ouverte ouvert fermee fermée ferme fermé medical médical "
    "general général generale générale municipal municipale national nationale regional régional "
    "regionale régionale commercial commerciale rural rurale financier financière immobilier "
    "immobilière premier première dernier dernière laitière hospitalier hospitalière routier "
    "routière industriel industrielle artisanal artisanale".split()
)
#: Feminine and learned adjective endings; "-ier", "-ain", "-el", "-ois" end too many surnames.
_ADJECTIVE_END = re.compile(r"(?:elle|ale|ique|ive|if|aire|ée|ee|euse|eux|ante|ente)$")


def _qualifies(word: str) -> bool:
    """A word after a trade that describes it (an adjective), not the owner's name."""
    low = word.casefold()
    if low in _QUALIFIERS or low in _FUNCTION_WORDS:
        return True
    names = first_names()
    return bool(_ADJECTIVE_END.search(low)) and not (names.folded_has(low) or names.is_surname(low))


#: A trade in a story typed in capitals, and the owner's name right after: "BOULANGERIE PETIT".
UPPER_EMPLOYER = re.compile(
    rf"\b(?:(?i:{_SHOPS})|ÉPICERIE|EPICERIE|FERME|GAEC|EARL|SARL|SAS|EURL|GARAGE|CABINET|"
    r"PHARMACIE|MAÇONNERIE|TRANSPORTS|ÉTABLISSEMENTS|ETABLISSEMENTS|ETS|RESTAURANT|SALON|ATELIER|"
    r"ENTREPRISE|SOCIÉTÉ|SOCIETE)\s+(?P<name>(?:(?:LE|LA|DE|DU|DA|VAN|BEN|EL)\s+)?[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})"
)
#: A firm named by its owner, with its trade after: "Da Silva Rénovation", "Martin Transports".
_TRADE_WORDS = frozenset(
    "rénovation renovation bâtiment batiment transports transport services immobilier plomberie "
    "électricité electricite conseil peinture taxi taxis ambulances ambulance paysage paysages "
    "maçonnerie maconnerie menuiserie couverture charpente coiffure auto autos nettoyage "
    "informatique boulangerie traiteur import export frères freres fils".split()
)
OWNER_FIRM = re.compile(
    rf"(?P<owner>(?:(?:Le|La|De|Du|Da|Van|Ben|El|Mac|Mc)\s+)?[{_UP}][{_LOW}]+(?:[- ][{_UP}][{_LOW}]+)?)"
    r"\s+(?:Rénovation|Renovation|Bâtiment|Batiment|Transports|Immobilier|Plomberie|Électricité|"
    r"Electricite|Peinture|Taxis?|Ambulances?|Paysages?|Maçonnerie|Menuiserie|Couverture|"
    r"Charpente|Coiffure|Nettoyage|Informatique|Traiteur|Frères|Freres|et Fils|& Fils)\b"
)
#: A school named after a person, which locates a child: "l'école Jacques-Prévert".
SCHOOL = re.compile(
    r"(?i:\b(?:école|ecole|collège|college|lycée|lycee|groupe scolaire|maternelle|"
    r"crèche|creche|institut|ehpad|foyer|résidence étudiante|cité universitaire|"
    r"résidence universitaire|residence universitaire|clinique|maison de retraite|"
    r"maison de santé|maison de sante|centre de rééducation|centre de reeducation))"
    r"(?i:\s+(?:élémentaire|elementaire|maternelle|primaire|publique?|privée?|professionnel|"
    r"général|general|et technologique|agricole|municipale?))*"
    rf"\s+(?P<name>(?:Saint(?:e)?[- ])?[{_UP}][\w'’]+(?:[- ][{_UP}][\w'’]+){{0,3}})"
)
#: A school named after a person, in any case: "au collège jacques-prévert" (the first name
#: before the hyphen says it is a person's name).
HYPHENATED_SCHOOL = re.compile(
    r"(?i:\b(?:école|ecole|collège|college|lycée|lycee|groupe scolaire|maternelle|crèche|creche|"
    r"ehpad|foyer|clinique|résidence|residence|cité|cite))"
    r"(?i:\s+(?:élémentaire|elementaire|maternelle|primaire|publique?|privée?|professionnel))*"
    r"\s+(?P<name>(?P<first>[^\W\d_]+)-[^\W\d_]+(?:-[^\W\d_]+)?)(?![\w'’-])"
)
#: A plate in lower case or mixed: "ab-123-cd" (the hyphens make it one).
LOWER_PLATE = re.compile(
    r"(?<![\w-])(?i:[a-z]{2}(?:\s?-\s?|\s{1,2})\d{3}(?:\s?-\s?|\s{1,2})[a-z]{2})(?![\w-])"
)
#: A plate with one separator or none ("ec 407nr", "ec407-nr"): only after a vehicle word.
LOOSE_PLATE = re.compile(r"(?<![\w-])(?i:[a-z]{2}[\s-]?\d{3}[\s-]?[a-z]{2})(?![\w-])")
#: A file reference typed in lower case: letters and at least three digits mixed ("0a9d3k41b27").
LOWER_CODE = re.compile(
    r"(?<![\w-])(?=[a-z0-9-]*\d[a-z0-9-]*\d[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{6,}(?![\w-])"
)
#: A post-office box, a building and flat written short: "BP 37", "bat B ch 214".
SHORT_ADDRESS = re.compile(
    r"(?<![\w])(?:(?i:bp|boîte postale|boite postale)\s*\d{1,5}|(?:CS|TSA)\s?\d{4,5}|"
    r"(?i:bat\.?|bât\.?|batiment|bâtiment)\s+(?:[A-Z0-9]{1,3}|[a-z](?![\w'’]))(?:\s+(?i:ch|chambre|appt?\.?|porte|esc\.?)\s*\d{1,4})?|"
    r"(?i:chambre|logement|studio|appartement|appt\.?|apt\.?)\s+(?i:n°\s*)?[A-Z]?\d{1,4}[A-Z]?|"
    r"(?i:case|kaz|maison|villa|lot)\s+(?i:n°\s*)?\d{1,4}(?=\s*[,.;]|\s+(?i:à|a|au|derrière|derriere|près|pres|quartier|"
    r"village|rue|chemin|impasse)\b))(?![\w])"
)
#: A handle named by its network without "@": "insta : zina.kreol974", "mon snap sofiane34".
NAMED_HANDLE = re.compile(
    r"(?i:\b(?:insta(?:gram)?|facebook|fb|snap(?:chat)?|tiktok|twitter|linkedin|discord|pseudo|"
    r"compte|profil|parrain(?:age)?)\b\s*(?:perso(?:nnel)?\s*|pro\s*)?"
    r"(?:[:/(]|est|c'est|au nom de|sous le nom)?\s*[\"«“']?\s*)"
    r"(?P<handle>(?=[\w.]*(?:\d|_|[a-z]\.[a-z]))[a-z][\w.]{3,29}(?<!\.))(?![\w])"
)
POSTCODE_CITY = re.compile(
    rf"(?<!\d)\d{{5}}\s+[{_UP}][{_LOW}A-Z'’-]+(?:[\s-][{_UP}][{_LOW}A-Z'’-]+){{0,3}}"
)

# Words that make the number after them an identifier of a file or of a person.
_ID_CONTEXT = re.compile(
    r"(?:dossier|référence|reference|réf\.?|ref\.?|numéro|numero|n°|no\.?|num\.?|identifiant|"
    r"matricule|pré-demande|pre-demande|demande|allocataire|fiscal|sécurité sociale|sécu|secu|nir|"
    r"passeport|permis|contrat|adhérent|adherent|client|ticket|affaire|courrier|avis|"
    r"immatriculation|plaque|siret|siren|iban|rib|compte|bénéficiaire|beneficiaire|assuré|assure)"
    r"[^.\n]{0,25}$",
    re.IGNORECASE,
)
_NOT_ID_CONTEXT = re.compile(
    r"(?<![\w])(?:cerfa|formulaire|déclaration|declaration|article|art\.|loi|décret|decret|arrêté|code|alinéa|imprimé|"
    r"modèle|version|page|ligne|bus|tram|vol|train|salle|bureau|guichet|porte|étage|etage)"
    r"\s*[n°:]*\s*$",
    re.IGNORECASE,
)
_BENEFICIARY = re.compile(
    r"allocataire|caf|msa|bénéficiaire|beneficiaire|adhérent|identifiant", re.IGNORECASE
)
_PLATE_CONTEXT = re.compile(
    r"immatricul|plaque|véhicule|vehicule|voiture|carte grise|moto|auto", re.IGNORECASE
)
_AMOUNT_AFTER = re.compile(r"^\s*(?:€|eur\b|euros?\b|%|k€|m€)", re.IGNORECASE)
_NEXT_FIRST_NAME = re.compile(rf"[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)(?=\W|$)")
_SURNAME_AFTER_FIRST = re.compile(rf"\s+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]{{2,}})")

_ROLE_ALT = "|".join(sorted((re.escape(r) for r in lexicon.ROLES), key=len, reverse=True))
ROLE_NAME = re.compile(
    rf"\b(?:(?P<det>(?i:l['’]|le |la |les |cette |ce |un |une |mon |ma |notre |votre |son |sa ))\s*)?"
    rf"(?P<role>(?i:{_ROLE_ALT}))(?P<qual>(?:\s+(?:de la |du |de l['’]|des |de )?"
    rf"(?:CAF|CPAM|MSA|URSSAF|ANTS|France Travail|Pôle emploi|préfecture|mairie|caisse|"
    rf"l['’]accueil|accueil))?)(?P<sep>\s*[,:]?\s+)"
    rf"(?P<title>{lexicon.TITLES}\s+)?(?P<name>{_CTX_NAMES})",
)
TITLE_NAME = re.compile(
    rf"(?<![\w'’])(?:{lexicon.TITLES}|(?i:madame|monsieur|mademoiselle|docteure?|maître|mme|mlle|mr)|"
    rf"(?<![\w.])m\.)"
    rf"\s+(?P<name>{_CTX_NAMES})"
)
SELF_NAME = re.compile(
    rf"(?i:\bje m['’]appelle|\bje me nomme|\bmon nom est|\bmon nom\s*[:,]|\bsigné(?:e)?\s*:?|"
    rf"\b(?:bien\s+)?cordialement,?|\bbien à vous,?|\bsalutations(?: distinguées)?,?|"
    rf"\brespectueusement,?|\bmerci d['’]avance,?|\bnom de (?:jeune fille|naissance|famille)\s*[,:]?|"
    rf"\bnée|\bune certaine|\bun certain|\bdénommée?|\bprénommée?|\bnommée?|"
    rf"\b(?:qui|elle|il) s['’]appel(?:le|ait)|\bs['’]appel(?:le|ait))\s+(?P<name>{_CTX_NAMES})"
)
SELF_CAPITALISED = re.compile(rf"\bje suis\s+(?P<name>{_NAMES})")
_REL_ALT = "|".join(sorted((re.escape(r) for r in lexicon.RELATIVES), key=len, reverse=True))
RELATIVE_NAME = re.compile(rf"\b(?i:{_REL_ALT})\s*,?\s+(?P<name>{_CTX_NAMES})")
UPPER_RELATIVE_NAME = re.compile(
    rf"\b(?i:{_REL_ALT}|papa|maman|mamie|papi|papy|tonton|tata)[ \t]*,?[ \t]+(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:-[A-ZÀ-Ý][A-ZÀ-Ý'’]+)?)(?![\w'’-])"
)
LOWER_FIRST_NAME = re.compile(rf"(?<![\w'’@.-])[{_LOW}]+(?:-[{_LOW}]+)?(?![\w'’@-])")
CAPITALISED = re.compile(rf"(?<![\w'’-])(?:{_NAME})(?![\w-])")


def _digits(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", s)


def _classify_number(raw: str, before: str) -> str | None:
    """The kind of identifier a run of digits is, or None when it is not personal data."""
    compact = _digits(raw)
    digits = re.sub(r"\D", "", raw)
    context = _ID_CONTEXT.search(before[-40:]) is not None
    if _NOT_ID_CONTEXT.search(before[-20:]):
        return None
    if len(compact) in (13, 15) and compact[:1] in "12" and _valid(std_nir, compact):
        return "nir"
    if len(compact) in (13, 15) and re.search(
        r"sécu|secu|nir|sociale", before[-60:], re.IGNORECASE
    ):
        return "nir"
    if (
        len(compact) == 13
        and compact.isdigit()
        and (_valid(std_nif, compact) or re.search(r"fiscal", before[-60:], re.IGNORECASE))
    ):
        return "tax_number"
    if len(compact) == 14 and _valid(std_siret, compact):
        return "siret"
    if (
        len(compact) == 9
        and compact.isdigit()
        and _valid(std_siren, compact)
        and re.search(r"siren|entreprise|société|societe", before[-60:], re.IGNORECASE)
    ):
        return "siret"
    if re.fullmatch(r"(?:19|20)\d{2}", digits) and len(compact) == 4:
        return None
    if len(digits) >= 7 or context:
        if _BENEFICIARY.search(before[-40:]):
            return "beneficiary_number"
        return "reference"
    return None


def _valid(module: object, value: str) -> bool:
    try:
        return bool(module.is_valid(value))  # type: ignore[attr-defined]
    except Exception:
        return False


def _function_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - {"petit", "blanc", "leroy", "grand", "rose"}


#: Articles, pronouns, prepositions, auxiliaries: never the first word of a name.
_FUNCTION_WORDS = _function_words() | {"la", "le", "les", "qui", "que", "a", "est", "était"}
_PARTICLE_CAPS = frozenset(
    {"Le", "La", "De", "Du", "Des", "Van", "Da", "Ben", "El", "de", "du", "des"}
)
_PARTICLES = frozenset({"le", "la", "de", "du", "des", "van", "von", "ben", "el", "da", "di"})


def _name_is_plausible(name: str, whole_text_upper: bool, titled: bool = False) -> bool:
    """Could `name` be a person's? `titled`: it follows M., Mme, a role… (then even in an
    all-capitals story, and with particles: "Mme LE GOFF")."""
    words = [w for w in re.split(r"[\s]+", name) if w]
    if not words:
        return False
    inner = [w for i, w in enumerate(words) if not (w.lower() in _PARTICLES and i < len(words) - 1)]
    if any(w.lower() in lexicon.NOT_NAMES for w in inner):
        return False
    if whole_text_upper and not titled:
        return any(w.lower() in lexicon.FIRST_NAMES for w in words)
    return not all(w.upper() in lexicon.ACRONYMS for w in words)


_VERB_ENDING = re.compile(r"(?:er|ez|ait|aient|ent|é|ée|és|ées|ant|ir|is|it)$")


def _cut_name(name: str, *, lowercase_ok: bool, strong: bool | str = False) -> str:
    """The name at the start of `name`: stops at the first ordinary word. `strong`: the context
    names a person for sure ("Mme Petit", "m. blanc"), so a first word that is also an ordinary
    word is the name, unless it is a function word ("Mme a dit", "Madame la conseillère")."""
    kept: list[str] = []
    words = name.split()
    for i, word in enumerate(words):
        low = word.lower()
        capital = word[:1].isupper()
        if (
            i == 0
            and strong in (True, "self")
            and low in ("de", "du", "des", "le", "la", "van", "da", "ben", "el")
            and len(words) > 1
            and (
                words[1].lower() in ("la", "le")  # "de La Roche"
                or not ner.net().is_word(words[1])  # "le Gall", "le bihan"
            )
        ):
            kept.append(word)  # "Mme de La Roche", "M. le Gall"
            if (
                low == "de"
                and words[1].lower() in ("la", "le")
                and len(words) > 2
                and words[2].replace("-", "").isalpha()
                and words[2].lower() not in _FUNCTION_WORDS
            ):
                kept.extend(words[1:3])  # "mme de la roche" typed in lower case
                break
            continue
        if (
            i == 0
            and (strong is True or (strong == "capital" and capital))
            and low not in _FUNCTION_WORDS
            and len(low) > 1
            and word.replace("-", "").isalpha()
        ):
            kept.append(word)
            continue
        if i > 0 and low in _FUNCTION_WORDS and low not in _PARTICLES:
            break  # "LE DR LABORDE PEUT EN TEMOIGNER": a verb ends the name
        if low in lexicon.COMMON_WORDS or low in lexicon.NOT_NAMES:
            if low in ("le", "la", "de", "du", "des") and capital and (i > 0 or len(words) > 1):
                kept.append(word)  # "Mme LE GOFF", "M. DE LA ROCHE"
                continue
            break
        if not capital:
            is_first = (
                low in lexicon.FIRST_NAMES and low not in lexicon.AMBIGUOUS_FIRST_NAMES
            ) or (len(low) > 3 and first_names().folded_has(low) and low not in _FUNCTION_WORDS)
            unknown = len(low) > 2 and low.replace("-", "").isalpha() and not ner.net().is_word(low)
            if not (
                is_first
                or unknown
                or (lowercase_ok and not _VERB_ENDING.search(low) and len(low) > 2)
            ):
                break
        kept.append(word)
    while kept and kept[-1].lower() in ("le", "la", "de", "du", "des"):
        kept.pop()
    return " ".join(kept)


def _trim_name(name: str) -> str:
    """Drop trailing words that are not name-like (`Dupont Le` → `Dupont`)."""
    words = name.split()
    while words and words[-1].lower() in lexicon.NOT_NAMES:
        words.pop()
    return " ".join(words)


#: Kinds that are words (a name, a place): their span ends at the end of a word.
_WORDY = frozenset({"person", "address", "school", "employer"})


def _rules(text: str, upper_story: bool) -> list[Finding]:
    """What the rules find in `text` (a shadow: see `shadow.py`), overlaps included."""
    found: list[Finding] = []

    def add(start: int, end: int, kind: str, replacement: str | None = None) -> None:
        if (
            kind in _WORDY
            and 0 < end < len(text)
            and text[end - 1].isalpha()
            and text[end].isalpha()
        ):
            # A name never ends inside a word ("résidence Chapou de|ux"): back to the last
            # whole word, or nothing.
            cut = text.rfind(" ", start, end)
            if cut <= start:
                return
            end = cut
        found.append(
            Finding(start, end, kind, PLACEHOLDER[kind] if replacement is None else replacement)
        )

    for m in EMAIL.finditer(text):
        add(m.start(), m.end(), "email")
    for m in EMAIL_OBFUSCATED.finditer(text):
        add(m.start(), m.end(), "email")
    for m in PHONE.finditer(text):
        add(m.start(), m.end(), "phone")
    for m in IBAN.finditer(text):
        compact = _digits(m.group()).upper()
        if _valid(std_iban, compact) or compact.startswith("FR"):
            add(m.start(), m.end(), "iban")
    for m in BIRTH.finditer(text):
        add(m.start(1), m.end(1), "birth_date")
    for m in BIRTHDAY.finditer(text):
        add(m.start(1), m.end(1), "birth_date")
    for m in BIRTH_NEAR.finditer(text):
        add(m.start(1), m.end(1), "birth_date")
    for m in ANY_DATE.finditer(text):  # a full date decades ago is someone's birth
        year = _YEAR_IN.search(m.group(1))
        if year and int(year.group(1)) < _OLD_DATE_YEAR:
            add(m.start(1), m.end(1), "birth_date")
    for m in ADDRESS.finditer(text):
        add(m.start(), m.end(), "address")
    for m in BUILDING.finditer(text):
        head = [
            w
            for w in re.findall(r"[\w'’-]+", m.group())[1:]
            if w[:1].isupper() and w.casefold() not in _ARTICLES
        ]
        if head and (head[0].upper() in lexicon.ACRONYMS or head[0].casefold() in _SERVICE_WORDS):
            continue  # "une résidence du Crous de Créteil": the service's, not an address
        if m.group().casefold().startswith("section") and (
            not head or ner.net().is_word(head[0]) or head[0].casefold() in lexicon.COMMON_WORDS
        ):
            continue  # "la section Jeunesse": a department; "la section Boisripeaux": a place
        named = re.match(r"\S+\s+(?:LES|LE|LA|DES|DU|DE LA|DE|L['’])\s*\w", m.group()) or (
            re.match(
                r"(?:HAMEAU|LIEU-DIT|LIEUDIT|LOTISSEMENT|RÉSIDENCE|RESIDENCE|CITÉ|LOT\.)\s",
                m.group(),
            )
            and not re.search(
                r"\s(?:PRINCIPALE|SECONDAIRE|ALTERN[ÉE]E|HABITUELLE|FISCALE|UNIVERSITAIRE|"
                r"[ÉE]TUDIANTE|DU CROUS|CROUS)\b",
                m.group(),
            )
        )
        if (
            upper_story
            and not named
            and all(
                ner.net().is_word(w) or w in places() for w in re.findall(r"[^\W\d_]+", m.group())
            )
        ):
            continue  # "DOMAINE VITICOLE PRÈS DE BEAUNE": capitals say nothing in a shouted story
        add(m.start(), m.end(), "address")
    for m in POSTCODE_CITY.finditer(text):
        add(m.start(), m.start() + 5, "address")  # the town alone names no one
    for m in PLATE.finditer(text):
        if not upper_story or _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in OLD_PLATE.finditer(text):
        if _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in NUMBERISH.finditer(text):
        raw = m.group().rstrip(" .-/")
        if _NUMERIC_DATE.fullmatch(raw) or _YEARS.fullmatch(raw):
            continue  # a date or "2026-2027": birth dates are found above, others are the story's
        if re.match(r"0\s?8\d", raw) and len(re.sub(r"\D", "", raw)) == 10:
            continue  # 08xx xx xx xx: a service's public number, not a person's
        if _AMOUNT_AFTER.match(text[m.start() + len(raw) :]):
            continue
        kind = _classify_number(raw, text[: m.start()])
        if kind:
            add(m.start(), m.start() + len(raw), kind)
    for m in CODE.finditer(text):
        raw = m.group()
        before = text[: m.start()]
        if _NOT_ID_CONTEXT.search(before[-20:]) or raw.upper() in lexicon.ACRONYMS:
            continue
        if sum(c.isdigit() for c in raw) >= 3 or _ID_CONTEXT.search(before[-40:]):
            kind = (
                "document_number"
                if re.search(r"passeport|permis|carte", before[-40:], re.IGNORECASE)
                else "reference"
            )
            add(m.start(), m.end(), kind)

    for m in EMAIL_SPELLED.finditer(text):
        add(m.start(), m.end(), "email")
    for m in HANDLE.finditer(text):
        add(m.start(), m.end(), "handle")
    for m in PARCEL.finditer(text):
        end = m.end()
        while more := PARCEL_MORE.match(text, end):
            end = more.end()
        add(m.start(), end, "address")
    for m in LOWER_PLATE.finditer(text):
        add(m.start(), m.end(), "plate")
    for m in LOOSE_PLATE.finditer(text):
        if _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in LOWER_CODE.finditer(text):
        if not _NUMERIC_DATE.fullmatch(m.group()) and not re.fullmatch(r"[\d-]+", m.group()):
            add(m.start(), m.end(), "reference")
    for m in SHORT_ADDRESS.finditer(text):
        add(m.start(), m.end(), "address")
    for m in NAMED_HANDLE.finditer(text):
        add(m.start("handle"), m.end("handle"), "handle")
    _lowercase_places(text, add)
    for m in ELIDED_NAME.finditer(text):
        word = m.group(1)
        rest = word[2:]
        if rest.isupper() and (len(rest) <= 4 or rest in lexicon.ACRONYMS):
            continue  # "d'APL", "d'AIF"
        known = ner.net().is_word(rest) or rest in places() or rest.casefold() in _SERVICE_WORDS
        if rest.islower() and word[:1] != "n":
            continue  # "d'xyz" typed in lower case: too often a word
        if (rest[:1].isupper() or not known) and not (word[:1] in "Dd" and known):
            add(m.start(1), m.end(1), "person")  # but "d'Orléans", "d'Ille-et-Vilaine" stay
    for m in OWNER_FIRM.finditer(text):
        owner = m.group("owner").split()
        if any(not ner.net().is_word(w) and w.upper() not in lexicon.ACRONYMS for w in owner):
            add(m.start("owner"), m.end("owner"), "employer")
    capitals = sum(c.isupper() for c in text)
    lower_story = not upper_story and capitals <= max(2, sum(c.isalpha() for c in text) // 100)
    lower_firms: list[re.Match[str]] = []
    at = 0
    while firm := LOWER_EMPLOYER.search(text, at):  # "entreprise plomberie riviere": both trades
        lower_firms.append(firm)
        at = firm.start("name")
    for m in lower_firms:
        name = m.group("name")
        if LOWER_EMPLOYER.match(text, m.start("name")):
            continue  # a trade after a trade: the name, if any, comes after it
        if (
            m.group("kind").casefold() in _LEGAL_FORM
            or not (ner.net().is_word(name) or name.casefold() in _FUNCTION_WORDS)
            or (lower_story and not _qualifies(name) and name not in places())
        ):
            add(m.start("name"), m.end("name"), "employer")
    for m in UPPER_EMPLOYER.finditer(text) if upper_story else ():
        words = m.group("name").split()
        if (
            not _qualifies(words[-1])
            and words[-1].upper() not in lexicon.ACRONYMS
            and words[-1].casefold() not in _SERVICE_WORDS
            and words[-1].title() not in places()
        ):
            add(m.start("name"), m.end("name"), "employer")
    for pattern, kind in ((EMPLOYER, "employer"), (SCHOOL, "school")):
        for m in pattern.finditer(text) if not upper_story else ():
            name = m.group("name")
            words = [w for w in re.split(r"[\s'’-]+", name) if w]
            if (words[0].casefold() in lexicon.COMMON_WORDS and words[0] not in _PARTICLE_CAPS) or (
                len(words) == 1 and words[0].isupper() and len(words[0]) <= 4
            ):
                continue  # "avec", "CV": no name there
            if all(
                w.upper() in lexicon.ACRONYMS
                or w.casefold() in _SERVICE_WORDS
                or w.casefold() in lexicon.NOT_NAMES
                for w in words
            ):
                continue  # "l'école de la République", "l'entreprise France Travail"
            if (kind == "school" or name.islower()) and all(
                ner.net().is_word(w) and w.casefold() not in lexicon.FIRST_NAMES for w in words
            ):
                continue  # "l'institut National", "garage fermé": words, not a person's name
            add(m.start("name"), m.end("name"), kind)
    for m in HYPHENATED_SCHOOL.finditer(text):
        first = m.group("first")
        if (first.casefold() in lexicon.FIRST_NAMES or first_names().folded_has(first)) and (
            first.casefold() not in lexicon.COMMON_WORDS
        ):
            add(m.start("name"), m.end("name"), "school")
    _last_line_signature(text, add)
    _closing_signature(text, add)
    if upper_story:
        _upper_signature(text, add)
    _named_people(text, add, upper_story)
    _find_people(text, upper_story, add)
    _accent_variants(text, found, add)
    return found


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    ).casefold()


_WORD = re.compile(rf"(?<![\w'’-])[{_UP}][{_LOW}{_UP}'’-]{{3,}}(?![\w-])")


def _accent_variants(text: str, found: list[Finding], emit: Emit) -> None:
    """A name found, written elsewhere with other accents ("Wiśniewska" and « Wisniewska »,
    "Ayşe" and "Ayse"): the same name. Only a capitalised word that no dictionary knows."""
    names: dict[str, set[str]] = {}
    for f in found:
        if f.kind == "person":
            for w in _WORD.finditer(text[f.start : f.end]):
                if len(w.group()) >= 5:
                    names.setdefault(_fold(w.group()), set()).add(w.group())
    if not names:
        return
    covered = [(f.start, f.end) for f in found]
    for m in _WORD.finditer(text):
        word = m.group()
        spellings = names.get(_fold(word))
        if (
            spellings
            and word not in spellings
            and not any(s <= m.start() and m.end() <= e for s, e in covered)
            and not ner.net().is_word(word)
        ):
            emit(m.start(), m.end(), "person")


Emit = Callable[..., None]

#: A closing line that is a signature: one to four capitalised words, or known first names.
_SIGNATURE = re.compile(
    rf"\n[ \t]*(?:[-–—][ \t]*)?(?P<name>[{_UP}][{_LOW}'’-]+\.?(?:[ \t]+[{_UP}][\w'’.-]*){{0,3}})[ \t.]*$"
)


_ARTICLES = frozenset({"les", "le", "la", "des", "du", "de", "d'", "d’"})
#: Words that introduce the name of a residence, an estate or a hamlet in an address.
_ESTATE = re.compile(
    r"(?i:\b(?:résidence|residence|rés\.?|res\.?|lotissement|lot\.|hameau|lieu-dit|lieudit|cité|cite|clos|"
    r"domaine|quartier|impasse|allée|allee|chemin|village)\s+)"
    r"(?P<name>(?:(?:les|le|la|du|des|de la|de|d['’])\s*)?[a-zà-ÿ'’-]{3,}(?:\s+[a-zà-ÿ'’-]{3,})?)"
)


def _lowercase_places(text: str, emit: Emit) -> None:
    """ "résidence les tilleuls", "le clos fleuri", "quartier cavani sud": an estate's name in a
    story typed in lower case (capitalised ones are found by `BUILDING` and the model)."""
    for m in _ESTATE.finditer(text):
        words = m.group("name").split()
        if words[0].casefold() in _FUNCTION_WORDS and words[0].casefold() not in _ARTICLES:
            continue  # "allée sur le site", "chemin de fer": no estate named there
        head = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
        if not head or head[0].casefold() in lexicon.COMMON_WORDS:
            continue
        if len(head) > 1 and (
            head[1].casefold() in _FUNCTION_WORDS or head[1] in lexicon.COMMON_WORDS
        ):
            words = words[: words.index(head[1])]
        if m.group(0)[:1].isupper() and not words[-1][:1].islower():
            continue
        if not all(w.islower() for w in words):
            continue
        named = words[0].casefold() in _ARTICLES
        if ner.net().is_word(head[0]) and not named:
            continue  # "résidence principale", "quartier nord": ordinary words, no name
        end = m.start("name") + len(" ".join(words))
        emit(m.start(), end, "address")


#: The last line of a story typed in capitals: "SIGNE : HENRI CELESTINE", "BIEN A VOUS, MARIE".
_UPPER_SIGNATURE = re.compile(
    r"(?:\n|[.!][ \t]+)[ \t]*(?:(?:SIGNÉE?|SIGNEE?|BIEN (?:À|A) VOUS|CORDIALEMENT|MERCI|SALUTATIONS|"
    r"RESPECTUEUSEMENT)[ \t]*[,:.]?[ \t]*)?"
    r"(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]*){0,3})[ \t.]*$"
)


def _upper_signature(text: str, emit: Emit) -> None:
    """A shouted story's last line, when it starts with a first name, is a signature."""
    m = _UPPER_SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").split()
    if not any(first_names().folded_has(part) for part in re.split(r"[-'’]", words[0]) if part):
        return
    emit(m.start("name"), m.end("name"), "person")


#: A letter's closing formula, and the name on the line after it (a signature block may go on
#: with an address, a phone or an email: the name is still the first line).
_CLOSING_THEN_NAME = re.compile(
    r"(?i:salutations(?:\s+\w+)?|cordialement|bien\s+(?:à|a)\s+vous|respectueusement|"
    r"sentiments\s+\w+|considération(?:\s+\w+)?|merci\s+d'avance|remerciements)\s*[.!,]?"
    rf"[ \t]*\n+[ \t]*(?P<name>[{_UP}](?:[{_LOW}'’-]+\.?|\.)(?:[ \t]+(?:[{_UP}][\w'’.-]*|de|du|des|de la|van|von|da|le|la|ben|el)){{0,4}})[ \t]*$",
    re.MULTILINE,
)


#: "Cordialement, Y. Guerrier, SIP de Metz": an initial and a name after a closing word.
_CLOSING_INITIAL = re.compile(
    r"(?i:cordialement|bien\s+(?:à|a)\s+vous|salutations(?:\s+\w+)?|signé|signe)\s*[,:]?\s*"
    rf"(?P<name>[{_UP}]\.\s?[{_UP}][{_LOW}'’-]+(?:[- ][{_UP}][{_LOW}'’-]+)?)"
)
#: "KÉVIN M.", "Julie D.": a known first name and an initial.
_FIRST_AND_INITIAL = re.compile(
    rf"(?<![\w'’-])(?P<first>[{_UP}][{_LOW}{_UP}]+(?:-[{_UP}][{_LOW}{_UP}]+)?)\s+[{_UP}]\.(?!\w)"
)


def _closing_signature(text: str, emit: Emit) -> None:
    for m in _CLOSING_INITIAL.finditer(text):
        emit(m.start("name"), m.end("name"), "person")
    for m in _FIRST_AND_INITIAL.finditer(text):
        first = m.group("first")
        if first_names().folded_has(first) and first.casefold() not in _FUNCTION_WORDS:
            emit(m.start(), m.end(), "person")
    for m in _CLOSING_THEN_NAME.finditer(text):
        words = [w for w in m.group("name").replace(".", " ").split() if len(w) > 1]
        if not words:  # initials only
            continue
        if words[0].casefold() in _GREETINGS or words[0].casefold() in lexicon.COMMON_WORDS:
            continue
        if words[0].casefold() in lexicon.NOT_NAMES or words[0].upper() in lexicon.ACRONYMS:
            continue
        emit(m.start("name"), m.end("name"), "person")


#: A last line typed in lower case: a first name, maybe a surname ("patrick vasseur").
_LOWER_SIGNATURE = re.compile(
    rf"(?:^|\n)[ \t]*(?P<first>[{_LOW}]+(?:-[{_LOW}]+)?)(?:[ \t]+(?P<last>[{_LOW}'’-]{{2,}}))?[ \t]*\Z"
)


def _last_line_signature(text: str, emit: Emit) -> None:
    """The last line of a story, when it is a name ("…\nJean-Marc Lefebvre"), is a signature."""
    lower = _LOWER_SIGNATURE.search(text.rstrip())
    if lower and first_names().folded_has(lower.group("first")):
        last = lower.group("last")
        if last is None or last.casefold() not in _FUNCTION_WORDS:
            emit(lower.start("first"), lower.end(), "person")  # "…\npatrick vasseur"
            return
    m = _SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").replace(".", " ").split()
    if any(w.casefold() in lexicon.COMMON_WORDS or w.casefold() in _GREETINGS for w in words):
        return
    if any(w.casefold() in lexicon.NOT_NAMES for w in words[:1]):
        return
    emit(m.start("name"), m.end("name"), "person")


#: A child's first name around a birth: "naissance de jules", "jules est né début août".
BIRTH_NAME = re.compile(
    r"(?i:naissance|bapt[eê]me|anniversaire|arrivée|arrivee)\s+(?:de\s+|d['’]\s*)(?P<a>[^\W\d_][\w-]{2,})|"
    r"(?<![\w'’])(?P<b>[^\W\d_][\w-]{2,})\s+(?:est|était|etait)\s+n[ée]e?s?(?!\w)"
)
#: A name given as such: "déclaré sous le nom de Kowalczik au lieu de Kowalczyk".
NAMED_AS = re.compile(
    r"(?i:(?:sous le|au|à mon|a mon|à son|a son) nom d[e'’]|"
    r"nom de (?:famille|naissance|jeune fille|mariage|mon (?:mari|père|pere))|"
    r"nom d['’]usage|nom de famille est|s['’]appelle|s['’]appelait|prénommée?|prenommee?)\s*:?\s*"
    rf"(?P<name>[{_UP}][\w'’-]+)(?:\s+(?i:au lieu de|et non|et pas|ou)\s+(?P<other>[{_UP}][\w'’-]+))?"
)


#: A sentence about how a name is written: every quoted or capitalised word in it after "nom".
_NAME_SENTENCE = re.compile(
    r"(?i:\b(?:mon|notre|son|leur|votre|le|du|ce|mes|ses)\s+(?:pré)?noms?"
    r"(?:\s+de\s+(?:famille|naissance|jeune fille)|\s+d['’]usage)?\b|"
    r"\b(?:passeport|acte|attestation|carte|titre|APS|récépissé|fichier|dossier|pièces?)"
    r"[^.!?\n]{0,40}?\b(?:indique|indiquait|porte|portent|portait|écrit|écrivait|mentionne|"
    r"mentionnait)\b|"
    r"\b(?:écrivai(?:t|ent)|ecrivai(?:t|ent)|orthographiai(?:t|ent))\s+(?=(?-i:[«\"A-ZÀ-Ý]))|"
    r"\bs['’ ]?(?:é|e)cri(?:t|vait)\s+(?=(?-i:[«\"A-ZÀ-Ý]))|"
    r"\benregistrée?s?\s+(?:sous|comme)\b|\bsaisie?\s+(?=(?-i:[A-ZÀ-Ý])))"
    r"(?P<rest>(?:[^.!?\n)]|(?<=\w)[?�](?=\w)){0,160})"
)
_INSTEAD_OF = re.compile(r"(?i:\bau lieu de|\bet non|\bet pas|\bplutôt que)\s*[«\"'“]?\s*$")
_NAME_IN_SENTENCE = re.compile(
    rf"(?<![\w-])(?<!\w['’])[{_UP}](?:[{_LOW}{_UP}-]|['’?�](?=[{_LOW}{_UP}])){{2,}}(?![\w-])(?!['’]\w)"
)
_SPELLING = re.compile(
    r"(?i:orthographi|écrit|ecrit|au lieu de|sans accent|avec (?:un )?accent|tréma|trema|faute|"
    r"erreur|translitt|cédille|cedille|virgule|enregistr|saisi|indiqu|\bport(?:e|ent|ait)\b|«|\"|"
    r"(?-i:\b[A-ZÀ-Ý]{3,}\b))"
)


#: A name typed in lower case in a sentence about its spelling: quoted, or after "au lieu de".
_LOWER_SPELLED = re.compile(
    r"['‘’«\"]\s*(?P<q>[a-zà-ÿ][\w-]{2,})\s*['’»\"]|\bau lieu de\s+(?P<l>[a-zà-ÿ][\w-]{2,})"
)
#: "un grand blond qui s appelait moreau": a name, typed in any case.
CALLED = re.compile(
    r"(?i:\bs['’ ]?appel(?:le|ait|lent|aient)|\bprénommée?|\bprenommee?|\bnommée?|\bnommee)"
    r"\s+(?P<name>[^\W\d_][\w'’-]{2,})"
)


#: Children or relatives listed by name: "mes deux enfants, Maël et Lison".
LISTED_RELATIVES = re.compile(
    r"(?i:\b(?:mes|nos|ses|leurs)\s+(?:deux\s+|trois\s+|quatre\s+|cinq\s+)?"
    r"(?:enfants|fils|filles|petits-enfants|petites-filles|petits-fils|jumeaux|jumelles|parents))"
    rf"\s*[,:(]?\s*(?P<names>[{_UP}][\w'’-]+(?:\s*,\s*[{_UP}][\w'’-]+)*\s+(?:et|&)\s+[{_UP}][\w'’-]+)"
)
#: A nickname and the name it stands for: "titi (christelle da silva de son vrai nom)".
TRUE_NAME = re.compile(
    r"(?P<nick>[^\W\d_][\w'’-]{1,30})\s*\((?P<name>[^()\n]{3,60}?)\s+de son (?:vrai )?nom\)",
    re.IGNORECASE,
)


#: A name read on a badge: "Bonheur sur son badge", "son badge indiquait « Mme Rose »".
BADGE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<a>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)\s+(?:(?:écrit|ecrit|inscrit|marqué|marque)\s+)?"
    r"sur (?:son|sa|le|leur) (?:badge|étiquette|etiquette|plaque)|"
    r"(?i:\bbadge)\s*(?:(?i:indiquait|indique|disait|portait|affichait|marqué|marque)|:)\s*[«\"'“]?\s*"
    rf"(?:{lexicon.TITLES}\s+)?(?P<b>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)"
)


#: "chez les de La Roche", "les Le Goff": a family named by its particled surname.
FAMILY_NAME = re.compile(
    rf"\b(?i:les|des|chez les)\s+(?P<name>(?i:de la|de|du|des|le|la|van|da|ben|el)\s+"
    rf"(?:(?i:la|le)\s+)?[{_UP}][{_LOW}'’-]+)"
)


#: In capitals, "UNE CONSEILLÈRE CPAM, SOPHIE, QUI…": a first name set between commas after a
#: role (only a known first name: in capitals every word looks like a name).
_UPPER_APPOSITIVE = re.compile(
    rf"(?i:\b(?:{_ROLE_ALT}))[^.,;!?\n]{{0,60}},\s*(?P<name>[{_UP}][{_UP}-]+)\s*,"
)


def _named_people(text: str, emit: Emit, upper_story: bool = False) -> None:
    if upper_story:
        for m in _UPPER_APPOSITIVE.finditer(text):
            name = m.group("name")
            if first_names().folded_has(name) and name.casefold() not in lexicon.COMMON_WORDS:
                emit(m.start("name"), m.end("name"), "person")
    for m in FAMILY_NAME.finditer(text):
        last = m.group("name").split()[-1]
        if not _a_service(last):
            emit(m.start("name"), m.end("name"), "person")  # "les de La Roche": a family
    for m in BADGE_NAME.finditer(text):
        group = "a" if m.group("a") else "b"
        if m.group(group).casefold() not in _FUNCTION_WORDS and not _a_service(m.group(group)):
            emit(m.start(group), m.end(group), "person")
    for m in LISTED_RELATIVES.finditer(text):
        for w in re.finditer(rf"[{_UP}][\w'’-]+", m.group("names")):
            word = w.group()
            if not _a_service(word) and word.casefold() not in _FILLERS:  # "Lison" is a town too
                emit(m.start("names") + w.start(), m.start("names") + w.end(), "person")
    for m in TRUE_NAME.finditer(text):
        if m.group("nick").casefold() not in _FUNCTION_WORDS:
            emit(m.start("nick"), m.end("nick"), "person")
        emit(m.start("name"), m.end("name"), "person")
    names = first_names()
    for m in BIRTH_NAME.finditer(text):
        group = "a" if m.group("a") else "b"
        word = m.group(group)
        unknown_capital = (
            group == "a"
            and word[:1].isupper()
            and not ner.net().is_word(word)
            and word not in places()
            and not _a_service(word)
        )
        if (names.folded_has(word) or unknown_capital) and (
            word.casefold() not in _FUNCTION_WORDS
            and not (group == "b" and word.casefold() in lexicon.COMMON_WORDS)
        ):
            emit(m.start(group), m.end(group), "person")
    for m in _NAME_SENTENCE.finditer(text):
        rest = m.group("rest")
        if not _SPELLING.search(m.group(0)):
            continue  # "mon nom figure sur…": no name written out
        for w in _NAME_IN_SENTENCE.finditer(rest):
            word = w.group()
            first = not rest[: w.start()].strip(" «\"'’:")  # the very word the sentence spells
            # "« Ayse » au lieu de Ayşe": both sides are spellings of the name, towns or not
            first = first or bool(_INSTEAD_OF.search(rest[: w.start()]))
            bare = re.sub(r"^[A-Za-zÀ-ÿ]['’]", "", word)  # "L'ACCENT": the word after the elision
            if upper_story and ner.net().is_word(bare) and not names.folded_has(bare):
                continue  # in capitals, "ORTHOGRAPHIÉ", "FICHIER" are words, not names
            if (
                (first or word not in places())
                and word.upper() not in lexicon.ACRONYMS
                and not (word.isupper() and len(word) <= 4)  # "APS", "CAF": an acronym
                and word.casefold() not in _FUNCTION_WORDS
                and word.casefold() not in _FILLERS
            ):
                emit(m.start("rest") + w.start(), m.start("rest") + w.end(), "person")
    for m in CALLED.finditer(text):
        word = m.group("name")
        low = word.casefold()
        if low not in _FUNCTION_WORDS and low not in lexicon.COMMON_WORDS and low not in _FILLERS:
            emit(m.start("name"), m.end("name"), "person")
    for m in _NAME_SENTENCE.finditer(text):
        if not _SPELLING.search(m.group(0)):
            continue
        for w in _LOWER_SPELLED.finditer(m.group("rest")):
            group = "q" if w.group("q") else "l"
            word = w.group(group)
            if word not in _FUNCTION_WORDS and not _a_service(word):
                emit(m.start("rest") + w.start(group), m.start("rest") + w.end(group), "person")
    for m in NAMED_AS.finditer(text):
        for group in ("name", "other"):
            word = m.group(group)
            if (
                word
                and word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _SERVICE_WORDS
                and word.casefold() not in _FUNCTION_WORDS
            ):
                emit(m.start(group), m.end(group), "person")


#: Offices a civility may precede instead of a name: "M. LE MAIRE", "MME LA PRÉFÈTE".
_OFFICES = frozenset(
    "maire préfet prefet préfète prefete juge docteur docteure adjoint adjointe président "
    "president présidente presidente ministre député depute députée deputee sénateur senateur "
    "sénatrice senatrice directeur directrice recteur rectrice".split()
)


def _find_people(text: str, upper_story: bool, emit: Emit) -> None:
    for m in ROLE_NAME.finditer(text):
        lead = (m.group("name").split() or [""])[0]
        lead_end = m.start("name") + len(lead)
        # "Le conseiller, Noël, a tout repris": a capitalised word set between commas after a
        # role is the person's name, ordinary word or not.
        appositive = (
            (not upper_story or first_names().folded_has(lead))
            and "," in m.group("sep")
            and lead[:1].isupper()
            and text[lead_end : lead_end + 1] == ","
            and lead.casefold() not in _FUNCTION_WORDS
            and lead.casefold() not in _FILLERS
            and lead.upper() not in lexicon.ACRONYMS
        )
        if appositive:
            name = lead
        else:
            name = _cut_name(m.group("name"), lowercase_ok=False)
            if not name or not _name_is_plausible(name, upper_story, titled=True):
                continue
        if not appositive and (name in places() or _a_service(name.split()[0])):
            continue  # "ma conseillère de France Travail Landerneau": a town, a service
        if not appositive and any(
            w.upper() in lexicon.ACRONYMS or _a_service(w) for w in name.split()[1:]
        ):
            continue  # "UNE AGENTE DU CROUS DE NORMANDIE": the service, no name
        role = m.group("role") + m.group("qual")
        det = (m.group("det") or "").strip().lower()
        feminine = m.group("role") in lexicon.FEMININE_ROLES or det in (
            "la",
            "une",
            "ma",
            "sa",
            "cette",
        )
        end = m.start("name") + len(name)
        if appositive:
            end += 1  # "Le conseiller, Noël, a dit" → "Un conseiller a dit"
        if det in ("", "l'", "l’", "le", "la", "cette", "ce", "un", "une"):
            article = "une" if feminine else "un"
            start = m.start()
            replacement = f"{article} {role}"
            if m.start() > 0 and text[m.start() - 1] == "'" and det == "":
                start = m.start()
            # "à l'agent X" → "à un agent"; keep the sentence's capital letter.
            if text[start : start + 1].isupper() and start == _sentence_start(text, start):
                replacement = replacement[0].upper() + replacement[1:]
            emit(start, end, "person", replacement)
        else:  # "mon conseiller Jean" → "mon conseiller"
            if not appositive and text[end : end + 1] == "," and "," in m.group("sep"):
                end += 1  # "mon conseiller, Jean, a dit" → "mon conseiller a dit"
            emit(m.start("sep"), end, "person", "")
    patterns: tuple[tuple[re.Pattern[str], bool, bool | str], ...] = (
        (TITLE_NAME, True, True),
        (SELF_NAME, True, "self"),
        (RELATIVE_NAME, False, "capital"),  # "mon mari Noël": a capital after a relative
    )
    if upper_story:  # "MON PETIT-FILS YANIS": a first name after a relative, in capitals
        for m in UPPER_RELATIVE_NAME.finditer(text):
            word = m.group("name")
            # after a relative, a first name wins over the word it also is ("OCEANE")
            if first_names().folded_has(word) and word.casefold() not in lexicon.COMMON_WORDS:
                emit(m.start("name"), m.end("name"), "person")
    for pattern, lowercase_ok, strong in patterns:
        if upper_story and pattern is RELATIVE_NAME:
            continue  # capitals say nothing: only a first name, above
        for m in pattern.finditer(text):
            name = _cut_name(m.group("name"), lowercase_ok=lowercase_ok, strong=strong)
            lead = name.split()[0] if name else ""
            if (
                upper_story
                and name
                and all(
                    w.casefold() in _FILLERS
                    or w.casefold() in _FUNCTION_WORDS
                    or w.casefold() in _OFFICES
                    for w in name.split()
                )
            ):
                continue  # "MME LA DIRECTRICE", "M. LE MAIRE": a role, no name
            # "Mme Petit", "mon mari Noël": the context says it is a name, ordinary word or not.
            forced = bool(lead) and (strong is True or (strong == "capital" and lead[:1].isupper()))
            # A civility names someone in a shouted story too ("MME NOËL"); a capital after a
            # relative says nothing there.
            if name and (
                (
                    forced
                    and (
                        not upper_story
                        or (
                            strong is True
                            and lead.casefold() not in _FUNCTION_WORDS
                            and lead.casefold() not in _FILLERS
                        )
                    )
                )
                or _name_is_plausible(name, upper_story, titled=True)
            ):
                emit(m.start("name"), m.start("name") + len(name), "person")
    for m in SELF_CAPITALISED.finditer(text):
        name = _trim_name(m.group("name"))
        if (
            name
            and _name_is_plausible(name, upper_story)
            and (name.split()[0].lower() in lexicon.FIRST_NAMES or len(name.split()) >= 2)
        ):
            emit(m.start("name"), m.start("name") + len(name), "person")
    for m in LOWER_FIRST_NAME.finditer(text):
        word = m.group().lower()
        curated = word in lexicon.FIRST_NAMES and word not in lexicon.AMBIGUOUS_FIRST_NAMES
        # Typed without accents or from another language ("ines", "jerome", "moussa"): a first
        # name of the wide list that is no French word either.
        wide = (
            len(word) > 3
            and first_names().folded_has(word)
            and not ner.net().is_word(word)
            and word not in _FUNCTION_WORDS
            and word not in lexicon.COMMON_WORDS
            and word not in _SERVICE_WORDS
            and word not in places()
        )
        if (curated or wide) and not _PLACE_WORD_BEFORE.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            emit(m.start(), m.end(), "person")
    for m in CAPITALISED.finditer(text):
        word = m.group()
        lower = word.lower()
        known = lower in lexicon.FIRST_NAMES or (
            word in first_names()
            and not ner.net().is_word(word)
            and word not in places()
            and word.upper() not in lexicon.ACRONYMS
            and lower not in _SERVICE_WORDS
        )
        compound_place = "-" in word and word in places()  # "Saint-Pierre", not "Anaïs"
        if known and not (upper_story and word.isupper()) and not compound_place:
            end = m.end()
            after = _SURNAME_AFTER_FIRST.match(text, end)
            if (
                after
                and after.group(1).lower() not in lexicon.NOT_NAMES
                and after.group(1).upper() not in lexicon.ACRONYMS
            ):
                end = after.end()
            emit(m.start(), end, "person")
        elif (
            not upper_story
            and word.isupper()
            and len(word) >= 3
            and word not in lexicon.ACRONYMS
            and lower not in lexicon.NOT_NAMES
            and (first := _NEXT_FIRST_NAME.match(text, m.end()))
            and first.group(1) in first_names()
        ):
            emit(m.start(), first.end(), "person")  # "DUPONT Jean"


def _sentence_start(text: str, index: int) -> int:
    j = index
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return index if j == 0 or text[j - 1] in ".!?\n" else -1


def _resolve(found: list[Finding]) -> list[Finding]:
    """Keep the widest of overlapping findings (a role rewrite beats the bare name inside it)."""
    ordered = sorted(found, key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Finding] = []
    for f in ordered:
        if out and f.start < out[-1].end:
            last = out[-1]
            if f.end > last.end:  # overlapping tails: extend the first, keep its kind
                out[-1] = Finding(last.start, f.end, last.kind, last.replacement)
            continue
        out.append(f)
    return out


def redact(text: str) -> str:
    """`text` with every finding replaced by its placeholder."""
    out: list[str] = []
    cursor = 0
    for f in find(text):
        out.append(text[cursor : f.start])
        out.append(f.replacement)
        cursor = f.end
    out.append(text[cursor:])
    return "".join(out)


@dataclass(frozen=True)
class Risk:
    """A span that may be personal data and that no net could explain: a person should look."""

    start: int
    end: int
    kind: str  # unknown_name, unlabelled_number
    weight: float


@dataclass(frozen=True)
class Assessment:
    findings: list[Finding]
    risks: list[Risk]

    @property
    def risk(self) -> float:
        return sum(r.weight for r in self.risks)


_LEADING_TITLE = re.compile(
    rf"^(?:(?:{lexicon.TITLES}|(?i:madame|monsieur|mademoiselle|docteure?|maître|mme|mlle|m\.|dr\.?))\s+)+"
)
_GREETINGS = frozenset(
    {"bonjour", "bonsoir", "merci", "cordialement", "salut", "madame", "monsieur", "bref", "voilà"}
    | {"mme", "mlle", "mr", "dr", "me", "pr", "mm", "mmes", "docteur", "docteure", "maître"}
    # what people writing French as a second language greet and thank with
    | {
        "hello",
        "hi",
        "thanks",
        "thank",
        "please",
        "olá",
        "ola",
        "obrigado",
        "obrigada",
        "buenos",
        "buenas",
        "gracias",
        "hola",
        "salam",
        "salaam",
        "merhaba",
        "danke",
        "ciao",
        "grazie",
    }
)
#: Words of organisations and procedures: never a person, whatever the model says.
_SERVICE_WORDS = frozenset(
    w.casefold()
    for w in (
        "CAF CPAM MSA URSSAF ANTS DGFiP Crous Carsat CNAV France Travail Pôle Emploi Services "
        "Préfecture Sous-Préfecture Mairie Ameli Vitale Carte Assurance Maladie Retraite Sécurité "
        "Sociale FranceConnect Impots Impôts Finances Publiques Trésor Public Agence Caisse Centre "
        "Espace Service Public APL RSA AAH Prime Activité Cerfa Allocations Familiales Agirc Arrco "
        "Internet Messagerie Visio Covid Noël Pâques Toussaint Janvier Février Mars Avril Mai Juin "
        "Juillet Août Septembre Octobre Novembre Décembre Lundi Mardi Mercredi Jeudi Vendredi "
        "Samedi Dimanche Pajemploi Assedic Assédic ASSEDIC Erasmus Parcoursup Affelnet Ameli Cesu "
        "Chorus Legifrance Ants Doctolib Netentreprises Franceconnect Mesdroitssociaux Dsn Prefon "
        "Unédic Unedic Cnaf Cnam Cnav Anah MaPrimeRénov MaPrimeRenov Agirc-Arrco Carsat Ircantec "
        "Cnracl Sécu Secu Colissimo Chronopost SNCF RATP Ouigo EDF Engie Orange SFR Bouygues Free "
        "Amazon Leboncoin Doctolib Uber Lydia Paypal Natali NATALI Ladom LADOM Visale MesServices "
        "ANEF Anef Instagram Insta Facebook TikTok Tiktok WhatsApp Whatsapp Twitter Snapchat "
        "LinkedIn Linkedin YouTube Youtube Google Gmail Hotmail Outlook Yahoo Telegram Messenger "
        "Signal Twingo Clio Renault Peugeot Citroën Citroen Toyota Dacia Volkswagen"
    ).split()
)
#: Words a model may glue to a name: relatives, roles, determiners.
_FILLERS = frozenset(
    [r.casefold() for r in lexicon.RELATIVES]
    + [r.casefold() for r in lexicon.ROLES]
    + "mon ma mes son sa ses notre votre leur le la les un une l d de du des cette ce".split()
)
_ADDRESS_CONTEXT = re.compile(
    r"(?i:résidence|residence|hameau|lieu-dit|lieudit|lotissement|lot\.|cité|quartier|domaine|"
    r"villa|(?<!est )(?<!était )(?<!etait )(?<!déjà )(?<!deja )(?<!sont )clos|bâtiment|batiment)"
    r"\s+(?:(?:de|du|des|d['’]|les|le|la)\s*)?$"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n…]|^\s*-)\s*$")
_CAPITAL_WORD = re.compile(rf"(?<![\w'’@.-])[{_UP}][{_LOW}{_UP}'’-]{{2,}}(?![\w@])")
_LONG_NUMBER = re.compile(r"(?<![\w])\d(?:[ .-]?\d){5,}(?![\w])")


def _at_sentence_start(text: str, index: int) -> bool:
    return _SENTENCE_END.search(text[max(0, index - 4) : index]) is not None or index == 0


def _person_from_entity(text: str, e: ner.Entity, upper_story: bool) -> tuple[int, int] | None:
    """The span of a name the model saw, or None when the rules say it is not a person."""
    start, end = e.start, e.end
    if "\n" in text[start:end]:  # a title and the first line glued: keep the longer side
        cut = start + text[start:end].index("\n")
        start, end = (start, cut) if cut - start >= end - cut - 1 else (cut + 1, end)
    title = _LEADING_TITLE.match(text[start:end])
    if title:
        start += title.end()
    net = ner.net()
    words = [(m.start() + start, m.group()) for m in re.finditer(r"[^\s,;:]+", text[start:end])]

    def filler(word: str) -> bool:
        low = word.casefold().strip(".'’")
        return (
            low in lexicon.NOT_NAMES
            or low in lexicon.COMMON_WORDS
            or low in _FILLERS
            or low in _GREETINGS
            or (not word[:1].isupper() and net.is_word(low) and low not in lexicon.FIRST_NAMES)
        )

    while words and filler(words[0][1]):  # "Mon mari Roger", "Ma mère", "le conseiller kevin"
        words.pop(0)
    while words and filler(words[-1][1]):
        words.pop()
    if not words:
        return None
    start, end = words[0][0], words[-1][0] + len(words[-1][1])
    names = [w for _, w in words]
    folded = [w.casefold() for w in names]
    if any(any(c.isdigit() for c in w) for w in names):
        return None  # "S3705": a form, not a person
    if (
        len(names) == 1
        and names[0].isupper()
        and len(names[0]) <= 5
        and folded[0] not in lexicon.FIRST_NAMES
    ):
        return None  # "CGSS", "DSDEN": an acronym our list lacks
    if "-" in text[start:end] and text[start:end] in places():
        return None  # "Saint-Pierre", "Villeneuve-Saint-Georges": a town
    if (
        not title
        and all(
            w in places() or w.upper() in lexicon.ACRONYMS or f in _SERVICE_WORDS
            for w, f in zip(names, folded, strict=True)
        )
        and not any(f in first_names() for f in folded)
    ):
        return None  # "cour d'appel de Metz", "France Travail Annemasse": a service and its town
    if _PLACE_WORD_BEFORE.search(text[max(0, start - 40) : start]):
        return None  # "gare Saint-Charles", "centre François-Baclesse", "CAF de Metz"
    if not any(w[:1].isupper() for w in names) and not any(
        w in first_names() or (not net.is_word(w) and 2 < len(w) <= 14 and w.isalpha())
        for w in (p for n in folded for p in n.split("-"))
    ):
        return None  # lower case: a name the model sees must be a first name or no French word
    if any(
        (w in lexicon.FIRST_NAMES and w not in lexicon.AMBIGUOUS_FIRST_NAMES)
        or (w in first_names() and not net.is_word(w))
        for w in folded
    ):
        return start, end
    if all(w.upper() in lexicon.ACRONYMS or w in _SERVICE_WORDS for w in folded):
        return None  # "CAF", "Carte Vitale"
    if upper_story:
        return None  # capitals say nothing in a shouted story
    if (
        len(names) >= 3
        and folded[0] in first_names()
        and folded[1] in ("de", "du", "des", "le", "la", "van", "von", "da", "di", "del", "dos")
        and names[-1][:1].isupper()
    ):
        return start, end  # "Hubert de La Roche": a first name and a particle surname
    ordinary = [net.is_word(w) or w in _SERVICE_WORDS for w in folded]
    if all(ordinary) and (
        _at_sentence_start(text, start)
        or len(names) > 1
        or _DETERMINER_BEFORE.search(text[max(0, start - 6) : start])
    ):
        return None  # "Premier loyer", "le Préfet": words, not a name
    return start, end


def _owner_firm(text: str, e: ner.Entity) -> tuple[int, int] | None:
    """The owner's name in a firm named after them ("Da Silva Rénovation" → "Da Silva")."""
    words = list(re.finditer(r"[\w'’-]+", e.text))
    trades = [i for i, w in enumerate(words) if w.group().casefold() in _TRADE_WORDS]
    if not trades or trades[0] == 0:
        return None
    owner = words[: trades[0]]
    if trades[0] > 0 and words[trades[0] - 1].group().casefold() == "france":
        return None  # "France Services", "France Travail": the State's counters, no owner
    if all(
        w.group().upper() in lexicon.ACRONYMS or w.group().casefold() in _SERVICE_WORDS
        for w in owner
    ):
        return None
    if not any(w.group()[:1].isupper() and not ner.net().is_word(w.group()) for w in owner):
        return None
    return e.start + owner[0].start(), e.start + owner[-1].end()


def _statistical(text: str, entities: list[ner.Entity], upper_story: bool, emit: Emit) -> None:
    for e in entities:
        if e.label == "PER":
            span = _person_from_entity(text, e, upper_story)
            if span:
                emit(span[0], span[1], "person")
        elif e.label in ("ORG", "MISC") and (span := _owner_firm(text, e)):
            emit(span[0], span[1], "employer")
        elif (
            e.label in ("LOC", "ORG", "MISC")
            and _ADDRESS_CONTEXT.search(text[max(0, e.start - 30) : e.start])
            and not _a_service(e.text.split()[0])
        ):
            emit(e.start, e.end, "address")  # "résidence Les Tilleuls", "hameau de Kerbrat"


def _a_service(word: str) -> bool:
    """ "Crous", "CAF": a residence or a building of theirs is no one's address."""
    return word.upper() in lexicon.ACRONYMS or word.casefold() in _SERVICE_WORDS


_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:le|la|les|l['’]|du|au|aux|des|ce|cette))\s*$")
#: A surname with an elided particle: "N'Diaye", "O'Brien", "n'diaye" (after « n' » a French
#: word would be a verb: "n'avait").
ELIDED_NAME = re.compile(
    rf"(?<![\w'’])([NnOo]['’](?:[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)*|[{_UP}]{{2,}}|[{_LOW}]{{3,}}))"
    r"(?![\w'’]|\.\w)"
)
#: A name right after these is a place or an institution's name, not a person's.
_PLACE_WORD_BEFORE = re.compile(
    r"(?i:\b(?:gare|rue|avenue|av\.|boulevard|bd|place|quai|pont|centre|hôpital|hopital|clinique|"
    r"chu|ch|église|eglise|stade|parc|square|cours|métro|metro|station|aéroport|aeroport|port|"
    r"saint|sainte|st|ste|caf|cpam|msa|urssaf|carsat|crous|préfecture|prefecture|mairie|agence|"
    r"publiques|publics|tribunal|ville|commune|antenne|maison|espace|services?|caisse|"
    r"département|departement|région|region)(?:\s+(?:de|d['’]|du|des|de la))?\s*|"
    r"\b(?:arrivée?s?|venue?s?|originaires?|en provenance|rentrée?s?|revenue?s?)\s+(?:de|d['’]|du)\s*|"
    r"\b(?:née?s?|vit|vivait|habite|habitait|installée?s?)\s+(?:à|a|au)\s*)$"
)
_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:à|a|au|aux|en|de|d['’]|du|des|sur|vers|près de|depuis|dans|pour|habite|quartier))\s*$"
)


def _explained(text: str, e: ner.Entity, net: ner.StatisticalNet) -> bool:
    """Does the model's label account for the entity? A place after « à », « de »… is a place;
    an organisation or a thing named with some known word is one; a lone unknown word the model
    calls a place or a thing after « par » or « avec » may well be a surname."""
    if e.label == "PER":
        return False
    if e.label == "LOC" and _PLACE_BEFORE.search(text[max(0, e.start - 12) : e.start]):
        return True
    words = re.findall(r"[\w]+", e.text)
    return len(words) > 1 and any(
        net.is_word(w) or w.upper() in lexicon.ACRONYMS or w.casefold() in _SERVICE_WORDS
        for w in words
    )


#: A lower-case word right after words that introduce a person ("la conseillere sadio", "avec
#: mme payet"): when no lexicon knows it, a person should look.
_LOWER_AFTER_CONTEXT = re.compile(
    r"(?<![\w'’])(?:mme|mr|m\.|madame|monsieur|mademoiselle|conseill[eè]re?|agente?|dame|"
    r"monsieur|mari|femme|fils|fille|fr[eè]re|s[oœ]eur|p[eè]re|m[eè]re|cousine?|voisine?|"
    r"avec|chez|par|nom|pr[eé]nom|appelle|appel[eé]e?|sign[eé]e?)\s+"
    r"(?P<word>[a-zà-ÿ][a-zà-ÿ'’-]{3,})(?![\w'’])"
)
#: Words of text messages that no dictionary has.
_SMS_WORDS = frozenset(
    "jsuis chui jpeux jveux jsais jcrois jfais jvais jai jetais javais pcq parce pck psk pk pq "
    "tjrs tjs tt ttes bcp bcp slt cc mdr ptdr stp svp dsl jsp rdv rdvs auj ajd demain cad "
    "ptet peut-etre mtn mnt koi kan kom ke ki quoique tkt vrmt vraiment grave trop ouf".split()
)


def _in_public_figure(text: str, start: int, end: int) -> bool:
    """Is the word part of a public figure's name ("Gérald Darmanin", "la réforme Macron")?"""
    before = re.search(r"(?:[\w'’-]+\s+){0,2}$", text[:start])
    after = re.match(r"(?:\s+[\w'’-]+){0,2}", text[end:])
    window = (before.group() if before else "") + text[start:end] + (after.group() if after else "")
    folded = ner._fold(window.casefold())
    word = ner._fold(text[start:end].casefold())
    return word in lexicon.PUBLIC_FIGURE_SURNAMES or any(
        name in folded and word in name for name in lexicon.PUBLIC_FIGURES
    )


def _place_around(text: str, start: int, end: int) -> bool:
    """Is the word part of a compound place name ("Saint-Roch", "Aix-en-Provence")?"""
    m = re.search(r"[\w'’-]*$", text[:start])
    n = re.match(r"[\w'’-]*", text[end:])
    whole = (m.group() if m else "") + text[start:end] + (n.group() if n else "")
    return whole != text[start:end] and whole in places()


def _risks(
    text: str, found: list[Finding], entities: list[ner.Entity], upper_story: bool
) -> list[Risk]:
    """Spans that look like personal data and that neither net explains."""
    net = ner.net()
    covered = [(f.start, f.end) for f in found] + [
        (e.start, e.end) for e in entities if _explained(text, e, net)
    ]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in covered)

    risks: list[Risk] = []
    if not upper_story:
        for m in _CAPITAL_WORD.finditer(text):
            word = m.group()
            low = word.casefold()
            if (
                inside(m.start(), m.end())
                or word.upper() in lexicon.ACRONYMS
                or word.isupper()
                or low in lexicon.NOT_NAMES
                or low in lexicon.COMMON_WORDS
                or low in _SERVICE_WORDS
                or low in _GREETINGS
                or net.is_word(word)
                or all(net.is_word(part) for part in re.split(r"[-'’]", word) if part)
                or word in places()
                or _place_around(text, m.start(), m.end())
                or _in_public_figure(text, m.start(), m.end())
                or _PLACE_WORD_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            ):
                continue
            # A sentence starts with a capital anyway; but a word no lexicon knows there is as
            # likely a name as anywhere else ("Aminata, l'agente du guichet 4, …").
            risks.append(Risk(m.start(), m.end(), "unknown_name", 1.0))
    for m in _LOWER_AFTER_CONTEXT.finditer(text):
        word = re.split(r"['’]", m.group("word"))[-1]  # "l'espace": the word after the article
        if (
            len(word) < 4
            or inside(m.start("word"), m.end("word"))
            or net.is_word(word)
            or word in _SMS_WORDS
            or word in places()
            or word.casefold() in _SERVICE_WORDS
        ):
            continue
        risks.append(Risk(m.start("word"), m.end("word"), "unknown_name", 1.0))
    if upper_story:  # capitals hide names: any word that is no French word and no place
        for m in _TOKEN.finditer(text):
            word = m.group()
            if (
                len(word) < 3
                or inside(m.start(), m.end())
                or word.casefold() in _GREETINGS
                or word.upper() in lexicon.ACRONYMS
                or word.casefold() in _SERVICE_WORDS
                or net.is_word(word)
                or all(net.is_word(part) for part in re.split(r"[-'’]", word) if part)
                or word in places()
                or _in_public_figure(text, m.start(), m.end())
            ):
                continue
            risks.append(Risk(m.start(), m.end(), "unknown_name", 1.0))
    for m in _LONG_NUMBER.finditer(text):
        if inside(m.start(), m.end()) or _AMOUNT_AFTER.match(text[m.end() :]):
            continue
        raw = m.group()
        if _NUMERIC_DATE.fullmatch(raw) or re.match(r"0\s?8\d", raw):
            continue
        risks.append(Risk(m.start(), m.end(), "unlabelled_number", 1.0))
    return risks


_OFFICE_BEFORE = re.compile(
    r"(?i:\b(?:président|presidente?|ministre|premier ministre|première ministre|député|deputee?|"
    r"sénateur|senatrice|sénatrice|gouvernement|réforme|reforme|loi|candidate?|ancien|ancienne)"
    r"(?:\s+\w+){0,3}\s*)$"
)


#: A role, then at most a civility, right before a name (folded): "l'agent m.", "le dr".
_ROLE_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(ner._fold(r)) for r in lexicon.ROLES), key=len, reverse=True))
    + r"|guichet|dr|docteur|docteure)[ \t,:]+(?:(?:m|mr|mme|mlle|monsieur|madame|dr)\.?[ \t]+)?$"
)


def _public_figure(text: str, f: Finding) -> bool:
    """A politician named in passing: no user, no agent (see `lexicon.PUBLIC_FIGURES`)."""
    if f.kind != "person":
        return False
    name = ner._fold(text[f.start : f.end].casefold()).strip()
    if _ROLE_BEFORE.search(ner._fold(text[max(0, f.start - 40) : f.start].casefold())):
        return False  # "l'agent M. Castex au guichet": an agent who shares a minister's name
    if name in lexicon.PUBLIC_FIGURES:
        return True
    ahead = ner._fold(text[f.start : f.end + 40].casefold())
    if any(ahead.startswith(figure) for figure in lexicon.PUBLIC_FIGURES):
        return True  # "Bruno" of "Bruno Le Maire": the rest is no surname to the rules
    last = name.split(" ", 1)[-1] if " " in name else name
    return last in lexicon.PUBLIC_FIGURE_SURNAMES and (
        name in lexicon.PUBLIC_FIGURE_SURNAMES
        or _OFFICE_BEFORE.search(text[max(0, f.start - 40) : f.start]) is not None
        or name in {ner._fold(n) for n in lexicon.PUBLIC_FIGURES if n.endswith(last)}
    )


_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_ELISION = re.compile(r"(?i:[dlnjm]|qu)['’]")


#: A surname's particle and its capitalised rest after a name: "Hubert| de La Roche".
_PARTICLE_TAIL = re.compile(
    rf"[ \t]+(?:(?:de la|de l['’]|de|du|des|d['’]|van der|van den|van|von|da|das|dos|di|del|della|"
    rf"ben|bin|el|al|ould|le|la)[ \t]+|(?:d['’]|l['’]))(?:(?:La|Le|Les)[ \t]+)?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
)


_NEXT_SHOUTED = re.compile(r"[ \t]+([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])")
_NEXT_CAPITAL = re.compile(rf"[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)(?![\w'’-])")


_LOWER_PARTICLE_TAIL = re.compile(
    r"[ \t]+(?:de la|de|du|des|van der|van|von|da|das|dos|di|del|ben|el|le|la)[ \t]+"
    r"(?P<rest>[a-zà-ÿ]{3,}(?:-[a-zà-ÿ]+)?)(?![\w'’-])"
)


_UPPER_PARTICLE_TAIL = re.compile(
    r"[ \t]+(?:(?P<foreign>VAN DER|VAN DEN|VAN|VON|DA|DAS|DOS|DI|DEL|DELLA|BEN|EL|OULD)|"
    r"DE LA|DE|DU|DES|LE|LA)[ \t]+(?P<rest>[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])"
)


def _with_particles(text: str, found: list[Finding]) -> list[Finding]:
    """A person's span stretched over the particle surname that follows it, unless that is a
    place ("Hubert de La Roche", but "Hubert de Lyon" keeps Lyon)."""
    out = []
    for f in found:
        lower = _LOWER_PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if (
            lower
            and text[f.start : f.end].islower()
            and lower.group("rest") not in _FUNCTION_WORDS
            and lower.group("rest") not in _SERVICE_WORDS
            and lower.group("rest").upper() not in lexicon.ACRONYMS
        ):
            out.append(Finding(f.start, lower.end(), f.kind, f.replacement))
            continue  # "mon mari manuel da costa"
        tail = _PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if tail:
            last = re.findall(r"[\w-]+", tail.group())[-1]
            if (
                last not in places()
                and last.casefold() not in _SERVICE_WORDS
                and (last.upper() not in lexicon.ACRONYMS)
            ):
                out.append(Finding(f.start, tail.end(), f.kind, f.replacement))
                continue
        upper = _UPPER_PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if (
            upper
            and text[f.start : f.end].isupper()
            and upper.group("rest").title() not in places()
            and upper.group("rest") not in lexicon.ACRONYMS
            and not _a_service(upper.group("rest"))
            and (upper.group("foreign") or not ner.net().is_word(upper.group("rest")))
        ):
            out.append(Finding(f.start, upper.end(), f.kind, f.replacement))
            continue  # "HENDRIK VAN DER BERG", "MARIE DE LA ROCHE"
        shout = _NEXT_SHOUTED.match(text, f.end) if f.kind == "person" else None
        if (
            shout
            and text[f.start : f.end].isupper()
            and not ner.net().is_word(shout.group(1))
            and shout.group(1) not in places()
            and shout.group(1) not in lexicon.ACRONYMS
            and not _a_service(shout.group(1))
        ):
            out.append(Finding(f.start, shout.end(), f.kind, f.replacement))
            continue  # "ANTOINE SANTONI"
        nxt = _NEXT_CAPITAL.match(text, f.end) if f.kind == "person" else None
        if nxt and text[f.start : f.end].strip() and text[f.end - 1 : f.end].isalpha():
            word = nxt.group(1)
            last = re.findall(r"[\w'’-]+", text[f.start : f.end])[-1]
            given = last.casefold() in lexicon.FIRST_NAMES or last in first_names()
            if given and (
                word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _FILLERS
                and word.casefold() not in _FUNCTION_WORDS
            ):
                out.append(Finding(f.start, nxt.end(), f.kind, f.replacement))
                continue  # "le Dr Pierre Noël": after a first name, a capital is a surname
            if (
                word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _FILLERS
                and word.casefold() not in _FUNCTION_WORDS
                and (
                    # months take no capital in French: "Trần Mai" is a name
                    re.fullmatch(_MONTHS, word.casefold())
                    or (
                        word.casefold() not in lexicon.NOT_NAMES
                        and word.casefold() not in _SERVICE_WORDS
                    )
                )
            ):
                out.append(Finding(f.start, nxt.end(), f.kind, f.replacement))
                continue  # "ma colocataire Trần Mai": the second word of the name
        out.append(f)
    return out


#: What a name does next in a story: "Petit était…", "petit m'a dit…".
_NAME_VERB = re.compile(
    r"[ \t]+(?:était|etait|est venue?|a été|a ete|m['’ ]a|m['’ ]avait|nous a|nous avait|avait|"
    r"s['’]est|a dit|a vu|a pris|a fait|a appelé|a appele|a répondu|a repondu|a tout|a bien|"
    r"a trouvé|a trouve|a repris|a rappelé|a rappele)(?!\w)"
)


#: "nos enfants hugo et jade", "Hugo et Jade": the first name next to a found one, joined by
#: "et", "ou", "&", is a name too, even when it is also a word.
_AND_NEXT = re.compile(r"[ \t]+(?:et|ou|&)[ \t]+([^\W\d_][\w'’-]{2,})(?![\w'’-])")
_AND_BEFORE = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]{2,})[ \t]+(?:et|ou|&)[ \t]+$")


def _coordinated_names(text: str, found: list[Finding]) -> list[Finding]:
    out = []
    for f in found:
        if f.kind != "person" or " " in text[f.start : f.end].strip():
            continue  # one first name: "hugo et jade" (not "M. Petit et Cie")
        word = text[f.start : f.end]
        if not first_names().folded_has(word):
            continue
        after = _AND_NEXT.match(text, f.end)
        before = _AND_BEFORE.search(text[max(0, f.start - 40) : f.start])
        for m, offset in ((after, 0), (before, max(0, f.start - 40))):
            if m is None:
                continue
            other = m.group(1)
            same_case = other[:1].isupper() == word[:1].isupper()
            if (
                same_case
                and first_names().folded_has(other)
                and other.casefold() not in _FUNCTION_WORDS
                and other.casefold() not in _FILLERS
                and other.upper() not in lexicon.ACRONYMS
            ):
                start = offset + m.start(1)
                out.append(Finding(start, start + len(other), "person", f.replacement))
    return out


#: A last line "Prénom, bénévole." or "KARIMA, SA FILLE": a signature with a role or a tie.
_ROLE_SIGNATURE = re.compile(
    r"(?:\n|[.!?][ \t]+)[ \t]*(?:[-–—][ \t]*)?(?P<name>[^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+)?)"
    r"[ \t]*,[ \t]*(?P<tail>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,4})[ \t.!]*$"
)


def _role_signature(text: str, emit: Emit) -> None:
    m = _ROLE_SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").split()
    first = words[0]
    if (
        not first_names().folded_has(first)
        or first.casefold() in lexicon.COMMON_WORDS
        or first.casefold() in _GREETINGS
        or first.casefold() in _FUNCTION_WORDS
    ):
        return
    end = m.start("name") + len(first)
    if len(words) == 2 and words[1][:1].isupper() and words[1].casefold() not in _FUNCTION_WORDS:
        end = m.end("name")  # "Odile Marchand, bénévole"
    emit(m.start("name"), end, "person")


#: A full name in brackets, "(PIERRE LACOSTE)", "(Pierre Lacoste)", and the nickname before it.
_IN_BRACKETS = re.compile(
    r"(?:(?<![\w'’-])(?P<alias>[^\W\d_][\w'’-]{2,})[ \t]*)?\([ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]+[ \t]+[^\W\d_][\w'’-]+)[ \t]*\)"
)


def _parenthesised_names(text: str, emit: Emit) -> None:
    for m in _IN_BRACKETS.finditer(text):
        first, last = m.group("name").split()
        if not (first_names().folded_has(first) and first.casefold() not in lexicon.COMMON_WORDS):
            continue
        if not last[:1].isupper() or last.upper() in lexicon.ACRONYMS or last in places():
            continue
        emit(m.start("name"), m.end("name"), "person")
        alias = m.group("alias")
        if (
            alias
            and alias[:1].isupper()
            and alias.casefold() not in _FUNCTION_WORDS
            and alias.casefold() not in lexicon.COMMON_WORDS
            and alias.upper() not in lexicon.ACRONYMS
            and not _a_service(alias)
        ):
            emit(m.start("alias"), m.end("alias"), "person")  # "PIERROT (PIERRE LACOSTE)"


def _same_names_elsewhere(text: str, found: list[Finding]) -> list[Finding]:
    """A name found once is a name wherever it stands again ("M. Petit … Petit était…"): every
    other occurrence of its words, when they are no French word or stand capitalised mid-sentence."""
    words: set[str] = set()
    ordinary: set[str] = set()  # names that are words too: "M. Petit"
    net = ner.net()
    for f in found:
        if f.kind != "person":
            continue
        kept = {w.casefold() for w in re.findall(r"[\w'’-]+", f.replacement)}
        for w in re.findall(r"[^\W\d_][\w'’-]{2,}", text[f.start : f.end]):
            low = w.casefold()
            if low in _FUNCTION_WORDS or low in _GREETINGS or low in kept:
                continue  # "une assistante sociale de la CPAM, Mme Blanc": the role stays
            if w.isupper() and w in lexicon.ACRONYMS:
                continue
            if low in lexicon.COMMON_WORDS:
                ordinary.add(low)
            else:
                words.add(low)
                if net.is_word(low):
                    ordinary.add(low)
    if not words and not ordinary:
        return []
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        elided = _ELISION.match(word)
        if elided and word[elided.end() :].casefold() in words:
            out.append(Finding(m.start() + elided.end(), m.end(), "person", PLACEHOLDER["person"]))
            continue  # "celle d'ines", "l'Yasmine"
        low = word.casefold()
        if low in ordinary and (low not in words or not word[:1].isupper()):
            # the word again, doing what people do: "petit etait tres au courant"
            if _NAME_VERB.match(text, m.end()) and (
                _at_sentence_start(text, m.start()) or word[:1].isupper()
            ):
                out.append(Finding(m.start(), m.end(), "person", PLACEHOLDER["person"]))
            continue
        if low not in words:
            continue
        if net.is_word(word) and not word[:1].isupper():
            continue  # "un petit dossier": the ordinary word, not M. Petit
        out.append(Finding(m.start(), m.end(), "person", PLACEHOLDER["person"]))
    return out


def assess(text: str) -> Assessment:
    """Every piece of personal data in `text` (without overlaps, in order), and the spans that
    may be and that nothing explains, both on the author's characters."""
    if not text:
        return Assessment([], [])
    view = Shadow.of(text)
    plain = view.text
    letters = [c for c in plain if c.isalpha()]
    upper_story = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.7
    found = _rules(plain, upper_story)
    entities = ner.net().entities(plain)

    def add(start: int, end: int, kind: str, replacement: str | None = None) -> None:
        found.append(
            Finding(start, end, kind, PLACEHOLDER[kind] if replacement is None else replacement)
        )

    _statistical(plain, entities, upper_story, add)
    _role_signature(plain, add)
    _parenthesised_names(plain, add)
    kept = _with_particles(plain, [f for f in found if not _public_figure(plain, f)])
    kept += _coordinated_names(plain, kept)
    resolved = _resolve(kept + _same_names_elsewhere(plain, kept))
    risks = _risks(plain, resolved, entities, upper_story)
    if view.changed:
        resolved = _resolve(
            [Finding(*view.span(f.start, f.end), f.kind, f.replacement) for f in resolved]
        )
        risks = [Risk(*view.span(r.start, r.end), r.kind, r.weight) for r in risks]
    return Assessment(resolved, risks)


def assess_fields(*texts: str) -> list[Assessment]:
    """`assess` of several fields of one story (a title and its text) in one pass of the model:
    the fields are read as one text, each keeps its own offsets."""
    joined = "\n\n".join(texts)
    whole = assess(joined)
    out: list[Assessment] = []
    start = 0
    for text in texts:
        end = start + len(text)
        findings = [
            Finding(max(f.start, start) - start, min(f.end, end) - start, f.kind, f.replacement)
            for f in whole.findings
            if f.start < end and f.end > start
        ]
        risks = [
            Risk(max(r.start, start) - start, min(r.end, end) - start, r.kind, r.weight)
            for r in whole.risks
            if r.start < end and r.end > start
        ]
        out.append(Assessment(findings, risks))
        start = end + 2
    return out


def warm_up() -> None:
    """Load the model, the vocabulary, the place and first names now (a service's start)."""
    ner.net()
    places()
    first_names()
    assess("Mme Exemple a appelé le 01 23 45 67 89.")


def find(text: str) -> list[Finding]:
    """Every piece of personal data in `text`, without overlaps, in order."""
    return assess(text).findings
