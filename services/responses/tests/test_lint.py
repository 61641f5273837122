"""The guide's own examples: the good ones pass, the ones "to avoid" are refused or warned."""

from __future__ import annotations

from spplus.responses.lint import blocking, lint

GOOD_POSITIVE = """Bonjour Sandrine,

Nous sommes heureux que cet échange téléphonique avec notre collaborateur(trice) vous ait satisfait.

Nous transmettons votre message à nos équipes téléphoniques.

Votre témoignage nous aide à améliorer notre offre de service, au service de nos assurés.

Bien à vous,
Jean, pour XXX"""

GOOD_NEGATIVE = """Bonjour Sandrine,
Nous avons bien pris en compte votre message et nous regrettons vivement les difficultés que vous rencontrez. Les documents que vous nous avez transmis sont numérisés et intégrés à votre dossier pour assurer son suivi.
Nous traitons prioritairement les demandes de régularisation associées à une demande de retraite. Cela peut, dans certains cas, expliquer des retards.
Je vous invite à prendre rendez-vous avec un conseiller qui sera à même de faire directement le point avec vous (numéro de notre standard téléphonique : 0000).
Nous vous remercions de votre alerte et nous mobilisons pour nous améliorer et répondre à vos attentes.
Cordialement,
Jean, pour XXX"""

JARGON = (
    "Bonjour, la procédure prévoit de se référer au CERFA15776, suivant les conditions "
    "applicables, et de le retourner au service approprié sous 48h après le dommage, afin "
    "de pouvoir engager la démarche libératoire."
)

NOT_YET = (
    "Bonjour X, En raison d'un déploiement progressif dans nos services, nous ne sommes "
    "pas encore en mesure de vous apporter une réponse personnalisée."
)

GENERIC = """Bonjour,

Merci d’avoir partagé votre expérience sur Services Publics +. Nous avons bien pris en compte votre message et le transmettons à nos services. Nous regrettons les difficultés que vous rencontrez. Votre témoignage nous sera utile pour nous améliorer. Afin de pouvoir résoudre votre problème, je vous recommande d’appeler votre conseiller qui dispose des éléments pour vous renseigner. Nous attachons beaucoup d’importance au renforcement de nos relations avec les usagers et sommes prêts à engager les démarches d’amélioration nécessaires.

Bien cordialement,
Jean de XXXX"""


def codes(body: str, pseudonym: str | None = "Sandrine") -> dict[str, str]:
    return {
        m.code: m.level
        for m in lint(body, pseudonym=pseudonym, first_name="Jean", organisation="XXX")
    }


def test_the_guides_good_answers_pass() -> None:
    for good in (GOOD_POSITIVE, GOOD_NEGATIVE):
        assert not blocking(
            lint(good, pseudonym="Sandrine", first_name="Jean", organisation="XXX")
        ), good
    assert codes(GOOD_POSITIVE) == {"too_short": "advice"}  # the guide's own short example


def test_the_jargon_example_is_flagged_with_plain_wordings() -> None:
    found = lint(JARGON, pseudonym="Sandrine", first_name="Jean", organisation="XXX")
    by_code = {m.code for m in found}
    assert {"jargon", "form_number", "greeting_without_pseudonym", "signature"} <= by_code
    texts = " ".join(m.text for m in found if m.code == "jargon")
    assert "démarche libératoire" in texts and "Plus simple" in texts
    form = next(m for m in found if m.code == "form_number")
    assert JARGON[form.start : form.end] == "CERFA15776"


def test_the_not_yet_able_to_answer_example_is_refused() -> None:
    found = codes(NOT_YET)
    assert found["non_answer"] == "error"
    assert found["greeting_without_pseudonym"] == "error"
    assert found["too_short"] == "advice"


def test_the_generic_example_is_refused() -> None:
    found = codes(GENERIC)
    assert found["greeting_without_pseudonym"] == "error"
    assert found["signature"] == "error"
    assert found["one_idea_per_paragraph"] == "advice"


def test_an_aggressive_pseudonym_gets_a_neutral_greeting() -> None:
    body = GOOD_POSITIVE.replace("Bonjour Sandrine,", "Bonjour,")
    assert "greeting_without_pseudonym" not in codes(body, pseudonym="connard76")
    assert (
        codes(GOOD_POSITIVE.replace("Sandrine", "connard76"), pseudonym="connard76")[
            "greeting_inappropriate_pseudonym"
        ]
        == "error"
    )


def test_a_phone_or_file_number_blocks_until_removed() -> None:
    with_phone = GOOD_NEGATIVE.replace("0000", "01 45 67 89 10")
    assert codes(with_phone)["personal_data"] == "error"
    with_file = GOOD_NEGATIVE.replace("votre dossier", "votre dossier 2024-0001234")
    assert codes(with_file)["personal_data"] == "error"
    assert "personal_data" not in codes(GOOD_NEGATIVE)


def test_moderations_redactor_runs_on_the_answer() -> None:
    """What the email/phone pattern alone missed: a name, a social security number, an address."""
    cases = {
        "un nom de personne": "votre conseillère Mme Durand",
        "un numéro de sécurité sociale": "votre dossier (sécurité sociale 1 85 05 78 006 084 36)",
        "une adresse": "votre dossier au 12 rue des Lilas",
    }
    for what, inserted in cases.items():
        body = GOOD_NEGATIVE.replace("votre dossier", inserted, 1)
        found = [
            m
            for m in lint(body, pseudonym="Sandrine", first_name="Jean", organisation="XXX")
            if m.code == "personal_data"
        ]
        assert found, inserted
        assert what in found[0].text
        # the message points at the words concerned
        assert body[found[0].start : found[0].end] in inserted


def test_the_pseudonym_and_the_agents_first_name_are_not_personal_data() -> None:
    assert "personal_data" not in codes(GOOD_POSITIVE)
    other = GOOD_POSITIVE.replace("Sandrine", "Mireille")
    assert "personal_data" not in codes(other, pseudonym="Mireille")


def test_a_colleague_or_the_author_named_without_a_title_is_refused() -> None:
    # Moderation's engine, model included: a name with no « M. » or « Mme » before it is found.
    for name in ("Nadia Benali", "Karim Haddad"):
        body = GOOD_NEGATIVE.replace(
            "Je vous invite", f"{name} reprendra votre dossier. Je vous invite"
        )
        found = [
            m
            for m in lint(body, pseudonym="Sandrine", first_name="Jean", organisation="XXX")
            if m.code == "personal_data"
        ]
        assert found and found[0].level == "error", name
        assert (
            name in body[found[0].start : found[0].end]
            or body[found[0].start : found[0].end] in name
        )


def test_the_signature_may_name_the_organisation_as_people_do() -> None:
    """The guide asks for « votre prénom, suivi de votre organisme »: its usual name or acronym."""
    org = "Caisse d'allocations familiales (CAF)"
    for signature in (
        "Jean, pour la CAF",
        "Jean, pour CAF",
        "Jean, pour Caisse d'allocations familiales (CAF)",
        "Jean, pour la Caisse d'allocations familiales",
    ):
        body = GOOD_NEGATIVE.rsplit("\n", 1)[0] + "\n" + signature
        found = lint(body, pseudonym="Sandrine", first_name="Jean", organisation=org)
        assert "signature" not in {m.code for m in found}, signature
    wrong = GOOD_NEGATIVE.rsplit("\n", 1)[0] + "\nJean, pour la CPAM"
    found = lint(wrong, pseudonym="Sandrine", first_name="Jean", organisation=org)
    assert "signature" in {m.code for m in found}
