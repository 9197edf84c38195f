"""``Analysis.summary()``: the counts every lesson and the CLI's text format read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.types import Analysis


def per_thousand(count: int, words: int) -> float:
    """``count`` per 1,000 words, rounded to 2 places (0.0 for an empty text)."""
    return round(1000.0 * count / words, 2) if words else 0.0


def quoted_words(analysis: Analysis) -> int:
    """Words inside quotation marks (ignored spans excluded), counted once by the Document."""
    if analysis.doc is None:
        from framing.text import Document

        return Document(analysis.text).quoted_words
    return analysis.doc.quoted_words


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Whole-text counts plus one section per metric (each module summarises itself)."""
    from framing import attribution, hedging, loaded

    q = quoted_words(analysis)
    return {
        "words": analysis.words,
        "author_words": analysis.words - q,
        "quoted_words": q,
        "sentences": len(analysis.sentences),
        "paragraphs": len(analysis.paragraphs),
        "quotes": len(analysis.quotes),
        "ignored": len(analysis.ignored),
        "hedging": hedging.summarize(analysis),
        "attribution": attribution.summarize(analysis),
        "loaded": loaded.summarize(analysis),
    }
