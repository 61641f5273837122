"""Where the author or a relative works, studies, stays or is cared for, named so that it
locates them: a tie (a job, a class, a stay) before or after a place of a kind there are many of
(a pharmacy, a school, a care home, a chain's branch), and what names that place."""

from __future__ import annotations

import functools
import re

from . import scan
from .context import _SERVICE_WORDS
from .lexicon import ACRONYMS
from .patterns import _UP
from .places import commune_tail, places
from .workplaces import NATIONAL_CHARITY

#: What makes the place after it someone's: a job or a contract, a class or a school year, a
#: stay. « je suis préparatrice à », « mon fils est en cp à », « ma mère est entrée à ».
_TIES = (
    r"(?P<work>travail|travaill\w*|postul\w*|candidature|embauche|job|boulot|boss(?:e|es|ais|ait|é)|employée?s?|salariée?s?|embauchée?s?|"
    r"recrutée?s?|mission|intérimaire|interimaire|stage|stagiaire|alternance|alternante?|apprentie?s?|apprentissage|cdi|cdd|"
    r"intérim|interim|employeur|comme|caissière|caissier|vendeuse|vendeur|préparatrice|"
    r"preparatrice|préparateur|preparateur|serveuse|serveur|cuisinière?|plongeu(?:r|se)|"
    r"aide-soignante?|infirmière?|atsem|aesh|agente?\s+d['’]entretien|manutentionnaire|"
    r"magasinière?|magasinier|équipière?|equipiere?|équipier|equipier|hôtesse\s+de\s+caisse|"
    r"auxiliaire|secrétaire|secretaire|comptable|ouvrière?|ouvrier|chauffeur|livreu(?:r|se)|"
    r"technicienne?|commis|animat(?:eur|rice)|éducat(?:eur|rice)|educat(?:eur|rice)|"
    r"monit(?:eur|rice)|opérat(?:eur|rice)|operat(?:eur|rice)|conduct(?:eur|rice)|soudeu(?:r|se)|"
    r"mécanicienne?|mecanicienne?|boulangère?|boulanger|coiffeu(?:r|se)|esthéticienne|"
    r"estheticienne|ash)|"
    r"en\s+(?:cp|ce1|ce2|cm1|cm2|6e|6ème|sixième|5e|5ème|cinquième|4e|4ème|quatrième|3e|3ème|"
    r"troisième|seconde|2nde|première|1ère|terminale|maternelle|petite\s+section|"
    r"moyenne\s+section|grande\s+section|bts|cap|bac\s+pro)|scolarisée?s?|inscrite?s?|élève|"
    r"eleve|étudiante?|etudiante?|interne|pensionnaire|scolarité|scolarite|"
    r"entrée?|entree|hébergée?|hebergee?|placée?s?|placees?|réside|reside|résidente?|residente?|"
    r"accueillie?|admise?|hospitalisée?|hospitalisee?|vit|vivait|logée?|logee?|habite|"
    r"habitais|habitait|chambre|logement|studio"
)

#: A tie, then the way to the place: « … à la », « … au », « mon employeur, la ».
TIE_BEFORE = scan.compile(
    rf"(?i:(?<![\w'’-])(?:{_TIES})(?![\w'’-])"
    r"(?:[^.!?\n]{0,45}?(?<![\w'’-])(?:à|a|au|aux|chez|dans|pour|du|des|de[ \t]+la)[ \t]+|"
    r"[ \t]*[,:(][ \t]*)"
    r"(?:(?:la|le|les)[ \t]+|l['’][ \t]*)?)$"
)

#: The tie said after the place: « à l'Intermarché de Plœmeur pour un poste en rayon ».
TIE_AFTER = scan.compile(
    r"(?i:[^.!?\n]{0,20}?(?<![\w'’-])(?:(?P<work>pour un (?:poste|emploi|job|stage|contrat)|"
    r"où je (?:travaille|bosse|suis employée?|suis salariée?)|où j['’]ai (?:travaillé|été embauchée?)|"
    r"comme (?:vendeu|caissi|employ|prépar|serveu|équipi|apprenti|stagiaire)\w*)|"
    r"où (?:il|elle) est (?:scolarisée?|hébergée?|accueillie?|soignée?|en (?:cp|ce1|ce2|cm1|cm2))|"
    r"où (?:il|elle|ils|elles) (?:réside|reside|résident|resident|vit|vivent|habite|habitent|loge)))"
)

