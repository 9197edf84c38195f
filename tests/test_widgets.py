"""framing.widgets without a browser: set a control's value, check what is shown."""

from __future__ import annotations

import datetime
import json
import re

import matplotlib
import pytest

matplotlib.use("Agg")

from framing import corpus, display, plots, widgets  # noqa: E402
from framing.widgets import PASTE, AnnotationError, cohen_kappa  # noqa: E402


def layers_drawn(fragment: str) -> set[str]:
    return set(re.findall(r'data-layer="([a-z_]+)"', fragment))


def marked(fragment: str, layer: str) -> list[str]:
    return re.findall(rf'data-layer="{layer}"[^>]*>([^<]*)<', fragment)


# -- Cohen's kappa ----------------------------------------------------------------------------
KAPPA = [
    # (phenomenon, annotator A, annotator B, kappa)
    ("perfect-agreement", [1, 0, 0, 1, 0], [1, 0, 0, 1, 0], 1.0),
    ("systematic-disagreement", [1, 0, 1, 0], [0, 1, 0, 1], -1.0),
    ("agreement-no-better-than-chance", [1, 1, 0, 0], [1, 0, 1, 0], 0.0),
    # the lesson 05 example: 8 of 10 words agree, yet kappa is 0.375
    (
        "high-raw-agreement-low-kappa",
        [0, 1, 0, 0, 1, 0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0, 0, 0, 1, 0, 0],
        0.375,
    ),
    # Cohen 1960-style table: 20 yes/yes, 15 no/no, 5 + 10 disagreements -> 0.4
    (
        "textbook-table",
        [1] * 20 + [0] * 15 + [1] * 5 + [0] * 10,
        [1] * 20 + [0] * 15 + [0] * 5 + [1] * 10,
        0.4,
    ),
]


@pytest.mark.parametrize("a, b, kappa", [k[1:] for k in KAPPA], ids=[k[0] for k in KAPPA])
def test_cohen_kappa(a, b, kappa):
    assert cohen_kappa([bool(x) for x in a], [bool(x) for x in b]) == pytest.approx(kappa)


@pytest.mark.parametrize(
    "a, b",
    [([], []), ([False] * 4, [False] * 4), ([True] * 3, [True] * 3)],
    ids=["no-units", "nobody-marks-anything", "both-mark-everything"],
)
def test_cohen_kappa_is_undefined_without_variation(a, b):
    assert cohen_kappa(a, b) is None


def test_cohen_kappa_needs_the_same_units():
    with pytest.raises(ValueError, match="differ in length: 2 vs 3"):
        cohen_kappa([True, False], [True, False, False])


# -- explorer -----------------------------------------------------------------------------------
@pytest.fixture
def explorer():
    return widgets.explorer(corpus.REFERENCE_ID)


def test_explorer_shows_the_article(explorer, reference_analysis):
    assert explorer.analysis.text == reference_analysis.text
    assert corpus.metadata(corpus.REFERENCE_ID)["title"].split(":")[0] in explorer.header.value
    assert marked(explorer.html.value, "hedges") == [h.text for h in reference_analysis.hedges]


def test_choosing_another_article_changes_the_highlighted_text(explorer):
    before = explorer.html.value
    explorer.article.value = "sarn-summit-dnna"
    assert explorer.html.value != before
    assert "Dastrava National News Agency" in explorer.header.value
    assert explorer.analysis.text == corpus.load("sarn-summit-dnna")


@pytest.mark.parametrize("layer", display.LAYERS)
def test_unticking_a_layer_removes_its_marks(explorer, layer):
    assert layer in layers_drawn(explorer.html.value)
    explorer.layer_boxes[layer].value = False
    assert layer not in layers_drawn(explorer.html.value)
    assert explorer.layers == tuple(x for x in display.LAYERS if x != layer)


ADD = [
    # (phenomenon, term, lexicon, layer where it must appear)
    ("word-as-loaded-term", "summit", "loaded", "loaded_terms"),
    ("phrase-as-hedge", "as of now", "hedges", "hedges"),
    ("word-as-booster", "personal", "boosters", "boosters"),
]


@pytest.mark.parametrize("term, lexicon, layer", [a[1:] for a in ADD], ids=[a[0] for a in ADD])
def test_an_added_term_is_flagged_at_once(explorer, term, lexicon, layer):
    if term not in explorer.analysis.text.lower():
        explorer.article.value = PASTE
        explorer.paste.value = f"The {term} went well."
        explorer.refresh()
    before = marked(explorer.html.value, layer)
    assert explorer.add_term(term, lexicon)
    after = marked(explorer.html.value, layer)
    assert len(after) > len(before)
    assert any(m.lower() == term for m in after)
    assert "Added" in explorer.message.value


def test_the_add_button_uses_the_typed_term(explorer):
    explorer.term.value = "Summit"
    explorer.add_to.value = "as a loaded term"
    explorer.add.click()
    assert "summit" in [m.lower() for m in marked(explorer.html.value, "loaded_terms")]


