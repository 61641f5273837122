"""The public API of intake (no login): the frontend's contract."""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get, post
from litestar.datastructures import Cookie, UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, Parameter
from litestar.status_codes import HTTP_202_ACCEPTED
from pydantic import BaseModel

from spplus.contracts.api import (
    Acknowledged,
    ExperiencePage,
    Organisation,
    PanelSignupRequest,
    PublicExperience,
    SubmissionAccepted,
    SubmitExperienceRequest,
    VoteCounted,
    VoteIn,
)
from spplus.contracts.reference import ORGANISATIONS, find_organisation
from spplus.runtime.errors import ApiProblem

from . import domain
from .authors import author_decide, author_forget, author_view
from .contributions import cast_vote, join_panel, receive_document, unsubscribe
from .deps import IntakeDeps
from .submitting import submit_experience


async def _public(doc: dict[str, Any], deps: IntakeDeps) -> PublicExperience:
    """Only the public fields leave intake (the model drops everything else)."""
    similar, _ = await deps.store.vote_counts(doc["_id"])
    responses = []
    for r in doc.get("responses", []):
        useful, not_useful = await deps.store.vote_counts(r["id"])
        responses.append({**r, "useful_count": useful, "not_useful_count": not_useful})
    return PublicExperience.model_validate(
        {
            **doc,
            "id": doc["_id"],
            "network": (doc.get("networks") or [None])[0],
            "responses": responses,
            "similar_count": similar,
        }
    )


def _voter(request: Request[Any, Any, Any], deps: IntakeDeps) -> tuple[str, bool]:
    """The vote cookie's id, and whether it must be set (a first vote from this browser)."""
    cookie = request.cookies.get(deps.settings.voter_cookie, "")
    try:
        return str(uuid.UUID(cookie)), False
    except ValueError:
        return str(uuid.uuid4()), True


def _with_cookie(body: VoteCounted, voter: str, new: bool, deps: IntakeDeps) -> Response[Any]:
    cookies = (
        [
            Cookie(
                key=deps.settings.voter_cookie,
                value=voter,
                max_age=365 * 86400,
                httponly=True,
                samesite="lax",
                path="/",
            )
        ]
        if new
        else []
    )
    return Response(body.model_dump(exclude_none=True), status_code=200, cookies=cookies)


class VoteController(Controller):
    path = "/api/v1"
    tags = ["votes"]

    @post(
        "/experiences/{experience_id:uuid}/similar",
        status_code=200,
        summary="I lived a similar experience (one vote per voter)",
    )
    async def similar(
        self, experience_id: uuid.UUID, request: Request[Any, Any, Any], deps: IntakeDeps
    ) -> Response[VoteCounted]:
        voter, new = _voter(request, deps)
        result = await cast_vote(
            experience_id,
            None,
            None,
            voter=voter,
            client_address=request.client.host if request.client else None,
            deps=deps,
        )
        return _with_cookie(VoteCounted(**result), voter, new, deps)

    @post(
        "/responses/{response_id:uuid}/votes",
        status_code=200,
        summary="This answer was useful, or not (one vote per voter)",
    )
    async def useful(
        self,
        response_id: uuid.UUID,
        data: VoteIn,
        request: Request[Any, Any, Any],
        deps: IntakeDeps,
    ) -> Response[VoteCounted]:
        story = await deps.store.public.find_one(
            {"responses.id": str(response_id), "status": "published"}
        )
        if story is None:
            raise ApiProblem(
                404, "response_not_found", "Aucune réponse publiée sous cet identifiant."
            )
        voter, new = _voter(request, deps)
        result = await cast_vote(
            uuid.UUID(story["_id"]),
            response_id,
            data.useful,
            voter=voter,
            client_address=request.client.host if request.client else None,
            deps=deps,
        )
        return _with_cookie(VoteCounted(**result), voter, new, deps)


@dataclass
class DocumentForm:
    """A document judged too complicated: a file (PDF, PNG, JPEG, 5 MB at most) or a URL."""

    comment: str
    file: UploadFile | None = None
    url: str | None = None
    email: str | None = None


class ContributionController(Controller):
    path = "/api/v1"
    tags = ["documents and panel"]

    @post("/documents", status_code=202, summary="Send a complicated document to simplify")
    async def document(
        self,
        data: Annotated[DocumentForm, Body(media_type=RequestEncodingType.MULTI_PART)],
        deps: IntakeDeps,
        request: Request[Any, Any, Any],
    ) -> Acknowledged:
        content = await data.file.read() if data.file is not None else None
        document_id = await receive_document(
            content=content,
            filename=data.file.filename if data.file else None,
            url=data.url or None,
            comment=data.comment,
            email=data.email or None,
            deps=deps,
            client_address=request.client.host if request.client else None,
        )
        return Acknowledged(id=document_id, status="received")

    @post("/panel", status_code=202, summary="Join the panel of users who test simplifications")
    async def panel(self, data: PanelSignupRequest, deps: IntakeDeps) -> Acknowledged:
        return Acknowledged(id=await join_panel(data, deps=deps), status="registered")

    @post(
        "/unsubscribe/{token:str}",
        status_code=200,
        summary="Forget my email (link from the acknowledgement emails)",
    )
    async def unsubscribe(self, token: str, deps: IntakeDeps) -> dict[str, str]:
        return {"status": await unsubscribe(token, deps=deps)}


class AuthorDecisionIn(BaseModel):
    action: Literal["approve", "reject", "block", "withdraw"]


class ForgetIn(BaseModel):
    keep_published: bool = False


@dataclass
class ForgetForm:
    keep_published: str | None = None


