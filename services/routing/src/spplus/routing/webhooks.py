"""Webhooks for networks without Kafka: HMAC-signed JSON POSTs, retried with back-off, logged.

A webhook can never be turned inward (SSRF): its URL is checked when an admin registers it
(`check_url`, `check_target`), and again at each delivery, where the host is resolved anew, every
address it resolves to must be public, and the connection goes to an address that was just checked
(the URL carries that address; the `Host` header and the TLS server name keep the original host,
so the certificate is still verified against it). Redirects are never followed, connections are
never reused, and the delivery log keeps a coarse outcome, never what the remote end said.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import re
import secrets
import socket
import ssl
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeAlias
from urllib.parse import urlsplit

import httpx

#: After this many failed attempts a delivery stops (an admin may replay it).
MAX_ATTEMPTS = 12
#: Seconds a delivery may take (connect, send, answer).
TIMEOUT_S = 10.0
#: Seconds a name may take to resolve.
RESOLVE_TIMEOUT_S = 5.0

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
#: `(host, port) -> addresses`: the system resolver by default; tests inject their own.
Resolver: TypeAlias = Callable[[str, int], Awaitable[list[IPAddress]]]

#: The code of a host that does not resolve, or resolves to an address that is not public.
ADDRESS_REFUSED = "webhook_refused_address"

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")


class WebhookRefused(Exception):
    """A webhook URL the platform will not call: `code` is stable, `message` is French."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def signature(secret: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 of the raw body with the network's secret (never empty)."""
    if not secret:
        raise ValueError("a webhook is never signed with an empty secret")
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """What a receiver does (the example responder and the tests use it)."""
    return bool(secret) and hmac.compare_digest(signature(secret, body), header)


def new_secret() -> str:
    """The secret the platform gives a webhook registered without one (shown once)."""
    return secrets.token_urlsafe(32)


def next_try(attempts: int, now: datetime, base_s: float) -> datetime:
    return now + timedelta(seconds=min(base_s * 2 ** (attempts - 1), 3600))


