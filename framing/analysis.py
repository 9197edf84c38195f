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


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for one analysis.

    One analysis allocates many small objects and no reference cycles worth collecting
    midway: pausing the collector saves about a fifth of the time on long texts.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
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
