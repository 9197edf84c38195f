"""Compare one extracted answer with its key: points, a status, and feedback without the answer.

Runs in the grader process only.  Feedback sentences are built from the student's own value,
the question's hint and counts of *their* items; the expected value is never formatted into
them (``tests/test_exercises_grade.py`` checks this).

Annotation answers (``spans``) are scored like ``framing validate`` scores the analyzer:
a student span matches a key span when the two overlap, one-to-one, maximum matching; a span
more than ``SPAN_SLACK`` characters longer than the key span does not count, so a whole
sentence cannot fish for a one-word term.  Credit is ``points * F1``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from framing.exercises.format import TYPES

SPAN_SLACK = 20

#: Statuses, best first; ``correct`` and ``partial`` earn points.
STATUSES = (
    "correct",
    "partial",
    "wrong",
    "blank",
    "missing",
    "unsupported",
    "error",
    "timeout",
    "crashed",
    "not-graded",
)


@dataclass(frozen=True)
class Mark:
    """The outcome of one question for one submission."""

    question: str
    awarded: float
    points: float
    status: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "awarded": self.awarded,
            "points": self.points,
            "status": self.status,
            "message": self.message,
        }


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _f1(matched: int, given: int, expected: int) -> float:
    if given == 0 and expected == 0:
        return 1.0
    return 2.0 * matched / (given + expected) if given + expected else 0.0


def match_spans(
    key: list[tuple[int, int]], given: list[tuple[int, int]], slack: int = SPAN_SLACK
) -> int:
    """Size of a maximum one-to-one matching of overlapping spans (Kuhn's algorithm).

    Examples
    --------
    >>> match_spans([(0, 6), (10, 17)], [(0, 6), (11, 17), (40, 45)])
    2
    """
    edges = [
        [
            j
            for j, (gs, ge) in enumerate(given)
            if min(ke, ge) > max(ks, gs) and (ge - gs) <= (ke - ks) + slack
        ]
        for ks, ke in key
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(key)))


def _as_spans(value: Any) -> tuple[list[tuple[int, int]], int]:
    """Valid ``(start, end)`` pairs of a student value, and how many items were not pairs."""
    spans, bad = [], 0
    for item in value:
        if (
            isinstance(item, list)
            and len(item) == 2
            and all(type(x) is int for x in item)
            and 0 <= item[0] < item[1]
        ):
            spans.append((item[0], item[1]))
        else:
            bad += 1
    return sorted(set(spans)), bad  # a span listed twice counts once


def _wrong(hint: str) -> str:
    return f"Not quite. Hint: {hint}"


def score(question: dict[str, Any], answer: dict[str, Any]) -> Mark:
    """Score one answer.

    Parameters
    ----------
    question : dict
        One entry of a key file: ``id``, ``answer``, ``type``, ``expected``, ``points``,
        ``tolerance``, ``hint``.
    answer : dict
        What :func:`framing.exercises.extract.convert` reported for the student's variable
        (``{"status": "missing"}`` when it was not defined).

    Returns
    -------
    Mark
    """
    qid, name, qtype = question["id"], question["answer"], question["type"]
    points, hint, expected = float(question["points"]), question["hint"], question["expected"]

    def mark(fraction: float, status: str, message: str) -> Mark:
        return Mark(qid, round(points * fraction, 2), points, status, message)

    status = answer.get("status")
    if status == "blank":
        return mark(0, "blank", f"Not answered yet: `{name}` is still `...`.")
    if status == "missing":
        return mark(0, "missing", f"`{name}` is not defined when the notebook has run.")
    if status != "ok":
        return mark(
            0,
            "unsupported",
            f"`{name}` holds {answer.get('type', 'something else')}; store {TYPES[qtype]}.",
        )
    value = answer.get("value")
    wrong_type = mark(0, "unsupported", f"`{name}` should be {TYPES[qtype]}.")

    if expected is None:  # e.g. "which speaker…?" when nobody is quoted
        ok = value is None
        return mark(1, "correct", "Correct.") if ok else mark(0, "wrong", _wrong(hint))

    if qtype in ("int", "float"):
        if type(value) is bool or not isinstance(value, (int, float)):
            return wrong_type
        if qtype == "int" and isinstance(value, float) and not value.is_integer():
            return wrong_type
        tol = float(question.get("tolerance") or 0)
        ok = math.isfinite(value) and abs(value - expected) <= tol + 1e-9
        return mark(1, "correct", "Correct.") if ok else mark(0, "wrong", _wrong(hint))

    if qtype == "bool":
        if type(value) is not bool:
            return wrong_type
        return (
            mark(1, "correct", "Correct.") if value == expected else mark(0, "wrong", _wrong(hint))
        )

    if qtype == "str":
        if not isinstance(value, str):
            return wrong_type
        ok = _norm(value) == _norm(expected)
        return mark(1, "correct", "Correct.") if ok else mark(0, "wrong", _wrong(hint))

    if not isinstance(value, list):
        return wrong_type

    if qtype == "set":
        if not all(isinstance(x, str) for x in value):
            return wrong_type
        given, key = {_norm(x) for x in value}, {_norm(x) for x in expected}
        matched = len(given & key)
        what = "items"
    else:  # spans
        spans, bad = _as_spans(value)
        key_spans = [(s["start"], s["end"]) for s in expected]
        matched = match_spans(key_spans, spans)
        given, key = [*spans, *([None] * bad)], key_spans
        what = "spans"
    f1 = _f1(matched, len(given), len(key))
    if f1 == 1.0:
        return mark(1, "correct", "Correct." if given else "Correct: there is nothing to list.")
    parts = [f"{matched} of your {len(given)} {what} match the key."]
    if matched < len(given):
        parts.append(f"Some of your {what} are not in it.")
    if matched < len(key):
        parts.append(f"It has {what} you did not list.")
    if qtype == "spans" and any(x is None for x in given):
        parts.append("Each item must be a (start, end) pair, e.g. locate(text, 'phrase').")
    parts.append(f"Hint: {hint}")
    return mark(f1, "partial" if matched else "wrong", " ".join(parts))
