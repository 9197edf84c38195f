"""``framing exercises grade``: scoring, answer extraction, and hostile submissions.

One batch (solutions, blank copies, a partial answer, malformed files and hostile notebooks)
is graded once for the module; each test reads its part.  Keys come from executing the
solutions (the ``built`` fixture), so no metric value is pinned here.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from framing.exercises import extract, grade
from framing.exercises import format as fmt
from framing.exercises.grade import GradeError
from framing.exercises.score import match_spans, score
from framing.types import Span
from tests.test_exercises_build import SOURCE, STUDENT, build_once, shared_dir

TIMEOUT = 5.0  # seconds per cell: a forked kernel runs a whole exercise in < 1 s; slack for load


@pytest.fixture(scope="session")
def built(tmp_path_factory, jupyter_env) -> Path:
    """The keys ``tests/test_exercises_build.py`` builds (once per run, whichever file asks)."""
    return build_once(tmp_path_factory, jupyter_env)


# --------------------------------------------------------------------------- scoring table


def q(qtype: str, expected, points: float = 2, tolerance=None) -> dict:
    return {
        "id": "9.1",
        "answer": "x",
        "type": qtype,
        "expected": expected,
        "points": points,
        "tolerance": tolerance,
        "hint": "Check the voice.",
    }


def ok(value) -> dict:
    return {"status": "ok", "value": value}


def spans(*pairs: tuple[int, int]) -> list[dict]:
    return [{"start": s, "end": e, "text": "?" * (e - s)} for s, e in pairs]


SCORES = [
    # (id, question, extracted answer, points awarded, status)
    ("int-exact", q("int", 7, tolerance=0), ok(7), 2, "correct"),
    ("int-off-by-one", q("int", 7, tolerance=0), ok(8), 0, "wrong"),
    ("int-within-tolerance", q("int", 7, tolerance=1), ok(8), 2, "correct"),
    ("int-as-integral-float", q("int", 7, tolerance=0), ok(7.0), 2, "correct"),
    ("int-as-fraction-is-a-type-error", q("int", 7, tolerance=0), ok(7.5), 0, "unsupported"),
    ("bool-is-not-a-number", q("int", 1, tolerance=0), ok(True), 0, "unsupported"),
    ("number-as-string", q("int", 7, tolerance=0), ok("7"), 0, "unsupported"),
    ("float-within-tolerance", q("float", 5.19, tolerance=0.05), ok(5.2), 2, "correct"),
    (
        "float-unrounded-within-tolerance",
        q("float", 5.19, tolerance=0.05),
        ok(5.1867),
        2,
        "correct",
    ),
    ("float-outside-tolerance", q("float", 5.19, tolerance=0.05), ok(5.3), 0, "wrong"),
    ("float-nan", q("float", 5.19, tolerance=0.05), ok("nan"), 0, "unsupported"),
    ("str-case-and-spaces-ignored", q("str", "lexical-verb"), ok("  Lexical-Verb "), 2, "correct"),
    ("str-different", q("str", "lexical-verb"), ok("modal"), 0, "wrong"),
    ("str-expected-none-given-none", q("str", None), ok(None), 2, "correct"),
    ("str-expected-none-given-name", q("str", None), ok("Trump"), 0, "wrong"),
    ("bool-right", q("bool", True), ok(True), 2, "correct"),
    ("bool-as-int", q("bool", True), ok(1), 0, "unsupported"),
    ("set-equal-any-order", q("set", ["kim", "trump"]), ok(["Trump", "kim"]), 2, "correct"),
    ("set-half-right", q("set", ["kim", "trump"]), ok(["trump", "putin"]), 1, "partial"),
    ("set-both-empty", q("set", []), ok([]), 2, "correct"),
    ("set-all-wrong", q("set", ["kim"]), ok(["putin"]), 0, "wrong"),
    ("set-of-numbers", q("set", ["kim"]), ok([1]), 0, "unsupported"),
    ("spans-exact", q("spans", spans((0, 6), (10, 17))), ok([[10, 17], [0, 6]]), 2, "correct"),
    ("spans-boundary-differs-but-overlaps", q("spans", spans((0, 6))), ok([[0, 9]]), 2, "correct"),
    ("spans-sentence-fishing", q("spans", spans((50, 56))), ok([[0, 120]]), 0, "wrong"),
    ("spans-duplicate-counts-once", q("spans", spans((0, 6))), ok([[0, 6], [0, 6]]), 2, "correct"),
    ("spans-one-of-two-found", q("spans", spans((0, 6), (10, 17))), ok([[0, 6]]), 1.33, "partial"),
    ("spans-one-extra", q("spans", spans((0, 6))), ok([[0, 6], [30, 35]]), 1.33, "partial"),
    ("spans-not-pairs", q("spans", spans((0, 6))), ok([[0, 6], "regime"]), 1.33, "partial"),
    ("spans-empty-key-empty-answer", q("spans", []), ok([]), 2, "correct"),
    ("spans-empty-key-some-answer", q("spans", []), ok([[0, 6]]), 0, "wrong"),
    ("blank-ellipsis", q("int", 7, tolerance=0), {"status": "blank"}, 0, "blank"),
    ("missing-variable", q("int", 7, tolerance=0), {"status": "missing"}, 0, "missing"),
    (
        "unsupported-object",
        q("set", ["kim"]),
        {"status": "unsupported", "type": "DataFrame"},
        0,
        "unsupported",
    ),
]


@pytest.mark.parametrize(
    "question, answer, awarded, status", [r[1:] for r in SCORES], ids=[r[0] for r in SCORES]
)
def test_score(question, answer, awarded, status):
    mark = score(question, answer)
    assert (mark.awarded, mark.status) == (awarded, status)
    assert mark.points == question["points"]
    if status != "correct":
        assert mark.message  # always say something a student can act on


LEAKS = [
    # (id, question, wrong answer, strings of the key that must not appear in the feedback)
    ("str", q("str", "lexical-verb"), ok("modal"), ["lexical-verb"]),
    ("set", q("set", ["halvik", "ardani"]), ok(["halvik"]), ["ardani"]),
    (
        "spans",
        {**q("spans", []), "expected": [{"start": 0, "end": 6, "text": "regime"}]},
        ok([[9, 12]]),
        ["regime", "(0, 6)", "[0, 6]"],
    ),
    ("int", q("int", 4242, tolerance=0), ok(1), ["4242"]),
]


@pytest.mark.parametrize(
    "question, answer, secrets", [r[1:] for r in LEAKS], ids=[r[0] for r in LEAKS]
)
def test_feedback_gives_hints_never_the_expected_value(question, answer, secrets):
    mark = score(question, answer)
    assert "Hint: Check the voice." in mark.message
    assert not [s for s in secrets if s in mark.message]


def test_span_matching_is_one_to_one():
    # one long student span overlapping two key spans matches only one of them
    assert match_spans([(0, 5), (6, 11)], [(0, 11)]) == 1
    assert match_spans([(0, 5), (6, 11)], [(0, 5), (6, 11)]) == 2


# --------------------------------------------------------------------------- extraction


class Sneaky:
    """An answer whose methods must never run in the extractor."""

    def __eq__(self, other):
        raise AssertionError("__eq__ called")

    def __repr__(self):
        raise AssertionError("__repr__ called")

    __hash__ = object.__hash__


class MyList(list):
    def __iter__(self):
        raise AssertionError("__iter__ called")


LOOP: list = []
LOOP.append(LOOP)

CONVERSIONS = [
    # (id, value, converted)
    ("ellipsis-is-blank", ..., {"status": "blank"}),
    ("int", 7, {"status": "ok", "value": 7}),
    ("none", None, {"status": "ok", "value": None}),
    ("tuple-of-tuples-to-lists", ((0, 6), (9, 12)), {"status": "ok", "value": [[0, 6], [9, 12]]}),
    ("set-sorted", {"trump", "kim"}, {"status": "ok", "value": ["kim", "trump"]}),
    ("framing-span-to-pair", [Span(3, 9, "regime")], {"status": "ok", "value": [[3, 9]]}),
    ("infinite-float", float("inf"), {"status": "ok", "value": "inf"}),
    ("object-methods-never-called", Sneaky(), {"status": "unsupported", "type": "Sneaky"}),
    ("list-subclass-not-iterated", MyList([1]), {"status": "unsupported", "type": "MyList"}),
    ("self-containing-list", LOOP, {"status": "unsupported", "type": "deeply nested list"}),
    ("huge-list", [0] * 10_000, {"status": "unsupported", "type": "list of 10000 items"}),
]


@pytest.mark.parametrize(
    "value, want", [r[1:] for r in CONVERSIONS], ids=[r[0] for r in CONVERSIONS]
)
def test_extract_convert(value, want):
    assert extract.convert(value) == want


def test_extract_numpy_scalars_become_numbers():
    np = pytest.importorskip("numpy")
    assert extract.convert(np.int64(5)) == {"status": "ok", "value": 5}


def test_collect_reports_missing_names():
    payload = json.loads(extract.collect(["a", "b"], {"a": 1}))
    assert payload["answers"] == {"a": {"status": "ok", "value": 1}, "b": {"status": "missing"}}


# --------------------------------------------------------------------------- discovery


def test_discover_flat_and_nested_layouts(tmp_path):
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "ada.ipynb").write_text("{}")
    (tmp_path / "nested" / "bob" / ".ipynb_checkpoints").mkdir(parents=True)
    (tmp_path / "nested" / "bob" / "01-hedging.ipynb").write_text("{}")
    (tmp_path / "nested" / "bob" / ".ipynb_checkpoints" / "01-hedging-checkpoint.ipynb").write_text(
        "{}"
    )
    (tmp_path / "nested" / "bob" / "notes.txt").write_text("")
    subs = grade.discover([tmp_path / "flat", tmp_path / "nested"])
    assert [(s.path.name, s.student) for s in subs] == [
        ("ada.ipynb", "ada"),
        ("01-hedging.ipynb", "bob"),
    ]


def test_discover_errors(tmp_path):
    with pytest.raises(GradeError, match="no such file"):
        grade.discover([tmp_path / "nowhere"])
    with pytest.raises(GradeError, match="no .ipynb submissions"):
        grade.discover([tmp_path])


# --------------------------------------------------------------------------- the graded batch


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def save(nb: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb), encoding="utf-8")


def answer_cell(nb: dict, qid: str) -> dict:
    """The cell a student notebook marks as the answer cell of ``qid``."""
    return [c for c in nb["cells"] if c["metadata"].get("framing", {}).get("question") == qid][-1]


def with_answer(nb: dict, qid: str, code: str) -> dict:
    """A copy of the student notebook ``nb`` with ``code`` in the answer cell of ``qid``."""
    nb = json.loads(json.dumps(nb))
    answer_cell(nb, qid)["source"] = code
    return nb


def filled() -> dict:
    """The hedging student notebook as a perfect student hands it in: every answer cell
    holds the solution's code."""
    nb = load(STUDENT / "01-hedging.ipynb")
    for q in HEDGING.questions:
        nb = with_answer(nb, q.id, fmt.cell_source(HEDGING.nb["cells"][q.answer_cell]))
    return nb


