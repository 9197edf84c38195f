"""``framing validate``: how close is the analyzer to a human annotator?

For every article with a gold file, :func:`evaluate` runs :func:`framing.analyze` and compares
its hedges, boosters, loaded terms and attributions with the gold spans:

- **Matching.** A found span matches a gold span when their character ranges overlap; each
  gold span matches at most one found span and vice versa (a maximum one-to-one matching,
  preferring the pairs that overlap most).  An attribution is compared through its *anchors*,
  the quote span and the verb span: two attributions can match when any anchor of one
  overlaps any anchor of the other.
- **Scores.** precision = matched / found, recall = matched / gold, F1 their harmonic mean;
  ``None`` when undefined (nothing found, nothing in gold).  "overall" sums the counts of
  all articles first (micro-average), so long articles weigh more.
- **Speaker accuracy.** Of the matched attributions, the share whose speaker has the same
  canonical name as the gold speaker (case-insensitive; a shared surname is enough:
  "Donald Trump" = "Trump").

The corpus is the bundled one or a folder laid out as ``<id>.txt`` plus ``gold/<id>.json``
(see ``docs/validation.md``).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from framing import corpus as _corpus

#: The metrics scored, in report order (keys of the gold file and of ``Analysis``).
METRICS = ("hedges", "boosters", "loaded_terms", "attributions")

EXIT_OK = 0
EXIT_USAGE = 2

_Range = tuple[int, int]


# --------------------------------------------------------------------------- matching


def _overlap(a: _Range, b: _Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: Sequence[Sequence[_Range]], found: Sequence[Sequence[_Range]]
) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping items.

    Parameters
    ----------
    gold, found
        One entry per item; each entry is the item's anchors, a sequence of ``(start, end)``
        ranges (one range for a plain span; quote and verb for an attribution).

    Returns
    -------
    list of (int, int)
        ``(gold_index, found_index)`` pairs, sorted by gold index.  The matching has maximum
        size; among gold items, candidates that overlap more are tried first.
    """
    edges: list[list[int]] = []
    for g in gold:
        weights = []
        for j, f in enumerate(found):
            w = sum(_overlap(a, b) for a in g for b in f)
            if w > 0:
                weights.append((-w, j))
        edges.append([j for _, j in sorted(weights)])
    owner: dict[int, int] = {}  # found index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        # Kuhn's augmenting path; the lists are tiny (tens of items per article).
        for j in edges[i]:  # a free partner first: don't swap heavier pairs away
            if j not in owner and j not in seen:
                seen.add(j)
                owner[j] = i
                return True
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


_DETERMINERS = {"a", "an", "the"}


def _name_tokens(name: str | None) -> list[str]:
    if not name:
        return []
    norm = name.lower().replace("\u2019", "'")
    norm = re.sub(r"'s\b", "", norm)
    words = re.findall(r"[^\W_]+(?:[-'][^\W_]+)*", norm)
    return [w for w in words if w not in _DETERMINERS]


def same_speaker(gold_name: str | None, found_name: str | None) -> bool:
    """Whether two canonical speaker names refer to the same speaker.

    Case-insensitive; determiners and a possessive ``'s`` are ignored; a shared last word
    (surname, or head noun of "senior officials") is enough.

    >>> same_speaker("Trump", "Donald Trump")
    True
    >>> same_speaker("Kim", "Trump")
    False
    """
    g, f = _name_tokens(gold_name), _name_tokens(found_name)
    if not g or not f:
        return False
    return g == f or g[-1] == f[-1]


# --------------------------------------------------------------------------- scoring


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _prf(gold: int, found: int, matched: int) -> dict[str, Any]:
    p, r = _ratio(matched, found), _ratio(matched, gold)
    if matched:
        f1: float | None = round(2 * matched / (gold + found), 4)  # = 2PR / (P + R)
    else:
        f1 = 0.0 if gold or found else None  # something to find or found, nothing right
    return {"gold": gold, "found": found, "matched": matched, "precision": p, "recall": r, "f1": f1}


def _anchors_gold(item: dict[str, Any]) -> list[_Range]:
    if "quote" not in item and "verb" not in item:  # a plain span
        return [(item["start"], item["end"])]
    return [(s["start"], s["end"]) for s in (item.get("quote"), item.get("verb")) if s]


