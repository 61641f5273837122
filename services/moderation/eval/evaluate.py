"""`make eval-moderation`: the engine measured on labelled stories, beside Presidio's French analyzer.

Prints, per file and overall: personal-data leak rate, over-redaction rate (words that had to stay),
refusals with a right reason, false refusals, the leak among the stories published without a person
looking, the share of stories sent to a person, and stories per second of the engine and of Presidio
(AnalyzerEngine with spaCy's fr_core_news_md, recognisers as shipped) on the same texts, in the
same run (median of several passes). `--verbose` lists every miss.

Blind sets (`corpus/blind-*.jsonl`) were written by people who never read the engine. A set's first
run is its blind figure: `--first-run corpus/blind-5.jsonl` measures a new set and appends the
figures to `BLIND.md` (refused if the set already has a row); after that it is a tuning set.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spplus.moderation.engine import DuplicateIndex, Engine, StoryInput

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"
SAMPLES = HERE.parents[2].parent / "shared" / "samples" / "moderation_sample.jsonl"
DEFAULT_FILES = [
    CORPUS / "stories.jsonl",
    CORPUS / "holdout.jsonl",
    *sorted(CORPUS.glob("blind-*.jsonl")),
    *([SAMPLES] if SAMPLES.exists() else []),
]
BLIND = HERE / "BLIND.md"
PUBLISHABLE = {"publish", "publish_after_notice", "await_author_approval"}
#: The issue's targets, on blind first runs: (figure, bound, "max" or "min").
TARGETS = {
    "leak": (0.02, "max"),
    "over_redaction": (0.03, "max"),
    "refused_right": (0.90, "min"),
    "falsely_refused": (0.02, "max"),
    "leak_auto": (0.005, "max"),
    "to_person": (0.15, "max"),
}


@dataclass
class Score:
    pii: int = 0
    leaked: int = 0
    keep: int = 0
    lost: int = 0
    to_refuse: int = 0
    refused_right: int = 0
    publishable: int = 0
    refused_wrongly: int = 0
    reviewed: int = 0
    stories: int = 0
    auto_pii: int = 0
    auto_leaked: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "pii",
            "leaked",
            "keep",
            "lost",
            "to_refuse",
            "refused_right",
            "publishable",
            "refused_wrongly",
            "reviewed",
            "stories",
            "auto_pii",
            "auto_leaked",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @staticmethod
    def pct(n: int, d: int) -> str:
        return f"{100 * n / d:5.1f} % ({n}/{d})" if d else "    n/a"

    def figures(self) -> dict[str, float | None]:
        def ratio(n: int, d: int) -> float | None:
            return n / d if d else None

        return {
            "leak": ratio(self.leaked, self.pii),
            "over_redaction": ratio(self.lost, self.keep),
            "refused_right": ratio(self.refused_right, self.to_refuse),
            "falsely_refused": ratio(self.refused_wrongly, self.publishable),
            "leak_auto": ratio(self.auto_leaked, self.auto_pii),
            "to_person": ratio(self.reviewed, self.stories),
        }

    def row(self, name: str) -> str:
        return (
            f"{name:<28} {self.stories:>7}  {self.pct(self.leaked, self.pii):>18}  "
            f"{self.pct(self.lost, self.keep):>18}  "
            f"{self.pct(self.refused_right, self.to_refuse):>18}  "
            f"{self.pct(self.refused_wrongly, self.publishable):>18}  "
            f"{self.pct(self.auto_leaked, self.auto_pii):>18}  "
            f"{self.pct(self.reviewed, self.stories):>18}"
        )

    def missed_targets(self) -> list[str]:
        out = []
        for name, value in self.figures().items():
            bound, kind = TARGETS[name]
            if value is not None and (value > bound if kind == "max" else value < bound):
                out.append(name)
        return out


HEADER = (
    f"{'file':<28} {'stories':>7}  {'leak rate':>18}  {'over-redaction':>18}  "
    f"{'refused right':>18}  {'falsely refused':>18}  {'leak auto-published':>18}  "
    f"{'sent to a person':>18}"
)


def _appears(item: str, published: str) -> bool:
    """Whether `item` is in the (casefolded) published text as whole words: « Tran » is not in
    « Transitions », nor « Adam » in « Madame »."""
    return re.search(rf"(?<!\w){re.escape(item.casefold())}(?!\w)", published) is not None


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score_engine(rows: list[dict[str, Any]], engine: Engine) -> tuple[Score, list[str]]:
    score = Score()
    index = DuplicateIndex(threshold=engine.thresholds.duplicate)
    texts = []
    for row in rows:
        story = StoryInput.from_dict(row)
        result = engine.analyze(story, index)
        index.add(story.id, f"{story.title}\n{story.description}")
        # Case is not content: an all-capitals story published in normal case keeps its words.
        published = f"{result.redacted_title}\n{result.redacted_description}".casefold()
        texts.append(published)
        expect = row["expect"]
        score.stories += 1
        auto = result.decision in PUBLISHABLE
        for item in expect.get("pii", []):
            score.pii += 1
            score.auto_pii += auto
            if _appears(item, published):
                score.leaked += 1
                score.auto_leaked += auto
                score.misses.append(
                    f"{row['id']} LEAK {item!r}" + ("" if auto else f" ({result.decision})")
                )
        for item in expect.get("keep", []):
            score.keep += 1
            if not _appears(item, published):
                score.lost += 1
                score.misses.append(f"{row['id']} LOST {item!r}")
        if result.decision == "human_review":
            score.reviewed += 1
            score.misses.append(
                f"{row['id']} TO A PERSON {result.reasons} "
                f"{[(r.kind, row[r.field][r.start : r.end]) for r in result.risks]}"
            )
        if expect["decision"] == "reject":
            score.to_refuse += 1
            if result.decision == "reject" and set(result.reasons) & set(expect["reasons"]):
                score.refused_right += 1
            else:
                score.misses.append(
                    f"{row['id']} NOT REFUSED {expect['reasons']} -> "
                    f"{result.decision} {result.reasons} "
                    f"{[(f.code, round(f.confidence, 2)) for f in result.flags]}"
                )
        else:
            score.publishable += 1
            if result.decision == "reject":
                score.refused_wrongly += 1
                score.misses.append(f"{row['id']} WRONGLY REFUSED {result.reasons}")
    return score, texts


def presidio_analyzer() -> Any:
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "fr", "model_name": "fr_core_news_md"}],
        }
    ).create_engine()
    return AnalyzerEngine(nlp_engine=nlp, supported_languages=["fr"])


def presidio_redact(analyzer: Any, text: str) -> str:
    spans = sorted(analyzer.analyze(text=text, language="fr"), key=lambda r: r.start)
    out, cursor = [], 0
    for r in spans:
        if r.start < cursor:
            continue
        out += [text[cursor : r.start], f"<{r.entity_type}>"]
        cursor = r.end
    return "".join([*out, text[cursor:]])


def score_presidio(rows: list[dict[str, Any]], analyzer: Any) -> Score:
    score = Score()
    for row in rows:
        published = presidio_redact(analyzer, f"{row['title']}\n{row['description']}").casefold()
        for item in row["expect"].get("pii", []):
            score.pii += 1
            score.leaked += _appears(item, published)
        for item in row["expect"].get("keep", []):
            score.keep += 1
            score.lost += not _appears(item, published)
    return score


def speed(fn: Any, rows: list[dict[str, Any]], passes: int) -> float:
    """Median stories per second over `passes` passes (after one warm-up)."""
    fn(rows[: min(5, len(rows))])
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        fn(rows)
        rates.append(len(rows) / (time.perf_counter() - start))
    return statistics.median(rates)


def blind_history() -> str:
    return BLIND.read_text("utf-8") if BLIND.exists() else "(no blind run recorded)\n"


def record_first_run(path: Path, score: Score) -> None:
    """Append a set's blind first run to BLIND.md; a set is blind once only."""
    text = blind_history() if BLIND.exists() else BLIND_HEADER
    if f"| {path.name} |" in text:
        raise SystemExit(f"{path.name} already has its blind first run in {BLIND.name}")
    f = score.figures()

    def cell(name: str) -> str:
        value = f[name]
        return "n/a" if value is None else f"{100 * value:.1f} %"

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    met = "met" if not score.missed_targets() else "missed: " + ", ".join(score.missed_targets())
    row = (
        f"| {datetime.date.today().isoformat()} | {commit} | {path.name} | {score.stories} | "
        + " | ".join(cell(n) for n in TARGETS)
        + f" | {met} |\n"
    )
    BLIND.write_text(text + row, "utf-8")


