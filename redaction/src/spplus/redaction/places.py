"""French place names: a capitalised word that names a commune, a département or a region is no
one's name. Communes come from INSEE's list (the file `make install` fetches for intake, named by
`SPPLUS_POSTAL_CODES_FILE`); départements and regions are listed here."""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from pathlib import Path

from . import scan

_DEPARTEMENTS_AND_REGIONS = """
Ain Aisne Allier Alpes-de-Haute-Provence Hautes-Alpes Alpes-Maritimes Ardèche Ardennes Ariège Aube
Aude Aveyron Bouches-du-Rhône Calvados Cantal Charente Charente-Maritime Cher Corrèze Corse-du-Sud
Haute-Corse Côte-d'Or Côtes-d'Armor Creuse Dordogne Doubs Drôme Eure Eure-et-Loir Finistère Gard
Haute-Garonne Gers Gironde Hérault Ille-et-Vilaine Indre Indre-et-Loire Isère Jura Landes
Loir-et-Cher Loire Haute-Loire Loire-Atlantique Loiret Lot Lot-et-Garonne Lozère Maine-et-Loire
Manche Marne Haute-Marne Mayenne Meurthe-et-Moselle Meuse Morbihan Moselle Nièvre Nord Oise Orne
Pas-de-Calais Puy-de-Dôme Pyrénées-Atlantiques Hautes-Pyrénées Pyrénées-Orientales Bas-Rhin
Haut-Rhin Rhône Haute-Saône Saône-et-Loire Sarthe Savoie Haute-Savoie Paris Seine-Maritime
Seine-et-Marne Yvelines Deux-Sèvres Somme Tarn Tarn-et-Garonne Var Vaucluse Vendée Vienne
Haute-Vienne Vosges Yonne Territoire-de-Belfort Essonne Hauts-de-Seine Seine-Saint-Denis
Val-de-Marne Val-d'Oise Guadeloupe Martinique Guyane Réunion Mayotte Corse Bretagne Normandie
Hauts-de-France Grand-Est Occitanie Nouvelle-Aquitaine Auvergne-Rhône-Alpes Bourgogne-Franche-Comté
Centre-Val-de-Loire Pays-de-la-Loire Provence-Alpes-Côte-d'Azur Île-de-France Languedoc-Roussillon
Midi-Pyrénées Aquitaine Limousin Poitou-Charentes Charentes Auvergne Rhône-Alpes Bourgogne
Franche-Comté Alsace Lorraine Champagne-Ardenne Champagne Picardie Nord-Pas-de-Calais Provence
Languedoc Roussillon Gascogne Périgord Berry Touraine Anjou Vendée Beauce Sologne Morvan Vexin
Cotentin Camargue Cévennes Savoie Dauphiné Lyonnais Beaujolais Bordelais Médoc Quercy Rouergue
Béarn Pays-Basque Cerdagne Comminges Bigorre Lauragais Albigeois Outre-mer Polynésie
Nouvelle-Calédonie Saint-Pierre-et-Miquelon Wallis-et-Futuna Saint-Martin Saint-Barthélemy
"""


def fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.casefold().replace("œ", "oe").replace("æ", "ae"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\s'’-]+", " ", plain).strip()


class Places:
    def __init__(self, names: set[str]) -> None:
        self._names = frozenset(names)
        # the words of compound names: "Carhaix" of Carhaix-Plouguer, "Yon" of La Roche-sur-Yon
        self._parts = frozenset(p for n in self._names for p in n.split() if len(p) >= 4)

    @classmethod
    def load(cls, path: Path | None) -> Places:
        names = {fold(n) for n in _DEPARTEMENTS_AND_REGIONS.split()} | _countries()
        if path is not None and path.exists():
            for row in json.loads(path.read_text("utf-8")):
                for key in ("nomCommune", "libelleAcheminement"):
                    if row.get(key):
                        names.add(fold(row[key]))
                        # "M'Tsangamouji" is typed "Mtsangamouji" too
                        names.add(fold(re.sub(r"['’]", "", row[key])))
        return cls(names)

    def __contains__(self, name: str) -> bool:
        return fold(name) in self._names

    def names_part(self, word: str) -> bool:
        """Is `word` a word of some place's name ("Lamballe" of Lamballe-Armor)? Pieces of
        fewer than four letters ("sur", "en") count as known."""
        pieces = fold(word).split()
        return bool(pieces) and all(p in self._parts or len(p) < 4 for p in pieces)


def _countries() -> set[str]:
    """The world's countries in French (Faker's French address data) and a few provinces and
    capitals people come from: "arrivé de Roumanie", "une lettre du Québec"."""
    try:
        from faker.providers.address.fr_FR import Provider
    except ImportError:
        return set()
    extra = (
        "Québec Ontario Wallonie Flandre Comores Mayotte Moroni Alger Tunis Rabat Dakar Bamako "
        "Kinshasa Abidjan Lisbonne Porto Braga Bucarest Varsovie Kiev Kyiv Angleterre Écosse "
        "Irlande Londres Bruxelles Genève Lausanne Luxembourg Barcelone Madrid Rome Milan Turin "
        "Berlin Munich Amsterdam Rotterdam Cracovie Hanoï Saïgon Pékin Shanghai Istanbul Ankara "
        "Beyrouth Montréal Halifax New-York Dubaï Tananarive Antananarivo Nosy-Be "
        # the cities families come from and go back to
        "Casablanca Marrakech Fès Fes Meknès Meknes Tanger Agadir Oujda Nador Tétouan Kénitra "
        "Oran Constantine Annaba Tlemcen Sétif Béjaïa Bejaia Tizi-Ouzou Blida Batna Sfax Sousse "
        "Bizerte Nabeul Djerba Monastir Kairouan Douala Yaoundé Conakry Lomé Cotonou Niamey "
        "Ouagadougou Nouakchott Brazzaville Libreville Bangui Ndjamena Port-au-Prince "
        "Cap-Haïtien Saint-Louis Thiès Ziguinchor Kayes Mopti Izmir Bursa Erzurum Porto-Novo "
        "Bucarest Cluj Iasi Timisoara Chisinau Tirana Pristina Belgrade Sarajevo Zagreb Sofia "
        "Alep Damas Bagdad Kaboul Téhéran Erevan Tbilissi Bakou Colombo Dacca Karachi Lahore "
        # where French people live and work abroad, across a border or far away (no city that
        # is also a common first name or surname: not Florence, Victoria, Lima, Sydney)
        "Séoul Tokyo Osaka Kyoto Bangkok Chiang-Mai Phuket Singapour Kuala-Lumpur Jakarta Bali "
        "Manille Hong-Kong Taipei Delhi New-Delhi Bombay Mumbai Bangalore Pondichéry Katmandou "
        "Dubaï Abou-Dabi Doha Riyad Djeddah Mascate Amman Jérusalem Tel-Aviv Le-Caire Alexandrie "
        "Khartoum Addis-Abeba Nairobi Kigali Kampala Dar-es-Salam Johannesburg Le-Cap Pretoria "
        "Luanda Maputo Accra Lagos Abuja Malabo Djibouti Port-Louis Curepipe "
        "Los-Angeles San-Francisco Miami Chicago Boston Houston Seattle Atlanta La-Nouvelle-Orléans "
        "Toronto Vancouver Ottawa Calgary Gatineau Sherbrooke Trois-Rivières Californie Floride "
        "Texas Louisiane Mexico Guadalajara Cancún Bogotá Bogota Medellín Caracas Quito Cusco "
        "Buenos-Aires Montevideo Asunción Sao-Paulo São-Paulo Rio-de-Janeiro Brasilia Recife "
        "Salvador-de-Bahia Santo-Domingo La-Havane Paramaribo Georgetown "
        "Dublin Cork Galway Édimbourg Glasgow Manchester Liverpool Birmingham Bristol Oxford "
        "Cambridge Brighton Belfast Cardiff Tallinn Riga Vilnius Helsinki Stockholm Göteborg "
        "Oslo Bergen Copenhague Reykjavik Hambourg Francfort Cologne Düsseldorf Stuttgart "
        "Fribourg Fribourg-en-Brisgau Sarrebruck Karlsruhe Kehl Mannheim Heidelberg Trèves "
        "Aix-la-Chapelle Leipzig Dresde Nuremberg Brême Hanovre Bonn Salzbourg "
        "Innsbruck Graz Prague Brno Bratislava Budapest Ljubljana Belgrade Skopje Athènes "
        "Thessalonique Chypre Nicosie Malte La-Valette Naples Venise Gênes "
        "Bologne Vérone Palerme Cagliari Sardaigne Sicile Séville Malaga Bilbao "
        "Saint-Sébastien Irun Pampelune Saragosse Grenade Alicante Palma Majorque Ibiza "
        "Andalousie Catalogne Gérone Tarragone Faro Coimbra Funchal Madère Açores Anvers Gand "
        "Bruges Liège Namur Charleroi Mons Louvain Arlon Mouscron Tournai Ostende La-Haye "
        "Utrecht Eindhoven Maastricht Zurich Bâle Berne Lugano Neuchâtel Sion Montreux Verbier "
        "Nyon Monaco Andorre Saint-Marin Bucarest Constanta Cracovie Gdansk Wroclaw Poznan "
        "Lviv Odessa Moscou Saint-Pétersbourg Minsk Sofia Varna Tirana Podgorica Antalya "
        "Tanger Tétouan Essaouira Ouarzazate Safi Béni-Mellal Sousse Hammamet Gabès "
        "Nouméa Auckland Wellington Melbourne Perth Brisbane "
        # the communes of the overseas collectivities, which La Poste's file leaves out
        "Tahiti Moorea Papeete Faa'a Punaauia Pirae Raiatea Bora-Bora Nouméa Lifou Maré Ouvéa "
        "Dumbéa Païta Wallis Futuna Mata-Utu Gustavia Uturoa Mahina Paea Papara Taravao Huahine "
        "Rangiroa Nuku-Hiva Hiva-Oa Taiarapu Teva-I-Uta Bourail Koumac Poindimié Houaïlou Thio "
        "La-Foa Mont-Dore Hienghène Canala Kaala-Gomen"
    )
    return {fold(str(c)) for c in Provider.countries} | {fold(w) for w in extra.split()}


@functools.cache
def places() -> Places:
    """The process's place names, loaded on first use."""
    path = os.environ.get("SPPLUS_POSTAL_CODES_FILE")
    return Places.load(Path(path) if path else None)


#: « … de Montbrison » at the end of a name.
_TOWN_TAIL = scan.compile(r"[ \t]+(?:de|d['’])[ \t]*(?P<town>[^\W\d_][\w'’ -]*)$")


def commune_tail(name: str) -> int | None:
    """Where a name ends when a commune closes it (« résidence Les Tilleuls de Montbrison »:
    the commune is no one's), or None."""
    tail = _TOWN_TAIL.search(name)
    return tail.start() if tail and tail.start() > 0 and tail.group("town") in places() else None
