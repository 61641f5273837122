"""The authorisation matrix: every back-office route of every service × every role and network.

Each route is called by each principal; those not in its row must get 401 (no token) or 403, the
others must get past authorisation (any other answer: 200, 201, 404, 409, 422…). Bodies are valid
where the network check comes after reading the body. The routes are read from each service's
OpenAPI document: a new back-office route without a row here fails the test.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import jwt
import pytest

from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import ServiceProcess
from tests.e2e.helpers import eventually, published, story

pytestmark = pytest.mark.e2e

PEOPLE: dict[str, dict[str, Any] | None] = {
    "anonymous": None,
    "moderator": {"roles": ["moderator"]},
    "admin": {"roles": ["admin"]},
    "agent_ants": {"roles": ["agent"], "network": "ANTS"},
    "publisher_ants": {"roles": ["agent"], "network": "ANTS", "publisher": True},
    "validator_ants": {"roles": ["validator"], "network": "ANTS"},
    "agent_caf": {"roles": ["agent"], "network": "CAF"},
    "validator_caf": {"roles": ["validator"], "network": "CAF"},
}
ANTS_STAFF = {"agent_ants", "publisher_ants", "validator_ants"}
ALL_STAFF = ANTS_STAFF | {"agent_caf", "validator_caf"}

#: Routes anyone may call (the public's, health, documentation).
PUBLIC = {
    ("intake", "*"),
    ("indicators", "*"),
    ("moderation", "POST /api/v1/analyze"),
}

#: (service, "METHOD path") -> (body, who gets past authorisation).
MATRIX: dict[tuple[str, str], tuple[Any, set[str]]] = {
    ("moderation", "GET /api/v1/queue"): (None, {"moderator"}),
    ("moderation", "GET /api/v1/cases/{experience_id}"): (None, {"moderator"}),
    ("moderation", "PATCH /api/v1/cases/{experience_id}"): ({}, {"moderator"}),
    ("moderation", "POST /api/v1/cases/{experience_id}/decision"): ({}, {"moderator"}),
    ("moderation", "POST /api/v1/experiences/{experience_id}/withdraw"): ({}, {"moderator"}),
    ("routing", "GET /api/v1/networks"): (None, {"admin"}),
    ("routing", "GET /api/v1/networks/{code}"): (None, {"admin"}),
    ("routing", "PUT /api/v1/networks/{code}"): ({}, {"admin"}),
    ("routing", "DELETE /api/v1/networks/{code}"): (None, {"admin"}),
    ("routing", "GET /api/v1/networks/{code}/deliveries"): (None, {"admin"}),
    ("routing", "POST /api/v1/networks/{code}/deliveries/replay"): ({}, {"admin"}),
    ("routing", "GET /api/v1/triage"): (None, {"admin", "moderator"}),
    ("routing", "GET /api/v1/experiences/{experience_id}/assignment"): (
        None,
        {"admin", "moderator", "agent_ants", "publisher_ants"},
    ),
    ("routing", "POST /api/v1/experiences/{experience_id}/reassign"): (
        {"network": "ANTS", "reason": "vérification des droits"},
        {"admin", "moderator", "agent_ants", "publisher_ants"},
    ),
    ("responses", "GET /api/v1/inbox"): (None, ALL_STAFF),
    ("responses", "GET /api/v1/drafts"): (None, ALL_STAFF),
    ("responses", "POST /api/v1/lint"): (
        {"body": "Bonjour", "experience_id": "{experience_id}"},
        ANTS_STAFF,
    ),
    ("responses", "GET /api/v1/drafts/{draft_id}"): (None, ANTS_STAFF),
    ("responses", "PUT /api/v1/drafts/{draft_id}"): ({"body": "Bonjour, une version."}, ANTS_STAFF),
    ("responses", "POST /api/v1/drafts/{draft_id}/submit"): (None, ANTS_STAFF),
    ("responses", "POST /api/v1/drafts/{draft_id}/approve"): (None, {"validator_ants"}),
    ("responses", "POST /api/v1/drafts/{draft_id}/return"): (
        {"comment": "À revoir."},
        {"validator_ants"},
    ),
    ("responses", "POST /api/v1/drafts/{draft_id}/publish"): (
        None,
        {"publisher_ants", "validator_ants"},
    ),
    ("responses", "POST /api/v1/experiences/{experience_id}/drafts"): (
        {"body": "Bonjour"},
        ANTS_STAFF,
    ),
    ("responses", "GET /api/v1/experiences/{experience_id}/starting-draft"): (None, ANTS_STAFF),
    ("responses", "GET /api/v1/experiences/{experience_id}/improvement-actions"): (
        None,
        ANTS_STAFF,
    ),
    ("responses", "POST /api/v1/experiences/{experience_id}/improvement-actions"): (
        {"title": "Accueil revu", "description": "Les horaires du guichet sont élargis le samedi."},
        ANTS_STAFF,
    ),
    ("notifications", "GET /api/v1/deliveries"): (None, {"admin"}),
    ("notifications", "POST /api/v1/deliveries/{delivery_id}/resolve"): (
        {"action": "abandon"},
        {"admin"},
    ),
    ("notifications", "POST /api/v1/suppressions"): ({"email": "x"}, {"admin"}),
    ("notifications", "DELETE /api/v1/suppressions"): (None, {"admin"}),
}
# Every service's dead letters, for admins only.
for _service in ("moderation", "routing", "responses", "notifications"):
    MATRIX |= {
        (_service, "GET /api/v1/admin/dead-letters"): (None, {"admin"}),
        (_service, "GET /api/v1/admin/dead-letters/{topic}"): (None, {"admin"}),
        (_service, "GET /api/v1/admin/dead-letters/{topic}/{record_id}"): (None, {"admin"}),
        (_service, "POST /api/v1/admin/dead-letters/{topic}/replay"): ({}, {"admin"}),
        (_service, "POST /api/v1/admin/dead-letters/{topic}/drop"): (
            {"id": "0:1", "reason": "un message de test"},
            {"admin"},
        ),
    }


def headers(who: str) -> dict[str, str]:
    claims = PEOPLE[who]
    if claims is None:
        return {}
    token = TokenVerifier(AuthSettings()).issue(subject=f"{who}@test", name="Jean Test", **claims)
    return {"Authorization": f"Bearer {token}"}


def operations(platform: dict[str, ServiceProcess]) -> set[tuple[str, str]]:
    found = set()
    for name, service in platform.items():
        spec = httpx.get(f"{service.url}/schema/openapi.json", timeout=10).json()
        for path, methods in spec["paths"].items():
            for method in methods:
                if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                    found.add((name, f"{method.upper()} {path}"))
    return found


def test_every_back_office_route_lets_in_exactly_the_right_people(
    platform: dict[str, ServiceProcess],
) -> None:
    routes = operations(platform)
    back_office = {
        r
        for r in routes
        if (r[0], "*") not in PUBLIC and r not in PUBLIC and r[1] != "GET /metrics"
    }
    assert back_office == set(MATRIX), back_office ^ set(MATRIX)

    intake = platform["intake"].url
    experience_id = httpx.post(f"{intake}/api/v1/experiences", json=story(), timeout=10).json()[
        "id"
    ]
    eventually(lambda: published(intake, experience_id), timeout=60)
    responses = platform["responses"].url
    draft = eventually(
        lambda: (
            (
                r := httpx.post(
                    f"{responses}/api/v1/experiences/{experience_id}/drafts",
                    headers=headers("agent_ants"),
                    json={"body": "Bonjour"},
                    timeout=5,
                )
            ).status_code
            == 201
            and r.json()
        ),
        timeout=60,
    )
    values = {
        "experience_id": experience_id,
        "draft_id": draft["id"],
        "code": "ANTS",
        "delivery_id": "no-such-delivery",
        "topic": "spplus.no-such-topic.v1.dlq",
        "record_id": "0:1",
    }

    wrong: list[str] = []
    calls = 0
    for (service, operation), (body, allowed) in sorted(MATRIX.items()):
        method, path = operation.split(" ", 1)
        # a deletion aims at a network that does not exist: the others still route stories
        url = platform[service].url + path.format(
            **(values | ({"code": "NO-SUCH-NETWORK"} if method == "DELETE" else {}))
        )
        payload = (
            json.loads(json.dumps(body).replace("{experience_id}", experience_id))
            if body is not None
            else None
        )
        params = {"email": "personne@example.org"} if "suppressions" in path else None
        for who in PEOPLE:
            r = httpx.request(
                method, url, headers=headers(who), json=payload, params=params, timeout=10
            )
            calls += 1
            denied = r.status_code in (401, 403)
            expected_denied = who not in allowed
            if denied != expected_denied or (who == "anonymous" and r.status_code != 401):
                wrong.append(f"{who} {service} {operation} -> {r.status_code} {r.text[:120]}")
    assert not wrong, "\n".join(wrong)
    assert calls == len(MATRIX) * len(PEOPLE)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_forged_expired_and_unsigned_tokens_are_refused(
    platform: dict[str, ServiceProcess],
) -> None:
    settings = AuthSettings()
    now = int(time.time())
    claims = {
        "sub": "x@test",
        "name": "X",
        "roles": ["moderator", "admin"],
        "iat": now,
        "exp": now + 600,
        "iss": settings.issuer,
        "aud": settings.audience,
    }
    tokens = {
        "forged": jwt.encode(claims, "not-the-secret-" * 3, algorithm="HS256"),
        "expired": TokenVerifier(settings).issue(
            subject="x@test", name="X", roles=["moderator", "admin"], ttl_s=-60
        ),
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}.",
        "garbage": "abc.def.ghi",
    }
    for name, token in tokens.items():
        for url in (
            f"{platform['moderation'].url}/api/v1/queue",
            f"{platform['routing'].url}/api/v1/networks",
            f"{platform['notifications'].url}/api/v1/deliveries",
        ):
            r = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=5)
            assert r.status_code == 401, (name, url, r.status_code)
