"""The public API of intake (no login): the frontend's contract."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.status_codes import HTTP_202_ACCEPTED
from pydantic import BaseModel

from spplus.contracts.api import (
    ExperiencePage,
    Organisation,
    PublicExperience,
    SubmissionAccepted,
    SubmitExperienceRequest,
)
from spplus.contracts.reference import ORGANISATIONS, find_organisation
from spplus.runtime.errors import ApiProblem

from . import domain
from .handlers import IntakeDeps, author_decide, author_view, submit_experience


def _public(doc: dict[str, Any]) -> PublicExperience:
    return PublicExperience.model_validate(
        {**doc, "id": doc["_id"], "network": (doc.get("networks") or [None])[0]}
    )


class AuthorDecisionIn(BaseModel):
    action: Literal["approve", "reject", "block", "withdraw"]


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
        return _public(doc)

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
            items=[_public(d) for d in docs], page=page, page_size=size, total=total
        )

    @get(
        "/organisations",
        summary="The organisations and channels the form offers",
        sync_to_thread=False,
    )
    def organisations(self) -> list[Organisation]:
        return list(ORGANISATIONS)
