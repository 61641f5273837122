"""The policy's table of what makes a lived experience: first person, a narrative, a timeline,
against an opinion, a general view, a question addressed to someone."""

from __future__ import annotations

from spplus.redaction import scan

from .text import _MONTHS, _rx

#: A question put to the service ("pouvez-vous…?", "où en est mon dossier ?"), not a
#: rhetorical one ("pourquoi le site ne dit pas ça ?").
_ADDRESSED = scan.compile(
    r"(?:vous|svp|mon dossier|ma demande|ma bourse|mes droits|mon allocation)"
)


_QUESTION = scan.compile(r"[^.!?\n]*\?")


FIRST_PERSON = _rx(
    r"je", r"j'", r"moi", r"mon", r"ma", r"mes", r"me", r"m'", r"nous", r"notre", r"nos", r"j"
)


OPINION = _rx(
    # an opener, which a lived story uses as well as a view
    r"je (?:voulais|voudrais|veux) (?:simplement |juste |seulement )?dire que",
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
    r"je n'ai pas (?:moi-meme |personnellement )?de (?:probleme|dossier|souci|proche|cas|parent|"
    r"famille|enfant)",
    r"je (?:regarde|vois|lis) (?:les|des) (?:reportages|journaux|articles)",
    r"un ami m'a raconte",
    r"une amie m'a raconte",
    r"on m'a raconte",
    r"d'apres ce qu'on lit",
    r"(?:sur|en lisant|dans) les forums",
    r"ce que j'ai compris en lisant",
    r"je n'ai pas vecu (?:cela|ca|ceci|tout ca)(?: moi-meme| personnellement)?",
    r"je ne l'ai pas vecu",
    r"(?:elle|il) n'ose pas (?:ecrire|temoigner|le dire)",
    r"je ne suis pas (?:\w+ )?moi-meme",
    r"je n'ai pas (?:moi-meme |personnellement )?de demarche",
    r"je me suis fait une opinion",
    r"(?:apporter|partager|donner) ma reflexion",
    r"(?:voila|voici) mes propositions",
    r"d'une maniere generale",
    r"je (?:le fais|temoigne|ecris) (?:a sa place|pour (?:elle|lui))",
    r"il parait que",
    r"j'ai entendu dire",
    # advice to readers (« pour ceux qui se demandent »), not « même pour ceux qui parlent peu »
    r"pour ceux qui (?:se demandent|veulent|voudraient|cherchent|ont le meme|sont dans|"
    r"hesitent|attendent|galerent)",
    r"je n'ai jamais eu affaire",
    r"donner mon avis",
    r"mon avis sur",
    r"(?:un|mon|c'est un) avis (?:general|global)",
    r"(?:je n'ai )?pas de cas (?:precis|particulier|personnel)",
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
    r"d'apres ce que j'(?:entends|ai entendu|ai lu|entend)",
    r"je n'ai pas encore (?:fait|depose|envoye|eu|commence)",
    r"tout le monde (?:dit|me dit|raconte)",
    # a reader's contribution, or a view of a service never used
    r"contribution generale",
    r"je n'ai (?:pour ma part |moi-meme |personnellement )?jamais (?:rencontre|eu) (?:de|besoin|affaire)",
    r"je lis (?:\w+ )?les temoignages",
    r"(?:vu|regarde)(?: \w+){0,3} (?:un|le) reportage",
    r"je n'ai (?:jamais|pas encore) fait de demande",
    r"(?:je n'ai|nous n'avons|on n'a) (?:encore )?(?:fait )?aucune demarche",
    r"(?:nous n'avons|on n'a) pas encore (?:fait|depose|envoye|commence)",
    r"je n'ai plus affaire",
    r"(?:je propose|voici) mon idee",
    # news seen on a network, asked about: « jai vu sur tiktok que… c vrai ou pas ? »
    r"j'?ai vu sur (?:tiktok|facebook|insta|instagram|twitter|x|snap|snapchat|youtube|les reseaux|"
    r"internet|un groupe)",
    r"tout le monde en parle",
    r"je n'ai pas eu affaire (?:a|au|aux) [\w -]{2,30}moi-meme",
    r"d'apres ce qu'on (?:entend|dit|lit|raconte)",
    r"(?:une|mon) idee a proposer",
    r"je soumets (?:cette|mon|une) idee",
    # a guide or a rumour to pass on: « je centralise ici les infos », « partagez a tout le monde »
    r"je centralise",
    r"tout savoir (?:avant|sur|pour)",
    r"\[(?:guide|tuto|info|infos)\]",
    r"partagez (?:a tout le monde|au maximum|autour de vous|massivement|en masse)",
    r"faites tourner",
    r"(?:info|infos|message) a (?:partager|faire tourner)",
    r"(?:info|infos) de (?:ma|mon) [\w-]+ qui (?:travaille|bosse)",
    r"(?:c'est|c|c'|cest) vrai ou pas",
)