def _anchors_found(item: Any) -> list[_Range]:
    if not hasattr(item, "kind"):  # a Match
        return [(item.start, item.end)]
    spans = [(s.start, s.end) for s in (item.quote, item.verb) if s is not None]
    return spans or [(item.start, item.end)]


def _paired(text: str, gold: dict[str, Any], analysis: Any):
    """Per metric: the gold items, the found items and their one-to-one overlap pairs."""
    if analysis is None:
        from framing import analyze

        analysis = analyze(text)
    for metric in METRICS:
        g_items = gold.get(metric, [])
        f_items = list(getattr(analysis, metric))
        pairs = match_spans(
            [_anchors_gold(x) for x in g_items], [_anchors_found(x) for x in f_items]
        )
        yield metric, g_items, f_items, pairs


def score_article(text: str, gold: dict[str, Any], analysis: Any = None) -> dict[str, Any]:
    """Compare one analysis with one gold record.

    Parameters
    ----------
    text
        The article.
    gold
        Its gold record (schema in ``framing/data/README.md``).
    analysis
        ``framing.analyze(text)``; computed when ``None``.

    Returns
    -------
    dict
        ``{metric: {gold, found, matched, precision, recall, f1}}``; attributions also carry
        ``speaker_matched`` and ``speaker_accuracy``.
    """
    result: dict[str, Any] = {}
    for metric, g_items, f_items, pairs in _paired(text, gold, analysis):
        m = _prf(len(g_items), len(f_items), len(pairs))
        if metric == "attributions":
            ok = sum(
                same_speaker(
                    g_items[i]["speaker"], f_items[j].speaker.name if f_items[j].speaker else None
                )
                for i, j in pairs
            )
            m["speaker_matched"] = ok
            m["speaker_accuracy"] = _ratio(ok, len(pairs))
        result[metric] = m
    return result


def disagreements(text: str, gold: dict[str, Any], analysis: Any = None) -> dict[str, Any]:
    """Where the analyzer and the annotator part ways: the spans behind the scores.

    Parameters
    ----------
    text, gold, analysis
        As for :func:`score_article`.

    Returns
    -------
    dict
        ``{metric: {"missed": [gold items not found], "extra": [found items not in gold]}}``;
        found items are given as ``to_dict()`` records, gold items as stored.
    """
    out: dict[str, Any] = {}
    for metric, g_items, f_items, pairs in _paired(text, gold, analysis):
        got_g, got_f = {i for i, _ in pairs}, {j for _, j in pairs}
        out[metric] = {
            "missed": [x for i, x in enumerate(g_items) if i not in got_g],
            "extra": [x.to_dict() for j, x in enumerate(f_items) if j not in got_f],
        }
    return out


