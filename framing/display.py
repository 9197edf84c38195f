"""Rendering an analysis as highlighted HTML (pure functions; widgets only wire controls)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framing.types import Analysis

LAYERS = ("hedges", "boosters", "loaded_terms", "quotes")
_STYLE = {
    "hedges": "background:#fde68a",
    "boosters": "background:#bfdbfe",
    "loaded_terms": "background:#fecaca",
    "quotes": "color:#065f46;font-style:italic",
}
_LABEL = {
    "hedges": "hedge",
    "boosters": "booster",
    "loaded_terms": "loaded term",
    "quotes": "quote",
}


def _marks(analysis: Analysis, layers):
    out = []
    for layer in layers:
        for m in getattr(analysis, layer):
            tip = _LABEL[layer]
            cat = getattr(m, "category", "")
            if cat:
                tip += f": {cat}"
            alts = getattr(m, "alternatives", ())
            if alts:
                tip += " (neutral: " + ", ".join(alts) + ")"
            if getattr(m, "in_quote", False):
                tip += " [in quote]"
            out.append((m.start, m.end, layer, tip))
    return out


def to_html(analysis: Analysis, layers=LAYERS) -> str:
    """The text as an HTML fragment with one coloured ``<mark>`` per finding.

    Overlapping findings are nested where they nest and clipped where they cross, so the
    text itself always comes out whole and in order.
    """
    text = analysis.text
    events: dict[int, list] = {}
    for s, e, layer, tip in _marks(analysis, layers):
        events.setdefault(s, []).append(("open", e, layer, tip))
        events.setdefault(e, []).append(("close", e, layer, tip))
    ignored = {(i.start, i.end) for i in analysis.ignored}
    cuts = sorted({0, len(text), *events, *(p for span in ignored for p in span)})
    parts = []
    stack: list[tuple[int, str, str]] = []
    for a, b in zip(cuts, cuts[1:] + [len(text)]):
        # close whatever ends here, open whatever starts here (longest first)
        while stack and stack[-1][0] <= a:
            stack.pop()
            parts.append("</mark>")
        for kind, e, layer, tip in sorted(events.get(a, []), key=lambda x: -x[1]):
            if kind == "open" and e > a:
                parts.append(
                    f'<mark class="{layer}" style="{_STYLE[layer]}" title="{html.escape(tip)}">'
                )
                stack.append((e, layer, tip))
        if b > a:
            chunk = html.escape(text[a:b])
            if any(s <= a and b <= e for s, e in ignored):
                chunk = f'<span class="ignored" style="color:#9ca3af;text-decoration:line-through">{chunk}</span>'
            parts.append(chunk)
    parts.extend("</mark>" for _ in stack)
    legend = " ".join(f'<mark style="{_STYLE[layer]}">{_LABEL[layer]}</mark>' for layer in layers)
    return (
        '<div class="framing-analysis" style="white-space:pre-wrap;line-height:1.6">'
        f'<div class="legend">{legend}</div>{"".join(parts)}</div>'
    )


def to_page(analyses: list[tuple[str, Analysis]]) -> str:
    """A standalone HTML page with one highlighted section per ``(title, analysis)``."""
    body = "".join(
        f"<section><h2>{html.escape(title)}</h2>{to_html(a)}</section>" for title, a in analyses
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>framing-kit analysis</title></head>"
        f'<body style="font-family:sans-serif;max-width:60em;margin:auto">{body}</body></html>\n'
    )
