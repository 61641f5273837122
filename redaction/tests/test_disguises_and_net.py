"""Personal data in disguise (Unicode, spelled out, split) and names only a model knows, found on the
author's own characters; spans nothing explains are reported as risks."""

from __future__ import annotations

import re

import pytest

from spplus.redaction import assess, find, redact
from spplus.redaction.risks import _in_public_figure
from spplus.redaction.shadow import Shadow


def kinds(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in find(text):
        out.setdefault(f.kind, []).append(text[f.start : f.end])
    return out


@pytest.mark.parametrize(
    ("text", "kind", "hidden"),
    [
        ("Rappelez-moi au ０６ １２ ３４ ５６ ７８ svp.", "phone", "０６ １２ ３４ ５６ ７８"),
        ("Mon mail : jean.martin＠example.org pour la suite.", "email", "jean.martin＠example.org"),
        (
            "Mon mail : jеаn.mаrtin@example.org (lettres cyrilliques).",
            "email",
            "jеаn.mаrtin@example.org",
        ),
        (
            "Le numéro 06\u200b12\u200b34\u200b56\u200b78 était le mien.",
            "phone",
            "06\u200b12\u200b34\u200b56\u200b78",
        ),
        ("Joignable au 06_12_34_56_78 le soir.", "phone", "06_12_34_56_78"),
        (
            "Mon portable : zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.",
            "phone",
            "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
        ),
        (
            "Écrivez à jean point martin chez gmail point com merci.",
            "email",
            "jean point martin chez gmail point com",
        ),
        ("Sur insta je suis @lea_du_93 si besoin.", "handle", "@lea_du_93"),
        ("Ma voiture ab-123-cd était immobilisée.", "plate", "ab-123-cd"),
        ("Le terrain, section ZB n° 45, a été vendu.", "address", "section ZB n° 45"),
        (
            "ÉCRIT SUR MON ADRESSE MARC POINT GUILLOU ARROBASE ORANGE POINT FR POUR LE LIEN.",
            "email",
            "MARC POINT GUILLOU ARROBASE ORANGE POINT FR",
        ),
        ("J'habite au 12 hent ar C'hoat, à Quimper.", "address", "12 hent ar C'hoat"),
    ],
)
def test_disguised_data_is_found_on_the_authors_characters(
    text: str, kind: str, hidden: str
) -> None:
    assert hidden in kinds(text).get(kind, []), kinds(text)
    assert hidden not in redact(text)


def test_the_shadow_maps_every_character_back() -> None:
    text = "Ame\u0301lie a appelé le ０６ １２\u00ad ３４ ５６ ７８."
    view = Shadow.of(text)
    assert "Amélie" in view.text and "06 12 34 56 78" in view.text
    start = view.text.index("06")
    assert (
        text[slice(*view.span(start, start + len("06 12 34 56 78")))]
        == "０６ １２\u00ad ３４ ５６ ７８"
    )
    assert (
        Shadow.of("deux enfants de trois et cinq ans").text == "deux enfants de trois et cinq ans"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nadia Benali a repris mon dossier en une semaine.", "Nadia Benali"),
        ("J'ai été reçue par Mme Le Bihan, très aimable.", "Le Bihan"),
        ("Le conseiller Mehmet Yılmaz m'a rappelée.", "Mehmet Yılmaz"),
        ("Bien à vous,\nJean-Marc Lefebvre", "Jean-Marc Lefebvre"),
    ],
)
def test_names_without_a_rule_are_caught_by_the_model(text: str, name: str) -> None:
    assert name not in redact(text)


def test_ordinary_words_and_services_stay() -> None:
    text = (
        "La CAF de Lyon a traité ma demande de prime d'activité en trois semaines. "
        "J'ai appelé le 3230 puis envoyé le formulaire cerfa 15776 par le site caf.fr."
    )
    assert redact(text) == text
    assert assess(text).risks == []


