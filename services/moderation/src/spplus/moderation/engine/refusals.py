"""The policy's table of refusals: controls, legal decisions, politics, personal requests,
litigation — each with its strong words (sure) and its weaker ones (a person looks). Offers and
advertisements are in `offers.py`."""

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
    # held at the border
    r"(?:police aux frontieres|paf|douane|douaniers?|policiers?) (?:\w+ )?m'(?:a|ont) "
    r"(?:retenue?|gardee?|bloquee?|interrogee?)",
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
    # officers who ask for one's papers or search one's bag: « trois policiers me demandent mes
    # papiers et fouillent mon sac »
    r"(?:policiers?|gendarmes?|douaniers?|agents de police|la police|la bac|crs) (?:\w+ ){0,2}"
    r"(?:me|nous|m'ont|nous ont|m'a|nous a) (?:\w+ )?(?:demande\w*|reclame\w*|exige\w*) (?:mes|nos) "
    r"papiers",
    r"(?:fouillent|ont fouille|fouillaient|a fouille) (?:tout )?(?:mon|ma|mes|notre|nos) "
    r"(?:sacs?|valises?|affaires|poches|bagages|coffre)",
    r"fouille(?:e|s)? devant",
    r"m'ont fouille(?:e)?",
    r"redressement(?! judiciaire)",  # a tax reassessment; a firm in receivership is none
    r"controle (?:de l')?urssaf",
    # a professional's billing audited by the health insurance
    r"controle de (?:ma |mon |la )?(?:facturation|activite|mes actes|tarification)",
    r"agent charge du controle",
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
    r"commission (?:medicale )?de recours amiable",
    r"recours en cours",
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
    r"condamnation",
    r"casier judiciaire",
)


#: A call to vote or to bring the government down: a political opinion for sure (folded text).
CALL_TO_VOTE = _rx(
    r"vot(?:ent|ons|ez|er) (?:\w+ ){0,2}(?:pour|contre)",
    r"vire(?:r|z)? ce gouvernement",
    r"(?:aux|les) prochaines (?:elections|presidentielles|legislatives|municipales|europeennes)",
    r"voter en consequence",
    r"en 20\d\d (?:faudra|il faudra) s'en souvenir",
)


POLITICAL = _rx(
    r"vot(?:ent|ons|ez|er) (?:\w+ ){0,2}(?:pour|contre)",
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
    # a referendum, a petition, a demonstration, a vote announced, a law to repeal
    r"referendum",
    r"je voterai",
    r"(?:signez|signer) la petition",
    r"petition (?:nationale|en ligne)",
    r"abrogation",
    r"manifestation (?:du|de|nationale|devant)",
    r"gouvernements successifs",
    r"supprimer l'ame",
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
    # someone asked to look and to tell the author when: « quelqu'un peut regarder et me dire »
    r"(?:quelqu'un|vous) (?:peut|peuvent|pouvez|pourrait|pourriez)(?:-il)? (?:regarder|verifier)"
    r"(?: (?:et|puis) me (?:dire|repondre|rappeler))",
    # « est-ce que quelqu'un du Crous pourrait vérifier que ma demande est bien enregistrée »
    r"(?:peut|pourrait|pouvez|pourriez|peuvent|pourraient)(?:-il|-elle)? (?:me )?(?:verifier|"
    r"regarder|confirmer|me dire|me confirmer)(?: si| que| qu')? ?(?:ma|mon|mes) (?:demande|dossier|"
    r"candidature|declaration|paiement|versement)s?",
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
#: An agreement the CAF makes enforceable so that no judge is needed: a CAF procedure, whatever
#: hearing the parents avoided (folded).
AMICABLE = _rx(
    r"sans (?:passer par|aller devant|saisir) (?:le|un) juge",
    r"(?:la caf|l'aripa) a (?:delivre|donne|rendu) (?:le|un) titre executoire",
)


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
    # help for victims at the court: a counter, no case judged
    r"(?:bureau|service|association|permanence)s? d'aide aux victimes",
    r"maison de (?:la )?justice",
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
