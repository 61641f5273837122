"""What personal data looks like: the patterns of every kind (emails, phones, identifiers,
addresses, dates, plates, employers, schools) and what replaces each kind (`PLACEHOLDER`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


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
    r"(?![\w-])(?!['’]\w)"  # "MORVAN N'A": the elided "N" is no word of a name
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
    rf"(?:\bn[ée](?:e)?\s+le\s+|\bdate\s+de\s+naissance\s*(?:est\s+(?:le\s+)?|:\s*|\(\s*|au\s+|,\s*(?:le\s+)?)?)({DATE})",
    re.IGNORECASE,
)


#: A day and month of birth with no year: "né le 3 février" is still a birthday.
BIRTHDAY = re.compile(
    rf"(?i:\bn[ée]e?s?\s+le\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?!\s+\d)(?![\w])|"
    # an age reached on a day: "fêter ses 90 ans le 3 février", "ses 95 ans, le 8 novembre",
    # "son anniversaire, le 12 mai"
    rf"(?i:(?:\b(?:ses|son|leurs?|mes|mon|tes|ton|nos|vos)\s+\d{{1,3}}\s+ans|anniversaire)"
    rf"[^.\n\d]{{0,12}}?\ble\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?!\s+\d)(?![\w])"
)


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
    # "sa résidence, Les Oliviers": a named residence set off by a comma
    rf"\b(?i:(?:résidence|residence|lotissement|cité|cite|hameau|domaine|villa)\s*,"
    rf"(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}])|"
    rf"résidence|residence|rés\.|bâtiment|batiment|bât\.|appartement|appt\.?|escalier|lotissement|"
    rf"lot\.|cité|cite|hameau|lieu-dit|lieudit|domaine|quartier|villa|clos|impasse|îlet|ilet|"
    rf"(?:chemin|allée|rue|route|avenue|impasse|ruelle|sentier)"
    rf"(?=\s+(?i:des|du|de la|de l['’]|de)\s+[{_UP}])|"
    rf"section(?=\s+[{_UP}][{_LOW}]{{3,}}(?:-[{_UP}][{_LOW}]+)*(?![\w'’-]))|"
    rf"(?:maison de retraite|ehpad|foyer|résidence autonomie|residence autonomie)"
    rf"(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}])|"
    # where someone lives or sleeps, named: "chalet Les Airelles", "péniche le Kenavo",
    # "voilier, le Gros Ventre", "aile B", "pavillon Les Mimosas" of a care home
    rf"chalet|cabane|gîte|gite|mas|bastide|péniche|peniche|mobil-home|mobilhome|caravane|"
    rf"(?:voilier|bateau|catamaran|chalutier|navire)(?:\s*,)?(?=\s+(?i:le|la|les|l['’])\s*[{_UP}])|"
    rf"aile|pavillon|unité|unite)\s+"
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
    r"supérette|superette|traiteur|boutique|château|chateau"
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
    r"(?i:chambre|logement|studio|appartement|appt\.?|apt\.?|emplacement|mobil-home|bungalow)\s+(?i:n°\s*)?[A-Z]?\d{1,4}[A-Z]?|"
    # a care home's wing or floor unit in lower case: "aile des hortensias"
    r"(?i:aile|pavillon|unité|unite)\s+(?:des|du|de la|de l['’])\s*[a-zà-ÿ]{4,}(?<!étage)|"
    r"(?i:case|kaz|maison|villa|lot)\s+(?i:n°\s*)?\d{1,4}(?=\s*[,.;]|\s+(?i:à|a|au|derrière|derriere|près|pres|quartier|"
    r"village|rue|chemin|impasse)\b))(?![\w])"
)


#: A handle named by its network without "@": "insta : zina.kreol974", "mon snap sofiane34".
#: A boat someone lives or works on, by its name: "caseyeur de 9 mètres, le Mor Glaz",
#: "patron pêcheur sur le ker anna", "mon mari pêche sur le ar vag".
BOAT = re.compile(
    r"(?i:(?:bateau|navire|voilier|chalutier|caseyeur|fileyeur|bolincheur|ligneur|palangrier|"
    r"senneur|goélette|goelette|vedette|catamaran)(?:\s+de\s+\d+\s*(?:m|mètres|metres))?\s*,?\s+"
    r"|(?:pêche|peche|pêcheur|pecheur|matelot|marin|embarqué|embarque|mousse)\s+sur\s+)"
    r"(?P<det>(?i:le|la|l['’]))\s*"
    r"(?P<name>[\w’'-]+(?:\s+(?!(?i:au|aux|à|a|de|du|des|en|et|avec|pour|qui|depuis|dans|un|une|"
    r"il|elle|on|je|j['’]|mais|pendant|avant|après|apres)(?![\w'’-]))[\w'’-]+){0,2})"
)


#: A group of a messaging app named in quotes: "le groupe WhatsApp « Tour E Solidarité »".
NAMED_GROUP = re.compile(
    r"(?i:groupe\s+(?:whatsapp|facebook|telegram|signal|messenger|snap(?:chat)?)"
    r"[^«\"“\n.]{0,40}?[«\"“]\s*)(?P<name>[^»\"”\n]{2,40}?)\s*[»\"”]"
)


#: A family named as such: "la famille Fontaine", "LA FAMILLE BONHEUR".
FAMILY_NAME = re.compile(
    r"(?<![\w'’])(?i:famille)\s+(?P<name>(?:(?:de|du|le|la|van|da)\s+)?[A-ZÀ-Ý][\w'’-]+)"
)


#: A profile or a group reached by a link: "t.me/saison_pass", "wa.me/33612…", "instagram.com/lea".
PROFILE_LINK = re.compile(
    r"(?i:(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|wa\.me|instagram\.com|facebook\.com|"
    r"fb\.com|m\.me|tiktok\.com|snapchat\.com/add|twitter\.com|x\.com|linkedin\.com/in|"
    r"youtube\.com)/@?[\w.-]*\w)"
)


NAMED_HANDLE = re.compile(
    r"(?i:\b(?:insta(?:gram)?|facebook|fb|snap(?:chat)?|tiktok|twitter|linkedin|discord|pseudo|"
    r"compte|profil|parrain(?:age)?)\b\s*(?:perso(?:nnel)?\s*|pro\s*)?"
    r"(?:[:/(]|est|c'est|au nom de|sous le nom)?\s*[\"«“']?\s*)"
    r"(?P<handle>(?=[\w.]*(?:\d|_|[a-z]\.[a-z]))[a-z][\w.]{3,29}(?<!\.))(?![\w])"
)


POSTCODE_CITY = re.compile(
    rf"(?<!\d)\d{{5}}\s+[{_UP}][{_LOW}A-Z'’-]+(?:[\s-][{_UP}][{_LOW}A-Z'’-]+){{0,3}}"
)


#: A short number right after a label that only ever names a person's or a file's number:
#: "numéro d'écrou 47 812", "matricule 40518", "n° allocataire : 2204".
SHORT_ID = re.compile(
    r"(?i:(?:num[ée]ro|n°|no\.?)\s+(?:d['’]\s?)?(?:écrou|ecrou|allocataire|adhérent|adherent|"
    r"dossier|détenu|detenu|matricule)|écrou|ecrou|matricule)\s*(?:n°|no\.?|:)?\s*"
    r"(\d(?:[ .]?\d){3,5})(?![\d\w])"
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


Emit = Callable[..., None]
