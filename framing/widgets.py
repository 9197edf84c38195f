"""Interactive widgets for the lessons: each is one call, e.g. ``framing.widgets.explorer()``.

Widgets only wire controls to the pure functions of :mod:`framing.display` and
:mod:`framing.plots`.  Their output goes into ``ipywidgets.HTML`` and ``ipywidgets.Image``
values rather than ``Output`` capture, so everything they show can be tested without a
browser or a kernel: set a control's ``.value`` and read ``.html.value`` (or ``.axes``).
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as W
from ipywidgets.widgets.widget_bool import ToggleButtonStyle  # not re-exported by ipywidgets

from framing import corpus, display, plots
from framing.analysis import analyze
from framing.lexicon import LexiconError, LexiconSet, default_lexicons

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.types import Analysis

#: The dropdown choice that switches the explorer to a text box.
PASTE = "(paste your own text)"

#: Which lexicon a student's new term goes into, by the label the explorer shows.
ADD_TO = {"as a hedge": "hedges", "as a booster": "boosters", "as a loaded term": "loaded"}

#: Metrics a student can annotate, with the button label.
ANNOTATE = {"hedges": "hedges", "boosters": "boosters", "loaded_terms": "loaded terms"}

_WIDE = W.Layout(width="100%")


@lru_cache(maxsize=32)
def bundled(article_id: str) -> Analysis:
    """The analysis of a bundled article with the default lexicons (cached per process)."""
    return analyze(corpus.load(article_id))


def outlet_name(article_id: str) -> str:
    """The outlet's name without the parenthetical ("Meridian Wire (fictional …)" -> "Meridian Wire")."""
    return corpus.metadata(article_id)["outlet"].split(" (")[0]


def _article_header(article_id: str) -> str:
    m = corpus.metadata(article_id)
    note = " · constructed teaching text" if m.get("constructed") else ""
    return (
        f'<div class="fk-header"><b>{html.escape(m["title"])}</b><br>'
        f"<small>{html.escape(m['outlet'])} · {html.escape(m['date'])}{note}</small></div>"
    )


def _counts_line(a: Analysis) -> str:
    q = plots.quoted_words(a)
    return (
        f"<small>{a.words:,} words · {len(a.sentences)} sentences · {len(a.quotes)} quotations "
        f"({q:,} quoted words) · {len(a.attributions)} attributions</small>"
    )


def _message(text: str, level: str = "info") -> str:
    color = {"info": "#1f2937", "error": "#b91c1c", "ok": "#047857"}[level]
    return f'<span class="fk-message fk-{level}" style="color:{color}">{html.escape(text)}</span>'


def _figure(figsize: tuple[float, float]):
    # A bare Figure (not pyplot): widgets must not leak figures into the notebook's output.
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=110)
    return fig, fig.add_subplot()