#: Chains, whose branch a commune picks out: « l'Intermarché de Dinan », « au Flunch de Saran ».
_CHAINS = (
    r"intermarché|intermarche|carrefour(?:\s+market|\s+contact|\s+city|\s+express)?|"
    r"e\.?\s?leclerc|leclerc|super\s+u|hyper\s+u|u\s+express|lidl|aldi|auchan|géant\s+casino|"
    r"monoprix|franprix|netto|spar|biocoop|décathlon|decathlon|leroy\s+merlin|castorama|"
    r"brico\s+dépôt|ikea|mcdonald['’]?s|burger\s+king|kfc|gifi|flunch|buffalo\s+grill|courtepaille|"
    r"hippopotamus|del\s+arte|quick|subway|starbucks|brioche\s+dorée|pizza\s+hut|domino['’]?s|"
    r"fnac|darty|kiabi|primark|sephora|jennyfer|gémo|gemo|noz|stokomani|norauto|feu\s+vert|"
    r"speedy|picard|grand\s+frais|cora|leader\s+price|casino|bricomarché|bricomarche|jardiland|"
    r"truffaut|conforama|action|la\s+halle|match|simply\s+market|super\s+casino"
)

#: Places of a kind there are many of, which a name or a commune after them picks out.
_TIED_KINDS = (
    r"école|ecole|groupe\s+scolaire|collège|college|lycée|lycee|cfa|ifsi|iut|micro-crèche|"
    r"micro-creche|crèche|creche|halte-garderie|ehpad|maison\s+de\s+retraite|résidence|residence|"
    r"foyer|clinique|ime|esat|bistrot|bistro|restaurant|brasserie|café|cafe|snack|pizzeria|"
    r"boulangerie|hôtel|hotel|garage|entrepôt|entrepot|usine|agence|médiathèque|mediatheque|"
    r"camping|village\s+vacances|centre\s+de\s+vacances|gîte|gite|maison|ambulances|"
    r"bibliothèque|bibliotheque|pharmacie|supermarché|supermarche|hypermarché|hypermarche|"
    rf"magasin|{_CHAINS}"
)
_KIND_QUALIFIERS = (
    r"élémentaire|elementaire|maternelle|primaire|publique?|privée?|privee?|professionnel(?:le)?|"
    r"agricole|général|general|polyvalent|technologique|centrale?|principale?|municipale?|"
    r"mutualiste|universitaire|médicale?|medicale?|crous|étudiante|etudiante|sociale|seniors?|"
    r"autonomie|services|vétérinaire|veterinaire|d['’]intérim|d['’]interim|intérim|interim"
)
_WORD = r"[^\W\d_][\w'’-]{2,}"

_STREET_WORDS = (
    r"(?:rue|avenue|place|boulevard|bd|quai|cours|route|chemin|allée|allee|gare|centre|zone|zac|"
    r"aéroport|aeroport)(?![\w'’-])"
)

_FUNCTION = (
    r"à|a|au|aux|en|de|du|des|et|ou|où|pour|par|sur|dans|avec|depuis|le|la|les|un|une|qui|que|"
    r"mais|car|puis|il|elle|on|je|nous|ils|elles|ne|n|pas|plus|est|sont|a|ont"
)

