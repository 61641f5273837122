"""What people do on the platform while `make chaos` kills it: moderators decide the stories held
for them, each network's agents answer some published stories, a moderator withdraws a few, and
after the load some authors withdraw theirs through the link of their email.

Every action is retried on the next round when a kill swallowed it (a lost connection, a 5xx),
as a person clicks again; the platform must make the second click harmless. What each actor did
is kept, so that the run can check its outcome: the decision holds, each answer is in the public
read once and its author told once, each withdrawn story has left the public read.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx

from spplus.contracts.reference import ORGANISATIONS
from spplus.responses.domain import organisation
from spplus.runtime.auth import TokenVerifier
from spplus.runtime.settings import AuthSettings

#: One story in this many is answered by its network; one in `WITHDRAWN_EVERY` withdrawn by a
#: moderator during the load, and as many by their author after it (disjoint shares).
ANSWERED_EVERY = 5
WITHDRAWN_EVERY = 25

#: The final state each decision leads to (a moderator's or an author's).
OUTCOME = {
    "approve": "published",
    "reject": "rejected",
    "decline": "not_published",
    "block": "not_published",
}


def _share(experience_id: str, every: int) -> int:
    return zlib.crc32(experience_id.encode()) % every


def _bearer(**claims: Any) -> dict[str, str]:
    return {"Authorization": "Bearer " + TokenVerifier(AuthSettings()).issue(**claims)}


class Actors:
    def __init__(self, urls: dict[str, str], note: Callable[[str], None]) -> None:
        self.urls = urls
        self.note = note
        self.decided: dict[str, str] = {}  # experience id → "approve" | "reject"
        self.drafts: dict[str, str] = {}  # experience id → its draft's id
        self.answered: dict[str, str] = {}  # experience id → the answer's text, published
        self.withdrawn_by_moderator: set[str] = set()
        self.withdrawn_by_author: set[str] = set()
        self.author_decided: dict[str, str] = {}  # experience id → approve, decline, block
        self.retried: Counter[str] = Counter()  # action → clicks a kill made us repeat
        self._moderator = _bearer(subject="moderator@chaos", name="Inès", roles=["moderator"])
        self._agents = {
            network: _bearer(
                subject=f"agent@{network}",
                name="Lina",
                roles=["agent"],
                network=network,
                publisher=True,
            )
            for network in sorted({o.network for o in ORGANISATIONS})
        }
        self._http = httpx.Client(timeout=15)

    def run(self, stop: threading.Event, every: float = 2.0, inbox_every: int = 8) -> None:
        """Act in rounds until `stop` is set, then once more. Moderators look at their queue
        every round; agents at their inbox every `inbox_every` rounds (an inbox holds every
        story not answered yet: reading it as often as the queue would load the platform more
        than the stories do)."""
        rounds = 0
        while True:
            last = stop.is_set()
            self.round(agents=last or rounds % inbox_every == 0)
            if last:
                return
            rounds += 1
            stop.wait(every)

    def round(self, agents: bool = True) -> None:
        self._moderate()
        if agents:
            for network in self._agents:
                self._answer(network)

    def _call(self, action: str, method: str, url: str, **kw: Any) -> httpx.Response | None:
        try:
            r = self._http.request(method, url, **kw)
        except httpx.HTTPError:
            self.retried[action] += 1
            return None
        if r.status_code >= 500:
            self.retried[action] += 1
            return None
        return r

    def _moderate(self) -> None:
        moderation = self.urls["moderation"]
        r = self._call("queue", "GET", f"{moderation}/api/v1/queue", headers=self._moderator)
        if r is None or r.status_code != 200:
            return
        for case in r.json():
            eid = case["experience_id"]
            action = self.decided.setdefault(eid, "reject" if _share(eid, 4) == 0 else "approve")
            body: dict[str, Any] = {"action": action}
            if action == "reject":
                body["reasons"] = ["INCOMPLETE"]
            self._call(
                "decision",
                "POST",
                f"{moderation}/api/v1/cases/{eid}/decision",
                json=body,
                headers=self._moderator,
            )

    def _answer(self, network: str) -> None:
        responses, moderation = self.urls["responses"], self.urls["moderation"]
        agent = self._agents[network]
        r = self._call("inbox", "GET", f"{responses}/api/v1/inbox", headers=agent)
        if r is None or r.status_code != 200:
            return
        for item in r.json():
            eid = item["experience_id"]
            if eid in self.decided:
                continue  # a moderator's decision is checked as it stands
            if _share(eid, WITHDRAWN_EVERY) == 1 and eid not in self.answered:
                w = self._call(
                    "withdrawal",
                    "POST",
                    f"{moderation}/api/v1/experiences/{eid}/withdraw",
                    json={"reason": "Retirée par la modération pendant l'essai."},
                    headers=self._moderator,
                )
                if w is not None and w.status_code == 200:
                    self.withdrawn_by_moderator.add(eid)
                continue
            if _share(eid, ANSWERED_EVERY) != 0 or eid in self.answered:
                continue
            pseudonym = (item.get("story") or {}).get("pseudonym")
            text = (f"Bonjour {pseudonym},\n\n" if pseudonym else "Bonjour,\n\n") + (
                "Merci pour votre retour sur votre démarche.\n\n"
                "Nous le transmettons à l'équipe d'accueil concernée.\n\n"
                f"Cordialement,\nLina, pour {organisation(network)}"
            )
            draft = self.drafts.get(eid) or self._start(eid, text, agent)
            if draft is None:
                continue
            p = self._call(
                "publish", "POST", f"{responses}/api/v1/drafts/{draft}/publish", headers=agent
            )
            if p is not None and p.status_code == 200:
                self.answered[eid] = p.json().get("body", text)
            elif p is not None:
                self.note(f"publishing an answer to {eid}: {p.status_code} {p.text[:200]}")

    def _start(self, eid: str, text: str, agent: dict[str, str]) -> str | None:
        """The draft of the answer: started now, or found if a kill swallowed the reply."""
        responses = self.urls["responses"]
        r = self._call(
            "draft",
            "POST",
            f"{responses}/api/v1/experiences/{eid}/drafts",
            json={"body": text},
            headers=agent,
        )
        if r is not None and r.status_code == 201:
            self.drafts[eid] = r.json()["id"]
            return self.drafts[eid]
        mine = self._call("drafts", "GET", f"{responses}/api/v1/drafts", headers=agent)
        if mine is not None and mine.status_code == 200:
            for d in mine.json():  # newest first
                if d["experience_id"] == eid:
                    self.drafts[eid] = d["id"]
                    return self.drafts[eid]
        if r is not None and r.status_code not in (409,):
            self.note(f"starting an answer to {eid}: {r.status_code} {r.text[:200]}")
        return None

    def _author_link(
        self,
        eid: str,
        address: str,
        smtp_http: str,
        template: str = "received",
        quiet: bool = False,
    ) -> str | None:
        """The author's link from their email of `template`: the follow-up link of « received »
        may only withdraw; the link of « approval » answers the proposal."""
        r = self._call("mailbox", "GET", f"{smtp_http}/api/messages", params={"to": address})
        if r is None:
            return None
        data = r.json()
        for m in data["messages"] if isinstance(data, dict) else data:
            if m["headers"].get("X-Spplus-Template") != template:
                continue
            if found := re.search(r"https?://\S+/api/v1/authors/[^\s?]+", m.get("text", "")):
                return found.group()
        if not quiet:
            self.note(f"no author link in the « {template} » email of {eid}")
        return None

    def _author_says(self, link: str, action: str) -> bool:
        for _ in range(3):
            r = self._call(f"author {action}", "POST", f"{link}/decision", json={"action": action})
            if r is not None and r.status_code in (200, 202):
                return True
            if r is not None:
                self.note(f"author {action}: {r.status_code} {r.text[:200]}")
                return False
        return False

    def authors_decide(self, waiting: set[str], authors: dict[str, str], smtp_http: str) -> None:
        """The authors of the stories still in their window answer through their link: a
        proposal to approve is approved, or declined by one in four; of the stories to be
        published after a notice, one in four is blocked and the rest left to the window."""
        for eid in sorted(waiting & set(authors)):
            declines = _share(eid, 4) == 0
            link = self._author_link(eid, authors[eid], smtp_http, "approval", quiet=True)
            if link:
                action, said = ("reject", "decline") if declines else ("approve", "approve")
            elif declines and (link := self._author_link(eid, authors[eid], smtp_http, "notice")):
                action, said = "block", "block"
            else:
                continue
            if self._author_says(link, action):
                self.author_decided[eid] = said

    def authors_withdraw(
        self, published: set[str], authors: dict[str, str], smtp_http: str
    ) -> None:
        """After the load: the authors of a share of the published stories withdraw them through
        the link of their first email (`authors`: experience id → email address)."""
        for eid in sorted(published):
            if (
                _share(eid, WITHDRAWN_EVERY) != 2
                or eid in self.answered
                or eid in self.decided
                or eid in self.author_decided
                or eid not in authors
            ):
                continue
            link = self._author_link(eid, authors[eid], smtp_http)
            if link and self._author_says(link, "withdraw"):
                self.withdrawn_by_author.add(eid)
