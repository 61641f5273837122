"""Sending email over SMTP (aiosmtplib), in steps that tell what may have happened.

The envelope (MAIL FROM, RCPT TO) is accepted first; then `on_commit` is awaited, and only then is
the message itself sent (DATA). So a process killed before `on_commit` has certainly sent nothing
(the email may be sent again), and one killed after it may have sent it (it is not sent again:
it is recorded as uncertain, for a person to check). SMTP replies in 4xx, and a server that cannot
be reached, are temporary failures (retried later); 5xx replies are permanent.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Awaitable, Callable
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formatdate, make_msgid

import aiosmtplib

from .settings import NotificationsSettings
from .templates import Email


class TemporaryFailure(Exception):
    """Try again later (server unreachable, 4xx)."""


class UncertainFailure(Exception):
    """The connection broke while the message itself was being sent: it may have been accepted."""


class PermanentFailure(Exception):
    """Never going to work as is (5xx: unknown mailbox, refused sender…)."""


#: Bodies in UTF-8, quoted-printable (readable in the raw message, safe over any relay).
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP


#: Headers written on one line up to SMTP's limit: a long token (a Message-ID, an unsubscribe
#: link) is not moved to a continuation line of its own.
_UNFOLDED = compat32.clone(max_line_length=998)


def _text(body: str, subtype: str) -> MIMEText:
    return MIMEText(body, subtype, _UTF8_QP)  # type: ignore[arg-type]  # (a Charset is accepted)


def build_message(sender: str, to: str, email: Email, *, message_key: str) -> Message:
    """The email as multipart/alternative (text, then HTML). Built with the `compat32` classes:
    the modern `EmailMessage` parses every header it is given and took a fifth of the service's
    CPU under load (measured with py-spy); the output is the same MIME for any reader."""
    msg = MIMEMultipart("alternative")
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = Header(email.subject, "utf-8")  # type: ignore[assignment]  # (encoded words)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(idstring=message_key, domain="services-publics-plus.local")
    msg["X-Spplus-Template"] = email.template
    msg["X-Spplus-Key"] = message_key
    if email.unsubscribe:
        msg["List-Unsubscribe"] = f"<{email.unsubscribe}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.attach(_text(email.text, "plain"))
    msg.attach(_text(email.html, "html"))
    return msg


class SmtpMailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._s = settings
        # (aiosmtplib looks the host's name up for every connection otherwise)
        self._local_hostname = socket.getfqdn()

    def _client(self) -> aiosmtplib.SMTP:
        s = self._s
        context = ssl.create_default_context() if (s.smtp_tls or s.smtp_starttls) else None
        if context is not None and not s.smtp_verify_certificates:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return aiosmtplib.SMTP(
            hostname=s.smtp_host,
            port=s.smtp_port,
            use_tls=s.smtp_tls,
            start_tls=s.smtp_starttls if not s.smtp_tls else False,
            tls_context=context,
            timeout=s.smtp_timeout_s,
            local_hostname=self._local_hostname,
        )

    async def send(
        self,
        to: str,
        email: Email,
        *,
        message_key: str,
        on_commit: Callable[[], Awaitable[None]],
    ) -> None:
        msg = build_message(self._s.sender, to, email, message_key=message_key)
        client = self._client()
        try:
            await client.connect()
            if self._s.smtp_username:
                await client.login(self._s.smtp_username, self._s.smtp_password or "")
            await client.mail(self._s.sender_address)
            await client.rcpt(to)
        except aiosmtplib.SMTPResponseException as exc:
            await _quit(client)
            raise (TemporaryFailure if exc.code < 500 else PermanentFailure)(
                f"{exc.code} {exc.message}"
            ) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            await _quit(client)
            raise TemporaryFailure(type(exc).__name__) from None
        try:
            await on_commit()
        except BaseException:
            await _quit(client)
            raise
        try:
            await client.data(msg.as_bytes(policy=_UNFOLDED))
        except aiosmtplib.SMTPResponseException as exc:
            raise (TemporaryFailure if exc.code < 500 else PermanentFailure)(
                f"{exc.code} {exc.message}"
            ) from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise UncertainFailure(type(exc).__name__) from None
        finally:
            await _quit(client)


async def _quit(client: aiosmtplib.SMTP) -> None:
    try:
        if client.is_connected:
            await client.quit()
    except (aiosmtplib.SMTPException, OSError, TimeoutError):
        client.close()
