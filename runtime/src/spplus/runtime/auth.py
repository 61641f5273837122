"""Bearer-JWT verification with roles and network claims, and `spplus-token` for local tokens."""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import math
import os
import secrets
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from .logging import get_logger
from .settings import AuthSettings

log = get_logger(__name__)


class Role(StrEnum):
    moderator = "moderator"
    agent = "agent"
    validator = "validator"
    admin = "admin"


@dataclass(frozen=True)
class Principal:
    """Who calls: from the token's claims."""

    subject: str
    name: str
    roles: frozenset[Role]
    network: str | None = None
    entity: str | None = None
    publisher: bool = False
    """An agent who may publish directly (a drafter may not: their drafts go to a validator)."""

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    def serves(self, network: str | None, entity: str | None) -> bool:
        """Whether a story of `network` (and `entity`) is this agent's: same network, and same
        entity when the token names one (a network-wide agent serves all its entities)."""
        if network is None or self.network is None:
            return False
        if self.network.upper() != network.upper():
            return False
        return self.entity is None or self.entity == entity


#: Signature algorithms accepted: asymmetric only (a shared HMAC secret would let any service
#: that verifies tokens also mint them).
ALGORITHMS = ["RS256", "ES256"]


class LocalIssuer:
    """The development token issuer: EC P-256 keys in a directory, the newest one signs, every
    key still in use is published in `jwks.json` there. `rotate` adds a key; keys older than the
    longest token lifetime (plus a margin) leave the set, so old tokens stop once expired."""

    def __init__(self, directory: Path, keep_s: float = 13 * 3600) -> None:
        self.directory = directory
        self.keep_s = keep_s

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # several processes may start at once
            yield

    def _read(self) -> list[dict[str, Any]]:
        path = self.directory / "keys.json"
        return json.loads(path.read_text()) if path.exists() else []

    def _write(self, keys: list[dict[str, Any]]) -> None:
        jwks = {"keys": [_public_jwk(k) for k in keys]}
        for name, content, mode in (
            ("keys.json", keys, 0o600),
            ("jwks.json", jwks, 0o644),
        ):
            tmp = self.directory / f".{name}.tmp"
            tmp.write_text(json.dumps(content))
            tmp.chmod(mode)
            os.replace(tmp, self.directory / name)

    def keys(self) -> list[dict[str, Any]]:
        """The issuer's keys, newest last; the first call creates one."""
        keys = self._read()
        if keys:
            return keys
        with self._locked():
            keys = self._read()
            if not keys:
                keys = [_new_key()]
                self._write(keys)
        return keys

    def rotate(self, *, now: float | None = None) -> str:
        """Sign with a new key from now on; drop keys older than `keep_s`. Returns the new kid."""
        now = time.time() if now is None else now
        with self._locked():
            keys = [k for k in self._read() if now - k["created"] <= self.keep_s]
            keys.append(_new_key(now))
            self._write(keys)
        return str(keys[-1]["kid"])

    def jwks(self) -> dict[str, Any]:
        self.keys()
        return dict(json.loads((self.directory / "jwks.json").read_text()))

    def sign(self, claims: dict[str, Any]) -> str:
        key = self.keys()[-1]
        private = _private(key)
        return jwt.encode(claims, private, algorithm="ES256", headers={"kid": key["kid"]})


def _private(key: dict[str, Any]) -> ec.EllipticCurvePrivateKey:
    private = serialization.load_pem_private_key(key["private_pem"].encode(), password=None)
    if not isinstance(private, ec.EllipticCurvePrivateKey):
        raise ValueError(f"key {key.get('kid')} is not an EC key")
    return private


def _new_key(now: float | None = None) -> dict[str, Any]:
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return {
        "kid": secrets.token_hex(8),
        "created": time.time() if now is None else now,
        "private_pem": pem,
    }


def _public_jwk(key: dict[str, Any]) -> dict[str, Any]:
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(_private(key).public_key()))
    return {**jwk, "kid": key["kid"], "use": "sig", "alg": "ES256"}


class _KeySet:
    """Public keys by kid from a JWKS read by `load`, read again (at most every `min_gap_s`)
    when a token names a key it does not hold: the issuer rotated its keys."""

    def __init__(self, load: Callable[[], dict[str, Any]], min_gap_s: float = 5.0) -> None:
        self._load = load
        self._min_gap_s = min_gap_s
        self._keys: dict[str, Any] = {}
        self._loaded_at = -math.inf

    def _refresh(self) -> None:
        self._loaded_at = time.monotonic()
        keys = {}
        for jwk in self._load().get("keys", []):
            with contextlib.suppress(jwt.PyJWTError, KeyError, ValueError):
                found = jwt.PyJWK(jwk)
                if found.key_id:
                    keys[found.key_id] = found.key
        self._keys = keys

    def get(self, kid: str) -> Any:
        if kid not in self._keys and time.monotonic() - self._loaded_at >= self._min_gap_s:
            self._refresh()
        return self._keys.get(kid)


def _fetch_jwks(url: str) -> dict[str, Any]:
    # https is checked in production (`AuthSettings.problems`); file:// serves tests
    with urllib.request.urlopen(url, timeout=5) as answer:
        return dict(json.loads(answer.read(1_000_000)))