def test_an_added_term_does_not_leak_into_other_explorers(explorer):
    explorer.add_term("summit", "loaded")
    fresh = widgets.explorer(corpus.REFERENCE_ID)
    assert "summit" not in [m.lower() for m in marked(fresh.html.value, "loaded_terms")]


def test_custom_lexicons_are_used_for_bundled_articles(reference_analysis):
    from framing import default_lexicons

    fewer = default_lexicons().without("hedges", [h.term for h in reference_analysis.hedges])
    w = widgets.explorer(corpus.REFERENCE_ID, lexicons=fewer)
    assert reference_analysis.hedges and marked(w.html.value, "hedges") == []


def test_an_empty_term_is_a_message_not_an_error(explorer):
    assert not explorer.add_term("   ", "loaded")
    assert "Type a word" in explorer.message.value


def test_pasted_text_is_analysed(explorer):
    explorer.article.value = PASTE
    assert "Paste a news text" in explorer.html.value and explorer.analysis is None
    explorer.paste.value = "Critics slammed the plan, which may fail."
    explorer.analyse.click()
    assert marked(explorer.html.value, "loaded_terms") == ["slammed"]
    assert marked(explorer.html.value, "hedges") == ["may"]


def test_an_unknown_article_lists_the_valid_ones():
    with pytest.raises(KeyError, match="choose one of: hanoi-summit-2019"):
        widgets.explorer("no-such-article")


# -- reframe toggle -------------------------------------------------------------------------------
def test_reframe_toggle_switches_to_the_neutral_wording(reference_analysis):
    w = widgets.reframe_toggle(corpus.REFERENCE_ID)
    original = w.html.value
    assert layers_drawn(original) == {"loaded_terms", "quotes"}
    w.view.value = "Neutral wording"
    changes = reference_analysis.reframe().changes
    assert w.html.value != original and w.html.value.count("fk-changed") == len(changes)
    w.article.value = "sarn-summit-wire"
    assert "Meridian Wire" in w.header.value


# -- outlet comparer -------------------------------------------------------------------------------
@pytest.fixture
def comparer():
    return widgets.outlet_comparer("sarn-summit")


def test_comparer_plots_every_outlet_of_the_story(comparer):
    ids = corpus.list_articles(event="sarn-summit")
    assert list(comparer.table) == [widgets.outlet_name(i) for i in ids]
    assert len(comparer.axes.patches) == len(ids) * len(plots.METRICS)
    assert comparer.image.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_choosing_another_story_replots(comparer):
    png = comparer.image.value
    comparer.event.value = "harlow-stadium"
    assert list(comparer.table) == [
        widgets.outlet_name(i) for i in corpus.list_articles(event="harlow-stadium")
    ]
    assert comparer.image.value != png
    assert comparer.left.value == "harlow-stadium-courier"


def test_choosing_the_quoted_voice_replots_the_quoted_densities(comparer):
    comparer.voice.value = "quoted"
    bars = [round(p.get_height(), 2) for p in comparer.axes.patches]
    want = [v[m] for m in plots.METRICS for v in comparer.table.values()]
    assert bars == want
    assert comparer.table == plots.outlet_table(
        {
            widgets.outlet_name(i): widgets.bundled(i)
            for i in corpus.list_articles(event="sarn-summit")
        },
        voice="quoted",
    )


def test_choosing_outlets_and_layers_changes_the_side_by_side(comparer):
    before = comparer.html.value
    comparer.right.value = "sarn-summit-dnna"
    assert comparer.html.value != before and "Dastrava National News Agency" in comparer.html.value
    comparer.layers.value = ("quotes",)
    assert layers_drawn(comparer.html.value) == {"quotes"}


def test_a_story_told_once_is_refused():
    with pytest.raises(KeyError, match="choose one of: sarn-summit"):
        widgets.outlet_comparer("hanoi-summit-2019")


# -- annotator -------------------------------------------------------------------------------------
@pytest.fixture
def annotator():
    return widgets.annotator(corpus.REFERENCE_ID, metric="hedges", classmate=None)


def click_tool_words(ann) -> int:
    """Mark exactly the words the tool marks in the current paragraph; return how many."""
    words = [b.token for b in ann.buttons]
    tool = widgets.word_labels(ann.analysis, getattr(ann.analysis, ann.metric.value), words)
    for b, t in zip(ann.buttons, tool):
        b.value = t
    return sum(tool)


def paragraph_with(ann, metric: str) -> int:
    """A paragraph where the tool found something of ``metric``."""
    first = getattr(ann.analysis, metric)[0]
    return ann._para(ann.analysis.doc.token_index_at(first.start))


