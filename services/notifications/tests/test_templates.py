"""The emails an author receives."""

from __future__ import annotations

from spplus.notifications.templates import Templates


def test_published_email_greets_and_links() -> None:
    mail = Templates().render(
        "published", title="Mon titre", pseudonym="Lou", link="http://x/api/v1/experiences/1"
    )
    assert mail.subject == "Votre expérience est publiée"
    assert mail.text.startswith("Bonjour Lou,")
    assert "« Mon titre »" in mail.text and "http://x/api/v1/experiences/1" in mail.text


def test_answered_email_carries_the_answer() -> None:
    mail = Templates().render(
        "answered",
        title="T",
        pseudonym=None,
        signature="Jean, pour CAF",
        body="Merci pour votre retour.",
        link="http://x",
    )
    assert mail.text.startswith("Bonjour,")
    assert "Jean, pour CAF a répondu" in mail.text and "Merci pour votre retour." in mail.text
