"""The moderation policy's reasons to refuse a story, each with a confidence in [0, 1]."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Flag:
    code: str
    confidence: float
    evidence: str


_STRIP_MARKS = {i: None for i in range(0x300, 0x370) if unicodedata.combining(chr(i))}


def fold(text: str) -> str:
    """Lower case without accents, for keyword rules."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    if not plain.isascii():
        plain = plain.translate(_STRIP_MARKS)
    return plain.replace("’", "'")


def _rx(*words: str) -> re.Pattern[str]:
    """Whole words or phrases of folded text; an apostrophe may be typed as a space or left out
    ("m ont controle", "controle d identite", "jai")."""
    tolerant = [w.replace("'", "(?:'|\\s)?") for w in words]
    return re.compile(r"(?<![a-z])(?:" + "|".join(tolerant) + r")(?![a-z])")


IN_SCOPE_ORGS = _rx(
    r"caf",
    r"cpam",
    r"ameli",
    r"assurance maladie",
    r"caisse d'allocations",
    r"msa",
    r"urssaf",
    r"france travail",
    r"pole emploi",
    r"impots",
    r"impot",
    r"dgfip",
    r"finances publiques",
    r"centre des finances",
    r"sip",
    r"tresor public",
    r"ants",
    r"prefecture",
    r"sous-prefecture",
    r"carsat",
    r"cnav",
    r"assurance retraite",
    r"caisse de retraite",
    r"securite sociale",
    r"carte vitale",
    r"passeport",
    r"carte d'identite",
    r"titre de sejour",
    r"permis de conduire",
    r"carte grise",
    r"certificat d'immatriculation",
    r"etat civil",
    r"acte de naissance",
    r"acte de mariage",
    r"acte de deces",
    r"livret de famille",
    r"mdph",
    r"crous",
    r"cnaf",
    r"allocation",
    r"apl",
    r"rsa",
    r"prime d'activite",
    r"chomage",
    r"declaration de revenus",
    r"prelevement a la source",
    r"taxe",
    r"naturalisation",
    r"consulat",
    r"ofii",
    r"caisse primaire",
    r"mutualite sociale",
    r"complementaire sante",
    r"aah",
    r"arret maladie",
    r"indemnites journalieres",
    r"remboursement de soins",
)
COMMERCIAL = _rx(
    r"sncf",
    r"tgv",
    r"ter",
    r"ouigo",
    r"ratp",
    r"la poste",
    r"facteur",
    r"colis",
    r"colissimo",
    r"chronopost",
    r"banque",
    r"ma banque",
    r"credit agricole",
    r"bnp",
    r"societe generale",
    r"caisse d'epargne",
    r"lcl",
    r"edf",
    r"engie",
    r"orange",
    r"sfr",
    r"bouygues",
    r"free",
    r"operateur",
    r"compagnie aerienne",
    r"air france",
    r"mon assureur",
    r"assureur",
    r"supermarche",
    r"magasin",
    r"amazon",
    r"fournisseur d'electricite",
    r"box internet",
    r"compagnie",
    r"billet de train",
    r"controleur du train",
)
LOCAL_MATTERS = _rx(
    r"creche",
    r"cantine",
    r"voirie",
    r"nids?-de-poule",
    r"nids? de poule",
    r"trottoirs?",
    r"eclairage public",
    r"lampadaires?",
    r"ramassage",
    r"ordures",
    r"poubelles?",
    r"dechets",
    r"dechetterie",
    r"encombrants",
    r"piscine municipale",
    r"mediatheque",
    r"bibliotheque municipale",
    r"periscolaire",
    r"centre de loisirs",
    r"espaces verts",
    r"stationnement",
    r"parking",
    r"police municipale",
    r"conseil municipal",
    r"travaux de la rue",
    r"chaussee",
)
MAIRIE_IN_SCOPE = _rx(
    r"carte d'identite",
    r"passeport",
    r"etat civil",
    r"acte de naissance",
    r"acte de mariage",
    r"acte de deces",
    r"livret de famille",
    r"titre d'identite",
    r"cni",
    r"recensement citoyen",
    r"pre-demande",
    r"inscription sur les listes electorales",
    r"pacs",
)
TEACHING = _rx(
    r"dissertations?",
    r"hors programme",
    r"annotations?",
    r"sujets? de",
    r"institutrice",
    r"instituteur",
    r"maitresse",
    r"professeure?s?",
    r"profs?",
    r"enseignante?s?",
    r"pedagogie",
    r"pedagogique",
    r"dictees?",
    r"programme scolaire",
    r"devoirs",
    r"lecons?",
    r"bulletin",
    r"methode de lecture",
    r"en classe",
    r"la classe",
    r"ses cours",
    r"les cours",
    r"ses notes",
    r"corrige(?:r|nt)? (?:les|ses) copies",
    r"niveau de la classe",
    r"enseignements?",
    r"partiels?",
    r"amphis?",
    r"cours magistra(?:l|ux)",
    r"methodes? d'enseignement",
    r"diapositives",
)
SCHOOL = _rx(
    r"ecole",
    r"college",
    r"lycee",
    r"classe",
    r"eleves?",
    r"universite",
    r"fac",
)
_CONTROL_STRONG_WORDS = (
    r"garde a vue",
    r"interpelle(?:e|s)?",
    r"menotte(?:e|s)?",
    r"controle de police",
    r"controle d'identite",
    r"controle routier",
    r"controle fiscal",
    r"controle douanier",
    r"(?:mis|mise|donne|colle|inflige|recu|eu|prendre|pris|dresse|dressee|dresser) une? "
    r"(?:amende|contravention|pv|proces-verbal)",
    # controlled by the police, the gendarmes or customs, whatever the verb's form
    r"controle(?:e|s|es)? (?:\w+ )?(?:fois )?par (?:la police|les policiers|des policiers|"
    r"la gendarmerie|les gendarmes|des gendarmes|la douane|les douaniers|des douaniers|"
    r"la bac|les agents de police)",
    r"palpations?",
    r"fouille au corps",
    r"(?:une|mon|cette|l') (?:amende|contravention) de \d+",
    r"avis de contravention",
    r"flashe(?:e)?",
    r"verbalise(?:e)?",
    r"policiers? m'ont",
    r"gendarmes? m'ont",
    r"douaniers? m'ont",
    r"arrete(?:e)? par",
    r"controles? de police",
    r"controles? d'identite",
    r"controles? routiers?",
    r"controles? fiscaux",
    r"controles? douaniers?",
    r"fouille(?:e|s)? devant",
    r"m'ont fouille(?:e)?",
    r"redressement",
    r"controle (?:de l')?urssaf",
    r"verification de comptabilite",
    r"controle de (?:mon|ma) (?:entreprise|societe|restaurant|commerce|comptabilite)",
)
CONTROL_STRONG = _rx(*_CONTROL_STRONG_WORDS)
CONTROL = _rx(
    *_CONTROL_STRONG_WORDS,
    r"douaniers?",
    r"amende",
    r"contravention",
    r"proces-verbal",
    r"pv",
    r"radar",
    r"retrait de points",
    r"les policiers",
    r"les gendarmes",
    r"fouille(?:e)?",
    r"controle",
    r"commissariat",
    r"gendarmerie",
)
_LEGAL_STRONG_WORDS = (
    r"tribunal",
    r"jugement",
    r"juge",
    r"audience",
    r"avocate?",
    r"proces",
    r"cour d'appel",
    r"conseil d'etat",
    r"recours contentieux",
    r"commission de recours amiable",
    r"decision de justice",
    r"prud'hommes",
    r"contentieux",
    r"pole social",
    r"condamne(?:e)?",
)
LEGAL_STRONG = _rx(*_LEGAL_STRONG_WORDS)
LEGAL = _rx(
    *_LEGAL_STRONG_WORDS,
    r"tribunaux",
    r"cra",
    r"plainte",
    r"saisi le",
    r"huissier",
    r"litige",
    r"mediateur",
)
#: Someone selling their own services.
_SELF_PROMOTION_WORDS = (
    r"appelez-moi",
    r"contactez-moi",
    r"ecrivez-moi",
    r"confiez-moi",
    r"clients? satisfaits?",
    r"je m'occupe de tout",
    r"avec le code",
    r"mes services",
    r"mes tarifs",
    r"premier rendez-vous offert",
)
SPAM = _rx(
    r"offre",
    r"promo",
    r"promotion",
    r"profitez",
    r"notre site",
    r"notre agence",
    r"nos services",
    r"contactez-nous",
    r"cliquez",
    r"code promo",
    r"meilleur prix",
    r"seulement \d+",
    r"a partir de \d+",
    r"devis",
    r"commandez",
    r"rendez-vous sur",
    r"inscrivez-vous",
    r"livraison",
    r"reduction",
    r"tarif",
    r"en 24h",
    r"satisfait ou rembourse",
    r"n'hesitez pas a nous contacter",
    r"whatsapp",
    r"offerte?s?",
    r"likez",
    r"partagez",
    r"adhesion",
    r"plus d'infos",
    r"nos experts?",
    r"appelez-nous",
    r"par mois",
    r"notre association",
    r"notre page",
    r"abonnez-vous",
    r"rejoignez",
    # the vocabulary of social-network money schemes: "lien dans ma bio", "écrivez en DM"
    r"lien dans (?:ma|la|notre) bio",
    r"en dm",
    r"trading",
    r"crypto(?:s|monnaies?)?",
    r"bitcoin",
    r"forex",
    r"formation gratuite",
    r"revenus? passifs?",
    r"argent facile",
    r"code parrain",
    r"\d+ ?(?:€|euros?) ?(?:/|par) ?jour",
    r"gratuite?s?",
    r"parrainage",
    r"lien en bio",
    r"foncez",
    r"-\d+ ?%",
    r"coach",
    r"en \d+ videos?",
    r"cabinet prive",
    r"partage leurs? (?:contacts?|coordonnees|numero)",
    r"tout compris",
    r"meilleur investissement",
    r"(?:premiere )?consultation (?:gratuite|offerte)",
    r"repond(?:ent)? meme le (?:week-end|dimanche|soir)",
    # calls to act on an offer: follow, call, join, pass by them, a code, a guarantee
    r"suivez[- ](?:nous|les|la|le|moi)",
    r"suivez-nous",
    r"appelez (?:[a-z]+ )?(?:au|de ma part)",
    r"appelez-(?:les|la|le)",
    r"de ma part",
    r"resultats? garantis?",
    r"garantie? en \d+",
    r"ou rembourse",
    r"on s'occupe de tout",
    r"on a la solution",
    r"nous avons la solution",
    r"a votre place",
    r"passer par eux",
    r"passez par (?:eux|nous)",
    r"adherer",
    r"adherez",
    r"nouveaux adherents",
    r"leur site",
    r"7j/7",
    r"24h/24",
    r"\d+ ?(?:€|euros?) seulement",
    r"seulement \d+ ?(?:€|euros?)",
    r"\d+ ?% de reduction",
    *_SELF_PROMOTION_WORDS,
)
_ABUSIVE_STRONG_WORDS = (
    r"connards?",
    r"connasses?",
    r"connes?",
    r"grosse vache",
    r"petasses?",
    r"pouffiasses?",
    r"chienne",
    r"cretins?",
    r"abrutis?",
    r"merde",
    r"putains?",
    r"salopes?",
    r"salauds?",
    r"batards?",
    r"bons a rien",
    r"nazis?",
    r"negres?",
    r"bougnoules?",
    r"youpins?",
    r"tarlouzes?",
    r"fils de pute",
    r"ta gueule",
    r"feignasses?",
    r"vermines?",
    r"imbeciles?",
    r"se faire voir",
    r"encul\w*",
    r"gros cons?",
    r"a la con",
    r"pisser dessus",
    r"racailles?",
    r"rentrent chez eux",
    r"vrais? francais",
    r"que des etrangers",
    r"au bled",
    r"(?:c'est|c est) plus la france",
    r"dans leur pays",
    r"(?:renvoyer|renvoyez|virer) (?:tout ce monde|ces gens|tous ces gens|les etrangers)",
    r"rentrer chez eux",
    r"retournent? (?:dans leur|chez eux)",
    r"plus en france",
    r"corrompue?s?",
    r"detourne(?:nt)? l'argent",
    r"pistonne",
)
ABUSIVE_STRONG = _rx(*_ABUSIVE_STRONG_WORDS)
ABUSIVE = _rx(
    *_ABUSIVE_STRONG_WORDS,
    r"con",
    r"cons",
    r"debiles?",
    r"encules?",
    r"bouffons?",
    r"pd",
    r"pourris?",
    r"fainéants?",
    r"faineants?",
    r"parasites",
    r"ordures",
    r"bande de",
    r"idiots?",
    r"nuls?",
    r"incapables",
    r"mafia",
    r"etrangers",
    r"ces gens-la",
    r"profitent du systeme",
    r"escrocs?",
    r"voleurs?",
    r"voleuse",
    r"en prison",
)
POLITICAL = _rx(
    r"gouvernement",
    r"ministres?",
    r"president de la republique",
    r"macron",
    r"le pen",
    r"melenchon",
    r"elections?",
    r"voter",
    r"votez",
    r"vote",
    r"majorite",
    r"opposition",
    r"partis?",
    r"la gauche",
    r"la droite",
    r"extreme",
    r"rn",
    r"lfi",
    r"deputes?",
    r"senat",
    r"assemblee nationale",
    r"politique",
    r"politiciens?",
    r"reforme",
    r"elus?",
    r"manif",
    r"greve",
    r"syndicats?",
    r"regime",
    r"dictature",
    r"propagande",
    r"ce pays",
)
_REQUEST_STRONG_WORDS = (
    r"je demande (?:a|au|aux) (?:la |l'|le )?[a-z]+ de",
    r"traitez",
    r"debloquez",
    r"versez-moi",
    r"rappelez-moi",
    r"regularisez",
    r"pouvez-vous",
    r"pourriez-vous",
    r"pouvez vous",
    r"pourriez vous",
    r"merci de me",
    r"je vous demande",
    r"ou en est mon dossier",
    r"ou en est ma demande",
    r"debloquer mon dossier",
    r"quand vais-je",
    r"j'exige",
    r"merci de regulariser",
    r"je reclame",
    r"je sollicite",
    r"merci de bien vouloir",
    r"j'ai l'honneur de (?:solliciter|demander|vous demander)",
    r"je vous remercie (?:par avance|d'avance) de",
    r"je vous prie de bien vouloir",
    r"vous pouvez (?:regarder|debloquer|verifier|traiter|regulariser|corriger) (?:mon|ma|mes)",
    r"(?:pouvez|pourriez) vs",
    r"rappelez(?:-| )moi",
    r"quand (?:est-ce que )?je vais (?:etre|toucher|recevoir)",
    r"qd je vais",
)
REQUEST = _rx(
    r"je demande",
    r"je souhaite obtenir",
    r"je voudrais savoir",
    r"j'aimerais savoir",
    r"quand est-ce que je",
    r"a quelle date",
    r"me repondre",
    r"solliciter",
    r"de bien vouloir",
    r"je vous prie",
    r"veuillez",
    r"quelqu'un peut-il",
    r"qui peut m'aider",
    r"comment faire pour",
    r"que dois-je faire",
    r"dois-je",
    r"est-ce normal",
    r"aidez-moi",
    r"rembourser mon",
    r"me verser",
    r"merci de faire",
    r"je conteste",
    r"me soit versee?",
    r"qu'on recalcule",
    r"je veux qu'on",
    r"svp",
    r"s'il vous plait",
    r"pouvez vs",
    r"pourriez vs",
    r"rappelez(?:-| )moi",
    r"repondez(?:-| )moi",
    *_REQUEST_STRONG_WORDS,
)
#: A question put to the service ("pouvez-vous…?", "où en est mon dossier ?"), not a
#: rhetorical one ("pourquoi le site ne dit pas ça ?").
_ADDRESSED = re.compile(r"(?:vous|svp|mon dossier|ma demande|ma bourse|mes droits|mon allocation)")
_QUESTION = re.compile(r"[^.!?\n]*\?")
FIRST_PERSON = _rx(
    r"je", r"j'", r"moi", r"mon", r"ma", r"mes", r"me", r"m'", r"nous", r"notre", r"nos", r"j"
)
OPINION = _rx(
    r"il faudrait",
    r"il faut",
    r"devraient",
    r"devrait",
    r"a mon avis",
    r"selon moi",
    r"en general",
    r"de nos jours",
    r"les gens",
    r"tout le monde",
    r"on devrait",
    r"je pense que",
    r"c'est mon avis",
    r"du bon sens",
    r"doit avoir",
    r"doivent",
    r"je trouve que",
    r"il est scandaleux que",
    r"petit conseil",
    r"conseil pour",
    r"pensez a",
    r"je conseille",
    r"tout le monde sait",
    r"on dit que",
    r"ce serait",
    r"je suis pour",
    r"je suis contre",
)
#: The author says it did not happen to them: hearsay, advice, a general view.
NOT_LIVED = _rx(
    r"je n'ai pas (?:moi-meme )?de (?:probleme|dossier|souci)",
    r"un ami m'a raconte",
    r"une amie m'a raconte",
    r"on m'a raconte",
    r"d'apres ce qu'on lit",
    r"sur les forums",
    r"il parait que",
    r"j'ai entendu dire",
    r"pour ceux qui",
    r"je n'ai jamais eu affaire",
    r"donner mon avis",
    r"mon avis sur",
    r"je voulais (?:simplement |juste )?dire que",
    r"m'a raconte",
    r"m'ont raconte",
    r"j'ai lu",
    r"je ne suis pas (?:encore |moi-meme )?concernee?",
    r"je n'ai pas assiste",
    r"je n'ai pas (?:de |eu de )?(?:difficulte|probleme|souci)s?(?: (?:personnel|particulier)(?:le)?s?)?",
    r"(?:d'apres )?ce qu'(?:elle|il|ils|elles) m'(?:a|ont) dit",
    r"ce qui (?:est )?arrive a (?:ma|mon|mes|notre|nos)",
    r"d'ordre general",
    r"je me permets de vous (?:soumettre|proposer)",
    r"un ami d'(?:un )?ami",
    r"apparemment",
    r"si c'est vrai",
    r"quelqu'un a deja",
    r"on entend (?:toujours|souvent|partout)",
)
NARRATIVE = _rx(
    r"j'ai",
    r"je suis",
    r"j'etais",
    r"on m'a",
    r"m'a",
    r"m'ont",
    r"nous avons",
    r"ma demande",
    r"mon dossier",
    r"ma carte",
    r"mon rendez-vous",
    r"j'avais",
    r"je me suis",
    r"j'attends",
    r"j ai",
    r"jai",
    r"jsuis",
    r"chui",
    r"j etais",
    r"jetais",
    r"on m a",
    r"m a",
    r"m ont",
    r"j avais",
    r"javais",
    r"je n'ai",
    r"je n'arrive",
    r"j'appelle",
    r"recu",
)
#: Something that happened to the author: a first-person past tense with a participle ("j'ai
#: envoyé", "on m'a répondu", "nous avions reçu"); "j'ai lu" is reading, not living.
LIVED_EVENT = re.compile(
    r"(?<![a-z])(?:j'ai|j ai|jai|j'avais|j avais|javais|je suis|je me suis|j'etais|nous avons|"
    r"nous sommes|nous avions|on a|on est|on m'a|on m a|m'a|m'ont|m a|m ont|nous a|nous ont|"
    r"je n'ai|je n ai|on avait)\s+(?:(?:pas|jamais|rien|bien|deja|enfin|toujours|finalement|"
    r"meme|tout|plus|aussi|vite|ensuite|alors)\s+)*(?!(?:lu|raconte|un|une|le|la|les|des|du|de|pas|que|"
    r"qui|tres|trop|plus|tout|toute|tous|rien|bien|mal|ete|fait)(?![a-z]))[a-z]+"
    r"(?:e|es|ee|ees|i|is|ie|u|us|ue|ues|t|it|ert|ait)(?![a-z])"
)
#: A person or a file of the author's own: a story has them, a general view rarely does.
OWN = _rx(
    r"(?:mon|ma|mes|notre|nos) (?:fils|fille|mari|femme|epoux|epouse|pere|mere|papa|maman|"
    r"enfants?|conjointe?|compagnon|compagne|frere|soeur|grand-mere|grand-pere|bebe|voisine?|"
    r"dossier|demande|rendez-vous|courrier|attestation|carte|titre|permis|passeport|declaration|"
    r"pension|allocation|retraite|arret|numero)"
)
_MONTHS = (
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
)
#: The time line of a case: a story has one, an opinion has none.
TIMELINE = _rx(
    r"depuis (?:\d+|un|une|des|deux|trois|quatre|cinq|six|huit|dix|quinze|plusieurs) "
    r"(?:jours?|semaines?|mois|ans)",
    r"au bout d[e']",
    r"finalement",
    r"le lendemain",
    r"la semaine (?:suivante|d'apres|derniere)",
    r"le mois (?:suivant|d'apres|dernier)",
    rf"(?:en|fin|debut|mi-?|le \d+(?:er)?) {_MONTHS}",
    r"ce matin",
    r"hier",
    r"il y a (?:\d+|un|une|deux|trois|quatre|cinq|six|quelques|plusieurs) (?:jours?|semaines?|mois)",
    r"g (?:fait|eu|recu|envoye|appele|attendu|du)",
    # what the service did in the case, told without "je": "la CAF a versé la prime"
    r"a (?:verse|traite|repondu|rappele|envoye|accorde|valide|regularise|corrige|rembourse|"
    r"retrouve|debloque)",
    r"(?:a|ont) ete (?:versee?s?|traitee?s?|accordee?s?|validee?s?|regularisee?s?|"
    r"remboursee?s?|debloquee?s?)",
    r"traitee? sans relance",
)
#: Views on the system at large, news read or heard, the author standing outside the case.
GENERAL_VIEW = _rx(
    r"il me semble",
    r"me paraissent",
    r"me parait",
    r"gagnerai(?:en)?t a",
    r"je pense (?:egalement|aussi|vraiment)",
    r"de nombreux pays",
    r"pays (?:europeens|nordiques|voisins)",
    r"suggestion",
    r"de bon sens",
    r"propositions? generales?",
    r"me paraitrait",
    r"pourraient beneficier a tous",
    r"citoyen attentif",
    r"j'ai lu",
    r"dans la presse",
    r"les journalistes",
    r"a la tele",
    r"a la radio",
    r"parait-il",
    r"moi-meme",
    r"pas eu affaire",
    r"reflexion",
    r"je voudrais dire",
    r"les usagers",
    r"les personnes agees",
    r"de plus en plus",
    r"on parle",
    r"que je connais",
    r"autour de moi",
    r"les francais",
    r"la plupart",
    r"beaucoup de gens",
    r"des milliers",
)
#: Organisations ticked in the form that name no service: a counter for all, "other".
GENERIC_ORGANISATIONS = frozenset(
    {"", "france services", "maison france services", "autre", "autres", "other", "je ne sais pas"}
)
#: A service, a benefit or a procedure named beyond the networks' own: a story that names none
#: of these nor any organisation ("mes papiers", "ma démarche", "eux") is too vague to route.
PROCEDURE = _rx(
    r"retraites?",
    r"pensions?",
    r"inscriptions?",
    r"inscrire",
    r"affectation",
    r"dsden",
    r"rectorat",
    r"academie",
    r"college",
    r"lycee",
    r"ecole",
    r"universite",
    r"fac",
    r"crit'air",
    r"vignette",
    r"bourses?",
    r"logement",
    r"hlm",
    r"handicap",
    r"rqth",
    r"visa",
    r"nationalite",
    r"sejour",
    r"permis",
    r"immatriculation",
    r"amendes?",
    r"douanes?",
    r"gendarmes?",
    r"gendarmerie",
    r"police",
    r"policiers?",
    r"tribunal",
    r"juge",
    r"electricite",
    r"factures?",
    r"compteur",
    r"mutuelle",
    r"medecin",
    r"hopital",
    r"naissance",
    r"mariage",
    r"deces",
    r"identite",
    r"cotisations?",
    r"remboursements?",
    r"indemnites?",
    r"aides? (?:au|a la|aux|de|d')\s?[a-z]+",
)
SCHOOL_PROCEDURE = _rx(
    r"inscription",
    r"inscrire",
    r"inscrit",
    r"affectation",
    r"derogation",
    r"carte scolaire",
    r"bourses?",
    r"transport scolaire",
    r"dossier",
    r"certificat de scolarite",
    r"parcoursup",
    r"affelnet",
)
FAMILY_BACKGROUND = re.compile(
    r"(?<![a-z])(?:juge aux affaires familiales|jaf|jugement de divorce|jugement du divorce|"
    r"divorce prononce|ordonnance de non-conciliation|pension alimentaire|garde alternee|"
    r"decision du juge aux affaires familiales|juge des enfants)(?![a-z])"
)
#: Going to law: an appeal or a hearing makes a judgment the story's subject.
LITIGATION = _rx(
    r"(?:fait|faire|interjete|forme) appel",
    r"cour d'appel",
    r"audience",
    r"mon avocate?",
    r"contester (?:le|ce) jugement",
    r"conteste (?:le|ce) jugement",
)
COURT = _rx(
    r"tribunal",
    r"tribunaux",
    r"cour d'appel",
    r"conseil d'etat",
    r"prud'hommes",
    r"pole social",
    r"recours contentieux",
    r"audience",
    r"avocate?",
)
#: An insult aimed at people, not a word in passing ("des voleurs m'ont pris mon sac" is a theft).
INSULT_AT_PEOPLE = re.compile(
    r"(?:c'est|c est|ce sont|est) (?:un|une|des) (?:voleur|voleuse|escroc|voleurs|escrocs|pourri|"
    r"ripou|corrompue?|menteur|menteuse|incapable)s?(?![a-z])|"
    r"(?:des|bande de|tous des|sont des|c'est des|ce sont des|espece d'|espece de|que des|"
    r"tas de|ramassis de|bande d')\s*(?:voleurs|escrocs|incapables|nuls|faineants|parasites|"
    r"idiots|feignants|branleurs|guignols|clowns|bons a rien|ripoux|pourris)"
)
#: A question to the service about one's own file, beyond a doubt.
REQUEST_STRONG = _rx(*_REQUEST_STRONG_WORDS)
SELF_PROMOTION = _rx(*_SELF_PROMOTION_WORDS)
#: The polite endings of a formal letter: no request in them.
CLOSING_FORMULA = re.compile(
    r"(?:veuillez|je vous prie d(?:e |')|nous vous prions d(?:e |'))\s*"
    r"(?:agreer|recevoir|croire|accepter)"
)
#: A sentence about a separation, custody or support: a judge there is the family's background.
FAMILY_CONTEXT = _rx(
    r"divorces?",
    r"separation",
    r"separes?",
    r"garde",
    r"pension alimentaire",
    r"affaires familiales",
    r"residence (?:alternee|des enfants|habituelle)",
    r"droit de visite",
    r"ex-(?:mari|femme|conjointe?|compagne?)",
    r"mon ex",
)
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+")
_DOMAIN = re.compile(r"(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|io|eu)(?![\w-])")
_PUBLIC = (
    r"gouv|ameli|caf\.fr|msa\.fr|urssaf|francetravail|pole-emploi|service-public|impots|ants\.|"
    r"info-retraite|lassuranceretraite|mesdroitssociaux|mesdemarches|franceconnect|legifrance|"
    r"etudiant\.gouv|messervices"
)
_PUBLIC_DOMAIN = re.compile(_PUBLIC)
#: A public service's address, with its scheme and path: not an advertisement.
_PUBLIC_URL = re.compile(rf"(?:https?://)?(?:www\.)?[a-z0-9.-]*(?:{_PUBLIC})[a-z0-9./_?=&#%-]*")
_URL_PREFIX = re.compile(r"(?<![a-z])(?:https?://|www\.)")