_FORGET_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{title}</h1>{body}</main></body></html>"""


def _page(title: str, body: str, status: int = 200) -> Response[str]:
    return Response(
        _FORGET_PAGE.format(title=html.escape(title), body=body),
        media_type="text/html; charset=utf-8",
        status_code=status,
    )


class AuthorController(Controller):
    """The author's own page, reached through the signed link of their emails."""

    path = "/api/v1/authors"
    tags = ["authors"]

    @get("/{token:str}", summary="What moderation did to my story, and what I can do")
    async def view(self, token: str, deps: IntakeDeps) -> dict[str, Any]:
        return await author_view(token, deps=deps)

    @post("/{token:str}/decision", status_code=202, summary="Approve, reject, block, withdraw")
    async def decide(self, token: str, data: AuthorDecisionIn, deps: IntakeDeps) -> dict[str, Any]:
        return await author_decide(token, data.action, deps=deps)

    @get(
        "/{token:str}/forget",
        summary="The page an email's « delete it » link opens: what will be deleted, and a button",
        include_in_schema=False,
    )
    async def forget_page(self, token: str, deps: IntakeDeps) -> Response[str]:
        """Opening the link deletes nothing (mail scanners open links): the button does."""
        view = await author_view(token, deps=deps)
        if view["status"] == "erased":
            return _page("C'est fait", "<p>Ce récit et votre adresse ont été supprimés.</p>")
        action = html.escape(f"/api/v1/authors/{token}/forget/confirm")
        return _page(
            "Supprimer ce récit et mon adresse",
            "<p>Si vous n'avez pas envoyé ce récit, ou si vous ne voulez plus qu'il existe, "
            "ce bouton supprime votre adresse électronique, votre code postal et le texte du "
            "récit de tous nos services, et retire le récit s'il est publié. C'est "
            "définitif.</p>"
            f'<form method="post" action="{action}">'
            '<p><label><input type="checkbox" name="keep_published" value="on"> '
            "Garder le récit publié (sans mon adresse ni mon texte d'origine)</label></p>"
            '<p><button type="submit">Supprimer</button></p></form>',
        )

    @post(
        "/{token:str}/forget/confirm",
        status_code=200,
        summary="The button of the « delete it » page (a form)",
        include_in_schema=False,
    )
    async def forget_confirmed(
        self,
        token: str,
        deps: IntakeDeps,
        data: Annotated[ForgetForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
    ) -> Response[str]:
        await author_forget(token, keep_published=data.keep_published == "on", deps=deps)
        return _page("C'est fait", "<p>Ce récit et votre adresse ont été supprimés.</p>")

    @post(
        "/{token:str}/forget",
        status_code=202,
        summary="Forget me: delete my email, postal code and text everywhere",
    )
    async def forget(
        self, token: str, deps: IntakeDeps, data: ForgetIn | None = None
    ) -> dict[str, Any]:
        """Every service deletes the author's personal data and raw text about this story; the
        published redacted story goes too (it is withdrawn) unless `keep_published`. Once done,
        the link leads to a page that says so, and nothing more is sent to the address."""
        return await author_forget(
            token, keep_published=bool(data and data.keep_published), deps=deps
        )


class ExperienceController(Controller):
    path = "/api/v1"
    tags = ["experiences"]

    @post("/experiences", status_code=HTTP_202_ACCEPTED, summary="Submit a story")
    async def submit(
        self,
        data: SubmitExperienceRequest,
        request: Request[Any, Any, Any],
        deps: IntakeDeps,
        idempotency_key: Annotated[
            str | None, Parameter(header="Idempotency-Key", max_length=200)
        ] = None,
    ) -> SubmissionAccepted:
        """Accept a story for moderation. A retry with the same `Idempotency-Key` is harmless."""
        client = request.client.host if request.client else None
        accepted = await submit_experience(
            data, idempotency_key=idempotency_key, client_address=client, deps=deps
        )
        return SubmissionAccepted(id=accepted.experience_id, status=accepted.status)

    @get("/experiences/{experience_id:uuid}", summary="A published story with its responses")
    async def read(self, experience_id: uuid.UUID, deps: IntakeDeps) -> PublicExperience:
        doc = await deps.store.get_public(experience_id)
        if doc is None:
            raise ApiProblem(
                404, "experience_not_found", "Aucun récit publié sous cet identifiant."
            )
        return await _public(doc, deps)

    @get("/experiences", summary="Search published stories")
    async def search(
        self,
        deps: IntakeDeps,
        q: Annotated[str | None, Parameter(max_length=200)] = None,
        organisation: str | None = None,
        network: str | None = None,
        feeling: str | None = None,
        department: str | None = None,
        page: Annotated[int, Parameter(ge=1, le=10_000)] = 1,
    ) -> ExperiencePage:
        query: dict[str, Any] = {}
        if q and (words := domain.tokens(q)):
            query["tokens"] = {"$all": words}
        if organisation:
            org = find_organisation(organisation)
            query["organisations"] = org.code if org else organisation
        if network:
            query["networks"] = network.upper()
        if feeling:
            query["feeling"] = feeling
        if department:
            query["department"] = department.upper()
        size = deps.settings.page_size
        docs, total = await deps.store.search(query, (page - 1) * size, size)
        return ExperiencePage(
            items=[await _public(d, deps) for d in docs], page=page, page_size=size, total=total
        )

    @get(
        "/organisations",
        summary="The organisations and channels the form offers",
        sync_to_thread=False,
    )
    def organisations(self) -> list[Organisation]:
        return list(ORGANISATIONS)
