"""``framing exercises grade``: run submissions in sandboxed kernels, score them, report.

For each submission notebook:

1. it is read once (never opened for writing) and copied into a fresh temporary folder;
2. a kernel starts in that folder under :mod:`framing.exercises.sandbox`, with an environment
   that names neither the keys nor the submissions;
3. its code cells run one by one with a time limit each; the article parameters of its key
   are injected after the ``parameters`` cell, as papermill does;
4. the answer variables are read back as JSON and compared with the key *here*, in the grader
   process: keys never enter the student's kernel or its folder.

The out folder (``gradebook.csv``, ``feedback/<student>.md``, ``results.json``,
``grading.log``) is written to a temporary sibling and swapped in at the end, so a re-grade
replaces it whole and an interrupted one leaves the previous grades in place.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import logging
import os
import re
import shutil
import site
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.exercises import format as fmt
from framing.exercises.build import BUILD_DIR, swap_dir
from framing.exercises.kernel import CellRun, ForkServer, KernelUnavailable, NotebookRun, Sandbox
from framing.exercises.score import Mark, score

OUT_DIR = Path("build/grades")
MARKER = ".framing-grades"  # marks an out folder as ours, so re-grading may replace it
MAX_BYTES = 20 * 2**20  # a notebook this large is not an exercise submission
_SAFE = re.compile(r"[^A-Za-z0-9._@+-]")


class GradeError(Exception):
    """A problem with the command line (no keys, no submissions, bad out folder)."""


@dataclass(frozen=True)
class Submission:
    path: Path
    student: str


@dataclass
class Graded:
    """Everything known about one graded submission (no expected values in here)."""

    submission: Submission
    exercise: str | None = None
    article: str | None = None
    marks: list[Mark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    runs: dict[int, CellRun] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)
    sha256: str = ""
    seconds: float = 0.0

    @property
    def awarded(self) -> float:
        return round(sum(m.awarded for m in self.marks), 2)

    @property
    def points(self) -> float:
        return sum(m.points for m in self.marks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "student": self.submission.student,
            "path": str(self.submission.path),
            "sha256": self.sha256,
            "exercise": self.exercise,
            "article": self.article,
            "awarded": self.awarded,
            "points": self.points,
            "marks": [m.to_dict() for m in self.marks],
            "notes": self.notes,
            "error": self.error,
            "cells": {str(i): r.status for i, r in sorted(self.runs.items())},
            "events": self.events,
            "seconds": round(self.seconds, 2),
        }


# --------------------------------------------------------------------------- inputs


@dataclass
class Keys:
    """The answer keys of a build folder, and its roster."""

    by: dict[tuple[str, str], dict[str, Any]]  # (exercise, article) -> key
    roster: dict[str, str]

    def exercises(self) -> list[str]:
        return sorted({e for e, _ in self.by})

    def articles(self, exercise: str) -> list[str]:
        return sorted(a for e, a in self.by if e == exercise)


def load_keys(build: Path = BUILD_DIR) -> Keys:
    """Read ``keys/<article>/<exercise>.json`` and ``roster.csv`` of a build folder.

    Raises
    ------
    GradeError
        When there are no keys: the instructor has not built them yet.
    """
    build = Path(build)
    by = {}
    for path in sorted(build.glob("keys/*/*.json")):
        try:
            key = json.loads(path.read_text(encoding="utf-8"))
            by[(key["exercise"], key["article"])] = key
        except (OSError, ValueError, KeyError) as e:
            raise GradeError(
                f"{path}: unreadable key ({e}); rebuild with `framing exercises build`"
            ) from None
    if not by:
        raise GradeError(f"no answer keys in {build}/keys; run `framing exercises build` first")
    roster = {}
    if (build / "roster.csv").exists():
        with open(build / "roster.csv", encoding="utf-8", newline="") as f:
            roster = {r["student"]: r["article"] for r in csv.DictReader(f)}
    return Keys(by, roster)


def discover(paths: list[Path]) -> list[Submission]:
    """Submissions under ``paths``: ``DIR/<student>.ipynb`` or ``DIR/<student>/<any>.ipynb``.

    Raises
    ------
    GradeError
        For a path that does not exist, or when no notebook is found at all.
    """
    subs = []
    for p in map(Path, paths):
        if p.is_file():
            subs.append(Submission(p, _SAFE.sub("_", p.stem)))
        elif p.is_dir():
            for f in sorted(p.rglob("*.ipynb")):
                rel = f.relative_to(p)
                if ".ipynb_checkpoints" in rel.parts or any(s.startswith(".") for s in rel.parts):
                    continue
                student = rel.parts[0] if len(rel.parts) > 1 else f.stem
                subs.append(Submission(f, _SAFE.sub("_", student)))
        else:
            raise GradeError(f"{p}: no such file or folder")
    if not subs:
        raise GradeError(f"no .ipynb submissions in {', '.join(map(str, paths))}")
    return subs


def _which_exercise(nb: dict[str, Any], path: Path, keys: Keys) -> str | None:
    meta = nb.get("metadata", {}).get("framing", {})
    name = meta.get("exercise") if isinstance(meta, dict) else None
    known = keys.exercises()
    if name in known:
        return name
    for candidate in (path.stem, path.parent.name):
        hit = [e for e in known if candidate == e or candidate.endswith(e)]
        if len(hit) == 1:
            return hit[0]
    return known[0] if len(known) == 1 else None


def _plan(nb: dict[str, Any], parameters: dict[str, Any]) -> list[tuple[int, str]]:
    """Code cells to run, with the key's parameters injected after the parameters cell."""
    inject = "".join(f"{k} = {v!r}\n" for k, v in sorted(parameters.items()))
    p = fmt.parameters_cell(nb)
    cells = [(-1, inject)] if p is None and inject else []
    for i, c in enumerate(nb["cells"]):
        if c.get("cell_type") != "code":
            continue
        src = fmt.cell_source(c)
        if src.strip():
            cells.append((i, src))
        if i == p and inject:
            cells.append((-1, inject))
    return cells


