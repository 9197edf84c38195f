"""Read answer variables out of a kernel as JSON, without running any of the student's code.

This module is imported *inside* the kernel (the solution's when keys are built, the
student's when grading) and must not import anything heavy.  Values are converted by exact
type, so a student object's ``__eq__``, ``__repr__`` or ``__iter__`` is never called: a value
of another type is reported as ``unsupported`` with its type name, and the grader decides.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_ITEMS = 5000  # an answer is a short list; more is a mistake (or a trap)
MAX_STR = 2000

_SEQ = (list, tuple, set, frozenset)


class _Unsupported(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _typename(v: Any) -> str:
    # type.__dict__ lookup: a metaclass cannot fake it with a property
    return type.__dict__["__name__"].__get__(type(v))


def _framing_span(v: Any) -> list[int] | None:
    import sys

    types = sys.modules.get("framing.types")
    if types is None:
        return None
    known = tuple(
        getattr(types, n) for n in ("Span", "Match", "Quote", "Speaker", "Verb", "Attribution")
    )
    if any(type(v) is k for k in known):  # `is`: a metaclass could fake ==
        s, e = object.__getattribute__(v, "start"), object.__getattribute__(v, "end")
        if type(s) is int and type(e) is int:
            return [s, e]
    return None


def _plain(v: Any, depth: int = 0) -> Any:
    t = type(v)
    if v is None or t is bool or t is int or t is str:
        if t is str and len(v) > MAX_STR:
            raise _Unsupported(f"str of {len(v)} characters")
        return v
    if t is float:
        return v if math.isfinite(v) else repr(v)
    if t in _SEQ:
        if depth >= 3:
            raise _Unsupported("deeply nested " + _typename(v))
        if len(v) > MAX_ITEMS:
            raise _Unsupported(f"{_typename(v)} of {len(v)} items")
        items = [_plain(x, depth + 1) for x in v]
        if t in (set, frozenset):
            items.sort(key=lambda x: json.dumps(x, sort_keys=True))
        return items
    span = _framing_span(v)
    if span is not None:
        return span
    if getattr(t, "__module__", "") == "numpy" and hasattr(v, "tolist"):
        # numpy scalars and arrays: count_nonzero() and friends return them
        return _plain(v.tolist(), depth)
    raise _Unsupported(_typename(v))


def convert(value: Any) -> dict[str, Any]:
    """One answer as ``{"status": "ok", "value": …}``, ``blank`` (still ``...``) or
    ``unsupported`` (``"type"`` says what was found)."""
    if value is Ellipsis:
        return {"status": "blank"}
    try:
        return {"status": "ok", "value": _plain(value)}
    except _Unsupported as e:
        return {"status": "unsupported", "type": e.what}
    except RecursionError:
        return {"status": "unsupported", "type": "self-referencing " + _typename(value)}


def collect(names: list[str], namespace: dict[str, Any] | None = None) -> str:
    """JSON ``{"answers": {name: convert(value) or {"status": "missing"}}, "watched": [...]}``
    for the kernel's user namespace; ``watched`` lists gold files the sandbox saw read."""
    import sys

    if namespace is None:
        from IPython import get_ipython

        namespace = get_ipython().user_ns
    answers = {}
    for n in names:
        answers[n] = convert(namespace[n]) if n in namespace else {"status": "missing"}
    sandbox = sys.modules.get("framing.exercises.sandbox")
    watched = [str(p) for p in getattr(sandbox, "WATCHED", []) if type(p) is str]
    return json.dumps({"answers": answers, "watched": watched}, ensure_ascii=True, sort_keys=True)
