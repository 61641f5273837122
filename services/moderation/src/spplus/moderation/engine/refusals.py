"""The policy's table of refusals: controls, legal decisions, spam, politics, personal
requests, litigation — each with its strong words (sure) and its weaker ones (a person looks)."""

from __future__ import annotations

from .text import _rx

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
    r"controles? (?:des|de la) douanes?",
    r"barrage (?:de gendarmerie|de police|routier|de la gendarmerie)",
    r"fouill(?:e|er|ee|ent|aient) (?:toute )?(?:la|notre|ma) voiture",
    r"fouille(?:e|s)? devant",
    r"m'ont fouille(?:e)?",
    r"redressement(?! judiciaire)",  # a tax reassessment; a firm in receivership is none
    r"controle (?:de l')?urssaf",
    r"verification de comptabilite",
    r"controle de (?:mon|ma) (?:entreprise|societe|restaurant|commerce|comptabilite)",
    r"controles? (?:de|par) (?:la )?(?:gendarmerie|police|douane)",
    r"(?:ils|elles|on) (?:m'|nous )?ont fouille(?:e|s)?",
    # inspectors at one's shop, stall or farm
    r"(?:sont venus|est venue?|sont venues|venus|venue?) (?:me |nous )?control\w+ (?:mon|ma|notre|nos|mes)",
    r"agents? de la (?:dgccrf|ddpp|ddcspp|repression des fraudes|dreets|inspection du travail)",
    r"controles? (?:sanitaires?|d'hygiene|de la dgccrf|des services veterinaires|de l'inspection)",
    # one's luggage or car opened on an officer's order
    r"(?:m'a|m'ont|nous a|nous ont) fait (?:ouvrir|vider|deballer) (?:mes|ma|mon|nos|notre|"
    r"toutes mes|tous mes) (?:\w+ )?(?:valises?|bagages?|sacs?|coffre|voiture|affaires)",
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
    r"(?:notre equipe|nous) (?:s'occupe|nous occupons) de tout",
    r"avec le code",
    r"mes services",
    r"mes tarifs",
    r"premier rendez-vous offert",
)


#: Words of an offer that a lived story uses too ("96 € par mois", "je travaille en
#: livraison", "la consultation était gratuite"): alone, they never make a story spam.
SPAM_ORDINARY = _rx(
    r"par mois",
    r"livraison",
    r"a partir de (?!(?:19|20)\d\d\b)\d+",
    r"seulement \d+",
    r"gratuite?s?",
    r"gratuitement",
    r"en 24h",  # « reçu par mail en 24h »: a fast service, no offer
    r"promo",  # « toute la promo trouve du travail »: a class, unless a code goes with it
    r"tarif",
    r"offre",
    r"offerte?s?",
    r"whatsapp",
    r"adhesion",
    r"devis",
    r"reduction",
    r"partagez",
    r"rejoignez",
    r"notre association",
    r"plus d'infos",
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
    r"a partir de (?!(?:19|20)\d\d\b)\d+",
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
    # an influencer's channel and paid course: "ma chaîne youtube", "12k abonnés", "tutos"
    r"(?:ma|notre) chaine(?: youtube| tiktok)?",
    r"tutos?",
    r"\d+ ?k abonnes",
    r"abonnes satisfaits",
    r"formation (?:complete|en ligne|offerte)",
    # easy money: "gagnez 500 € par semaine depuis votre téléphone", "places limitées"
    r"gagnez",
    r"places limitees",
    r"depuis (?:votre|ton|son|chez vous|chez toi) (?:tel|telephone|canape|smartphone)",
    r"\d+ ?(?:€|euros?) par semaine",
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
    r"(?:venez|passez|dites|appelez|contactez)[^.]{0,30} de ma part",  # not « sans avance de ma part »
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
    # a firm speaking to its customers: « notre équipe s'occupe de tout gratuitement »
    r"notre equipe",
    r"(?:pour )?nos clients",
    r"gratuitement",
    # a shop inviting customers: « venez chez nous », « 12 € les 6 », « pensez-y »
    r"venez chez nous",
    r"passez nous voir",
    r"visite gratuite",
    r"il nous reste \d+ places?",
    r"contactez (?:[a-z]+ )?(?:au|a) \[telephone\]",
    r"(?:a )?nous suivre sur",
    r"permanences? tous les",
    r"n'hesitez pas a (?:partager|nous contacter|nous suivre|nous ecrire)",
    r"chez nous (?:les|vos|c'est|on)",
    r"\d+ ?(?:€|euros?) les \d+",
    r"pensez-y",
    r"\d+ ?(?:€|euros?) ?(?:/|par) ?(?:dossier|heure|demarche|rdv)",
    r"j'ai cree mon (?:activite|entreprise|service|cabinet|agence)",
    r"je me deplace (?:a domicile|chez vous)",
    r"(?:1er|premier) (?:rdv|rendez-vous) (?:gratuit|offert)",
    r"je tiens (?:le|la|un|une) (?:studio|boutique|magasin|salon|cabinet|agence|commerce)",
    r"appelez(?:-nous)? (?:le|au) \[telephone\]",
    r"ecrivez(?:-nous)? a \[email\]",
    # an association or a firm recruiting: « renseignements et inscriptions auprès de », a
    # customer sent « de ma part », a course sold
    r"renseignements et inscriptions",
    r"inscriptions (?:aupres de|par mail|par telephone|en message|sur (?:mon|notre) site)",
    r"venez nombreu(?:x|ses)",
    r"partagez ce message",
    r"adhesion ?: ?\d+",
    r"tarifs? (?:speciaux|special|preferentiels?|reduits? pour)",
    r"contacter de ma part",
    r"en (?:message prive|mp) sur",
    r"j'accompagne (?:les|des) (?:independants|entrepreneurs|auto-entrepreneurs|artisans|"
    r"familles|particuliers|retraites|seniors|parents)",
    r"ma formation (?:en ligne|complete|«)",
    *_SELF_PROMOTION_WORDS,
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
    # a call to vote, to bring a government down
    r"vot(?:ent|ons|ez|er) (?:\w+ ){0,2}pour",
    r"au pouvoir",
    r"candidats?",
    r"vire(?:r|z)? ce gouvernement",
    r"vivement 20\d\d",
    r"citoyens de seconde zone",
    r"(?:prendre|prendra|prenions) (?:notre|leur|son) destin en main",
    r"sous la coupe",
    r"vote pour",
    r"de gauche",
    r"de droite",
    r"frontieres",
    r"municipales",
    r"legislatives",
)


