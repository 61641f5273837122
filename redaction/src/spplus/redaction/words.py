"""How people's names stand in a story: after a role, a civility, a relative; in a signature;
spelled out; on a badge."""

from __future__ import annotations

import re
import unicodedata

from . import lexicon, scan
from .patterns import _CTX_NAMES, _LOW, _NAME, _NAMES, _UP

_ROLE_ALT = "|".join(sorted((re.escape(r) for r in lexicon.ROLES), key=len, reverse=True))


ROLE_NAME = scan.compile(
    rf"\b(?:(?P<det>(?i:l['’]|le |la |les |cette |ce |un |une |mon |ma |notre |votre |son |sa ))\s*)?"
    rf"(?P<role>(?i:{_ROLE_ALT}))(?P<qual>(?:\s+(?:de la |du |de l['’]|des |de )?"
    rf"(?:CAF|CPAM|MSA|URSSAF|ANTS|France Travail|Pôle emploi|préfecture|mairie|caisse|"
    rf"l['’]accueil|accueil))?)(?P<sep>\s*[,:]?\s+)"
    rf"(?P<title>{lexicon.TITLES}\s+)?(?P<name>{_CTX_NAMES})",
)


TITLE_NAME = scan.compile(
    rf"(?<![\w'’])(?:{lexicon.TITLES}|(?i:madame|monsieur|mademoiselle|docteure?|maître|mme|mlle|mr|dre?)|"
    rf"(?<![\w.])m\.)"
    rf"\s+(?P<name>{_CTX_NAMES})"
)


SELF_NAME = scan.compile(
    rf"(?i:\bje m['’]appelle|\bje me nomme|\bmon nom est|\bmon nom\s*[:,]|\bsigné(?:e)?\s*:?|"
    rf"\b(?:bien\s+)?cordialement,?|\bbien à vous,?|\bsalutations(?:\s+(?:les\s+)?(?:distinguées|distinguees|respectueuses|cordiales|sincères|"
    rf"sinceres|meilleures|dévouées|devouees))?\.?,?|"
    rf"\brespectueusement,?|\bmerci d['’]avance,?|\bnom de (?:jeune fille|naissance|famille)\s*[,:]?|"
    rf"\bnée|\bune certaine|\bun certain|\bdénommée?|\bprénommée?|\bnommée?|"
    rf"\b(?:qui|elle|il) s['’]appel(?:le|ait)|\bs['’]appel(?:le|ait))\s+(?P<name>{_CTX_NAMES})"
)


SELF_CAPITALISED = scan.compile(rf"\bje suis\s+(?P<name>{_NAMES})")


#: A relative or a neighbour, with any possessive: "mon voisin", "son voisin", "leur fille".
_REL_NOUNS = sorted({r.split(" ", 1)[1] for r in lexicon.RELATIVES}, key=len, reverse=True)
_REL_ALT = (
    r"(?:mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre|vos|leur|leurs)\s+(?:"
    + "|".join(re.escape(n) for n in _REL_NOUNS)
    + ")"
)


RELATIVE_NAME = scan.compile(rf"\b(?i:{_REL_ALT})\s*,?\s+(?P<name>{_CTX_NAMES})")


UPPER_RELATIVE_NAME = scan.compile(
    rf"\b(?i:{_REL_ALT}|papa|maman|mamie|papi|papy|tonton|tata)[ \t]*,?[ \t]+(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’]+(?:-[A-ZÀ-Ý][A-ZÀ-Ý'’]+)?)(?![\w'’-])"
)


LOWER_FIRST_NAME = scan.compile(rf"(?<![\w'’@.-])[{_LOW}]+(?:-[{_LOW}]+)?(?![\w'’@-])")


CAPITALISED = scan.compile(rf"(?<![\w'’-])(?:{_NAME})(?![\w-])")


def _function_words() -> frozenset[str]:
    from spacy.lang.fr.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) - {"petit", "blanc", "leroy", "grand", "rose"}


#: Articles, pronouns, prepositions, auxiliaries: never the first word of a name.
_FUNCTION_WORDS = _function_words() | {"la", "le", "les", "qui", "que", "a", "est", "était"}


