"""Every email the author and the agents must get, exactly once, in order, with working links."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from spplus.contracts.events import AuthorContactRecorded, ExperiencePublished
from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings
from spplus.runtime.testing import REPO, ServiceProcess, Stack
from tests.e2e.helpers import (
    eventually,
    handled,
    mails_to,
    produce,
    produce_tombstone,
    published,
    quiet,
    story,
    topic_events,
)

pytestmark = pytest.mark.e2e

REMARK = "Je recommande à tout le monde de venir tôt le matin."
ANTS = "Agence nationale des titres sécurisés (ANTS)"
ANTS_MAILBOX = "reponses-ants@services-publics-plus.local"


def bearer(roles: list[str], **claims: Any) -> dict[str, str]:
    token = TokenVerifier(AuthSettings()).issue(
        subject=f"{claims.get('name', 'x')}@test",
        name=claims.pop("name", "Lina"),
        roles=roles,
        **claims,
    )
    return {"Authorization": f"Bearer {token}"}


ADMIN = bearer(["admin"], name="Admin")
PUBLISHER = bearer(["agent"], name="Lina", network="ANTS", publisher=True)


def answer_and_publish(responses: str, experience_id: str) -> None:
    body = (
        "Bonjour Camille,\n\nMerci de votre retour sur le renouvellement de votre titre.\n\n"
        "Pour votre prochain titre, la pré-demande en ligne vous fera gagner du temps au guichet.\n\n"
        f"Cordialement,\nLina, pour {ANTS}"
    )
    draft = eventually(
        lambda: (
            (
                r := httpx.post(
                    f"{responses}/api/v1/experiences/{experience_id}/drafts",
                    headers=PUBLISHER,
                    json={"body": body},
                    timeout=5,
                )
            ).status_code
            == 201
            and r.json()
        ),
        timeout=60,
    )
    done = httpx.post(
        f"{responses}/api/v1/drafts/{draft['id']}/publish", headers=PUBLISHER, timeout=5
    )
    assert done.status_code == 200, done.text


def templates(stack: Stack, address: str) -> list[str]:
    return [m["headers"]["X-Spplus-Template"] for m in mails_to(stack.smtp_http, address)]


def deliveries(platform: dict[str, ServiceProcess], experience_id: str) -> list[dict[str, Any]]:
    r = httpx.get(
        f"{platform['notifications'].url}/api/v1/deliveries",
        params={"experience_id": experience_id},
        headers=ADMIN,
        timeout=5,
    )
    r.raise_for_status()
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def no_log_line_holds(address: str) -> None:
    for log in (REPO / ".local" / "test" / "logs").glob("*.log"):
        assert address not in log.read_text(errors="replace"), log.name


def post_an_edited_story(
    platform: dict[str, ServiceProcess], stack: Stack
) -> tuple[str, str, dict[str, Any]]:
    """A story with an off-topic remark (moderation edits it: the author must approve): its id,
    its author's address and the approval email."""
    body = story()
    body["description"] = f"{body['description'][:800]} {REMARK}"
    author = body["author"]["email"]
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    approval = eventually(lambda: mails_to(stack.smtp_http, author, "approval"), timeout=60)[0]
    return r.json()["id"], author, approval


