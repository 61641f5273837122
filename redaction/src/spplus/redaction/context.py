"""The words that are not names around names: services, greetings, fillers, public offices,
places before a word."""

from __future__ import annotations

import functools
import re

from . import lexicon, ner, scan
from .patterns import _LOW, _UP

#: Offices a civility may precede instead of a name: "M. LE MAIRE", "MME LA PRÉFÈTE".
_OFFICES = frozenset(
    "maire préfet prefet préfète prefete juge docteur docteure adjoint adjointe président "
    "president présidente presidente ministre député depute députée deputee sénateur senateur "
    "sénatrice senatrice directeur directrice recteur rectrice".split()
)


_LEADING_TITLE = scan.compile(
    rf"^(?:(?:{lexicon.TITLES}|(?i:madame|monsieur|mademoiselle|docteure?|maître|mme|mlle|m\.|dr\.?))\s+)+"
)


_GREETINGS = frozenset(
    {"bonjour", "bonsoir", "merci", "cordialement", "salut", "madame", "monsieur", "bref", "voilà"}
    | {"bjr", "bsr", "slt", "cc", "coucou", "wesh", "mrc", "mci"}  # typed fast
    | {"mme", "mlle", "mr", "dr", "me", "pr", "mm", "mmes", "docteur", "docteure", "maître"}
    # what people writing French as a second language greet and thank with
    | {
        "hello",
        "hi",
        "thanks",
        "thank",
        "please",
        "olá",
        "ola",
        "obrigado",
        "obrigada",
        "buenos",
        "buenas",
        "gracias",
        "hola",
        "salam",
        "salaam",
        "merhaba",
        "danke",
        "ciao",
        "grazie",
    }
)


#: Words of organisations and procedures: never a person, whatever the model says.
_SERVICE_WORDS = frozenset(
    w.casefold()
    for w in (
        "CAF CPAM MSA URSSAF ANTS DGFiP Crous Carsat CNAV France Travail Pôle Emploi Services "
        "Préfecture Sous-Préfecture Mairie Ameli Vitale Carte Assurance Maladie Retraite Sécurité "
        "Sociale FranceConnect Impots Impôts Finances Publiques Trésor Public Agence Caisse Centre "
        "Espace Service Public APL RSA AAH Prime Activité Cerfa Allocations Familiales Agirc Arrco "
        "Internet Messagerie Visio Covid Noël Pâques Toussaint Janvier Février Mars Avril Mai Juin "
        "Juillet Août Septembre Octobre Novembre Décembre Lundi Mardi Mercredi Jeudi Vendredi "
        "Samedi Dimanche Pajemploi Assedic Assédic ASSEDIC Erasmus Parcoursup Affelnet Ameli Cesu "
        "Chorus Legifrance Ants Doctolib Netentreprises Franceconnect Mesdroitssociaux Dsn Prefon "
        "Unédic Unedic Cnaf Cnam Cnav Anah MaPrimeRénov MaPrimeRenov Agirc-Arrco Carsat Ircantec "
        "Cnracl Sécu Secu Colissimo Chronopost SNCF RATP Ouigo EDF Engie Orange SFR Bouygues Free "
        "Amazon Leboncoin Doctolib Uber Lydia Paypal Natali NATALI Ladom LADOM Visale MesServices "
        "ANEF Anef Instagram Insta Facebook TikTok Tiktok WhatsApp Whatsapp Twitter Snapchat "
        "LinkedIn Linkedin YouTube Youtube Google Gmail Hotmail Outlook Yahoo Telegram Messenger "
        "Signal Twingo Clio Renault Peugeot Citroën Citroen Toyota Dacia Volkswagen Télépac "
        "Telepac PAC Mesparcelles Kbis K-bis Activ'Créa MaPrimeAdapt"
    ).split()
)


#: Words a model may glue to a name: relatives, roles, determiners.
_FILLERS = frozenset(
    [r.casefold() for r in lexicon.RELATIVES]
    + [r.casefold() for r in lexicon.ROLES]
    + "mon ma mes son sa ses notre votre leur le la les un une l d de du des cette ce".split()
)


_ADDRESS_CONTEXT = scan.compile(
    r"(?i:résidence|residence|hameau|lieu-dit|lieudit|lotissement|lot\.|cité|quartier|domaine|"
    r"villa|(?<!est )(?<!était )(?<!etait )(?<!déjà )(?<!deja )(?<!sont )clos|bâtiment|batiment)"
    r"\s+(?:(?:de|du|des|d['’]|les|le|la)\s*)?$"
)


