"""``framing exercises build``: the source format, the student copies, the executed keys.

The keys are computed by executing the solutions, so no test here pins a metric value: the
tests check structure, determinism and that every failure names its file and cell.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from framing import corpus
from framing.exercises import build
from framing.exercises import format as fmt
from framing.exercises.build import BuildError

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "exercises" / "source"
STUDENT = ROOT / "exercises" / "student"


def framing_cli(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT):
    return subprocess.run(
        [sys.executable, "-m", "framing.cli", "exercises", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


@contextmanager
def isolated_jupyter(jupyter_env: dict[str, str]):
    """In-process builds: papermill's kernels see the isolated Jupyter/IPython/matplotlib dirs."""
    with pytest.MonkeyPatch.context() as mp:
        for k, v in jupyter_env.items():
            if k.startswith(("JUPYTER_", "IPYTHONDIR", "MPLCONFIGDIR")):
                mp.setenv(k, v)
        yield


def shared_dir(tmp_path_factory, name: str) -> Path:
    """A folder of this test run that every xdist worker sees (pytest-N/, not popen-gwX/)."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name


def build_once(tmp_path_factory, jupyter_env) -> Path:
    """Keys for every exercise on its default article, built once per test run (in process,
    so papermill is imported once; shared by the xdist workers through a lock file)."""
    root = shared_dir(tmp_path_factory, "framing-exercises")
    root.mkdir(exist_ok=True)
    out = root / "exercises"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "manifest.json").exists():
            with isolated_jupyter(jupyter_env):
                build.build(out=out, student=root / "student", progress=False)
    return out


@pytest.fixture(scope="session")
def built(tmp_path_factory, jupyter_env) -> Path:
    return build_once(tmp_path_factory, jupyter_env)


# --------------------------------------------------------------------------- solution markers

STRIP = [
    # (id, solution code, student code)
    ("suffix-on-assignment-keeps-the-name", "n = len(a.hedges)  # SOLUTION", "n = ..."),
    ("suffix-on-annotated-assignment", "n: int = 5  # SOLUTION", "n: int = ..."),
    ("suffix-on-a-statement-keeps-indent", "if x:\n    print(x)  # SOLUTION", "if x:\n    ..."),
    ("suffix-on-augmented-assignment-is-a-bare-blank", "    c[k] += 1  # SOLUTION", "    ..."),
    ("suffix-no-prompt-removes-the-line", "x = 1\ny = 2  # SOLUTION NO PROMPT", "x = 1"),
    ("block-becomes-one-blank", "# BEGIN SOLUTION\nx = 1\ny = x\n# END SOLUTION", "..."),
    (
        "indented-block",
        "if t:\n    # BEGIN SOLUTION\n    x = 1\n    # END SOLUTION",
        "if t:\n    ...",
    ),
    (
        "block-no-prompt-disappears",
        "a = 1\n# BEGIN SOLUTION NO PROMPT\nb = 2\n# END SOLUTION",
        "a = 1",
    ),
    # contrastive negatives: text that mentions the word but is not a marker
    (
        "comment-mentioning-solution-is-kept",
        "# the SOLUTION comes later",
        "# the SOLUTION comes later",
    ),
    ("string-with-marker-word-is-kept", 'msg = "SOLUTION"', 'msg = "SOLUTION"'),
    ("plain-code-is-kept", "analysis = framing.analyze(text)", "analysis = framing.analyze(text)"),
]


@pytest.mark.parametrize("src, expected", [r[1:] for r in STRIP], ids=[r[0] for r in STRIP])
def test_strip_solutions(src, expected):
    assert fmt.strip_solutions(src) == expected


BAD_MARKERS = [
    ("begin-without-end", "# BEGIN SOLUTION\nx = 1", "without # END SOLUTION"),
    ("end-without-begin", "x = 1\n# END SOLUTION", "without # BEGIN SOLUTION"),
    ("nested-begin", "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "nested"),
    # ruff format splits a long line and leaves the marker on its closing bracket
    ("suffix-on-a-split-line", "x = min(\n    a, b\n)  # SOLUTION", "must end a complete one-line"),
    ("suffix-on-a-block-header", "if ready:  # SOLUTION\n    go()", "must end a complete one-line"),
]


@pytest.mark.parametrize(
    "src, message", [r[1:] for r in BAD_MARKERS], ids=[r[0] for r in BAD_MARKERS]
)
def test_unbalanced_markers_name_the_cell(src, message):
    with pytest.raises(fmt.ExerciseFormatError, match=message) as e:
        fmt.strip_solutions(src, "x.ipynb, cell 4")
    assert "x.ipynb, cell 4" in str(e.value)


# --------------------------------------------------------------------------- question blocks


def notebook(*cells: tuple[str, str, list[str]]) -> dict:
    return {
        "cells": [
            {
                "cell_type": kind,
                "id": f"c{i}",
                "metadata": {"tags": tags} if tags else {},
                "source": src,
                **({"outputs": [], "execution_count": None} if kind == "code" else {}),
            }
            for i, (kind, src, tags) in enumerate(cells)
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


PARAMS = ("code", 'ARTICLE: str = "hanoi-summit-2019"  # article id', ["parameters"])


def question(block: str, qid: str = "9.1") -> tuple[str, str, list[str]]:
    return ("markdown", f"**Question {qid}.** Count.\n\n```\nBEGIN QUESTION\n{block}```", [])


GOOD = "answer: n\ntype: int\npoints: 2\nhint: Count again.\n"
ANSWER = ("code", "n = 3  # SOLUTION", [])


def write_source(folder: Path, nb: dict, name: str = "09-test") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


BAD_SOURCES = [
    # (id, cells, message the error must contain)
    ("no-parameters-cell", [question(GOOD), ANSWER], "no code cell tagged 'parameters'"),
    ("no-question-at-all", [PARAMS, ANSWER], "no questions"),
    ("missing-hint", [PARAMS, question("answer: n\ntype: int\n"), ANSWER], "needs a 'hint'"),
    (
        "unknown-type",
        [PARAMS, question("answer: n\ntype: integer\nhint: h\n"), ANSWER],
        "type 'integer'",
    ),
    ("unknown-key", [PARAMS, question(GOOD + "pionts: 3\n"), ANSWER], "unknown key(s) pionts"),
    (
        "answer-not-an-identifier",
        [PARAMS, question("answer: 2n\ntype: int\nhint: h\n"), ANSWER],
        "'answer' must name",
    ),
    (
        "tolerance-on-a-string",
        [PARAMS, question("answer: n\ntype: str\ntolerance: 1\nhint: h\n"), ANSWER],
        "'tolerance' applies",
    ),
    (
        "negative-points",
        [PARAMS, question("answer: n\ntype: int\npoints: -1\nhint: h\n"), ANSWER],
        "positive number",
    ),
    ("block-is-not-yaml", [PARAMS, question("answer: [n\n"), ANSWER], "not YAML"),
    (
        "no-question-number",
        [PARAMS, ("markdown", "Count.\n```\nBEGIN QUESTION\n" + GOOD + "```", []), ANSWER],
        "**Question N.M.**",
    ),
    ("no-answer-cell-after", [PARAMS, question(GOOD)], "must assign 'n'"),
    (
        "answer-cell-assigns-another-name",
        [PARAMS, question(GOOD), ("code", "m = 3", [])],
        "must assign 'n'",
    ),
    (
        "question-asked-twice",
        [
            PARAMS,
            question(GOOD),
            ANSWER,
            question(GOOD.replace("n\n", "k\n", 1)),
            ("code", "k = 1", []),
        ],
        "already asked in cell 1",
    ),
    (
        "answer-variable-reused",
        [PARAMS, question(GOOD), ANSWER, question(GOOD, "9.2"), ("code", "n = 4", [])],
        "used twice: n",
    ),
    (
        "instructor-only-answer-cell",
        [PARAMS, question(GOOD), ("code", "n = 3", ["instructor-only"])],
        "cannot be instructor-only",
    ),
]


@pytest.mark.parametrize(
    "cells, message", [r[1:] for r in BAD_SOURCES], ids=[r[0] for r in BAD_SOURCES]
)
def test_malformed_sources_are_refused_with_file_and_reason(tmp_path, cells, message):
    path = write_source(tmp_path, notebook(*cells))
    with pytest.raises(fmt.ExerciseFormatError) as e:
        fmt.parse_exercise(path)
    assert str(path) in str(e.value) and message in str(e.value)


def test_a_question_block_is_parsed_with_its_defaults(tmp_path):
    ex = fmt.parse_exercise(write_source(tmp_path, notebook(PARAMS, question(GOOD), ANSWER)))
    (q,) = ex.questions
    assert (q.id, q.answer, q.type, q.points, q.tolerance, q.hint) == (
        "9.1",
        "n",
        "int",
        2,
        0,
        "Count again.",
    )
    assert (q.cell, q.answer_cell) == (1, 2)
    assert ex.parameters == {"ARTICLE": "hanoi-summit-2019"}


def test_student_copy_drops_solutions_blocks_outputs_and_instructor_cells(tmp_path):
    nb = notebook(
        PARAMS,
        question(GOOD),
        ANSWER,
        ("code", "assert n == 3  # instructor check", ["instructor-only"]),
    )
    nb["cells"][2]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "3\n"}]
    nb["cells"][2]["execution_count"] = 7
    ex = fmt.parse_exercise(write_source(tmp_path, nb))
    student = fmt.student_notebook(ex, {"ARTICLE": "sarn-summit-wire"})
    text = fmt.dumps(student)
    assert (
        "BEGIN QUESTION" not in text and "SOLUTION" not in text and "instructor check" not in text
    )
    assert [c["cell_type"] for c in student["cells"]] == ["code", "markdown", "code"]
    assert "".join(student["cells"][2]["source"]) == "n = ..."
    assert student["cells"][2]["outputs"] == [] and student["cells"][2]["execution_count"] is None
    assert student["cells"][2]["metadata"]["framing"] == {"question": "9.1", "answer": "n"}
    assert student["cells"][1]["metadata"]["editable"] is False
    assert (
        "".join(student["cells"][0]["source"]) == "ARTICLE: str = 'sarn-summit-wire'  # article id"
    )
    assert student["metadata"]["framing"]["exercise"] == "09-test"


# --------------------------------------------------------------------------- the committed copies


def test_committed_student_notebooks_match_the_sources():
    """The drift check `make test` relies on (`framing exercises build --check`)."""
    assert build.check(SOURCE, STUDENT) == []


def test_check_command_passes_on_the_repository():
    r = framing_cli("build", "--check")
    assert r.returncode == 0, r.stderr
    assert "match" in r.stdout


def test_check_command_reports_drift_and_orphans(tmp_path):
    src, stu = tmp_path / "source", tmp_path / "student"
    shutil.copytree(SOURCE, src)
    shutil.copytree(STUDENT, stu)
    first = sorted(src.glob("*.ipynb"))[0]
    nb = json.loads(first.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = ["# A retitled exercise\n"]
    first.write_text(json.dumps(nb), encoding="utf-8")
    (stu / "99-stale.ipynb").write_text("{}", encoding="utf-8")
    r = framing_cli("build", "--check", "--source", str(src), "--student", str(stu))
    assert r.returncode == 1
    assert f"{first.name}: differs" in r.stderr and "99-stale.ipynb: has no source" in r.stderr
    assert "framing exercises build" in r.stderr


def test_every_source_is_a_lesson_shaped_notebook():
    for ex in build.load_exercises(SOURCE):
        cells = ex.nb["cells"]
        assert "".join(cells[0]["source"]).startswith("# Exercises"), ex.name
        assert "parameters" in cells[1]["metadata"].get("tags", []), ex.name
        assert "ARTICLE" in ex.parameters, ex.name
        assert len({q.type for q in ex.questions}) >= 3, f"{ex.name}: vary the question types"
    kinds = {q.type for ex in build.load_exercises(SOURCE) for q in ex.questions}
    assert {"int", "float", "str", "set", "spans"} <= kinds


# --------------------------------------------------------------------------- roster

ROSTERS = [
    # (id, file name, contents, ids or error fragment)
    ("csv-with-student-column", "r.csv", "student,name\nada,Ada L\nbob,Bob K\n", ["ada", "bob"]),
    ("csv-with-email-column", "r.csv", "Email,Name\nada@uni.edu,Ada\n", ["ada@uni.edu"]),
    ("one-id-per-line-with-comments", "r.txt", "# term 2\nada\n\nbob\n", ["ada", "bob"]),
    ("utf8-bom-is-ignored", "r.txt", "\ufeffada\n", ["ada"]),
    ("duplicate-id", "r.txt", "ada\nbob\nada\n", "r.txt:3: student 'ada' already listed on line 1"),
    ("path-like-id", "r.txt", "../ada\n", "r.txt:1: student id '../ada'"),
    ("csv-without-id-column", "r.csv", "name,grade\nAda,1\n", "needs a 'student' column"),
    ("empty-roster", "r.txt", "# nobody yet\n", "no student ids"),
]


@pytest.mark.parametrize("name, text, want", [r[1:] for r in ROSTERS], ids=[r[0] for r in ROSTERS])
def test_read_roster(tmp_path, name, text, want):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if isinstance(want, list):
        assert build.read_roster(path) == want
    else:
        with pytest.raises(BuildError, match=want.replace("(", r"\(").replace(".", r"\.")) as e:
            build.read_roster(path)
        assert e.value.usage


def test_assignment_is_a_function_of_the_id_alone():
    articles = ["sarn-summit-wire", "hanoi-summit-2019", "sarn-summit-dnna"]
    small = build.assign(["ada", "bob"], articles)
    grown = build.assign(["zed", "bob", "ada", "kim"], list(reversed(articles)))
    assert small == {k: grown[k] for k in small}  # adding students or reordering changes nobody
    spread = build.assign([f"s{i:03}" for i in range(60)], articles)
    assert set(spread.values()) == set(articles)


# --------------------------------------------------------------------------- executed builds


def test_build_writes_a_key_per_exercise_with_every_field(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    exercises = build.load_exercises(SOURCE)
    assert manifest["exercises"] == [ex.name for ex in exercises]
    for ex in exercises:
        article = ex.parameters["ARTICLE"]
        key = json.loads((built / "keys" / article / f"{ex.name}.json").read_text(encoding="utf-8"))
        assert key["article"] == article and key["parameters"] == {"ARTICLE": article}
        assert [q["id"] for q in key["questions"]] == [q.id for q in ex.questions]
        for q in key["questions"]:
            assert {"answer", "type", "expected", "tolerance", "points", "hint"} <= set(q)
        text = corpus.load(article)
        for q in key["questions"]:
            if q["type"] == "spans":
                assert all(text[s["start"] : s["end"]] == s["text"] for s in q["expected"])
        html = (built / "solutions" / article / f"{ex.name}.html").read_text(encoding="utf-8")
        assert "Question" in html and "FRAMING-ANSWERS" not in html


def test_two_articles_roster_and_byte_identical_keys(built, tmp_path, jupyter_env):
    roster = tmp_path / "roster.txt"
    roster.write_text("ada\nbob\ncyd\ndee\neve\n", encoding="utf-8")
    out = tmp_path / "exercises"
    articles = ["hanoi-summit-2019", "sarn-summit-wire"]
    with isolated_jupyter(jupyter_env):
        report = build.build(articles, roster=roster, only=["01-hedging"], out=out, progress=False)
    assert report.changed == []  # a partial build leaves exercises/student alone
    again = (out / "keys" / "hanoi-summit-2019" / "01-hedging.json").read_bytes()
    assert again == (built / "keys" / "hanoi-summit-2019" / "01-hedging.json").read_bytes()
    expected = build.assign(["ada", "bob", "cyd", "dee", "eve"], articles)
    rows = (out / "roster.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "student,article" and dict(x.split(",") for x in rows[1:]) == expected
    for sid, article in expected.items():
        nb = json.loads((out / "students" / sid / "01-hedging.ipynb").read_text(encoding="utf-8"))
        params = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])][0]
        assert fmt.literal_assignments("".join(params["source"])) == {"ARTICLE": article}
        assert (out / "keys" / article / "01-hedging.json").exists()
    for article in articles:
        hand_out = out / "student" / article / "01-hedging.ipynb"
        assert f"ARTICLE: str = {article!r}" in hand_out.read_text(encoding="utf-8")


def test_a_failing_solution_names_notebook_cell_question_and_article(tmp_path, jupyter_env):
    src = tmp_path / "source"
    nb = notebook(PARAMS, question(GOOD), ("code", "n = len(undefined_name)  # SOLUTION", []))
    path = write_source(src, nb)
    before = sorted(tmp_path.iterdir())
    with isolated_jupyter(jupyter_env), pytest.raises(BuildError) as e:
        build.build(source=src, student=tmp_path / "student", out=tmp_path / "out", progress=False)
    assert str(e.value).startswith(
        f"{path}, cell 2 (Question 9.1), article hanoi-summit-2019: NameError"
    )
    assert not e.value.usage
    assert sorted(tmp_path.iterdir()) == before  # nothing written on failure


def test_a_broken_source_fails_the_command_with_exit_1(tmp_path):
    src = tmp_path / "source"
    write_source(src, notebook(PARAMS, question("answer: n\ntype: int\n"), ANSWER))
    r = framing_cli("build", "--source", str(src), "--build", str(tmp_path / "out"))
    assert r.returncode == 1
    assert "cell 1: every question needs a 'hint'" in r.stderr and "Traceback" not in r.stderr


BAD_COMMANDS = [
    (
        "unknown-article",
        ["build", "--article", "no-such-article"],
        "no bundled article 'no-such-article'",
    ),
    ("missing-sources", ["build", "--source", "nowhere"], "no exercise sources in nowhere/"),
    ("unknown-exercise", ["build", "--exercise", "99-nothing"], "no exercise 99-nothing"),
]


@pytest.mark.parametrize(
    "args, message", [r[1:] for r in BAD_COMMANDS], ids=[r[0] for r in BAD_COMMANDS]
)
def test_usage_errors_exit_2_without_traceback(args, message):
    r = framing_cli(*args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
