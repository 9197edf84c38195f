"""``analyze``: the one call that runs every metric on a text."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from operator import attrgetter

from framing import attribution, hedging, loaded
from framing.lexicon import LexiconSet, default_lexicons
from framing.text import Document
from framing.types import Analysis, Span


def _sorted(items):
    return tuple(sorted(items, key=attrgetter("start", "end")))


def _spans(text: str, units) -> tuple[Span, ...]:
    """``Span``s of sentences or paragraphs (thousands per long text: no call per unit)."""
    starts = list(map(attrgetter("start"), units))
    ends = list(map(attrgetter("end"), units))
    return tuple(map(Span, starts, ends, map(text.__getitem__, map(slice, starts, ends))))


def analyze(text: str, *, lexicons: LexiconSet | None = None) -> Analysis:
    """Analyse one news text for hedging, attribution and loaded language.

    Parameters
    ----------
    text : str
        The article as decoded; never modified.  Every span in the result indexes it.
    lexicons : LexiconSet, optional
        Lexicons to use (``framing.default_lexicons()`` when omitted); derive your own with
        ``.with_file``, ``.with_entries`` and ``.without``.

    Returns
    -------
    Analysis
        Findings as offset spans, with ``.summary()``, ``.to_dict()`` and ``.reframe()``.

    Examples
    --------
    >>> a = analyze('Prices may rise in May, "clearly," she said.')
    >>> [h.text for h in a.hedges]
    ['may']
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze() needs a str, got {type(text).__name__}; decode bytes first")
    lex = lexicons if lexicons is not None else default_lexicons()
    with gc_paused():
        return _analyze(text, lex)


# New objects an analysis leaves behind beyond which they skip the young generations (about
# a 40,000-word text; see ``gc_paused``).
_PROMOTE_AFTER = 20_000


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for one analysis.

    One analysis allocates many small objects and makes no reference cycles (a test checks):
    pausing the collector saves about a fifth of the time on long texts.

    A long text leaves a hundred thousand objects or more, all alive as long as the result.
    Re-enabled as usual, the collector would scan them all at once in its young generation,
    and again in the middle one, and free nothing: about a tenth of ``analyze``'s time on a
    200,000-word text.  So they go straight to the oldest generation (``gc.freeze()`` then
    ``gc.unfreeze()``), which full collections scan as before.  The move takes every object
    tracked at that moment: a cycle the caller had just made is freed at the next full
    collection rather than the next young one.  Objects the caller froze stay frozen.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] > _PROMOTE_AFTER and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _analyze(text: str, lex: LexiconSet) -> Analysis:
    doc = Document(text)
    hedges, boosters = hedging.find(doc, lex)
    return Analysis(
        text=text,
        words=doc.words,
        sentences=_spans(text, doc.sentences),
        paragraphs=_spans(text, doc.paragraphs),
        headings=_spans(text, [p for p in doc.paragraphs if p.heading]),
        ignored=doc.ignored,
        quotes=doc.quotes,
        warnings=tuple(doc.warnings),
        hedges=_sorted(hedges),
        boosters=_sorted(boosters),
        loaded_terms=_sorted(loaded.find(doc, lex)),
        attributions=_sorted(attribution.find(doc, lex)),
        doc=doc,
        lexicons=lex,
    )
