"""Demo data for `make up`: a few stories through the public API, and one answered by an agent.

Idempotent: stories carry an `Idempotency-Key`, and a story already answered is left alone.
"""

from __future__ import annotations

import sys
import time

import httpx

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings

INTAKE = "http://127.0.0.1:8001/api/v1"
RESPONSES = "http://127.0.0.1:8004/api/v1"

STORIES = [
    (
        "CAF",
        "phone",
        "negative",
        "Aide au logement recalculée sans explication",
        "Mon aide au logement a baissé d'un coup sans aucun courrier pour l'expliquer. Au téléphone, "
        "on m'a indiqué que mes revenus de l'an dernier avaient été pris en compte. Un simple message "
        "dans mon espace en ligne m'aurait évité bien de l'inquiétude.",
    ),
    (
        "CPAM",
        "counter",
        "positive",
        "Carte Vitale refaite en une semaine",
        "J'avais perdu ma carte Vitale. À l'accueil, la conseillère m'a aidée à faire la demande en "
        "ligne depuis une borne, et la nouvelle carte est arrivée en une semaine. Accueil patient et "
        "explications claires, merci.",
    ),
    (
        "DGFIP",
        "website",
        "neutral",
        "Prélèvement à la source modifié en ligne",
        "J'ai modifié mon taux de prélèvement à la source sur le site des impôts. La démarche était "
        "simple mais il m'a fallu du temps pour trouver la bonne rubrique. Le changement a été pris "
        "en compte le mois suivant.",
    ),
    (
        "ANTS",
        "website",
        "positive",
        "Passeport obtenu avant mon départ",
        "Rendez-vous pris en ligne en mairie, dossier complet grâce à la pré-demande, passeport reçu "
        "en trois semaines, juste avant mon voyage. Le suivi par SMS était très pratique.",
    ),
]


def main() -> int:
    ids: list[tuple[str, str]] = []
    with httpx.Client(timeout=10) as http:
        for i, (org, channel, feeling, title, text) in enumerate(STORIES, start=1):
            r = http.post(
                f"{INTAKE}/experiences",
                headers={"Idempotency-Key": f"demo-story-{i}"},
                json={
                    "title": title,
                    "description": text,
                    "feeling": feeling,
                    "experience_date": "2026-10-20",
                    "journey": [
                        {
                            "organisation": org,
                            "channels": [{"channel": channel, "feeling": feeling}],
                        }
                    ],
                    "author": {
                        "email": f"demo{i}@example.org",
                        "postal_code": "75011",
                        "pseudonym": f"Demo{i}",
                    },
                    "consent": True,
                },
            )
            r.raise_for_status()
            ids.append((org, r.json()["id"]))
        deadline = time.monotonic() + 60
        pending = {eid for _, eid in ids}
        while pending and time.monotonic() < deadline:
            pending = {
                e for e in pending if http.get(f"{INTAKE}/experiences/{e}").status_code != 200
            }
            time.sleep(0.5)
        if pending:
            print(f"demo: {len(pending)} stories not published after 60 s", file=sys.stderr)
            return 1
        org, eid = ids[0]
        if not http.get(f"{INTAKE}/experiences/{eid}").json()["responses"]:
            token = TokenVerifier(AuthSettings()).issue(
                subject="demo-agent", name="Claire", roles=["agent"], network=org, publisher=True
            )
            headers = {"Authorization": f"Bearer {token}"}
            while not any(
                i["experience_id"] == eid
                for i in http.get(f"{RESPONSES}/inbox", headers=headers).json()
            ):
                if time.monotonic() > deadline + 30:
                    print("demo: the story never reached the CAF inbox", file=sys.stderr)
                    return 1
                time.sleep(0.5)
            draft = http.post(
                f"{RESPONSES}/experiences/{eid}/drafts",
                headers=headers,
                json={
                    "body": "Bonjour Demo1,\n\nMerci pour votre témoignage, et pardon pour "
                    "l'inquiétude que ce changement vous a causée.\n\nVotre aide a été "
                    "recalculée à partir de vos revenus de l'an dernier, comme chaque année.\n\n"
                    "Grâce à votre retour, nous ajoutons désormais un message dans l'espace en "
                    "ligne à chaque changement de montant.\n\nCordialement,\n"
                    "Claire, pour Caisse d'allocations familiales (CAF)"
                },
            )
            draft.raise_for_status()
            http.post(
                f"{RESPONSES}/drafts/{draft.json()['id']}/publish", headers=headers
            ).raise_for_status()
    print(f"demo: {len(ids)} stories published, one answered by CAF")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
