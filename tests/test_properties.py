"""Property tests: for arbitrary unicode, analyze never raises and every span is exact."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing

# Text built from news-like pieces and arbitrary unicode, so quotes, newlines and lexicon
# words actually occur.
PIECES = st.sampled_from(
    [
        '"',
        "\u201c",
        "\u201d",
        "'",
        "\u2019",
        "\n",
        "\r\n",
        " ",
        ".",
        ",",
        "--",
        "May",
        "may",
        "not certain",
        "said",
        "Trump",
        "very",
        "regime",
        "about 300",
        "No comments:",
        "\ufeff",
        "Dr.",
        "U.S.",
        "according to",
        "?",
        "\t",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join),
)


def spans(d):
    for key in ("sentences", "ignored", "quotes", "hedges", "boosters", "loaded_terms"):
        yield from ((key, s) for s in d[key])
    for a in d["attributions"]:
        yield "attributions", a
        for part in ("speaker", "verb", "quote"):
            if a[part]:
                yield f"attributions.{part}", a[part]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_analyze_never_raises_and_spans_round_trip(text):
    d = framing.analyze(text).to_dict()
    assert d["chars"] == len(text)
    for key, s in spans(d):
        assert 0 <= s["start"] <= s["end"] <= len(text), (key, s)
        if "text" in s:
            assert text[s["start"] : s["end"]] == s["text"], (key, s)
    for key in ("sentences", "quotes", "hedges", "boosters", "loaded_terms", "attributions"):
        starts = [(s["start"], s["end"]) for s in d[key]]
        assert starts == sorted(starts), key
    json.dumps(d)  # always serialisable


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_two_runs_give_identical_output(text):
    assert framing.analyze(text).to_dict() == framing.analyze(text).to_dict()
