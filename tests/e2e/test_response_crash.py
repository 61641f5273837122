"""Responses killed at the worst moment: right after an answer is stored as published, before
anything is sent (a fault point only this test arms, `runtime/faults.py`)."""

from __future__ import annotations

import httpx
import pytest

from spplus.runtime.testing import ServiceProcess, Stack
from tests.e2e.helpers import eventually, mails_to, published, quiet, story
from tests.e2e.test_responses import answer, bearer

pytestmark = pytest.mark.e2e


def test_killed_right_after_publishing_an_answer_loses_nothing(
    platform: dict[str, ServiceProcess], stack: Stack
) -> None:
    """Responses dies the instant an answer is stored as published, before anything is sent:
    once it is back, the answer is in the public read once and the author told once."""
    normal = platform["responses"]
    publisher = bearer("Sofia", ["agent"], "ANTS", publisher=True)
    body = story()
    author = body["author"]["email"]
    r = httpx.post(f"{platform['intake'].url}/api/v1/experiences", json=body, timeout=10)
    experience_id = r.json()["id"]
    starting = f"{normal.url}/api/v1/experiences/{experience_id}/starting-draft"
    eventually(lambda: httpx.get(starting, headers=publisher, timeout=5).status_code == 200, 60)
    draft = httpx.post(
        f"{normal.url}/api/v1/experiences/{experience_id}/drafts",
        headers=publisher,
        json={"body": answer("Sofia")},
        timeout=5,
    )
    assert draft.status_code == 201, draft.text
    normal.stop()
    crashing = ServiceProcess(
        "responses",
        normal.port,
        normal.env,
        normal.log_dir,
        faults={"responses.after_publish": 19},
    )
    crashing.start()
    try:
        crashing.wait_ready()
        with pytest.raises(httpx.HTTPError):  # the process is gone before it answers
            httpx.post(
                f"{normal.url}/api/v1/drafts/{draft.json()['id']}/publish",
                headers=publisher,
                timeout=10,
            )
        assert crashing.proc is not None and crashing.proc.wait(timeout=30) == 19
    finally:
        crashing.kill()
        normal.start()
        normal.wait_ready()
    shown = eventually(
        lambda: (p := published(platform["intake"].url, experience_id)) and p["responses"] and p,
        timeout=60,
    )
    assert [r["body"] for r in shown["responses"]] == [answer("Sofia")]
    eventually(lambda: mails_to(stack.smtp_http, author, "answered"), timeout=60)
    # a retry of the same request finds the answer published and publishes nothing new
    again = httpx.post(
        f"{normal.url}/api/v1/drafts/{draft.json()['id']}/publish", headers=publisher, timeout=10
    )
    assert again.status_code == 200 and again.json()["status"] == "published"
    quiet(platform)  # nothing left to do: a second answer or email would be out
    assert len(published(platform["intake"].url, experience_id)["responses"]) == 1  # type: ignore[index]
    assert len(mails_to(stack.smtp_http, author, "answered")) == 1