def test_an_edited_approved_and_answered_story_sends_the_expected_emails_in_order(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    experience_id, author, approval = post_an_edited_story(platform, stack)
    assert "tout le monde" not in approval["text"].split("Après")[1]  # the proposal, after
    assert approval["html"] and '<html lang="fr">' in approval["html"]
    approve = re.search(r"https?://\S+/api/v1/authors/\S+\?choix=approve", approval["text"])
    assert approve, approval["text"]
    link = approve.group().split("?")[0]
    page = httpx.get(approve.group(), timeout=5)
    assert page.status_code == 200
    assert "approve" in page.json()["actions"]
    assert REMARK in page.json()["original_description"]  # before …
    assert REMARK not in page.json()["proposed_description"]  # … and after
    assert httpx.get(link[:-4] + "abcd", timeout=5).status_code == 403
    decided = httpx.post(f"{link}/decision", json={"action": "approve"}, timeout=5)
    assert decided.status_code == 202, decided.text

    eventually(lambda: published(platform["intake"].url, experience_id), timeout=60)
    answer_and_publish(platform["responses"].url, experience_id)
    eventually(lambda: mails_to(stack.smtp_http, author, "answered"), timeout=60)
    quiet(platform)  # nothing left to do: what did not happen will not
    assert templates(stack, author) == ["received", "approval", "published", "answered"]

    received = mails_to(stack.smtp_http, author, "received")[0]
    follow = re.search(r"https?://\S+/api/v1/authors/\S+", received["text"])
    assert follow and httpx.get(follow.group(), timeout=5).status_code == 200
    # one purpose per link: the follow-up link unsubscribes nobody and decides nothing
    token = follow.group().rsplit("/", 1)[1]
    intake = platform["intake"].url
    assert httpx.post(f"{intake}/api/v1/unsubscribe/{token}", timeout=5).status_code == 403
    page = httpx.get(follow.group(), timeout=5).json()
    assert page["original_description"] is None  # the original only while deciding
    assert set(page["actions"]) <= {"withdraw"}
    published_mail = mails_to(stack.smtp_http, author, "published")[0]
    story_link = re.search(r"https?://\S+/api/v1/experiences/\S+", published_mail["text"])
    assert story_link and httpx.get(story_link.group(), timeout=5).status_code == 200

    assigned = [
        m for m in mails_to(stack.smtp_http, ANTS_MAILBOX, "assigned") if experience_id in m["text"]
    ]
    assert len(assigned) == 1 and "Réponse attendue avant le" in assigned[0]["text"]
    states = {d["template"]: d["status"] for d in deliveries(platform, experience_id)}
    assert states == {
        t: "sent" for t in ("received", "approval", "published", "answered", "assigned")
    }
    no_log_line_holds(author)


def story_under_a_crash(
    platform: dict[str, ServiceProcess], stack: Stack, fault: str, exit_code: int, sent: list[str]
) -> tuple[str, str]:
    """Post a story while notifications runs with the fault point `fault` armed; wait until it
    exits with `exit_code`, check that its author got exactly `sent` by then, and restart the
    normal service. Returns (author, experience id)."""
    normal = platform["notifications"]
    quiet(platform)  # an email left from an earlier test must not be the one the fault stops
    normal.stop()
    crashing = ServiceProcess(
        "notifications", normal.port, normal.env, normal.log_dir, faults={fault: exit_code}
    )
    crashing.start()
    try:
        crashing.wait_ready()
        body = story()
        r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
        assert r.status_code == 202, r.text
        assert eventually(lambda: crashing.proc and crashing.proc.poll() is not None, timeout=60)
        assert crashing.proc is not None and crashing.proc.returncode == exit_code
        assert templates(stack, body["author"]["email"]) == sent
    finally:
        crashing.kill()
        normal.start()
        normal.wait_ready()
    return body["author"]["email"], r.json()["id"]


@pytest.mark.parametrize("decision", ["mark_sent", "resend"])
def test_a_kill_between_sending_and_recording_sends_nothing_twice(
    platform: dict[str, ServiceProcess], stack: Stack, decision: str
) -> None:
    normal = platform["notifications"]
    # It sends the first email, then dies before recording it.
    author, experience_id = story_under_a_crash(
        platform, stack, "notifications.after_send", 17, sent=["received"]
    )
    eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=60)
    # Past the sender's lease (6 s in tests), the interrupted delivery is settled as uncertain;
    # the network's email goes on its own.
    expected = {"received": "uncertain", "published": "sent", "assigned": "sent"}
    eventually(
        lambda: (
            {d["template"]: d["status"] for d in deliveries(platform, experience_id)} == expected
        ),
        timeout=30,
    )
    assert templates(stack, author) == ["received", "published"]
    states = {d["template"]: d["status"] for d in deliveries(platform, experience_id)}
    assert states == {"received": "uncertain", "published": "sent", "assigned": "sent"}
    # A person checks and settles it: it did arrive (`mark_sent`), or they send it again anyway
    # (`resend`: the lock's `uncertain` generation must not stop that).
    [uncertain] = [d for d in deliveries(platform, experience_id) if d["status"] == "uncertain"]
    settled = httpx.post(
        f"{normal.url}/api/v1/deliveries/{uncertain['id']}/resolve",
        headers=ADMIN,
        json={"action": decision},
        timeout=5,
    )
    assert settled.status_code == 200, settled.text
    if decision == "mark_sent":
        assert settled.json()["status"] == "sent"
        assert templates(stack, author) == ["received", "published"]
    else:
        assert settled.json()["status"] == "pending"
        eventually(lambda: len(mails_to(stack.smtp_http, author, "received")) == 2, timeout=30)
        states = {d["template"]: d["status"] for d in deliveries(platform, experience_id)}
        assert states["received"] == "sent"
        quiet(platform)  # nothing left to do: what did not happen will not
        assert templates(stack, author) == ["received", "published", "received"]
    again = httpx.post(
        f"{normal.url}/api/v1/deliveries/{uncertain['id']}/resolve",
        headers=ADMIN,
        json={"action": "resend"},
        timeout=5,
    )
    assert again.status_code == 409  # settled: nothing more to decide


