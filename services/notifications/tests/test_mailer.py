"""The mailer against a real SMTP server (aiosmtpd, in process): what counts as temporary,
permanent, and when the commit point is reached."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from spplus.notifications.mailer import PermanentFailure, SmtpMailer, TemporaryFailure
from spplus.notifications.settings import NotificationsSettings
from spplus.notifications.templates import Templates, samples


class Handler:
    def __init__(self) -> None:
        self.rcpt_reply = "250 OK"
        self.data_reply = "250 OK"
        self.messages: list[bytes] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.rcpt_reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return self.rcpt_reply

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply.startswith("250"):
            self.messages.append(envelope.content)
        return self.data_reply


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server() -> Iterator[tuple[Handler, int]]:
    handler = Handler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _mailer(port: int) -> SmtpMailer:
    return SmtpMailer(NotificationsSettings(smtp_host="127.0.0.1", smtp_port=port))


EMAIL = Templates().render("published", **samples()["published"][0])


async def test_a_sent_email_has_html_and_text_and_commits_before_data(
    server: tuple[Handler, int],
) -> None:
    handler, port = server
    commits: list[int] = []

    async def commit() -> None:
        commits.append(len(handler.messages))  # nothing sent yet at the commit point

    await _mailer(port).send("lou@example.org", EMAIL, message_key="k1", on_commit=commit)
    assert commits == [0] and len(handler.messages) == 1
    raw = handler.messages[0].decode()
    assert "text/plain" in raw and "text/html" in raw and "X-Spplus-Key: k1" in raw


@pytest.mark.parametrize(
    ("where", "reply", "error"),
    [
        ("rcpt", "451 4.3.0 try later", TemporaryFailure),
        ("rcpt", "550 5.1.1 no such mailbox", PermanentFailure),
        ("data", "452 4.3.1 insufficient storage", TemporaryFailure),
        ("data", "554 5.6.0 rejected", PermanentFailure),
    ],
)
async def test_smtp_replies_are_temporary_or_permanent(
    server: tuple[Handler, int], where: str, reply: str, error: type[Exception]
) -> None:
    handler, port = server
    setattr(handler, f"{where}_reply", reply)
    commits: list[bool] = []

    async def commit() -> None:
        commits.append(True)

    with pytest.raises(error):
        await _mailer(port).send("lou@example.org", EMAIL, message_key="k", on_commit=commit)
    assert handler.messages == []
    assert commits == ([True] if where == "data" else [])  # refused envelope: never committed


async def test_an_unreachable_server_is_a_temporary_failure() -> None:
    async def commit() -> None:
        raise AssertionError("nothing to commit")

    with pytest.raises(TemporaryFailure):
        await _mailer(_free_port()).send("a@example.org", EMAIL, message_key="k", on_commit=commit)