def _answer_cells(nb: dict[str, Any], key: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    """Each question's answer cell in the submission, and notes about deleted cells.

    The cell is found by its ``framing.question`` metadata; failing that (a notebook rebuilt
    by hand), as the code cell after the ``**Question N.M.**`` prompt; failing that, as the
    last cell that assigns the answer variable.
    """
    cells = nb["cells"]
    tagged: dict[str, int] = {}
    prompted: dict[str, int] = {}
    for i, c in enumerate(cells):
        meta = c.get("metadata", {}).get("framing", {})
        if c.get("cell_type") == "code" and isinstance(meta, dict) and "question" in meta:
            tagged[str(meta["question"])] = i
        m = fmt.QUESTION_ID.search(fmt.cell_source(c)) if c.get("cell_type") == "markdown" else None
        if m:
            for k in range(i + 1, len(cells)):
                if cells[k].get("cell_type") == "code":
                    prompted.setdefault(m.group(1), k)
                    break
                if fmt.QUESTION_ID.search(fmt.cell_source(cells[k])):
                    break  # the next question came first: this one's cell was deleted
    found: dict[str, int] = {}
    notes = []
    for q in key["questions"]:
        qid = q["id"]
        assigning = [
            i
            for i, c in enumerate(cells)
            if c.get("cell_type") == "code" and fmt.assigns(fmt.cell_source(c), q["answer"])
        ]
        where = tagged.get(qid, prompted.get(qid, assigning[-1] if assigning else None))
        if where is not None:
            found[qid] = where
        else:
            notes.append(
                f"The answer cell of Question {qid} is missing (deleted?); "
                f"no cell assigns `{q['answer']}`."
            )
    return found, notes


# --------------------------------------------------------------------------- one submission


@dataclass
class Context:
    keys: Keys
    timeout: float
    read: list[str]
    deny: list[str]
    watch: list[str]
    memory_mb: int
    log: logging.Logger
    server: ForkServer | None = None


def policy_paths(keys_dir: Path, extra_deny: list[Path]) -> tuple[list[str], list[str], list[str]]:
    """Folders a grading kernel may read, folders it may not read even inside those, and
    folders whose reads are reported (the bundled gold annotations)."""
    import framing

    pkg = Path(framing.__file__).resolve().parent
    read = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        getattr(sys, "base_exec_prefix", sys.prefix),
        str(pkg),
        *site.getsitepackages(),
        "/usr",
        "/lib",
        "/lib64",
        "/etc",
        "/dev",
        "/sys",
    }
    read = {os.path.realpath(r) for r in read if os.path.exists(r)}
    deny = []
    for d in (keys_dir, *extra_deny):
        d = os.path.realpath(d)
        # name a private folder only when an allowed one contains it (keep paths out of sight)
        if any(d == r or d.startswith(r.rstrip(os.sep) + os.sep) for r in read):
            deny.append(d)
    return sorted(read), deny, [str(pkg / "data" / "gold")]


def _cell_note(run: CellRun, timeout: float) -> str:
    if run.status == "error":
        return f"raised {run.describe()}"
    if run.status == "timeout":
        return f"did not finish within {timeout:g} s and was interrupted (an endless loop?)"
    return run.describe()