_SENTENCE_END = scan.compile(r"(?:^|[.!?:;\n…]|^\s*-)\s*$")


_CAPITAL_WORD = scan.compile(rf"(?<![\w'’@.-])[{_UP}][{_LOW}{_UP}'’-]{{2,}}(?![\w@])")


_LONG_NUMBER = scan.compile(r"(?<![\w])\d(?:[ .-]?\d){5,}(?![\w])")


_DETERMINER_BEFORE = scan.compile(r"(?i:\b(?:le|la|les|l['’]|du|au|aux|des|ce|cette))\s*$")


#: A surname with an elided particle: "N'Diaye", "O'Brien", "n'diaye" (after « n' » a French
#: word would be a verb: "n'avait").
ELIDED_NAME = scan.compile(
    rf"(?<![\w'’])([NnOo]['’](?:[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)*|[{_UP}]{{2,}}|[{_LOW}]{{3,}}))"
    r"(?![\w'’]|\.\w)"
)


#: A name right after these is a place or an institution's name, not a person's.
_PLACE_WORD_BEFORE = scan.compile(
    r"(?i:\b(?:gare|rue|avenue|av\.|boulevard|bd|place|quai|pont|centre|hôpital|hopital|clinique|"
    r"chu|ch|église|eglise|stade|parc|square|cours|métro|metro|station|aéroport|aeroport|port|"
    r"saint|sainte|st|ste|caf|cpam|msa|urssaf|carsat|crous|préfecture|prefecture|mairie|agence|"
    r"publiques|publics|tribunal|ville|commune|antenne|maison|espace|services?|caisse|"
    r"département|departement|région|region|france travail|pôle emploi|pole emploi|impôts|"
    r"impots|trésorerie|tresorerie|sip|sie|cnav|ants|ars|ameli)(?:\s+(?:de|d['’]|du|des|de la))?\s*|"
    r"\b(?:arrivée?s?|venue?s?|originaires?|en provenance|rentrée?s?|revenue?s?)\s+(?:de|d['’]|du)\s*|"
    r"\b(?:née?s?|vit|vivait|habite|habitait|installée?s?)\s+(?:à|a|au)\s*)$"
)


#: A lower-case word right after words that introduce a person ("la conseillere sadio", "avec
#: mme payet"): when no lexicon knows it, a person should look.
_LOWER_AFTER_CONTEXT = scan.compile(
    r"(?<![\w'’])(?:mme|mr|m\.|madame|monsieur|mademoiselle|conseill[eè]re?|agente?|dame|"
    r"monsieur|mari|femme|fils|fille|fr[eè]re|s[oœ]eur|p[eè]re|m[eè]re|cousine?|voisine?|"
    r"avec|chez|par|nom|pr[eé]nom|appelle|appel[eé]e?|sign[eé]e?)\s+"
    r"(?P<word>[a-zà-ÿ][a-zà-ÿ'’-]{3,})(?![\w'’])"
)


#: Words of text messages that no dictionary has.
_SMS_WORDS = frozenset(
    "jsuis chui jpeux jveux jsais jcrois jfais jvais jai jetais javais pcq parce pck psk pk pq "
    "tjrs tjs tt ttes bcp bcp slt cc mdr ptdr stp svp dsl jsp rdv rdvs auj ajd demain cad "
    "ptet peut-etre mtn mnt koi kan kom ke ki quoique tkt vrmt vraiment grave trop ouf avt apr "
    "jms qd ds tjr bjr bsr slt msg".split()
)


_OFFICE_BEFORE = scan.compile(
    r"(?i:\b(?:président|presidente?|ministre|premier ministre|première ministre|député|deputee?|"
    r"sénateur|senatrice|sénatrice|gouvernement|réforme|reforme|loi|candidate?|ancien|ancienne)"
    r"(?:\s+\w+){0,3}\s*)$"
)


#: A role, then at most a civility, right before a name (folded): "l'agent m.", "le dr".
_ROLE_BEFORE = scan.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(ner._fold(r)) for r in lexicon.ROLES), key=len, reverse=True))
    + r"|guichet|dr|docteur|docteure)[ \t,:]+(?:(?:m|mr|mme|mlle|monsieur|madame|dr)\.?[ \t]+)?$"
)


_TOKEN = scan.compile(r"[^\W\d_][\w'’-]*")


_ELISION = scan.compile(r"(?i:[dlnjm]|qu)['’]")