#: The kind and what names it: « pharmacie des oliviers », « ehpad les jardins de sologne »,
#: « CFA du BTP de Laval », « Intermarché de Dinan ». What follows the name is a preposition,
#: a pronoun or punctuation, never a verb: « à la crèche les enfants sont… » names nothing.
TIED_PLACE = scan.compile(
    rf"(?i:(?<![\w-])(?P<kind>{_TIED_KINDS})(?:[ \t]+(?:{_KIND_QUALIFIERS}))*[ \t]+"
    rf"(?P<name>(?:(?:les|le|la)[ \t]+|(?:de[ \t]+la[ \t]+|de[ \t]+l['’][ \t]*)(?!{_STREET_WORDS})|"
    rf"l['’][ \t]*|des[ \t]+|du[ \t]+)(?P<word>{_WORD})"
    # a second word in lower case, an adjective rather than a verb: « camping les flots bleus »
    rf"(?:[ \t]+(?!(?:{_FUNCTION})(?![\w'’-]))[a-zà-ÿ][\w'’-]+(?<!ent)(?<!ont)(?<!ait)(?<!ons)"
    rf"(?<!ez)(?<!er)(?<!é)(?<!ée)(?<!és)(?<!ir)(?<!it))?"
    rf"(?-i:(?:[ \t]+[{_UP}][\w'’-]+){{0,2}})(?:[ \t]+(?:(?:de|du|des|de[ \t]+la)[ \t]+|d['’][ \t]*){_WORD})?"
    rf"(?:[ \t]+(?:de[ \t]+|d['’][ \t]*){_WORD}(?:-{_WORD}){{0,3}})?"
    rf"|(?:de[ \t]+|d['’][ \t]*)(?P<town>{_WORD}(?:-{_WORD}){{0,3}})"
    # its own name in capitals: « l'agence Interim Plus Conseil de vesoul »
    rf"|(?P<caps>(?-i:[{_UP}][\w'’-]+(?:[ \t]+[{_UP}0-9][\w'’-]*){{0,3}}))"
    rf"(?:[ \t]+(?:de[ \t]+|d['’][ \t]*){_WORD}(?:-{_WORD}){{0,3}})?"
    # the street it is on: « au u express de la rue de la marne »
    rf"|(?P<street>(?:de[ \t]+la[ \t]+|du[ \t]+|de[ \t]+l['’][ \t]*)?(?:rue|avenue|place|boulevard|"
    rf"bd|quai|cours|route|chemin|allée|allee|gare|centre[ \t]+commercial|zone[ \t]+commerciale|zac|"
    rf"zone[ \t]+industrielle|aéroport|aeroport)[ \t]+(?:(?:de[ \t]+la|du|des|de|d['’])[ \t]*)?"
    rf"{_WORD}(?:-{_WORD}){{0,3}})"
    # a chain's branch by its commune alone: « intermarché saint-loup »
    rf"|(?P<branch>(?<=[ \t])[a-zà-ÿ][\w'’]+(?:-[\w'’]+){{0,3}}))"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$)|[ \t]+(?:à|a|au|aux|en|depuis|dans|pour|près|pres|sur|et|où|"
    r"ou|qui|car|mais|avant|après|apres|avec|comme|pendant|le|la|les|un|une|il|"
    r"elle|on|je|nous|ils|elles|ce|cet|cette|ces|mon|ma|mes|son|sa|ses|notre|leur|"
    r"depuis|ça|ca)(?![\w'’-])|[ \t]+(?:j|l|c|qu|jusqu|d|m|n|s)['’]))"
)

#: Shops a commune picks out: a chain's branch, a town's pharmacy (« l'Intermarché de Dinan »).
_BY_ITS_TOWN = scan.compile(
    rf"(?i:pharmacie|supermarché|supermarche|hypermarché|hypermarche|magasin|{_CHAINS})"
)

#: First words of the public services' own names: « l'agence France Travail », « Pôle emploi ».
_SERVICES_NAMED = frozenset(
    "france pôle pole caisse sécurité securite assurance maison espace centre service "
    "services mission caf cpam msa urssaf carsat crous ants".split()
)

#: Public establishments, which a commune after them does not pick out among a town's people.
_PUBLIC_KIND = scan.compile(
    r"(?i:école|ecole|groupe\s+scolaire|collège|college|lycée|lycee|cfa|ifsi|iut|micro-crèche|"
    r"micro-creche|crèche|creche|halte-garderie|ehpad|maison\s+de\s+retraite|résidence|"
    r"residence|foyer|clinique|ime|esat|médiathèque|mediatheque|bibliothèque|bibliotheque)"
)