HEDGING = fmt.parse_exercise(SOURCE / "01-hedging.ipynb")
SOLUTION = fmt.cell_source(HEDGING.nb["cells"][HEDGING.questions[2].answer_cell])  # Q 1.3

# Every hostile notebook is the hedging solution with the cell of Question 1.3 replaced.
HOSTILE = {
    "infinite-loop": "while True:\n    pass",
    "loop-that-ignores-interrupts": "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
    "sys-exit": "import sys\nsys.exit()",
    "os-exit": "import os\nos._exit(1)",
    "kill-the-grader": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
    "read-the-key": "import json\nkey = json.load(open({key!r}))\ntop_hedge_category = key['questions'][2]['expected']",
    "delete-files": (
        "import os, shutil\n"
        "for f in os.listdir('.'):\n    os.remove(f)\n"
        "for target in ({canary!r}, {submissions!r}):\n"
        "    try:\n        os.remove(target) if os.path.isfile(target) else shutil.rmtree(target)\n"
        "    except OSError:\n        pass\n" + SOLUTION
    ),
    "exception": "1 / 0\n" + SOLUTION,
    "renamed-variable": SOLUTION.replace("top_hedge_category =", "top_category ="),
}
HOSTILE_STATUS = {
    "infinite-loop": "timeout",
    "loop-that-ignores-interrupts": "timeout",
    "sys-exit": "error",
    "os-exit": "crashed",
    "kill-the-grader": "error",
    "read-the-key": "error",
    "delete-files": "correct",
    "exception": "error",
    "renamed-variable": "missing",
}