BLIND_HEADER = """# Blind first runs of the moderation engine

Each labelled set below was written by someone who had not read the engine, its lexicons or its
corpora, and was measured once, before any change made for it: that run is its row here, kept
as it was. After its first run a set is a tuning set (`make eval-moderation` prints its current
figures). Targets: leak <= 2 %, over-redaction <= 3 %, refused with a right reason >= 90 %, falsely
refused <= 2 %, leak among automatically published stories <= 0.5 %, sent to a person <= 15 %.

| date | commit | set | stories | leak | over-redaction | refused right | falsely refused | leak auto-published | to a person | targets |
|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|
"""


def _place_names() -> None:
    """The communes the services know (INSEE's list fetched by `make install`), for the redactor."""
    found = sorted(
        (HERE.parents[2] / ".local" / "tools").glob("codes-postaux-*/codes-postaux.json")
    )
    if found:
        os.environ.setdefault("SPPLUS_POSTAL_CODES_FILE", str(found[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument(
        "--speed-stories",
        type=int,
        default=1500,
        help="how many of the stories (spread over every set) the speed passes time",
    )
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--first-run", type=Path, help="a new blind set: measure it once and record it in BLIND.md"
    )
    args = parser.parse_args(argv)

    _place_names()
    engine = Engine()
    if args.first_run:
        score, _ = score_engine(load(args.first_run), engine)
        print(HEADER)
        print(score.row(args.first_run.name))
        record_first_run(args.first_run, score)
        print(f"recorded in {BLIND}")
        if args.verbose:
            print("\n".join(score.misses))
        return 0
    total = Score()
    all_rows: list[dict[str, Any]] = []
    print(HEADER)
    for path in args.files:
        rows = load(path)
        all_rows += rows
        score, _ = score_engine(rows, engine)
        total.add(score)
        print(score.row(path.name))
    print(total.row("all"))
    print(
        "targets: leak <= 2 %, over-redaction <= 3 %, refused right >= 90 %, falsely refused <= 2 %,"
        " leak auto-published <= 0.5 %, sent to a person <= 15 %"
    )
    if args.verbose:
        print("\n".join(total.misses))
    print("\nBlind first runs (services/moderation/eval/BLIND.md):")
    print(blind_history())

    stories = {id(row): StoryInput.from_dict(row) for row in all_rows}

    def run_engine(rows: list[dict[str, Any]]) -> None:
        for row in rows:  # the engine as the service calls it: both nets, policy, language
            engine.analyze(stories[id(row)])

    # The same texts for both, spread over every set (each pass of the whole corpus through
    # Presidio would take minutes).
    step = max(1, len(all_rows) // max(1, args.speed_stories))
    timed = all_rows[::step]
    timing = args.passes > 0  # `--passes 0`: the figures alone, no speed
    engine_rate = speed(run_engine, timed, args.passes) if timing else 0.0
    if timing:
        print(
            f"engine:   {engine_rate:8.1f} stories/s (median of {args.passes} passes, "
            f"{len(timed)} stories of every set: both nets, policy, language, edits)"
        )
    if not args.no_presidio:
        analyzer = presidio_analyzer()
        baseline = score_presidio(all_rows, analyzer)

        def run_presidio(rows: list[dict[str, Any]]) -> None:
            for row in rows:
                analyzer.analyze(text=f"{row['title']}\n{row['description']}", language="fr")

        print(
            f"presidio: leak {Score.pct(baseline.leaked, baseline.pii)}, "
            f"over-redaction {Score.pct(baseline.lost, baseline.keep)}"
        )
        if timing:
            presidio_rate = speed(run_presidio, timed, args.passes)
            print(
                f"presidio: {presidio_rate:8.1f} stories/s (AnalyzerEngine, fr_core_news_md, "
                "analysis only)"
            )
            print(f"ratio engine / presidio: {engine_rate / presidio_rate:.1f}x (target >= 2x)")
    missed = total.missed_targets()
    print("quality targets on every set together:", "met" if not missed else f"missed {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
