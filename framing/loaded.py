"""Loaded terms (starter: plain lexicon matching; issue 5 brings disambiguation, reframe)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framing.summary import per_thousand, quoted_words
from framing.types import Match

if TYPE_CHECKING:
    from framing.lexicon import LexiconSet
    from framing.text import Document
    from framing.types import Analysis


def find(doc: Document, lexicons: LexiconSet) -> list[Match]:
    """Loaded terms, evaluative speech verbs included (category ``speech-verb``)."""
    out = []
    for h in lexicons["loaded"].find(doc):
        e = h.entry
        out.append(
            Match(
                h.start,
                h.end,
                h.text,
                "loaded",
                e.category,
                doc.tokens[h.i].in_quote,
                term=e.term,
                polarity=e.polarity,
                strength=e.strength,
                alternatives=e.alternatives,
                note=e.note,
                source=e.source,
            )
        )
    taken = {(m.start, m.end) for m in out}
    for h in lexicons["speech_verbs"].find(doc):
        e = h.entry
        if e.category == "evaluative" and (h.start, h.end) not in taken:
            out.append(
                Match(
                    h.start,
                    h.end,
                    h.text,
                    "loaded",
                    "speech-verb",
                    doc.tokens[h.i].in_quote,
                    term=e.term,
                    polarity=e.polarity,
                    strength=e.strength,
                    alternatives=e.alternatives or ("said",),
                    note=e.note,
                    source=e.source,
                )
            )
    return out


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Counts and densities per 1,000 words, author vs quoted voice."""
    q = quoted_words(analysis)
    author = [m for m in analysis.loaded_terms if not m.in_quote]
    quoted = [m for m in analysis.loaded_terms if m.in_quote]
    return {
        "author": len(author),
        "quoted": len(quoted),
        "author_per_1000": per_thousand(len(author), analysis.words - q),
        "quoted_per_1000": per_thousand(len(quoted), q),
    }


def reframe(analysis: Analysis) -> Any:
    """Not yet available: issue 5 (loaded terms) implements it."""
    raise NotImplementedError("reframe() arrives with the loaded-terms metric (issue 5)")
