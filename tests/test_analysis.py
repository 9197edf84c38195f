"""framing.analyze and the JSON contract (docs/json.md): field names, types, invariants."""

from __future__ import annotations

import gc

import pytest

import framing
from framing import analysis, attribution
from framing.text import Document
from tests import texts


def test_public_api(reference_analysis):
    a = reference_analysis
    for attr in (
        "hedges",
        "boosters",
        "attributions",
        "loaded_terms",
        "quotes",
        "sentences",
        "ignored",
        "warnings",
    ):
        assert isinstance(getattr(a, attr), tuple), attr
    assert isinstance(a.summary(), dict) and isinstance(a.to_dict(), dict)


def test_contract_field_names(reference_analysis):
    d = reference_analysis.to_dict()
    assert d["schema"] == 1
    assert texts.CONTRACT_KEYS <= set(d)
    assert set(d["sentences"][0]) == {"start", "end"}
    assert {"start", "end", "text", "reason"} <= set(d["ignored"][0])
    assert {"start", "end", "text"} <= set(d["quotes"][0])
    for h in d["hedges"] + d["boosters"]:
        assert {"start", "end", "text", "category", "in_quote"} <= set(h)
    for t in d["loaded_terms"]:
        assert {"start", "end", "text", "category", "polarity", "alternatives", "in_quote"} <= set(
            t
        )
        assert isinstance(t["alternatives"], list)
    for at in d["attributions"]:
        assert {
            "start",
            "end",
            "text",
            "kind",
            "speaker",
            "verb",
            "quote",
            "source_type",
            "anonymous",
        } <= set(at)
        assert at["kind"] in framing.types.KINDS
        if at["speaker"]:
            assert {"start", "end", "text", "name"} <= set(at["speaker"])
        if at["verb"]:
            assert {"start", "end", "text", "class"} <= set(at["verb"])


def test_reference_boilerplate_is_ignored_and_nowhere_else(reference_analysis, reference_text):
    a = reference_analysis
    assert [(i.text, i.reason) for i in a.ignored] == [
        ("No comments:", "blog comment counter"),
        ("Post a Comment", "blog comment link"),
    ]
    tail = a.ignored[0].start
    assert reference_text[tail:].startswith("No comments:")
    for group in (
        a.sentences,
        a.paragraphs,
        a.quotes,
        a.hedges,
        a.boosters,
        a.loaded_terms,
        a.attributions,
    ):
        assert all(x.end <= tail for x in group)


def test_reference_headings(reference_analysis):
    assert [h.text for h in reference_analysis.headings] == [
        "Cracks in Trump's personality-driven diplomacy",
        "But Trump looks to stick with it",
        "Trump leaves himself some wiggle room",
    ]


def test_reference_article_is_shipped_verbatim(reference_text):
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_6002cf3abb0ab586.txt"
    if not seed.exists():
        pytest.skip("shared/ seeds not beside this checkout")
    assert reference_text == seed.read_text(encoding="utf-8")


def test_reference_metadata_says_it_is_third_party():
    m = framing.corpus.metadata("hanoi-summit-2019")
    assert m["date"] == "2019-02-28" and m["constructed"] is False
    assert "reproduced" in m["license"] and "teaching" in m["license"]


@pytest.mark.parametrize("text", [texts.EMPTY_STR, texts.WHITESPACE], ids=["empty", "whitespace"])
def test_empty_text_gives_a_valid_empty_result(text):
    d = framing.analyze(text).to_dict()
    assert d["words"] == 0 and d["sentences"] == [] and d["summary"]["words"] == 0


def test_analyze_rejects_bytes_clearly():
    with pytest.raises(TypeError, match="decode bytes first"):
        framing.analyze(b"Prices may rise.")


def test_analyze_is_linear_enough_for_a_large_input(reference_text):
    # ~1 MB here (the CLI test suite and `make bench` exercise larger inputs); this guards
    # against accidental quadratic behaviour, not speed.
    big = "\n".join([reference_text] * 170)
    a = framing.analyze(big)
    assert a.words == framing.analyze(reference_text).words * 170


def test_analyze_makes_no_reference_cycles(reference_text):
    # What a long analysis leaves goes straight to the collector's oldest generation
    # (gc_paused): a cycle of ours there would wait for a full collection.
    gc.collect()
    gc.disable()
    try:
        result = framing.analyze(reference_text)
        result.summary()
        del result
        # the analyzer attribution builds when find() has not run (its name index and it
        # point at each other)
        attribution.mentioned_people(Document(reference_text))
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_long_analysis_skips_the_young_generations(reference_text, monkeypatch):
    monkeypatch.setattr(analysis, "_PROMOTE_AFTER", 100)  # the reference article is short
    gc.collect()
    result = framing.analyze(reference_text)
    assert gc.get_count()[0] < 100
    assert result.doc in gc.get_objects(generation=2)


def test_objects_the_caller_froze_stay_frozen(reference_text, monkeypatch):
    monkeypatch.setattr(analysis, "_PROMOTE_AFTER", 100)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        framing.analyze(reference_text)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_custom_lexicons_change_the_result():
    lex = framing.default_lexicons().with_entries(
        "loaded", [{"term": "kerfuffle", "category": "emotive", "pos": "noun", "source": "kit"}]
    )
    a = framing.analyze("A kerfuffle broke out.", lexicons=lex)
    assert [m.text for m in a.loaded_terms] == ["kerfuffle"]
