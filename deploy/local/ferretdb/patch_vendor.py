"""Put the overlay into FerretDB's vendored sources (run by stack.sh, in the build's scratch copy).

- `overlay/resource.go` replaces FerretDB's object tracking (a stack trace per iterator, 13 % of
  its CPU under load) with no-ops;
- `overlay/spplus_where.go` adds `spplusIDWhere`, and the SQLite back end's `Query` and
  `Explain` call it instead of their own `_id` pushdown, which worked only when `_id` was the
  filter's one key. A conditional write on one document (`{_id: x, status: "pending"}`) or a
  lookup of several (`{_id: {$in: [...]}}`) now reads those rows by the `_id` index instead of the
  whole table.

Each edit must apply exactly once: on another FerretDB version this fails, loudly, rather than
build something else.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = Path(sys.argv[1] if len(sys.argv) > 1 else "vendor") / "github.com/FerretDB/FerretDB"
SQLITE = VENDOR / "internal/backends/sqlite"

# FerretDB's own `_id` pushdown, in Query and in Explain: `if params.Filter.Len() == 1 { … }`
# around a `switch` on the `_id` value (whitespace-insensitive).
PUSHDOWN = re.compile(
    r"if params\.Filter\.Len\(\) == 1 \{\s*"
    r"v, _ := params\.Filter\.Get\(\"_id\"\)\s*"
    r"switch v\.\(type\) \{\s*"
    r"case string, types\.ObjectID:\s*"
    r"(?P<flag>filterPushdown = true\s*)?"
    r"whereClause = fmt\.Sprintf\(` WHERE %s = \?`, metadata\.IDColumn\)\s*"
    r"args = \[\]any\{string\(must\.NotFail\(sjson\.MarshalSingleValue\(v\)\)\)\}\s*"
    r"\}\s*\}"
)


def ours(match: re.Match[str]) -> str:
    code = "whereClause, args = spplusIDWhere(params.Filter)"
    if match.group("flag"):
        code += '\n\tfilterPushdown = whereClause != ""'
    return code


def main() -> None:
    shutil.copy(HERE / "overlay/resource.go", VENDOR / "internal/util/resource/resource.go")
    shutil.copy(HERE / "overlay/spplus_where.go", SQLITE / "spplus_where.go")
    path = SQLITE / "collection.go"
    source = path.read_text()
    patched, n = PUSHDOWN.subn(ours, source)
    if n != 2:
        sys.exit(f"patch_vendor: expected FerretDB's _id pushdown twice in {path}, found {n}")
    path.write_text(patched)
    print(
        "patch_vendor: resource tracking off; _id pushdown for any filter with _id (Query, Explain)"
    )


if __name__ == "__main__":
    main()
