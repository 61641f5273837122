"""Export JSON Schema for every event and an AsyncAPI document: `python -m spplus.contracts.schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .events import ALL_EVENTS

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "schemas"


def event_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema of each event (envelope included)."""
    out: dict[str, dict[str, Any]] = {}
    for event in ALL_EVENTS:
        schema = event.model_json_schema(mode="serialization")
        schema["title"] = event.__name__
        schema["x-topic"] = event.TOPIC
        out[f"{event.model_fields['event_type'].default}.v1.json"] = schema
    return out


def asyncapi() -> dict[str, Any]:
    """An AsyncAPI 3.0 document naming every channel and the message it carries."""
    channels: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for event in ALL_EVENTS:
        name = event.__name__
        doc = (event.__doc__ or "").strip().splitlines()
        messages[name] = {
            "name": name,
            "contentType": "application/json",
            "payload": {"$ref": f"./{event.model_fields['event_type'].default}.v1.json"},
            **({"summary": doc[0]} if doc and not doc[0].startswith("Usage docs") else {}),
        }
        channels[name] = {
            "address": event.TOPIC,
            "messages": {name: {"$ref": f"#/components/messages/{name}"}},
        }
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Services Publics + events", "version": "1"},
        "defaultContentType": "application/json",
        "channels": channels,
        "components": {"messages": messages},
    }


def rendered() -> dict[str, str]:
    files = {name: schema for name, schema in event_schemas().items()}
    files["asyncapi.json"] = asyncapi()
    return {
        name: json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        for name, doc in files.items()
    }


def stale(directory: Path = DEFAULT_DIR) -> list[str]:
    """Names of exported files that are missing, different, or no longer produced."""
    want = rendered()
    have = {p.name for p in directory.glob("*.json")} if directory.exists() else set()
    wrong = [
        n
        for n, text in want.items()
        if not (directory / n).exists() or (directory / n).read_text("utf-8") != text
    ]
    return sorted(wrong + [n for n in have - want.keys()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--check", action="store_true", help="fail if the export is stale")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale(args.dir)
        if bad:
            print("stale schema export: " + ", ".join(bad), file=sys.stderr)
            return 1
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    for old in args.dir.glob("*.json"):
        old.unlink()
    for name, text in rendered().items():
        (args.dir / name).write_text(text, "utf-8")
    print(f"wrote {len(rendered())} files to {args.dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