def _overall(articles: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for metric in METRICS:
        g = sum(a["metrics"][metric]["gold"] for a in articles)
        f = sum(a["metrics"][metric]["found"] for a in articles)
        m = sum(a["metrics"][metric]["matched"] for a in articles)
        total[metric] = _prf(g, f, m)
    ok = sum(a["metrics"]["attributions"]["speaker_matched"] for a in articles)
    total["attributions"]["speaker_matched"] = ok
    total["attributions"]["speaker_accuracy"] = _ratio(ok, total["attributions"]["matched"])
    return total


class CorpusError(ValueError):
    """A ``--corpus`` argument that cannot be evaluated (message is user-facing)."""


def _iter_dir(folder: Path):
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder (expected <id>.txt files and gold/<id>.json)")
    gold_dir = folder / "gold"
    texts = sorted(folder.glob("*.txt"))
    pairs = [(p, gold_dir / f"{p.stem}.json") for p in texts]
    pairs = [(t, g) for t, g in pairs if g.is_file()]
    if not pairs:
        raise CorpusError(
            f"{folder}: no article has a gold file (expected <id>.txt beside gold/<id>.json)"
        )
    for txt, gold_path in pairs:
        try:
            with txt.open(encoding="utf-8", newline="") as f:
                text = f.read()
        except UnicodeDecodeError as e:
            raise CorpusError(f"{txt}: not UTF-8 text ({e.reason})") from None
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise CorpusError(f"{gold_path}: not valid JSON ({e})") from None
        problems = _corpus.check_gold(text, gold, article_id=txt.stem)
        if problems:
            raise CorpusError(
                f"{gold_path}: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        yield txt.stem, text, gold


def _iter_bundled():
    for article_id in _corpus.list_articles():
        gold = _corpus.load_gold(article_id)
        if gold is not None:
            yield article_id, _corpus.load(article_id), gold


def evaluate(corpus: str = "bundled") -> dict[str, Any]:
    """Score the analyzer on a corpus.

    Parameters
    ----------
    corpus
        ``"bundled"`` or the path of a folder with ``<id>.txt`` and ``gold/<id>.json``.

    Returns
    -------
    dict
        ``{"schema": 1, "corpus": ..., "articles": [{"id", "words", "metrics"}], "overall": {...}}``
        where ``metrics`` maps each of :data:`METRICS` to its counts and scores.

    Raises
    ------
    CorpusError
        When the folder does not exist, holds no gold file, or a gold file is invalid.
    """
    from framing import analyze

    source = _iter_bundled() if corpus == "bundled" else _iter_dir(Path(corpus))
    articles = []
    for article_id, text, gold in source:
        analysis = analyze(text)
        articles.append(
            {
                "id": article_id,
                "words": analysis.words,
                "metrics": score_article(text, gold, analysis),
            }
        )
    return {"schema": 1, "corpus": corpus, "articles": articles, "overall": _overall(articles)}


# --------------------------------------------------------------------------- report


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.2f}"


_SHORT = {
    "hedges": "hedges",
    "boosters": "boosters",
    "loaded_terms": "loaded",
    "attributions": "attrib",
}


def format_table(report: dict[str, Any]) -> str:
    """The report as plain-text tables: overall P/R/F1, then F1 per article."""
    arts = report["articles"]
    words = sum(a["words"] for a in arts)
    lines = [
        f"framing validate: {len(arts)} articles, {words:,} words (corpus: {report['corpus']})",
        "",
        f"{'overall':14} {'gold':>5} {'found':>5} {'match':>5} {'P':>5} {'R':>5} {'F1':>5}",
    ]
    for metric in METRICS:
        m = report["overall"][metric]
        lines.append(
            f"{metric:14} {m['gold']:5d} {m['found']:5d} {m['matched']:5d} "
            f"{_fmt(m['precision']):>5} {_fmt(m['recall']):>5} {_fmt(m['f1']):>5}"
        )
    acc = report["overall"]["attributions"]["speaker_accuracy"]
    lines += [f"{'speaker accuracy (matched attributions)':40} {_fmt(acc):>5}", ""]
    width = max([len("per article (F1)")] + [len(a["id"]) for a in arts])
    head = " ".join(f"{_SHORT[m]:>8}" for m in METRICS)
    lines.append(f"{'per article (F1)':{width}} {'words':>6} {head} {'speaker':>8}")
    for a in arts:
        cells = " ".join(f"{_fmt(a['metrics'][m]['f1']):>8}" for m in METRICS)
        sp = _fmt(a["metrics"]["attributions"]["speaker_accuracy"])
        lines.append(f"{a['id']:{width}} {a['words']:6d} {cells} {sp:>8}")
    lines += [
        "",
        "P = matched/found, R = matched/gold, spans match by overlap (one-to-one);",
        "'-' = undefined (nothing found or nothing in gold). See docs/validation.md.",
    ]
    return "\n".join(lines) + "\n"


def run(corpus: str = "bundled", fmt: str = "table", out: TextIO = sys.stdout) -> int:
    """Evaluate and print; the body of ``framing validate``.

    Parameters
    ----------
    corpus
        ``"bundled"`` or a folder (``<id>.txt`` + ``gold/<id>.json``).
    fmt
        ``"table"`` or ``"json"``.
    out
        Where the report goes; errors go to standard error.

    Returns
    -------
    int
        0 on success, 2 when the corpus or the format is unusable (one line on stderr).
    """
    if fmt not in ("table", "json"):
        print(f"framing validate: unknown format {fmt!r} (use table or json)", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = evaluate(corpus)
    except CorpusError as e:
        print(f"framing validate: {e}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        out.write(json.dumps(report, indent=2) + "\n")
    else:
        out.write(format_table(report))
    return EXIT_OK
