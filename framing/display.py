"""Rendering an analysis as highlighted HTML: pure functions of an ``Analysis``.

The same fragment works in JupyterLab (``IPython.display.HTML``), in Voilà, inside an
``ipywidgets.HTML`` and in a standalone page (``framing analyze --format html``): styles are
inline, explanations are ``title`` tooltips, and nothing needs JavaScript.

Every mark carries ``data-layer``, ``data-start`` and ``data-end`` so that tests (and curious
students using the browser's inspector) can map it back to ``text[start:end]``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framing.types import Analysis

#: Layers that can be switched on and off, in legend order.
LAYERS = ("hedges", "boosters", "loaded_terms", "attributions", "quotes")

#: One colour per metric; the plots use the same ones.
COLORS = {
    "hedges": "#fcd34d",
    "boosters": "#93c5fd",
    "loaded_terms": "#fca5a5",
    "attributions": "#c4b5fd",
    "quotes": "#047857",
}

LABELS = {
    "hedges": "hedge",
    "boosters": "booster",
    "loaded_terms": "loaded term",
    "attributions": "speaker / speech verb",
    "quotes": "quotation",
}

_STYLE = {
    "hedges": f"background:{COLORS['hedges']};border-radius:3px;padding:0 1px",
    "boosters": f"background:{COLORS['boosters']};border-radius:3px;padding:0 1px",
    "loaded_terms": f"background:{COLORS['loaded_terms']};border-radius:3px;padding:0 1px",
    "speaker": f"background:transparent;border-bottom:3px solid {COLORS['attributions']};font-weight:600",
    "verb": f"background:transparent;border-bottom:3px double {COLORS['attributions']}",
    "quotes": f"background:transparent;color:{COLORS['quotes']};font-style:italic",
}
_IGNORED_STYLE = "color:#9ca3af;text-decoration:line-through"
# Outer marks first when two start at the same offset: quotes wrap what is inside them.
_RANK = {"quotes": 0, "speaker": 1, "verb": 1, "loaded_terms": 2, "boosters": 3, "hedges": 4}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # a key of _STYLE
    layer: str  # a key of LAYERS
    tip: str


def _check_layers(layers: Iterable[str]) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    layers = tuple(layers)
    unknown = [x for x in layers if x not in LAYERS]
    if unknown:
        raise ValueError(f"unknown layer {unknown[0]!r}; choose from {', '.join(LAYERS)}")
    return layers


def _voice(in_quote: bool) -> str:
    return "inside a quote (the speaker's voice)" if in_quote else "author's voice"


def _match_tip(m: Any, layer: str) -> str:
    lines = [f"{LABELS[layer]}: {m.category}" if m.category else LABELS[layer]]
    if m.term and m.term.lower() != m.text.lower():
        lines.append(f"lexicon entry: {m.term}")
    if layer == "loaded_terms" and m.polarity:
        lines.append(f"polarity: {m.polarity}, strength {m.strength}")
    if getattr(m, "alternatives", ()):
        lines.append("neutral alternatives: " + ", ".join(m.alternatives))
    if m.note:
        lines.append(m.note)
    lines.append(_voice(m.in_quote))
    return "\n".join(lines)


def _quote_owner(analysis: Analysis) -> dict[int, Any]:
    """Quote index -> the first attribution whose quoted content lies in that quote."""
    owner: dict[int, Any] = {}
    for a in analysis.attributions:
        if a.quote is None:
            continue
        for k, q in enumerate(analysis.quotes):
            if k not in owner and a.quote.start < q.end and q.start < a.quote.end:
                owner[k] = a
    return owner


def _speaker_label(a: Any) -> str:
    if a.speaker is None:
        return "no speaker found"
    src = a.source_type + (", anonymous" if a.anonymous else "")
    return f"{a.speaker.name} ({src})"


def _marks(analysis: Analysis, layers: Sequence[str]) -> list[_Mark]:
    out: list[_Mark] = []
    for layer in ("hedges", "boosters", "loaded_terms"):
        if layer in layers:
            out += [
                _Mark(m.start, m.end, layer, layer, _match_tip(m, layer))
                for m in getattr(analysis, layer)
            ]
    if "attributions" in layers:
        for a in analysis.attributions:
            who = _speaker_label(a)
            verb = f'"{a.verb.text}" ({a.verb.cls})' if a.verb else "no speech verb"
            if a.speaker is not None:
                tip = f"speaker: {who}\n{a.kind} attribution, introduced by {verb}"
                out.append(_Mark(a.speaker.start, a.speaker.end, "speaker", "attributions", tip))
            if a.verb is not None:
                tip = f"speech verb: {a.verb.text} ({a.verb.cls})\n{a.kind} attribution to {who}"
                out.append(_Mark(a.verb.start, a.verb.end, "verb", "attributions", tip))
    if "quotes" in layers:
        owner = _quote_owner(analysis)
        for k, q in enumerate(analysis.quotes):
            a = owner.get(k)
            if a is None:
                tip = "quotation with no speaker found (a title, a scare quote, or a miss)"
            else:
                verb = f' via "{a.verb.text}"' if a.verb else ""
                tip = f"quotation: {_speaker_label(a)}, {a.kind}{verb}"
            if not q.closed:
                tip += "\nthe closing quotation mark is missing"
            out.append(_Mark(q.start, q.end, "quotes", "quotes", tip))
    return [m for m in out if m.end > m.start]


def _open(m: _Mark) -> str:
    tag = "mark" if m.kind in ("hedges", "boosters", "loaded_terms") else "span"
    return (
        f'<{tag} class="fk fk-{m.kind}" data-layer="{m.layer}" data-start="{m.start}" '
        f'data-end="{m.end}" title="{html.escape(m.tip)}" style="{_STYLE[m.kind]}">'
    )


def _close(m: _Mark) -> str:
    return "</mark>" if m.kind in ("hedges", "boosters", "loaded_terms") else "</span>"


def highlight(analysis: Analysis, layers: Iterable[str] = LAYERS) -> str:
    """The text alone as HTML, one element per finding (no legend, no container).

    Overlapping findings nest where they nest; where two cross, the inner one is closed and
    reopened, so the text comes out whole and in order: stripping the tags and unescaping
    gives back ``analysis.text`` exactly.
    """
    layers = _check_layers(layers)
    text = analysis.text
    marks = _marks(analysis, layers)
    ignored = [(i.start, i.end) for i in analysis.ignored]
    cuts = sorted(
        {
            0,
            len(text),
            *(p for m in marks for p in (m.start, m.end)),
            *(p for s in ignored for p in s),
        }
    )
    order = sorted(marks, key=lambda m: (m.start, -m.end, _RANK[m.kind]))
    parts: list[str] = []
    stack: list[_Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        want = [m for m in order if m.start <= a and b <= m.end]
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        parts += [_close(m) for m in reversed(stack[keep:])]
        parts += [_open(m) for m in want[keep:]]
        stack = want
        chunk = html.escape(text[a:b], quote=False)
        if any(s <= a and b <= e for s, e in ignored):
            chunk = f'<span class="fk-ignored" title="ignored: boilerplate, not analysed" style="{_IGNORED_STYLE}">{chunk}</span>'
        parts.append(chunk)
    parts += [_close(m) for m in reversed(stack)]
    return "".join(parts)


def legend(analysis: Analysis | None = None, layers: Iterable[str] = LAYERS) -> str:
    """A one-line legend; with an analysis, each entry shows its count."""
    layers = _check_layers(layers)
    items = []
    for layer in layers:
        style = _STYLE["speaker" if layer == "attributions" else layer]
        n = ""
        if analysis is not None:
            n = f" ({len(getattr(analysis, layer))})"
        items.append(
            f'<span class="fk-legend-{layer}" style="{style};margin-right:1em">{LABELS[layer]}{n}</span>'
        )
    hint = '<span style="color:#6b7280">hover over a mark to see why</span>'
    return f'<div class="fk-legend" style="margin-bottom:.6em">{"".join(items)}{hint}</div>'


def to_html(analysis: Analysis, layers: Iterable[str] = LAYERS, *, title: str | None = None) -> str:
    """The analysis as an HTML fragment: optional title, legend with counts, highlighted text.

    Parameters
    ----------
    analysis : Analysis
        What ``framing.analyze`` returned.
    layers : iterable of str
        Which of :data:`LAYERS` to show.
    title : str, optional
        A heading above the text.

    Returns
    -------
    str
        A ``<div class="framing-analysis">``; display it with ``IPython.display.HTML``.
    """
    layers = _check_layers(layers)
    head = f'<h3 style="margin:.2em 0">{html.escape(title)}</h3>' if title else ""
    return (
        '<div class="framing-analysis" style="line-height:1.7;max-width:52em">'
        f"{head}{legend(analysis, layers)}"
        f'<div class="fk-text" style="white-space:pre-wrap">{highlight(analysis, layers)}</div></div>'
    )


def side_by_side(
    left: Analysis,
    right: Analysis,
    *,
    titles: Sequence[str] = ("", ""),
    layers: Iterable[str] = LAYERS,
) -> str:
    """Two analyses in two columns (two outlets' versions of one story)."""
    layers = _check_layers(layers)
    cols = "".join(
        f'<div class="fk-column" style="min-width:0">{to_html(a, layers, title=t or None)}</div>'
        for a, t in zip((left, right), titles)
    )
    return f'<div class="fk-side-by-side" style="display:grid;grid-template-columns:1fr 1fr;gap:1.5em">{cols}</div>'


def summary_table(analyses: Mapping[str, Analysis]) -> str:
    """An HTML table: per text, words and author/quoted densities per 1,000 words."""
    from framing.plots import METRICS, densities

    head = "".join(f"<th>{LABELS[m]}s<br><small>author / quoted</small></th>" for m in METRICS)
    rows = []
    for name, a in analyses.items():
        d = densities(a)
        cells = "".join(f"<td>{d[m]['author']:.1f} / {d[m]['quoted']:.1f}</td>" for m in METRICS)
        rows.append(f"<tr><td>{html.escape(name)}</td><td>{a.words}</td>{cells}</tr>")
    return (
        '<table class="fk-summary"><thead><tr><th>text</th><th>words</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "<small>per 1,000 words of the author's text / of the quoted text</small>"
    )


def reframed_html(analysis: Analysis) -> str:
    """The neutral rewrite (``analysis.reframe()``) with each replacement marked.

    Each change's tooltip gives the original wording.  If the loaded-terms module cannot
    reframe yet, the fragment says so instead of raising.
    """
    try:
        r = analysis.reframe()
    except NotImplementedError as e:
        return f'<div class="framing-reframed fk-unavailable"><em>{html.escape(str(e))}</em></div>'
    text = r.text
    spans = sorted(_change_spans(r), key=lambda c: c[0])
    parts, at = [], 0
    for s, e, before in spans:
        if s < at:
            continue
        parts.append(html.escape(text[at:s], quote=False))
        parts.append(
            f'<mark class="fk fk-changed" data-start="{s}" data-end="{e}" '
            f'title="{html.escape("was: " + before)}" '
            f'style="background:#bbf7d0;border-radius:3px;padding:0 1px">{html.escape(text[s:e], quote=False)}</mark>'
        )
        at = e
    parts.append(html.escape(text[at:], quote=False))
    n = len(spans)
    note = f'<div class="fk-legend" style="margin-bottom:.6em"><span style="background:#bbf7d0">neutral wording</span> ({n} change{"s" * (n != 1)}); hover to see the original</div>'
    return f'<div class="framing-reframed" style="line-height:1.7;max-width:52em">{note}<div class="fk-text" style="white-space:pre-wrap">{"".join(parts)}</div></div>'


def _change_spans(reframed: Any) -> list[tuple[int, int, str]]:
    """``(start, end, original)`` of each change, as offsets into the reframed text."""
    out = []
    for c in reframed.changes:
        get = c.get if isinstance(c, Mapping) else lambda k, d=None, c=c: getattr(c, k, d)
        s, e = get("new_start"), get("new_end")
        before = get("original") or get("text") or get("before") or ""
        if s is None or e is None:  # changes given in original offsets only: locate them
            continue
        out.append((s, e, before))
    return out


def to_page(analyses: list[tuple[str, Analysis]], layers: Iterable[str] = LAYERS) -> str:
    """A standalone HTML page with one highlighted section per ``(title, analysis)``."""
    layers = _check_layers(layers)
    body = "".join(f"<section>{to_html(a, layers, title=t)}</section><hr>" for t, a in analyses)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>framing-kit analysis</title></head>"
        f'<body style="font-family:system-ui,sans-serif;max-width:56em;margin:1em auto;padding:0 1em">{body}</body></html>\n'
    )
