"""Sending email over SMTP (aiosmtplib)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

import aiosmtplib

from .settings import NotificationsSettings
from .templates import Email


class SmtpMailer:
    def __init__(self, settings: NotificationsSettings) -> None:
        self._s = settings

    async def send(self, to: str, email: Email, *, message_key: str) -> None:
        msg = EmailMessage()
        msg["From"] = self._s.sender
        msg["To"] = to
        msg["Subject"] = email.subject
        msg["Message-ID"] = make_msgid(idstring=message_key, domain="services-publics-plus.local")
        msg["X-Spplus-Template"] = email.template
        msg.set_content(email.text)
        await aiosmtplib.send(
            msg,
            hostname=self._s.smtp_host,
            port=self._s.smtp_port,
            username=self._s.smtp_username,
            password=self._s.smtp_password,
            start_tls=self._s.smtp_starttls,
            timeout=15,
        )
