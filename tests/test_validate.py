"""`framing validate`: matching, scoring, the report, floors, and the claims the lessons make."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import framing
from framing import corpus, validate
from framing.types import Attribution, Match, Span, Speaker, Verb

ROOT = Path(__file__).resolve().parent.parent


# -- matching: overlap, one-to-one ----------------------------------------------------
@pytest.mark.parametrize(
    "gold, found, expected",
    [
        ([[(0, 3)]], [[(0, 3)]], [(0, 0)]),  # identical spans
        ([[(0, 10)]], [[(4, 6)]], [(0, 0)]),  # found inside gold ("may" in "may have")
        ([[(0, 3)]], [[(3, 6)]], []),  # adjacent spans do not overlap (end is exclusive)
        ([[(0, 10)]], [[(0, 3)], [(5, 8)]], [(0, 0)]),  # one gold, two found: one match only
        ([[(0, 3)], [(5, 8)]], [[(0, 10)]], [(0, 0)]),  # two gold, one long found: one match
        # a greedy choice would take (0,1) first and leave gold 1 unmatched: maximum matching
        ([[(0, 10)], [(8, 12)]], [[(8, 10)], [(0, 4)]], [(0, 1), (1, 0)]),
        # attribution anchors: the verbs overlap although the quotes do not
        ([[(0, 5), (20, 24)]], [[(30, 40), (20, 24)]], [(0, 0)]),
        ([], [[(0, 3)]], []),  # nothing in gold
    ],
    ids=[
        "identical",
        "nested",
        "adjacent",
        "one-gold-two-found",
        "two-gold-one-found",
        "maximum-not-greedy",
        "attribution-verb-anchor",
        "empty-gold",
    ],
)
def test_match_spans(gold, found, expected):
    assert validate.match_spans(gold, found) == expected


@pytest.mark.parametrize(
    "gold, found, same",
    [
        ("Trump", "Trump", True),
        ("Trump", "trump", True),  # case-insensitive
        ("Trump", "Donald Trump", True),  # surname match
        ("Mohammad bin Salman", "bin Salman", True),
        ("a senior official", "senior official", True),  # determiners ignored
        ("Dastrava’s industry ministry", "the industry ministry", True),
        ("Kim", "Trump", False),
        ("Halvik", "He", False),  # an unresolved pronoun is not the speaker
        ("Halvik", None, False),  # no speaker found
    ],
    ids=[
        "exact",
        "case",
        "surname",
        "multiword-name",
        "determiner",
        "possessive-org",
        "different-person",
        "pronoun",
        "missing",
    ],
)
def test_same_speaker(gold, found, same):
    assert validate.same_speaker(gold, found) is same


# -- scoring arithmetic on a hand-made analysis -----------------------------------------
TOY = '"Talks may resume," the minister said. Prices might rise.'


def _m(word: str, metric: str = "hedge") -> Match:
    start = TOY.index(word)
    return Match(start, start + len(word), word, metric, "modal", False)


def _gold(**lists):
    g = {"hedges": [], "boosters": [], "loaded_terms": [], "attributions": []}
    g.update(lists)
    return g


def _span(word: str) -> dict:
    s = TOY.index(word)
    return {"start": s, "end": s + len(word), "text": word}


def test_score_counts_precision_recall_f1():
    gold = _gold(hedges=[_span("may"), _span("might")])
    found = SimpleNamespace(
        hedges=[_m("may"), _m("Prices")], boosters=[], loaded_terms=[], attributions=[]
    )
    h = validate.score_article(TOY, gold, found)["hedges"]
    assert (h["gold"], h["found"], h["matched"]) == (2, 2, 1)
    assert h["precision"] == 0.5 and h["recall"] == 0.5 and h["f1"] == 0.5
    # nothing in gold and nothing found: undefined, not zero
    assert validate.score_article(TOY, gold, found)["boosters"]["f1"] is None


@pytest.mark.parametrize(
    "name, correct",
    [("the minister", True), ("Minister", True), ("Prices", False)],
    ids=["same-name", "head-noun", "wrong-speaker"],
)
def test_speaker_accuracy(name, correct):
    q, v = _span("Talks may resume,"), _span("said")
    gold = _gold(
        attributions=[
            {
                "speaker": "the minister",
                "kind": "direct",
                "source_type": "official",
                "verb": v,
                "quote": q,
            }
        ]
    )
    att = Attribution(
        0,
        TOY.index("said.") + 4,
        TOY[: TOY.index("said.") + 4],
        "direct",
        Speaker(20, 32, "the minister", name),
        Verb(v["start"], v["end"], "said", "neutral"),
        Span(q["start"], q["end"], q["text"]),
        "official",
    )
    found = SimpleNamespace(hedges=[], boosters=[], loaded_terms=[], attributions=[att])
    a = validate.score_article(TOY, gold, found)["attributions"]
    assert a["matched"] == 1 and a["speaker_accuracy"] == (1.0 if correct else 0.0)


def test_disagreements_list_the_spans_behind_the_scores():
    gold = _gold(hedges=[_span("may"), _span("might")])
    found = SimpleNamespace(
        hedges=[_m("may"), _m("Prices")], boosters=[], loaded_terms=[], attributions=[]
    )
    d = validate.disagreements(TOY, gold, found)["hedges"]
    assert [x["text"] for x in d["missed"]] == ["might"]
    assert [x["text"] for x in d["extra"]] == ["Prices"]


# -- the report ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cli_run() -> tuple[float, subprocess.CompletedProcess]:
    """``framing validate --format json`` as a user runs it, timed (one run for the module)."""
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "framing.cli", "validate", "--format", "json"],
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    return time.perf_counter() - t0, r


@pytest.fixture(scope="module")
def report(cli_run) -> dict:
    assert cli_run[1].returncode == 0, cli_run[1].stderr
    return json.loads(cli_run[1].stdout)


def test_bundled_report_covers_every_article_and_metric(report):
    assert [a["id"] for a in report["articles"]] == corpus.list_articles()
    assert len(report["articles"]) >= 9
    for a in report["articles"]:
        assert set(a["metrics"]) == set(validate.METRICS)


def test_table_names_every_metric_and_article(report):
    table = validate.format_table(report)
    for word in ("hedges", "boosters", "loaded_terms", "attributions", "speaker accuracy"):
        assert word in table
    for article_id in corpus.list_articles():
        assert article_id in table


def test_cli_runs_offline_in_under_ten_seconds(cli_run, report):
    seconds, r = cli_run
    assert seconds < 10
    assert report["schema"] == 1 and report["corpus"] == "bundled"
    assert set(report["overall"]) == set(validate.METRICS)
    assert len(report["articles"]) >= 9


# -- --corpus DIR ----------------------------------------------------------------------
def _folder(tmp_path: Path, ids=("sarn-summit-wire", "corvale-protest-voice")) -> Path:
    (tmp_path / "gold").mkdir()
    for i in ids:
        (tmp_path / f"{i}.txt").write_text(corpus.load(i), encoding="utf-8")
        gold = json.dumps(corpus.load_gold(i), ensure_ascii=False)
        (tmp_path / "gold" / f"{i}.json").write_text(gold, encoding="utf-8")
    return tmp_path


def test_folder_corpus(tmp_path):
    folder = _folder(tmp_path)
    (folder / "no-gold-yet.txt").write_text("An article without gold is skipped.\n")
    d = validate.evaluate(str(folder))
    assert [a["id"] for a in d["articles"]] == ["corvale-protest-voice", "sarn-summit-wire"]


def _broken_gold(folder: Path) -> None:
    g = json.loads((folder / "gold" / "sarn-summit-wire.json").read_text(encoding="utf-8"))
    g["hedges"][0]["start"] += 1
    (folder / "gold" / "sarn-summit-wire.json").write_text(json.dumps(g), encoding="utf-8")


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p / "missing", "not a folder"),
        (lambda p: p, "no article has a gold file"),  # an empty folder
        (lambda p: (_folder(p), _broken_gold(p), p)[-1], "sarn-summit-wire.json: hedges[0]"),
        (
            lambda p: (_folder(p), (p / "gold" / "sarn-summit-wire.json").write_text("{"), p)[-1],
            "not valid JSON",
        ),
        (
            lambda p: (_folder(p), (p / "sarn-summit-wire.txt").write_bytes(b"\xff\xfe\x00"), p)[
                -1
            ],
            "not UTF-8",
        ),
    ],
    ids=["missing-folder", "no-gold", "invalid-gold", "gold-not-json", "article-not-utf8"],
)
def test_bad_corpus_gives_one_line_and_exit_2(tmp_path, capsys, make, message):
    out = io.StringIO()
    assert validate.run(str(make(tmp_path)), "table", out=out) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out.getvalue() == ""


def test_unknown_format_is_refused(capsys):
    assert validate.run("bundled", "xml", out=io.StringIO()) == 2
    assert "unknown format" in capsys.readouterr().err


def test_layout_matches_the_docs(tmp_path):
    # docs/validation.md shows this exact copy recipe for building a folder corpus
    folder = tmp_path / "mine"
    shutil.copytree(ROOT / "framing" / "data" / "gold", folder / "gold")
    ids = corpus.list_articles()[:3]  # gold files without an article are not read
    for i in ids:
        (folder / f"{i}.txt").write_text(corpus.load(i), encoding="utf-8")
    assert [a["id"] for a in validate.evaluate(str(folder))["articles"]] == sorted(ids)


# -- floors: a regression in any metric fails the build ---------------------------------
# Measured on the bundled corpus (see docs/validation.md); floors sit a little below.
FLOORS = {
    "hedges": 0.94,  # measured 0.99
    "boosters": 0.90,  # measured 0.96
    "loaded_terms": 0.87,  # measured 0.93
    "attributions": 0.93,  # measured 0.99
}
SPEAKER_ACCURACY_FLOOR = 0.90  # measured 0.95


@pytest.mark.parametrize("metric", list(FLOORS))
def test_overall_f1_floor(report, metric):
    assert report["overall"][metric]["f1"] >= FLOORS[metric]


def test_speaker_accuracy_floor(report):
    assert report["overall"]["attributions"]["speaker_accuracy"] >= SPEAKER_ACCURACY_FLOOR


# -- the claims the lessons make about the Sarn summit outlets --------------------------
SARN = corpus.list_articles(event="sarn-summit")
# Speakers of each side, as canonical names (surnames; an unnamed speaker by its head noun).
VELMORAN = {"halvik", "quillan", "arendsen", "carrow"}
DASTRAVAN = {"ardani", "brel", "steelworker", "losk", "ministry"}


@pytest.fixture(scope="module")
def analyses() -> dict:
    return {i: framing.analyze(corpus.load(i)) for i in SARN}


def per_1000(analysis, metric: str, author_only: bool) -> float:
    items = [m for m in getattr(analysis, metric) if not (author_only and m.in_quote)]
    return 1000 * len(items) / analysis.words


def quoted_sides(analysis) -> set[str]:
    """Which sides get quotation marks (direct, partial and continuation quotes)."""
    sides = set()
    for a in analysis.attributions:
        if a.kind in ("direct", "partial", "continuation") and a.speaker is not None:
            last = a.speaker.name.lower().split()[-1] if a.speaker.name else ""
            sides |= {"velmora"} if last in VELMORAN else set()
            sides |= {"dastrava"} if last in DASTRAVAN else set()
    return sides


def test_crosswind_is_the_most_hedged_outlet(analyses):
    # lesson claim: the web analysis hedges most per 1,000 words (author's voice)
    ranking = sorted(SARN, key=lambda i: -per_1000(analyses[i], "hedges", author_only=True))
    assert ranking[0] == "sarn-summit-crosswind"


def test_state_media_is_the_least_hedged_outlet(analyses):
    # lesson claim: the DNNA never softens a claim in its own voice
    hedges = {i: per_1000(analyses[i], "hedges", author_only=True) for i in SARN}
    assert min(hedges, key=hedges.get) == "sarn-summit-dnna"


def test_partisan_outlets_boost_the_most(analyses):
    # lesson claim: state media boosts most, the hawkish paper next; the wire the fewest
    boosters = {i: per_1000(analyses[i], "boosters", author_only=False) for i in SARN}
    ranking = sorted(SARN, key=lambda i: -boosters[i])
    assert ranking[:2] == ["sarn-summit-dnna", "sarn-summit-sentinel"]
    assert boosters["sarn-summit-wire"] == min(boosters.values())


def test_sentinel_uses_more_loaded_language_than_the_wire(analyses):
    loaded = {i: per_1000(analyses[i], "loaded_terms", author_only=True) for i in SARN}
    assert loaded["sarn-summit-sentinel"] > loaded["sarn-summit-wire"]
    assert min(loaded, key=loaded.get) in {"sarn-summit-wire", "sarn-summit-crosswind"}


@pytest.mark.parametrize(
    "article_id, sides",
    [
        ("sarn-summit-wire", {"velmora", "dastrava"}),  # the wire quotes both leaders
        ("sarn-summit-sentinel", {"velmora"}),  # the hawkish paper quotes only its own side
        ("sarn-summit-dnna", {"dastrava"}),  # state media quotes only its own side
    ],
    ids=["wire-both", "sentinel-one-side", "dnna-one-side"],
)
def test_who_gets_quoted(analyses, article_id, sides):
    assert quoted_sides(analyses[article_id]) == sides
