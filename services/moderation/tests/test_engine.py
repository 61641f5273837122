"""The engine on stories a moderator would recognise: what disappears, what stays, what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spplus.moderation.domain import diff_summary, edit_tier
from spplus.moderation.engine import DuplicateIndex, Engine, StoryInput


@pytest.fixture(scope="module", name="engine")
def fixture_engine() -> Engine:
    return Engine()


def story(
    description: str,
    title: str = "Mon expérience",
    organisms: tuple[str, ...] = ("CAF",),
    lived: date = date(2026, 10, 1),
) -> StoryInput:
    return StoryInput(
        id="t",
        title=title,
        description=description,
        experience_date=lived,
        submitted_at=datetime(2026, 11, 20, tzinfo=UTC),
        organisms=organisms,
        pseudonym="Alex",
    )


def test_an_agent_becomes_their_role_and_numbers_disappear(engine: Engine) -> None:
    result = engine.analyze(
        story(
            "Hier, l'agent d'accueil M. DUPONT m'a dit de rappeler au 06 12 34 56 78. Mon numéro de "
            "sécurité sociale 1 84 05 75 112 048 36 était pourtant bon, et j'ai attendu 3 semaines."
        )
    )
    text = result.redacted_description
    assert "Hier, un agent d'accueil m'a dit" in text
    for gone in ("DUPONT", "06 12 34 56 78", "1 84 05 75 112 048 36"):
        assert gone not in text
    assert "3 semaines" in text
    assert result.decision == "publish_after_notice"
    assert {e.kind for e in result.edits} >= {"person", "phone", "nir"}


@pytest.mark.parametrize(
    "phone", ["06.12.34.56.78", "0612345678", "+33 6 12 34 56 78", "+33612345678", "01-45-67-89-10"]
)
def test_phone_numbers_in_every_writing(engine: Engine, phone: str) -> None:
    result = engine.analyze(story(f"J'ai appelé la CAF au {phone} trois fois sans réponse."))
    assert phone not in result.redacted_description


def test_amounts_dates_and_form_numbers_stay(engine: Engine) -> None:
    text = (
        "J'ai rempli le formulaire Cerfa 12100*03 le 15 mars 2026 à 8h30 et reçu 450 euros, "
        "soit 12 % de plus, après 3 semaines."
    )
    result = engine.analyze(story(text))
    assert result.redacted_description == text
    assert result.decision == "publish"


def test_an_all_capitals_story_gets_normal_case_silently(engine: Engine) -> None:
    result = engine.analyze(
        story("J'AI DEMANDÉ MON ATTESTATION À LA CAF ET JE L'AI REÇUE EN DEUX JOURS, MERCI.")
    )
    assert result.redacted_description.startswith("J'ai demandé mon attestation à la CAF")
    assert result.decision == "publish"
    assert {e.tier for e in result.edits} == {"silent"}


@pytest.mark.parametrize(
    ("text", "organisms", "code"),
    [
        (
            "Mon colis n'est jamais arrivé et La Poste ne répond pas à mes réclamations.",
            ("La Poste",),
            "OUT_OF_SCOPE",
        ),
        (
            "J'ai été flashé par un radar et l'amende est arrivée deux mois plus tard, c'est injuste.",
            (),
            "UNDERGONE_CONTROL",
        ),
        (
            "Pouvez-vous me dire où en est mon dossier ? J'attends ma prime depuis six semaines.",
            ("CAF",),
            "PERSONAL_REQUEST",
        ),
        (
            "controle de gendarmerie sur la nationale, ils ont fouillé tout le coffre pendant une "
            "heure sans rien dire, franchement humiliant devant mes enfants",
            ("Préfecture",),
            "UNDERGONE_CONTROL",
        ),
        (
            "My benefits were cut without any explanation and nobody answers the phone at all.",
            ("CAF",),
            "FOREIGN_LANGUAGE",
        ),
    ],
)
def test_stories_to_refuse(
    engine: Engine, text: str, organisms: tuple[str, ...], code: str
) -> None:
    result = engine.analyze(story(text, organisms=organisms))
    assert result.decision == "reject"
    assert code in result.reasons


def test_a_story_lived_three_years_ago_is_too_old(engine: Engine) -> None:
    result = engine.analyze(
        story("J'ai attendu mon allocation pendant deux mois à la CAF.", lived=date(2023, 1, 10))
    )
    assert result.reasons == ["TOO_OLD"]


def test_the_same_story_posted_twice_is_a_duplicate(engine: Engine) -> None:
    index = DuplicateIndex()
    text = (
        "J'ai demandé ma carte Vitale à l'accueil de la CPAM et elle est arrivée en une "
        "semaine, l'agent a été très aimable et patient avec moi."
    )
    first = engine.analyze(story(text), index)
    index.add("first", f"Mon expérience\n{text}")
    again = engine.analyze(story(text.replace("très aimable", "vraiment aimable")), index)
    assert first.decision == "publish"
    assert again.reasons == ["DUPLICATE"]


def test_edit_tiers_from_a_diff() -> None:
    before = "Le conseiller Jean Dupont m'a reçu rapidement et m'a tout expliqué clairement."
    assert edit_tier(before, before.upper()) == "silent"
    assert edit_tier(before, before.replace("Jean Dupont ", "")) == "minor"
    assert edit_tier(before, "On m'a reçu.") == "substantial"


def test_the_author_is_told_each_kind_of_change_once() -> None:
    edits = [
        {"kind": "phone", "tier": "minor"},
        {"kind": "phone", "tier": "minor"},
        {"kind": "normalisation", "tier": "silent"},
    ]
    assert diff_summary(edits) == ["un numéro de téléphone a été retiré"]


@pytest.mark.parametrize(
    ("pseudonym", "kept"),
    [
        ("Camille", True),
        ("Lou75", True),
        ("Nadège974", True),
        ("AB-123-CD", False),
        ("Jean Dupont", False),
        ("jean@example.org", False),
        ("0612345678", False),
    ],
)
def test_a_first_name_is_a_fine_pseudonym_a_full_identity_is_not(
    engine: Engine, pseudonym: str, kept: bool
) -> None:
    s = story("J'ai reçu ma carte Vitale en une semaine, merci à la CPAM.")
    result = engine.analyze(StoryInput(**{**s.__dict__, "pseudonym": pseudonym}))
    assert (result.pseudonym == pseudonym) is kept


@pytest.mark.parametrize(
    ("typed", "published"),
    [
        ("Lou", "Lou"),
        ("Sophie Le Bihan", "Sophie"),
        ("DUPONT Jean", "Jean"),
        ("sophie.lebihan@example.org", "Anonyme"),
        ("06 12 34 56 78", "Anonyme"),
        ("maman_de_3", "maman_de_3"),
    ],
)
def test_a_signature_that_identifies_is_reduced_and_the_author_told(
    engine: Engine, typed: str, published: str
) -> None:
    s = story("J'ai demandé ma prime d'activité en ligne et la CAF a répondu en dix jours, merci.")
    result = engine.analyze(StoryInput(**{**s.__dict__, "pseudonym": typed}))
    assert result.pseudonym == published
    changed = [e for e in result.edits if e.field == "pseudonym"]
    assert bool(changed) == (typed != published)
    if changed:
        assert changed[0].tier == "minor"  # the author is told
        assert "votre pseudonyme a été remplacé" in diff_summary(
            [e.as_dict() for e in result.edits]
        )


def test_a_year_in_the_text_does_not_make_a_recent_story_old(engine: Engine) -> None:
    result = engine.analyze(
        story(
            "J'ai vendu un terrain en 2023 et mon permis a été obtenu en 1979. Le mois dernier, "
            "le centre des finances publiques a corrigé ma déclaration de revenus en une semaine.",
            organisms=("DGFiP",),
        )
    )
    assert "TOO_OLD" not in {f.code for f in result.flags}
    assert result.decision != "reject"


@pytest.mark.parametrize(
    "description",
    [
        "Après le jugement de divorce, le juge aux affaires familiales a fixé la garde. J'ai déclaré "
        "ma nouvelle situation sur le site de la CAF et mes allocations ont été recalculées en un mois.",
        "J'ai inscrit ma fille en classe de CP à l'école du quartier : le dossier d'inscription à la "
        "mairie puis la dérogation ont été traités en deux semaines.",
        "Tout est expliqué sur https://www.caf.fr/allocataires et j'ai fait ma demande d'aide au "
        "logement en ligne : réponse de la CAF en dix jours.",
        # fines for the car one sold: a registration's story, not a control undergone
        "Vendu ma 207 en mars, déclaration de cession faite sur ANTS le jour même. En juin je "
        "reçois 3 avis de contravention de l'acheteur ! France Services a trouvé que le code "
        "n'avait jamais été validé : avis annulés en un mois.",
        # no « je », but thanks for a case handled: lived, in few words
        "Carte Vitale perdue, refaite en huit jours grâce à Mme Jean-Baptiste, à l'accueil de la "
        "CPAM de Basse-Terre. Rapide et aimable, merci.",
    ],
)
def test_one_weak_signal_never_refuses(engine: Engine, description: str) -> None:
    assert engine.analyze(story(description)).decision != "reject"


def test_a_name_nothing_explains_sends_the_story_to_a_person(engine: Engine) -> None:
    result = engine.analyze(
        story(
            "Mon dossier d'aide au logement a été transmis par Vrokadine au service instructeur "
            "de la CAF, et la réponse est arrivée en dix jours."
        )
    )
    assert result.decision == "human_review"
    spans = [(r.field, r.kind) for r in result.risks]
    assert spans == [("description", "unknown_name")]
    assert result.as_dict()["risks"][0]["span"][1] > result.as_dict()["risks"][0]["span"][0]


@pytest.mark.parametrize(
    ("where", "to_a_person"),
    [
        ("à Trébeurden", False),  # a commune: the public story may say it
        ("à Genève", False),  # a city abroad
        ("à Kangani", True),  # a village no list knows: it may locate the author
    ],
)
def test_a_place_no_list_knows_sends_the_story_to_a_person(
    engine: Engine, where: str, to_a_person: bool
) -> None:
    result = engine.analyze(
        story(
            f"L'agent de la CAF est venu me voir {where} pour vérifier mon dossier d'aide au "
            "logement, et le versement a repris dix jours plus tard."
        )
    )
    assert (result.decision == "human_review") is to_a_person, (result.decision, result.risks)


def test_a_story_published_automatically_has_no_risk(engine: Engine) -> None:
    result = engine.analyze(
        story("La CAF a recalculé mon aide au logement en dix jours après mon appel au 3230.")
    )
    assert result.decision == "publish"
    assert result.risks == []


def test_public_fields_come_from_closed_lists() -> None:
    from spplus.contracts.events import ExperienceSubmittedPayload
    from spplus.moderation.domain import public_story

    submitted = ExperienceSubmittedPayload.model_validate(
        {
            "experience_id": "00000000-0000-0000-0000-000000000001",
            "title": "t",
            "description": "d",
            "feeling": "positive",
            "experience_date": "2026-10-01",
            "journey": [
                {"organisation": "CAF", "channels": []},
                {"organisation": "Jean Dupont 06 12 34 56 78", "channels": []},
            ],
            "postal_code": None,
            "city": "jean.dupont@example.org",
            "pseudonym": "Lou",
            "submitted_at": "2026-10-02T10:00:00+00:00",
        }
    )
    public = public_story(submitted, "t", "d", "Lou")
    assert [s.organisation for s in public.journey] == ["CAF", "AUTRE"]
    assert public.city is None


@pytest.mark.parametrize(
    "text",
    [
        # a corrupt file is no corrupt official
        "J'ai envoyé mon avis d'imposition sur ameli en mai. Deux mois plus tard, on m'a dit que "
        "le fichier était corrompu : renvoyé, accordé dans la semaine. Un message d'erreur au "
        "dépôt aurait évité deux mois d'attente.",
        # a reform and its minister as the background of a lived experience
        "En avril, après la réforme annoncée par le gouvernement et défendue par la ministre du "
        "Travail, j'ai reçu un courrier réduisant mes droits. Ma conseillère a refait la "
        "simulation avec moi à l'agence : mes droits n'étaient pas concernés, et un courrier "
        "rectificatif est arrivé deux semaines plus tard.",
        # the words of an offer in a lived story: a rent per month, a job in delivery
        "Je travaille de nuit en livraison et je paie 310 € par mois de loyer. Ma demande d'APL "
        "était bloquée depuis mars ; une conseillère a trouvé la pièce manquante et les droits "
        "ont été ouverts à partir de 2026, avec le rappel versé en juin.",
    ],
)
def test_what_only_looks_like_a_reason_to_refuse(engine: Engine, text: str) -> None:
    result = engine.analyze(story(text, organisms=("CPAM", "France Travail")))
    assert result.decision != "reject", (result.decision, result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        # a court's counter: a certificate, the registry, free advice
        "J'ai demandé un certificat de nationalité au tribunal judiciaire pour mon passeport. Le "
        "greffe a égaré la demande six mois ; au point-justice, une juriste a relancé et le "
        "certificat est arrivé en trois semaines. Un suivi en ligne aurait tout changé.",
        "Convoqué comme juré à la cour d'assises en mars, j'ai attendu cinq mois le remboursement "
        "de mes frais de transport. Le greffe m'a enfin répondu et le virement est arrivé.",
        # the court named as the building the counter belongs to
        "Né à l'étranger, je devais prouver que j'étais français. On m'a envoyé au pôle "
        "nationalité du tribunal judiciaire de Lyon. La demande a été traitée en trois mois, "
        "avec un mail pour une pièce manquante plutôt qu'un courrier. Très bien.",
    ],
)
def test_a_court_as_a_counter_is_no_legal_decision(engine: Engine, text: str) -> None:
    result = engine.analyze(story(text, organisms=("Tribunal judiciaire",)))
    assert result.decision != "reject", (result.decision, result.reasons)
    assert "LEGAL_DECISION" not in result.reasons


def test_a_state_service_beyond_our_networks_is_an_organisation_named(engine: Engine) -> None:
    text = (
        "Ma plainte pour le vol de mon vélo a été prise en dix minutes au commissariat, sur "
        "rendez-vous pris en ligne la veille. Le récépissé m'a été remis tout de suite et j'ai pu "
        "l'envoyer à mon assurance le jour même. Accueil aimable et efficace."
    )
    result = engine.analyze(story(text, organisms=("Police nationale",)))
    assert "INCOMPLETE" not in {f.code for f in result.flags}, result.flags


def test_a_request_quoted_from_the_past_is_part_of_the_story(engine: Engine) -> None:
    text = (
        "Mon avis de taxe foncière était faux. J'ai laissé un message au centre des impôts : "
        "« rappelez-moi au numéro du dossier, s'il vous plaît ». Un agent m'a rappelé le "
        "lendemain, a corrigé l'erreur, et le nouvel avis est arrivé en deux semaines."
    )
    result = engine.analyze(story(text, organisms=("Impôts",)))
    assert "PERSONAL_REQUEST" not in {f.code for f in result.flags}, result.flags


def test_a_commercial_organisation_chosen_is_out_of_scope_whatever_the_text_names(
    engine: Engine,
) -> None:
    text = (
        "J'ai envoyé mes justificatifs pour la CPAM en lettre suivie. Le colis est resté bloqué "
        "trois semaines au centre de tri et le bureau de poste n'a rien pu faire. Ma réclamation "
        "en ligne n'a jamais eu de réponse et j'ai dû tout renvoyer."
    )
    assert engine.analyze(story(text, organisms=("La Poste",))).reasons == ["OUT_OF_SCOPE"]
    both = engine.analyze(story(text, organisms=("La Poste", "CPAM")))
    assert "OUT_OF_SCOPE" not in both.reasons


def test_a_state_scheme_is_an_organisation_named(engine: Engine) -> None:
    text = (
        "Ma demande de MaPrimeRénov' pour changer la chaudière de ma mère était bloquée depuis "
        "juin. Un conseiller France Rénov' a repris le dossier avec nous au téléphone, a trouvé "
        "le devis manquant, et l'aide a été accordée en octobre. Merci à lui."
    )
    result = engine.analyze(story(text, organisms=("Autre",)))
    assert result.decision != "reject", (result.decision, result.reasons)


def test_a_story_in_creole_is_not_in_french(engine: Engine) -> None:
    text = (
        "Bonjou, sa ka fè twa mwa mwen ka atann papié a CAF-la. Mwen ay lajan-la pa rivé, "
        "moun lan guichet di mwen rouvini démen, men zot pa janmen rappelé mwen. Sé pa nòmal, "
        "nou tout ka atann kon sa an péyi-la."
    )
    result = engine.analyze(story(text, organisms=("CAF",)))
    assert result.reasons == ["FOREIGN_LANGUAGE"], (result.reasons, result.flags)
