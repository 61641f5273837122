"""Every template renders, in HTML and text, for every sample (every refusal reason included)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from jinja2 import UndefinedError

from spplus.contracts.reference import REASONS
from spplus.notifications.templates import SUBJECTS, Templates, samples

ALL = [(name, i, ctx) for name, ctxs in samples().items() for i, ctx in enumerate(ctxs)]


class _Checker(HTMLParser):
    """Tags open and close in order; links are real links with text."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.links: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if tag not in ("meta", "br", "!doctype"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def test_the_samples_cover_every_template_and_every_reason() -> None:
    assert set(samples()) == set(SUBJECTS)
    refused = {r["code"] for ctx in samples()["rejected"] for r in ctx["reasons"]}
    assert set(REASONS) <= refused


@pytest.mark.parametrize(("name", "i", "context"), ALL, ids=[f"{n}-{i}" for n, i, _ in ALL])
def test_a_template_renders_in_html_and_text(name: str, i: int, context: dict) -> None:
    email = Templates().render(name, **context)
    for body in (email.text, email.html):
        assert "{{" not in body and "{%" not in body and "Macro" not in body
        assert "None" not in body
    assert email.text.startswith("Bonjour") and email.text.rstrip().endswith(
        ("L'équipe Services Publics +", context.get("unsubscribe") or "§")
    )
    checker = _Checker()
    checker.feed(email.html)
    assert checker.lang == "fr" and not checker.stack
    for url in [v for k, v in context.items() if k.endswith("link") and isinstance(v, str)]:
        assert url in email.text and url in checker.links, url
    words = " ".join(email.text.split())
    for reason in context.get("reasons", []):
        assert reason["label"][1:] in words  # in plain French, not the code


def test_a_missing_variable_is_an_error_not_a_blank() -> None:
    with pytest.raises(UndefinedError):
        Templates().render("published", pseudonym="Lou", link="http://x")


def test_html_escapes_what_people_wrote() -> None:
    email = Templates().render(
        "answered",
        title="<script>alert(1)</script>",
        pseudonym=None,
        signature="Jean, pour CAF",
        body="Bonjour & merci",
        link="http://x",
    )
    assert "<script>" not in email.html and "&lt;script&gt;" in email.html
    assert "<script>" in email.text  # plain text is plain


def test_only_optional_messages_carry_an_unsubscribe_link() -> None:
    t = Templates()
    assert t.render("panel_ack", unsubscribe="http://u").unsubscribe == "http://u"
    answered = samples()["answered"][0]
    assert t.render("answered", **answered, unsubscribe="http://u").unsubscribe is None


def test_html_escapes_every_value_and_text_keeps_it_plain() -> None:
    """Autoescape is on for the HTML part: a value the author chose cannot become markup."""
    title = 'Carte <a href="https://phish.example">cliquez</a> & <script>x()</script>'
    email = Templates().render(
        "received", pseudonym="<b>Camille</b>", title=title, link="https://s/l"
    )
    assert "<script>" not in email.html and '<a href="https://phish.example"' not in email.html
    assert "&lt;script&gt;" in email.html and "&lt;b&gt;Camille&lt;/b&gt;" in email.html
    assert "&amp;amp;" not in email.html  # escaped once, not twice
    assert "<b>Camille</b>" in email.text


def test_nothing_the_sender_typed_becomes_a_link() -> None:
    title = (
        "Remboursement sur https://caf-remboursement.example/login ou caf-aide.fr, écrivez à a@b.fr"
    )
    email = Templates().render(
        "received", pseudonym="visitez evil.com", title=title, link="https://s/l"
    )
    for part in (email.html, email.text):
        assert "caf-remboursement.example" not in part and "caf-aide.fr" not in part
        assert "a@b.fr" not in part and "evil.com" not in part
        assert "[lien retiré]" in part
    assert "https://s/l" in email.text  # the platform's own link stays
