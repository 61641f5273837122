"""Bearer-JWT verification with roles and network claims, and `spplus-token` for local tokens."""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import jwt
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from .settings import AuthSettings


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


class TokenVerifier:
    def __init__(self, settings: AuthSettings) -> None:
        self._settings = settings

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
        """Mint a token with the local dev issuer (HS256)."""
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
        return jwt.encode(claims, self._settings.secret, algorithm="HS256")

    def verify(self, token: str) -> Principal:
        s = self._settings
        if s.public_key:
            key, algorithms = s.public_key, ["RS256", "ES256"]
        elif s.dev_issuer:
            key, algorithms = s.secret, ["HS256"]
        else:
            raise NotAuthorizedException(detail="no token issuer is configured")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                audience=s.audience,
                issuer=s.issuer,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
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
    args = parser.parse_args(argv)
    print(
        TokenVerifier(AuthSettings()).issue(
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
