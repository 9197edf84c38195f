"""Hedges and boosters (starter: plain lexicon matching; issue 3 brings the context logic)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from framing.summary import per_thousand, quoted_words
from framing.types import Match

if TYPE_CHECKING:
    from framing.lexicon import Hit, LexiconSet
    from framing.text import Document
    from framing.types import Analysis


def _match(doc: Document, h: Hit, metric: str) -> Match:
    e = h.entry
    return Match(
        h.start,
        h.end,
        h.text,
        metric,
        e.category,
        doc.tokens[h.i].in_quote,
        term=e.term,
        source=e.source,
    )


def find(doc: Document, lexicons: LexiconSet) -> tuple[list[Match], list[Match]]:
    """Hedges and boosters in ``doc``."""
    hedges = [_match(doc, h, "hedge") for h in lexicons["hedges"].find(doc)]
    boosters = [_match(doc, h, "booster") for h in lexicons["boosters"].find(doc)]
    return hedges, boosters


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Counts and densities per 1,000 words, author vs quoted voice."""
    q = quoted_words(analysis)
    a = analysis.words - q
    out: dict[str, Any] = {}
    for name, items in (("hedges", analysis.hedges), ("boosters", analysis.boosters)):
        author = [m for m in items if not m.in_quote]
        quoted = [m for m in items if m.in_quote]
        out[name] = {
            "author": len(author),
            "quoted": len(quoted),
            "author_per_1000": per_thousand(len(author), a),
            "quoted_per_1000": per_thousand(len(quoted), q),
        }
    return out