def is_public(ip: IPAddress) -> bool:
    """True only for a globally routable unicast address: not loopback, private, shared (CGNAT),
    link-local (169.254.169.254 included), multicast, reserved, unspecified, documentation, IPv6
    unique-local or site-local, nor an IPv6 form (mapped, 6to4) of an IPv4 address that is one."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        if ip.sixtofour is not None and not is_public(ip.sixtofour):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _literal_ip(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


@dataclass(frozen=True)
class Target:
    """A webhook URL that passed the checks, with the addresses its host had at that moment."""

    url: httpx.URL
    host: str  # ASCII (IDNA) host, no brackets: the TLS server name
    port: int
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        return self.url.netloc.decode("ascii")


def check_url(url: str, *, allow_http: bool) -> httpx.URL:
    """The syntax of a webhook URL: https (http only where allowed: development), a host, no
    user or password, a valid port. Raises `WebhookRefused`."""
    try:
        parsed = httpx.URL(url.strip())
        authority = urlsplit(url.strip()).netloc  # a second parser's view of the user part
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise WebhookRefused(
            "webhook_invalid_url", "L'adresse du webhook n'est pas une URL valide."
        ) from exc
    if parsed.scheme != "https" and not (allow_http and parsed.scheme == "http"):
        raise WebhookRefused(
            "webhook_https_required",
            "L'adresse du webhook doit commencer par https://."
            if not allow_http
            else "L'adresse du webhook doit commencer par https:// (ou http:// en développement).",
        )
    if parsed.userinfo or "@" in authority:
        raise WebhookRefused(
            "webhook_userinfo",
            "L'adresse du webhook ne doit contenir ni identifiant ni mot de passe.",
        )
    if not parsed.raw_host:
        raise WebhookRefused(
            "webhook_no_host", "L'adresse du webhook doit comporter un nom d'hôte."
        )
    if parsed.port is not None and not 1 <= parsed.port <= 65535:
        raise WebhookRefused("webhook_invalid_url", "Le port de l'adresse du webhook est invalide.")
    host = parsed.raw_host.decode("ascii").lower()
    if _literal_ip(host) is None:
        labels = host.removesuffix(".").split(".")
        if not all(_LABEL.match(label) for label in labels) or len(host) > 253:
            raise WebhookRefused(
                "webhook_invalid_host", "Le nom d'hôte de l'adresse du webhook est invalide."
            )
        if _NUMERIC_LABEL.match(labels[-1]):  # 127.1, 2130706433, 0x7f.1: an address in disguise
            raise WebhookRefused(
                "webhook_invalid_host",
                "Une adresse IP doit être écrite sous sa forme habituelle (ex. 203.0.113.7).",
            )
    return parsed


async def system_resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the system resolver gives for a host (empty when it does not resolve)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_TIMEOUT_S
        )
    except (OSError, TimeoutError, UnicodeError):
        return []
    found: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = _literal_ip(str(sockaddr[0]))
        if ip is not None and ip not in found:
            found.append(ip)
    return found


async def check_target(
    url: str | httpx.URL,
    *,
    allow_http: bool,
    resolve: Resolver | None = None,
    allowed: Sequence[IPNetwork] = (),
) -> Target:
    """The checked URL and the addresses to connect to: every address of the host (a literal IP
    is its own address) must be public, or in `allowed` (development and tests only: a local
    receiver). Raises `WebhookRefused`."""
    resolve = resolve or system_resolve
    parsed = check_url(str(url), allow_http=allow_http)
    host = parsed.raw_host.decode("ascii").lower()
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    literal = _literal_ip(host)
    addresses = [literal] if literal is not None else await resolve(host, port)
    if not addresses or not all(
        is_public(ip) or any(ip in net for net in allowed) for ip in addresses
    ):
        # One answer for both cases: which internal names exist is not the caller's to learn.
        raise WebhookRefused(
            ADDRESS_REFUSED,
            "L'hôte du webhook doit se résoudre uniquement en adresses publiques d'Internet "
            "(pas une adresse locale, privée, de lien local ou réservée).",
        )
    return Target(parsed, host, port, tuple(addresses))


def client(verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """The client deliveries use: no redirects, no proxy or credentials from the environment,
    and no connection kept for the next delivery (each one connects to an address just checked).
    `verify`: the certificates trusted (the system's; tests give their own)."""
    return httpx.AsyncClient(
        verify=verify,
        follow_redirects=False,
        trust_env=False,
        timeout=TIMEOUT_S,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


def _status_outcome(status: int) -> str:
    return "delivered" if 200 <= status < 300 else f"http_error:{status // 100}xx"


async def post(
    client: httpx.AsyncClient,
    url: str,
    secret: str,
    body: bytes,
    delivery_id: str,
    event_type: str,
    *,
    allow_http: bool,
    resolve: Resolver | None = None,
    allowed: Sequence[IPNetwork] = (),
) -> tuple[bool, str]:
    """(delivered, outcome): 2xx is delivered; anything else will be tried again. The outcome is
    coarse (`delivered`, `http_error:4xx`, `timeout`, `refused_address`, `connection_failed`…):
    never the remote error text nor the exact status, so the log cannot map a network."""
    if not secret:
        return False, "missing_secret"
    try:
        target = await check_target(url, allow_http=allow_http, resolve=resolve, allowed=allowed)
    except WebhookRefused as refused:
        return False, "refused_address" if refused.code == ADDRESS_REFUSED else "refused_url"
    headers = {
        "host": target.host_header,
        "content-type": "application/json",
        "x-spplus-signature": signature(secret, body),
        "x-spplus-delivery": delivery_id,
        "x-spplus-event": event_type,
    }
    outcome = "connection_failed"
    for ip in target.addresses:  # the addresses just checked, in the resolver's order
        try:
            r = await client.post(
                target.url.copy_with(host=str(ip)),
                content=body,
                headers=headers,
                timeout=TIMEOUT_S,
                follow_redirects=False,
                extensions={"sni_hostname": target.host},
            )
        except httpx.ConnectTimeout:
            outcome = "timeout"
            continue  # try the host's next address
        except httpx.ConnectError:
            outcome = "connection_failed"
            continue
        except httpx.TimeoutException:
            return False, "timeout"
        except httpx.HTTPError:
            return False, "connection_failed"
        return 200 <= r.status_code < 300, _status_outcome(r.status_code)
    return False, outcome


def delivery(network: dict[str, Any], event: Any, now: datetime) -> dict[str, Any] | None:
    """The webhook delivery to store with an assignment, if the network has a webhook."""
    if not network.get("webhook"):
        return None
    return {
        "id": str(event.event_id),
        "url": network["webhook"],
        "status": "pending",
        "attempts": 0,
        "next_at": now,
        "event_type": event.event_type,
        "body": event.model_dump_json(),
        "created_at": now,
    }
