"""The local SMTP sink's brief listing (what the chaos harness reads for thousands of emails)."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage

import httpx
import pytest

from spplus.runtime.testing import Stack

pytestmark = pytest.mark.e2e


def test_the_brief_listing_leaves_the_bodies_out(stack: Stack) -> None:
    to = f"brief-{uuid.uuid4().hex[:8]}@example.org"
    msg = EmailMessage()
    msg["From"] = "plateforme@example.org"
    msg["To"] = to
    msg["Subject"] = "Votre témoignage"
    msg["X-Spplus-Template"] = "received"
    msg.set_content("Bonjour, un long corps de message.")
    with smtplib.SMTP(stack.smtp_host, stack.smtp_port, timeout=10) as smtp:
        smtp.send_message(msg)

    full = httpx.get(f"{stack.smtp_http}/api/messages", params={"to": to}, timeout=10).json()
    brief = httpx.get(
        f"{stack.smtp_http}/api/messages", params={"to": to, "brief": 1}, timeout=10
    ).json()
    assert len(full) == len(brief) == 1
    assert "un long corps" in full[0]["text"]
    assert "text" not in brief[0] and "html" not in brief[0]
    assert brief[0]["id"] == full[0]["id"]
    assert brief[0]["rcpt_tos"] == [to]
    assert brief[0]["headers"]["X-Spplus-Template"] == "received"
    assert brief[0]["subject"] == "Votre témoignage"