def test_clicking_a_word_marks_it_and_updates_the_report(annotator):
    before = annotator.report.value
    annotator.buttons[0].value = True
    assert annotator.marks["hedges"] == {annotator.buttons[0].token}
    assert annotator.buttons[0].button_style == "warning"
    assert annotator.report.value != before and "you marked <b>1</b>" in annotator.report.value
    annotator.buttons[0].value = False
    assert annotator.marks["hedges"] == set()


def test_marking_what_the_tool_marks_gives_kappa_one(annotator):
    annotator.paragraph.value = paragraph_with(annotator, "hedges")
    n = click_tool_words(annotator)
    r = annotator.agreement()
    assert n > 0 and r["mine"] == r["tool"] == r["both"] == n
    assert r["tool_only"] == [] and r["mine_only"] == []
    # the scope holds the first paragraph (opened at start) and this one
    assert r["paragraphs"] == len(annotator.seen) == 2
    assert r["kappa_tool"] == 1.0


def test_missing_the_tools_words_lists_them(annotator):
    annotator.paragraph.value = paragraph_with(annotator, "hedges")
    r = annotator.agreement()
    assert r["mine"] == 0 and r["kappa_tool"] == 0.0
    assert len(r["tool_only"]) == r["tool"] > 0
    assert "the tool marked, you did not: none" not in annotator.report.value


def test_each_metric_keeps_its_own_marks(annotator):
    annotator.buttons[0].value = True
    annotator.metric.value = "loaded_terms"
    assert not any(b.value for b in annotator.buttons)
    annotator.metric.value = "hedges"
    assert annotator.buttons[0].value


def test_saved_annotation_reloads_as_a_classmate(annotator, tmp_path):
    annotator.paragraph.value = paragraph_with(annotator, "hedges")
    click_tool_words(annotator)
    path = annotator.save(tmp_path / "ana.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    text = annotator.analysis.text
    assert all(text[s["start"] : s["end"]] == s["text"] for s in saved["hedges"])
    other = widgets.annotator(corpus.REFERENCE_ID, classmate=path)
    other.paragraph.value = annotator.paragraph.value
    assert other.agreement()["kappa_classmate"] == 0.0  # they marked, "other" did not
    click_tool_words(other)
    assert other.agreement()["kappa_classmate"] == 1.0


def test_multiword_marks_are_saved_as_one_span(annotator):
    annotator.buttons[1].value = True
    annotator.buttons[2].value = True
    spans = annotator.to_dict()["hedges"]
    assert len(spans) == 1 and spans[0]["text"].count(" ") >= 1


def test_gold_is_a_classmate_made_by_reading():
    ann = widgets.annotator(corpus.REFERENCE_ID, classmate="gold")
    gold = corpus.load_gold(corpus.REFERENCE_ID)
    ann.paragraph.value = paragraph_with(ann, "hedges")
    words = ann.scope()
    assert ann.agreement()["classmate_marked"] == sum(
        widgets.word_labels(ann.analysis, gold["hedges"], words)
    )
    assert "corpus annotators" in ann.report.value


BAD_FILES = [
    # (phenomenon, file content, message)
    ("not-json", "{hedges: [", "cannot read"),
    (
        "other-article",
        json.dumps({"article": "sarn-summit-wire", "hedges": []}),
        "is of 'sarn-summit-wire'",
    ),
    ("no-annotations", json.dumps({"article": corpus.REFERENCE_ID}), "not an annotation file"),
    (
        "span-outside-text",
        json.dumps({"article": corpus.REFERENCE_ID, "hedges": [{"start": 5, "end": 10**7}]}),
        "not inside the article",
    ),
]


@pytest.mark.parametrize(
    "content, message", [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_classmate_file_is_a_clear_error(annotator, tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationError, match=message):
        annotator.load_classmate(p)


def upload(name: str, content: bytes) -> dict:
    """What FileUpload.value holds after a browser upload (ipywidgets 8)."""
    return {
        "name": name,
        "type": "application/json",
        "size": len(content),
        "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        "content": memoryview(content),
    }


def test_an_uploaded_file_is_read_and_a_bad_one_reported(annotator):
    good = json.dumps({"article": corpus.REFERENCE_ID, "annotator": "Sam", "hedges": []}).encode()
    annotator.upload.value = (upload("sam.json", good),)
    assert (
        "Comparing with Sam" in annotator.message.value and "κ with Sam" in annotator.report.value
    )
    annotator.upload.value = (upload("x.json", b"nope"),)
    assert "x.json" in annotator.message.value and "fk-error" in annotator.message.value


def test_the_save_button_reports_an_unwritable_path(annotator, tmp_path):
    annotator.path.value = str(tmp_path / "missing-dir" / "a.json")
    annotator.save_button.click()
    assert "Could not save" in annotator.message.value
    annotator.path.value = str(tmp_path / "a.json")
    annotator.save_button.click()
    assert "Saved to" in annotator.message.value and (tmp_path / "a.json").is_file()


def test_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="metric must be one of hedges, boosters, loaded_terms"):
        widgets.annotator(corpus.REFERENCE_ID, metric="loaded")
