"""The baseline of `make bench`: a bare Litestar endpoint, served like intake (uvicorn, one
process), that accepts a JSON body and answers 202, with no validation and no storage."""

from __future__ import annotations

import sys
import uuid
from typing import Any

import uvicorn
from litestar import Litestar, post


@post("/api/v1/experiences", status_code=202, sync_to_thread=False)
def submit(data: dict[str, Any]) -> dict[str, str]:
    return {"id": str(uuid.uuid4()), "status": "received"}


if __name__ == "__main__":
    uvicorn.run(
        Litestar([submit]),
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        access_log=False,
    )
