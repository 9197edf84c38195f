"""The lessons: their shape, and every claim their prose makes, computed afresh.

A lesson that says "Kim is never quoted" is wrong the day the analyzer quotes Kim; these
tests make that day a failing build instead of a misleading lesson.  Each claim test names
the lesson and quotes the sentence it pins.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import framing
from framing import corpus, plots, validate, widgets

ROOT = Path(__file__).resolve().parent.parent
NB = ROOT / "notebooks"
LESSON_NAMES = [
    "00-start-here",
    "01-hedging",
    "02-attribution",
    "03-loaded-language",
    "04-comparing-outlets",
    "05-validating-a-dictionary-method",
]
LESSONS = [NB / f"{n}.ipynb" for n in LESSON_NAMES]
NOTEBOOKS = [*LESSONS, ROOT / "app" / "explorer.ipynb"]
SARN = corpus.list_articles(event="sarn-summit")
VELMORAN = {"Halvik", "Quillan", "Arendsen", "Carrow"}
DASTRAVAN = {"Ardani", "Brel", "Losk"}


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def prose(path: Path) -> str:
    return "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")


def ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


@pytest.fixture(scope="module")
def sarn():
    return {i: widgets.bundled(i) for i in SARN}


def quoted_speakers(analysis) -> set[str]:
    """Last names of the speakers whose words fill the quotation marks."""
    return {n.split()[-1] for n in plots.voice_shares(analysis) if n != plots.NO_SPEAKER}


# ============================================================================== shape
def test_the_six_lessons_are_the_syllabus():
    found = sorted(p.stem for p in NB.glob("[0-9][0-9]-*.ipynb"))
    assert found == LESSON_NAMES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_title_cell_states_goals_time_prerequisites_dataset(path):
    title = source(cells(path)[0])
    for field in ("**Goals.**", "**Time.**", "**Prerequisites.**", "**Dataset.**"):
        assert field in title, f"{path.name}: title cell lacks {field}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_parameters_are_typed_and_commented(path):
    lines = [ln for ln in source(cells(path)[1]).splitlines() if ln and not ln.startswith("#")]
    assert lines
    for ln in lines:
        assert re.fullmatch(r"[A-Z_]+: (str|int|float|bool) = .+  # .+", ln), ln


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_code_cells_are_short_calls_into_the_package(path):
    for k, c in enumerate(cells(path)):
        if c["cell_type"] != "code":
            continue
        src = source(c)
        assert 1 <= len(src.splitlines()) <= 9, (
            f"{path.name} cell {k}: {len(src.splitlines())} lines"
        )
        tree = ast.parse(src)
        defs = [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ]
        assert defs == [], f"{path.name} cell {k} defines something; move it into framing/"


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_each_lesson_has_try_it_prompts_and_ends_with_its_blind_spots(path):
    text = prose(path)
    assert "**Try it.**" in text
    last = source(cells(path)[-1])
    assert re.search(r"^## What (this|these|validation) .*can't see", last, re.M), path.name


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_links_point_to_files_that_exist(path):
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", prose(path))
    assert links
    missing = [x for x in links if not (path.parent / x).resolve().exists()]
    assert missing == []


@pytest.mark.parametrize("path", LESSONS, ids=ids(LESSONS))
def test_quoted_notes_are_verbatim_from_the_docs(path):
    # a "> ..." line quotes the limits document linked in the same cell; it must still say so
    for c in cells(path):
        text = source(c)
        quotes = [ln[2:] for ln in text.splitlines() if ln.startswith("> ")]
        if not quotes:
            continue
        docs = [path.parent / x for x in re.findall(r"\]\((\.\./[^)#]+\.md)(?:#[^)]*)?\)", text)]
        assert docs, f"{path.name}: a quotation without its source link"
        body = " ".join(" ".join(d.read_text(encoding="utf-8").split()) for d in docs)
        for q in quotes:
            assert " ".join(q.split()) in body, f"{path.name}: not in {docs}: {q[:60]}"


def test_navigation_runs_through_the_lessons_in_order():
    for before, after in zip(LESSONS, LESSONS[1:]):
        assert f"({after.name})" in source(cells(before)[-1])
        assert f"({before.name})" in source(cells(after)[-1])


# ============================================================================== 00
def test_00_blog_boilerplate_is_set_aside(reference_analysis):
    # "The boilerplate at the end of the blog post ("No comments:", "Post a Comment") is set aside"
    ignored = " ".join(i.text for i in reference_analysis.ignored)
    assert "No comments:" in ignored and "Post a Comment" in ignored
    assert not any(
        i.start <= m.start < i.end
        for i in reference_analysis.ignored
        for m in (*reference_analysis.hedges, *reference_analysis.loaded_terms)
    )


def test_00_every_finding_gives_its_text_back(reference_analysis):
    # "text[start:end] gives the finding back, exactly."
    a = reference_analysis
    assert a.hedges
    for m in (*a.hedges, *a.boosters, *a.loaded_terms):
        assert a.text[m.start : m.end] == m.text


def test_00_state_media_is_redder_than_the_wire(sarn):
    # "switch to sarn-summit-dnna, then to sarn-summit-wire: which one is redder?"
    d = {i: plots.densities(sarn[i])["loaded_terms"]["author"] for i in SARN}
    assert d["sarn-summit-dnna"] > d["sarn-summit-wire"]


# ============================================================================== 01
CONTEXT = [
    # (phenomenon, sentence, hedges the lesson shows)
    ("may-modal-vs-May-month", "Prices may rise again in May.", ["may"]),
    ("might-the-noun", "Nobody doubted the might of the navy.", []),
    ("might-the-modal", "Talks might resume next week.", ["might"]),
    ("about-a-number-vs-about-a-topic", "About 300 delegates talked about the summit.", ["About"]),
]


@pytest.mark.parametrize("sentence, hedges", [c[1:] for c in CONTEXT], ids=[c[0] for c in CONTEXT])
def test_01_context_rules_shown_in_the_lesson(sentence, hedges):
    assert [h.text for h in framing.analyze(sentence).hedges] == hedges


def test_01_the_writer_hedges_and_the_speaker_boosts(reference_analysis):
    # "the writer hedges ("may", "might", "suggested"), while most boosters ("really", "very")
    #  are inside Trump's quotes"
    a = reference_analysis
    author_hedges = {h.text.lower() for h in a.hedges if not h.in_quote}
    assert {"may", "might", "suggested"} <= author_hedges
    quoted = [b.text.lower() for b in a.boosters if b.in_quote]
    assert len(quoted) > len(a.boosters) - len(quoted)
    assert {"really", "very"} <= set(quoted)


def test_01_crosswind_hedges_most_and_the_state_agency_least(sarn):
    # "The Crosswind ... hedges the most in its own voice; the Dastrava National News Agency
    #  ... hedges the least and sits above the line."
    t = plots.outlet_table(sarn)
    hedges = {i: t[i]["hedges"] for i in SARN}
    assert max(hedges, key=hedges.get) == "sarn-summit-crosswind"
    assert min(hedges, key=hedges.get) == "sarn-summit-dnna"
    assert t["sarn-summit-dnna"]["boosters"] > t["sarn-summit-dnna"]["hedges"]


# ============================================================================== 02
def test_02_every_quotation_with_a_speaker_is_trumps(reference_analysis):
    # "every quotation with a speaker is Trump's; the only other quotation marks frame
    #  North Korea's "step-by-step" approach, a phrase nobody is credited with."
    assert quoted_speakers(reference_analysis) == {"Trump"}
    unattributed = plots.voice_shares(reference_analysis).get(plots.NO_SPEAKER, 0)
    assert unattributed == len("step-by-step".split())


def test_02_kim_is_mentioned_but_never_quoted(reference_analysis):
    # "Kim Jong Un is mentioned again and again but never quoted"
    assert reference_analysis.text.count("Kim") >= 5
    assert "Kim" not in quoted_speakers(reference_analysis)
    summary = reference_analysis.summary()["attribution"]
    assert "Kim" in summary.get("mentioned_not_quoted", []), "summary lacks mentioned_not_quoted"


def test_02_officials_speak_anonymously(reference_analysis):
    # "Senior officials", "people familiar with the talks": the reader cannot check who they are.
    anonymous = [a for a in reference_analysis.attributions if a.anonymous and a.speaker]
    assert any("officials" in a.speaker.text for a in anonymous)


def test_02_trump_is_introduced_with_evaluative_verbs(reference_analysis):
    # "*Claimed*, *insisted*, *touted*, *cast … as* tell the reader what to think"
    verbs = {
        a.verb.text.lower()
        for a in reference_analysis.attributions
        if a.verb and a.verb.cls == "evaluative" and a.speaker and a.speaker.name.endswith("Trump")
    }
    assert {"cast", "tout"} <= verbs


@pytest.mark.parametrize(
    "article_id, sides",
    [
        ("sarn-summit-wire", {"Velmora", "Dastrava"}),  # 04: "Meridian Wire quotes both leaders"
        ("sarn-summit-sentinel", {"Velmora"}),  # 02/04: "only Velmoran voices"
        ("sarn-summit-dnna", {"Dastrava"}),  # 02/04: "the state agency only Dastravan ones"
    ],
    ids=["wire-quotes-both", "sentinel-quotes-its-side", "dnna-quotes-its-side"],
)
def test_02_04_whose_words_fill_the_quotation_marks(sarn, article_id, sides):
    names = quoted_speakers(sarn[article_id])
    got = {"Velmora" for n in names if n in VELMORAN} | {
        "Dastrava" for n in names if n in DASTRAVAN
    }
    assert got == sides, names


# ============================================================================== 03
LOADED = [
    # (phenomenon, sentence, loaded terms the lesson shows)
    ("tax-regime-is-neutral", "The new tax regime starts in May.", []),
    ("regime-as-label", "The regime jailed three reporters.", ["regime"]),
    (
        "brutal-crushing",
        "Riot police brutally crushed the peaceful vigil.",
        ["brutally", "crushed"],
    ),
    ("neutral-news-sentence", "Police cleared the square.", []),
]


@pytest.mark.parametrize("sentence, terms", [x[1:] for x in LOADED], ids=[x[0] for x in LOADED])
def test_03_context_decides(sentence, terms):
    found = [m.text for m in framing.analyze(sentence).loaded_terms]
    assert [t for t in terms if not any(t in f for f in found)] == []
    assert bool(found) == bool(terms)


def test_03_love_letters_are_trumps_words_not_the_authors(reference_analysis):
    # "Trump's "love letters" are his words: they are not counted in the author's voice."
    a = reference_analysis
    at = a.text.index("love letters")
    assert not any(m.start < at + 12 and at < m.end for m in a.loaded_terms if not m.in_quote)


def test_03_reframe_never_rewrites_a_quotation(reference_analysis):
    # "quotations are never rewritten"
    r = reference_analysis.reframe()
    assert r.changes
    for q in reference_analysis.quotes:
        assert q.text in r.text
    for c in r.changes:
        assert not any(q.start <= c["start"] < q.end for q in reference_analysis.quotes)


def test_03_the_partisan_outlets_load_their_words_most(sarn):
    # "the Velmora Sentinel and the Dastrava National News Agency ... load their words the most"
    loaded = {i: plots.outlet_table(sarn)[i]["loaded_terms"] for i in SARN}
    assert set(sorted(SARN, key=loaded.get)[-2:]) == {"sarn-summit-sentinel", "sarn-summit-dnna"}


# ============================================================================== 04
def test_04_boosters_partisan_outlets_most_wire_fewest(sarn):
    # "the Velmora Sentinel and the state agency carry the most boosters, Meridian Wire the fewest"
    boosters = {i: plots.outlet_table(sarn)[i]["boosters"] for i in SARN}
    assert set(sorted(SARN, key=boosters.get)[-2:]) == {"sarn-summit-sentinel", "sarn-summit-dnna"}
    assert boosters["sarn-summit-wire"] == min(boosters.values())


def test_04_every_story_in_the_catalog_has_several_outlets_to_compare():
    # "a stadium subsidy vote and a protest, each told two ways"
    events = corpus.events()
    assert len(events["sarn-summit"]) == 5
    assert len(events["harlow-stadium"]) == 2 and len(events["corvale-protest"]) == 2


# ============================================================================== 05
def test_05_kappa_example_numbers():
    # "Both of you agree on 8 of the 10 words (80%), yet κ is only about 0.38"
    cell = next(
        source(c) for c in cells(LESSONS[5]) if c["cell_type"] == "code" and "you = [" in source(c)
    )
    env = {}
    for line in cell.splitlines()[:2]:
        name, value = line.split(" = ")
        env[name] = ast.literal_eval(value)
    agree = sum(a == b for a, b in zip(env["you"], env["classmate"]))
    assert (agree, len(env["you"])) == (8, 10)
    assert round(widgets.cohen_kappa(env["you"], env["classmate"]), 2) == 0.38


def test_05_adding_would_costs_precision_removing_may_costs_recall(reference_text):
    # "adding "would" costs precision ... Removing "may" costs recall"
    gold = corpus.load_gold(corpus.REFERENCE_ID)
    bundled = framing.default_lexicons()
    row = {"term": "would", "category": "student", "pos": "other", "source": "student"}

    def hedges(lex):
        return validate.score_article(
            reference_text, gold, framing.analyze(reference_text, lexicons=lex)
        )["hedges"]

    base, more, fewer = (
        hedges(bundled),
        hedges(bundled.with_entries("hedges", [row])),
        hedges(bundled.without("hedges", ["may"])),
    )
    assert more["precision"] < base["precision"] and more["recall"] == base["recall"]
    assert fewer["recall"] < base["recall"]
