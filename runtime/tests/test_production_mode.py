"""`SPPLUS_ENV=production`: no development secret, short key, development issuer or connection
without TLS gets past a service's start; tokens are checked against the configured issuer only;
the client address comes from trusted proxies only; a body nested too deep is the client's error.
No server is needed: each service is started as its own process and must stop before it connects.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from litestar import Litestar, Request, get, post
from litestar.exceptions import NotAuthorizedException
from litestar.testing import TestClient

from spplus.runtime.auth import LocalIssuer, TokenVerifier
from spplus.runtime.errors import EXCEPTION_HANDLERS
from spplus.runtime.http import uvicorn_config
from spplus.runtime.settings import AuthSettings, KafkaSettings, ServiceSettings

SERVICES = {
    "intake": ["INTAKE_IP_HASH_SALT", "SPPLUS_JWT_AUTHOR_LINK_SECRET"],
    "moderation": [],
    "routing": ["ROUTING_ALLOW_HTTP_WEBHOOKS"],
    "responses": [],
    "notifications": ["NOTIFICATIONS_SMTP_TLS", "SPPLUS_JWT_AUTHOR_LINK_SECRET"],
    "indicators": [],
}
#: What every service names when it runs in production with the development defaults.
COMMON = ["SPPLUS_JWT_DEV_ISSUER", "SPPLUS_JWT_JWKS_URL", "SPPLUS_KAFKA_SECURITY_PROTOCOL"]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SPPLUS_", *(f"{name.upper()}_" for name in SERVICES)))
    }
    env.update(extra)
    return env


def _keys() -> tuple[str, Any]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return public.decode(), private


@pytest.mark.slow  # a process per service
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_production_with_development_defaults_refuses_to_start(service: str) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", f"spplus.{service}"],
        env=_clean_env(SPPLUS_ENV="production", SPPLUS_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if "refusing to start" in line]
    assert lines, done.stderr[-2000:]
    assert all(
        line.startswith(f"spplus-{service}: refusing to start (production): ") for line in lines
    )
    said = "\n".join(lines)
    for setting in COMMON + SERVICES[service]:
        assert setting in said, (setting, said)
    assert time.monotonic() - started < 120


def test_development_starts_with_its_defaults_and_production_with_real_secrets() -> None:
    assert ServiceSettings().production_problems() == []
    _keys()
    secret = "x" * 40
    os.environ.update(
        {
            "SPPLUS_ENV": "production",
            "SPPLUS_JWT_JWKS_URL": "https://idp.example/jwks",
            "SPPLUS_JWT_DEV_ISSUER": "false",
            "SPPLUS_JWT_AUTHOR_LINK_SECRET": secret + "a",
            "SPPLUS_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "SPPLUS_KAFKA_SASL_USERNAME": "intake",
            "SPPLUS_KAFKA_SASL_PASSWORD": secret + "b",
            "INTAKE_IP_HASH_SALT": secret + "c",
            "NOTIFICATIONS_SMTP_STARTTLS": "true",
        }
    )
    try:
        from spplus.intake.settings import IntakeSettings
        from spplus.notifications.settings import NotificationsSettings

        assert IntakeSettings().production_problems() == []
        assert NotificationsSettings().production_problems() == []
        os.environ["INTAKE_IP_HASH_SALT"] = "short"
        assert IntakeSettings().production_problems() == [
            "INTAKE_IP_HASH_SALT is shorter than 32 bytes"
        ]
    finally:
        for key in list(os.environ):
            if key.startswith(
                ("SPPLUS_ENV", "SPPLUS_JWT_", "SPPLUS_KAFKA_", "INTAKE_", "NOTIFICATIONS_SMTP")
            ):
                del os.environ[key]


def test_kafka_security_settings_reach_the_clients() -> None:
    sasl = KafkaSettings(
        security_protocol="SASL_SSL", sasl_username="routing", sasl_password="p" * 40
    ).client_options()
    assert sasl["security_protocol"] == "SASL_SSL"
    assert sasl["sasl_mechanism"] == "SCRAM-SHA-512"
    assert sasl["sasl_plain_username"] == "routing"
    assert sasl["ssl_context"].verify_mode.name == "CERT_REQUIRED"
    assert KafkaSettings(security_protocol="PLAINTEXT").client_options() == {
        "security_protocol": "PLAINTEXT"
    }
    local = KafkaSettings().client_options()  # the local stack: SCRAM, the admin for tools
    assert (local["sasl_plain_username"], local["sasl_plain_password"]) == (
        "admin",
        "spplus-dev-admin",
    )
    from spplus.routing.settings import RoutingSettings

    assert RoutingSettings().kafka.client_options()["sasl_plain_username"] == "routing"
    assert KafkaSettings(
        security_protocol="SASL_SSL", sasl_username="routing", sasl_password="spplus-dev-routing"
    ).problems(production=True) == ["SPPLUS_KAFKA_SASL_PASSWORD is the development default"]


def test_tokens_only_from_the_configured_issuer_and_not_for_ten_years(tmp_path: Path) -> None:
    dev = AuthSettings(dev_issuer_dir=tmp_path / "issuer")
    local = TokenVerifier(dev).issue(subject="a@x", name="A", roles=["admin"])
    assert TokenVerifier(dev).verify(local).subject == "a@x"
    now = int(time.time())
    claims = {"iss": dev.issuer, "aud": dev.audience, "sub": "b@x", "roles": ["admin"], "iat": now}
    # the review's forgery: HS256 with the key that used to be in the code
    forged = jwt.encode(
        {**claims, "exp": now + 600},
        "local-dev-secret-change-me-in-production-0123456789",
        algorithm="HS256",
    )
    with pytest.raises(NotAuthorizedException, match="algorithm"):
        TokenVerifier(dev).verify(forged)
    public, private = _keys()
    production = AuthSettings(public_key=public, dev_issuer=False)
    with pytest.raises(NotAuthorizedException):
        TokenVerifier(production).verify(local)  # the development issuer is not trusted there
    good = jwt.encode({**claims, "exp": now + 600}, private, algorithm="RS256")
    assert TokenVerifier(production).verify(good).subject == "b@x"
    _, stranger = _keys()
    with pytest.raises(NotAuthorizedException):
        TokenVerifier(production).verify(
            jwt.encode({**claims, "exp": now + 600}, stranger, algorithm="RS256")
        )
    with pytest.raises(NotAuthorizedException, match="lives longer"):
        TokenVerifier(production).verify(
            jwt.encode({**claims, "exp": now + 10 * 365 * 86400}, private, algorithm="RS256")
        )
    with pytest.raises(NotAuthorizedException, match="no token issuer"):
        TokenVerifier(AuthSettings(dev_issuer=False)).verify(local)


def test_after_a_rotation_new_tokens_work_and_old_ones_stop_with_their_key(
    tmp_path: Path,
) -> None:
    settings = AuthSettings(dev_issuer_dir=tmp_path / "issuer")
    verifier = TokenVerifier(settings)  # a running service: it holds the keys it has read
    issuer = LocalIssuer(settings.dev_issuer_dir, keep_s=3600)
    before = TokenVerifier(settings).issue(subject="a@x", name="A", roles=["agent"])
    assert verifier.verify(before).subject == "a@x"
    first = issuer.keys()[-1]["kid"]
    issuer.rotate()
    after = TokenVerifier(settings).issue(subject="b@x", name="B", roles=["agent"])
    assert jwt.get_unverified_header(after)["kid"] != first
    time.sleep(1.1)  # the service reads the key set again for a kid it does not know
    assert verifier.verify(after).subject == "b@x"
    assert verifier.verify(before).subject == "a@x"  # still within its lifetime
    issuer.rotate(now=time.time() + 7200)  # past the longest lifetime: the first key leaves
    assert first not in {k["kid"] for k in issuer.jwks()["keys"]}
    fresh = TokenVerifier(settings)
    with pytest.raises(NotAuthorizedException, match="unknown key"):
        fresh.verify(before)


def test_keys_come_from_the_providers_jwks_url(tmp_path: Path) -> None:
    provider = LocalIssuer(tmp_path / "provider")
    settings = AuthSettings(
        jwks_url=(tmp_path / "provider" / "jwks.json").as_uri(), dev_issuer=False
    )
    provider.keys()
    now = int(time.time())
    token = provider.sign(
        {
            "iss": settings.issuer,
            "aud": settings.audience,
            "sub": "c@x",
            "iat": now,
            "exp": now + 60,
        }
    )
    assert TokenVerifier(settings).verify(token).subject == "c@x"
    assert AuthSettings(jwks_url="http://idp.example/jwks").problems(True, author_links=False) == [
        "SPPLUS_JWT_DEV_ISSUER is on: production takes tokens from the OIDC provider only",
        "SPPLUS_JWT_JWKS_URL is not https",
    ]


def test_a_body_nested_too_deep_is_a_400() -> None:
    @post("/things", sync_to_thread=False)
    def things(data: dict[str, str]) -> dict[str, str]:
        return {}

    with TestClient(Litestar([things], exception_handlers=EXCEPTION_HANDLERS)) as client:
        depth = 100_000
        answer = client.post(
            "/things",
            content='{"a":' * depth + "1" + "}" * depth,
            headers={"content-type": "application/json"},
        )
    assert answer.status_code == 400
    assert answer.json()["code"] == "too_deep"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(("trusted", "seen"), [([], "127.0.0.1"), (["127.0.0.1"], "203.0.113.9")])
def test_forwarded_for_is_believed_from_trusted_proxies_only(trusted: list[str], seen: str) -> None:
    @get("/who", sync_to_thread=False)
    def who(request: Request[Any, Any, Any]) -> str:
        return request.client.host if request.client else ""

    settings = ServiceSettings(http_port=_free_port(), trusted_proxies=trusted)
    server = uvicorn.Server(uvicorn_config(Litestar([who]), settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{settings.http_port}/who"
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        answer = httpx.get(url, headers={"X-Forwarded-For": "203.0.113.9"})
        assert answer.text == seen
    finally:
        server.should_exit = True
        thread.join(10)