def _png(fig: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


# --------------------------------------------------------------------------- explorer


class Explorer(W.VBox):
    """Choose an article or paste text, switch layers, add a term to a lexicon.

    Attributes
    ----------
    article, paste, analyse : the text controls (``article.value == PASTE`` shows the box)
    layer_boxes : dict of layer name -> Checkbox
    term, add_to, add : the "add a term" controls
    html : ipywidgets.HTML with the highlighted text
    analysis : the Analysis shown
    """

    def __init__(
        self,
        article_id: str = corpus.REFERENCE_ID,
        *,
        text: str | None = None,
        layers: Iterable[str] = display.LAYERS,
        lexicons: LexiconSet | None = None,
    ) -> None:
        layers = display._check_layers(layers)
        ids = corpus.list_articles()
        if text is None and article_id not in ids:
            corpus.metadata(article_id)  # raises the KeyError that lists valid ids
        self.lexicons = lexicons if lexicons is not None else default_lexicons()
        self.added: list[tuple[str, str]] = []
        self.analysis: Analysis | None = None
        self.article = W.Dropdown(
            options=[*ids, PASTE],
            value=PASTE if text is not None else article_id,
            description="Article",
        )
        self.paste = W.Textarea(
            value=text or "",
            placeholder="Paste a news text here, then press Analyse.",
            layout=W.Layout(width="100%", height="9em"),
        )
        self.analyse = W.Button(description="Analyse", icon="play")
        self.paste_box = W.VBox([self.paste, self.analyse])
        self.layer_boxes = {
            layer: W.Checkbox(
                value=layer in layers,
                description=display.LABELS[layer],
                indent=False,
                layout=W.Layout(width="auto", margin="0 1em 0 0"),
            )
            for layer in display.LAYERS
        }
        self.term = W.Text(
            placeholder="a word or phrase", description="Add term", continuous_update=False
        )
        self.add_to = W.Dropdown(
            options=list(ADD_TO), value="as a loaded term", layout=W.Layout(width="10em")
        )
        self.add = W.Button(
            description="Add and re-analyse", icon="plus", layout=W.Layout(width="auto")
        )
        self.message = W.HTML()
        self.header = W.HTML()
        self.html = W.HTML(layout=_WIDE)
        super().__init__(
            [
                self.article,
                self.paste_box,
                W.HBox(list(self.layer_boxes.values()), layout=W.Layout(flex_flow="row wrap")),
                W.HBox([self.term, self.add_to, self.add]),
                self.message,
                self.header,
                self.html,
            ]
        )
        self.add_class("framing-explorer")
        self.article.observe(lambda _: self.refresh(), "value")
        self.analyse.on_click(lambda _: self.refresh())
        for box in self.layer_boxes.values():
            box.observe(lambda _: self.render(), "value")
        self.add.on_click(lambda _: self.add_term(self.term.value, ADD_TO[self.add_to.value]))
        self.term.observe(lambda _: None, "value")
        self.refresh()

    @property
    def layers(self) -> tuple[str, ...]:
        """The layers currently switched on."""
        return tuple(k for k, box in self.layer_boxes.items() if box.value)

    def _text(self) -> str:
        if self.article.value == PASTE:
            return self.paste.value
        return corpus.load(self.article.value)

    def refresh(self) -> None:
        """Re-analyse the chosen text with the current lexicons and redraw."""
        pasting = self.article.value == PASTE
        self.paste_box.layout.display = None if pasting else "none"
        text = self._text()
        if pasting and not text.strip():
            self.analysis = None
            self.header.value = ""
            self.html.value = _message("Paste a news text in the box, then press Analyse.")
            return
        if not pasting and self.lexicons is default_lexicons():
            self.analysis = bundled(self.article.value)  # cached: switching back is instant
        else:
            self.analysis = analyze(text, lexicons=self.lexicons)
        self.header.value = ("" if pasting else _article_header(self.article.value)) + _counts_line(
            self.analysis
        )
        self.render()

    def render(self) -> None:
        """Redraw the highlighted text with the layers switched on."""
        if self.analysis is not None:
            self.html.value = display.to_html(self.analysis, self.layers)

    def add_term(self, term: str, lexicon: str = "loaded") -> bool:
        """Add ``term`` to one of the lexicons for this explorer only, then re-analyse.

        Returns whether the term was added; problems are shown in ``message``, not raised.
        """
        term = " ".join(str(term).lower().split())
        if lexicon not in ADD_TO.values():
            raise ValueError(f"lexicon must be one of {', '.join(ADD_TO.values())}")
        if not term:
            self.message.value = _message("Type a word or phrase first.", "error")
            return False
        row = {"term": term, "category": "student", "pos": "other", "source": "student"}
        if lexicon == "loaded":
            row["polarity"] = "negative"
        try:
            self.lexicons = self.lexicons.with_entries(lexicon, [row])
        except (LexiconError, ValueError) as e:
            self.message.value = _message(f"Could not add {term!r}: {e}", "error")
            return False
        self.added.append((term, lexicon))
        self.refresh()
        found = self._count(term)
        self.message.value = _message(
            f"Added {term!r} to the {lexicon} lexicon (category 'student'): found {found} time"
            f"{'s' * (found != 1)} in this text.",
            "ok" if found else "info",
        )
        return True

    def _count(self, term: str) -> int:
        a = self.analysis
        if a is None:
            return 0
        return sum(
            1
            for layer in plots.METRICS
            for m in getattr(a, layer)
            if m.category == "student" and m.term == term
        )


def explorer(article_id: str = corpus.REFERENCE_ID, **kwargs: Any) -> Explorer:
    """The explorer widget: an article (or pasted text) with switchable highlight layers.

    Examples
    --------
    >>> framing.widgets.explorer("sarn-summit-wire")  # doctest: +SKIP
    """
    return Explorer(article_id, **kwargs)


# --------------------------------------------------------------------------- reframe


class Reframer(W.VBox):
    """Toggle between the original wording and the neutral rewrite of ``analysis.reframe()``."""

    VIEWS = {"Original wording": "original", "Neutral wording": "neutral"}

    def __init__(self, article_id: str = corpus.REFERENCE_ID) -> None:
        corpus.metadata(article_id)
        self.article = W.Dropdown(
            options=corpus.list_articles(), value=article_id, description="Article"
        )
        self.view = W.ToggleButtons(options=list(self.VIEWS), value="Original wording")
        self.header = W.HTML()
        self.html = W.HTML(layout=_WIDE)
        super().__init__([self.article, self.view, self.header, self.html])
        self.add_class("framing-reframer")
        self.article.observe(lambda _: self.render(), "value")
        self.view.observe(lambda _: self.render(), "value")
        self.render()

    def render(self) -> None:
        """Redraw the chosen view of the chosen article."""
        a = bundled(self.article.value)
        self.header.value = _article_header(self.article.value)
        if self.VIEWS[self.view.value] == "original":
            self.html.value = display.to_html(a, ("loaded_terms", "quotes"))
        else:
            self.html.value = display.reframed_html(a)


def reframe_toggle(article_id: str = corpus.REFERENCE_ID) -> Reframer:
    """Original vs neutral wording of one article, one toggle apart."""
    return Reframer(article_id)


# --------------------------------------------------------------------------- outlets


class OutletComparer(W.VBox):
    """All outlets' versions of one story in a bar chart, and two of them side by side.

    Attributes
    ----------
    event, voice, left, right, layers : controls
    axes : the matplotlib Axes last drawn (its bars are the plotted data)
    table : ``plots.outlet_table`` of the event, as drawn
    image : ipywidgets.Image with the chart; html : the side-by-side texts
    """

    def __init__(self, event: str = "sarn-summit", *, voice: str = "author") -> None:
        stories = {e: ids for e, ids in corpus.events().items() if len(ids) > 1}
        if event not in stories:
            raise KeyError(
                f"no story told by several outlets called {event!r}; choose one of: {', '.join(stories)}"
            )
        self.stories = stories
        self.event = W.Dropdown(options=list(stories), value=event, description="Story")
        self.voice = W.ToggleButtons(options=list(plots.VOICES), value=voice, description="Voice")
        self.left = W.Dropdown(description="Left")
        self.right = W.Dropdown(description="Right")
        self.layers = W.SelectMultiple(
            options=list(display.LAYERS),
            value=("hedges", "boosters", "loaded_terms"),
            rows=5,
            description="Layers",
        )
        # align_self: a VBox stretches its children, which would blow the chart up and blur it
        self.image = W.Image(
            format="png", layout=W.Layout(max_width="100%", align_self="flex-start")
        )
        self.html = W.HTML(layout=_WIDE)
        self.axes: Axes | None = None
        self.table: dict[str, dict[str, float]] = {}
        super().__init__(
            [
                W.HBox([self.event, self.voice]),
                self.image,
                W.HBox([W.VBox([self.left, self.right]), self.layers]),
                self.html,
            ]
        )
        self.add_class("framing-outlets")
        self.event.observe(lambda _: self._choose_event(), "value")
        self.voice.observe(lambda _: self.plot(), "value")
        for w in (self.left, self.right, self.layers):
            w.observe(lambda _: self.compare(), "value")
        self._choose_event()

    def _choose_event(self) -> None:
        ids = self.stories[self.event.value]
        options = [(outlet_name(i), i) for i in ids]
        with self.hold_trait_notifications():
            self.left.options = options
            self.right.options = options
            self.left.value, self.right.value = ids[0], ids[1]
        self.plot()
        self.compare()

    def plot(self) -> None:
        """Redraw the grouped bars for the chosen story and voice."""
        ids = self.stories[self.event.value]
        analyses = {outlet_name(i): bundled(i) for i in ids}
        fig, ax = _figure((max(6.0, 1.4 * len(ids)), 3.2))
        plots.plot_outlets(analyses, ax, voice=self.voice.value)
        self.axes = ax
        self.table = plots.outlet_table(analyses, voice=self.voice.value)
        self.image.value = _png(fig)

    def compare(self) -> None:
        """Redraw the two chosen outlets side by side."""
        if self.left.value is None or self.right.value is None:
            return
        self.html.value = display.side_by_side(
            bundled(self.left.value),
            bundled(self.right.value),
            titles=(outlet_name(self.left.value), outlet_name(self.right.value)),
            layers=self.layers.value,
        )


def outlet_comparer(event: str = "sarn-summit", **kwargs: Any) -> OutletComparer:
    """Compare the outlets that told one story: chart plus two texts side by side."""
    return OutletComparer(event, **kwargs)


# --------------------------------------------------------------------------- annotation


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa between two annotators' yes/no labels of the same units.

    ``(p_o - p_e) / (1 - p_e)`` with ``p_e`` from each annotator's own rate of "yes"
    (Cohen 1960).  ``None`` when it is undefined: no units, or both annotators gave every
    unit the same single label (``p_e == 1``).

    >>> cohen_kappa([True, False, False, True], [True, False, True, True])
    0.5
    """
    if len(a) != len(b):
        raise ValueError(f"label lists differ in length: {len(a)} vs {len(b)}")
    n = len(a)
    if n == 0:
        return None
    ya, yb = sum(map(bool, a)), sum(map(bool, b))
    po = sum(bool(x) == bool(y) for x, y in zip(a, b)) / n
    pe = (ya * yb + (n - ya) * (n - yb)) / (n * n)
    if pe >= 1.0:
        return None
    return round((po - pe) / (1 - pe), 4)


def word_labels(analysis: Analysis, spans: Iterable[Any], words: Sequence[int]) -> list[bool]:
    """For each word token index in ``words``: does any of ``spans`` overlap it?

    ``spans`` are objects with ``start``/``end`` or dicts with those keys.
    """
    ranges = sorted(
        (s["start"], s["end"]) if isinstance(s, Mapping) else (s.start, s.end) for s in spans
    )
    toks = analysis.doc.tokens
    return [any(s < toks[i].end and toks[i].start < e for s, e in ranges) for i in words]


class AnnotationError(ValueError):
    """A saved annotation that does not fit (message is shown to the student)."""


class Annotator(W.VBox):
    """Click the words you judge to be hedges (or boosters, or loaded terms), paragraph by paragraph.

    The report compares your marks with the tool and with a classmate's saved annotation
    (Cohen's kappa over the words of the paragraphs you have opened).  Save yours with
    :meth:`save` (or the Save button) and give the file to a classmate.

    Attributes
    ----------
    metric : ToggleButtons (hedges / boosters / loaded terms)
    paragraph : Dropdown of paragraph numbers
    buttons : the ToggleButtons of the words of the current paragraph
    marks : ``{metric: set of token indices}``
    seen : paragraphs opened so far (the scope of the comparison)
    report : ipywidgets.HTML with the agreement figures
    """

    def __init__(
        self,
        article_id: str = corpus.REFERENCE_ID,
        *,
        metric: str = "hedges",
        classmate: str | Path | Mapping[str, Any] | None = "gold",
        name: str = "me",
    ) -> None:
        if metric not in ANNOTATE:
            raise ValueError(f"metric must be one of {', '.join(ANNOTATE)}, not {metric!r}")
        self.article_id = article_id
        self.analysis = bundled(article_id)
        self.name = name
        doc = self.analysis.doc
        self.words_in: dict[int, list[int]] = {}
        for i, t in enumerate(doc.tokens):
            if t.kind != "punct":
                self.words_in.setdefault(doc.sentences[t.sent].paragraph, []).append(i)
        self.marks: dict[str, set[int]] = {m: set() for m in ANNOTATE}
        self.seen: set[int] = set()
        self.classmate: dict[str, Any] | None = None
        self.classmate_name = ""
        self.metric = W.ToggleButtons(options=[(v, k) for k, v in ANNOTATE.items()], value=metric)
        paras = sorted(self.words_in)
        self.paragraph = W.Dropdown(
            options=[(f"paragraph {k + 1} of {len(paras)}", p) for k, p in enumerate(paras)],
            value=paras[0],
            description="Show",
        )
        self.words = W.HBox(layout=W.Layout(flex_flow="row wrap", width="100%"))
        # One layout and style for every word button: each widget model is a message to the
        # browser, and a paragraph has dozens of words.
        self._layout = W.Layout(width="auto", margin="1px", padding="0 4px")
        self._style = ToggleButtonStyle()
        self.buttons: list[W.ToggleButton] = []
        self.report = W.HTML()
        self.path = W.Text(value="my-annotation.json", description="Save as")
        self.save_button = W.Button(description="Save", icon="save")
        self.upload = W.FileUpload(accept=".json", multiple=False, description="Classmate's file")
        self.message = W.HTML()
        super().__init__(
            [
                W.HTML(_article_header(article_id)),
                W.HBox([self.metric, self.paragraph]),
                self.words,
                self.report,
                W.HBox([self.path, self.save_button, self.upload]),
                self.message,
            ]
        )
        self.add_class("framing-annotator")
        if classmate is not None:
            self.load_classmate(classmate)
        self.metric.observe(lambda _: self.show(), "value")
        self.paragraph.observe(lambda _: self.show(), "value")
        self.save_button.on_click(lambda _: self._save_clicked())
        self.upload.observe(lambda _: self._uploaded(), "value")
        self.show()

    # -- display
    def _label(self, i: int) -> str:
        toks, text = self.analysis.doc.tokens, self.analysis.text
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].kind == "punct" else None
        tail = text[t.end : nxt.end].strip() if nxt and toks[i + 1].sent == t.sent else ""
        return text[t.start : t.end] + (tail if len(tail) <= 2 else "")

    def show(self) -> None:
        """Show the words of the chosen paragraph as toggle buttons."""
        p = self.paragraph.value
        self.seen.add(p)
        marked = self.marks[self.metric.value]
        toks = self.analysis.doc.tokens
        self.buttons = []
        for i in self.words_in[p]:
            b = W.ToggleButton(
                value=i in marked,
                description=self._label(i),
                tooltip="inside a quote" if toks[i].in_quote else "",
                layout=self._layout,
                style=self._style,
                button_style="warning" if i in marked else "",
            )
            b.token = i
            b.observe(self._toggled, "value")
            self.buttons.append(b)
        self.words.children = self.buttons
        self.update_report()

    def _toggled(self, change: Mapping[str, Any]) -> None:
        b = change["owner"]
        (
            self.marks[self.metric.value].add
            if change["new"]
            else self.marks[self.metric.value].discard
        )(b.token)
        b.button_style = "warning" if change["new"] else ""
        self.update_report()

    # -- comparison
    def scope(self) -> list[int]:
        """Word token indices of the paragraphs opened so far (and in the classmate's scope)."""
        return [i for p in sorted(self.seen) for i in self.words_in[p]]

    def agreement(self) -> dict[str, Any]:
        """The numbers the report shows, for the current metric."""
        metric = self.metric.value
        words = self.scope()
        mine = [i in self.marks[metric] for i in words]
        tool = word_labels(self.analysis, getattr(self.analysis, metric), words)
        out: dict[str, Any] = {
            "metric": metric,
            "words": len(words),
            "paragraphs": len(self.seen),
            "mine": sum(mine),
            "tool": sum(tool),
            "both": sum(a and b for a, b in zip(mine, tool)),
            "kappa_tool": cohen_kappa(mine, tool),
            "tool_only": [i for i, a, b in zip(words, mine, tool) if b and not a],
            "mine_only": [i for i, a, b in zip(words, mine, tool) if a and not b],
        }
        if self.classmate is not None:
            theirs_scope = self.classmate.get("scope_paragraphs")
            cwords = (
                words
                if theirs_scope is None
                else [i for i in words if self._para(i) in set(theirs_scope)]
            )
            m2 = [i in self.marks[metric] for i in cwords]
            theirs = word_labels(self.analysis, self.classmate.get(metric, []), cwords)
            out["classmate"] = self.classmate_name
            out["classmate_words"] = len(cwords)
            out["classmate_marked"] = sum(theirs)
            out["kappa_classmate"] = cohen_kappa(m2, theirs)
            out["agreement_classmate"] = (
                round(sum(a == b for a, b in zip(m2, theirs)) / len(cwords), 4) if cwords else None
            )
        return out

    def _para(self, i: int) -> int:
        doc = self.analysis.doc
        return doc.sentences[doc.tokens[i].sent].paragraph

    def update_report(self) -> None:
        """Recompute the agreement figures."""
        r = self.agreement()
        what = ANNOTATE[r["metric"]]

        def k(x: float | None) -> str:
            return "undefined (no one marked anything)" if x is None else f"{x:.2f}"

        def listing(ids: list[int]) -> str:
            text = self.analysis.text
            toks = self.analysis.doc.tokens
            words = [html.escape(text[toks[i].start : toks[i].end]) for i in ids[:12]]
            return ", ".join(words) + (" …" if len(ids) > 12 else "") if ids else "none"

        rows = [
            f"<b>{what}</b> in {r['paragraphs']} paragraph{'s' * (r['paragraphs'] != 1)} "
            f"({r['words']} words): you marked <b>{r['mine']}</b> words, the tool {r['tool']}, "
            f"both {r['both']}.",
            f"Cohen's κ with the tool: <b>{k(r['kappa_tool'])}</b>",
            f"<small>the tool marked, you did not: {listing(r['tool_only'])}<br>"
            f"you marked, the tool did not: {listing(r['mine_only'])}</small>",
        ]
        if "classmate" in r:
            rows.append(
                f"Cohen's κ with {html.escape(r['classmate'])}: <b>{k(r['kappa_classmate'])}</b> "
                f"<small>({r['classmate_marked']} words marked by them, over {r['classmate_words']} words)</small>"
            )
        self.report.value = '<div class="fk-report">' + "<br>".join(rows) + "</div>"

    # -- saving and loading
    def to_dict(self) -> dict[str, Any]:
        """This annotation in the gold-file format (spans of adjacent marked words merged)."""
        toks, text = self.analysis.doc.tokens, self.analysis.text
        out: dict[str, Any] = {
            "schema": 1,
            "article": self.article_id,
            "annotator": self.name,
            "scope_paragraphs": sorted(self.seen),
        }
        for metric in ANNOTATE:
            spans: list[list[int]] = []
            for i in sorted(self.marks[metric]):
                if spans and spans[-1][1] == i - 1 and toks[i].sent == toks[i - 1].sent:
                    spans[-1][1] = i
                else:
                    spans.append([i, i])
            out[metric] = [
                {
                    "start": toks[a].start,
                    "end": toks[b].end,
                    "text": text[toks[a].start : toks[b].end],
                    "in_quote": toks[a].in_quote,
                }
                for a, b in spans
            ]
        return out

    def save(self, path: str | Path) -> Path:
        """Write this annotation as JSON (the format :meth:`load_classmate` reads)."""
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        return path

    def _save_clicked(self) -> None:
        try:
            p = self.save(self.path.value)
        except OSError as e:
            self.message.value = _message(
                f"Could not save: {e.strerror} ({self.path.value})", "error"
            )
        else:
            self.message.value = _message(f"Saved to {p}; give this file to a classmate.", "ok")

    def load_classmate(self, source: str | Path | Mapping[str, Any]) -> None:
        """Compare with a classmate's saved annotation: a path, a dict, or ``"gold"``.

        ``"gold"`` is the corpus team's annotation of the article (made by reading it).

        Raises
        ------
        AnnotationError
            For a file that is not JSON or belongs to another article.
        """
        if isinstance(source, Mapping):
            data, who = dict(source), str(source.get("annotator", "your classmate"))
        elif str(source) == "gold":
            data = corpus.load_gold(self.article_id)
            if data is None:
                raise AnnotationError(f"{self.article_id} has no gold annotation")
            who = "the corpus annotators (gold)"
        else:
            try:
                data = json.loads(Path(source).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError, UnicodeDecodeError) as e:
                raise AnnotationError(f"cannot read {source}: {e}") from None
            who = str(data.get("annotator", Path(source).stem)) if isinstance(data, dict) else ""
        self._accept(data, who)

    def _accept(self, data: Any, who: str) -> None:
        if not isinstance(data, dict) or not any(m in data for m in ANNOTATE):
            raise AnnotationError(
                "not an annotation file: it has no hedges, boosters or loaded_terms"
            )
        if data.get("article") != self.article_id:
            raise AnnotationError(
                f"that annotation is of {data.get('article')!r}, but this annotator shows {self.article_id!r}"
            )
        n = len(self.analysis.text)
        for m in ANNOTATE:
            for s in data.get(m, []):
                if not (isinstance(s, dict) and 0 <= s.get("start", -1) <= s.get("end", -1) <= n):
                    raise AnnotationError(
                        f"a {m} span in that file is not inside the article: {s!r}"
                    )
        self.classmate, self.classmate_name = data, who

    def _uploaded(self) -> None:
        files = self.upload.value
        if not files:
            return
        f = files[0]
        try:
            data = json.loads(bytes(f["content"]).decode("utf-8"))
            self._accept(data, str(data.get("annotator", f["name"])))
        except (json.JSONDecodeError, UnicodeDecodeError, AnnotationError) as e:
            self.message.value = _message(f"{f['name']}: {e}", "error")
            return
        self.message.value = _message(f"Comparing with {self.classmate_name}.", "ok")
        self.update_report()


def annotator(article_id: str = corpus.REFERENCE_ID, **kwargs: Any) -> Annotator:
    """Mark words yourself; see your agreement with the tool and with a classmate."""
    return Annotator(article_id, **kwargs)
