"""framing.display: highlighted HTML that gives the text back whole, with layers and tooltips."""

from __future__ import annotations

import dataclasses
import html
import re
from html.parser import HTMLParser

import pytest

import framing
from framing import corpus, display
from framing.types import Match
from tests import texts

TAG = re.compile(r"<[^>]+>")


def plain(fragment: str) -> str:
    """The text of an HTML fragment: tags removed, entities decoded."""
    return html.unescape(TAG.sub("", fragment))


class Marks(HTMLParser):
    """Collects (layer, start, end, title, inner text) per mark and checks tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marks: list[dict] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs) | {"_at": len("".join(self.text))}))

    def handle_endtag(self, tag):
        open_tag, attrs = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if "data-layer" in attrs:
            inner = "".join(self.text)[attrs["_at"] :]
            self.marks.append(attrs | {"inner": inner})

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Marks:
    p = Marks()
    p.feed(fragment)
    p.close()
    assert p.stack == [], "unclosed tags"
    return p


# -- the text comes back whole ----------------------------------------------------------
ROUND_TRIP = [
    ("empty", texts.EMPTY_STR),
    ("whitespace-only", texts.WHITESPACE),
    ("html-special-characters", 'The "deal" <b>may</b> cost A&B "very" much, she said.'),
    ("crlf-and-boilerplate", texts.CRLF_TEXT),
    ("curly-quotes", texts.CURLY_QUOTES),
    ("multi-paragraph-quote", texts.MULTI_PARAGRAPH_QUOTE),
    ("unbalanced-quote", texts.UNBALANCED_QUOTE),
    ("boilerplate-tail", texts.BOILERPLATE_TAIL),
]


@pytest.mark.parametrize("text", [t for _, t in ROUND_TRIP], ids=[n for n, _ in ROUND_TRIP])
def test_highlight_gives_the_text_back(text):
    a = framing.analyze(text)
    assert plain(display.highlight(a)) == text
    parse(display.to_html(a))


@pytest.mark.parametrize("article_id", corpus.list_articles())
def test_every_bundled_article_round_trips_and_marks_every_finding(article_id):
    a = framing.analyze(corpus.load(article_id))
    frag = display.highlight(a)
    assert plain(frag) == a.text
    marks = parse(frag).marks
    for layer in ("hedges", "boosters", "loaded_terms"):
        drawn = {
            (int(m["data-start"]), int(m["data-end"])) for m in marks if m["data-layer"] == layer
        }
        assert drawn == {(x.start, x.end) for x in getattr(a, layer)}, layer


def test_crossing_findings_are_closed_and_reopened():
    # a hedge "may rise" crossing a loaded term "rise sharply": neither nests in the other
    text = "Prices may rise sharply."
    a = framing.analyze(text)
    crossing = (
        Match(7, 15, "may rise", "hedge", "modal", False),
        Match(11, 23, "rise sharply", "loaded", "emotive", False),
    )
    a = dataclasses.replace(a, hedges=crossing[:1], boosters=(), loaded_terms=crossing[1:])
    frag = display.highlight(a, ["hedges", "loaded_terms"])
    assert plain(frag) == text
    pieces = {(m["data-layer"], m["inner"]) for m in parse(frag).marks}
    # the loaded term is drawn in two pieces, "rise" (inside the hedge) and " sharply"
    assert ("loaded_terms", "rise") in pieces and ("loaded_terms", " sharply") in pieces
    assert ("hedges", "may rise") in pieces


# -- layers ------------------------------------------------------------------------------
@pytest.mark.parametrize("layer", display.LAYERS)
def test_each_layer_switches_on_and_off(reference_analysis, layer):
    on = {m["data-layer"] for m in parse(display.to_html(reference_analysis, [layer])).marks}
    rest = [x for x in display.LAYERS if x != layer]
    off = {m["data-layer"] for m in parse(display.to_html(reference_analysis, rest)).marks}
    assert on == {layer}
    assert layer not in off


def test_unknown_layer_is_a_clear_error(reference_analysis):
    with pytest.raises(ValueError, match="unknown layer 'hedge'; choose from hedges"):
        display.to_html(reference_analysis, ["hedge"])


def test_a_single_layer_name_is_accepted(reference_analysis):
    assert display.to_html(reference_analysis, "quotes") == display.to_html(
        reference_analysis, ["quotes"]
    )


def test_legend_counts_each_layer(reference_analysis):
    legend = display.legend(reference_analysis, ["hedges", "loaded_terms"])
    assert f"hedge ({len(reference_analysis.hedges)})" in legend
    assert f"loaded term ({len(reference_analysis.loaded_terms)})" in legend
    assert "booster" not in legend


# -- tooltips: why was it flagged? --------------------------------------------------------
TOOLTIPS = [
    # (phenomenon, sentence, layer, marked text, words the tooltip must contain)
    ("hedge-category", "Prices may rise again in May.", "hedges", "may", ["hedge: modal"]),
    (
        "loaded-alternatives",
        "Critics slammed the plan.",
        "loaded_terms",
        "slammed",
        ["loaded term", "neutral alternatives:", "author's voice"],
    ),
    (
        "in-quote-voice",
        '"It was really great," she said.',
        "boosters",
        "really",
        ["booster", "inside a quote"],
    ),
    (
        "quote-speaker",
        '"We will keep talking," Halvik said.',
        "quotes",
        "We will keep talking,",
        ["quotation: Halvik", 'via "said"'],
    ),
]


@pytest.mark.parametrize(
    "text, layer, marked, words", [r[1:] for r in TOOLTIPS], ids=[r[0] for r in TOOLTIPS]
)
def test_tooltips_say_why(text, layer, marked, words):
    marks = parse(display.to_html(framing.analyze(text), [layer])).marks
    tips = [m["title"] for m in marks if m["inner"] == marked]
    assert tips, f"{marked!r} not marked in {layer}"
    for w in words:
        assert w in tips[0]


def test_attribution_tooltips_name_speaker_and_verb(reference_analysis):
    a = next(x for x in reference_analysis.attributions if x.speaker and x.verb)
    marks = parse(display.to_html(reference_analysis, ["attributions"])).marks
    speaker = [m for m in marks if int(m["data-start"]) == a.speaker.start]
    verb = [m for m in marks if int(m["data-start"]) == a.verb.start]
    assert a.speaker.name in speaker[0]["title"] and a.verb.text in speaker[0]["title"]
    assert a.verb.cls in verb[0]["title"]


def test_scare_quote_with_no_speaker_says_so():
    a = framing.analyze('The so-called "reform" passed.')
    tips = [m["title"] for m in parse(display.to_html(a, ["quotes"])).marks]
    assert tips and "no speaker found" in tips[0]


def test_ignored_boilerplate_is_struck_through():
    a = framing.analyze(texts.BOILERPLATE_TAIL)
    frag = display.to_html(a)
    assert 'class="fk-ignored"' in frag and "Post a Comment</span>" in frag


# -- pages and views -----------------------------------------------------------------------
def test_side_by_side_has_two_titled_columns(reference_analysis):
    other = framing.analyze(corpus.load("sarn-summit-wire"))
    out = display.side_by_side(reference_analysis, other, titles=("CNN", "Meridian <Wire>"))
    assert out.count('class="fk-column"') == 2
    assert "Meridian &lt;Wire&gt;" in out
    parse(out)


def test_to_page_is_a_standalone_document_with_escaped_titles(reference_analysis):
    page = display.to_page([("A & B", reference_analysis)])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "A &amp; B" in page and '<meta charset="utf-8">' in page


def test_summary_table_lists_every_text(reference_analysis):
    other = framing.analyze(corpus.load("sarn-summit-wire"))
    out = display.summary_table({"ref": reference_analysis, "wire": other})
    assert out.count("<tr><td>") == 2 and f"<td>{other.words}</td>" in out


def test_reframed_view_marks_each_change_with_the_original(reference_analysis):
    r = reference_analysis.reframe()
    marks = re.findall(
        r'<mark class="fk fk-changed"[^>]*title="([^"]*)"[^>]*>([^<]*)</mark>',
        display.reframed_html(reference_analysis),
    )
    assert len(marks) == len(r.changes) > 0
    for (title, inner), c in zip(marks, sorted(r.changes, key=lambda c: c["new_start"])):
        assert html.unescape(title) == "was: " + c["original"]
        assert html.unescape(inner) == c["replacement"]
    assert plain(display.reframed_html(reference_analysis)).endswith(r.text)