def test_an_unknown_name_no_net_explains_is_a_risk() -> None:
    text = "Le dossier a été transmis par Vrokadine au service instructeur en dix jours."
    result = assess(text)
    assert [(text[r.start : r.end], r.kind) for r in result.risks] == [
        ("Vrokadine", "unknown_name")
    ]
    assert result.risk >= 1.0


def test_a_village_no_list_knows_in_lower_case_is_a_risk() -> None:
    text = "Carte reçue 2 mois plus tard ché nous à mgombani. ça marche, faut du courage."
    assert [text[r.start : r.end] for r in assess(text).risks] == ["mgombani"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("la lettre est arrivée à mgombani après trois semaines", "mgombani"),
        ("Comme on habite au quartier mahabourini à kawéni, ils ont attendu.", "kawéni"),
    ],
)
def test_a_place_in_lower_case_no_list_knows_is_a_risk(text: str, place: str) -> None:
    assert (place, "unknown_place") in [(text[r.start : r.end], r.kind) for r in assess(text).risks]


def test_a_month_typed_short_is_no_place() -> None:
    assert assess("Le versement est arrivé en janv, puis plus rien.").risks == []


def test_a_public_figure_surname_after_another_first_name_is_someone_else() -> None:
    text = "Depuis la réforme Bayrou, mon comptable Noël Bayrou relance tout."
    first, second = (m.start() for m in re.finditer("Bayrou", text))
    assert _in_public_figure(text, first, first + 6)
    assert not _in_public_figure(text, second, second + 6)


def test_a_place_after_a_preposition_is_no_risk() -> None:
    assert assess("J'habite à Plouguerneau et la CAF de Brest m'a reçue.").risks == []


@pytest.mark.parametrize(
    "text",
    [
        # words typed without their accents, at a sentence's start or in capitals
        "Controle de mes droits effectue en juin, tres bien explique.",
        "Reponse recue apres deux relances, dossier complete ensuite.",
        "MA DEMANDE A ETE REFUSEE PUIS ACCEPTEE, C'EST QU'IL MANQUAIT UNE PIECE.",
        # an elided word at a sentence's start, a commune typed without its apostrophe
        "Je ne sais plus quoi faire. Qu'en pensent les autres parents de Mtsangamouji ?",
        "J'AI ENVOYÉ LE FORMULAIRE À L'URSSAF EN MARS ET ILS M'ONT RÉPONDU EN AVRIL.",
        # words typed fast, schemes and papers, a merged commune by its old name
        "Bjr. Avt la rentrée la caf a tout bloqué. Slt et merci.",
        "J'ai demandé MaPrimeRénov' et envoyé mon Kbis à l'agence France Travail de Lamballe.",
    ],
)
def test_ordinary_words_without_accents_are_no_risk(text: str) -> None:
    assert assess(text).risks == [], [text[r.start : r.end] for r in assess(text).risks]


@pytest.mark.parametrize(
    "text",
    [
        "Dossier traité en dix jours. Trugarez à l'accueil, vraiment efficaces.",
        "Les Mahorais attendent des mois pour leur carte. Marahaba quand même au guichet.",
        "Tout est arrivé en une semaine. Hopla, on continue comme ça !",
    ],
)
def test_a_regional_word_of_thanks_or_a_demonym_is_no_risk(text: str) -> None:
    assert [text[r.start : r.end] for r in assess(text).risks] == []


