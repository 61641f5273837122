"""The policy's table of abuse: insults and threats (sure), rudeness (a person looks), and the
insults aimed at a person rather than at a service."""

from __future__ import annotations

from spplus.redaction import scan

from .text import _rx

_ABUSIVE_STRONG_WORDS = (
    r"connards?",
    r"connasses?",
    r"conasses?",
    r"conards?",
    # a threat to wait for an agent outside: « jla retrouve dehors elle va voir »
    r"(?:je |j'|j ?)(?:vais )?(?:la|le|les) ?(?:retrouv|attend|chop)\w* (?:dehors|a la sortie|en bas)",
    r"(?:tu vas|vous allez|elle va|il va|ils vont|elles vont) le regretter",
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
    # people sent back « au bled »; a family living there is no insult (« mes parents au bled »)
    r"(?:renvoy|expuls|degag)\w*(?:-les|-la|-le)? au bled",
    r"(?:c'est|c est) plus la france",
    r"dans leur pays",
    r"(?:renvoyer|renvoyez|virer) (?:tout ce monde|ces gens|tous ces gens|les etrangers)",
    r"rentrer chez eux",
    r"retournent? (?:dans leur|chez eux)",
    # people told to leave, a country said to be lost, a job said to be given by colour
    r"qu'ils (?:retournent|rentrent|repartent|degagent) (?:au|aux|en|dans|chez)",
    r"(?:devrai(?:t|ent)|doi(?:t|vent)|qu'(?:il|elle)s?) (?:retourner|rentrer|repartir|retourne|"
    r"rentre|reparte)(?:nt)? (?:dans|chez|au) (?:son|sa|leur|leurs|eux|lui|elle|pays|bled)",
    r"n'est plus la france",
    r"(?:n'ont|n'a|ont) rien a faire (?:derriere|a) (?:un|une|le|la|nos|notre|l') ?(?:guichet|bureau|"
    r"poste|accueil)",
    r"baragouin\w*",
    # an agent called a crook or a liar, sent to prison
    r"magouilleu(?:r|se|rs|ses)",
    r"(?:une|un|des|sale|grosse|gros) menteu(?:r|se|rs|ses)",
    r"(?:devrait|devraient|doit|doivent|merite|meritent) (?:etre|aller|finir) en prison",
    r"(?:n'ont|ont) rien a faire (?:chez nous|en france|ici)",
    r"sur notre dos",
    r"(?:pour|a cause de) leur (?:couleur|race)",
    r"plus en france",
    r"corrompue?s?",
    r"detourne(?:nt)? l'argent",
    r"pistonne",
    # a country said to be lost to foreigners, foreigners said to pass first or not to speak
    r"(?:on|nous) (?:n'est|n'etait|est|etait|sommes|ne sommes) plus chez nous",
    r"tous ces etrangers",
    r"ne parl\w* meme pas (?:un mot de |le )?francais",
    r"(?:renvoi|renvoy|expuls|degag)\w*(?:-les|-la|-le)? chez eux",
    r"nous les (?:vrais )?francais",
    r"(?:passent|servis|passe) avant (?:nous )?les francais",
    r"(?:tous|toutes) de la meme origine",
    r"(?:faire|fasse|fassent|faut faire) le menage dans (?:ce|le|notre) pays",
    r"rien a faire dans (?:une|notre|nos|les|l') administrations?",
    r"sait a peine (?:lire|parler|ecrire) (?:le )?francais",
    r"la france aux francais",
    r"etrangers qui ne parlent (?:meme )?pas",
    r"viennent profiter (?:des aides|du systeme|de nos|de la france)",
    r"guichet separe pour eux",
    r"grace aux quotas",
    r"parlent a peine (?:le )?francais",
    r"ces (?:ordures|pourris|fachos|racistes|chiens|parasites)",
    # an agent insulted, accused of theft, or said to come from nowhere
    r"(?:grosse|gros|sale|vieille|vieux|pauvre) (?:incapable|idiote?|conne?|feignasse|truie|"
    r"vache|nulle|nul|cretine?|abrutie?)",
    r"gard(?:e|ent|ait) pour (?:elle|lui|eux|elles) (?:les aides|l'argent|nos aides)",
    r"(?:embaucher|prendre|recruter) des francais (?:pour|et pas|plutot)",
    r"vienn?ent d'on ne sait ou",
)


ABUSIVE_STRONG = _rx(*_ABUSIVE_STRONG_WORDS)

#: A file that is corrupt is no official who is: "le fichier était corrompu" (folded text).
CORRUPT_FILE = scan.compile(
    r"\b(fichiers?|documents?|pdf|pieces? jointes?|donnees|disques?|liens?|scans?|photos?)\b"
    r"([^.!?]{0,40}?)\bcorromp"
)


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
    r"foutent rien",
    r"profitent du systeme",
    r"escrocs?",
    r"voleurs?",
    r"voleuse",
    r"en prison",
    r"devrai(?:t|ent) etre (?:viree?s?|renvoyee?s?|licenciee?s?|poursuivie?s?|sanctionnee?s?)",
    r"honte a vous",
)


#: An insult aimed at people, not a word in passing ("des voleurs m'ont pris mon sac" is a theft).
INSULT_AT_PEOPLE = scan.compile(
    r"(?:c'est|c est|ce sont|est) (?:un|une|des) (?:voleur|voleuse|escroc|voleurs|escrocs|pourri|"
    r"ripou|corrompue?|menteur|menteuse|incapable|ordure|vendu|pourriture|raclure|charlatan|"
    r"raciste|facho)"
    r"s?(?![a-z])|"
    # « on nous prend pour des idiots » is the author feeling slighted, no insult
    r"(?<!pour )(?:des|bande de|tous des|sont des|c'est des|ce sont des|espece d'|espece de|que des|"
    r"tas de|ramassis de|bande d')\s*(?:voleurs|escrocs|incapables|nuls|faineants|parasites|"
    r"idiots|feignants|branleurs|guignols|clowns|bons a rien|ripoux|pourris|profiteurs|"
    r"fachos|racistes|bras casses|incompetents)"
)