def test_a_kill_after_the_lock_and_before_the_message_sends_it_once(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """Stopped after taking a delivery's send lock but before the message itself: nothing left,
    so once the lease is over the email is sent (once), not left `uncertain`."""
    author, experience_id = story_under_a_crash(
        platform, stack, "notifications.before_data", 18, sent=[]
    )
    eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=60)
    quiet(platform)  # nothing left to do: what did not happen will not
    assert templates(stack, author) == ["received", "published"]
    states = {d["template"]: d["status"] for d in deliveries(platform, experience_id)}
    assert states == {"received": "sent", "published": "sent", "assigned": "sent"}


def test_an_smtp_server_down_delays_mail_and_loses_none(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    if stack.stack_env is None:
        pytest.skip("the servers are not managed by the tests: cannot stop the SMTP server")
    bodies = [story() for _ in range(3)]
    stack.stack("stop", "smtp")
    try:
        ids = [
            httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=b, timeout=10).json()[
                "id"
            ]
            for b in bodies
        ]
        for experience_id in ids:
            eventually(lambda e=experience_id: published(platform["intake"].url, e), timeout=60)

        def failed_twice() -> list[dict[str, Any]] | None:
            """The deliveries, once each author's first email has failed twice (no fixed wait:
            the server stays down until then)."""
            waiting = [d for e in ids for d in deliveries(platform, e)]
            # (The network's « assigned » email is routed later, on its own schedule: its
            # attempts depend on when routing ran, so only the author's first email counts.)
            first_in_line = [
                d for d in waiting if d["template"] != "published" and d["audience"] == "author"
            ]
            done = first_in_line and all(
                d["attempts"] >= 2 and d["last_error"] for d in first_in_line
            )
            return waiting if done else None

        waiting = eventually(failed_twice, timeout=90)
        assert all(d["status"] == "pending" for d in waiting), waiting
        # An author's later email waits behind the earlier one (« publié » after « reçu »).
        assert all(d["attempts"] == 0 for d in waiting if d["template"] == "published"), waiting
    finally:
        stack.stack("start", "smtp")
    for body in bodies:
        author = body["author"]["email"]
        eventually(lambda a=author: len(templates(stack, a)) == 2, timeout=60)
    quiet(platform)  # nothing left to do: what did not happen will not
    for body in bodies:
        assert templates(stack, body["author"]["email"]) == ["received", "published"]


def test_a_tombstone_erases_the_address_and_nothing_more_is_sent(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    body = story()
    author = body["author"]["email"]
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    experience_id = r.json()["id"]
    eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=60)
    produce_tombstone(stack.kafka, "spplus.author.contact.v1", experience_id)
    quiet(platform)  # nothing left to do: what did not happen will not
    answer_and_publish(platform["responses"].url, experience_id)
    answered = eventually(
        lambda: [d for d in deliveries(platform, experience_id) if d["template"] == "answered"],
        timeout=60,
    )
    assert [d["status"] for d in answered] == ["cancelled"]
    quiet(platform)  # nothing left to do: what did not happen will not
    assert templates(stack, author) == ["received", "published"]


