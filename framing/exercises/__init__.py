"""Exercises: instructor solution notebooks in, student notebooks, answer keys and grades out.

The instructor's notebook in ``exercises/source/`` is the only thing anyone edits; ``framing
exercises build`` derives the student copies and the answer keys from it, and ``framing
exercises grade`` runs submissions in sandboxed kernels and compares their answers with the
keys in this process (``exercises/README.md`` describes the format, ``docs/instructors.md``
the workflow).

Notebooks import only the two helpers below from here; they load nothing heavy, because
``import framing.exercises`` also runs inside every grading kernel.
"""

from framing.exercises.helpers import gold_spans, locate

__all__ = ["gold_spans", "locate"]
