"""Plots of an analysis: pure functions ``plot_x(analysis, ax=None) -> Axes``.

Each plot has a data function beside it (``densities``, ``sentence_counts``, ``voice_shares``,
``outlet_table``) that returns exactly the numbers drawn, so lessons can print them and tests
can compare them with the bars.  matplotlib is imported inside the functions: importing this
module (or ``framing``) stays fast.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing.display import COLORS, LABELS
from framing.summary import per_thousand, quoted_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.types import Analysis

#: The lexicon metrics, as ``Analysis`` attribute names.
METRICS = ("hedges", "boosters", "loaded_terms")
VOICES = ("author", "quoted")

#: Attribution kinds whose content sits inside quotation marks (the speaker's own words).
QUOTED_KINDS = ("direct", "partial", "continuation")
NO_SPEAKER = "(no speaker found)"


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # No layout engine: the notebook's inline backend already crops with bbox_inches="tight",
    # and a layout engine would draw the figure once more.
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _check_metrics(metrics: Sequence[str]) -> tuple[str, ...]:
    metrics = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    bad = [m for m in metrics if m not in METRICS]
    if bad:
        raise ValueError(f"unknown metric {bad[0]!r}; choose from {', '.join(METRICS)}")
    return metrics


# --------------------------------------------------------------------------- densities


def densities(analysis: Analysis) -> dict[str, dict[str, float]]:
    """Findings per 1,000 words, separately for the author's and the quoted words.

    Returns
    -------
    dict
        ``{metric: {"author": float, "quoted": float}}`` for each of :data:`METRICS`; the
        denominators are the author's words and the quoted words (ignored spans excluded).
    """
    q = quoted_words(analysis)
    words = {"author": analysis.words - q, "quoted": q}
    out: dict[str, dict[str, float]] = {}
    for metric in METRICS:
        items = getattr(analysis, metric)
        n = {"author": sum(not m.in_quote for m in items), "quoted": sum(m.in_quote for m in items)}
        out[metric] = {v: per_thousand(n[v], words[v]) for v in VOICES}
    return out


def plot_densities(analysis: Analysis, ax: Axes | None = None) -> Axes:
    """Grouped bars: each metric's density in the author's voice and in quotes."""
    ax = _axes(ax, (6, 3.2))
    d = densities(analysis)
    x = range(len(METRICS))
    w = 0.38
    for k, voice in enumerate(VOICES):
        heights = [d[m][voice] for m in METRICS]
        bars = ax.bar(
            [i + (k - 0.5) * w for i in x],
            heights,
            w,
            color=[COLORS[m] for m in METRICS],
            edgecolor="#374151",
            hatch="" if voice == "author" else "///",
        )
        ax.bar_label(bars, fmt="%.1f", fontsize=8)
    from matplotlib.patches import Patch

    ax.set_xticks(list(x), [LABELS[m] + "s" for m in METRICS])
    ax.set_ylabel("per 1,000 words")
    ax.set_title("Author's voice vs quoted voice")
    # Bars are coloured by metric; the legend explains the hatching (the voice) only.
    handles = [
        Patch(facecolor="white", edgecolor="#374151", hatch=h, label=f"{v} voice")
        for v, h in zip(VOICES, ("", "///"))
    ]
    ax.legend(handles=handles, frameon=False)
    return ax


# --------------------------------------------------------------------------- timeline


def sentence_counts(analysis: Analysis) -> dict[str, list[int]]:
    """Findings per sentence, in text order: ``{metric: [count for each sentence]}``.

    Also ``"quoted"``: 1 for a sentence that overlaps a quotation, else 0.
    """
    starts = [s.start for s in analysis.sentences]
    n = len(starts)
    out = {m: [0] * n for m in METRICS}
    for metric in METRICS:
        for m in getattr(analysis, metric):
            i = bisect.bisect_right(starts, m.start) - 1
            if 0 <= i < n:
                out[metric][i] += 1
    out["quoted"] = [
        int(any(q.start < s.end and s.start < q.end for q in analysis.quotes))
        for s in analysis.sentences
    ]
    return out


def plot_timeline(
    analysis: Analysis, ax: Axes | None = None, *, metrics: Sequence[str] = METRICS
) -> Axes:
    """Stacked steps per sentence, in reading order; shaded sentences contain a quotation.

    One filled step outline per metric (not one bar per sentence): a long article stays a
    handful of artists, which keeps drawing fast.
    """
    metrics = _check_metrics(metrics)
    ax = _axes(ax, (8, 2.6))
    c = sentence_counts(analysis)
    n = len(analysis.sentences)
    edges = [k + 0.5 for k in range(n + 1)]  # sentence k (1-based) spans k-0.5 .. k+0.5
    top = max([1, *(sum(v) for v in zip(*(c[m] for m in metrics)))]) if n else 1
    if n:  # an empty text gets empty axes (matplotlib cannot draw zero steps)
        ax.fill_between(
            edges,
            0,
            top,
            where=[*c["quoted"], 0],
            step="post",
            color=COLORS["quotes"],
            alpha=0.12,
            lw=0,
        )
    bottom = [0] * n
    for metric in metrics if n else ():
        upper = [b + v for b, v in zip(bottom, c[metric])]
        ax.stairs(
            upper,
            edges,
            baseline=bottom,
            fill=True,
            color=COLORS[metric],
            label=LABELS[metric] + "s",
        )
        bottom = upper
    ax.set_xlim(0.5, max(n, 1) + 0.5)
    ax.set_ylim(0, top + 0.5)
    ax.set_xlabel("sentence (shaded: contains a quotation)")
    ax.set_ylabel("findings")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Where in the text: findings sentence by sentence")
    if n:
        ax.legend(frameon=False, ncols=len(metrics), fontsize=8, loc="upper right")
    return ax


# --------------------------------------------------------------------------- voices


def voice_shares(analysis: Analysis) -> dict[str, int]:
    """Quoted words per speaker, largest first.

    A quotation belongs to the speaker of the first direct, partial or continuation
    attribution whose quoted content lies in it; quotations nobody is credited with are
    counted under :data:`NO_SPEAKER`.
    """
    doc = analysis.doc
    per_quote = [0] * len(analysis.quotes)
    for t in doc.tokens:
        if t.quote >= 0 and t.kind != "punct":
            per_quote[t.quote] += 1
    owner: dict[int, str] = {}
    for a in analysis.attributions:
        if a.quote is None or a.kind not in QUOTED_KINDS:
            continue
        for k, q in enumerate(analysis.quotes):
            if k not in owner and a.quote.start < q.end and q.start < a.quote.end:
                owner[k] = a.speaker.name if a.speaker else NO_SPEAKER
    shares: dict[str, int] = {}
    for k, n in enumerate(per_quote):
        if n:
            name = owner.get(k, NO_SPEAKER)
            shares[name] = shares.get(name, 0) + n
    return dict(sorted(shares.items(), key=lambda kv: (-kv[1], kv[0])))


def plot_voice_share(analysis: Analysis, ax: Axes | None = None) -> Axes:
    """Horizontal bars: each speaker's share of all quoted words."""
    ax = _axes(ax, (6, 2.6))
    shares = voice_shares(analysis)
    total = sum(shares.values())
    names = list(shares)[::-1]  # largest on top
    pct = [100.0 * shares[n] / total for n in names]
    colors = ["#9ca3af" if n == NO_SPEAKER else COLORS["attributions"] for n in names]
    bars = ax.barh(names, pct, color=colors, edgecolor="#374151")
    ax.bar_label(
        bars, labels=[f"{p:.0f}% ({shares[n]} words)" for p, n in zip(pct, names)], fontsize=8
    )
    ax.set_xlim(0, 115)
    ax.set_xlabel("share of quoted words (%)")
    ax.set_title("Who gets to speak: share of the quoted words" if total else "No quotations")
    return ax