def tree_digest(*roots: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for root in roots
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def grade_batch(tmp: Path, built: Path) -> None:
    """Write the class into ``tmp/submissions`` and grade it into ``tmp/grades``."""
    subs = tmp / "submissions"
    canary = tmp / "outside" / "canary.txt"
    canary.parent.mkdir()
    canary.write_text("outside every sandbox\n")
    key = built / "keys" / HEDGING.parameters["ARTICLE"] / "01-hedging.json"
    solution = filled()
    (subs / "solver").mkdir(parents=True)
    (subs / "blank").mkdir()
    for src in sorted(SOURCE.glob("*.ipynb")):
        shutil.copy(src, subs / "solver" / src.name)
        shutil.copy(STUDENT / src.name, subs / "blank" / src.name)
    for name, code in HOSTILE.items():
        code = code.format(key=str(key), canary=str(canary), submissions=str(subs))
        save(with_answer(solution, "1.3", code), subs / f"hostile-{name}" / "01-hedging.ipynb")
    # partial: a wrong count, and half of the key's spans plus one that is not in it
    expected = load(key)["questions"][3]["expected"]
    half = [f"({s['start']}, {s['end']})" for s in expected[: max(1, len(expected) // 2)]]
    partial = with_answer(solution, "1.1", "author_hedges = -1")
    partial = with_answer(partial, "1.4", f"author_hedge_spans = [{', '.join(half)}, (0, 3)]")
    save(partial, subs / "partial" / "01-hedging.ipynb")
    # malformed: truncated JSON, and a notebook whose answer cell of 1.2 was deleted
    (subs / "truncated").mkdir()
    (subs / "truncated" / "01-hedging.ipynb").write_text(json.dumps(solution)[:500])
    deleted = json.loads(json.dumps(solution))
    deleted["cells"].remove(answer_cell(deleted, "1.2"))
    save(deleted, subs / "deleted-cell" / "01-hedging.ipynb")
    # no parameters cell: the key's article is injected at the top
    no_params = json.loads(json.dumps(solution))
    del no_params["cells"][1]
    save(no_params, subs / "no-parameters-cell" / "01-hedging.ipynb")

    before = tree_digest(subs, built, canary.parent)
    grade.grade([subs], out=tmp / "grades", build=built, timeout=TIMEOUT, jobs=2, progress=False)
    after = tree_digest(subs, built, canary.parent)
    (tmp / "digests.json").write_text(json.dumps({"before": before, "after": after}))


@pytest.fixture(scope="session")
def batch(built, tmp_path_factory) -> dict:
    """The graded class, graded once per run (xdist workers share it, like the keys)."""
    tmp = shared_dir(tmp_path_factory, "framing-grading")
    with open(tmp.parent / "framing-grading.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tmp / "digests.json").exists():
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            grade_batch(tmp, built)
    out = tmp / "grades"
    return {
        "results": load(out / "results.json"),
        "out": out,
        "tmp": tmp,
        **load(tmp / "digests.json"),
    }


def results(batch, student: str) -> list[dict]:
    return [g for g in batch["results"] if g["student"] == student]


def marks(batch, student: str) -> dict[str, tuple[float, float, str]]:
    return {
        m["question"]: (m["awarded"], m["points"], m["status"])
        for g in results(batch, student)
        for m in g["marks"]
    }


def test_the_solutions_score_full_marks(batch):
    got = marks(batch, "solver")
    assert len(results(batch, "solver")) == 4 and len(got) == 19
    assert {k: v for k, v in got.items() if v[0] != v[1]} == {}


def test_untouched_student_copies_score_zero_without_crashing(batch):
    for g in results(batch, "blank"):
        assert g["error"] is None and g["notes"] == [], g["notes"]
        assert set(g["cells"].values()) == {"ok"}, g["exercise"]
        assert {m["status"] for m in g["marks"]} == {"blank"} and g["awarded"] == 0


@pytest.mark.parametrize("name", list(HOSTILE), ids=list(HOSTILE))
def test_a_hostile_cell_costs_only_its_own_question(batch, name):
    got = marks(batch, f"hostile-{name}")
    assert got["1.3"][2] == HOSTILE_STATUS[name]
    others = {k: v for k, v in got.items() if k != "1.3"}
    assert all(a == p for a, p, _ in others.values()), others
    assert (got["1.3"][0] == got["1.3"][1]) == (HOSTILE_STATUS[name] == "correct")


def test_nothing_outside_the_sandboxes_changes(batch):
    assert batch["after"] == batch["before"]
    assert (batch["tmp"] / "outside" / "canary.txt").exists()


def test_restarts_and_interrupts_are_logged(batch):
    log = (batch["out"] / "grading.log").read_text(encoding="utf-8")
    for name in ("os-exit", "loop-that-ignores-interrupts"):
        (g,) = results(batch, f"hostile-{name}")
        assert any("kernel restart" in e for e in g["events"]), g["events"]
        assert f"hostile-{name}" in log


def test_partial_credit_and_hints_without_answers(batch):
    got = marks(batch, "partial")
    assert got["1.1"][:1] == (0,) and got["1.1"][2] == "wrong"
    assert 0 < got["1.4"][0] < got["1.4"][1] and got["1.4"][2] == "partial"
    assert got["1.3"][0] == got["1.3"][1]
    text = (batch["out"] / "feedback" / "partial.md").read_text(encoding="utf-8")
    assert "Hint:" in text and "match the key" in text


def test_feedback_never_contains_missed_key_spans(batch, built):
    key = load(built / "keys" / HEDGING.parameters["ARTICLE"] / "01-hedging.json")
    expected = key["questions"][3]["expected"]
    missed = expected[max(1, len(expected) // 2) :]
    text = (batch["out"] / "feedback" / "partial.md").read_text(encoding="utf-8")
    body = text.replace(HEDGING.questions[3].hint, "")
    assert [s["text"] for s in missed if f"`{s['text']}`" in body or f"'{s['text']}'" in body] == []
    assert (
        str(key["questions"][0]["expected"]) not in text.split("Question 1.1", 1)[1].split("\n")[0]
    )


def test_malformed_notebooks_get_a_clear_entry(batch):
    (g,) = results(batch, "truncated")
    assert g["error"] and "not a readable notebook" in g["error"] and g["marks"] == []
    text = (batch["out"] / "feedback" / "truncated.md").read_text(encoding="utf-8")
    assert "**Problem:**" in text
    got = marks(batch, "deleted-cell")
    assert got["1.2"][2] == "missing" and got["1.1"][0] == got["1.1"][1]
    (g,) = results(batch, "deleted-cell")
    assert any("Question 1.2 is missing" in n for n in g["notes"])
    assert all(a == p for a, p, _ in marks(batch, "no-parameters-cell").values())


def test_gradebook_has_a_row_per_student_and_a_column_per_question(batch):
    rows = (batch["out"] / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert header[:2] == ["student", "article"] and header[-2:] == ["total", "max"]
    assert header[2:-2] == [q for ex in ["01", "02", "03", "04"] for q in _ids(ex)]
    table = {r.split(",")[0]: r.split(",") for r in rows[1:]}
    assert table["solver"][-2] == table["solver"][-1]
    assert table["blank"][-2] == "0"
    assert set(table) == {g["student"] for g in batch["results"]}
    assert sorted(p.name for p in (batch["out"] / "feedback").iterdir()) == sorted(
        f"{s}.md" for s in table
    )


def _ids(prefix: str) -> list[str]:
    path = next(SOURCE.glob(f"{prefix}-*.ipynb"))
    return [q.id for q in fmt.parse_exercise(path).questions]


def test_regrading_replaces_the_out_folder_whole(batch, built, tmp_path):
    out = tmp_path / "grades"
    sub = tmp_path / "one" / "ada.ipynb"
    sub.parent.mkdir()
    shutil.copy(STUDENT / "01-hedging.ipynb", sub)
    grade.grade([sub.parent], out=out, build=built, timeout=TIMEOUT, progress=False)
    (out / "feedback" / "stale.md").write_text("from an earlier run")
    grade.grade([sub.parent], out=out, build=built, timeout=TIMEOUT, progress=False, fork=False)
    assert sorted(p.name for p in (out / "feedback").iterdir()) == ["ada.md"]
    assert (out / grade.MARKER).exists() and not list(tmp_path.glob(".grades*"))


def test_refuses_an_out_folder_it_did_not_write(built, tmp_path):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.tex").write_text("precious")
    sub = tmp_path / "ada.ipynb"
    shutil.copy(STUDENT / "01-hedging.ipynb", sub)
    with pytest.raises(GradeError, match="was not written by"):
        grade.grade([sub], out=out, build=built, progress=False)
    with pytest.raises(GradeError, match="overlaps the submissions"):
        grade.grade([tmp_path], out=tmp_path / "grades", build=built, progress=False)
    assert (out / "chapter1.tex").read_text() == "precious"


def test_grading_without_keys_is_a_usage_error(tmp_path, capsys):
    from framing.cli import main

    sub = tmp_path / "ada.ipynb"
    shutil.copy(STUDENT / "01-hedging.ipynb", sub)
    assert main(["exercises", "grade", str(sub), "--build", str(tmp_path / "nobuild")]) == 2
    assert "run `framing exercises build` first" in capsys.readouterr().err