def _cell_label(index: int) -> str:
    return "the injected parameters" if index < 0 else f"Cell {index + 1}"


async def grade_one(sub: Submission, ctx: Context) -> Graded:
    """Grade one submission; never raises (problems become a feedback entry)."""
    g = Graded(sub)
    t0 = time.perf_counter()
    try:
        await _grade(g, ctx)
    except KernelUnavailable as e:
        g.error = f"Grading could not start a Python kernel ({e}); tell your instructor."
        ctx.log.error("%s: %s", sub.path, e)
    except Exception:  # noqa: BLE001 - the batch always finishes
        g.error = "The grader failed on this notebook; tell your instructor."
        ctx.log.error("%s: grader error\n%s", sub.path, traceback.format_exc())
    g.seconds = time.perf_counter() - t0
    if g.error and g.exercise and not g.marks:
        key = _key_for(g, ctx.keys)
        if key:
            g.marks = [
                Mark(
                    q["id"],
                    0.0,
                    float(q["points"]),
                    "not-graded",
                    "Not graded: see the note above.",
                )
                for q in key["questions"]
            ]
    return g


def _key_for(g: Graded, keys: Keys) -> dict[str, Any] | None:
    return keys.by.get((g.exercise or "", g.article or ""))


async def _grade(g: Graded, ctx: Context) -> None:
    sub = g.submission
    with open(sub.path, "rb") as f:  # read once; the file is never opened for writing
        data = f.read(MAX_BYTES + 1)
    g.sha256 = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_BYTES:
        g.error = (
            f"The notebook is larger than {MAX_BYTES // 2**20} MB; clear its outputs and resubmit."
        )
        return
    try:
        nb = json.loads(data.decode("utf-8"))
        fmt.check_structure(nb, sub.path.name)
    except (UnicodeDecodeError, ValueError) as e:
        g.error = (
            f"This file is not a readable notebook ({str(e)[:200]}). "
            "Was it edited outside Jupyter or truncated? Resubmit the .ipynb saved from Jupyter."
        )
        return
    g.exercise = _which_exercise(nb, sub.path, ctx.keys)
    if g.exercise is None:
        g.error = (
            "Cannot tell which exercise this notebook answers; hand in the notebook you were "
            f"given, under its own name ({', '.join(ctx.keys.exercises())})."
        )
        return
    g.article = _article(g, nb, ctx.keys)
    key = _key_for(g, ctx.keys)
    if key is None:
        g.error = (
            f"There is no answer key for article {g.article!r} in exercise {g.exercise}; "
            "tell your instructor."
        )
        return
    answer_cells, notes = _answer_cells(nb, key)
    g.notes.extend(notes)
    names = [q["answer"] for q in key["questions"]]
    cells = _plan(nb, key.get("parameters", {}))

    root = Path(tempfile.mkdtemp(prefix="framing-grade-"))
    try:
        sandbox = Sandbox(root, ctx.read, ctx.deny, ctx.watch, ctx.memory_mb)
        sandbox.work.mkdir(parents=True)
        (sandbox.work / sub.path.name).write_bytes(data)  # the fresh copy the kernel sees
        async with NotebookRun(sandbox, ctx.timeout, server=ctx.server) as nr:
            for index, code in cells:
                await nr.run_cell(index, code)
            answers = await nr.extract(names)
            g.runs, g.events = nr.runs, nr.events
            if nr.watched:
                g.notes.append(
                    "This notebook read the bundled gold annotations "
                    f"({', '.join(sorted({Path(w).name for w in nr.watched}))}); "
                    "annotation answers should come from your own reading."
                )
                g.events.append(f"read gold: {nr.watched}")
    finally:
        _remove(root)

    by_cell = {v: k for k, v in answer_cells.items()}
    if answers is None:
        g.notes.append(
            "Your notebook stopped or blocked the kernel too often for its answers to be read."
        )
    for q in key["questions"]:
        got = (answers or {}).get(q["answer"], {"status": "missing"})
        mark = score(q, got)
        run = g.runs.get(answer_cells.get(q["id"], -2))
        if run is not None and run.status != "ok":
            note = f"Your answer cell {_cell_note(run, ctx.timeout)}."
            if mark.status in ("missing", "blank"):
                status = {"error": "error", "timeout": "timeout"}.get(run.status, "crashed")
                mark = Mark(mark.question, 0.0, mark.points, status, f"{note} {mark.message}")
            else:
                mark = Mark(
                    mark.question,
                    mark.awarded,
                    mark.points,
                    mark.status,
                    f"{mark.message} ({note})",
                )
        g.marks.append(mark)
    for index, run in sorted(g.runs.items()):
        if run.status != "ok" and index not in by_cell:
            g.notes.append(
                f"{_cell_label(index)} (not an answer cell) {_cell_note(run, ctx.timeout)}; "
                "answers computed after it may depend on it."
            )


