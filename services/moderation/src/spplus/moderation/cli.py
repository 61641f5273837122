"""`spplus-moderation analyze`: JSON Lines in (stories), JSON Lines out (decisions, redactions).

Input lines carry `id`, `title`, `description`, `experience_date`, `submitted_at`, `organisms`,
`pseudonym` (other keys, like a label's `expect`, are ignored). Stories earlier in the stream count
for duplicate detection. A line that is not a story gets `{"id": …, "error": …}` and the run goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, TextIO

from .engine import DuplicateIndex, Engine, StoryInput, Thresholds


def analyze_stream(source: TextIO, sink: TextIO, engine: Engine) -> int:
    """Analyse every line of `source`; returns the number of lines in error."""
    index = DuplicateIndex(threshold=engine.thresholds.duplicate)
    errors = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            raw: dict[str, Any] = json.loads(line)
            if not isinstance(raw, dict):
                raise ValueError("a line must be a JSON object")
            story = StoryInput.from_dict(raw)
        except (ValueError, TypeError) as exc:
            errors += 1
            sink.write(
                json.dumps({"id": None, "line": number, "error": str(exc)}, ensure_ascii=False)
                + "\n"
            )
            continue
        result = engine.analyze(story, index)
        index.add(story.id, f"{story.title}\n{story.description}")
        sink.write(json.dumps(result.as_dict(), ensure_ascii=False) + "\n")
    sink.flush()
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="spplus-moderation",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command")
    analyze = sub.add_parser("analyze", help="analyse JSON Lines stories from stdin")
    analyze.add_argument("--reject-threshold", type=float, default=Thresholds.reject)
    analyze.add_argument("--review-threshold", type=float, default=Thresholds.review)
    sub.add_parser("serve", help="run the moderation service (the default)")
    args = parser.parse_args(argv)
    if args.command == "analyze":
        engine = Engine(Thresholds(reject=args.reject_threshold, review=args.review_threshold))
        try:
            analyze_stream(sys.stdin, sys.stdout, engine)
        except BrokenPipeError:  # the reader stopped early (`| head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    from spplus.runtime.service import run

    from .app import create_app

    run(create_app)
    return 0