#: A surname's particle and its capitalised rest after a name: "Hubert| de La Roche".
_PARTICLE_TAIL = scan.compile(
    rf"[ \t]+(?:(?:de la|de l['’]|de|du|des|d['’]|van der|van den|van|von|da|das|dos|di|del|della|"
    rf"ben|bin|el|al|ould|le|la)[ \t]+|(?:d['’]|l['’]))(?:(?:La|Le|Les)[ \t]+)?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
)


#: The next word in capitals, not a verb after an elided pronoun ("MORVAN N'A RIEN VU").
_NEXT_SHOUTED = scan.compile(
    r"[ \t]+(?!(?:N|M|T|S|J|C|QU)['’])([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])"
)


_NEXT_CAPITAL = scan.compile(rf"[ \t]+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)(?![\w'’-])")


_LOWER_PARTICLE_TAIL = scan.compile(
    # (« n », « m »: N'Diaye, M'Baye typed without the apostrophe)
    r"[ \t]+(?P<particle>de la|de|du|des|van der|van|von|da|das|dos|di|del|ben|el|le|la|n|m)[ \t]+"
    r"(?P<rest>[a-zà-ÿ]{3,}(?:-[a-zà-ÿ]+)?)(?![\w'’-])"
)


_UPPER_PARTICLE_TAIL = scan.compile(
    r"[ \t]+(?:(?P<foreign>VAN DER|VAN DEN|VAN|VON|DA|DAS|DOS|DI|DEL|DELLA|BEN|EL|OULD)|"
    r"DE LA|DE|DU|DES|LE|LA)[ \t]+(?P<rest>[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])"
)


#: What a name does next in a story: "Petit était…", "petit m'a dit…".
_NAME_VERB = scan.compile(
    r"[ \t]+(?:était|etait|est venue?|a été|a ete|m['’ ]a|m['’ ]avait|nous a|nous avait|avait|"
    r"s['’]est|a dit|a vu|a pris|a fait|a appelé|a appele|a répondu|a repondu|a tout|a bien|"
    r"a trouvé|a trouve|a repris|a rappelé|a rappele)(?!\w)"
)


#: "nos enfants hugo et jade", "Hugo et Jade": the first name next to a found one, joined by
#: "et", "ou", "&", is a name too, even when it is also a word.
_AND_NEXT = scan.compile(r"[ \t]+(?:et|ou|&)[ \t]+([^\W\d_][\w'’-]{2,})(?![\w'’-])")


_AND_BEFORE = scan.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]{2,})[ \t]+(?:et|ou|&)[ \t]+$")


#: A last line "Prénom, bénévole." or "KARIMA, SA FILLE": a signature with a role or a tie.
_ROLE_SIGNATURE = scan.compile(
    r"(?:\n|[.!?][ \t]+)[ \t]*(?:[-–—][ \t]*)?(?P<name>[^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+)?)"
    r"[ \t]*,[ \t]*(?P<tail>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,4})[ \t.!]*$"
)


#: A full name in brackets, "(PIERRE LACOSTE)", "(Pierre Lacoste)", and the nickname before it.
_IN_BRACKETS = scan.compile(
    r"(?:(?<![\w'’-])(?P<alias>[^\W\d_][\w'’-]{2,})[ \t]*)?\([ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]+[ \t]+[^\W\d_][\w'’-]+)[ \t]*\)"
)


#: A public place named after someone, hyphenated as French writes it: « l'aéroport
#: Roland-Garros », « l'hôpital Édouard-Herriot », « la station Charles-de-Gaulle ».
_NAMED_PLACE = scan.compile(
    r"(?i:\b(?:aéroport|aeroport|aérogare|aerogare|gare|stade|hôpital|hopital|chu|"
    r"centre hospitalier|groupe hospitalier|université|universite|faculté|faculte|station|"
    r"métro|metro|pont|port|palais|musée|musee|médiathèque|mediatheque|bibliothèque|"
    r"bibliotheque|piscine|gymnase|salle|parc|place|avenue|boulevard|rue|quai|caserne|prison|"
    r"centre pénitentiaire|maison d['’]arrêt)(?:\s+(?:de|du|des|d['’]))?)\s+"
    r"(?P<name>[A-ZÀ-Ý][a-zà-ÿ]+(?:-(?:de-|du-|d['’]|la-|le-)?[A-ZÀ-Ý][a-zà-ÿ]+)+)"
)


@functools.lru_cache(maxsize=64)
def named_places(text: str) -> frozenset[str]:
    """The names of public places in `text`: the same words elsewhere are the place again
    (« douane de Roland-Garros » in the title), never a person."""
    return frozenset(m.group("name").casefold() for m in _NAMED_PLACE.finditer(text))
