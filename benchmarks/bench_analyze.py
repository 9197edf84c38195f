"""Speed of `framing.analyze` next to VADER on the same text, and `import framing` time.

Run with `make bench`.  Prints numbers; asserts nothing (targets are in the README).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import framing
from framing import corpus, native

TARGET_WORDS = 200_000


def big_text() -> str:
    """The bundled articles, repeated to about TARGET_WORDS words (paragraph breaks kept)."""
    parts = [text for _, text in corpus.iter_articles()]
    one = "\n".join(parts)
    words = framing.analyze(one).words
    return "\n".join([one] * max(1, TARGET_WORDS // max(words, 1)))


def interleaved_seconds(fns, rounds: int = 5) -> list[list[float]]:
    """Wall seconds of each function, run in turn ``rounds`` times: the machine's speed
    drifts, and alternating the two keeps the drift out of their ratio."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, out in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return times


def import_time_ms(repeat: int = 5) -> float:
    """Median wall time of `python -c 'import framing'` minus a bare interpreter start."""

    # As on a user's machine: bytecode caches on (this sandbox sets PYTHONDONTWRITEBYTECODE,
    # which would make every run recompile the package), and one warm-up run writes them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        return time.perf_counter() - t0

    run("import framing")

    bare = statistics.median(run("pass") for _ in range(repeat))
    full = statistics.median(run("import framing") for _ in range(repeat))
    return 1000 * (full - bare)


def against_vader(text: str, words: int) -> None:
    """Print words/s of ``framing.analyze`` and of VADER on ``text`` (``words`` words), and
    their ratio."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    framing.default_lexicons()  # loaded once per process, as in a lesson

    vader = SentimentIntensityAnalyzer()
    lines = [line for line in text.splitlines() if line.strip()]

    def run_vader() -> None:
        # VADER scores one sentence or paragraph at a time, as its docs recommend.
        for line in lines:
            vader.polarity_scores(line)

    # best of 5 each, the two run in turn
    t_ours, t_theirs = interleaved_seconds([lambda: framing.analyze(text), run_vader])
    ours, theirs = words / min(t_ours), words / min(t_theirs)
    paired = statistics.median(t / o for o, t in zip(t_ours, t_theirs))
    print(f"analyzer: {native.status}")
    print(f"framing.analyze:                  {ours:12,.0f} words/s")
    print(f"vaderSentiment polarity_scores:   {theirs:12,.0f} words/s")
    print(f"ratio (framing / VADER):          {ours / theirs:12.2f}   (target >= 2.0)")
    print(f"  median of the 5 paired runs:    {paired:12.2f}")


def main() -> None:
    text = big_text()
    words = framing.analyze(text).words
    print(f"text: {len(text):,} chars, {words:,} words")
    against_vader(text, words)
    print("where the time goes (CPU seconds, best of 3, garbage collector paused as in analyze):")
    for name, seconds in stage_seconds(text).items():
        print(f"  {name:32s}{seconds:8.3f} s  {words / seconds:12,.0f} words/s")
    print(f"import framing:                   {import_time_ms():12.0f} ms  (target <= 150 ms)")

    # Linear time: 4x the text should take about 4x as long; then one 10 MB input.
    lines = [line for line in text.splitlines() if line.strip()]
    quarter = "\n".join(text.splitlines()[: len(lines) // 4])
    t_small = min(timed(framing.analyze, quarter) for _ in range(2))
    t_large = timed(framing.analyze, text)
    print(
        f"scaling: {len(quarter):,} chars {t_small:.2f} s, {len(text):,} chars {t_large:.2f} s "
        f"(x{len(text) / len(quarter):.1f} text, x{t_large / t_small:.1f} time)"
    )
    ten_mb = "\n".join([text] * max(1, 10_000_000 // len(text) + 1))[:10_000_000]
    print(f"10 MB input ({len(ten_mb):,} chars): {timed(framing.analyze, ten_mb):.1f} s")
    if native.status.startswith("compiled"):
        # the same comparison for the pure-Python analyzer (no compiler, or a student's edit)
        print("and for the pure-Python analyzer:")
        sys.stdout.flush()
        env = {**os.environ, native.PURE_ENV: "1"}
        subprocess.run([sys.executable, __file__, "--vader-only"], env=env, check=True)


def stage_seconds(text: str) -> dict[str, float]:
    """CPU time of each stage of ``analyze``, and of the pipeline up to each metric."""
    from framing import attribution, hedging, loaded
    from framing.analysis import gc_paused
    from framing.text import Document

    lex = framing.default_lexicons()
    best: dict[str, float] = {}
    with gc_paused():  # as in analyze
        for _ in range(3):
            t0 = time.process_time()
            doc = Document(text)
            t1 = time.process_time()
            hedging.find(doc, lex)
            t2 = time.process_time()
            loaded.find(doc, lex)
            t3 = time.process_time()
            attribution.find(doc, lex)
            t4 = time.process_time()
            for name, seconds in {
                "Document (text model)": t1 - t0,
                "hedging.find": t2 - t1,
                "loaded.find": t3 - t2,
                "attribution.find": t4 - t3,
                "Document + hedging": t2 - t0,
                "all stages": t4 - t0,
            }.items():
                best[name] = min(seconds, best.get(name, seconds))
    return best


def timed(fn, arg) -> float:
    t0 = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t0


if __name__ == "__main__":
    if sys.argv[1:] == ["--vader-only"]:
        text = big_text()
        against_vader(text, framing.analyze(text).words)
    else:
        main()