_PARTICLE_CAPS = frozenset(
    {"Le", "La", "De", "Du", "Des", "Van", "Da", "Ben", "El", "de", "du", "des"}
)


_PARTICLES = frozenset({"le", "la", "de", "du", "des", "van", "von", "ben", "el", "da", "di"})

#: Particles that stand inside a surname of another language (« Van der Berg », « dos Santos »,
#: « ter Horst »): between two parts of a name they belong to it.
_INNER_PARTICLES = frozenset(
    {"van", "von", "der", "den", "ter", "ten", "dos", "das", "do", "del", "della", "dal", "di"}
    | {"da", "ben", "bin", "ibn", "el", "al", "ould", "ait"}
)


_VERB_ENDING = scan.compile(r"(?:er|ez|ait|aient|ent|é|ée|és|ées|ant|ir|is|it)$")


#: Kinds that are words (a name, a place): their span ends at the end of a word.
_WORDY = frozenset({"person", "address", "school", "employer"})


def _fold(word: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    ).casefold()


_WORD = scan.compile(rf"(?<![\w'’-])[{_UP}][{_LOW}{_UP}'’-]{{3,}}(?![\w-])")


#: A closing line that is a signature: one to four capitalised words, or known first names.
_SIGNATURE = scan.compile(
    rf"\n[ \t]*(?:[-–—][ \t]*)?(?P<name>[{_UP}][{_LOW}'’-]+\.?(?:[ \t]+[{_UP}][\w'’.-]*){{0,3}})[ \t.]*$"
)


_ARTICLES = frozenset({"les", "le", "la", "des", "du", "de", "d'", "d’"})


#: Words that introduce the name of a residence, an estate or a hamlet in an address.
_ESTATE = scan.compile(
    r"(?i:\b(?:résidence|residence|rés\.?|res\.?|lotissement|lot\.|hameau|lieu-dit|lieudit|cité|cite|clos|"
    r"domaine|quartier|impasse|allée|allee|chemin|village)\s+)"
    r"(?P<name>(?:(?:les|le|la|du|des|de la|de|d['’])\s*)?[a-zà-ÿ'’-]{3,}(?:\s+[a-zà-ÿ'’-]{3,})?"
    # "lieu-dit la combe de pech-rigal": the name goes on after « de »
    r"(?:\s+(?:de|du|des|d['’])\s*[a-zà-ÿ'’-]{4,})?)"
)


#: A place's name said to be a hamlet right after it: « on habite à la borie haute, un hameau
#: au-dessus de marvejols », « à Kerlann, un lieu-dit ». A commune is named freely; this is not one.
_HAMLET_AFTER = scan.compile(
    r"(?<![\w'’])(?i:à|a|au|aux)[ \t]+(?P<name>(?:(?i:la|le|les|l['’])[ \t]*)?[^\W\d_][\w'’-]{2,}"
    r"(?:[ \t]+[^\W\d_][\w'’-]{2,}){0,2})[ \t]*,[ \t]*(?i:un|une|notre|mon|ma|le|la)[ \t]+"
    r"(?i:(?:tout[ \t]+)?(?:petite?[ \t]+)?(?:hameau|lieu-dit|lieudit|écart|ecart|village|"
    r"quartier|ferme|mas|domaine|bourg|coin)\b)"
)


#: The last line of a story typed in capitals: "SIGNE : HENRI CELESTINE", "BIEN A VOUS, MARIE".
_UPPER_SIGNATURE = scan.compile(
    r"(?:\n|[.!:][ \t]+)[ \t]*(?:(?:SIGNÉE?|SIGNEE?|BIEN (?:À|A) VOUS|CORDIALEMENT|MERCI|SALUTATIONS|"
    r"RESPECTUEUSEMENT)[ \t]*[,:.]?[ \t]*)?"
    r"(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]*){0,3})[ \t.]*$"
)


