"""The exercise notebook format: question blocks, solution markers, student copies.

Plain JSON in and out (no ``nbformat`` import): ``framing exercises build --check`` runs in
``make test`` and must stay fast.  The format is documented in ``exercises/README.md``:

- a Markdown cell with ``**Question N.M.**`` and a fenced ``BEGIN QUESTION`` block (YAML:
  ``answer``, ``type``, ``points``, ``tolerance``, ``hint``) declares a question; the next
  code cell is its answer cell and must assign the ``answer`` variable;
- in code cells, ``# SOLUTION`` / ``# SOLUTION NO PROMPT`` line suffixes and
  ``# BEGIN SOLUTION [NO PROMPT]`` … ``# END SOLUTION`` blocks are replaced by ``...``
  (Otter Assign's conventions);
- cells tagged ``instructor-only`` run when the keys are built but are not given to students.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1

#: Answer types and what a student stores for each.
TYPES = {
    "int": "a whole number",
    "float": "a number",
    "str": "a string",
    "bool": "True or False",
    "set": "a list or set of strings",
    "spans": "a list of (start, end) pairs",
}
DEFAULT_TOLERANCE = {"int": 0, "float": 0.01}
INSTRUCTOR_ONLY = "instructor-only"

QUESTION_ID = re.compile(r"\*\*Question\s+(\d+(?:\.\d+)*)\.?\*\*")
_BLOCK = re.compile(r"\n?```[^\n]*\n\s*BEGIN QUESTION[ \t]*\n(.*?)```[ \t]*\n?", re.DOTALL)
_BEGIN = re.compile(r"#\s*BEGIN SOLUTION(\s+NO PROMPT)?\s*$")
_END = re.compile(r"#\s*END SOLUTION\s*$")
_SUFFIX = re.compile(r"^(?P<code>.*?)\s*#\s*SOLUTION(?P<noprompt>\s+NO PROMPT)?\s*$")
_IDENT = re.compile(r"[A-Za-z_]\w*\Z")


class ExerciseFormatError(ValueError):
    """A source notebook that breaks the format; the message names the file and cell."""


@dataclass(frozen=True)
class Question:
    """One graded question of an exercise set.

    ``cell`` is the index of the prompt (Markdown) cell in the source notebook and
    ``answer_cell`` the index of the code cell that assigns ``answer``.
    """

    id: str
    answer: str
    type: str
    points: float
    hint: str
    tolerance: float | None = None
    cell: int = -1
    answer_cell: int = -1

    def config(self) -> dict[str, Any]:
        """The question as written in a key file (without the expected value)."""
        return {
            "id": self.id,
            "answer": self.answer,
            "type": self.type,
            "points": self.points,
            "tolerance": self.tolerance,
            "hint": self.hint,
        }


@dataclass
class Exercise:
    """A parsed source notebook."""

    name: str
    path: Path
    nb: dict[str, Any]
    questions: list[Question] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)

    def where(self, cell: int) -> str:
        return f"{self.path}, cell {cell}"


# --------------------------------------------------------------------------- reading


def cell_source(cell: dict[str, Any]) -> str:
    """A cell's source as one string (notebook files store a list of lines or a string)."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def read_notebook(path: Path) -> dict[str, Any]:
    """Load a notebook as plain JSON and check the few fields the kit relies on.

    Raises
    ------
    ExerciseFormatError
        If the file is not JSON or has no list of cells.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ExerciseFormatError(f"{path}: not a readable notebook ({e})") from None
    check_structure(nb, str(path))
    return nb


def check_structure(nb: Any, where: str) -> None:
    """Raise :class:`ExerciseFormatError` unless ``nb`` looks like an nbformat-4 notebook."""
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ExerciseFormatError(f"{where}: not a notebook (no list of cells)")
    if nb.get("nbformat") != 4:
        raise ExerciseFormatError(f"{where}: nbformat {nb.get('nbformat')!r}; only 4 is supported")
    for i, c in enumerate(nb["cells"]):
        if not isinstance(c, dict) or c.get("cell_type") not in ("code", "markdown", "raw"):
            raise ExerciseFormatError(f"{where}, cell {i}: not a code, markdown or raw cell")
        src = c.get("source", "")
        if not (
            isinstance(src, str) or (isinstance(src, list) and all(isinstance(s, str) for s in src))
        ):
            raise ExerciseFormatError(f"{where}, cell {i}: source is not text")


def tags(cell: dict[str, Any]) -> list[str]:
    t = cell.get("metadata", {}).get("tags", [])
    return list(t) if isinstance(t, list) else []


def parameters_cell(nb: dict[str, Any]) -> int | None:
    """Index of the ``parameters``-tagged code cell (papermill's convention), if any."""
    for i, c in enumerate(nb["cells"]):
        if c.get("cell_type") == "code" and "parameters" in tags(c):
            return i
    return None


def literal_assignments(source: str) -> dict[str, Any]:
    """``NAME = literal`` / ``NAME: type = literal`` values of a cell, read without running it."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    out: dict[str, Any] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and value is not None:
            try:
                out[target.id] = ast.literal_eval(value)
            except ValueError:
                continue
    return out


def assigns(source: str, name: str) -> bool:
    """Whether a cell's code binds ``name`` at top level (assignment, for, with, import)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return re.search(rf"^\s*{re.escape(name)}\s*(:[^=]*)?=(?!=)", source, re.M) is not None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return True
    return False


def _parse_block(text: str, where: str) -> dict[str, Any]:
    import yaml  # papermill's own dependency

    try:
        conf = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ExerciseFormatError(f"{where}: the BEGIN QUESTION block is not YAML ({e})") from None
    if not isinstance(conf, dict):
        raise ExerciseFormatError(f"{where}: the BEGIN QUESTION block needs 'key: value' lines")
    return conf


def _question(conf: dict[str, Any], qid: str, where: str) -> Question:
    unknown = set(conf) - {"answer", "type", "points", "tolerance", "hint"}
    if unknown:
        raise ExerciseFormatError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    answer, qtype = conf.get("answer"), conf.get("type")
    if not isinstance(answer, str) or not _IDENT.match(answer):
        raise ExerciseFormatError(f"{where}: 'answer' must name the variable students assign")
    if qtype not in TYPES:
        raise ExerciseFormatError(f"{where}: type {qtype!r}; choose one of {', '.join(TYPES)}")
    points = conf.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise ExerciseFormatError(f"{where}: 'points' must be a positive number")
    hint = conf.get("hint")
    if not isinstance(hint, str) or not hint.strip():
        raise ExerciseFormatError(
            f"{where}: every question needs a 'hint' (shown to students who miss it)"
        )
    tol = conf.get("tolerance", DEFAULT_TOLERANCE.get(qtype))
    if qtype in DEFAULT_TOLERANCE:
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or tol < 0:
            raise ExerciseFormatError(f"{where}: 'tolerance' must be a number >= 0")
    elif "tolerance" in conf:
        raise ExerciseFormatError(f"{where}: 'tolerance' applies to int and float answers only")
    return Question(qid, answer, qtype, points, " ".join(hint.split()), tol)


def parse_exercise(path: Path) -> Exercise:
    """Read a source notebook and its questions.

    Raises
    ------
    ExerciseFormatError
        Naming the file and cell: a malformed question block, a question without an answer
        cell, an answer cell that does not assign its variable, unbalanced solution markers.
    """
    path = Path(path)
    nb = read_notebook(path)
    ex = Exercise(path.stem, path, nb)
    cells = nb["cells"]
    p = parameters_cell(nb)
    if p is None:
        raise ExerciseFormatError(f"{path}: no code cell tagged 'parameters'")
    ex.parameters = literal_assignments(cell_source(cells[p]))
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        src = cell_source(cell)
        if cell["cell_type"] == "code":
            strip_solutions(src, ex.where(i))  # raises on unbalanced markers
            continue
        block = _BLOCK.search(src)
        if cell["cell_type"] != "markdown" or block is None:
            continue
        m = QUESTION_ID.search(src)
        if m is None:
            raise ExerciseFormatError(
                f"{ex.where(i)}: a question block needs a **Question N.M.** prompt"
            )
        q = _question(_parse_block(block.group(1), ex.where(i)), m.group(1), ex.where(i))
        if q.id in seen:
            raise ExerciseFormatError(
                f"{ex.where(i)}: Question {q.id} already asked in cell {seen[q.id]}"
            )
        seen[q.id] = i
        j = next((k for k in range(i + 1, len(cells)) if cells[k]["cell_type"] == "code"), None)
        if j is None or not assigns(cell_source(cells[j]), q.answer):
            raise ExerciseFormatError(
                f"{ex.where(i)}: the code cell after Question {q.id} must assign {q.answer!r}"
            )
        if INSTRUCTOR_ONLY in tags(cells[j]):
            raise ExerciseFormatError(f"{ex.where(j)}: an answer cell cannot be instructor-only")
        ex.questions.append(Question(**{**q.__dict__, "cell": i, "answer_cell": j}))
    if not ex.questions:
        raise ExerciseFormatError(
            f"{path}: no questions (a Markdown cell with a BEGIN QUESTION block)"
        )
    names = [q.answer for q in ex.questions]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ExerciseFormatError(f"{path}: answer variable(s) used twice: {', '.join(dup)}")
    return ex


# --------------------------------------------------------------------------- student copies


def _prompt_line(code: str) -> str:
    """``x = expr`` -> ``x = ...``; any other statement -> ``...`` at the same indent."""
    indent = code[: len(code) - len(code.lstrip())]
    try:
        node = ast.parse(code.strip()).body[0]
    except (SyntaxError, IndexError):
        node = None
    # `x += ...` would fail when run, so an augmented assignment becomes a bare `...`
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        head = code.strip()[: node.value.col_offset].rstrip()
        return f"{indent}{head} ..."
    return f"{indent}..."


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace solution code by ``...`` following Otter Assign's markers.

    Raises
    ------
    ExerciseFormatError
        For a ``# BEGIN SOLUTION`` without its ``# END SOLUTION`` (or the reverse).

    Examples
    --------
    >>> strip_solutions("n = len(a.hedges)  # SOLUTION")
    'n = ...'
    """
    out: list[str] = []
    block: str | None = None  # None, "prompt" or "noprompt"
    for line in source.split("\n"):
        stripped = line.strip()
        if _BEGIN.match(stripped):
            if block is not None:
                raise ExerciseFormatError(f"{where}: nested # BEGIN SOLUTION")
            block = "noprompt" if _BEGIN.match(stripped).group(1) else "prompt"
            if block == "prompt":
                out.append(line[: len(line) - len(line.lstrip())] + "...")
            continue
        if _END.match(stripped):
            if block is None:
                raise ExerciseFormatError(f"{where}: # END SOLUTION without # BEGIN SOLUTION")
            block = None
            continue
        if block is not None:
            continue
        m = _SUFFIX.match(line)
        if m and not line.lstrip().startswith("#"):
            try:
                ast.parse(m.group("code").strip())
            except SyntaxError:
                # e.g. ")  # SOLUTION" after a formatter split a long line
                raise ExerciseFormatError(
                    f"{where}: '# SOLUTION' must end a complete one-line statement "
                    f"({line.strip()!r}); wrap longer code in # BEGIN SOLUTION ... # END SOLUTION"
                ) from None
            if not m.group("noprompt"):
                out.append(_prompt_line(m.group("code")))
            continue
        out.append(line)
    if block is not None:
        raise ExerciseFormatError(f"{where}: # BEGIN SOLUTION without # END SOLUTION")
    return "\n".join(out)


def _lines(text: str) -> list[str]:
    """nbformat's on-disk form of a source: a list of lines that keep their newlines."""
    return text.splitlines(keepends=True)


def set_parameters(source: str, values: dict[str, Any]) -> str:
    """Rewrite the defaults of a parameters cell (``NAME: type = value  # comment``)."""
    out = []
    for line in source.split("\n"):
        m = re.match(r"^(\w+)(\s*:\s*[^=]+?)?(\s*=\s*)(.*?)(\s+#.*)?$", line)
        if m and m.group(1) in values:
            line = f"{m.group(1)}{m.group(2) or ''}{m.group(3)}{values[m.group(1)]!r}{m.group(5) or ''}"
        out.append(line)
    return "\n".join(out)


def student_notebook(ex: Exercise, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    """The student copy of ``ex``: solutions replaced, question blocks and outputs removed.

    Prompt and answer cells carry ``metadata.framing.question`` so the grader can point at
    them, and every generated cell is marked non-deletable (as nbgrader does).
    """
    by_prompt = {q.cell: q for q in ex.questions}
    by_answer = {q.answer_cell: q for q in ex.questions}
    p = parameters_cell(ex.nb)
    cells = []
    for i, cell in enumerate(ex.nb["cells"]):
        if INSTRUCTOR_ONLY in tags(cell):
            continue
        src = cell_source(cell)
        meta: dict[str, Any] = {"deletable": False}
        if tags(cell):
            meta["tags"] = tags(cell)
        if i in by_prompt:
            src = _BLOCK.sub("\n", src).rstrip() + "\n"
            meta["editable"] = False
            meta["framing"] = {"question": by_prompt[i].id}
        if cell["cell_type"] == "code":
            src = strip_solutions(src)
            if i == p and parameters:
                src = set_parameters(src, parameters)
            if i in by_answer:
                meta["framing"] = {"question": by_answer[i].id, "answer": by_answer[i].answer}
        new: dict[str, Any] = {
            "cell_type": cell["cell_type"],
            "id": cell.get("id") or f"{ex.name}-{i}",
            "metadata": meta,
            "source": _lines(src.rstrip("\n")),
        }
        if cell["cell_type"] == "code":
            new["execution_count"] = None
            new["outputs"] = []
        cells.append(new)
    meta = ex.nb.get("metadata", {})
    return {
        "cells": cells,
        "metadata": {
            "framing": {"exercise": ex.name, "format": FORMAT_VERSION},
            "kernelspec": meta.get(
                "kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"}
            ),
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def dumps(nb: dict[str, Any]) -> str:
    """Serialize like nbformat does (1-space indent, sorted keys, UTF-8) for stable diffs."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