_REQUEST_STRONG_WORDS = (
    r"je demande (?:a|au|aux) (?:la |l'|le )?[a-z]+ de",
    # what the author asks the service to do now: « je demande l'annulation de cette majoration »
    r"je (?:demande|sollicite|exige) (?:l'|la |le )(?:annulation|remboursement|regularisation|"
    r"deblocage|correction|versement|revision|reexamen|remise)",
    r"traitez",
    r"debloquez",
    r"versez-moi",
    r"rappelez-moi",
    r"regularisez",
    r"pouvez-vous",
    r"pourriez-vous",
    r"pouvez vous",
    r"pourriez vous",
    r"est-ce que vous (?:pouvez|pourriez|pouvez pas|pourriez pas) (?:me|m')",
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
    r"(?:peut|pourrait|pouvez|pourriez|peux) (?:regarder|verifier|voir) mon dossier",
    r"me dire s(?:i |')il manque",
    # a letter to the service about one's own file
    r"(?:vouloir|veuillez|merci d'|merci de) (?:examiner|traiter|reexaminer|etudier) mon dossier",
    r"transmettre ma demande",
    r"dans l'attente de votre reponse",
    # someone of the service asked to look at one's file (a number left to be called back is
    # no request by itself: stories leave one too)
    r"(?:je voudrais|je voudrai|j'aimerais|je souhaite|je souhaiterais) (?:que|qu') ?(?:quelqu'un|"
    r"on|vous|un conseiller|une conseillere|un agent)\b[^.!?\n]{0,40}\b(?:regarde|verifie|examine|"
    r"etudie|traite|debloque|reponde|rappelle|contacte|recontacte)",
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
    r"merci de faire(?! remonter)",  # « merci de faire remonter »: feedback, no request
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
    r"je voudrais obtenir",
    r"me faire savoir",
    *_REQUEST_STRONG_WORDS,
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


#: A court as a counter: its registry, its free advice, a certificate, a copy, a juror's
#: expenses, a visiting permit. A story about that service is no story about a judgment.
COURT_SERVICE = _rx(
    r"greffe",
    r"greffiere?",
    r"point[- ]justice",
    r"service d'accueil unique du justiciable",
    r"sauj",
    r"certificat de nationalite",
    r"service de la nationalite",
    r"pole (?:de la )?nationalite",
    r"casier judiciaire",
    r"copie (?:certifiee |simple )?(?:du|de mon|de son|de notre|d'un) jugement",
    r"jure(?:e)?s?",
    r"permis de visite",
    r"parloirs?",
    r"permanences? (?:gratuites?|juridiques?)",
    r"consultations? gratuites?",
)


#: The author going against a judgment: an appeal, a contest.
CONTEST = _rx(
    r"(?:fait|faire|interjete|forme) appel",
    r"cour d'appel",
    r"contester (?:le|ce) jugement",
    r"conteste (?:le|ce) jugement",
    r"recours",
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


#: A question to the service about one's own file, beyond a doubt.
REQUEST_STRONG = _rx(*_REQUEST_STRONG_WORDS)


SELF_PROMOTION = _rx(*_SELF_PROMOTION_WORDS)