def _remove(root: Path) -> None:
    """Delete a sandbox folder, also where the student's code took away permissions."""

    def unlock(func: Any, path: str, _exc: Any) -> None:
        os.chmod(os.path.dirname(path), 0o700)
        os.chmod(path, 0o700) if os.path.isdir(path) else None
        func(path)

    hook = {"onexc" if sys.version_info >= (3, 12) else "onerror": unlock}
    try:
        shutil.rmtree(root, **hook)
    except OSError:
        shutil.rmtree(root, ignore_errors=True)


def _article(g: Graded, nb: dict[str, Any], keys: Keys) -> str | None:
    """The roster's article for this student, else the notebook's own ARTICLE if keyed,
    else the only keyed article of the exercise."""
    available = keys.articles(g.exercise or "")
    assigned = keys.roster.get(g.submission.student)
    if assigned:
        return assigned
    if keys.roster:
        g.notes.append(
            f"`{g.submission.student}` is not on the roster; graded on the notebook's own article."
        )
    p = fmt.parameters_cell(nb)
    own = (
        fmt.literal_assignments(fmt.cell_source(nb["cells"][p])).get("ARTICLE")
        if p is not None
        else None
    )
    if own in available:
        return own
    if len(available) == 1:
        if own is not None and own != available[0]:
            g.notes.append(f"Graded on article {available[0]!r}, the one this exercise was set on.")
        return available[0]
    return own if isinstance(own, str) else None


# --------------------------------------------------------------------------- the batch


def _fmt_points(x: float) -> str:
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".")


def gradebook(results: list[Graded], keys: Keys) -> str:
    """CSV: one row per student, one column per question, then total and max."""
    exercises = sorted({g.exercise for g in results if g.exercise})
    columns: list[tuple[str, float]] = []
    for e in exercises:
        key = next(k for (ex, _), k in sorted(keys.by.items()) if ex == e)
        columns += [(q["id"], float(q["points"])) for q in key["questions"]]
    students = sorted({g.submission.student for g in results} | set(keys.roster))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["student", "article", *[c for c, _ in columns], "total", "max"])
    maximum = sum(p for _, p in columns)
    for s in students:
        mine = [g for g in results if g.submission.student == s]
        scores: dict[str, float] = {}
        for g in mine:
            for m in g.marks:
                scores[m.question] = max(scores.get(m.question, 0.0), m.awarded)
        articles = sorted({g.article for g in mine if g.article} or {keys.roster.get(s, "")})
        row = [_fmt_points(scores.get(c, 0.0)) for c, _ in columns]
        total = sum(scores.get(c, 0.0) for c, _ in columns)
        w.writerow([s, ";".join(articles), *row, _fmt_points(total), _fmt_points(maximum)])
    return out.getvalue()


