"""``framing exercises build``: student notebooks, answer keys and executed solutions.

The keys are never written by hand: each solution notebook is executed with papermill for
each article (or roster variant) and the values of its answer variables become the expected
values.  Metrics improve, corpora change; a rebuild keeps keys and lessons in step.

Layout of the (git-ignored) build folder::

    build/exercises/
      keys/<article>/<exercise>.json        expected value, type, tolerance, points, hint
      solutions/<article>/<exercise>.html   the executed solution, for the instructor
      student/<article>/<exercise>.ipynb    hand-outs for that article (with --article)
      students/<student>/<exercise>.ipynb   per-student hand-outs (with --roster)
      roster.csv                            student,article (with --roster)
      manifest.json                         what was built
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.exercises import format as fmt

KEY_SCHEMA = 1
SOURCE_DIR = Path("exercises/source")
STUDENT_DIR = Path("exercises/student")
BUILD_DIR = Path("build/exercises")
CELL_TIMEOUT = 300  # seconds per solution cell
_MARKER = "FRAMING-ANSWERS "
_STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]*\Z")


class BuildError(Exception):
    """A problem the instructor must fix; the message names the file (and cell).

    ``usage`` is true for command-line mistakes (unknown article, bad roster) rather than
    a broken source or solution.
    """

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Run:
    """One execution of one solution notebook."""

    exercise: fmt.Exercise
    parameters: dict[str, Any]

    @property
    def article(self) -> str:
        return str(self.parameters.get("ARTICLE", "default"))


# --------------------------------------------------------------------------- sources


def load_exercises(source: Path = SOURCE_DIR) -> list[fmt.Exercise]:
    """Parse every ``NN-name.ipynb`` source notebook, checking question ids are unique.

    Raises
    ------
    BuildError
        If the folder has no source notebooks or one of them breaks the format.
    """
    source = Path(source)
    paths = sorted(source.glob("[0-9][0-9]-*.ipynb"))
    if not paths:
        raise BuildError(
            f"no exercise sources in {source}/ (NN-name.ipynb); run from the framing-kit "
            "folder or pass --source",
            usage=True,
        )
    try:
        exercises = [fmt.parse_exercise(p) for p in paths]
    except fmt.ExerciseFormatError as e:
        raise BuildError(str(e)) from None
    owner: dict[str, str] = {}
    for ex in exercises:
        for q in ex.questions:
            if q.id in owner:
                raise BuildError(
                    f"{ex.where(q.cell)}: Question {q.id} is also in {owner[q.id]}; "
                    "the gradebook needs unique question numbers"
                )
            owner[q.id] = ex.name
    return exercises


def student_files(exercises: Iterable[fmt.Exercise]) -> dict[str, str]:
    """``{file name: contents}`` of the committed student notebooks."""
    return {f"{ex.name}.ipynb": fmt.dumps(fmt.student_notebook(ex)) for ex in exercises}


def check(source: Path = SOURCE_DIR, student: Path = STUDENT_DIR) -> list[str]:
    """Differences between the committed student notebooks and what the sources give.

    Returns
    -------
    list of str
        One line per stale, missing or orphaned file; empty when in step.
    """
    wanted = student_files(load_exercises(source))
    student = Path(student)
    problems = []
    for name, text in sorted(wanted.items()):
        path = student / name
        if not path.exists():
            problems.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: differs from {Path(source) / name}")
    for path in sorted(student.glob("*.ipynb")):
        if path.name not in wanted:
            problems.append(f"{path}: has no source in {source}/")
    return problems


def write_students(exercises: list[fmt.Exercise], student: Path = STUDENT_DIR) -> list[Path]:
    """Write the student notebooks, touching only files whose contents change."""
    student = Path(student)
    student.mkdir(parents=True, exist_ok=True)
    changed = []
    wanted = student_files(exercises)
    for name, text in wanted.items():
        path = student / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for path in student.glob("*.ipynb"):
        if path.name not in wanted:
            path.unlink()
            changed.append(path)
    return changed


# --------------------------------------------------------------------------- roster


def read_roster(path: Path) -> list[str]:
    """Student ids from a CSV with a ``student`` (or ``id``/``username``/``email``) column,
    or from a text file with one id per line (``#`` comments allowed).

    Raises
    ------
    BuildError
        Naming the line of an id that is empty, unsafe as a file name, or repeated.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise BuildError(f"{path}: cannot read the roster ({e})", usage=True) from None
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1)]
    ids: list[tuple[int, str]] = []
    first = next((line for _, line in rows if line.strip() and not line.startswith("#")), "")
    if "," in first:
        reader = csv.DictReader(io.StringIO(text))
        cols = [c.strip().lower() for c in reader.fieldnames or []]
        col = next(
            (c for c in ("student", "student_id", "id", "username", "email") if c in cols), None
        )
        if col is None:
            raise BuildError(
                f"{path}: the CSV needs a 'student' column (found: {', '.join(cols)})", usage=True
            )
        name = (reader.fieldnames or [])[cols.index(col)]
        ids = [(i + 2, (r.get(name) or "").strip()) for i, r in enumerate(reader)]
    else:
        ids = [
            (n, line.strip())
            for n, line in rows
            if line.strip() and not line.lstrip().startswith("#")
        ]
    seen: dict[str, int] = {}
    for n, sid in ids:
        if not _STUDENT_ID.match(sid):
            raise BuildError(
                f"{path}:{n}: student id {sid!r} must be letters, digits and . _ @ + - "
                "(it names their files)",
                usage=True,
            )
        if sid in seen:
            raise BuildError(
                f"{path}:{n}: student {sid!r} already listed on line {seen[sid]}", usage=True
            )
        seen[sid] = n
    if not seen:
        raise BuildError(f"{path}: no student ids", usage=True)
    return list(seen)


