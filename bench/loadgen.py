"""Load generator: realistic French stories, sent to intake over HTTP at a chosen rate.

Stories vary in organisation, channels, feelings and length; a share carries personal data (names,
phone numbers, social security numbers: moderation must remove them) and a share must be refused
(too old, foreign language, advertising, a personal-file request). Every story is distinct, so
moderation does not take two for duplicates. Requests are sent open-loop (one every 1/rate s,
whatever the answers), each with an Idempotency-Key: a request that fails on the network is sent
again with the same key, so a story is never accepted twice.

    .venv/bin/python bench/loadgen.py --url http://127.0.0.1:8001 --rate 20 --count 500
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

from spplus.contracts.reference import ORGANISATIONS

CHANNELS = ["counter", "phone", "email", "website", "app", "mail", "chat"]
FEELINGS = ["positive", "neutral", "negative"]
PLACES = [
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13001", "Marseille"),
    ("31000", "Toulouse"),
    ("59000", "Lille"),
    ("33000", "Bordeaux"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
    ("35000", "Rennes"),
    ("34000", "Montpellier"),
]
OPENINGS = {
    "positive": [
        "J'ai été très bien reçu et ma démarche a abouti rapidement.",
        "Je tiens à remercier le service pour son efficacité.",
        "Tout s'est passé simplement, du premier contact jusqu'à la réponse.",
    ],
    "neutral": [
        "Ma démarche a fini par aboutir, mais il a fallu s'y reprendre.",
        "Le service a répondu, sans plus, après quelques relances.",
        "L'expérience a été correcte dans l'ensemble.",
    ],
    "negative": [
        "J'ai attendu longtemps sans obtenir de réponse claire.",
        "Je suis déçu par la façon dont ma demande a été traitée.",
        "Les informations reçues étaient contradictoires et j'ai perdu du temps.",
    ],
}
DETAILS = [
    "J'ai d'abord pris rendez-vous sur le site, qui proposait des créneaux la semaine suivante.",
    "Au téléphone, l'attente a duré une vingtaine de minutes avant qu'un conseiller réponde.",
    "Le formulaire en ligne demandait des pièces que je n'avais pas sous la main.",
    "À l'accueil, l'agent a pris le temps de vérifier chaque document avec moi.",
    "Le courrier de confirmation est arrivé deux semaines plus tard.",
    "La messagerie de mon espace personnel m'a permis de suivre l'avancement.",
    "On m'a orienté vers un autre guichet, puis de nouveau vers le premier.",
    "Les horaires d'ouverture affichés ne correspondaient pas à ceux du site.",
    "Un conseiller m'a rappelé le lendemain pour compléter mon dossier.",
    "J'ai dû envoyer deux fois la même attestation avant qu'elle soit prise en compte.",
    "L'application mobile a planté au moment de valider ma demande.",
    "Le délai annoncé a été respecté, ce qui m'a permis de m'organiser.",
]
WORDS = (
    "lundi mardi matin après-midi dossier attestation courrier rendez-vous guichet conseiller "
    "formulaire justificatif relance réponse délai semaine accueil espace agence dossier papier "
    "numérique file attente standard plateforme rappel horaires pièce demande suivi"
).split()
PII = [
    "L'agent d'accueil M. {name} m'a donné son numéro direct, le 06 {a:02d} {b:02d} {c:02d} {d:02d}.",
    "J'ai indiqué mon numéro de sécurité sociale 1 {yy:02d} {mm:02d} 75 {x:03d} {y:03d} {k:02d} au téléphone.",
    "Vous pouvez me joindre à {email} si besoin.",
    "La conseillère Mme {name} a suivi mon dossier du début à la fin.",
]
NAMES = ["DUPONT", "MARTIN", "BERNARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT"]
REFUSED = {
    "TOO_OLD": lambda s: s | {"experience_date": "2019-03-12"},
    "FOREIGN_LANGUAGE": lambda s: (
        s
        | {
            "title": "Very long wait at the office",
            "description": (
                "I went to the office to renew my residence permit and waited for three hours. "
                "Nobody explained anything and the staff sent me home without an answer. "
            )
            * 2
            + " ".join(random.sample(WORDS, 5)),
        }
    ),
    "SPAM": lambda s: (
        s
        | {
            "description": s["description"]
            + " Profitez de notre offre exceptionnelle : crédit rapide sans frais, cliquez sur "
            "www.credit-facile-promo.com pour gagner un iPhone gratuit !"
        }
    ),
}


@dataclass
class Generated:
    body: dict[str, Any]
    expect: str  # "publish", "redact" (personal data to remove) or a refusal reason
    pii: list[str] = field(default_factory=list)


def generate(
    rng: random.Random, *, pii_share: float = 0.2, refused_share: float = 0.1
) -> Generated:
    org = rng.choice(ORGANISATIONS)
    feeling = rng.choice(FEELINGS)
    postal, city = rng.choice(PLACES)
    steps = [
        {
            "organisation": org.code,
            "channels": [
                {"channel": c, "feeling": rng.choice(FEELINGS)}
                for c in rng.sample(CHANNELS, rng.randint(1, 3))
            ],
        }
    ]
    if rng.random() < 0.25:
        other = rng.choice(ORGANISATIONS)
        steps.append({"organisation": other.code, "channels": []})
    details = rng.sample(DETAILS, rng.randint(1, 3))
    # Two sentences of its own (as people write details no one else does): no two generated
    # stories are near-duplicates for moderation.
    own = [
        f"{rng.choice(['Je note', 'Pour mémoire', 'Détail', 'À savoir'])} : "
        f"{' '.join(rng.sample(WORDS, 12))} ({rng.randint(2, 59)} min, {uuid.uuid4().hex[:5]})."
        for _ in range(4)
    ]
    parts = [*details, *own]
    rng.shuffle(parts)
    description = " ".join([rng.choice(OPENINGS[feeling]), *parts])
    pii: list[str] = []
    expect = "publish"
    email = f"auteur-{uuid.uuid4().hex[:10]}@example.org"
    if rng.random() < pii_share:
        template = rng.choice(PII)
        sentence = template.format(
            name=rng.choice(NAMES),
            a=rng.randint(10, 99),
            b=rng.randint(10, 99),
            c=rng.randint(10, 99),
            d=rng.randint(10, 99),
            yy=rng.randint(50, 99),
            mm=rng.randint(1, 12),
            x=rng.randint(100, 999),
            y=rng.randint(100, 999),
            k=rng.randint(10, 97),
            email=f"contact-{uuid.uuid4().hex[:6]}@example.net",
        )
        description = f"{description} {sentence}"
        pii.append(sentence)
        expect = "redact"
    experience_date = (date.today() - timedelta(days=rng.randint(3, 300))).isoformat()
    body: dict[str, Any] = {
        "title": f"{org.name} : {rng.choice(['ma démarche', 'mon dossier', 'un rendez-vous', 'une demande'])}",
        "description": description[:4000],
        "feeling": feeling,
        "experience_date": experience_date,
        "journey": steps,
        "author": {
            "email": email,
            "postal_code": postal,
            "city": city,
            "pseudonym": rng.choice(["Camille", "Alex", "Sam", "Dominique", None]),
        },
        "consent": True,
    }
    if rng.random() < refused_share:
        reason = rng.choice(sorted(REFUSED))
        body = REFUSED[reason](body)
        expect = reason
    return Generated(body, expect, pii)


@dataclass
class Sent:
    key: str
    body: dict[str, Any]
    expect: str
    posted_at: float  # time.time() of the first try
    latency_ms: float | None = None
    experience_id: str | None = None
    status: int | None = None
    tries: int = 0


async def drive(
    url: str,
    rate: float,
    count: int,
    *,
    seed: int = 1,
    concurrency: int = 64,
    on_sent: Any = None,
) -> list[Sent]:
    """Send `count` stories at `rate` per second (open loop); retry network failures and 5xx/429
    with the same Idempotency-Key until accepted or refused."""
    rng = random.Random(seed)
    sent: list[Sent] = []
    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def one(client: httpx.AsyncClient, item: Sent) -> None:
        async with semaphore:
            while True:
                item.tries += 1
                start = time.perf_counter()
                try:
                    r = await client.post(
                        f"{url}/api/v1/experiences",
                        json=item.body,
                        headers={"Idempotency-Key": item.key},
                    )
                except httpx.HTTPError:
                    await asyncio.sleep(min(0.5 * item.tries, 5))
                    continue
                if r.status_code >= 500 or r.status_code == 429:
                    await asyncio.sleep(min(0.5 * item.tries, 5))
                    continue
                item.status = r.status_code
                if item.latency_ms is None:
                    item.latency_ms = (time.perf_counter() - start) * 1000
                if r.status_code == 202:
                    item.experience_id = r.json()["id"]
                    if on_sent:
                        on_sent(item)
                return

    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        tasks = []
        start = time.perf_counter()
        for i in range(count):
            target = start + i / rate
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            g = generate(rng)
            item = Sent(str(uuid.uuid4()), g.body, g.expect, time.time())
            sent.append(item)
            tasks.append(asyncio.create_task(one(client, item)))
        await asyncio.gather(*tasks)
    return sent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8001")
    parser.add_argument("--rate", type=float, default=10.0, help="stories per second")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", action="store_true", help="print 5 generated stories and stop")
    args = parser.parse_args()
    if args.sample:
        rng = random.Random(args.seed)
        for _ in range(5):
            g = generate(rng)
            print(json.dumps({"expect": g.expect, **g.body}, ensure_ascii=False))
        return 0
    sent = asyncio.run(drive(args.url, args.rate, args.count, seed=args.seed))
    accepted = [s for s in sent if s.status == 202]
    latencies = [s.latency_ms for s in sent if s.latency_ms is not None]
    print(
        json.dumps(
            {
                "sent": len(sent),
                "accepted": len(accepted),
                "refused_at_intake": len(sent) - len(accepted),
                "retried": sum(1 for s in sent if s.tries > 1),
                "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
