"""What personal data looks like: the patterns of every kind (emails, phones, identifiers,
addresses, dates, plates; employers and schools are in `workplaces`) and what replaces each kind
(`PLACEHOLDER`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import scan


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


_NAMES = rf"(?:{_NAME})(?:[ \t]+(?:{_NAME})){{0,2}}"


_ANYWORD = (
    rf"(?:[{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?|[{_UP}{_LOW}][{_LOW}'’]*(?:-[{_UP}{_LOW}][{_LOW}]+)?)"
    r"(?![\w-])(?!['’]\w)"  # "MORVAN N'A": the elided "N" is no word of a name
)


#: Up to three words after a strong context (title, "je m'appelle"); `_cut_name` ends the name.
_CTX_NAMES = rf"{_ANYWORD}(?:[ \t]+{_ANYWORD}){{0,2}}"


EMAIL = scan.compile(r"[\w.+-]+ ?@ ?[\w-]+(?: ?\. ?[\w-]+)*\.[a-zA-Z]{2,}", re.UNICODE)


# "jean.dupont(at)free.fr", "jean [at] free [dot] fr", "jean arobase free point fr"
EMAIL_OBFUSCATED = scan.compile(
    r"[\w.+-]+\s?(?:\(at\)|\[at\]|\{at\}|\s(?:at|arr?obase|arr?obas)\s)\s?[\w-]+"
    r"(?:\s?(?:\.|\(dot\)|\[dot\]|\s(?:dot|point)\s)\s?[\w-]+)+",
    re.IGNORECASE,
)


PHONE = scan.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\))?[\s.-]?[1-79]|0[1-79])(?:[\s.-]?\d{2}){4}(?!\d)"
)


IBAN = scan.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?\b")


# Runs of digits with optional single separators, possibly with letters (2A/2B, keys).
NUMBERISH = scan.compile(
    r"(?<![\w-])(?:2[AB]|\d)(?:(?:[ .\-/]|\s*\n\s*)?(?:2[AB]|\d)){5,}(?:[ ]?[A-Z]{1,2})?(?![\w-])"
)


CODE = scan.compile(
    r"(?<![\w-])(?=[A-Z0-9-/]*\d)(?=[A-Z0-9-/]*[A-Z])[A-Z0-9][A-Z0-9\-/]{4,}(?![\w-])"
)


PLATE = scan.compile(r"(?<![\w-])[A-Z]{2}[- ]?\d{3}[- ]?[A-Z]{2}(?![\w-])")


OLD_PLATE = scan.compile(r"(?<![\w-])\d{1,4}[ -]?[A-Z]{1,3}[ -]?(?:\d{2}|2A|2B)(?![\w-])")


_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"


DATE = rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}})"


BIRTH = scan.compile(
    rf"(?:\bn[ée](?:e)?\s+le\s+|\baccouch[ée]e?\s+le\s+|\bdate\s+de\s+naissance\s*(?:est\s+(?:le\s+)?|:\s*|\(\s*|au\s+|,\s*(?:le\s+)?)?)({DATE})",
    re.IGNORECASE,
)


#: A day and month of birth with no year: "né le 3 février" is still a birthday.
#: A day of the month in words.
_SPELLED_DAY = (
    r"premier|1er|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
    r"quinze|seize|dix-sept|dix-huit|dix-neuf|vingt(?:[- ]et[- ]un|-deux|-trois|-quatre|-cinq|"
    r"-six|-sept|-huit|-neuf)?|trente(?:[- ]et[- ]un)?"
)

BIRTHDAY = scan.compile(
    rf"(?i:\b(?:n[ée]e?s?|accouch[ée]e?)\s+le\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?!\s+\d)(?![\w])|"
    # an abbreviated month: « née le 2 fev »
    rf"(?i:\b(?:n[ée]e?s?|accouch[ée]e?)\s+le\s+)(\d{{1,2}}(?:er)?\s+(?:janv|f[ée]vr?|avr|juil|sept|"
    rf"oct|nov|d[ée]c)\.?)(?![\w])(?!\s+\d)|"
    # the same in figures: « née le 9/12 »
    rf"(?i:\b(?:n[ée]e?s?|accouch[ée]e?)\s+le\s+)(\d{{1,2}}[/.]\d{{1,2}})(?![/.\-]?\d)(?![\w])|"
    # an age reached on a day: "fêter ses 90 ans le 3 février", "ses 95 ans, le 8 novembre",
    # "son anniversaire, le 12 mai"
    rf"(?i:(?:\b(?:ses|son|leurs?|mes|mon|tes|ton|nos|vos)\s+\d{{1,3}}\s+ans|anniversaire)"
    rf"[^.\n\d]{{0,12}}?\ble\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?!\s+\d)(?![\w])|"
    # a child's birth, dated: « à la naissance de notre fils Gabin, le 14 août »
    rf"(?i:\bnaissance\s+d(?:e|u|es)\s+(?:mon|ma|mes|notre|nos|son|sa|ses|leur|leurs)\s+"
    rf"[^.\n\d]{{0,30}}?\ble\s+)(\d{{1,2}}(?:er)?\s+(?:{_MONTHS}))(?![\w])|"
    # spelled out, as dictated: « né le quatre novembre deux mille cinq »
    rf"(?i:\b(?:n[ée]e?s?|accouch[ée]e?)\s+le\s+)((?:{_SPELLED_DAY})\s+(?:{_MONTHS})"
    rf"(?:\s+(?:deux[ -]mille|mille[ -]neuf[ -]cents?|dix-neuf[ -]cents?)(?:[ -](?:et[ -])?"
    rf"(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
    rf"seize|vingt|trente|quarante|cinquante|soixante|quatre-vingts?|dix-\w+)){{0,3}})?)(?![\w-])"
)


_YEARS = scan.compile(r"(?:19|20)\d{2}\s?[-/]\s?(?:19|20)?\d{2}")


#: A full date a little after "naissance" or "née": someone's date of birth, a child's too.
BIRTH_NEAR = scan.compile(
    rf"(?i:naissance|\bnée?s?\b)[^.\n]{{0,50}}?(?<![\w/.-])({DATE})(?![\w/-])"
)


_NUMERIC_DATE = scan.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})")


ANY_DATE = scan.compile(rf"(?<![\w/.-])({DATE})(?![\w/-])", re.IGNORECASE)


_YEAR_IN = scan.compile(r"(\d{4})\s*$")


#: Full dates before this year, in a story about a procedure, are dates of birth.
_OLD_DATE_YEAR = 2008


_STREET = (
    r"rue|avenue|av\.|boulevard|bd|allée|allee|impasse|chemin|place|route|quai|cours|square|"
    r"traverse|montée|montee|ruelle|venelle|sente|"
    r"passage|sentier|voie|faubourg|rond-point|lieu-dit|hameau|parvis|promenade|esplanade|"
    # where a business is: "15 zone artisanale des Rochers", "ZI du Moulin", "parc d'activités"
    # the same in Breton, Basque, Occitan, Corsican: "12 hent ar C'hoat", "3 karrika Nagusia"
    r"hent|straed|bali|karrika|kalea|bidea|carrièra|carriera|strada|"
    r"zone artisanale|zone industrielle|zone commerciale|zone d['’]activit[ée]s?|za|zi|zac|zae|"
    r"parc d['’]activit[ée]s?"
)


ADDRESS = scan.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter|quater|[BbTt]))?,?\s+(?i:{_STREET})\b[^\n,.;:!?()]{{2,50}}?"
    rf"(?=(?:,?\s*\d{{5}})|[,.;:!?()\n]|\s+(?i:à|a|au|et|depuis|pour|dans|où|que|qui|mais|en|avec|"
    rf"sans|chez|vers|puis|car|donc|ou|il|elle|on|nous|je|j['’])\s|$)"
    rf"(?:,?\s*\d{{5}}(?:\s+[{_UP}][\w'’-]+(?:[\s-][{_UP}][\w'’-]+){{0,3}})?)?",
)


#: A street abroad, its number after its name: « Rua das Flores 112 », « Calle Mayor 14 »,
#: « Hauptstraße 5 ».
FOREIGN_ADDRESS = scan.compile(
    r"\b(?:(?:Rua|Avenida|Travessa|Largo|Praça|Praca|Calle|Carrer|Plaza|Paseo|Camino|Via|Viale|"
    r"Piazza|Corso|Vicolo|Straat|Laan|Ulica|Strada|Street|Road|Lane)[ \t]+"
    r"(?:(?:das|dos|da|do|de|del|de la|de los|della|delle|di|dei|degli)[ \t]+)?"
    rf"[{_UP}][\w'’.-]+(?:[ \t]+[{_UP}][\w'’.-]+){{0,2}}|"
    rf"[{_UP}][\w-]*(?:straße|strasse|gasse|weg|platz|allee|ring|damm|ufer))"
    r",?[ \t]+\d{1,4}[a-zA-Z]?\b"
)


BUILDING = scan.compile(
    # "sa résidence, Les Oliviers": a named residence set off by a comma; never inside a
    # place's name ("Villeneuve-sur-Lot. La conseillère")
    rf"(?<!-)\b(?i:(?:résidence|residence|lotissement|cité|cite|hameau|domaine|villa)\s*,"
    rf"(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}])|"
    # "la résidence universitaire Les Oliviers": what kind of residence, then its name
    rf"(?:résidence|residence)\s+(?:universitaire|étudiante|etudiante|sociale|seniors?|"
    rf"services|autonomie|hôtelière|hoteliere)(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}])|"
    rf"résidence|residence|rés\.|immeuble|bâtiment|batiment|bât\.|appartement|appt\.?|escalier|lotissement|"
    # « lot. Les Pins »; never the département ending a sentence (« Solidaires du Lot. Nous »)
    rf"lot\.(?!\s+(?:Nous|Je|J['’]|Il|Elle|On|Ils|Elles|Vous|Mais|Et|Puis|Alors|"
    rf"Depuis|En|Ce|Cette|Ça|Au|Aux|Un|Une|Mon|Ma|Mes)\b)|cité|cite|hameau|lieu-dit|lieudit|domaine|quartier|villa|clos|impasse|îlet|ilet|"
    rf"(?:chemin|allée|rue|route|avenue|impasse|ruelle|sentier)"
    rf"(?=\s+(?i:des|du|de la|de l['’]|de)\s+[{_UP}])|"
    # one's own farm by its name: « mon rucher des Combes Hautes », « la ferme du Pré Long »
    rf"(?:ferme|rucher|exploitation|élevage|elevage|verger|vignoble|haras|bergerie|moulin)"
    rf"(?=\s+(?i:des|du|de la|de l['’])\s*[{_UP}])|"
    rf"section(?=\s+[{_UP}][{_LOW}]{{3,}}(?:-[{_UP}][{_LOW}]+)*(?![\w'’-]))|"
    rf"(?:maison de retraite|ehpad|foyer|résidence autonomie|residence autonomie)"
    rf"(?=\s+(?:Les|Le|La|L['’])\s*[{_UP}])|"
    # where someone lives or sleeps, named: "chalet Les Airelles", "péniche le Kenavo",
    # "voilier, le Gros Ventre", "aile B", "pavillon Les Mimosas" of a care home
    # a lane by its name alone, where someone lives: « à la case, chemin Bœuf Mort »
    rf"(?:chemin|impasse|sentier)(?=[ \t]+[{_UP}][{_LOW}]{{2,}})|"
    rf"chalet|cabane|gîte|gite|mas|bastide|péniche|peniche|mobil-home|mobilhome|caravane|"
    rf"(?:voilier|bateau|catamaran|chalutier|navire)(?:\s*,)?(?=\s+(?i:le|la|les|l['’])\s*[{_UP}])|"
    rf"aile|pavillon|unité|unite)\s+"
    rf"(?:(?:de la|de|du|des|d['’]|les|le|la|l['’])\s*)?"
    rf"(?:[{_UP}0-9][\w'’-]*)"
    rf"(?:\s+(?!(?i:à|a|au|aux|et|en|sur|dans|pour|chez|près|pres)(?![\w'’-]))"
    # a postal code ends the name: the town after it names no one
    rf"(?:(?!\d{{5}}(?!\w))[{_UP}0-9][\w'’-]*|(?:les|des|du|de|la|le)(?![\w'’-]))){{0,3}}",
)


#: "jean point dupont chez gmail point com", "marie.l arobase orange.fr"
_MAILHOST = r"gmail|hotmail|yahoo|orange|free|sfr|laposte|outlook|wanadoo|icloud|live|protonmail|neuf|aol|msn|bbox"


EMAIL_SPELLED = scan.compile(
    rf"[\w.+-]+(?:\s+(?:point|dot|tiret|underscore)\s+[\w+-]+)*\s+(?:chez|arr?obase|arr?obas|at)\s+(?:{_MAILHOST})"
    r"(?:\s*(?:\.|\s(?:point|dot)\s)\s*(?:com|fr|net|org|eu|be))?",
    re.IGNORECASE,
)


#: A social-network handle: "@lea_du_93" (an email's "@" has a word right before it).
HANDLE = scan.compile(r"(?<![\w.@])@\w[\w.]{1,29}(?<!\.)")  # accents typed in, too


#: A cadastral parcel: "section ZB n° 45", "parcelle AB 123".
#: The next parcels of a list: "section AB 12, 13 et AB 14", "parcelles B 712 et B 713".
PARCEL_MORE = scan.compile(r"\s*(?:,|et)\s+(?:[A-Z]{1,2}\s*)?\d{1,4}\b")


PARCEL = scan.compile(
    r"\b(?i:section)\s+[A-Z]{1,2}\s*(?:(?i:n°|no|num(?:éro|ero)?|n)\.?\s*)?\d{1,4}\b|"
    r"\b(?i:section)\s+[a-z]{1,2}\s+(?:n°?|no|num(?:éro|ero)?)\.?\s*\d{1,4}\b|"
    r"\b(?i:parcelles?)(?:\s+(?i:cadastrales?))?\s+(?:(?i:n°)\s*)?[A-Z]{0,2}\s*\d{1,4}\b"
)


#: A numbered private space: « box n° 14 », « cave 8 », « place de parking n° 32 », « carré B,
#: n° 117 » of a cemetery, « concession n° 2041 ».
NUMBERED_SPACE = scan.compile(
    r"(?i:\b(?:box|cave|garage|parking|place de parking|emplacement|concession|carré|carre|"
    r"casier|tombe|caveau|boîte aux lettres|boite aux lettres|bal)"
    r"(?:\s+[A-Z](?![\w'’-]))?\s*,?\s*(?:n°|no\.?|numéro|numero|n)\s*\d{1,4}[A-Z]?\b)"
)

#: A plate in lower case or mixed: "ab-123-cd" (the hyphens make it one).
LOWER_PLATE = scan.compile(
    r"(?<![\w-])(?i:[a-z]{2}(?:\s?-\s?|\s{1,2})\d{3}(?:\s?-\s?|\s{1,2})[a-z]{2})(?![\w-])"
)


#: A plate with one separator or none ("ec 407nr", "ec407-nr"): only after a vehicle word.
LOOSE_PLATE = scan.compile(r"(?<![\w-])(?i:[a-z]{2}[\s-]?\d{3}[\s-]?[a-z]{2})(?![\w-])")


#: A file reference typed in lower case: letters and at least three digits mixed ("0a9d3k41b27").
LOWER_CODE = scan.compile(
    r"(?<![\w-])(?=[a-z0-9-]*\d[a-z0-9-]*\d[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{6,}(?![\w-])"
)


#: A post-office box, a building and flat written short: "BP 37", "bat B ch 214".
SHORT_ADDRESS = scan.compile(
    r"(?<![\w])(?:(?i:bp|boîte postale|boite postale)\s*\d{1,5}|(?:CS|TSA)\s?\d{4,5}|"
    r"(?i:bat\.?|bât\.?|batiment|bâtiment)\s+(?:[A-Z0-9]{1,3}|[a-z](?![\w'’]))(?:,?\s+(?i:ch|chambre|appt?\.?|porte|esc\.?)\s*\d{1,4})?|"
    r"(?i:chambre|logement|studio|appartement|appt\.?|apt\.?|emplacement|mobil-home|bungalow)\s+(?i:n°\s*)?[A-Z]?\d{1,4}[A-Z]?|"
    # a care home's wing or floor unit in lower case: "aile des hortensias"
    r"(?i:aile|pavillon|unité|unite)\s+(?:des|du|de la|de l['’])\s*[a-zà-ÿ]{4,}(?<!étage)|"
    r"(?i:case|kaz|maison|villa|lot)\s+(?i:n°\s*)?\d{1,4}(?=\s*[,.;]|\s+(?i:à|a|au|derrière|derriere|près|pres|quartier|"
    r"village|rue|chemin|impasse)\b))(?![\w])"
)


#: A group of a messaging app named in quotes: "le groupe WhatsApp « Tour E Solidarité »".
NAMED_GROUP = scan.compile(
    r"(?i:groupe\s+(?:whatsapp|facebook|telegram|signal|messenger|snap(?:chat)?)"
    r"[^«\"“\n.]{0,40}?[«\"“]\s*)(?P<name>[^»\"”\n]{2,40}?)\s*[»\"”]"
)


#: A family named as such: "la famille Fontaine", "LA FAMILLE BONHEUR".
FAMILY_NAME = scan.compile(
    r"(?<![\w'’])(?i:famille)\s+(?P<name>(?:(?:de|du|le|la|van|da)\s+)?[A-ZÀ-Ý][\w'’-]+)"
)


#: A profile or a group reached by a link: "t.me/saison_pass", "wa.me/33612…", "instagram.com/lea".
PROFILE_LINK = scan.compile(
    r"(?i:(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|wa\.me|instagram\.com|facebook\.com|"
    r"fb\.com|m\.me|tiktok\.com|snapchat\.com/add|twitter\.com|x\.com|linkedin\.com/in|"
    r"youtube\.com)/@?[\w.-]*\w)"
)


#: A handle named by its network without "@": "insta : zina.kreol974", "mon snap sofiane34".
NAMED_HANDLE = scan.compile(
    r"(?i:\b(?:insta(?:gram)?|facebook|fb|snap(?:chat)?|tiktok|twitter|linkedin|discord|pseudo|"
    r"compte|profil|parrain(?:age)?)\b\s*(?:perso(?:nnel)?\s*|pro\s*)?"
    r"(?:[:/(]|est|c'est|au nom de|sous le nom)?\s*[\"«“']?\s*)"
    r"(?P<handle>(?=[\w.]*(?:\d|_|[a-z]\.[a-z]))[a-z][\w.]{3,29}(?<!\.))(?![\w])"
)


#: A user name anywhere, by its shape: letters, an underscore, and two digits (« hamid_dz31 »,
#: « lea_du_93 »); a file's name (« releve_2024.pdf ») is not one, nor « maman_de_3 ».
UNDERSCORE_HANDLE = scan.compile(
    r"(?<![\w.@/-])(?=[\w]*\d\d)[a-zA-Z][a-zA-Z0-9]*_[a-zA-Z0-9_]*[a-zA-Z0-9](?![\w@/-]|\.[a-zA-Z]{2,4}\b)"
)


POSTCODE_CITY = scan.compile(
    rf"(?<!\d)\d{{5}}\s+[{_UP}][{_LOW}A-Z'’-]+(?:[\s-][{_UP}][{_LOW}A-Z'’-]+){{0,3}}"
)


#: A short number right after a label that only ever names a person's or a file's number:
#: "numéro d'écrou 47 812", "matricule 40518", "n° allocataire : 2204".
SHORT_ID = scan.compile(
    r"(?i:(?:num[ée]ro|n°|no\.?)\s+(?:d['’]\s?)?(?:écrou|ecrou|allocataire|adhérent|adherent|"
    r"dossier|détenu|detenu|matricule)|écrou|ecrou|matricule)\s*(?:n°|no\.?|:)?\s*"
    r"(\d(?:[ .]?\d){3,5})(?![\d\w])"
)


# Words that make the number after them an identifier of a file or of a person.
_ID_CONTEXT = scan.compile(
    r"(?:dossier|référence|reference|réf\.?|ref\.?|numéro|numero|n°|no\.?|num\.?|identifiant|"
    r"matricule|pré-demande|pre-demande|demande|allocataire|fiscal|sécurité sociale|sécu|secu|nir|"
    r"passeport|permis|contrat|adhérent|adherent|client|ticket|affaire|courrier|avis|"
    r"immatriculation|plaque|siret|siren|iban|rib|compte|bénéficiaire|beneficiaire|assuré|assure)"
    r"[^.\n]{0,25}$",
    re.IGNORECASE,
)


_NOT_ID_CONTEXT = scan.compile(
    r"(?<![\w])(?:cerfa|formulaire|déclaration|declaration|article|art\.|loi|décret|decret|arrêté|code|alinéa|imprimé|"
    r"modèle|version|page|ligne|bus|tram|vol|train|salle|bureau|guichet|porte|étage|etage)"
    r"\s*[n°:]*\s*$",
    re.IGNORECASE,
)


_BENEFICIARY = scan.compile(
    r"allocataire|caf|msa|bénéficiaire|beneficiaire|adhérent|identifiant", re.IGNORECASE
)


_PLATE_CONTEXT = scan.compile(
    r"immatricul|plaque|véhicule|vehicule|voiture|carte grise|moto|auto", re.IGNORECASE
)


_AMOUNT_AFTER = scan.compile(r"^\s*(?:€|eur\b|euros?\b|%|k€|m€)", re.IGNORECASE)


_NEXT_FIRST_NAME = scan.compile(rf"[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)(?=\W|$)")


_SURNAME_AFTER_FIRST = scan.compile(rf"\s+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]{{2,}})")


Emit = Callable[..., None]
