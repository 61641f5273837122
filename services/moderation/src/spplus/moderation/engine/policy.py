"""The moderation policy's reasons to refuse a story, each with a confidence in [0, 1]."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date, datetime

from spplus.redaction import scan

from .abuse import ABUSIVE, ABUSIVE_STRONG, CORRUPT_FILE, INSULT_AT_PEOPLE
from .experience import (
    _ADDRESSED,
    _QUESTION,
    _SENTENCES,
    ADVICE,
    CLOSING_FORMULA,
    FIRST_PERSON,
    GENERAL_VIEW,
    IMPERATIVE,
    LIVED_EVENT,
    NARRATIVE,
    NOT_LIVED,
    OPINION,
    OWN,
    REACTION,
    SURVEY,
    TIMELINE,
)
from .offers import SELF_PROMOTION, SPAM, SPAM_ORDINARY
from .refusals import (
    AMICABLE,
    CALL_TO_VOTE,
    CONTEST,
    CONTROL,
    CONTROL_STRONG,
    COURT,
    COURT_SERVICE,
    LEGAL,
    LEGAL_STRONG,
    LITIGATION,
    POLITICAL,
    REQUEST,
    REQUEST_STRONG,
)
from .text import _MONTHS, Flag, fold, unabbreviate
from .topics import (
    COMMERCIAL,
    CREOLE,
    FAMILY_BACKGROUND,
    FAMILY_CONTEXT,
    GENERIC_ORGANISATIONS,
    IN_SCOPE_ORGS,
    LOCAL_MATTERS,
    MAIRIE_IN_SCOPE,
    PRIVATE_INSURERS,
    PROCEDURE,
    SCHOOL,
    SCHOOL_PROCEDURE,
    STATE_SERVICES,
    TEACHING,
    TEACHING_CRITIQUE,
)

#: « on nous prend pour des imbéciles »: the author feeling slighted, no insult at anyone.
_TAKEN_FOR = scan.compile(
    r"\b(?:prend|prennent|prendre|pris|prise|prises)\s+pour\s+(?:des|un|une)\s+\w+"
)

#: A date or an amount: a story has one; a word to every agent or a question on the system none.
_DATE_OR_NUMBER = scan.compile(rf"\d|(?<![a-z]){_MONTHS}(?![a-z])")

_DOMAIN = scan.compile(
    r"(?<![\w@.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|io|eu)(?![\w-])"
)


_PUBLIC = (
    r"gouv|ameli|caf\.fr|msa\.fr|urssaf|francetravail|pole-emploi|service-public|impots|ants\.|"
    r"info-retraite|lassuranceretraite|mesdroitssociaux|mesdemarches|franceconnect|legifrance|"
    r"etudiant\.gouv|messervices|lescrous|crous|france-travail|agirc-arrco|visale|actionlogement|"
    r"mission-locale|monparcourshandicap|1jeune1solution|mon-?enfant|mdph|cnav|carsat|"
    r"mutualite|la-poste|laposte\.fr|sncf-connect|ameli-|defenseurdesdroits|justice\.fr|"
    r"education\.fr|ac-[a-z-]+\.fr|parcoursup|net-entreprises|autoentrepreneur|"
    r"lautoentrepreneur|monespacesante|sante\.fr|nouvelle-aquitaine|region|departement|"
    r"mairie|ville-|paris\.fr|service-civique|chequeenergie|renovation|anah"
)


#: A public name opens a label of the domain: « monespacesante.fr », « ameli.fr »; not
#: « taxibreizhsante.fr », a firm's site that ends like one.
_PUBLIC_DOMAIN = scan.compile(rf"(?:^|[./-])(?:{_PUBLIC})")


#: A public service's address, with its scheme and path: not an advertisement.
_PUBLIC_URL = scan.compile(
    rf"(?:https?://)?(?:www\.)?(?:[a-z0-9-]+[.-])*(?:{_PUBLIC})[a-z0-9./_?=&#%-]*"
)


_URL_PREFIX = scan.compile(r"(?<![a-z])(?:https?://|www\.)")


#: A quotation of what the author said or wrote to the service, reported in the past.
_REPORTED_SPEECH = scan.compile(
    r"\b(?:j'ai|je (?:lui|leur) ai|nous avons|on a)\s+(?:[\w']+\s+){0,3}?"
    r"(?:laisse|dit|ecrit|demande|repondu|explique|note|envoye|tape)\b[^«\"\n]{0,60}\n?"
    r"[«\"][^»\"]{0,300}[»\"]"
    # words in guillemets are someone's, quoted: an exchange with the service, not a request
    # to the platform (« que dois-je faire ? » written to the prefecture)
    r"|«[^»]{0,300}»"
)


#: Words of a request that ask nothing about one's file: thanks to pass on, a number left « si
#: besoin » (folded text).
_NOT_ASKED = scan.compile(
    r"(?:je vous prie de bien vouloir|merci de|pourriez-vous|pouvez-vous|je vous remercie de)\s+"
    r"(?:bien vouloir\s+)?(?:transmettre|faire suivre|adresser|faire passer)\s+(?:mes|nos|tous mes)\s+"
    r"(?:sinceres\s+)?(?:remerciements|felicitations|compliments)|"
    r"\bsi (?:besoin|vous voulez|vous avez (?:des|une) questions?|ca peut aider)\b[^.!?\n]{0,60}"
)


#: A court named as the building or the institution a counter belongs to.
_COURT_AS_PLACE = scan.compile(
    r"\btribunal (?:judiciaire|de proximite|d'instance)\b|\b(?:au|du) tribunal de [a-z][a-z'-]+"
)

#: A bank, a private insurer, a firm that failed the author (folded text).
_FIRM_AT_FAULT = scan.compile(
    r"\b(?:ma|notre|la|mon) (?:banque(?! de france)(?: en ligne)?|mutuelle|complementaire|assurance|assureur|"
    r"operateur|fournisseur)\b(?: \w+){0,3}? (?:(?:a|m'a|nous a|n'a|ne|n'ont) "
    r"(?:pas |jamais |toujours pas )?)?(?:bloque|refuse|rejete|retenu|gele|perdu|rembourse|verse|"
    r"repondu|repond|veut)\w*"
)

#: What the public service did in the case, done: « versées par la CPAM », « la Sécurité
#: sociale a remboursé sa part » (folded text).
_PUBLIC_PART_DONE = scan.compile(
    r"\b(?:versee?s?|payee?s?|remboursee?s?|accordee?s?) par (?:la |le |l')?(?:cpam|caf|carsat|msa|"
    r"securite sociale|assurance maladie|france travail|urssaf)|"
    r"\b(?:la )?(?:cpam|caf|carsat|msa|securite sociale|assurance maladie|secu) a (?:bien )?"
    r"(?:rembourse|verse|paye|pris en charge) (?:sa|ma|la|mes|les)"
)


#: A court the case never reached: « l'affaire n'est jamais allée au tribunal » (folded text).
_NO_COURT = scan.compile(
    r"\b(?:n'est|n'a|ne sont|n'ont|n'etait|ne soit|sans) (?:jamais |pas |meme pas )?(?:ete )?"
    r"(?:allee?s?|passee?s?|aller|passer|arrivee?s?) (?:au|devant le|devant un|jusqu'au) "
    r"(?:tribunal|juge)\b|\b(?:eviter|evite|sans) (?:le|un|d'aller au) (?:tribunal|proces)\b"
)


#: What a story about a public service names, if only in passing (folded text).
_ADMIN_THING = scan.compile(
    # « demande » the noun, not the verb (« j'ai fait ce qu'on m'a demandé »)
    r"(?<!m'a )(?<!m a )(?<!on a )(?<!qu'on )\bdemandes?\b|"
    r"\b(?:dossiers?|formation|cartes?|numero|siret|allocations?|aides?|primes?|"
    r"pensions?|retraite|remboursements?|rendez-vous|rdv|inscriptions?|attestations?|courriers?|"
    # a counter, a phone call or an adviser is how, not what: « au tel, au guichet » says nothing
    r"formulaires?|paiements?|versements?|droits|"
    r"papiers|titre|permis|passeport|bourse|logement|impots?|declaration|renouvellement|"
    r"decision|accuse de reception|teleservice|pieces|rectification|redressement|actes?)\b"
)

#: A sentence about what might have happened (folded text).
_HYPOTHETICAL = scan.compile(
    r"\b(?:il faudrait|faudrait|aurait fallu|on risqu\w*|je risqu\w*|risquait|risquerait|"
    r"au cas ou|si jamais|si c'etait|je pensais devoir|pensais qu'il faudrait)\b"
)

#: How long something took (folded text): « en deux mois », « 3 semaines ».
_DURATION = scan.compile(
    r"\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|\d+)\s+"
    r"(?:jours?|semaines?|mois|ans?|heures?|minutes?)\b"
)

_LAWYER = frozenset({"avocat", "avocate"})

#: A benefits control at home (folded text), and the words of one lived as an ordeal.
_BENEFIT_CONTROL = scan.compile(
    r"\bcontroleur\b|\bcontrole (?:de la |de |d'|des )?(?:caf|msa|cpam|arrets? (?:de travail|maladie)|"
    r"ressources)\b|\bcontrole[^.!?\n]{0,30} a domicile\b|"
    r"\b(?:passee?s?|venue?s?) (?:me |nous )?controler\b|"
    # a tax audit, an on-site check of farm aid
    r"\bcontrole sur (?:pieces|place)\b|\bproposition de rectification\b|"
    r"\bcontroles? de (?:la |ma )?recherche d'emploi\b|"
    r"\bverification de comptabilite\b|\bcontroleurs? de l'asp\b"
)
_CONTROL_RESENTED = scan.compile(
    r"\bhumili\w*|\bdevant (?:ma|mon|mes) (?:fille|fils|enfants)\b|\bdisproportionne\w*|"
    r"\btrait\w*(?:[ ,]+\w+){0,4}[ ,]+comme (?:une |un |des )?(?:criminel|voleu|fraudeu|delinquant)\w*|"
    r"\bbrutal\w*|\binspection policiere\b|"
    r"\bsans prevenir\b|\bcompte les brosses\b|\bouvert (?:mes|mon|le) (?:placards?|frigo)"
)

#: Procedures of voting, which a town hall, a police station or a consulate handles (folded).
_ELECTORAL_PROCEDURE = scan.compile(
    r"\bprocurations?\b|\blistes? electorales?\b|\bcartes? (?:d'electeur|electorales?)\b|"
    r"\binscription (?:electorale|sur les listes)\b|maprocuration"
)
#: The words of a vote itself, which such a procedure brings with it.
_VOTING = scan.compile(
    r"vot|elect|scrutin|municipales|legislatives|presidentielle|europeennes|regionales"
)

#: A capitalised word inside a sentence: a name the author gives something.
_PROPER_NOUN = scan.compile(r"(?<=[a-zà-ÿ,;] )[A-ZÀ-Ý][a-zà-ÿ]")

#: An acronym in the author's own capitals: a service or a procedure (« CACES », « ARE »).
_ACRONYM = scan.compile(r"(?<![\w])[A-Z]{2,}(?![\w])")


def _hits(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(_found(pattern, text))


@functools.lru_cache(maxsize=512)
def _found(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    """The policy asks the same table about the same text several times: scan it once."""
    return tuple(m.group() for m in pattern.finditer(text))


def _years_ago(submitted: datetime, lived: date) -> float:
    return (submitted.date() - lived).days / 365.25


#: Political words that name where a rule comes from rather than take a side (folded).
INSTITUTIONS = frozenset(
    {
        "gouvernement",
        "ministre",
        "ministres",
        "reforme",
        "senat",
        "assemblee nationale",
        "elus",
        "elu",
    }
)


#: A fine's notice that was someone else's offence: the car was sold, the plate copied.
_FINE_NOTICES = frozenset({"avis de contravention"})
_NOT_MY_OFFENCE = scan.compile(
    r"\b(?:cession|vendu|vendue|acheteur|acquereur|usurpation|doublette|fausses? plaques?|"
    r"plaques? (?:copiee|clonee|usurpee)s?)\b"
)

#: Thanks, or a result credited to someone: the author was there.
_CREDIT = scan.compile(
    r"\b(?:merci|remercie|remerciements|bravo|grace a|grace au|grace aux|continuez comme ca|"
    r"au top|nickel|rien a redire|marche (?:super |tres |vraiment )?bien|comme quoi c'est possible)\b"
)


def in_creole(text: str) -> bool:
    """Is `text` written in a Creole (four of its words or more, and 6 % of all)? The language
    detector knows none: it reads one as French."""
    body = fold(text)
    hits = _hits(CREOLE, body)
    return len(set(hits)) >= 4 and len(hits) >= 0.06 * len(re.findall(r"[a-z']+", body))


def check(
    title: str,
    description: str,
    organisms: Iterable[str],
    experience_date: date | None,
    submitted_at: datetime,
    language: tuple[str, float],
) -> list[Flag]:
    """Every policy flag the story raises."""
    text = unabbreviate(fold(f"{title}\n{description}"))
    body = unabbreviate(fold(description))
    orgs = fold(" ".join(organisms))
    flags: list[Flag] = []
    words = re.findall(r"[a-z']+", body)

    lang, lang_confidence = language
    if lang != "fr" and lang_confidence >= 0.5:
        flags.append(Flag("FOREIGN_LANGUAGE", min(1.0, lang_confidence + 0.2), lang))
        return flags  # the French rules below do not apply to a foreign text
    if in_creole(body):
        flags.append(Flag("FOREIGN_LANGUAGE", 0.85, "créole"))
        return flags

    in_scope = _hits(IN_SCOPE_ORGS, f"{orgs}\n{text}") or _hits(STATE_SERVICES, orgs)
    commercial = _hits(COMMERCIAL, f"{orgs}\n{text}")
    local = _hits(LOCAL_MATTERS, text)
    mairie = "mairie" in orgs or "mairie" in text or "commune" in orgs
    named = _hits(PROCEDURE, text) or _hits(TEACHING, text) or _hits(CONTROL, text)
    named = named or _hits(LEGAL, text)
    # A few words that name nothing, neither a service nor a procedure: « toujours rien reçu,
    # 3e fois que j'écris, honteux », whatever organisation the form says.
    vague = (
        len(words) < 60
        and not named
        and not _ADMIN_THING.search(text)
        and not _ACRONYM.search(f"{title}\n{description}")
        and not _PROPER_NOUN.search(description)  # « orienté vers Cap emploi »: a service
        and not _hits(IN_SCOPE_ORGS, text)
        and not _hits(STATE_SERVICES, text)
        and not _hits(COMMERCIAL, text)
        and not _hits(LOCAL_MATTERS, text)
        and "mairie" not in text
    )
    # The organisation the author chose is a commercial one, and no service of the State is:
    # the story is about it, whatever service its text mentions ("mes papiers CAF perdus par
    # La Poste").
    chosen_commercial = _hits(COMMERCIAL, orgs) or _hits(PRIVATE_INSURERS, orgs)
    at_fault = _FIRM_AT_FAULT.search(text)
    if chosen_commercial and not (_hits(IN_SCOPE_ORGS, orgs) or _hits(STATE_SERVICES, orgs)):
        flags.append(Flag("OUT_OF_SCOPE", 0.85, chosen_commercial[0]))
    elif at_fault and _PUBLIC_PART_DONE.search(text):
        # the service paid its part; the complaint is a bank's, an insurer's: « versées par la
        # CPAM le 8 […] ma banque a bloqué le virement »
        flags.append(Flag("OUT_OF_SCOPE", 0.8, at_fault.group()))
    elif commercial and not in_scope:
        flags.append(Flag("OUT_OF_SCOPE", 0.9, commercial[0]))
    elif (
        local
        and not _hits(MAIRIE_IN_SCOPE, text)
        and (mairie or not in_scope)
        # the author chose one of our networks: « pendant la crèche » is a detail of the story
        and not _hits(IN_SCOPE_ORGS, orgs)
    ):
        flags.append(Flag("OUT_OF_SCOPE", 0.85, local[0]))
    elif mairie and not in_scope and not _hits(MAIRIE_IN_SCOPE, text) and not vague:
        flags.append(Flag("OUT_OF_SCOPE", 0.5, "mairie"))

    # The policy's two years run from the experience date the author gives, never from a year
    # the text mentions ("un terrain vendu en 2023", "mon permis obtenu en 1979").
    if experience_date is not None and _years_ago(submitted_at, experience_date) > 2:
        flags.append(Flag("TOO_OLD", 0.95, experience_date.isoformat()))

    teaching = sorted(set(_hits(TEACHING, text)))
    # a critique of how one is taught (« le formateur parle trop vite ») weighs three words
    weight = len(teaching) + (2 if _hits(TEACHING_CRITIQUE, text) else 0)
    if teaching and (weight >= 2 or _hits(SCHOOL, text)):
        # Enrolment, a grant, a school bus are procedures: only pedagogy itself is out of bounds.
        sure = weight >= 3 or (weight >= 2 and not _hits(SCHOOL_PROCEDURE, text))
        flags.append(Flag("TEACHING", 0.9 if sure else 0.5, teaching[0]))

    # What might have happened is not what did: « on risquait une amende de 135 € si… », « si
    # c'était refusé il faudrait aller au tribunal ».
    factual = " ".join(s for s in _SENTENCES.split(text) if not _HYPOTHETICAL.search(s))
    strong = _hits(CONTROL_STRONG, factual)
    if strong and set(strong) <= _FINE_NOTICES and _NOT_MY_OFFENCE.search(text):
        strong = []  # fines for a car sold or a copied plate: a registration's story, no control
    if strong:
        flags.append(Flag("UNDERGONE_CONTROL", 0.9, strong[0]))
    elif len(_hits(CONTROL, text)) >= 2 and not _hits(IN_SCOPE_ORGS, orgs):
        flags.append(Flag("UNDERGONE_CONTROL", 0.6, _hits(CONTROL, text)[0]))
    elif _BENEFIT_CONTROL.search(text) and _CONTROL_RESENTED.search(text):
        # A benefits control at home told as an ordeal is a contact the author underwent, the
        # policy's « contact subi » (told as a courteous check that helped, it is the service's
        # way of working, and published).
        flags.append(Flag("UNDERGONE_CONTROL", 0.9, "controle a domicile"))

    # A family judge's ruling behind a change of benefit is background, not the story's subject.
    # ... unless the author goes to law over it: an appeal, a hearing, a lawyer.
    # A court's counter (a copy of a judgment, a certificate, free advice) is a public service
    # like any other: the story is about that service unless the author contests a judgment.
    court_service = COURT_SERVICE.search(text) and not CONTEST.search(text)
    litigated = LITIGATION.search(text) and not court_service
    legal_text = (
        text
        if litigated
        else " ".join(
            sentence
            for sentence in _SENTENCES.split(FAMILY_BACKGROUND.sub(" ", text))
            if not FAMILY_CONTEXT.search(sentence)
            and not _HYPOTHETICAL.search(sentence)
            and not (court_service and COURT_SERVICE.search(sentence))
        )
    )
    if court_service:  # the court is where the counter is ("le tribunal judiciaire de Paris")
        legal_text = _COURT_AS_PLACE.sub(" ", legal_text)
    legal_text = _NO_COURT.sub(" ", legal_text)
    if _hits(AMICABLE, text) and not CONTEST.search(text):
        legal_text = ""  # « la CAF a délivré le titre exécutoire », no hearing waited for
    legal = sorted(set(_hits(LEGAL_STRONG, legal_text)))
    if legal:
        court = _hits(COURT, legal_text)
        # a lawyer alone who points the way or files a paper is no case before a court
        sure = len(legal) >= 2 or bool(set(court) - _LAWYER)
        flags.append(
            Flag("LEGAL_DECISION", 0.9 if len(legal) >= 2 else 0.8 if sure else 0.6, legal[0])
        )
    elif len(set(_hits(LEGAL, legal_text))) >= 2:
        flags.append(Flag("LEGAL_DECISION", 0.5, _hits(LEGAL, legal_text)[0]))

    # A link to the service's own site is no advertisement: only other domains count.
    links = [d for d in _DOMAIN.findall(text) if not _PUBLIC_DOMAIN.search(d)]
    bare = _URL_PREFIX.findall(_PUBLIC_URL.sub(" ", text)) if _URL_PREFIX.search(text) else []
    spam = set(_hits(SPAM, text)) | set(links) | set(bare)
    promotion = set(_hits(SELF_PROMOTION, text))
    ordinary = set(_hits(SPAM_ORDINARY, text))
    offer = (spam - promotion - ordinary) | set(links)  # "520 € par mois" is no offer
    if promotion and offer and ("[telephone]" in text or "[email]" in text):
        # a promotion that gives its own number or address; "écrivez-moi : [email]" at the
        # end of a story, with nothing on offer, is an author who wants to help
        spam.add("contact")
    # "appelez-moi" and one word a lived story uses too is an author who offers help
    if (
        len(spam) >= 2
        and spam - ordinary
        and (len(spam) >= 3 or spam - ordinary - promotion or "contact" in spam)
    ):
        flags.append(Flag("SPAM", min(1.0, 0.5 + 0.15 * len(spam)), sorted(spam)[0]))
    elif len(spam) >= 3:  # only words a lived story uses too: a person reads it
        flags.append(Flag("SPAM", 0.5, sorted(spam)[0]))

    plain = CORRUPT_FILE.sub(r"\1\2endommag", text)
    plain = _TAKEN_FOR.sub(" ", plain)
    abusive = _hits(ABUSIVE_STRONG, plain) + _hits(INSULT_AT_PEOPLE, plain)
    if abusive:
        flags.append(Flag("ABUSIVE", 0.9, abusive[0]))
    elif len(set(_hits(ABUSIVE, plain))) >= 2:  # « nul » in the title and again: one word
        flags.append(Flag("ABUSIVE", 0.6, _hits(ABUSIVE, plain)[0]))

    # A minister or a reform named in passing is context, even together ("la réforme annoncée
    # par le gouvernement"); opinions pile up words, and name parties, leaders, votes.
    political = set(_hits(POLITICAL, text))
    if _ELECTORAL_PROCEDURE.search(text):
        # a proxy vote or a registration on the rolls is a procedure: the vote is its subject
        political = {w for w in political if not _VOTING.match(w)}
    if len(political) >= 2 and (political - INSTITUTIONS or len(political) >= 4):
        called = _hits(CALL_TO_VOTE, text)  # « votez pour ceux qui… »: an opinion, surely
        confidence = max(min(1.0, 0.25 + 0.15 * len(political)), 0.85 if called else 0.0)
        flags.append(Flag("POLITICAL", confidence, called[0] if called else sorted(political)[0]))

    # What the author said to the service back then, quoted, is part of the story ("j'ai laissé
    # sur le répondeur « rappelez-moi au … »"), not a request to the platform.
    asked = _NOT_ASKED.sub(" ", _REPORTED_SPEECH.sub(" ", CLOSING_FORMULA.sub(" ", body)))
    requests = _hits(REQUEST, asked)
    if requests and not _hits(SURVEY, body):  # « pourriez-vous répondre à mon questionnaire »
        asks = sum(1 for q in _QUESTION.findall(body) if _ADDRESSED.search(q)) + len(requests)
        strong = _hits(REQUEST_STRONG, asked)
        # « je n'ai pas encore fait de demande, je me renseigne »: a general question, no file
        certain = (asks >= 2 or bool(strong)) and not _hits(NOT_LIVED, body)
        flags.append(Flag("PERSONAL_REQUEST", 0.85 if certain else 0.6, requests[0]))

    first_person = len(_hits(FIRST_PERSON, body))
    narrative = len(_hits(NARRATIVE, body))
    timeline = len(set(_hits(TIMELINE, body)))
    # "je n'ai jamais eu affaire", "m'a raconté": words of a story that say none was lived
    told = len(_hits(NOT_LIVED, body))
    own = len(_hits(OWN, body)) if told < 2 else 0  # hearsay about a neighbour is hers
    lived = max(narrative - told, len(LIVED_EVENT.findall(body)) - told) + own
    lived += timeline if told < 2 else 0  # « hier soir un reportage »: when the news was seen
    general = sorted(
        set(_hits(OPINION, body)) | set(_hits(NOT_LIVED, body)) | set(_hits(GENERAL_VIEW, body))
    )
    orders = len(set(IMPERATIVE.findall(body)))
    if (
        (len(ADVICE.findall(text)) >= 2 or orders >= 2)
        and narrative == 0
        and not LIVED_EVENT.search(body)
    ):
        # a list of tips for readers, nothing that happened to the author
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.85, "advice"))
    elif (reaction := set(_hits(REACTION, body))) and (len(reaction) >= 2 or lived <= 1):
        # a reply to another story on the site: support, no case of one's own told
        sure = len(reaction) >= 2 and lived <= 2
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.85 if sure else 0.6, sorted(reaction)[0]))
    elif first_person == 0 and narrative == 0 and timeline == 0:
        # Thanks or credit to someone say a case was handled, in however few words ("carte
        # perdue, refaite en huit jours grâce à Mme X, merci"): a person reads it.
        # So does a dated step of a named procedure, typed with no « je » (« inscrite le 1er
        # dec, 1er rdv le 8, ARE calculée »).
        credited = _CREDIT.search(body) or (
            _DATE_OR_NUMBER.search(body)
            and _ADMIN_THING.search(body)
            and (_ACRONYM.search(description) or named or _hits(IN_SCOPE_ORGS, body))
            and not orders
            and not _hits(OPINION, body)
        )
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.6 if credited else 0.85, "no first person"))
    elif (
        general
        and narrative + len(LIVED_EVENT.findall(body)) + own + timeline == 0
        and not _DATE_OR_NUMBER.search(body)
    ):
        # Nothing happened to the author, no date, no amount, and they say so or give a view:
        # a word to every agent, a question on how the system works.
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.8, general[0]))
    elif len(general) >= 2 and lived <= 1:
        # Views on the system and news heard, with at most one thing that happened to the author;
        # with how long the author's own case took (« en deux mois »), a person reads it.
        timed = lived and not told and _DURATION.search(body)
        flags.append(Flag("NOT_AN_EXPERIENCE", 0.6 if timed else 0.8, general[0]))
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
    elif vague:
        flags.append(Flag("INCOMPLETE", 0.75, "nothing named"))
    return flags
