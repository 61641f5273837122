"""Where someone works, studies, is cared for or lives aboard, named so that it identifies them:
a business named after its owner, a school named after a person, a boat."""

from __future__ import annotations

import re
from collections.abc import Callable

from . import scan
from .patterns import _LOW, _UP
from .places import places

#: Shops and workshops whose name is often their owner's: "la fromagerie Tissot".
_SHOPS = (
    r"pressing|onglerie|fleuriste|snack|kebab|auto-école|auto-ecole|boulangerie|boucherie|charcuterie|fromagerie|poissonnerie|quincaillerie|droguerie|"
    r"serrurerie|carrosserie|crêperie|creperie|pâtisserie|patisserie|brasserie|imprimerie|"
    r"laverie|blanchisserie|miroiterie|menuiserie|plomberie|sellerie|tonnellerie|cordonnerie|"
    r"chocolaterie|confiserie|biscuiterie|jardinerie|animalerie|parfumerie|papeterie|bijouterie|"
    r"horlogerie|scierie|tuilerie|distillerie|maroquinerie|mercerie|rôtisserie|rotisserie|"
    r"fromagerie|ferronnerie|ébénisterie|ebenisterie|tapisserie|teinturerie|vannerie|"
    r"pizzeria|librairie|fleuriste|auto-école|auto-ecole|camping|hôtel|hotel|bar|café|cafe|"
    r"supérette|superette|traiteur|boutique|château|chateau|bistrot|bistro|savonnerie|chèvrerie|chevrerie|"
    r"cidrerie|miellerie|huilerie|poterie|vinaigrerie|conserverie|brûlerie|brulerie|herboristerie|"
    r"coutellerie|verrerie|ganterie|bergerie|fromagerie|glacerie|torréfaction|torrefaction|"
    r"crémerie|cremerie|épicerie fine|epicerie fine|cave à vins|cave a vins"
)


#: A business named after a person, that says where someone works: "la boulangerie Le Goff".
EMPLOYER = scan.compile(
    rf"(?i:(?<![\w-])(?:{_SHOPS}|vergers|jardins|serres|pépinières?|pepinieres?|haras|élevage|"
    r"elevage|chais|caves|épicerie|ferme|gaec|earl|scea|sarl|sas|eurl|garage|"
    r"cabinet|pharmacie|maçonnerie|transports|ets\.?|établissements|"
    r"etablissements|entreprise|société|societe|restaurant|salon|atelier|commerce|exploitation)|"
    r"\b(?:travaille|travaillais|travaillé|employée?|salariée?|embauchée?|bosse|stage|intérim|"
    r"job|boulot|taf|alternance|apprentissage|cdd|cdi)"
    r"\s+(?:chez|pour|à la|au|dans la|dans le)|"
    # a job title between: « un emploi d'employé de rayon au Carrefour de Montluçon »
    r"\b(?:emploi|poste|job|contrat|cdd|cdi|stage)\s+(?:d['’]|de\s)"
    r"(?:(?!(?:que|qui|dont|où)\b)[a-zà-ÿ-]+\s){1,4}?"
    r"(?:chez|au|à la|à l['’])|"
    # « salariée de l'agence Azur Présence », « mon ancien magasin, le Monoprix Nantes »
    r"\bsalariée?s?\s+de\s+(?:l['’]agence|la société|la societe|l['’]entreprise|"
    r"l['’]association|la boulangerie|la ferme)|"
    r"\bmon\s+(?:ancien\s+)?(?:magasin|supermarché|supermarche|restaurant|hôtel|hotel),\s+(?:le|la|l['’]))"
    # what the firm does may come first: "le cabinet d'architecture Sarrazin"
    r"(?:\s+(?:de|d['’]|du|des)\s*[a-zà-ÿ]{3,}(?:[ -][a-zà-ÿ]{3,})?(?=\s+[A-ZÀ-Ý]))?"
    rf"\s+(?P<name>(?:(?:Le|La|De|Du|Des|Van|Da|Ben|El|de la|de|du|des)\s+)?[{_UP}][\w'’-]+(?:\s+(?:et\s+)?(?:fils|frères|[{_UP}][\w'’-]+)){{0,2}})"
)


