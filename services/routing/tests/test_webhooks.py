"""Webhooks cannot be turned inward: the URL checks, the address checks at each delivery (no DNS
rebinding), no redirects, a secret always, and a delivery log that says little."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread
from typing import Any, ClassVar

import pytest

from spplus.routing import webhooks

SECRET = "a-long-shared-secret-for-tests-0123"


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "169.254.1.1",
        "100.64.0.1",  # shared address space (CGNAT)
        "0.0.0.0",
        "224.0.0.1",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "::",
        "::1",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "fec0::1",  # site-local
        "ff02::1",
        "ff0e::1",  # multicast, even global scope
        "2001:db8::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "::ffff:10.0.0.1",
        "::127.0.0.1",  # IPv4-compatible (deprecated)
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
    ],
)
def test_inward_addresses_are_not_public(address: str) -> None:
    assert not webhooks.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["81.2.69.160", "8.8.8.8", "2a01:e0a:1::5", "2606:4700::1111", "::ffff:8.8.8.8"]
)
def test_internet_addresses_are_public(address: str) -> None:
    assert webhooks.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://partner.example/x", "webhook_https_required"),
        ("partner.example/x", "webhook_https_required"),
        ("javascript:alert(1)", "webhook_https_required"),
        ("https://user:pass@partner.example/x", "webhook_userinfo"),
        ("https://@partner.example/x", "webhook_userinfo"),
        ("https://partner.example\\@intranet.example/x", "webhook_userinfo"),
        ("https:///x", "webhook_no_host"),
        ("https://[::1/x", "webhook_invalid_url"),
        ("https://partner.example:abc/x", "webhook_invalid_url"),
        ("https://partner.example:0/x", "webhook_invalid_url"),
        ("https://partner.example:70000/x", "webhook_invalid_url"),
        ("https://part ner.example/x", "webhook_invalid_host"),
        ("https://127.1/x", "webhook_invalid_host"),
        ("https://2130706433/x", "webhook_invalid_host"),
        ("https://0x7f.1/x", "webhook_invalid_host"),
    ],
)
def test_url_syntax_is_checked(url: str, code: str) -> None:
    with pytest.raises(webhooks.WebhookRefused) as refused:
        webhooks.check_url(url, allow_http=True)
    assert refused.value.code == code and refused.value.message


def test_http_only_where_allowed() -> None:
    assert webhooks.check_url("http://partner.example/x", allow_http=True).scheme == "http"
    with pytest.raises(webhooks.WebhookRefused) as refused:
        webhooks.check_url("http://partner.example/x", allow_http=False)
    assert refused.value.code == "webhook_https_required"


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.8:8443/x",
        "https://[::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://[fd00::1]/x",
        "https://[fe80::1%25eth0]/x",
        "https://localhost/x",  # not in the test resolver: does not resolve
        "https://intranet.example/x",
        "https://metadata.example/x",
        "https://mixed.example/x",  # one private address is enough
        "https://mapped.example/x",
        "https://unknown.example/x",
    ],
)
async def test_inward_targets_are_refused(url: str) -> None:
    with pytest.raises(webhooks.WebhookRefused) as refused:
        await webhooks.check_target(url, allow_http=True)
    assert refused.value.code == webhooks.ADDRESS_REFUSED


async def test_a_public_target_keeps_its_host_for_tls_and_the_host_header(
    public_dns: dict[str, list[str]],
) -> None:
    target = await webhooks.check_target("https://Hooks.CAF.example:8443/in?x=1", allow_http=False)
    assert target.host == "hooks.caf.example" and target.port == 8443
    assert target.host_header == "hooks.caf.example:8443"
    assert [str(a) for a in target.addresses] == public_dns["hooks.caf.example"]
    literal = await webhooks.check_target("https://81.2.69.160/in", allow_http=False)
    assert literal.addresses == (ipaddress.ip_address("81.2.69.160"),)


def test_never_signed_with_an_empty_secret() -> None:
    with pytest.raises(ValueError):
        webhooks.signature("", b"{}")
    assert not webhooks.verify("", b"{}", "sha256=" + "0" * 64)
    assert len(webhooks.new_secret()) >= 43 and webhooks.new_secret() != webhooks.new_secret()


# A receiver on 127.0.0.1 stands for a partner's public server: the tests' resolver says
# `partner.example` is 127.0.0.1, and the address check lets loopback through (monkeypatched).


class _Receiver(BaseHTTPRequestHandler):
    calls: ClassVar[list[dict[str, Any]]] = []
    status: ClassVar[int] = 200

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.calls.append({"path": self.path, "headers": dict(self.headers), "body": body})
        self.send_response(self.status)
        if 300 <= self.status < 400:
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
        detail = b"internal detail: db at 10.0.0.5:5432"  # never reaches the log
        self.send_header("content-length", str(len(detail)))
        self.end_headers()
        self.wfile.write(detail)

    def log_message(self, *args: object) -> None:
        pass


def _serve(context: ssl.SSLContext | None = None) -> Iterator[int]:
    _Receiver.calls, _Receiver.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Receiver)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(name="receiver")
def fixture_receiver() -> Iterator[int]:
    yield from _serve()


@pytest.fixture(name="loopback_is_public")
def fixture_loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    real = webhooks.is_public
    monkeypatch.setattr(
        webhooks, "is_public", lambda ip: ip == ipaddress.ip_address("127.0.0.1") or real(ip)
    )


LOCAL = {"partner.example": ["127.0.0.1"], "rebind.example": ["10.0.0.7"]}


async def _post(url: str, secret: str = SECRET, **kwargs: Any) -> tuple[bool, str]:
    """A delivery, with `partner.example` at 127.0.0.1 and `rebind.example` at 10.0.0.7."""

    async def resolve(host: str, port: int) -> list[webhooks.IPAddress]:
        return [ipaddress.ip_address(a) for a in LOCAL.get(host, [])]

    async with webhooks.client(**kwargs) as client:
        return await webhooks.post(
            client, url, secret, b'{"a": 1}', "d-1", "network.experience", allow_http=True,
            resolve=resolve,
        )  # fmt: skip


@pytest.mark.usefixtures("loopback_is_public")
async def test_delivered_to_the_checked_address_with_the_original_host_and_a_signature(
    receiver: int,
) -> None:
    assert await _post(f"http://partner.example:{receiver}/hook?x=1") == (True, "delivered")
    [call] = _Receiver.calls
    assert call["path"] == "/hook?x=1" and call["body"] == b'{"a": 1}'
    assert call["headers"]["host"] == f"partner.example:{receiver}"
    assert webhooks.verify(SECRET, call["body"], call["headers"]["x-spplus-signature"])
    assert call["headers"]["x-spplus-delivery"] == "d-1"


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize(
    ("status", "outcome"),
    [(302, "http_error:3xx"), (404, "http_error:4xx"), (503, "http_error:5xx")],
)
async def test_redirects_are_not_followed_and_the_outcome_is_coarse(
    receiver: int, status: int, outcome: str
) -> None:
    _Receiver.status = status
    assert await _post(f"http://partner.example:{receiver}/hook") == (False, outcome)
    assert len(_Receiver.calls) == 1  # the redirect's target was never called


async def test_a_name_that_now_resolves_inward_is_not_called(receiver: int) -> None:
    """DNS rebinding: a name checked public at registration, private at delivery."""
    assert await _post(f"http://rebind.example:{receiver}/hook") == (False, "refused_address")
    assert await _post(f"http://partner.example:{receiver}/hook") == (False, "refused_address")
    assert await _post(f"http://127.0.0.1:{receiver}/hook") == (False, "refused_address")
    assert _Receiver.calls == []


async def test_the_address_is_checked_at_each_delivery(
    receiver: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([["81.2.69.160"], ["127.0.0.1"]])  # registration, then delivery

    async def rebinding(host: str, port: int) -> list[webhooks.IPAddress]:
        return [ipaddress.ip_address(a) for a in next(answers)]

    monkeypatch.setattr(webhooks, "system_resolve", rebinding)
    url = f"http://partner.example:{receiver}/hook"
    await webhooks.check_target(url, allow_http=True)  # registration: accepted
    async with webhooks.client() as client:
        outcome = await webhooks.post(
            client, url, SECRET, b"{}", "d-2", "network.experience", allow_http=True
        )
    assert outcome == (False, "refused_address") and _Receiver.calls == []


@pytest.mark.usefixtures("loopback_is_public")
async def test_failures_say_nothing_of_the_remote_end(receiver: int) -> None:
    assert await _post("http://partner.example:1/hook") == (False, "connection_failed")
    assert await _post(f"https://partner.example:{receiver}/hook") == (False, "connection_failed")
    assert await _post(f"http://partner.example:{receiver}/hook", secret="") == (
        False,
        "missing_secret",
    )
    assert await _post("ftp://partner.example/hook") == (False, "refused_url")
    assert _Receiver.calls == []


@pytest.fixture(name="certificate", scope="module")
def fixture_certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=partner.example",
         "-addext", "subjectAltName=DNS:partner.example"],
        check=True, capture_output=True,
    )  # fmt: skip
    return key, cert


@pytest.mark.usefixtures("loopback_is_public")
async def test_tls_is_verified_against_the_original_host(
    certificate: tuple[Path, Path], resolver: Any
) -> None:
    key, cert = certificate
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(str(cert), str(key))
    names: list[str | None] = []
    server_context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    trusted = ssl.create_default_context(cafile=str(cert))
    served = _serve(server_context)
    port = next(served)
    try:
        ok = await _post(f"https://partner.example:{port}/hook", verify=trusted)
        assert ok == (True, "delivered")
        assert names == ["partner.example"]
        assert _Receiver.calls[0]["headers"]["host"] == f"partner.example:{port}"
        # The same server under another name: its certificate does not match, nothing is sent.
        other = resolver({"other.example": ["127.0.0.1"]})
        async with webhooks.client(verify=trusted) as client:
            refused = await webhooks.post(
                client, f"https://other.example:{port}/hook", SECRET, b"{}", "d-3", "e",
                allow_http=False, resolve=other,
            )  # fmt: skip
        assert refused == (False, "connection_failed") and len(_Receiver.calls) == 1
    finally:
        next(served, None)
