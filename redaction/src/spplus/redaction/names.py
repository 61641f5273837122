"""First names of every origin: the curated French lexicon, widened with the first names Faker's
person providers list for the languages people in France write with (Maghrebi, Turkish,
Vietnamese, Portuguese, Spanish, Polish, Romanian, English…). A widened name that is also a French
word ("Rose", "Pierre", "Olive") or a place is left to the contexts that say it is a name."""

from __future__ import annotations

import functools
import importlib

from . import lexicon
from .ner import _fold

_LOCALES = (
    "fr_FR fr_CA fr_CH fr_BE es_ES es_MX pt_PT pt_BR it_IT de_DE tr_TR pl_PL ro_RO vi_VN ar_AA "
    "ar_SA en_US en_GB en_IE nl_NL nl_BE cs_CZ hu_HU ru_RU uk_UA bg_BG hy_AM ka_GE sq_AL"
).split()

#: Names given to children in France these last twenty years that the lists above miss.
_RECENT = (
    "maëlys maelys timéo timeo mathéo matheo kylian kilian lilou nolann nolan théo maël mael "
    "lyam liam naël nael ethan éthan kenzo kenza lyna léana leana maëlle maelle anaïs anais "
    "loane loana louane inaya inès ines lya alya ayden aïden eden mylan milan soan sohan noam "
    "timothée lenny lény elyas ilyes ilyès wassim amir ayoub ibrahim youssef yanis yannis ismaël "
    "maïwenn maiwenn nahia romy capucine ambroise gaspard éloïse eloise apolline margaux clémence "
    "jeanne juliette agathe mathis lisa léo leo adam aaron sacha soline maëva maeva océane oceane "
    "clara zélie zelie lou lana nina éva eva jade emma léonie leonie rayan naïm naim "
    # West African and Comorian names common in France
    "aminata fatoumata mariama ousmane mamadou moussa aïssatou aissatou boubacar ibrahima seydou "
    "adama awa kadiatou oumou souleymane modibo cheikh abdoulaye aliou bineta coumba fatou "
    "mariam salif sekou sékou djeneba hawa assa nafissatou ramatoulaye moustoifa said saïd "
    "anrifa nourdine faïza faiza zaïnaba zainaba amadou alassane oumar idrissa demba lamine "
    "bakary sidy thierno cheick cheikhou kalidou issa yacouba daouda djibril aboubacar babacar "
    "mamadi sory karamoko fodé fode tidiane malick moustapha assane astou rokhaya sokhna "
    "dieynaba fatimata salimata rokia bintou binta safiatou hadja hamidou seydina saliou "
    "mouhamed mariame kadidia ndeye ndèye houmadi soilihi anli "
    # Maghrebi, Turkish and Vietnamese names the lists above miss
    "cherif chérif zineb houria naima djamila kheira fadila lyes anis emre burak ayşe huseyin "
    "hüseyin thanh huong hương phuong phương trang tuan tuấn"
).split()


def _person_data(*attrs: str) -> set[str]:
    """The values of Faker's person providers for `attrs`, over every locale, case-folded."""
    values: set[str] = set()
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in attrs:
            values.update(str(v).casefold() for v in getattr(provider, attr, None) or ())
    return values


class FirstNames:
    def __init__(self) -> None:
        names = _person_data("first_names", "first_names_male", "first_names_female")
        self.wide = frozenset(n for n in names if n.isalpha() or "-" in n) | frozenset(_RECENT)
        self._folded = frozenset(_fold(n) for n in self.wide | lexicon.FIRST_NAMES)
        self._surnames = frozenset(_fold(n) for n in _person_data("last_names"))

    def is_surname(self, word: str) -> bool:
        """Is `word`, accents aside, a surname of Faker's lists ("riviere", "petit")? Many are
        also French words: only a hint where the position already suggests a name."""
        return _fold(word.casefold()) in self._surnames

    def folded_has(self, word: str) -> bool:
        """Is `word`, accents aside, a first name of either list ("ines", "jerome"), or a compound
        of first names ("Marie-Josée", "Anne-Laure")?"""
        folded = _fold(word.casefold())
        if folded in self._folded:
            return True
        parts = folded.split("-")
        return len(parts) > 1 and all(len(p) >= 3 and p in self._folded for p in parts)

    def __contains__(self, word: str) -> bool:
        low = word.casefold()
        return low in lexicon.FIRST_NAMES or low in self.wide


@functools.cache
def first_names() -> FirstNames:
    """The process's first names, loaded on first use."""
    return FirstNames()
