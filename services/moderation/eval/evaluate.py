"""`make eval-moderation`: the engine measured on labelled stories, beside Presidio's French analyzer.

Prints, per file and overall: personal-data leak rate, over-redaction rate (words that had to stay),
refusals with a right reason, false refusals, and stories per second of the engine and of Presidio
(AnalyzerEngine with spaCy's fr_core_news_sm, recognisers as shipped) on the same texts, in the
same run (median of several passes). `--verbose` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spplus.moderation.engine import DuplicateIndex, Engine, StoryInput

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = [
    HERE.parent / "corpus" / "stories.jsonl",
    HERE.parent / "corpus" / "holdout.jsonl",
    HERE.parents[2].parent / "shared" / "samples" / "moderation_sample.jsonl",
]
PUBLISHABLE = {"publish", "publish_after_notice", "await_author_approval"}


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
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    @staticmethod
    def pct(n: int, d: int) -> str:
        return f"{100 * n / d:5.1f} % ({n}/{d})" if d else "    n/a"


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
        for item in expect.get("pii", []):
            score.pii += 1
            if item.casefold() in published:
                score.leaked += 1
                score.misses.append(f"{row['id']} LEAK {item!r}")
        for item in expect.get("keep", []):
            score.keep += 1
            if item.casefold() not in published:
                score.lost += 1
                score.misses.append(f"{row['id']} LOST {item!r}")
        if result.decision == "human_review":
            score.reviewed += 1
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
            "models": [{"lang_code": "fr", "model_name": "fr_core_news_sm"}],
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
            score.leaked += item.casefold() in published
        for item in row["expect"].get("keep", []):
            score.keep += 1
            score.lost += item.casefold() not in published
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)

    engine = Engine()
    total = Score()
    all_rows: list[dict[str, Any]] = []
    print(
        f"{'file':<28} {'stories':>7}  {'leak rate':>18}  {'over-redaction':>18}  "
        f"{'refused right':>18}  {'falsely refused':>18}  {'to a human':>6}"
    )
    for path in args.files:
        rows = load(path)
        all_rows += rows
        score, _ = score_engine(rows, engine)
        total.add(score)
        print(
            f"{path.name:<28} {len(rows):>7}  {Score.pct(score.leaked, score.pii):>18}  "
            f"{Score.pct(score.lost, score.keep):>18}  "
            f"{Score.pct(score.refused_right, score.to_refuse):>18}  "
            f"{Score.pct(score.refused_wrongly, score.publishable):>18}  {score.reviewed:>6}"
        )
    print(
        f"{'all':<28} {len(all_rows):>7}  {Score.pct(total.leaked, total.pii):>18}  "
        f"{Score.pct(total.lost, total.keep):>18}  "
        f"{Score.pct(total.refused_right, total.to_refuse):>18}  "
        f"{Score.pct(total.refused_wrongly, total.publishable):>18}  {total.reviewed:>6}"
    )
    print("targets: leak < 2 %, over-redaction < 3 %, refused right >= 85 %, falsely refused < 3 %")
    if args.verbose:
        print("\n".join(total.misses))

    def run_engine(rows: list[dict[str, Any]]) -> None:
        score_engine(rows, engine)

    engine_rate = speed(run_engine, all_rows, args.passes)
    print(
        f"\nengine:   {engine_rate:8.1f} stories/s (median of {args.passes} passes, "
        f"{len(all_rows)} stories, policy + redaction + language)"
    )
    if not args.no_presidio:
        analyzer = presidio_analyzer()
        baseline = score_presidio(all_rows, analyzer)

        def run_presidio(rows: list[dict[str, Any]]) -> None:
            for row in rows:
                analyzer.analyze(text=f"{row['title']}\n{row['description']}", language="fr")

        presidio_rate = speed(run_presidio, all_rows, args.passes)
        print(
            f"presidio: {presidio_rate:8.1f} stories/s (AnalyzerEngine, fr_core_news_sm, "
            f"analysis only)   leak {Score.pct(baseline.leaked, baseline.pii)}, "
            f"over-redaction {Score.pct(baseline.lost, baseline.keep)}"
        )
        print(f"ratio engine / presidio: {engine_rate / presidio_rate:.1f}x (target >= 2x)")
    ok = (
        (total.pii == 0 or total.leaked / total.pii < 0.02)
        and (total.keep == 0 or total.lost / total.keep < 0.03)
        and (total.to_refuse == 0 or total.refused_right / total.to_refuse >= 0.85)
        and (total.publishable == 0 or total.refused_wrongly / total.publishable < 0.03)
    )
    print("quality targets:", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