def test_the_back_office_is_for_admins_only(platform: dict[str, ServiceProcess]) -> None:
    url = f"{platform['notifications'].url}/api/v1/deliveries"
    assert httpx.get(url, timeout=5).status_code == 401
    assert httpx.get(url, headers=PUBLISHER, timeout=5).status_code == 403
    assert httpx.get(url, headers=ADMIN, timeout=5).status_code == 200
    bad = httpx.post(
        f"{platform['notifications'].url}/api/v1/suppressions",
        headers=ADMIN,
        json={"email": "pas-une-adresse"},
        timeout=5,
    )
    assert bad.status_code == 422


def test_events_delivered_again_send_nothing_more(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """Notifications keeps no inbox of handled events: each delivery is keyed by its event, so a
    redelivery (a consumer that stopped before committing its offset) changes nothing."""
    body = story()
    author = body["author"]["email"]
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    experience_id = r.json()["id"]
    eventually(lambda: published(platform["intake"].url, experience_id), timeout=60)
    eventually(lambda: mails_to(stack.smtp_http, author, "published"), timeout=60)

    def of_story(e: dict[str, Any]) -> bool:
        return e["payload"]["experience_id"] == experience_id

    contact = topic_events(stack.kafka, AuthorContactRecorded.TOPIC, of_story)
    done = topic_events(stack.kafka, ExperiencePublished.TOPIC, of_story)
    assert len(contact) == len(done) == 1
    again = [
        AuthorContactRecorded.model_validate(contact[0]),
        ExperiencePublished.model_validate(done[0]),
    ]
    notifications = platform["notifications"]
    before = {h: handled(notifications, h) for h in ("on_contact", "on_published")}
    produce(stack.kafka, *again, *again)
    eventually(  # every copy was handled
        lambda: all(handled(notifications, h) >= n + 2 for h, n in before.items()), timeout=30
    )
    quiet(platform)  # nothing left to do: what did not happen will not
    assert [m["headers"]["X-Spplus-Template"] for m in mails_to(stack.smtp_http, author)] == [
        "received",
        "published",
    ]


def test_a_refused_advertisement_sends_no_link_of_its_sender(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """The review's phishing: a story refused as SPAM, its title a URL, and the government's
    sender mailed it to whatever address was typed. Now no email carries the sender's text."""
    body = story(
        title="Remboursement CAF sur https://caf-remboursement.example/login",
        description=(
            "Profitez de notre offre : nos experts s'occupent de tout votre dossier CAF, "
            "rendez-vous garanti en 7 jours, seulement 49 euros. Contactez-nous sur "
            "www.aide-dossiers-express.example ou sur WhatsApp, cliquez sur le lien, "
            "code promo CAF10 pour 10 % de réduction. Satisfait ou remboursé, likez et "
            "partagez notre page, inscrivez-vous à notre offre spéciale dès aujourd'hui !"
        ),
    )
    author = body["author"]["email"]
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    assert r.status_code == 202, r.text
    refusal = eventually(lambda: mails_to(stack.smtp_http, author, "rejected"), timeout=60)[0]
    receipt = mails_to(stack.smtp_http, author, "received")[0]
    for mail in (refusal, receipt):
        for part in (mail["text"], mail["html"]):
            assert "caf-remboursement.example" not in part
            assert "aide-dossiers-express" not in part
    assert "Remboursement CAF" not in refusal["text"]  # an advertisement is not quoted at all
    # and the client's address is on no topic, not even hashed
    contacts = topic_events(
        stack.kafka,
        AuthorContactRecorded.TOPIC,
        lambda e: e["payload"]["experience_id"] == r.json()["id"],
    )
    assert contacts and all(e["payload"].get("ip_hash") is None for e in contacts)
