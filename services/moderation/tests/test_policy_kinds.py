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
    ],
)
def test_what_only_looks_like_a_kind_to_refuse(engine: Engine, text: str, code: str) -> None:
    result = engine.analyze(story(text, organisms=("France Travail", "Crous")))
    assert code not in result.reasons and code not in {f.code for f in result.flags}, result.flags