_SURVEY_WORDS = (
    r"(?:repondre|participer) a (?:mon|notre|un|ce) (?:petit )?(?:questionnaire|enquete|sondage)",
    r"pour (?:mon|mes|notre) (?:memoire|these|enquete|recherches?|etude) (?:sur|de)",
    r"je (?:realise|prepare|fais|mene) (?:un|une) (?:memoire|these|enquete|etude)",
    r"(?:recherche|cherche) (?:de |des )?temoignages",
    r"je cherche des personnes (?:qui|pour)",
    r"(?:un|d'un) entretien (?:d'une demi-heure|d'une heure|anonyme|de \d+ minutes)",
)


#: A reply to another story on the site: support, a reaction, no case of one's own (folded).
REACTION = _rx(
    r"reagir (?:a|au|aux) (?:l'histoire|la publication|l'experience|cette histoire|"
    r"ce temoignage|temoignage|temoignages|messages?)",
    r"(?:l'histoire|le temoignage|l'experience|le message|le post) (?:\w+ )?(?:publiee?|postee?|"
    r"partagee?|lue?)s? (?:la semaine derniere|hier|recemment|ici|sur (?:ce|le) site|plus haut)",
    r"en reponse (?:au|a l'|a la|a ce|a cette) (?:temoignage|histoire|publication|message)",
    r"je (?:lui|vous|leur) (?:envoie|adresse) (?:tout )?mon soutien",
    r"courage (?:a vous|madame|monsieur|a elle|a lui)",
    r"merci au site de permettre",
    *_SURVEY_WORDS,
)

#: A call for readers to answer a survey: what it asks is no request about one's own file.
SURVEY = _rx(*_SURVEY_WORDS)


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
LIVED_EVENT = scan.compile(
    r"(?<![a-z])(?:j'ai|j ai|jai|j'avais|j avais|javais|je suis|je me suis|j'etais|nous avons|"
    r"nous sommes|nous avions|on a|on est|on m'a|on m a|m'a|m'ont|m a|m ont|nous a|nous ont|"
    r"je n'ai|je n ai|on avait)\s+(?:(?:pas|jamais|rien|bien|deja|enfin|toujours|finalement|"
    r"meme|tout|plus|aussi|vite|ensuite|alors)\s+)*(?:ete\s+)?(?!(?:lu|raconte|un|une|le|la|les|des|du|de|pas|que|"
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
    # a time line written as a list: « Juin : état des lieux », « Juillet à septembre : rien »
    rf"{_MONTHS}(?: (?:a|au) {_MONTHS})? ?:",
    r"il y a (?:\d+|un|une|deux|trois|quatre|cinq|six|quelques|plusieurs) (?:jours?|semaines?|mois)",
    r"g (?:fait|eu|recu|envoye|appele|attendu|du)",
    # what the service did in the case, told without "je": "la CAF a versé la prime"
    r"a (?:verse|traite|repondu|rappele|envoye|accorde|valide|regularise|corrige|rembourse|"
    r"retrouve|debloque)",
    r"(?:a|ont) ete (?:versee?s?|traitee?s?|accordee?s?|validee?s?|regularisee?s?|"
    r"remboursee?s?|debloquee?s?)",
    r"traitee? sans relance",
    # steps counted in days, as messages count them: « recu 10j plus tard », « le soir meme »
    r"(?:\d+|deux|trois|quatre|cinq|six|huit|dix|quinze) ?(?:j|jours?|sem|semaines?|mois) "
    r"(?:plus tard|apres)",
    r"le (?:soir|jour) meme",
    r"je viens d'(?:avoir|obtenir|recevoir|recuperer)",
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


#: The polite endings of a formal letter: no request in them.
#: Advice to readers: a list of orders (« 1. Faites votre DSE… »), « mes conseils » (folded text).
ADVICE = scan.compile(
    r"(?:^|\n)[ \t]*(?:\d+[.)-]|[-•*])[ \t]*(?:faites|pensez|verifiez|n'oubliez|scannez|cochez|"
    r"gardez|envoyez|prenez|demandez|deposez|anticipez|conservez|photographiez|appelez|allez|"
    r"relancez|imprimez|notez|comptez|reservez|arrivez|renseignez|apportez|prevoyez|contactez|"
    r"munissez|insistez|exigez|signalez|consultez|joignez)\b|\bmes conseils\b|\bpour tous les futurs\b|\bconseils? aux\b"
)


#: Orders to readers anywhere in a text: « envoyez tjs vos papiers en recommandé, gardez une copie ».
IMPERATIVE = scan.compile(
    r"\b(?:faites|pensez|verifiez|n'oubliez|scannez|cochez|gardez|envoyez|prenez|demandez|"
    r"deposez|anticipez|conservez|photographiez|relancez|imprimez|notez|partagez|"
    r"n'hesitez pas|preparez|utilisez|evitez|privilegiez|comptez|reservez|arrivez|renseignez|"
    r"apportez|prevoyez|munissez|insistez|exigez|consultez|joignez)\b"
)


CLOSING_FORMULA = scan.compile(
    r"(?:veuillez|je vous prie d(?:e |')|nous vous prions d(?:e |'))\s*"
    r"(?:agreer|recevoir|croire|accepter)"
)


_SENTENCES = scan.compile(r"(?<=[.!?\n])\s+")