class TokenVerifier:
    def __init__(self, settings: AuthSettings) -> None:
        self._settings = settings
        self._local = LocalIssuer(
            settings.dev_issuer_dir, keep_s=settings.max_token_lifetime_s + 3600
        )
        self._sets: list[_KeySet] = []
        if settings.jwks_url:
            url = settings.jwks_url
            self._sets.append(_KeySet(lambda: _fetch_jwks(url), min_gap_s=30.0))
        if settings.dev_issuer:
            self._sets.append(_KeySet(self._local.jwks, min_gap_s=1.0))
        self._static = (
            serialization.load_pem_public_key(settings.public_key.encode())
            if settings.public_key
            else None
        )

    def issue(
        self,
        *,
        subject: str,
        name: str,
        roles: list[str],
        network: str | None = None,
        entity: str | None = None,
        publisher: bool = False,
        ttl_s: int = 8 * 3600,
    ) -> str:
        """Mint a token with the local development issuer (ES256, its newest key)."""
        if not self._settings.dev_issuer:
            raise RuntimeError("the development issuer is off (SPPLUS_JWT_DEV_ISSUER)")
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self._settings.issuer,
            "aud": self._settings.audience,
            "sub": subject,
            "name": name,
            "roles": sorted({Role(r).value for r in roles}),
            "iat": now,
            "exp": now + ttl_s,
        }
        if network:
            claims["network"] = network
        if entity:
            claims["entity"] = entity
        if publisher:
            claims["publisher"] = True
        return self._local.sign(claims)

    def _key_for(self, token: str) -> Any:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise NotAuthorizedException(detail=f"invalid token: {exc}") from exc
        if header.get("alg") not in ALGORITHMS:
            raise NotAuthorizedException(detail="invalid token: its algorithm is not accepted")
        kid = header.get("kid")
        if isinstance(kid, str):
            for key_set in self._sets:
                try:
                    key = key_set.get(kid)
                except (OSError, ValueError) as exc:
                    log.warning("token keys unavailable", error=repr(exc)[:200])
                    continue
                if key is not None:
                    return key
        if self._static is not None:
            return self._static
        if not self._sets:
            raise NotAuthorizedException(detail="no token issuer is configured")
        raise NotAuthorizedException(detail="invalid token: signed by an unknown key")

    def verify(self, token: str) -> Principal:
        s = self._settings
        key = self._key_for(token)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                audience=s.audience,
                issuer=s.issuer,
                options={"require": ["exp", "iat", "sub"]},
            )
        except (jwt.PyJWTError, TypeError, ValueError) as exc:  # a key of the other kind too
            raise NotAuthorizedException(detail=f"invalid token: {exc}") from exc
        lifetime = claims["exp"] - claims["iat"]
        if not isinstance(lifetime, int | float) or lifetime > s.max_token_lifetime_s:
            raise NotAuthorizedException(
                detail=f"invalid token: it lives longer than {s.max_token_lifetime_s} s"
            )
        roles = frozenset(Role(r) for r in claims.get("roles", []) if r in Role.__members__)
        return Principal(
            subject=str(claims["sub"]),
            name=str(claims.get("name", "")),
            roles=roles,
            network=claims.get("network"),
            entity=claims.get("entity"),
            publisher=bool(claims.get("publisher", False)),
        )


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    cached = connection.scope.get("state", {}).get("principal")
    if isinstance(cached, Principal):
        return cached
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthorizedException(detail="a bearer token is required")
    verifier: TokenVerifier = connection.app.state.token_verifier
    principal = verifier.verify(token.strip())
    connection.scope.setdefault("state", {})["principal"] = principal
    return principal


def requires(*roles: Role) -> Any:
    """A Litestar guard: the caller must hold one of `roles`."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        principal = principal_of(connection)
        if not principal.has_any(*roles):
            raise PermissionDeniedException(
                detail=f"one of the roles {', '.join(sorted(roles))} is required"
            )

    return guard


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """Dependency `principal` for handlers behind a guard."""
    return principal_of(request)


def token_cli(argv: list[str] | None = None) -> int:
    """`spplus-token --role agent --network CAF --name Jean` prints a local bearer token."""
    parser = argparse.ArgumentParser(prog="spplus-token", description=token_cli.__doc__)
    parser.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    parser.add_argument("--name", default="Dev")
    parser.add_argument("--network", default=None)
    parser.add_argument("--entity", default=None)
    parser.add_argument("--subject", default=None)
    parser.add_argument(
        "--publisher",
        action="store_true",
        help="an agent who may publish directly (else: a drafter)",
    )
    parser.add_argument("--ttl", type=int, default=8 * 3600, help="lifetime in seconds")
    parser.add_argument(
        "--rotate",
        action="store_true",
        help="sign with a new key from now on (old tokens stay valid until they expire)",
    )
    args = parser.parse_args(argv)
    settings = AuthSettings()
    if args.rotate:
        LocalIssuer(settings.dev_issuer_dir, keep_s=settings.max_token_lifetime_s + 3600).rotate()
    print(
        TokenVerifier(settings).issue(
            subject=args.subject or f"{args.name.lower()}@local",
            name=args.name,
            roles=args.role,
            network=args.network,
            entity=args.entity,
            publisher=args.publisher,
            ttl_s=args.ttl,
        )
    )
    return 0