# --------------------------------------------------------------------------- outlets


def outlet_table(
    analyses: Mapping[str, Analysis], *, voice: str = "author"
) -> dict[str, dict[str, float]]:
    """``{label: {metric: density per 1,000 words}}`` in one voice, for several texts."""
    if voice not in VOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICES)}, not {voice!r}")
    return {label: {m: v[voice] for m, v in densities(a).items()} for label, a in analyses.items()}


def plot_outlets(
    analyses: Mapping[str, Analysis],
    ax: Axes | None = None,
    *,
    voice: str = "author",
    metrics: Sequence[str] = METRICS,
) -> Axes:
    """Grouped bars: one group per outlet (text), one bar per metric, in one voice."""
    metrics = _check_metrics(metrics)
    table = outlet_table(analyses, voice=voice)
    labels = list(table)
    ax = _axes(ax, (max(6, 1.3 * len(labels)), 3.2))
    w = 0.8 / len(metrics)
    for k, metric in enumerate(metrics):
        xs = [i + (k - (len(metrics) - 1) / 2) * w for i in range(len(labels))]
        ax.bar(
            xs,
            [table[t][metric] for t in labels],
            w,
            color=COLORS[metric],
            label=LABELS[metric] + "s",
            edgecolor="#374151",
        )
    ax.set_xticks(range(len(labels)), labels, rotation=20, ha="right", fontsize=8)
    ax.set_ylabel("per 1,000 words")
    ax.set_title(f"Outlets compared ({voice}'s voice)")
    ax.legend(frameon=False, fontsize=8)
    return ax


def plot_hedges_vs_boosters(
    analyses: Analysis | Mapping[str, Analysis], ax: Axes | None = None
) -> Axes:
    """Scatter of hedge density (x) against booster density (y), one point per text.

    Given one analysis, plots its author's voice and its quoted voice as two points.
    Above the diagonal a text boosts more than it hedges.
    """
    if isinstance(analyses, Mapping):
        points = {label: (v["hedges"], v["boosters"]) for label, v in _xy(analyses).items()}
    else:
        d = densities(analyses)
        points = {f"{v} voice": (d["hedges"][v], d["boosters"][v]) for v in VOICES}
    ax = _axes(ax, (5, 4))
    xs = [p[0] for p in points.values()]
    ys = [p[1] for p in points.values()]
    ax.scatter(xs, ys, s=60, color=COLORS["boosters"], edgecolor="#1f2937", zorder=3)
    for label, (x, y) in points.items():
        ax.annotate(label, (x, y), xytext=(5, 4), textcoords="offset points", fontsize=8)
    top = max([1.0, *xs, *ys]) * 1.15
    ax.plot([0, top], [0, top], ls="--", color="#9ca3af", lw=1, label="as many boosters as hedges")
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("hedges per 1,000 words")
    ax.set_ylabel("boosters per 1,000 words")
    ax.set_title("Hedges vs boosters")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return ax


def _xy(analyses: Mapping[str, Analysis]) -> dict[str, dict[str, Any]]:
    return outlet_table(analyses, voice="author")