#: A letter's closing formula, and the name on the line after it (a signature block may go on
#: with an address, a phone or an email: the name is still the first line).
_CLOSING_THEN_NAME = scan.compile(
    r"(?i:salutations(?:\s+\w+)?|cordialement|bien\s+(?:à|a)\s+vous|respectueusement|"
    r"sentiments\s+\w+|considération(?:\s+\w+)?|merci\s+d'avance|remerciements)\s*[.!,]?"
    rf"[ \t]*\n+[ \t]*(?P<name>[{_UP}](?:[{_LOW}'’-]+\.?|\.)(?:[ \t]+(?:[{_UP}][\w'’.-]*|de|du|des|de la|van|von|da|le|la|ben|el)){{0,4}})[ \t]*$",
    re.MULTILINE,
)


#: "Cordialement, Y. Guerrier, SIP de Metz": an initial and a name after a closing word (the
#: initials of a compound first name too: « M.-Th. Delattre », « Ch. Roux »).
_CLOSING_INITIAL = scan.compile(
    r"(?i:cordialement|bien\s+(?:à|a)\s+vous|salutations(?:\s+\w+)?|sign[ée]e?s?)\s*[,:]?\s*[«\"“']?\s*"
    rf"(?P<name>[{_UP}][{_LOW}]{{0,2}}\.(?:-[{_UP}][{_LOW}]{{0,2}}\.)?\s?[{_UP}][{_LOW}'’-]+"
    rf"(?:[- ][{_UP}][{_LOW}'’-]+)?)"
)


#: "KÉVIN M.", "Julie D.": a known first name and an initial.
_FIRST_AND_INITIAL = scan.compile(
    rf"(?<![\w'’-])(?P<first>[{_UP}][{_LOW}{_UP}]+(?:-[{_UP}][{_LOW}{_UP}]+)?)\s+[{_UP}]\.(?!\w)"
)


#: A last line typed in lower case: a first name, maybe a surname ("patrick vasseur").
_LOWER_SIGNATURE = scan.compile(
    rf"(?:^|\n)[ \t]*(?P<first>[{_LOW}]+(?:-[{_LOW}]+)?)(?:[ \t]+(?P<last>[{_LOW}'’-]{{2,}}))?[ \t]*\Z"
)


#: A child's first name around a birth: "naissance de jules", "jules est né début août".
BIRTH_NAME = scan.compile(
    r"(?i:naissance|bapt[eê]me|anniversaire|arrivée|arrivee)\s+(?:de\s+|d['’]\s*)(?P<a>[^\W\d_][\w-]{2,})|"
    r"(?<![\w'’])(?P<b>[^\W\d_][\w-]{2,})\s+(?:est|était|etait)\s+n[ée]e?s?(?!\w)"
)


#: A child named by its parent: « je suis la mère d'Inès », « en tant que père de Noah ».
PARENT_OF = scan.compile(
    r"(?i:\b(?:la|le|en tant que|suis) (?:mère|mere|père|pere|maman|papa|grand-mère|grand-mere|"
    r"grand-père|grand-pere|tante|oncle|tutrice|tuteur|marraine|parrain|belle-mère|beau-père)"
    r"[ \t]+(?:de[ \t]+|d['’][ \t]*))"
    rf"(?P<name>[{_UP}][\w-]+)"
)


#: A name given as such: "déclaré sous le nom de Kowalczik au lieu de Kowalczyk".
NAMED_AS = scan.compile(
    r"(?i:(?:sous le|au|à mon|a mon|à son|a son) nom d[e'’]|"
    r"nom de (?:famille|naissance|jeune fille|mariage|(?:mon|son|sa|ma|leur|notre) (?:mari|père|pere|"
    r"mère|mere|ex|ex-mari|ex-femme|ex-conjoint|ex-compagnon|femme|épouse|epouse|conjoint|compagnon))|"
    r"nom d['’]usage|nom de famille est|s['’]appelle|s['’]appelait|prénommée?|prenommee?)\s*[:(]?\s*"
    rf"(?P<name>[{_UP}][\w'’-]+)(?:\s+(?i:au lieu de|et non|et pas|ou)\s+(?P<other>[{_UP}][\w'’-]+))?"
)


