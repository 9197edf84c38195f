"""Seconds per graded submission: 20 notebooks (5 students x 4 exercise sets), 2 jobs.

Run with `make bench-grading`.  Builds the keys for the default articles into a temporary
folder first (and times that too), then grades a class of five: one perfect, one blank,
one partial, one with an endless loop, one whose kernel dies.  Prints numbers; asserts
nothing (the target, 1.5 s per submission amortized, is in docs/instructors.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from framing.exercises import build, grade
from framing.exercises import format as fmt

ROOT = Path(__file__).resolve().parent.parent
SOURCE, STUDENT = ROOT / "exercises" / "source", ROOT / "exercises" / "student"


def student_copy(ex: fmt.Exercise, answer) -> dict:
    """The student notebook with ``answer(question, solution_code)`` in each answer cell."""
    nb = json.loads((STUDENT / f"{ex.name}.ipynb").read_text(encoding="utf-8"))
    cells = {c["metadata"].get("framing", {}).get("question"): c for c in nb["cells"]}
    for q in ex.questions:
        code = answer(q, fmt.cell_source(ex.nb["cells"][q.answer_cell]))
        if code is not None:
            cells[q.id]["source"] = code
    return nb


CLASS = {
    "perfect": lambda q, code: code,
    "blank": lambda q, code: None,
    "partial": lambda q, code: code if q.type in ("int", "spans") else f"{q.answer} = None",
    "endless-loop": lambda q, code: "while True:\n    pass" if q.id.endswith(".2") else code,
    "kernel-dies": lambda q, code: "import os\nos._exit(1)" if q.id.endswith(".1") else code,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per cell")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        report = build.build(out=tmp / "build", student=tmp / "student", progress=False)
        built = time.perf_counter() - t0
        n_runs = len(report.exercises)
        exercises = build.load_exercises(SOURCE)
        for student, answer in CLASS.items():
            for ex in exercises:
                path = tmp / "submissions" / student / f"{ex.name}.ipynb"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(fmt.dumps(student_copy(ex, answer)), encoding="utf-8")
        t0 = time.perf_counter()
        graded = grade.grade(
            [tmp / "submissions"],
            out=tmp / "grades",
            build=tmp / "build",
            timeout=args.timeout,
            jobs=args.jobs,
            progress=False,
        )
        wall = time.perf_counter() - t0
        totals = {}
        for g in graded.results:
            t = totals.setdefault(g.submission.student, [0.0, 0.0, 0.0])
            t[0] += g.awarded
            t[1] += g.points
            t[2] += g.seconds / len(exercises)
    n = len(graded.results)
    print(
        f"machine: {os.cpu_count()} CPU(s), load {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}"
    )
    print(f"build:   {n_runs} solution notebooks executed with papermill in {built:.1f} s")
    print(f"grading: {n} submissions in {wall:.1f} s with {args.jobs} jobs")
    print(f"         {wall / n:.2f} s per submission amortized (target <= 1.5 s)")
    print(f"         (an endless loop costs its --timeout, {args.timeout:g} s, in that submission)")
    print("  student         score      s per notebook (in its kernel, jobs overlapping)")
    for student, (got, out_of, seconds) in totals.items():
        print(f"  {student:14} {got:6.2f} / {out_of:g}   {seconds:5.2f}")


if __name__ == "__main__":
    main()
