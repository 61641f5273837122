"""The policy's table of what a story is about: the services in scope, and what is not theirs
(commerce, local matters, teaching, a school, a family's background)."""

from __future__ import annotations

from spplus.redaction import scan

from .text import _rx

IN_SCOPE_ORGS = _rx(
    r"asp",
    r"agence de services et de paiement",
    r"caf",
    r"cpam",
    r"ameli",
    r"assurance maladie",
    r"caisse d'allocations",
    r"msa",
    r"urssaf",
    r"france travail",
    r"pole emploi",
    # the public employment service's partners for the young and the disabled
    r"missions? locales?",
    r"cap emploi",
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
    # the State's schemes, paid by its agencies (ASP, Anah) whatever the author ticked
    r"cheque energie",
    r"ma ?prime ?renov",
    r"france renov",
    r"anah",
    r"pass culture",
    r"pass sport",
    # the complementary pensions paid beside the basic one, the State's health space, the
    # departments' housing information agencies
    r"agirc-arrco",
    r"agirc",
    r"arrco",
    r"ircantec",
    r"mon espace sante",
    r"adil",
)


#: The State's other services an author may tick or type as the organisation (no network of
#: ours answers them yet, but they are in the policy's scope): police, gendarmerie, justice,
#: prisons, customs, schools' administration, health agencies.
STATE_SERVICES = _rx(
    r"police nationale",
    r"gendarmerie(?: nationale)?",
    r"commissariat",
    r"ministere de la justice",
    r"justice",
    r"tribunal judiciaire",
    r"tribunal administratif",
    r"casier judiciaire",
    r"point[- ]justice",
    r"administration penitentiaire",
    r"spip",
    r"douanes?",
    r"education nationale",
    r"rectorat",
    r"academie",
    r"agence regionale de sante",
    r"ars",
    r"ministere(?: de l'interieur| des armees| du travail)?",
    r"service public",
    # overseas social security, and the public bodies of the self-employed and farmers
    r"cgss",
    r"cssm",
    r"caisse de securite sociale",
    r"chambre des metiers(?: et de l'artisanat)?",
    r"banque de france",
    r"commission de surendettement",
    r"surendettement",
    r"chambre de commerce",
    r"chambre d'agriculture",
    r"cma",
    r"cci",
    r"inpi",
    r"guichet unique",
    r"ddtm?",
    r"telepac",
    r"net-entreprises",
    r"cfa",
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
    r"banque(?! de france)",  # the central bank runs the over-indebtedness files
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
    r"operateur(?! de competences)",  # an OPCO funds training: no telephone company
    r"compagnie aerienne",
    r"air france",
    r"mon assureur",
    r"(?:une |l'|mon |cette )agence d'interim",
    r"boite d'interim",
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


#: Private insurers an author may choose as the organisation: the story is about them.
PRIVATE_INSURERS = _rx(r"mutuelles?", r"assurances? privees?", r"prevoyance", r"complementaire")


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
    # snow and lanes: the commune's roads, not a State procedure
    r"deneig\w*",
    r"chasse-neige",
    r"chemins? communa(?:l|ux)",
    r"routes? communales?",
    r"ornieres",
    r"(?:car|bus) scolaire",  # the commune's or the region's bus; « transports scolaires » is a file
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


#: Pedagogy criticised: a subject never covered, lessons copied out, nothing explained.
_TEACHING_CRITIQUE_WORDS = (
    r"hors programme",
    # a trainer's way of teaching: too fast, words never explained
    r"(?:formateur|formatrice|prof|professeure?|enseignante?|intervenante?)[^.!?\n]{0,40}"
    r"(?:parle trop vite|explique mal|sans (?:les |nous |leur |rien )?expliquer)",
    r"n'a pas aborde",
    r"ne fait (?:presque |plus |jamais )?(?:pas |plus )?(?:cours|le cours)",
    r"ne corrige (?:rien|pas|jamais)",
    r"rien appris",
    r"(?:jamais|pas) abord(?:e|er|ee|es)",
    r"n'apprenn?(?:ent|d)? rien",
    r"(?:jamais|pas) evalue(?:e|s|es)?",
    r"recopier (?:des|les|ses) cours",
    r"cours (?:datant|depasses?|obsoletes?)",
    r"contenus? (?:depasses?|des cours|du cours|pedagogiques?|enseignes?|des seances)",
    r"contenu (?:est )?depasse",
    r"mauvaise note",
    r"ce qu'on (?:lui |leur |nous )?(?:enseigne|apprend)",
    r"(?:on|il|elle|ils|elles|qu'on|qu'il|qu'elle) (?:lui |leur |nous )?enseignen?t?",
    r"ce qui (?:est|leur est|lui est) enseigne",
    # nothing explained, by a teacher (« personne n'explique rien » at a counter is no lesson)
    r"(?:prof|professeure?|enseignante?|maitresse|maitre|format(?:eur|rice)|instit\w*)"
    r"[^.!?\n]{0,60}(?:n'explique (?:rien|jamais|pas)|sans (?:jamais )?(?:rien )?expliquer)",
    r"fait (?:cours|classe) en (?:lisant|recopiant)",
    r"methodes? d'enseignement",
    r"pas d'accord avec (?:ce qui|le contenu|ce qu'on)",
    r"niveau de la classe",
)
#: What is said of the teaching itself, beyond a word of school (folded text).
TEACHING_CRITIQUE = _rx(*_TEACHING_CRITIQUE_WORDS)


TEACHING = _rx(
    *_TEACHING_CRITIQUE_WORDS,
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
    # a university's teaching: a tutorial's teacher, what was covered, the exercises
    r"charge(?:e)? de td",
    r"travaux diriges",
    r"n'a pas aborde",
    r"exercices distribues",
    r"ne fait (?:presque |plus |jamais )?(?:pas |plus )?(?:cours|le cours)",
    r"ne corrige (?:rien|pas|jamais)",
    r"(?:bases|moitie) du programme",
    r"fiches a remplir",
    r"formatrice",
    r"formateur",
    r"rien appris",
    r"au tableau",
    r"exercices? pratiques?",
    # what is taught and how it is checked: a subject never covered, lessons copied out,
    # a syllabus out of date, a pupil marked down for it
    r"(?:jamais|pas) abord(?:e|er|ee|es)",
    r"au programme",
    r"n'apprenn?(?:ent|d)? rien",
    r"(?:jamais|pas) evalue(?:e|s|es)?",
    r"recopier (?:des|les|ses) cours",
    r"cours (?:datant|depasses?|obsoletes?)",
    r"referentiel",
    r"contenus? (?:depasses?|des cours|du cours|pedagogiques?|enseignes?)",
    r"contenu (?:est )?depasse",
    r"mauvaise note",
    r"ce qu'on (?:lui |leur |nous )?(?:enseigne|apprend)",
    r"(?:on|il|elle|ils|elles|qu'on|qu'il|qu'elle) (?:lui |leur |nous )?enseignen?t?",
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
    r"handicap(?:e|ee|es|ees)?",
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
    r"casier judiciaire",
    r"extraits? d'acte",
    r"acte de (?:naissance|mariage|deces)",
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
    # a child's care at school: an allergy plan, the canteen, a carer, the school doctor
    r"pai",
    r"projet d'accueil individualise",
    r"cantine",
    r"aesh",
    r"avs",
    r"medecin scolaire",
    r"infirmiere scolaire",
    r"mdph",
    r"periscolaire",
)


FAMILY_BACKGROUND = scan.compile(
    r"(?<![a-z])(?:juge aux affaires familiales|jaf|jugement de divorce|jugement du divorce|"
    r"divorce prononce|ordonnance de non-conciliation|pension alimentaire|garde alternee|"
    r"decision du juge aux affaires familiales|juge des enfants)(?![a-z])"
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


#: Words of the Antillean, Guianese and Réunionese creoles that French does not have (folded): a
#: story written in creole is not in French, though a language detector reads it as French.
CREOLE = _rx(
    r"mwen",
    r"amwin",
    r"zot",
    r"bann",
    r"zordi",
    r"kisa",
    r"ankor",
    r"narien",
    r"travay",
    r"lajan",
    r"atann",
    r"gramoun",
    r"moun",
    r"dann",
    r"lekol",
    r"bonjou",
    r"mwa",
    r"zafe",
    r"zabitan",
    r"demann",
    r"koz",
    r"konnen",
    r"pani",
    r"ja ka",
    r"pa ka",
    r"sa ka",
)