#: The same typed in lower case: "garage castellani", "l earl fontaine".
LOWER_EMPLOYER = scan.compile(
    rf"(?i:\b(?P<kind>{_SHOPS}|épicerie|epicerie|ferme|gaec|earl|sarl|sas|"
    r"eurl|sci|garage|cabinet|pharmacie|maçonnerie|maconnerie|transports|ets|ambulances|taxis|"
    r"établissements|etablissements|restaurant|salon|atelier|entreprise|société|societe)\s+)"
    r"(?!d['’])(?P<name>"
    # a short first word that is no article: « crêperie ty breizh », « snack chez lili »
    r"(?:(?!(?:du|de|la|le|les|en|au|aux|un|et|ou|sa|se|ce|il|on|je|me|te|ne|ma|ta|si|ni|son|"
    r"des|une|sur|par|pas|qui|que|est|mon|ton|nos|vos|ses|ces|leur|pour|dans|avec|sans|chez)[ \t])"
    r"[a-zà-ÿ]{2,3}[ \t]+(?=[a-zà-ÿ]{3}))?"
    r"[a-zà-ÿ][a-zà-ÿ'’]{2,}(?:-[a-zà-ÿ]{2,})*)(?![\w-])"  # not « d'architectes »
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
_ADJECTIVE_END = scan.compile(r"(?:elle|ale|ique|ive|if|aire|ée|ee|euse|eux|ante|ente)$")


#: A trade in a story typed in capitals, and the owner's name right after: "BOULANGERIE PETIT".
UPPER_EMPLOYER = scan.compile(
    rf"\b(?:(?i:{_SHOPS})|ÉPICERIE|EPICERIE|FERME|GAEC|EARL|SARL|SAS|EURL|GARAGE|CABINET|"
    r"PHARMACIE|MAÇONNERIE|TRANSPORTS|ÉTABLISSEMENTS|ETABLISSEMENTS|ETS|RESTAURANT|SALON|ATELIER|"
    r"ENTREPRISE|SOCIÉTÉ|SOCIETE)\s+(?P<name>(?:(?:LE|LA|DE|DU|DA|VAN|BEN|EL)\s+)?[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})"
)


#: A firm named by its owner, with its trade after: "Da Silva Rénovation", "Martin Transports".
_TRADE_WORDS = frozenset(
    "rénovation renovation bâtiment batiment transports transport services immobilier plomberie "
    "électricité electricite conseil peinture taxi taxis ambulances ambulance paysage paysages "
    "maçonnerie maconnerie menuiserie couverture charpente coiffure auto autos nettoyage "
    "informatique boulangerie traiteur import export frères freres fils propreté proprete "
    "multiservices btp construction constructions location élagage elagage déménagement "
    "déménagements demenagement demenagements automobiles carrelage isolation toiture toitures "
    "terrassement chauffage climatisation piscines".split()
)


OWNER_FIRM = scan.compile(
    rf"(?P<owner>(?:(?:Le|La|De|Du|Da|Van|Ben|El|Mac|Mc)\s+)?[{_UP}][{_LOW}]+(?:[- ][{_UP}][{_LOW}]+)?)"
    r"\s+(?:Rénovation|Renovation|Bâtiment|Batiment|Transports|Immobilier|Plomberie|Électricité|"
    r"Electricite|Peinture|Taxis?|Ambulances?|Paysages?|Maçonnerie|Menuiserie|Couverture|"
    r"Charpente|Coiffure|Nettoyage|Informatique|Traiteur|Frères|Freres|et Fils|& Fils|"
    r"Propreté|Proprete|Multiservices|BTP|Constructions?|Élagage|Elagage|Déménagements?|"
    r"Demenagements?|Automobiles|Carrelage|Isolation|Toitures?|Terrassement|Chauffage|"
    r"Climatisation|Piscines|Maconnerie)\b"
)


#: A school named after a person, which locates a child: "l'école Jacques-Prévert".
SCHOOL = scan.compile(
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
HYPHENATED_SCHOOL = scan.compile(
    r"(?i:\b(?:école|ecole|collège|college|lycée|lycee|groupe scolaire|maternelle|crèche|creche|"
    r"ehpad|foyer|clinique|résidence|residence|cité|cite))"
    r"(?i:\s+(?:élémentaire|elementaire|maternelle|primaire|publique?|privée?|professionnel))*"
    # "école Jacques-Prévert", "école pierre-et-marie-curie"
    r"\s+(?P<name>(?P<first>[^\W\d_]+)-[^\W\d_]+(?:-[^\W\d_]+){0,3})(?![\w'’-])"
)


#: A boat someone lives or works on, by its name: "caseyeur de 9 mètres, le Mor Glaz",
#: "patron pêcheur sur le ker anna", "mon mari pêche sur le ar vag".
BOAT = scan.compile(
    r"(?i:(?:bateau|navire|voilier|chalutier|caseyeur|fileyeur|bolincheur|ligneur|palangrier|"
    r"senneur|goélette|goelette|vedette|catamaran)(?:\s+de\s+\d+\s*(?:m|mètres|metres))?\s*,?\s+"
    r"|(?:pêche|peche|pêcheur|pecheur|matelot|marin|embarqué|embarque|mousse)\s+sur\s+)"
    r"(?P<det>(?i:le|la|l['’]))\s*"
    r"(?P<name>[\w’'-]+(?:\s+(?!(?i:au|aux|à|a|de|du|des|en|et|avec|pour|qui|depuis|dans|un|une|"
    r"il|elle|on|je|j['’]|mais|pendant|avant|après|apres)(?![\w'’-]))[\w'’-]+){0,2})"
)


#: A place someone studies, is cared for, works or stays at, by a name that starts with a
#: capitalised article: « l'IME Les Saules », « le camping Les Pins Bleus », « l'hotel U
#: Catenacciu », « mon restaurant, Au Vieux Pressoir ». The capital on the article mid-sentence
#: says it is the place's own name; there are few of each, so it locates the person.
NAMED_ESTABLISHMENT_BEFORE = scan.compile(
    r"(?:(?P<school>(?i:école|ecole|collège|college|lycée|lycee|groupe scolaire|maternelle|"
    r"micro-crèche|micro-creche|crèche|creche|halte-garderie|internat|institut|clinique|"
    r"centre de loisirs|accueil de loisirs|centre de vacances|village vacances|colonie)|"
    r"IME|IEM|ITEP|IMPRO|ESAT|SESSAD|MECS|CHRS|CADA|EHPAD|Ehpad|MAS|FAM|"
    r"(?i:association|centre d'hébergement|centre d'hebergement|foyer|accueil de jour))|"
    r"(?P<firm>(?i:bistrot|bistro|bar-tabac|bar-restaurant|tabac-presse|tabac|hôtel-restaurant|hotel-restaurant|"
    rf"salon de coiffure|institut de beauté|{_SHOPS}|auberge|restaurant|ferme|domaine|"
    r"centre équestre|centre equestre|sci)))"
    r"(?:[ \t]*,)?[ \t]+$"
)

#: The name itself, which a capitalised article opens mid-sentence; the place's kind is looked
#: for only before one (scanning every position for a hundred kinds would cost more).
ARTICLE_NAME = scan.compile(
    r"(?<=[ \t,])(?P<name>(?:Les|Le|La|L['’]|Au|Aux|U|A|Lou|Al|El)[ \t]*"
    rf"[{_UP}][\w'’-]+(?:[ \t]+[{_UP}][\w'’-]+){{0,3}})"
)


#: A firm's legal form and its name after « du », « des », in lower case: « salariée au gaec du
#: moulin neuf ». A legal form is always followed by the firm's own name.
LOWER_LEGAL_FIRM = scan.compile(
    r"(?i:\b(?:gaec|earl|scea|sarl|sas|eurl|sci)[ \t]+(?:du|des|de la|de l['’]|de)[ \t]*)"
    r"(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]{2,}(?:[ \t]+[a-zà-ÿ][a-zà-ÿ'’-]{2,})?)"
)


#: A firm the author says they founded, by its name: « j'ai donc créé Papiers Facile 47 ».
FOUNDED_FIRM = scan.compile(
    r"(?i:\b(?:j['’]ai|nous avons|on a)[ \t]+(?:donc[ \t]+|alors[ \t]+)?"
    r"(?:cr[ée]{1,2}|fond[ée]|mont[ée]|lanc[ée]|ouvert)[ \t]+)"
    rf"(?P<name>[{_UP}][\w'’-]+(?:[ \t]+(?:[{_UP}0-9][\w'’-]*)){{0,3}})"
)


#: A firm named by several capitalised words where the author works, trains or rents:
#: « apprentie chez Le Fournil de Recouvrance », « licencié de chez Logistique Vercors »,
#: « mon employeur, les Menuiseries Garnaud », « ma boite Nettoyage Azur Services ».
EMPLOYER_CONTEXT = scan.compile(
    r"(?i:\b(?:chez|employeur|ma bo[iî]te|mon entreprise|mon bailleur|ma société|ma societe)"
    r"(?:[ \t]*[,:(][ \t]*|[ \t]+))(?:(?:les|la|le|l['’])[ \t]*(?=[A-ZÀ-Ý]))?"
    rf"(?P<name>(?:Le[ \t]+|La[ \t]+|Les[ \t]+|L['’])?[{_UP}][\w'’-]+"
    rf"(?:[ \t]+(?:&[ \t]+|(?:de|du|des|d['’])[ \t]*)?[{_UP}][\w'’-]+){{1,3}})"
)


#: A firm named after « mon entreprise, », in lower case, between commas: « mon entreprise,
#: chauffage thermique durand orléans, a failli… ».
FIRM_APPOSITION = scan.compile(
    r"(?i:\b(?:mon entreprise|ma société|ma societe|ma boîte|ma boite|mon commerce|mon magasin|"
    r"mon restaurant|mon garage|mon cabinet|mon employeur|mon exploitation|ma ferme|"
    r"ma structure|ma micro-entreprise|mon auto-entreprise)[ \t]*[,:(][ \t]*)"
    r"(?P<name>[^\W\d_][\w'’&-]*(?:[ \t]+[\w'’&-]+){0,4})(?=[ \t]*[,)])"
)

#: What opens a description rather than a name: « mon entreprise, une petite sarl, … ».
_NOT_A_FIRM = scan.compile(
    r"(?i:(?:un|une|le|la|les|l['’]|des|du|de|d['’]|qui|que|dont|il|elle|on|je|j['’]|c['’]|ce|"
    r"cette|mon|ma|mes|son|sa|ses|leur|notre|pourtant|donc|alors|enfin|même|meme|bien|déjà|"
    r"deja|depuis|pas|en|à|a|au|avec|pour|malgré|malgre|créée|creee|fondée|fondee|basée|basee|"
    r"spécialisée|specialisee|installée|installee)(?![\w'’-])|\w+(?:ée|ant|ante)(?![\w'’-]))"
)


#: The firm after « mon employeur, » by its kind and its capitalised name: « mon employeur, la
#: maison Jacquinet-Drouard à Épernay », « mon patron (les Ets Morvan) ».
FIRM_APPOSITION_KIND = scan.compile(
    r"(?i:\b(?:mon employeur|mon patron|ma patronne|ma boîte|ma boite|mon entreprise)[ \t]*[,:(][ \t]*"
    r"(?:(?:la|le|les|l['’])[ \t]*)?(?:maison|société|societe|entreprise|boîte|boite|groupe|cabinet|"
    r"domaine|exploitation|ets\.?|établissements|etablissements|sarl|sas|scea|gaec|earl|garage|"
    r"transports|champagne)[ \t]+)"
    rf"(?P<name>[{_UP}][\w'’&-]+(?:[ \t]+(?:&[ \t]+)?[{_UP}][\w'’&-]+){{0,2}})"
)


def firm_appositions(text: str, is_word: Callable[[str], bool]) -> list[tuple[int, int]]:
    """A firm's own name set between commas after « mon entreprise »: one of its words is no
    French word or is a commune (the owner's surname, the town)."""
    out = []
    for m in FIRM_APPOSITION.finditer(text):
        name = m.group("name")
        if _NOT_A_FIRM.match(name):
            continue
        words = re.findall(r"[^\W\d_][\w'’-]*", name)
        if any(not is_word(w.casefold()) or w in places() for w in words):
            out.append((m.start("name"), m.end("name")))
    for m in FIRM_APPOSITION_KIND.finditer(text):
        if m.group("name") not in places():
            out.append((m.start("name"), m.end("name")))
    return out


#: The street a business is on, right after its name: « [restaurant Sushi Yama] de la place
#: Plumereau », « [boulangerie Le Goff], rue de Siam ».
FIRM_STREET = scan.compile(
    r"[ \t]*(?:,[ \t]*|[ \t]+(?:de la|du|de l['’]|sur la|sur le|dans la|rue)?[ \t]*)"
    r"(?P<street>(?i:place|rue|avenue|boulevard|bd|quai|cours|allée|allee|impasse|chemin|route|"
    r"galerie|centre commercial)[ \t]+(?:(?i:de la|du|des|de|d['’])[ \t]*)?"
    r"[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){0,2})"
)


#: A firm in lower case after « chez », its owner's name last: « chez logistique dubreuil à
#: meaux ». The last word is no French word and no place.
LOWER_CHEZ_FIRM = scan.compile(
    r"(?<![\w'’])chez[ \t]+(?P<name>(?:[a-zà-ÿ][a-zà-ÿ'’-]{2,}[ \t]+){1,2}[a-zà-ÿ][a-zà-ÿ-]{2,})"
    r"(?=[ \t]*(?:[,.;:!?)\n]|$)|[ \t]+(?:à|a|au|en|depuis|pour|comme|dans|sur|et|où|qui|"
    r"pendant|jusqu)(?![\w'’-]))"
)


#: Charities of the whole country, named with an article: they locate no one.
NATIONAL_CHARITY = scan.compile(
    r"(?i:(?:les|le|la|l['’])[ \t]*(?:restos|restaurants du c|secours|croix-rouge|croix rouge|cimade|"
    r"petits frères|petits freres|apprentis d|banques? alimentaires?|armée du salut|armee du salut|"
    r"ligue|compagnons d|arche|maison des femmes|fondation|samu social))"
)


#: A firm by its own name after what it is or what it did to the author: « recruté par la
#: start-up Veloxia », « l'entrepôt Loginord de Thionville », « chez Formavenir 87 ».
FIRM_NAMED = scan.compile(
    r"(?i:(?<![\w'’-])(?:chez|la start-?up|l['’]entreprise|la société|la societe|la boîte|la boite|"
    r"l['’]entrepôt|l['’]entrepot|l['’]usine|l['’]organisme|le cabinet|l['’]agence|le groupe|la pme|"
    r"l['’]atelier|(?:recrutée?|embauchée?|licenciée?)(?:[ \t]+en[ \t]+\w+)?[ \t]+(?:par|de))"
    r"[ \t]+)"
    rf"(?P<name>(?-i:[{_UP}][\w'’-]+(?:[ \t]+(?:[{_UP}][\w'’-]+|\d{{1,3}})){{0,2}}))(?![\w'’-])"
)


#: Where the author or a relative works or trains, told by the job: « mon poste d'aide-soignante
#: à la clinique Pasteur », « elle est infirmière à la clinique du Parc », « ma formation
#: d'aide-soignante à l'ifas du centre hospitalier de libourne ».
CARE_WORKPLACE = scan.compile(
    r"(?i:(?:\bmon (?:poste|metier|métier|emploi|travail) (?:d['’]|de )|\bma formation (?:d['’]|de )|"
    r"\b(?:je suis|j['’]étais|j['’]etais|elle est|il est|elle était|il était|elle etait|il etait|"
    r"comme|en tant qu['’]e?)[ \t]*)"
    r"(?:aide-soignante?|infirmi[eè]re?|sage-femme|médecin|medecin|kiné|kine|"
    r"kinésithérapeute|brancardi(?:er|ère|ere)|secrétaire médicale|secretaire medicale|"
    r"auxiliaire de puériculture|auxiliaire de puericulture|puéricultrice|puericultrice|"
    r"cadre de santé|cadre de sante|agent(?:e)? hospitali(?:er|ère|ere)|manipulat(?:eur|rice)|"
    r"aide médico-psychologique|aide medico-psychologique|ambulanci(?:er|ère|ere)|interne)"
    r"(?:[ \t]+(?:de nuit|de jour|diplômée?|diplomee?))?[ \t]+(?:à|a|au|dans)[ \t]+"
    r"(?:la[ \t]+|le[ \t]+|l['’][ \t]*)?"
    r"(?P<kind>clinique|polyclinique|hôpital|hopital|maternité|maternite|ehpad|"
    r"centre hospitalier|chu|ch|centre de rééducation|centre de reeducation|centre de dialyse|"
    r"laboratoire|ifsi|ifas|institut))"
    r"(?P<name>(?:[ \t]+(?!(?i:sans|et|à|a|au|aux|depuis|pour|où|ou|qui|que|dont|avec|en|mais|car|"
    r"j|je|il|elle|on|nous|vous|ils|elles|quand|puis|donc|pendant|avant|après|apres|sur|mon|ma|"
    r"mes|son|sa|ses|un|une|depuis)(?![\w'’-]))"
    r"(?!(?<!\bde[ \t])(?i:le|la|les)(?![\w'’-]))[\w'’-]+){1,6})"  # « de la Croix-Rousse »
)


def named_firms(
    text: str,
    is_word: Callable[[str], bool],
    service: Callable[[str], bool],
    first_name: Callable[[str], bool],
) -> list[tuple[int, int]]:
    """Firms named after `FIRM_NAMED`'s words: some word of the name is no French word, no
    place and no service (« Veloxia », « Loginord »), or a number closes it (« Formavenir 87 »)."""
    out = []
    for m in FIRM_NAMED.finditer(text):
        words = m.group("name").split()
        if (
            any(service(w) for w in words)
            or (words[0].isupper() and len(words[0]) <= 6)  # « l'agence CGSS »: initials
            or words[0] in places()
            or m.group("name") in places()
        ):
            continue  # « l'agence France Travail », « l'agence CAF », « l'agence Vesoul »
        if len(words) == 1 and first_name(words[0]):
            continue  # « chez Paul »: a person, found as such
        if words[-1].isdigit() or any(not is_word(w.casefold()) for w in words if w.isalpha()):
            out.append((m.start("name"), m.end("name")))
    return out