#: Words after the kind that say which one without naming it: « l'école du quartier », « la
#: pharmacie de garde », « au collège le matin ».
_NOT_A_NAME = frozenset(
    "coin quartier village centre bourg centre-ville garde gare marché marche hôpital hopital "
    "commune ville port secteur zone campus enfants parents urgences environs haut bas nord sud "
    "est ouest même meme matin soir midi nuit jour journée journee semaine mois année annee "
    "veille lendemain week-end weekend lundi mardi mercredi jeudi vendredi samedi dimanche temps "
    "reste plus moins fois premier première dernier dernière rentrée rentree coup".split()
)


def _is_word(word: str) -> bool:
    from .ner import net

    return net().is_word(word)


def tied_places(text: str) -> list[tuple[int, int, str]]:
    """Where the author or a relative works, studies or stays, named so that it locates them:
    (start, end, kind) from the place's kind to the end of its name, `employer` when the tie is
    a job, `school` otherwise. The kind alone (« à la pharmacie ») or a generic word after it
    (« l'école du quartier ») is no one's; a commune after it is when a tie comes first."""
    out = []
    for m in TIED_PLACE.finditer(text):
        word = m.group("word") or m.group("caps") or ""
        first = re.split(r"[ \t'’-]", word)[0]
        if (
            word.casefold() in _NOT_A_NAME
            or first.upper() in ACRONYMS
            or first.casefold() in _SERVICES_NAMED
            or (
                m.group("caps")
                and (first in places() or word in places())
                and not _BY_ITS_TOWN.fullmatch(m.group("kind"))  # « Monoprix Nantes Commerce »
            )
        ):
            continue  # « l'école du quartier », « la résidence du Crous de Créteil », « l'agence
            # France Travail », « le lycée Rennes »
        if (m.group("word") and re.match(r"(?i:de[ \t]+l(?:a[ \t]|['’]))", m.group("name"))) and (
            not word[:1].isupper()
            or _is_word(word)
            or f"La {word}" in places()
            or f"L'{word}" in places()
        ):
            continue  # « le collège de la vallée », « le CFA de la Chambre de métiers »: which
            # one, not its own name (« l'EHPAD de la Houssais »)
        town = m.group("town")
        branch = m.group("branch")
        if branch is not None and not (
            _BY_ITS_TOWN.fullmatch(m.group("kind")) and branch in places()
        ):
            continue  # « au carrefour suivant »: no branch
        if branch is not None:
            town = branch
        if town is not None and town not in places():
            continue  # « l'école de musique »: a kind of school, not where
        tie = TIE_BEFORE.search(text, max(0, m.start() - 80), m.start()) or TIE_AFTER.match(
            text, m.end()
        )
        if tie is None:
            continue
        if town is not None and not (
            _BY_ITS_TOWN.fullmatch(m.group("kind"))
            or (tie.group("work") and _PUBLIC_KIND.fullmatch(m.group("kind")))
        ):
            continue  # « scolarisé au lycée de Bayonne »: a public establishment by its commune
            # is where, not who; its staff are few (« mon travail à la médiathèque de Rodez »)
        # By a commune, the kind goes too (« l'[employeur] », not « l'Intermarché de [X] »); by
        # its own name, the name alone (« l'école élémentaire [établissement] »).
        start, end = (m.start(), m.end("name")) if town is not None else m.span("name")
        cut = commune_tail(text[start:end]) if town is None and not m.group("street") else None
        if cut is not None:
            end = start + cut  # « l'ehpad Les Tilleuls de Vierzon »: the commune is no one's
        out.append((start, end, "employer" if tie.group("work") else "school"))
    return out


#: A name a capitalised article opens in the middle of a sentence, or after a bracket or a
#: quote: « le resto où je taf (Le Comptoir du Port) », « commis à La Table de Nour ». The capital
#: says it is something's own name: a restaurant, a farm, a gîte, a small firm, a hamlet.
_OWN_NAME = scan.compile(
    rf"(?:(?<=[\w,;:][ \t])|(?<=[(«\"“])|(?<=[(«\"“][ \t]))(?P<name>(?:Les|Le|La|L['’]|Au|Aux)"
    rf"[ \t]*[{_UP}][\w'’-]+(?:[ \t]+(?:(?:de|du|des|de[ \t]+la|aux|au|sur|sous)[ \t]+|d['’][ \t]*)?"
    rf"[{_UP}][\w'’-]+){{0,3}})"
)

