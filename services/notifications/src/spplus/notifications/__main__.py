"""Entry point: `python -m spplus.notifications` (the service) or `spplus-notifications`:

spplus-notifications                 run the service
spplus-notifications preview [--out DIR] [--template NAME]
                                     render every template with sample data (text to stdout,
                                     or .txt and .html files in DIR, one per sample)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spplus.runtime.service import run

from .templates import Templates, samples


def preview(out: Path | None, only: str | None) -> int:
    templates = Templates()
    count = 0
    for name, contexts in samples().items():
        if only and name != only:
            continue
        for i, context in enumerate(contexts, start=1):
            email = templates.render(name, **context)
            count += 1
            if out is None:
                print(f"===== {name} #{i} — {email.subject}\n{email.text}")
                continue
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{name}-{i}.txt").write_text(f"Objet : {email.subject}\n\n{email.text}")
            (out / f"{name}-{i}.html").write_text(email.html)
    if only and count == 0:
        print(f"unknown template {only!r}; known: {', '.join(templates.names)}", file=sys.stderr)
        return 2
    print(f"{count} emails rendered" + (f" in {out}" if out else ""), file=sys.stderr)
    return 0


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "preview":
        parser = argparse.ArgumentParser(prog="spplus-notifications preview")
        parser.add_argument("--out", type=Path, help="write .txt and .html files here")
        parser.add_argument("--template", help="only this template")
        args = parser.parse_args(sys.argv[2:])
        raise SystemExit(preview(args.out, args.template))
    from .app import create_app

    run(create_app)


if __name__ == "__main__":
    main()