def _hits(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group() for m in pattern.finditer(text)]


def _years_ago(submitted: datetime, lived: date) -> float:
    return (submitted.date() - lived).days / 365.25


def check(
    title: str,
    description: str,
    organisms: Iterable[str],
    experience_date: date | None,
    submitted_at: datetime,
    language: tuple[str, float],
) -> list[Flag]:
    """Every policy flag the story raises."""
    text = fold(f"{title}\n{description}")
    body = fold(description)
    orgs = fold(" ".join(organisms))
    flags: list[Flag] = []
    words = re.findall(r"[a-z']+", body)

    lang, lang_confidence = language
    if lang != "fr" and lang_confidence >= 0.5:
        flags.append(Flag("FOREIGN_LANGUAGE", min(1.0, lang_confidence + 0.2), lang))
        return flags  # the French rules below do not apply to a foreign text

    in_scope = _hits(IN_SCOPE_ORGS, f"{orgs}\n{text}")
    commercial = _hits(COMMERCIAL, f"{orgs}\n{text}")
    local = _hits(LOCAL_MATTERS, text)
    mairie = "mairie" in orgs or "mairie" in text or "commune" in orgs
    if commercial and not in_scope:
        flags.append(Flag("OUT_OF_SCOPE", 0.9, commercial[0]))
    elif local and not _hits(MAIRIE_IN_SCOPE, text) and (mairie or not in_scope):
        flags.append(Flag("OUT_OF_SCOPE", 0.85, local[0]))
    elif mairie and not in_scope and not _hits(MAIRIE_IN_SCOPE, text):
        flags.append(Flag("OUT_OF_SCOPE", 0.5, "mairie"))

    # The policy's two years run from the experience date the author gives, never from a year
    # the text mentions ("un terrain vendu en 2023", "mon permis obtenu en 1979").
    if experience_date is not None and _years_ago(submitted_at, experience_date) > 2:
        flags.append(Flag("TOO_OLD", 0.95, experience_date.isoformat()))

    teaching = sorted(set(_hits(TEACHING, text)))
    if teaching and (len(teaching) >= 2 or _hits(SCHOOL, text)):
        # Enrolment, a grant, a school bus are procedures: only pedagogy itself is out of bounds.
        sure = len(teaching) >= 3 or (len(teaching) >= 2 and not _hits(SCHOOL_PROCEDURE, text))
        flags.append(Flag("TEACHING", 0.9 if sure else 0.5, teaching[0]))

    strong = _hits(CONTROL_STRONG, text)
    if strong:
        flags.append(Flag("UNDERGONE_CONTROL", 0.9, strong[0]))
    elif len(_hits(CONTROL, text)) >= 2 and not _hits(IN_SCOPE_ORGS, orgs):
        flags.append(Flag("UNDERGONE_CONTROL", 0.6, _hits(CONTROL, text)[0]))

    # A family judge's ruling behind a change of benefit is background, not the story's subject.
    # ... unless the author goes to law over it: an appeal, a hearing, a lawyer.
    litigated = LITIGATION.search(text)
    legal_text = (
        text
        if litigated
        else " ".join(
            sentence
            for sentence in _SENTENCES.split(FAMILY_BACKGROUND.sub(" ", text))
            if not FAMILY_CONTEXT.search(sentence)
        )
    )
    legal = sorted(set(_hits(LEGAL_STRONG, legal_text)))
    if legal:
        court = _hits(COURT, legal_text)
        sure = len(legal) >= 2 or bool(court)
        flags.append(
            Flag("LEGAL_DECISION", 0.9 if len(legal) >= 2 else 0.8 if sure else 0.6, legal[0])
        )
    elif len(set(_hits(LEGAL, legal_text))) >= 2:
        flags.append(Flag("LEGAL_DECISION", 0.5, _hits(LEGAL, legal_text)[0]))

    # A link to the service's own site is no advertisement: only other domains count.
    links = [d for d in _DOMAIN.findall(text) if not _PUBLIC_DOMAIN.search(d)]
    bare = _URL_PREFIX.findall(_PUBLIC_URL.sub(" ", text))
    spam = set(_hits(SPAM, text)) | set(links) | set(bare)
    promotion = set(_hits(SELF_PROMOTION, text))
    offer = (spam - promotion) | set(links)
    if promotion and offer and ("[telephone]" in text or "[email]" in text):
        # a promotion that gives its own number or address; "écrivez-moi : [email]" at the
        # end of a story, with nothing on offer, is an author who wants to help
        spam.add("contact")
    if len(spam) >= 2:
        flags.append(Flag("SPAM", min(1.0, 0.5 + 0.15 * len(spam)), sorted(spam)[0]))

    abusive = _hits(ABUSIVE_STRONG, text) + _hits(INSULT_AT_PEOPLE, text)
    if abusive:
        flags.append(Flag("ABUSIVE", 0.9, abusive[0]))
    elif len(_hits(ABUSIVE, text)) >= 2:
        flags.append(Flag("ABUSIVE", 0.6, _hits(ABUSIVE, text)[0]))

    # A minister or a reform named in passing is context; opinions pile up words.
    political = set(_hits(POLITICAL, text))
    if len(political) >= 2:
        flags.append(
            Flag("POLITICAL", min(1.0, 0.25 + 0.15 * len(political)), sorted(political)[0])
        )

    requests = _hits(REQUEST, CLOSING_FORMULA.sub(" ", body))
    if requests:
        asks = sum(1 for q in _QUESTION.findall(body) if _ADDRESSED.search(q)) + len(requests)
        strong = _hits(REQUEST_STRONG, body)
        flags.append(Flag("PERSONAL_REQUEST", 0.85 if asks >= 2 or strong else 0.6, requests[0]))

    first_person = len(_hits(FIRST_PERSON, body))
    narrative = len(_hits(NARRATIVE, body))
    timeline = len(set(_hits(TIMELINE, body)))
    # "je n'ai jamais eu affaire", "m'a raconté": words of a story that say none was lived
    told = len(_hits(NOT_LIVED, body))
    own = len(_hits(OWN, body)) if told < 2 else 0  # hearsay about a neighbour is hers
    lived = max(narrative - told, len(LIVED_EVENT.findall(body)) - told) + own + timeline
    general = sorted(
        set(_hits(OPINION, body)) | set(_hits(NOT_LIVED, body)) | set(_hits(GENERAL_VIEW, body))
    )
    if first_person == 0 and narrative == 0 and timeline == 0:
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.85, "no first person"))
    elif len(general) >= 2 and lived <= 1:
        # Views on the system and news heard, with at most one thing that happened to the author.
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.8, general[0]))
    elif narrative == 0 and (opinion := _hits(OPINION, body)):
        sure = len(opinion) >= 2 or bool(_hits(NOT_LIVED, body))
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.8 if sure else 0.6, opinion[0]))
    elif (
        (hearsay := _hits(NOT_LIVED, body))
        and (len(set(hearsay)) >= 2 or narrative == 0)
        and len(_hits(OPINION, body)) >= len(hearsay)
    ):
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.75, hearsay[0]))
    elif len(set(_hits(OPINION, body))) >= 3 and len(set(_hits(OPINION, body))) > narrative:
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.6, "opinions outweigh the story"))

    named = _hits(PROCEDURE, text) or teaching or _hits(CONTROL, text) or _hits(LEGAL, text)
    # A counter that serves every network, or "other", says no more than the text does; an
    # organisation the author typed and we do not know is for a person to read.
    generic_orgs = all(o.strip() in GENERIC_ORGANISATIONS for o in (fold(x) for x in organisms))
    if (
        not in_scope
        and not commercial
        and not local
        and not mairie
        and (len(words) < 40 or not orgs.strip() or (not named and generic_orgs))
    ):
        flags.append(Flag("INCOMPLETE", 0.75, "no organisation or procedure"))
    elif not in_scope and not commercial and not local and not mairie:
        flags.append(Flag("INCOMPLETE", 0.5, "no organisation named"))
    return flags