#: Own names everyone knows, which locate no one: a national firm, a newspaper, a district.
_KNOWN_OWN_NAMES = scan.compile(
    r"(?i:la poste|la banque postale|le bon ?coin|la fran[çc]aise des jeux|le parisien|le monde|"
    r"le figaro|la d[ée]p[êe]che|la nouvelle r[ée]publique|les [ée]chos|la voix du nord|"
    r"le progr[èe]s|le t[ée]l[ée]gramme|la d[ée]fense|la s[ée]cu|le maire|la r[ée]publique|"
    r"la france|l['’][ée]tat|l['’]europe|la mutualit[ée]|le tr[ée]sor|la sorbonne|le louvre|"
    r"les halles|la villette|la part-dieu|la canebi[èe]re)(?![\w'’-])"
)

#: What makes such a name someone's place: a job, a class, a stay, or a place of a kind before
#: it in the same sentence (« le resto où je taf », « sous le nom »).
_TIED_BEFORE = scan.compile(
    rf"(?i:(?<![\w'’-])(?:(?P<home>habite|habitons|habitent|vit|vivons|vivent|domicile|"
    rf"hameau|lieu-dit|lieudit|hamlet|live|lives|living|farm|house)|{_TIES}|taf|tafe|resto|gîte|gite|traiteur|exploitation|"
    rf"sous\s+le\s+nom|enseigne|{_TIED_KINDS})(?![\w'’-]))"
)


_SCHOOLING = scan.compile(
    r"(?i:en\s|scolaris|inscrit|élève|eleve|étudiant|etudiant|interne|pensionnaire|école|ecole|"
    r"collège|college|lycée|lycee|crèche|creche|micro|halte|cfa|ifsi|iut|ehpad|maison|résiden|"
    r"residen|foyer|clinique|ime|esat|hébergé|heberge|placé|place|accueilli|admis|hospitalis)"
)


def _in_signature(text: str, start: int, end: int) -> bool:
    """Is the span where a signature gives its place: after a short name and a comma, on one
    of the text's last two lines (« Margaret Holloway, Le Moulin de Peyrat »)?"""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    return before.rstrip().endswith(",") and len(before) <= 40 and text[end:].count("\n") <= 1


@functools.lru_cache(maxsize=64)
def own_names(text: str) -> tuple[tuple[int, int, str | None], ...]:
    """Names a capitalised article opens mid-sentence that no list knows: (start, end, kind),
    with the finding's kind when a job, a home, a stay or a place's kind comes before it in the
    same sentence (the name is then someone's: it goes), None when a person should look."""
    out: list[tuple[int, int, str | None]] = []
    for m in _OWN_NAME.finditer(text):
        name = m.group("name")
        words = re.split(r"[ \t'’]+", name)
        first = words[1] if len(words) > 1 else ""
        if (
            name in places()
            or _KNOWN_OWN_NAMES.match(name)
            or first.upper() in ACRONYMS
            or first.isupper()
            or first.casefold() in _SERVICE_WORDS
            or NATIONAL_CHARITY.match(name)
            or first in ("Dr", "Docteur", "Maître", "Pr")
        ):
            continue
        sentence = re.split(r"[.!?\n]", text[max(0, m.start() - 100) : m.start()])[-1]
        end = m.end()
        cut = commune_tail(name)
        if cut is not None:
            end = m.start() + cut  # « Les Tilleuls de Vierzon »: the commune is no one's
        if _in_signature(text, m.start(), m.end()):
            out.append((m.start(), end, "address"))  # « Margaret H., Le Moulin de Peyrat »
            continue
        ties = list(_TIED_BEFORE.finditer(sentence))
        tie = ties[-1] if ties else None  # the nearest
        kind = None
        if tie is not None:
            kind = (
                "address"
                if tie.group("home")
                else "school"
                if _SCHOOLING.match(tie.group())
                else "employer"
            )
        out.append((m.start(), end, kind))
    return tuple(out)