def feedback(student: str, results: list[Graded]) -> str:
    """One student's feedback in Markdown: scores, hints and problems; never the answers."""
    lines = [f"# Feedback for {student}", ""]
    if not results:
        lines += ["No submission was found for you.", ""]
    for g in sorted(results, key=lambda g: (g.exercise or "", str(g.submission.path))):
        title = g.exercise or g.submission.path.name
        head = f"## {title}"
        if g.article:
            head += f" (article `{g.article}`)"
        lines += [head, ""]
        if g.marks:
            lines += [f"Score: {_fmt_points(g.awarded)} / {_fmt_points(g.points)}", ""]
        if g.error:
            lines += [f"- **Problem:** {g.error}"]
        lines += [f"- {n}" for n in g.notes]
        if g.error or g.notes:
            lines.append("")
        for m in g.marks:
            lines.append(
                f"- **Question {m.question}** ({_fmt_points(m.awarded)} / {_fmt_points(m.points)}): "
                f"{m.message}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@dataclass
class GradeReport:
    results: list[Graded]
    out: Path
    seconds: float

    @property
    def per_submission(self) -> float:
        return self.seconds / max(1, len(self.results))


def _check_out(out: Path, inputs: list[Path]) -> None:
    out = out.resolve()
    for p in inputs:
        p = p.resolve()
        if out == p or p in out.parents or (p.is_dir() and out in p.parents):
            raise GradeError(f"--out {out} overlaps the submissions {p}; choose another folder")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise GradeError(
            f"{out} exists and was not written by `framing exercises grade`; "
            "choose another --out or remove it"
        )


def grade(
    submissions: list[Path],
    *,
    out: Path = OUT_DIR,
    build: Path = BUILD_DIR,
    timeout: float = 30.0,
    jobs: int = 2,
    memory_mb: int = 4096,
    progress: bool | None = None,
    fork: bool | None = None,
) -> GradeReport:
    """Grade every submission and write the out folder.

    Parameters
    ----------
    submissions : list of Path
        Notebooks or folders of them (``<student>.ipynb`` or ``<student>/<exercise>.ipynb``).
    out : Path
        Replaced as a whole when grading has finished.
    build : Path
        The build folder with the answer keys (and roster).
    timeout : float
        Seconds each cell may run before it is interrupted.
    jobs : int
        Submissions graded in parallel (one kernel each).
    memory_mb : int
        Address-space limit of each kernel.
    progress : bool, optional
        Progress bar (default: when stderr is a terminal).
    fork : bool, optional
        Fork kernels from a warm server (default: on Linux); otherwise each kernel starts
        from scratch.

    Raises
    ------
    GradeError
        For a command-line problem; a bad submission is reported, never raised.
    """
    t0 = time.perf_counter()
    out, build = Path(out), Path(build)
    keys = load_keys(build)
    subs = discover(submissions)
    _check_out(out, [Path(p) for p in submissions])
    read, deny, watch = policy_paths(build, [out, *map(Path, submissions)])

    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=parent))
    log_stream = io.StringIO()
    log = logging.getLogger(f"framing.grade.{id(staging)}")
    log.setLevel(logging.INFO)
    handler = logging.StreamHandler(log_stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.propagate = False
    try:
        log.info(
            "grading %d notebook(s) with %d job(s), %g s per cell; keys from %s",
            len(subs),
            jobs,
            timeout,
            build,
        )
        ctx = Context(keys, timeout, read, deny, watch, memory_mb, log)
        results = asyncio.run(_grade_all(subs, ctx, jobs, progress, fork))
        seconds = time.perf_counter() - t0
        for g in results:
            log.info(
                "%s student=%s exercise=%s article=%s score=%s/%s %.2fs sha256=%s%s%s",
                g.submission.path,
                g.submission.student,
                g.exercise,
                g.article,
                _fmt_points(g.awarded),
                _fmt_points(g.points),
                g.seconds,
                g.sha256[:12],
                f" error={g.error!r}" if g.error else "",
                f" events={g.events}" if g.events else "",
            )
        log.info("done in %.1f s (%.2f s per submission)", seconds, seconds / len(results))
        _write_out(staging, results, keys, log_stream.getvalue())
        swap_dir(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        log.removeHandler(handler)
    return GradeReport(results, out, seconds)


async def _grade_all(
    subs: list[Submission], ctx: Context, jobs: int, progress: bool | None, fork: bool | None
) -> list[Graded]:
    from tqdm.auto import tqdm

    if fork is None:
        fork = sys.platform.startswith("linux")
    if fork:
        ctx.server = ForkServer()
        try:
            await asyncio.to_thread(ctx.server.start)
        except (KernelUnavailable, OSError) as e:
            ctx.log.warning("no fork server (%s); starting kernels from scratch", e)
            ctx.server.close()
            ctx.server = None
    sem = asyncio.Semaphore(max(1, jobs))
    bar = tqdm(
        total=len(subs),
        desc="grading",
        unit="nb",
        disable=None if progress is None else not progress,
    )

    async def one(sub: Submission) -> Graded:
        async with sem:
            g = await grade_one(sub, ctx)
        bar.update()
        return g

    try:
        return list(await asyncio.gather(*(one(s) for s in subs)))
    finally:
        bar.close()
        if ctx.server is not None:
            await asyncio.to_thread(ctx.server.close)
        if ctx.server is not None:
            await asyncio.to_thread(ctx.server.close)


def _write_out(staging: Path, results: list[Graded], keys: Keys, log_text: str) -> None:
    (staging / MARKER).write_text("written by framing exercises grade\n", encoding="utf-8")
    (staging / "gradebook.csv").write_text(gradebook(results, keys), encoding="utf-8")
    fb = staging / "feedback"
    fb.mkdir()
    for s in sorted({g.submission.student for g in results} | set(keys.roster)):
        mine = [g for g in results if g.submission.student == s]
        (fb / f"{s}.md").write_text(feedback(s, mine), encoding="utf-8")
    payload = [g.to_dict() for g in sorted(results, key=lambda g: str(g.submission.path))]
    (staging / "results.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    (staging / "grading.log").write_text(log_text, encoding="utf-8")
