"""Attribution (starter: `"Q," X said` only; issue 4 brings every pattern and speakers)."""

from __future__ import annotations

import bisect
from collections import Counter
from typing import TYPE_CHECKING, Any

from framing.types import Attribution, Span, Speaker, Verb

if TYPE_CHECKING:
    from framing.lexicon import LexiconSet
    from framing.text import Document
    from framing.types import Analysis


def find(doc: Document, lexicons: LexiconSet) -> list[Attribution]:
    """Quotes followed by ``, NAME VERB`` in the same sentence."""
    verbs = {h.i: h for h in lexicons["speech_verbs"].find(doc)}
    out = []
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    for q in doc.quotes:
        if q.close_at is None:
            continue
        k = bisect.bisect_right(starts, q.close_at)
        if k >= len(tokens):
            continue
        j = k
        while j < len(tokens) and doc.text[tokens[j].start].isupper() and j - k < 4:
            j += 1
        if j == k or j not in verbs:
            continue
        h = verbs[j]
        s, e = tokens[k].start, tokens[j - 1].end
        name = doc.text[s:e]
        out.append(
            Attribution(
                q.open_at,
                h.end,
                doc.text[q.open_at : h.end],
                "direct",
                Speaker(s, e, name, name.split()[-1]),
                Verb(h.start, h.end, h.text, h.entry.category, h.entry.term),
                Span(q.start, q.end, q.text),
                "named",
            )
        )
    return out


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Quotes per speaker."""
    counts = Counter(a.speaker.name for a in analysis.attributions if a.speaker)
    return {"attributions": len(analysis.attributions), "speakers": dict(counts)}