@pytest.mark.parametrize(
    ("text", "kind", "hidden"),
    [
        # a place's own name, a capitalised article mid-sentence, after a job or a home
        (
            "je bosse en salle au resto (La Cabane du Pêcheur à Sète), payé en retard",
            "employer",
            "La Cabane du Pêcheur",
        ),
        (
            "plongeur à L'Escale Gourmande depuis mai, arrêt de travail en juin",
            "employer",
            "L'Escale Gourmande",
        ),
        (
            "nous habitons un hameau près de La Croix-Morvan, sans réseau",
            "address",
            "La Croix-Morvan",
        ),
        # a street with no number where the author lives, in lower case
        (
            "tombée devant chez moi, rue des cordiers à vannes, le poignet cassé",
            "address",
            "rue des cordiers",
        ),
        # a child's birth, dated
        (
            "À la naissance de notre fille Lou, le 3 février, l'acte était faux",
            "birth_date",
            "3 février",
        ),
        # a seasonal job at a campsite named in lower case
        (
            "deux mois comme serveuse au camping les mouettes grises à royan, payée",
            "employer",
            "les mouettes grises",
        ),
        # a care home by its own name, where a relative lives
        (
            "transféré depuis la maison de retraite de la Bertinière, où elle réside, vers",
            "school",
            "de la Bertinière",
        ),
        # a signature that gives the house's name
        ("Merci encore.\nPeter Walsh, Le Pré aux Chênes", "address", "Le Pré aux Chênes"),
        # a birth date dictated in words
        (
            "au fait je suis née le douze juin deux mille six si besoin",
            "birth_date",
            "douze juin deux mille six",
        ),
        # numbered private spaces: a parcel, a storage box, a cemetery plot
        (
            "le voisin conteste la parcelle section AB n 212 depuis mars",
            "address",
            "section AB n 212",
        ),
        ("on m'a volé mon vélo dans mon box n° 27 au sous-sol", "address", "box n° 27"),
        (
            "la concession de ma mère, carré D, n° 45, arrivait à échéance",
            "address",
            "carré D, n° 45",
        ),
        # an address with no street word: in a signature, after « habite au »
        ("Bien à vous.\nYannick Le Bihan, 7 Kerguelen", "address", "7 Kerguelen"),
        ("nous habitons au 2 Les Granges Hautes depuis", "address", "2 Les Granges Hautes"),
        # an employer's name after « mon employeur, la maison … »
        (
            "Mon employeur, la maison Ferrand-Lacoste à Cognac, a signé",
            "employer",
            "Ferrand-Lacoste",
        ),
        # a chain's branch at a station
        (
            "je bosse le week-end au burger king de la gare de nîmes. en mai",
            "employer",
            "de la gare de nîmes",
        ),
        # a user name by its shape
        ("venez sur le serveur de l'asso, je suis karim_lyon69.", "handle", "karim_lyon69"),
        # a foreign courtesy title
        ("trabalho na quinta da senhora Lacombe em Cahors", "person", "Lacombe"),
        # a child named by its parent, a father's surname in brackets
        ("Je suis le père de Noah, 6 ans, et j'ai demandé l'ASF", "person", "Noah"),
        (
            "elle porte le nom de son père (Lemaire) et je voulais ajouter le mien",
            "person",
            "Lemaire",
        ),
        # a firm by its kind and the owner's name
        ("apprenti boucher à la Maison Irigoyen à Bayonne depuis mars", "employer", "Irigoyen"),
        ("mon employeur, les ambulances lebreton à vannes, a rempli", "employer", "lebreton"),
        # a school on a certificate of schooling
        (
            "le certificat de scolarité de l'école Jules-Ferry-Bas a suffi",
            "school",
            "Jules-Ferry-Bas",
        ),
        # a chain's branch after the department one works in
        (
            "Je suis employée au rayon frais du Carrefour Market de Vitré.",
            "employer",
            "Carrefour Market de Vitré",
        ),
    ],
)
def test_places_that_locate_someone(text: str, kind: str, hidden: str) -> None:
    assert hidden in kinds(text).get(kind, []), kinds(text)


def test_an_own_name_with_no_tie_is_a_risk_not_a_redaction() -> None:
    text = "J'ai lu dans Les Dernières Nouvelles que la CAF de Colmar avait du retard."
    a = assess(text)
    assert not a.findings
    assert [text[r.start : r.end] for r in a.risks] == ["Les Dernières Nouvelles"]


@pytest.mark.parametrize(
    "text",
    [
        "Colis perdu par La Poste, le service client de La Poste ne répond pas.",
        "La CAF de Lyon a payé, puis La Carsat a régularisé.",
    ],
)
def test_own_names_everyone_knows_are_no_risk(text: str) -> None:
    assert assess(text).risks == [] and assess(text).findings == []
