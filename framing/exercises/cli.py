"""``framing exercises build`` and ``framing exercises grade`` (hooked into ``framing.cli``).

Exit status: 0 done; 1 a solution failed or the student notebooks drifted (``--check``);
2 a usage problem (missing keys, unknown article, bad roster).  No tracebacks for any of them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``exercises build`` and ``exercises grade`` on the ``framing`` command."""
    from framing.exercises.build import BUILD_DIR, SOURCE_DIR, STUDENT_DIR
    from framing.exercises.grade import OUT_DIR

    p = subparsers.add_parser(
        "exercises", help="build student notebooks and answer keys; grade submissions"
    )
    sub = p.add_subparsers(dest="exercises_command", metavar="ACTION", required=True)

    b = sub.add_parser(
        "build",
        help="student notebooks, answer keys and executed solutions from exercises/source",
        description="Strip the solutions into exercises/student/ and execute each solution "
        "with papermill for each article to write the answer keys into the build folder.",
    )
    b.add_argument("--article", nargs="+", metavar="ID", help="article id(s) to build keys for")
    b.add_argument("--roster", type=Path, metavar="FILE", help="student ids (CSV or one per line)")
    b.add_argument(
        "--check", action="store_true", help="only check exercises/student is up to date"
    )
    b.add_argument("--exercise", nargs="+", metavar="NAME", help="only these exercise sets")
    b.add_argument("--source", type=Path, default=SOURCE_DIR, help=f"default {SOURCE_DIR}")
    b.add_argument("--student", type=Path, default=STUDENT_DIR, help=f"default {STUDENT_DIR}")
    b.add_argument("--build", type=Path, default=BUILD_DIR, help=f"default {BUILD_DIR}")
    b.add_argument("--jobs", type=int, default=2, metavar="N", help="solutions run in parallel")
    b.set_defaults(func=cmd_build)

    g = sub.add_parser(
        "grade",
        help="run submissions in sandboxed kernels and write a gradebook and feedback",
        description="Grade SUBMISSIONS (notebooks, or folders of <student>.ipynb or "
        "<student>/<exercise>.ipynb) against the keys of the build folder.",
    )
    g.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSIONS")
    g.add_argument(
        "--out", type=Path, default=OUT_DIR, help=f"replaced as a whole (default {OUT_DIR})"
    )
    g.add_argument(
        "--build", type=Path, default=BUILD_DIR, help=f"keys from here (default {BUILD_DIR})"
    )
    g.add_argument("--timeout", type=float, default=30.0, metavar="S", help="seconds per cell (30)")
    g.add_argument("--jobs", type=int, default=2, metavar="N", help="submissions in parallel (2)")
    g.add_argument(
        "--memory", type=int, default=4096, metavar="MB", help="memory per kernel (4096)"
    )
    g.set_defaults(func=cmd_grade)


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from framing.exercises import build

    try:
        if args.check:
            problems = build.check(args.source, args.student)
            if problems:
                print("framing: exercises/student is out of date:", file=sys.stderr)
                for line in problems:
                    print(f"  {line}", file=sys.stderr)
                print(
                    "run `framing exercises build` (or `make exercises`) and commit the result",
                    file=sys.stderr,
                )
                return EXIT_FAIL
            out.write(f"student notebooks in {args.student} match {args.source}\n")
            return EXIT_OK
        report = build.build(
            args.article,
            roster=args.roster,
            source=args.source,
            student=args.student,
            out=args.build,
            jobs=args.jobs,
            only=args.exercise,
        )
    except build.BuildError as e:
        print(f"framing: {e}", file=sys.stderr)
        return EXIT_USAGE if e.usage else EXIT_FAIL
    out.write(
        f"built {len(report.exercises)} exercise set(s) x {len(report.articles)} article(s) "
        f"in {report.seconds:.1f} s: keys in {report.out}/keys, "
        f"executed solutions in {report.out}/solutions\n"
    )
    if report.students:
        out.write(
            f"{len(report.students)} students: {report.out}/roster.csv, {report.out}/students/\n"
        )
    changed = ", ".join(str(p) for p in report.changed) or "none changed"
    out.write(f"student notebooks in {args.student}: {changed}\n")
    return EXIT_OK


def cmd_grade(args: argparse.Namespace, out: TextIO) -> int:
    from framing.exercises.grade import GradeError, grade

    if args.timeout <= 0 or args.jobs < 1:
        print("framing: --timeout must be > 0 and --jobs >= 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = grade(
            args.submissions,
            out=args.out,
            build=args.build,
            timeout=args.timeout,
            jobs=args.jobs,
            memory_mb=args.memory,
        )
    except GradeError as e:
        print(f"framing: {e}", file=sys.stderr)
        return EXIT_USAGE
    problems = sum(1 for g in report.results if g.error)
    out.write(
        f"graded {len(report.results)} submission(s) in {report.seconds:.1f} s "
        f"({report.per_submission:.2f} s each): {report.out}/gradebook.csv, "
        f"{report.out}/feedback/\n"
    )
    if problems:
        out.write(f"{problems} submission(s) could not be graded normally: see their feedback\n")
    return EXIT_OK