def assign(students: Iterable[str], articles: Iterable[str]) -> dict[str, str]:
    """Each student's article: a hash of the id, so it never changes when the roster grows.

    Examples
    --------
    >>> assign(["ada"], ["only-article"])
    {'ada': 'only-article'}
    """
    pool = sorted(set(articles))
    if not pool:
        raise BuildError("no articles to assign", usage=True)
    out = {}
    for sid in students:
        h = int.from_bytes(hashlib.sha256(sid.encode("utf-8")).digest()[:8], "big")
        out[sid] = pool[h % len(pool)]
    return out


# --------------------------------------------------------------------------- execution


def _kernel_manager_class(ipython_dir: str, server: Any = None) -> type:
    from jupyter_client.manager import AsyncKernelManager

    from framing.exercises.kernel import ForkProvisioner, with_framing_path

    class BuildKernelManager(AsyncKernelManager):
        """Solutions run without the instructor's IPython startup files (reproducible keys),
        in a kernel forked from the warm server when there is one."""

        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            # IPC sockets in the build's temp folder: no TCP port, no warning about one
            self.transport, self.ip = "ipc", str(Path(ipython_dir).parent / "kernel")
            env = with_framing_path(dict(kw.pop("env", None) or os.environ))
            env["IPYTHONDIR"] = ipython_dir
            env.pop("PYTHONSTARTUP", None)
            env["PYTHONHASHSEED"] = "0"
            if server is not None and self.provisioner is None:
                self.kernel_id = self.kernel_id or str(uuid.uuid4())
                self.provisioner = ForkProvisioner(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
                self.provisioner.server = server
            else:
                # the kernel's own chatter (shutdown notices) is not the instructor's business;
                # a failing cell is reported from its error output
                kw.setdefault("stdout", subprocess.DEVNULL)
                kw.setdefault("stderr", subprocess.DEVNULL)
            await super().start_kernel(env=env, **kw)

    return BuildKernelManager


def execute(
    run: Run, timeout: int = CELL_TIMEOUT, server: Any = None
) -> tuple[dict[str, Any], Any]:
    """Execute one solution with papermill; return its answers and the executed notebook.

    Raises
    ------
    BuildError
        Naming the notebook, the cell (and its question) and the article when a cell fails.
    """
    import nbformat
    from papermill import execute_notebook
    from papermill.exceptions import PapermillExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    ex = run.exercise
    nb = json.loads(json.dumps(ex.nb))
    for i, cell in enumerate(nb["cells"]):
        cell.setdefault("metadata", {})["framing_cell"] = i
    names = [q.answer for q in ex.questions]
    code = f"print({_MARKER!r} + __import__('framing.exercises.extract', fromlist=['_']).collect({names!r}))"
    extract = nbformat.v4.new_code_cell(code, metadata={"framing_cell": "extract"})
    nb["cells"].append(json.loads(json.dumps(extract)))
    questions = {q.answer_cell: q.id for q in ex.questions}
    with tempfile.TemporaryDirectory(prefix="framing-build-") as tmp:
        work, ipy, path = Path(tmp, "work"), Path(tmp, "ipython"), Path(tmp, "solution.ipynb")
        work.mkdir()
        ipy.mkdir()
        path.write_text(json.dumps(nb), encoding="utf-8")
        # Parameterize here rather than in execute_notebook, to map error cells back.
        node = load_notebook_node(str(path))
        if run.parameters:
            node = parameterize_notebook(
                node, run.parameters, kernel_name="python3", language="python"
            )
        nbformat.write(node, str(path))
        try:
            done = execute_notebook(
                str(path),
                None,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                start_timeout=120,
                execution_timeout=timeout,
                resources={"metadata": {"path": str(work)}},
                kernel_manager_class=_kernel_manager_class(str(ipy), server),
            )
        except PapermillExecutionError as e:
            i = node.cells[e.cell_index].metadata.get("framing_cell", "?")
            q = f" (Question {questions[i]})" if i in questions else ""
            raise BuildError(
                f"{ex.path}, cell {i}{q}, article {run.article}: {e.ename}: {e.evalue}"
            ) from None
        except Exception as e:  # noqa: BLE001 - kernel start-up and the like
            raise BuildError(f"{ex.path}, article {run.article}: {type(e).__name__}: {e}") from None
    last = done.cells[-1]
    text = "".join(o.get("text", "") for o in last.get("outputs", []) if o.get("name") == "stdout")
    line = next((ln for ln in text.splitlines() if ln.startswith(_MARKER)), None)
    if line is None:
        raise BuildError(f"{ex.path}, article {run.article}: the answers could not be read")
    done.cells.pop()
    return json.loads(line[len(_MARKER) :])["answers"], done


def _expected(q: fmt.Question, got: dict[str, Any], text: str | None, where: str) -> Any:
    """Check a solution's answer has the declared type (Otter: solutions pass their tests)."""
    status = got.get("status")
    if status != "ok":
        detail = got.get("type", "") if status == "unsupported" else ""
        raise BuildError(f"{where}: the solution leaves {q.answer!r} {status} {detail}".rstrip())
    v = got["value"]
    ok = {
        "int": lambda: type(v) is int,
        "float": lambda: type(v) in (int, float),
        "str": lambda: v is None or type(v) is str,
        "bool": lambda: type(v) is bool,
        "set": lambda: type(v) is list and all(type(x) is str for x in v),
        "spans": lambda: (
            type(v) is list
            and all(type(x) is list and len(x) == 2 and all(type(y) is int for y in x) for x in v)
        ),
    }[q.type]()
    if not ok:
        raise BuildError(f"{where}: {q.answer!r} should be {fmt.TYPES[q.type]}, got {v!r:.80}")
    if q.type == "str" and v and " ".join(v.split()).casefold() in q.hint.casefold():
        raise BuildError(f"{where}: the hint of Question {q.id} gives the answer away")
    if q.type == "set":
        return sorted(set(v))
    if q.type == "spans":
        spans = sorted({(s, e) for s, e in v})
        if text is not None and any(not 0 <= s < e <= len(text) for s, e in spans):
            raise BuildError(f"{where}: {q.answer!r} has spans outside the article")
        return [
            {"start": s, "end": e, **({"text": text[s:e]} if text is not None else {})}
            for s, e in spans
        ]
    return v


def make_key(run: Run, answers: dict[str, Any]) -> dict[str, Any]:
    """The answer key of one run (see :func:`key_json` for its bytes)."""
    ex = run.exercise
    text = None
    if "ARTICLE" in run.parameters:
        from framing import corpus

        text = corpus.load(run.parameters["ARTICLE"])
    questions = []
    for q in ex.questions:
        where = f"{ex.where(q.answer_cell)} (Question {q.id}), article {run.article}"
        got = answers.get(q.answer, {"status": "missing"})
        questions.append({**q.config(), "expected": _expected(q, got, text, where)})
    return {
        "schema": KEY_SCHEMA,
        "exercise": ex.name,
        "article": run.article,
        "parameters": run.parameters,
        "source_sha256": hashlib.sha256(ex.path.read_bytes()).hexdigest(),
        "points": sum(q.points for q in ex.questions),
        "questions": questions,
    }


def key_json(key: dict[str, Any]) -> str:
    """Stable bytes: two builds of the same sources give identical files."""
    return json.dumps(key, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def to_html(nb: Any) -> str:
    """The executed solution as a standalone HTML page."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


# --------------------------------------------------------------------------- build


@dataclass
class BuildReport:
    exercises: list[str]
    articles: list[str]
    students: dict[str, str]
    changed: list[Path]
    seconds: float
    out: Path


def _articles_ok(articles: list[str]) -> None:
    from framing import corpus

    for a in articles:
        try:
            corpus.metadata(a)
        except KeyError as e:
            raise BuildError(str(e.args[0]), usage=True) from None


def build(
    articles: list[str] | None = None,
    *,
    roster: Path | None = None,
    source: Path = SOURCE_DIR,
    student: Path = STUDENT_DIR,
    out: Path = BUILD_DIR,
    jobs: int = 2,
    only: list[str] | None = None,
    progress: bool | None = None,
    timeout: int = CELL_TIMEOUT,
    on_run: Callable[[Run, float], None] | None = None,
    fork: bool | None = None,
) -> BuildReport:
    """Build everything; on any failure nothing is written and :class:`BuildError` says why.

    Parameters
    ----------
    articles : list of str, optional
        Article ids to build keys for; each source's ``ARTICLE`` default when omitted.
    roster : Path, optional
        Student ids; each gets one of ``articles`` (see :func:`assign`) and their own
        notebooks.
    source, student, out : Path
        Source notebooks, committed student notebooks, build folder.
    jobs : int
        Solution notebooks executed in parallel.
    only : list of str, optional
        Exercise names to build (all when omitted); the student notebooks are then left alone.
    progress : bool, optional
        Show a progress bar (default: when stderr is a terminal).
    fork : bool, optional
        Run the solutions in kernels forked from a warm server, as the grader does (default:
        on Linux); otherwise papermill starts each kernel from scratch.
    """
    from tqdm.auto import tqdm

    t0 = time.perf_counter()
    if fork is None:
        fork = sys.platform.startswith("linux")
    exercises = load_exercises(source)
    if only:
        unknown = sorted(set(only) - {ex.name for ex in exercises})
        if unknown:
            raise BuildError(f"no exercise {', '.join(unknown)} in {source}/", usage=True)
        exercises = [ex for ex in exercises if ex.name in only]
    if articles:
        _articles_ok(articles)
        articles = sorted(set(articles))
    if roster and not articles:
        articles = _defaults(exercises)  # every student's article needs keys for every set
    students = assign(read_roster(roster), articles) if roster and articles else {}
    runs = [
        Run(ex, _params(ex, a) or ex.parameters)
        for ex in exercises
        for a in (articles or [ex.parameters.get("ARTICLE", "default")])
    ]
    results: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    bar = tqdm(total=len(runs), desc="executing solutions", unit="nb", disable=_quiet(progress))
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    # the server warms up (imports, one analysis) while this process imports papermill
    starting = pool.submit(_fork_server) if fork else None
    _import_papermill()
    server = starting.result() if starting else None
    try:
        futures = {pool.submit(_execute_and_render, r, timeout, server): r for r in runs}
        for f in as_completed(futures):
            r = futures[f]
            try:
                answers, html = f.result()  # the first failure stops the build
            except BuildError:
                raise
            except Exception as e:  # noqa: BLE001 - name the notebook whatever broke
                raise BuildError(f"{r.exercise.path}, article {r.article}: {e!r}") from e
            results[(r.exercise.name, r.article)] = (make_key(r, answers), html)
            bar.update()
            if on_run:
                on_run(r, time.perf_counter() - t0)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        bar.close()
        if server is not None:
            server.close()

    out = Path(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=_parent(out)))
    try:
        for (name, article), (key, html) in sorted(results.items()):
            _write(staging / "keys" / article / f"{name}.json", key_json(key))
            _write(staging / "solutions" / article / f"{name}.html", html)
        if articles:
            for ex in exercises:
                for a in articles:
                    nb = fmt.student_notebook(ex, _params(ex, a))
                    _write(staging / "student" / a / f"{ex.name}.ipynb", fmt.dumps(nb))
        if students:
            for sid, a in sorted(students.items()):
                for ex in exercises:
                    nb = fmt.student_notebook(ex, _params(ex, a))
                    _write(staging / "students" / sid / f"{ex.name}.ipynb", fmt.dumps(nb))
            rows = "".join(f"{s},{a}\n" for s, a in sorted(students.items()))
            _write(staging / "roster.csv", "student,article\n" + rows)
        manifest = {
            "schema": KEY_SCHEMA,
            "exercises": [ex.name for ex in exercises],
            "articles": sorted({a for _, a in results}),
            "roster": bool(students),
        }
        _write(staging / "manifest.json", json.dumps(manifest, indent=1, sort_keys=True) + "\n")
        swap_dir(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    changed = write_students(exercises, student) if not only else []
    return BuildReport(
        [ex.name for ex in exercises],
        sorted({a for _, a in results}),
        students,
        changed,
        time.perf_counter() - t0,
        out,
    )


def _import_papermill() -> None:
    import papermill  # noqa: F401 - slow (jsonschema); imported once, before the threads need it


def _execute_and_render(run: Run, timeout: int, server: Any) -> tuple[dict[str, Any], str]:
    answers, nb = execute(run, timeout, server)
    return answers, to_html(nb)


def _fork_server() -> Any:
    from framing.exercises.kernel import ForkServer, KernelUnavailable

    server = ForkServer()
    try:
        server.start()
    except (KernelUnavailable, OSError):
        server.close()
        return None  # papermill's own kernels still work
    return server


def _defaults(exercises: list[fmt.Exercise]) -> list[str]:
    return sorted({str(ex.parameters.get("ARTICLE", "default")) for ex in exercises})


def _params(ex: fmt.Exercise, article: str) -> dict[str, Any]:
    return {**ex.parameters, "ARTICLE": article} if "ARTICLE" in ex.parameters else {}


def _quiet(progress: bool | None) -> bool | None:
    return None if progress is None else not progress  # tqdm: None = only on a terminal


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def swap_dir(new: Path, dest: Path) -> None:
    """Put ``new`` in place of ``dest``: two renames, so readers never see a half-written
    folder (at worst, for an instant, none)."""
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(dest, old)
        os.rename(new, dest)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(new, dest)