#: A sentence about how a name is written: every quoted or capitalised word in it after "nom".
_NAME_SENTENCE = scan.compile(
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


_INSTEAD_OF = scan.compile(r"(?i:\bau lieu de|\bet non|\bet pas|\bplutôt que)\s*[«\"'“]?\s*$")


_NAME_IN_SENTENCE = scan.compile(
    rf"(?<![\w-])(?<!\w['’])[{_UP}](?:[{_LOW}{_UP}-]|['’?�](?=[{_LOW}{_UP}])){{2,}}(?![\w-])(?!['’]\w)"
)


_SPELLING = scan.compile(
    r"(?i:orthographi|écrit|ecrit|au lieu de|sans accent|avec (?:un )?accent|tréma|trema|faute|"
    r"erreur|translitt|cédille|cedille|virgule|enregistr|saisi|indiqu|\bport(?:e|ent|ait)\b|«|\"|"
    r"(?-i:\b[A-ZÀ-Ý]{3,}\b))"
)


#: A name typed in lower case in a sentence about its spelling: quoted, or after "au lieu de".
_LOWER_SPELLED = scan.compile(
    r"['‘’«\"]\s*(?P<q>[a-zà-ÿ][\w-]{2,})\s*['’»\"]|\bau lieu de\s+(?P<l>[a-zà-ÿ][\w-]{2,})"
)


#: "un grand blond qui s appelait moreau": a name, typed in any case.
CALLED = scan.compile(
    r"(?i:\bs['’ ]?appel(?:le|ait|lent|aient)|\bprénommée?|\bprenommee?|\bnommée?|\bnommee)"
    r"\s+(?P<name>[^\W\d_][\w'’-]{2,})"
)


#: Children or relatives listed by name: "mes deux enfants, Maël et Lison".
LISTED_RELATIVES = scan.compile(
    r"(?i:\b(?:mes|nos|ses|leurs)\s+(?:deux\s+|trois\s+|quatre\s+|cinq\s+)?"
    r"(?:enfants|fils|filles|petits-enfants|petites-filles|petits-fils|jumeaux|jumelles|parents))"
    rf"\s*[,:(]?\s*(?P<names>[{_UP}][\w'’-]+(?:\s*,\s*[{_UP}][\w'’-]+)*\s+(?:et|&)\s+[{_UP}][\w'’-]+)"
)


#: A nickname and the name it stands for: "titi (christelle da silva de son vrai nom)".
TRUE_NAME = scan.compile(
    r"(?P<nick>[^\W\d_][\w'’-]{1,30})\s*\((?P<name>[^()\n]{3,60}?)\s+de son (?:vrai )?nom\)",
    re.IGNORECASE,
)


#: A name read on a badge: "Bonheur sur son badge", "son badge indiquait « Mme Rose »".
BADGE_NAME = scan.compile(
    rf"(?<![\w'’-])(?P<a>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)\s+(?:(?:écrit|ecrit|inscrit|marqué|marque)\s+)?"
    r"sur (?:son|sa|le|leur) (?:badge|étiquette|etiquette|plaque)|"
    r"(?i:\bbadge)\s*(?:(?i:indiquait|indique|disait|portait|affichait|marqué|marque)|:)\s*[«\"'“]?\s*"
    rf"(?:{lexicon.TITLES}\s+)?(?P<b>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)"
)


#: "chez les de La Roche", "les Le Goff": a family named by its particled surname.
FAMILY_NAME = scan.compile(
    rf"\b(?i:les|des|chez les)\s+(?P<name>(?i:de la|de|du|des|le|la|van|da|ben|el)\s+"
    rf"(?:(?i:la|le)\s+)?[{_UP}][{_LOW}'’-]+)"
)


#: In capitals, "UNE CONSEILLÈRE CPAM, SOPHIE, QUI…": a first name set between commas after a
#: role (only a known first name: in capitals every word looks like a name).
_UPPER_APPOSITIVE = scan.compile(
    rf"(?i:\b(?:{_ROLE_ALT}))[^.,;!?\n]{{0,60}},\s*(?P<name>[{_UP}][{_UP}-]+)\s*,"
)
