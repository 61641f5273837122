"""Kinds of stories the policy decides on, as people write them: an influencer's channel, easy
money, hatred of foreigners, a word to every agent, a demand to the service; and what only
looks like one of them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spplus.moderation.engine.engine import Engine, StoryInput


@pytest.fixture(scope="module", name="engine")
def fixture_engine() -> Engine:
    return Engine()


def story(description: str, organisms: tuple[str, ...] = ("CAF",)) -> StoryInput:
    return StoryInput(
        id="t",
        title="Mon expérience",
        description=description,
        experience_date=date(2026, 10, 1),
        submitted_at=datetime(2026, 11, 20, tzinfo=UTC),
        organisms=organisms,
        pseudonym="Alex",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "salut tout le monde, la caf vous rend fous ? abonnez vous a ma chaine youtube, des "
            "tutos chaque semaine et une formation complete a 39€. 15k abonnes satisfaits",
            "SPAM",
        ),
        (
            "Vous attendez encore vos allocations ? Gagnez 400 € par semaine depuis votre "
            "téléphone, une heure par jour suffit. Places limitées, écrivez-moi vite !",
            "SPAM",
        ),
        (
            "trois heures d'attente à la caf de Mulhouse. ces gens là n'ont rien à faire chez "
            "nous, qu'ils retournent au pays au lieu de vivre sur notre dos.",
            "ABUSIVE",
        ),
        (
            "Je voudrais simplement dire que les agents des hôpitaux, des caisses et des mairies "
            "font un travail admirable avec si peu. On ne vous le dit pas assez, bravo à tous !",
            "NOT_AN_EXPERIENCE",
        ),
        (
            "Je me demande pourquoi les lunettes sont encore si mal remboursées alors qu'on "
            "cotise autant. Il faudrait que quelqu'un explique comment ces tarifs sont fixés.",
            "NOT_AN_EXPERIENCE",
        ),
        (
            "5 heures d'attente au guichet des titres de séjour. l'agente était aussi incapable "
            "que les autres, elle devrait retourner dans son pays.",
            "ABUSIVE",
        ),
        (
            "petit conseil pour ceux qui entrent à la fac : faites votre dossier dès janvier. "
            "d'après ce que j'entends autour de moi, les bourses arrivent en retard. je n'ai pas "
            "encore fait ma demande mais tout le monde dit que c'est l'enfer.",
            "NOT_AN_EXPERIENCE",
        ),
        (
            "Mi la depoz mon demann APL dopi trwa mwa é zot la pa ankor réponn amwin. Mi atann "
            "touzour, mon bann zanfan i sava lekol san lajan. Koman i fé pou viv konmsa ?",
            "FOREIGN_LANGUAGE",
        ),
        (
            "bonjour, une majoration de 180 euros alors que mon virement est parti à temps. je "
            "demande l'annulation de cette majoration et une réponse écrite. merci",
            "PERSONAL_REQUEST",
        ),
        (
            "Depuis octobre mon allocation a baissé de 40 € sans raison. Je voudrais que "
            "quelqu'un de la CAF regarde mon dossier et me dise si c'est une erreur. Merci.",
            "PERSONAL_REQUEST",
        ),
        # what a training centre teaches, and how
        (
            "J'ai pris un apprenti en CAP. Au CFA, le formateur passe ses séances sur son "
            "téléphone, sans jamais aborder la viennoiserie qui est au programme de l'examen. Les "
            "apprentis ne sont jamais évalués.",
            "TEACHING",
        ),
        # inspectors at one's market stall
        (
            "samedi matin au marché, deux agents de la dgccrf sont venus contrôler mon étal en "
            "plein rush, quarante minutes devant les clients. je vais recevoir un avertissement.",
            "UNDERGONE_CONTROL",
        ),
        # a call for readers to answer a survey
        (
            "Je suis étudiante et je réalise un mémoire sur l'accueil des personnes handicapées "
            "dans les services publics. Pourriez-vous répondre à mon questionnaire (10 minutes) ?",
            "NOT_AN_EXPERIENCE",
        ),
        (
            "bonjour, moisissure dans ma chambre crous depuis octobre, deux signalements à "
            "l'accueil. est-ce que vous pouvez me changer de chambre avant les partiels ?",
            "PERSONAL_REQUEST",
        ),
        # news seen on a network, asked about
        (
            "jai vu sur tiktok que la caf allait couper les apl des etudiants, tout le monde en "
            "parle. c vrai ou pas ?? faut que qqun reagisse",
            "NOT_AN_EXPERIENCE",
        ),
        # a call to a referendum, a petition and a demonstration
        (
            "Trois heures d'attente à la CPAM de Perpignan hier. Les gouvernements successifs "
            "ont tout laissé filer : il est temps d'organiser un référendum, comme le proposent "
            "certains partis. Je voterai en conséquence.",
            "POLITICAL",
        ),
        (
            "Mon RSA a été suspendu en février pour 15 heures non justifiées. Cette loi voulue "
            "par le gouvernement doit tomber : signez la pétition pour son abrogation et "
            "rejoignez la manifestation du 14 mars.",
            "POLITICAL",
        ),
        # a benefits control at home told as an ordeal: a contact undergone
        (
            "Le 12 mars, un contrôleur de la CAF est venu chez moi sans prévenir. Il a ouvert les "
            "placards et questionné ma fille. Je me suis sentie humiliée devant mes enfants.",
            "UNDERGONE_CONTROL",
        ),
        # a call for people to interview, no case of one's own
        (
            "Je suis étudiante et je prépare un mémoire sur l'accès aux droits en Guyane. Je "
            "cherche des personnes qui accepteraient un entretien d'une demi-heure, anonyme.",
            "NOT_AN_EXPERIENCE",
        ),
        # what is taught, criticised
        (
            "Mon fils est en seconde. Son professeur de mathématiques fait cours en lisant le "
            "manuel sans jamais expliquer, et je ne suis pas d'accord avec ce qui est enseigné.",
            "TEACHING",
        ),
        # self-promotion with a price and a number
        (
            "Après des mois à me battre avec la CAF, j'en ai fait mon métier. Je propose un "
            "accompagnement pour vos démarches : premier rendez-vous offert, ensuite 35 € la "
            "démarche. Contactez-moi au 06 41 87 20 93.",
            "SPAM",
        ),
        (
            "Il y a un an j'étais au chômage. Aujourd'hui je gagne plus, sans patron, de chez moi. "
            "Si toi aussi tu en as marre, écris-moi sur WhatsApp, je te présente l'opportunité.",
            "SPAM",
        ),
        # an association recruiting; a firm a customer is sent to; a course sold
        (
            "J'ai fondé l'association Entraide Seniors du Lot. Nous aidons pour les papiers. "
            "Adhésion : 15 euros par an. Renseignements et inscriptions auprès de notre "
            "présidente au 06 48 20 71 93. Venez nombreux, et partagez ce message !",
            "SPAM",
        ),
        (
            "Six mois sans réponse de l'URSSAF, réglés en deux semaines par un cabinet d'Angers. "
            "Contactez-les de ma part au 02 41 87 63 19 : premier rendez-vous gratuit et tarifs "
            "spéciaux pour les micro-entreprises.",
            "SPAM",
        ),
        # an agent insulted, or said to come from nowhere
        (
            "3 rdv annulés ds le mois, la conseillère me parle comme a un chien, une grosse "
            "incapable qui devrait être virée. bande de bras cassés, honte a vous",
            "ABUSIVE",
        ),
        (
            "Au SIE en mars, un agent parlait à peine, je n'ai rien compris. On devrait embaucher "
            "des Français pour travailler aux impôts et pas des gens qui viennent d'on ne sait où.",
            "ABUSIVE",
        ),
        # a reply to another story on the site
        (
            "Je voulais réagir à l'histoire publiée la semaine dernière par une dame qui "
            "attendait sa pension. Je lui envoie tout mon soutien, courage madame !",
            "NOT_AN_EXPERIENCE",
        ),
        # luggage opened on a customs officer's order
        (
            "Au retour de Cayenne en mai, à Orly, un douanier m'a fait ouvrir mes deux valises "
            "devant tout le monde et j'ai dû payer 80 euros pour dépassement de franchise.",
            "UNDERGONE_CONTROL",
        ),
        # text-message French: no « ne », « tt », « jsais », « c »
        (
            "perso jai jamais eu affaire a la msa mais tt le monde dit que c galere pr les "
            "agriculteurs. moi jsais pas trop, jsuis juste salarie. voila",
            "NOT_AN_EXPERIENCE",
        ),
        # a relative's case, told by someone who says they did not live it
        (
            "Mon beau-frère attend sa prime d'activité depuis quatre mois à Dijon. Je ne l'ai pas "
            "vécu moi-même, il n'ose pas témoigner, alors j'écris pour lui. C'est honteux.",
            "NOT_AN_EXPERIENCE",
        ),
        # a sick-leave check at home, resented
        (
            "En arrêt pour une sciatique, une contrôleuse est passée contrôler pendant que "
            "j'étais chez le kiné. Indemnités suspendues, une mesure disproportionnée.",
            "UNDERGONE_CONTROL",
        ),
        # a file number, a phone, and someone asked to look at it and say when
        (
            "Mon père a demandé sa pension de réversion à la Carsat en février, dossier "
            "24-118873. Quelqu'un peut vérifier et me dire quand il sera payé ?",
            "PERSONAL_REQUEST",
        ),
        # a view on care homes from someone with no relative in one
        (
            "Je n'ai pas de famille en maison de retraite mais je vois les reportages et je "
            "trouve qu'il faudrait contrôler ces établissements bien plus souvent.",
            "NOT_AN_EXPERIENCE",
        ),
        # a tax audit told as an ordeal
        (
            "J'ai subi un contrôle sur pièces de mes revenus fonciers, puis une proposition de "
            "rectification de 2 100 €. On nous traite, nous petits bailleurs, comme des fraudeurs.",
            "UNDERGONE_CONTROL",
        ),
        # an agent said to have no place at a counter
        (
            "Au centre des impôts de Meaux, une agente qui baragouinait le français. Ces gens-là "
            "n'ont rien à faire derrière un guichet de la République.",
            "ABUSIVE",
        ),
        # a firm recommended to readers, with whom to ask for
        (
            "Depuis que le cabinet Compta Plus gère mes dossiers URSSAF, tout est réglé. Je le "
            "recommande à tous, demandez Julien de ma part, vous ne le regretterez pas !",
            "SPAM",
        ),
        # a view from someone with no case of their own
        (
            "Je ne suis pas étudiant moi-même, je n'ai pas de démarche en cours. D'une manière "
            "générale, les titres de séjour devraient durer plus longtemps. Voilà mes propositions.",
            "NOT_AN_EXPERIENCE",
        ),
        # a taxi firm's advertisement, with a phone to book
        (
            "Taxi conventionné depuis dix ans, Taxi Vallée Santé vous emmène à l'hôpital sans "
            "avance de frais. Réservation au 02 99 14 52 63, devis gratuit, pensez à nous.",
            "SPAM",
        ),
        # an agent called a crook who should be in prison
        (
            "La conseillère de la CAF bloque mon dossier exprès. C'est une magouilleuse et une "
            "menteuse, elle devrait être en prison.",
            "ABUSIVE",
        ),
        # foreigners said to pass first and to be sent home
        (
            "Deux heures d'attente à la CAF de Reims, la moitié des gens ne parlaient même pas "
            "le français, nous les Français on passe après. Qu'on les renvoie chez eux.",
            "ABUSIVE",
        ),
        # an identity check by the police told without the word « contrôle d'identité »
        (
            "Dimanche à la gare de Lens, deux gendarmes m'ont demandé mes papiers puis ont fouillé "
            "mon sac devant les autres voyageurs. Rien à me reprocher, vingt minutes perdues.",
            "UNDERGONE_CONTROL",
        ),
        # an insult misspelt, a threat to wait outside
        (
            "l'agent de l'accueil m'a mal parlé, cette conasse. je vais la retrouver a la sortie",
            "ABUSIVE",
        ),
        # a guide of tips for readers, as a list
        (
            "Je centralise les conseils pour une première demande de logement :\n- comptez deux "
            "mois ;\n- réservez un créneau au guichet ;\n- apportez vos trois derniers avis ;\n"
            "- renseignez-vous sur les aides du département.",
            "NOT_AN_EXPERIENCE",
        ),
        # a rumour to pass on
        (
            "Info de mon cousin qui bosse a la caf : les allocs vont baisser pour tous les "
            "etudiants des janvier. Partagez a tout le monde, faites tourner !!",
            "NOT_AN_EXPERIENCE",
        ),
        # someone of the service asked to check one's own file
        (
            "Bonjour, j'ai déposé ma demande de bourse le mois dernier et je n'ai rien reçu. "
            "Est-ce que quelqu'un pourrait vérifier que mon dossier est complet ? Merci.",
            "PERSONAL_REQUEST",
        ),
        # a trainer's way of teaching
        (
            "Inscrit à un atelier numérique en mars : la formatrice parle trop vite et emploie "
            "des mots techniques sans les expliquer. Au bout de trois séances on était perdus.",
            "TEACHING",
        ),
        # an appeal waiting before a committee
        (
            "La CPAM a refusé ma pension d'invalidité en juin. J'ai contesté : mon dossier est "
            "devant la commission médicale de recours amiable, recours en cours.",
            "LEGAL_DECISION",
        ),
        # a professional's billing audited
        (
            "Kiné libéral, j'ai eu en mai un contrôle de facturation sur deux ans d'actes. "
            "L'agent chargé du contrôle a été correct mais on me réclame 3 000 €.",
            "UNDERGONE_CONTROL",
        ),
        # the service paid its part, a bank or an insurer failed the author
        (
            "Mes indemnités ont été versées par la CPAM le 3 mai. Mais ma banque a bloqué le "
            "virement dix jours pour un contrôle interne et j'ai payé des frais de découvert.",
            "OUT_OF_SCOPE",
        ),
        (
            "La Sécurité sociale a remboursé sa part du fauteuil en juin, mais ma mutuelle "
            "refuse le complément de 900 euros malgré deux réclamations.",
            "OUT_OF_SCOPE",
        ),
        # a call to vote beside a word of politics
        (
            "les aides baissent encore cette annee. ce gouvernement se moque des familles, "
            "votez contre eux aux prochaines elections !!!",
            "POLITICAL",
        ),
        (
            "La taxe foncière a encore augmenté, ce gouvernement nous saigne. Aux prochaines "
            "présidentielles il faudra voter en conséquence.",
            "POLITICAL",
        ),
        # an agent said to barely read French
        (
            "Au guichet de la CAF en mai, l'agente sait à peine lire le français. Ces gens n'ont "
            "rien à faire dans nos administrations.",
            "ABUSIVE",
        ),
        # a job search checked, resented; held at the border
        (
            "En janvier, contrôle de ma recherche d'emploi : j'ai tout envoyé et on m'a quand "
            "même traité comme un fraudeur au téléphone. Classé sans suite en février.",
            "UNDERGONE_CONTROL",
        ),
        (
            "de retour de tunis le 3 mars, la police aux frontieres m'a retenu deux heures pour "
            "un passeport signale perdu que j'avais declare retrouve.",
            "UNDERGONE_CONTROL",
        ),
        # hearsay from a neighbour; an idea to submit, no case
        (
            "Je n'ai pas eu affaire à la CAF moi-même, mais ma voisine m'a raconté qu'on lui a "
            "coupé l'APL. D'après ce qu'on entend, c'est partout pareil.",
            "NOT_AN_EXPERIENCE",
        ),
        (
            "Je n'ai pas de problème particulier, mais une idée à proposer : des permanences de "
            "la CAF en visio depuis les mairies l'hiver. Je soumets cette idée à qui de droit.",
            "NOT_AN_EXPERIENCE",
        ),
        # a firm's site whose name ends like a public one
        (
            "Besoin d'un transport pour vos séances de dialyse ? Nos ambulances vous emmènent "
            "sans avance de frais. Réservation 7j/7 sur ambulancesdulacsante.fr",
            "SPAM",
        ),
        # a room sublet to readers
        (
            "je sous-loue mon studio pendant mon erasmus, 410€ charges comprises, meublé. "
            "contact insta en mp, premier arrivé premier servi",
            "SPAM",
        ),
    ],
)
def test_kinds_to_refuse(engine: Engine, text: str, code: str) -> None:
    result = engine.analyze(story(text, organisms=("CAF", "URSSAF")))
    assert result.decision == "reject", (result.decision, result.reasons, result.flags)
    assert code in result.reasons


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # the author feels slighted: no insult aimed at anyone
        (
            "Troisième courrier en mars pour le même justificatif, on se sent pris pour des "
            "idiots. En avril ma conseillère a enfin validé le dossier au guichet.",
            "ABUSIVE",
        ),
        (
            "J'AI ENVOYÉ MON DOSSIER À LA CAF EN MAI ET TOUJOURS RIEN EN AOÛT. ON NOUS PREND POUR "
            "DES IMBÉCILES, MAIS UNE CONSEILLÈRE A FINI PAR DÉBLOQUER MES DROITS EN SEPTEMBRE.",
            "ABUSIVE",
        ),
        # a firm in receivership is no tax reassessment
        (
            "Licenciée en décembre quand le garage a été mis en redressement judiciaire, je me "
            "suis inscrite en janvier ; mon conseiller a relancé le mandataire et j'ai été payée "
            "en mars.",
            "UNDERGONE_CONTROL",
        ),
        # an author who offers to talk, beside an amount a lived story has
        (
            "J'ai signé mon contrat d'engagement jeune en mars, les 520 € par mois arrivent à "
            "l'heure et mon conseiller m'a trouvé un stage. si vous voulez en parler appelez moi.",
            "SPAM",
        ),
        # a crèche as a detail of a story about one of our networks
        (
            "Au RSA depuis l'an dernier, on m'a orientée vers France Travail. Ma conseillère a "
            "tenu compte de mon fils de 3 ans : activités le matin pendant la crèche, puis un "
            "stage à la mairie. Pour une fois j'ai été écoutée.",
            "OUT_OF_SCOPE",
        ),
        # a story told as a list: no « j'ai », but months, amounts and what happened
        (
            "Récap pour ceux qui quittent leur logement :\nJuin : état des lieux de sortie, tout "
            "est bon.\nJuillet à septembre : pas de remboursement des 300 € de caution.\n"
            "Octobre : un appel, le RIB manquait sur l'espace.\nRemboursé dix jours après.",
            "NOT_AN_EXPERIENCE",
        ),
        # « personne n'explique rien » at a counter is no lesson
        (
            "J'ai envoyé les papiers il y a plusieurs semaines à la CAF et depuis plus rien. "
            "On appelle, ça sonne dans le vide, et personne n'explique rien.",
            "TEACHING",
        ),
        # a training operator funds an apprenticeship: no telephone company
        (
            "J'ai embauché un apprenti en septembre ; le contrat a été déposé par l'opérateur de "
            "compétences et l'Agence de services et de paiement a versé l'aide dès novembre.",
            "OUT_OF_SCOPE",
        ),
        # the cost a society will pay is no threat
        (
            "Depuis la fermeture du guichet en mars, ma mère ne peut plus faire ses démarches. "
            "C'est un recul, et on va le payer cher dans quelques années.",
            "ABUSIVE",
        ),
        # a family living « au bled » is no insult
        (
            "Mon père est rentré vivre au bled après sa carrière. En mars sa retraite Carsat a "
            "été suspendue, le 3960 nous a expliqué l'appli et tout a repris en avril.",
            "ABUSIVE",
        ),
        # what the author wrote to the service, quoted, asks nothing of the platform
        (
            "Deux semaines avant l'expiration de mon titre, j'ai écrit via le formulaire :\n"
            "« Ma demande est en instruction, que dois-je faire ? »\nRéponse sous 48 h : "
            "l'attestation de prolongation était dans mon espace. Titre accordé en novembre.",
            "PERSONAL_REQUEST",
        ),
    ],
)
def test_what_only_looks_like_a_kind_to_refuse(engine: Engine, text: str, code: str) -> None:
    result = engine.analyze(story(text, organisms=("France Travail", "Crous")))
    assert code not in result.reasons and code not in {f.code for f in result.flags}, result.flags


@pytest.mark.parametrize(
    ("text", "organisms", "code"),
    [
        # the commune's roads: snow, a lane in ruts
        (
            "Depuis les chutes de neige, notre impasse n'a jamais été déneigée. J'ai appelé trois "
            "fois les services techniques, on m'a dit qu'elle n'était pas prioritaire.",
            ("Mairie",),
            "OUT_OF_SCOPE",
        ),
        (
            "Le chemin communal qui mène à la maison est défoncé depuis les orages, mon mari en "
            "fauteuil ne peut plus sortir. Nous avons écrit trois fois au maire.",
            ("Mairie",),
            "OUT_OF_SCOPE",
        ),
        # a few words that name nothing, whatever the form says
        (
            "toujours rien reçu depuis le mois d'août, 3e fois que j'écris, on me répond qu'on ne "
            "peut rien faire. honteux.",
            ("CPAM",),
            "INCOMPLETE",
        ),
        (
            "Bonjour, je voulais juste dire merci, tout s'est très bien passé et la personne était "
            "très gentille. Bonne journée.",
            ("Mairie",),
            "INCOMPLETE",
        ),
        # tips for readers; a reader's contribution with nothing lived
        (
            "Pour tous les futurs étudiants :\n1. Faites votre dossier dès l'ouverture.\n"
            "2. Scannez l'avis fiscal en PDF.\n3. Vérifiez vos mails tous les jours.",
            ("Crous",),
            "NOT_AN_EXPERIENCE",
        ),
        (
            "Je lis régulièrement les témoignages publiés ici et je souhaite apporter une "
            "contribution générale. Je n'ai pour ma part jamais rencontré de difficulté, mais il "
            "faudrait un rappel chaque printemps sur les cases oubliées.",
            ("DGFiP",),
            "NOT_AN_EXPERIENCE",
        ),
        (
            "Retour de Guadeloupe à Orly en novembre. Contrôle des douanes à la sortie des bagages : "
            "l'agent nous a fait tout déballer pendant 40 minutes et payer 96 € de droits.",
            ("Douane",),
            "UNDERGONE_CONTROL",
        ),
        (
            "Une heure d'attente à l'accueil pour ma prime d'activité, au milieu de tous ces "
            "étrangers qui ne parlent même pas français. On n'est plus chez nous.",
            ("CAF",),
            "ABUSIVE",
        ),
        (
            "le médecin-conseil m'a remis au travail alors que j'ai encore mal au dos, ce type est "
            "une ordure et je vais le dire à tout le monde",
            ("CPAM",),
            "ABUSIVE",
        ),
        (
            "Je suis allé à la préfecture déclarer les statuts de notre association. Tant que le "
            "gouvernement et les élus refuseront de supprimer l'octroi de mer, rien ne changera. "
            "Il faut que les Martiniquais votent massivement pour les candidats de l'autonomie.",
            ("Préfecture",),
            "POLITICAL",
        ),
        (
            "Madame, Monsieur, ma demande de pension d'invalidité déposée en septembre est sans "
            "réponse. Je vous serais reconnaissant de bien vouloir examiner mon dossier en "
            "priorité. Dans l'attente de votre réponse, je vous prie d'agréer mes salutations.",
            ("CPAM",),
            "PERSONAL_REQUEST",
        ),
        (
            "en tant qu'artisan rge, je gère chaque mois des dizaines de dossiers pour nos "
            "clients. notre équipe s'occupe de tout gratuitement : isolation, pompe à chaleur. "
            "appelez le 04 68 52 13 79 ou écrivez à contact@renov-exemple.fr, devis sous 48h.",
            ("Anah",),
            "SPAM",
        ),
        (
            "Inscrit à la remise à niveau de juillet à l'université, le chargé de TD lit ses "
            "diapositives pendant deux heures et n'a pas abordé la moitié du programme.",
            ("Université",),
            "TEACHING",
        ),
        (
            "la caf me refuse la prime d activite pr 30€ de trop. par contre les migrants ils "
            "ont tout direct, logement, rsa, tout. la france aux francais",
            ("CAF",),
            "ABUSIVE",
        ),
        (
            "encore 3 mois pr renouveler ma carte de resident. votez pas pour ces ordures aux "
            "municipales, ils nous traitent comme des chiens. bande de fachos",
            ("Préfecture",),
            "ABUSIVE",
        ),
        (
            "moi aussi g galéré avec la CAF, c pour ça que j'ai créé mon activité d'aide aux "
            "démarches, je me déplace à domicile, 1er rdv gratuit puis 35€/dossier. contactez "
            "moi au 07 49 26 83 11",
            ("CAF",),
            "SPAM",
        ),
        (
            "je tiens le studio photo de la place du marché. chez nous les photos sont "
            "conformes, 12 € les 6, sans rendez-vous. pensez-y avant votre rendez-vous en mairie !",
            ("Mairie", "ANTS"),
            "SPAM",
        ),
        (
            "depuis février le car scolaire ne passe plus au hameau, mon fils doit marcher 2 km "
            "au bord de la départementale. la région dit que c'est la faute du transporteur.",
            ("Région",),
            "OUT_OF_SCOPE",
        ),
        (
            "Depuis septembre, son professeur de maths ne fait presque pas cours : il distribue "
            "des fiches a remplir et ne corrige rien, deux notes au premier trimestre.",
            ("Éducation nationale",),
            "TEACHING",
        ),
        (
            "ca fait des semaines que j attends et personne repond au tel ni par mail. c est "
            "toujours la meme chose avec eux, on vous renvoie de service en service. j ai appelé "
            "4 fois. je sais plus quoi faire franchement c est abusé",
            ("Préfecture",),
            "INCOMPLETE",
        ),
        (
            "franchement nul. j'ai attendu longtemps pour rien et on m'a renvoyée ailleurs. je "
            "ne donnerai pas plus de détails. nul, zéro étoile.",
            ("CPAM",),
            "INCOMPLETE",
        ),
        (
            "Je n'ai personnellement jamais eu affaire à la préfecture, mais à mon avis tout "
            "mettre en ligne est une erreur. Les préfectures devraient rouvrir des guichets deux "
            "jours par semaine.",
            ("Préfecture",),
            "NOT_AN_EXPERIENCE",
        ),
        (
            "J'ai vu hier soir un reportage à la télévision sur les délais des MDPH. Je n'ai pas "
            "de dossier moi-même, mais cela m'a choquée. Il faudrait plus de personnel.",
            ("MDPH",),
            "NOT_AN_EXPERIENCE",
        ),
        (
            "franchement c nul, on m'a dit une chose au tel et une autre au guichet. jsais plus "
            "quoi faire ni qui croire. vous devriez vous mettre d'accord entre vous",
            ("CAF", "CPAM"),
            "INCOMPLETE",
        ),
        (
            "Une heure et demie d'attente pour déposer mon attestation de loyer. La plupart des "
            "gens dans la file étaient des étrangers qui ne parlent pas un mot de français et qui "
            "viennent profiter des aides.",
            ("CAF",),
            "ABUSIVE",
        ),
        (
            "j'ai envoyé ma demande de retraite progressive en sept, tjs pas de réponse. est ce "
            "que qq1 de la carsat peut regarder mon dossier et me dire si il manque une pièce ?",
            ("Carsat",),
            "PERSONAL_REQUEST",
        ),
        (
            "France Travail m'a financé une formation de six mois au Greta. La formatrice parle "
            "dos au groupe en écrivant au tableau et nous fait recopier des fiches. Je n'ai rien "
            "appris.",
            ("France Travail",),
            "TEACHING",
        ),
        (
            "Aujourd'hui je suis gérante d'une micro-crèche à Tourcoing et il nous reste 3 places "
            "pour septembre ! Contactez Jessica au 03 20 46 81 73 ou passez nous voir, visite "
            "gratuite tous les mercredis.",
            ("CAF",),
            "SPAM",
        ),
        (
            "Notre association aide gratuitement les familles à remplir les dossiers MDPH. "
            "Permanences tous les mercredis. N'hésitez pas à partager et à nous suivre sur "
            "Facebook !",
            ("MDPH",),
            "SPAM",
        ),
    ],
)
def test_kinds_to_refuse_for_their_organisation(
    engine: Engine, text: str, organisms: tuple[str, ...], code: str
) -> None:
    result = engine.analyze(story(text, organisms=organisms))
    assert result.decision == "reject", (result.decision, result.reasons, result.flags)
    assert code in result.reasons


@pytest.mark.parametrize(
    ("text", "organisms"),
    [
        # short, but it names a training, a certificate, a firm's number
        (
            "Mon conseiller a monté mon dossier de formation de cariste en deux rendez-vous. J'ai "
            "commencé le CACES 3 semaines après, tout financé.",
            ("France Travail",),
        ),
        # dated steps of a named procedure typed with no « je »
        (
            "inscrite a france travail le 1er dec apres licenciement eco, 1er rdv le 8 ac une "
            "conseillère tres humaine, ARE calculée et 1er paiement annoncé pr le 5 janv.",
            ("France Travail",),
        ),
        # a service that took months to handle one's file, said in the story
        (
            "la msa a mis quatre mois à traiter mon dossier de congé maternité. je suis allée à "
            "l'agence avec mon bébé et tout a été corrigé sur place.",
            ("MSA",),
        ),
        # school transport as one step of an enrolment
        (
            "Une place au collège a été trouvée en trois jours ; la secrétaire nous a reçus pour "
            "l'inscription administrative et les transports scolaires. La mairie nous avait "
            "orientés vers les services de l'Éducation nationale.",
            ("Éducation nationale",),
        ),
        # a president's visit that blocked the streets
        (
            "Mon rendez-vous à la préfecture tombait le jour de la visite présidentielle "
            "d'Emmanuel Macron ; j'avais 40 minutes de retard et l'agente m'a reçu quand même "
            "pour ma carte de résident.",
            ("Préfecture",),
        ),
        # a fine or a court that might have been, not one that was
        (
            "j'ai déménagé en novembre et on risquait une amende de 135 € si on ne déclarait pas "
            "le changement d'adresse. sur le site de l'ants tout s'est fait en ligne, étiquette "
            "reçue en 6 jours.",
            ("ANTS",),
        ),
        (
            "j'ai envoyé le dossier de renouvellement de ma rqth en juin. une amie m'avait dit "
            "que si c'était refusé il faudrait aller au tribunal. la notification est arrivée en "
            "octobre, pour une durée illimitée.",
            ("MDPH",),
        ),
        # a lawyer who points the way
        (
            "Mon avocate m'a conseillé d'aller à France Services, où un conseiller a compressé le "
            "fichier avec moi ; la demande de titre de séjour est partie le jour même.",
            ("Préfecture",),
        ),
        # thanks to pass on, a number left « si besoin », a class that finds work
        (
            "Ma pension de réversion m'a été notifiée le 12 décembre, avec effet au 1er octobre. "
            "Je vous prie de bien vouloir transmettre mes remerciements à l'ensemble du service.",
            ("MSA",),
        ),
        (
            "g demandé a l'accueil de la caf, l'agent m'a dit que c'etait versé par France "
            "Travail. recu le 17/12, 152 €. bien expliqué merci. si besoin rappelez moi "
            "07 81 26 40 59",
            ("CAF",),
        ),
        (
            "ma conseillère m'a parlé de l'AIF et m'a aidée à monter le dossier avec le devis de "
            "l'IFAS. la prise en charge a été validée en trois semaines et presque toute la promo "
            "trouve du travail.",
            ("France Travail",),
        ),
        # a case told in steps, or in praise, with no « je »
        (
            "sac volé le 6/11 ds le metro, plainte faite au commissariat. pré-demande sur ants le "
            "soir meme, rdv mairie 10 jours apres. cni dispo 3 sem apres. ok dans l'ensemble",
            ("ANTS", "Mairie"),
        ),
        (
            "bjr, juste pr dire que la nouvelle appli caf pr envoyer les justificatifs marche "
            "super bien. dossier de prime de naissance validé en 1 semaine. continuez comme ça",
            ("CAF",),
        ),
        # a wish for everyone after the author's own case and how long it took
        (
            "Reconnu travailleur handicapé, j'ai été orienté vers Cap emploi. En deux mois, mon "
            "poste a été aménagé. Ce serait bien que tout le monde soit informé de ce dispositif.",
            ("France Travail",),
        ),
        # the public bodies of the self-employed and overseas social security are in scope
        (
            "Immatriculation de mon entreprise via le guichet unique : la chambre des métiers a "
            "corrigé le dossier en une semaine.",
            ("Chambre des métiers", "INPI"),
        ),
        # « sans avance de ma part » beside a driving school's quote is no recommendation
        (
            "Le CFA a transmis la demande d'aide au permis avec mon devis d'auto-école. Le "
            "virement est arrivé en un mois, sans avance de ma part.",
            ("ANTS",),
        ),
        # a general question from someone with no file is no request about one
        (
            "Je souhaiterais savoir, de manière générale, comment se calcule le cumul de l'AAH "
            "avec un salaire. Je n'ai pas encore fait de demande, je me renseigne pour l'avenir. "
            "Pourriez-vous publier une explication claire ?",
            ("CAF", "MDPH"),
        ),
        # a control told as a check that found an error in the author's favour
        (
            "J'ai reçu une proposition de rectification sur la vente d'un terrain. J'ai envoyé "
            "l'acte, l'agent a reconnu l'erreur et annulé le rappel en trois semaines. Merci.",
            ("DGFIP",),
        ),
        # « même pour ceux qui » and « je voulais dire que » open a lived story too
        (
            "je voulais dire que la formation civique à l'OFII de Lyon était très bien, même pour "
            "ceux qui parlent peu français il y avait un interprète, j'ai fait les quatre "
            "journées en octobre",
            ("Préfecture",),
        ),
        # an agreement made enforceable by the CAF: no hearing, no judgment
        (
            "Séparés à l'amiable, nous ne voulions pas attendre une audience pendant des mois. "
            "Sans passer par le juge, la CAF a délivré le titre exécutoire en cinq semaines.",
            ("CAF",),
        ),
        # a proxy vote taken at a care home: a procedure, not politics
        (
            "Mon père ne pouvait plus se déplacer pour voter aux élections municipales. J'ai fait "
            "la procuration en ligne et un gendarme est venu la valider chez lui en dix minutes.",
            ("Gendarmerie",),
        ),
        # a link to the Crous's own booking site and a monthly rent are no advertisement
        (
            "Stage de deux mois à Lyon : chambre réservée sur trouverunlogement.lescrous.fr, 290 "
            "euros par mois, un agent du Crous m'a aidé au guichet en vingt minutes.",
            ("Crous",),
        ),
        # a mission locale's grant, told in a few words
        (
            "mission locale de Tarbes 👍 g eu une aide de 200€ pr mon permis en 10 jours, ma "
            "conseillère a tout fait",
            ("Mission locale",),
        ),
        # a complementary pension fund is in scope, whatever bank the pension goes to
        (
            "J'ai changé de banque en mars et déclaré mes nouvelles coordonnées bancaires sur "
            "l'espace Agirc-Arrco ; la pension d'avril est arrivée sur le nouveau compte.",
            ("Agirc-Arrco",),
        ),
        # a court the case never reached
        (
            "Après un commandement de payer en mai, l'ADIL m'a aidée à proposer un plan au "
            "bailleur, qui l'a accepté : l'affaire n'est jamais allée au tribunal.",
            ("ADIL",),
        ),
        # an allergy plan at school is a procedure, whatever the class does
        (
            "Mon fils entrait en CE1 ; le médecin scolaire a signé le PAI en une semaine, les "
            "enseignants ont été informés et la trousse est rangée en classe.",
            ("Éducation nationale",),
        ),
        # a hospital's results in the State's health space
        (
            "après ma prise de sang à l'hôpital de pau, les résultats sont arrivés dans mon "
            "espace santé le lendemain. pratique.",
            ("Hôpital",),
        ),
        # a PIN code sent by post is no promotion code
        (
            "Ma carte d'identité ne se lisait pas dans l'appli ; à la mairie un agent m'a montré "
            "comment faire, activée en 2 minutes avec le code PIN reçu par courrier.",
            ("Mairie", "ANTS"),
        ),
        # the central bank's over-indebtedness file is a public procedure, no bank's
        (
            "J'ai déposé un dossier de surendettement à la Banque de France en mars ; la "
            "commission l'a déclaré recevable en mai et mes dettes sont gelées.",
            ("Banque de France",),
        ),
        # help for victims at the court is a counter, no case judged
        (
            "Après le vol de ma voiture en juin, une amie m'a parlé du bureau d'aide aux victimes "
            "au tribunal de Poitiers. La juriste m'a reçue un mardi et m'a aidée pour l'assurance.",
            ("Tribunal judiciaire",),
        ),
        # steps counted as messages count them, beside « ce que tout le monde dit »
        (
            "jviens d'avoir ma carte grise et jpensais galerer vu ce que tt le monde dit. demande "
            "faite le soir meme sur le site, recue par courrier 6j plus tard",
            ("ANTS",),
        ),
    ],
)
def test_stories_that_are_not_refused(
    engine: Engine, text: str, organisms: tuple[str, ...]
) -> None:
    result = engine.analyze(story(text, organisms=organisms))
    assert result.decision != "reject", (result.reasons, result.flags)
