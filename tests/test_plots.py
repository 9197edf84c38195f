"""framing.plots: each plot draws exactly the numbers its data function returns."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import pytest

matplotlib.use("Agg")  # before pyplot: tests never open windows

import matplotlib.pyplot as plt  # noqa: E402

import framing  # noqa: E402
from framing import corpus, plots  # noqa: E402
from framing.summary import quoted_words  # noqa: E402

SARN = corpus.list_articles(event="sarn-summit")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sarn():
    return {i: framing.analyze(corpus.load(i)) for i in SARN}


def heights(ax) -> list[float]:
    return [round(p.get_height(), 2) for p in ax.patches]


def test_importing_plots_does_not_import_matplotlib():
    code = "import sys, framing, framing.plots, framing.display; print('matplotlib' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


# -- densities -------------------------------------------------------------------------------
def test_densities_are_per_thousand_words_of_each_voice(reference_analysis):
    a = reference_analysis
    q = quoted_words(a)
    d = plots.densities(a)
    author_hedges = sum(not h.in_quote for h in a.hedges)
    assert d["hedges"]["author"] == round(1000 * author_hedges / (a.words - q), 2)
    quoted_boosters = sum(b.in_quote for b in a.boosters)
    assert d["boosters"]["quoted"] == round(1000 * quoted_boosters / q, 2)


def test_densities_agree_with_the_summary_where_it_reports_them(reference_analysis):
    s = reference_analysis.summary()
    d = plots.densities(reference_analysis)
    for metric, section in (
        ("hedges", s["hedging"].get("hedges", {})),
        ("loaded_terms", s["loaded"]),
    ):
        if "author_per_1000" in section:
            assert d[metric]["author"] == section["author_per_1000"]
            assert d[metric]["quoted"] == section["quoted_per_1000"]


def test_plot_densities_draws_the_densities(reference_analysis):
    ax = plots.plot_densities(reference_analysis)
    d = plots.densities(reference_analysis)
    want = [d[m][v] for v in plots.VOICES for m in plots.METRICS]
    assert heights(ax) == want


def test_a_given_axes_is_drawn_on_and_returned(reference_analysis):
    _, ax = plt.subplots()
    assert plots.plot_densities(reference_analysis, ax) is ax
    assert plots.plot_timeline(reference_analysis, ax=ax) is ax


# -- timeline --------------------------------------------------------------------------------
def test_sentence_counts_add_up_to_the_findings(reference_analysis):
    c = plots.sentence_counts(reference_analysis)
    assert len(c["hedges"]) == len(reference_analysis.sentences)
    for metric in plots.METRICS:
        assert sum(c[metric]) == len(getattr(reference_analysis, metric))


def test_a_quote_marks_its_sentence_only():
    a = framing.analyze('The talks ended. "We may return," she said. Nobody left.')
    assert plots.sentence_counts(a)["quoted"] == [0, 1, 0]
    assert plots.sentence_counts(a)["hedges"] == [0, 1, 0]


def test_plot_timeline_stacks_the_counts(reference_analysis):
    ax = plots.plot_timeline(reference_analysis, metrics=["hedges", "boosters"])
    c = plots.sentence_counts(reference_analysis)
    steps = [p for p in ax.patches if type(p).__name__ == "StepPatch"]
    assert [list(s.get_data().values) for s in steps] == [
        c["hedges"],
        [h + b for h, b in zip(c["hedges"], c["boosters"])],
    ]


def test_unknown_metric_is_a_clear_error(reference_analysis):
    with pytest.raises(ValueError, match="unknown metric 'loaded'"):
        plots.plot_timeline(reference_analysis, metrics=["loaded"])


# -- voices ----------------------------------------------------------------------------------
def test_voice_shares_count_every_quoted_word(reference_analysis):
    shares = plots.voice_shares(reference_analysis)
    assert sum(shares.values()) == quoted_words(reference_analysis)
    assert list(shares.values()) == sorted(shares.values(), reverse=True)


def test_a_scare_quote_has_no_speaker():
    a = framing.analyze('The so-called "reform" passed on Tuesday.')
    assert plots.voice_shares(a) == {plots.NO_SPEAKER: 1}


def test_plot_voice_share_draws_percentages(reference_analysis):
    ax = plots.plot_voice_share(reference_analysis)
    shares = plots.voice_shares(reference_analysis)
    total = sum(shares.values())
    widths = [round(p.get_width(), 2) for p in ax.patches]
    assert widths == [round(100 * v / total, 2) for v in list(shares.values())[::-1]]


def test_no_quotes_draws_an_empty_chart():
    ax = plots.plot_voice_share(framing.analyze("The council met."))
    assert len(ax.patches) == 0 and "No quotations" in ax.get_title()


# -- outlets ---------------------------------------------------------------------------------
def test_outlet_table_is_one_voice_of_the_densities(sarn):
    table = plots.outlet_table(sarn, voice="quoted")
    for i, a in sarn.items():
        assert table[i] == {m: plots.densities(a)[m]["quoted"] for m in plots.METRICS}


def test_wrong_voice_is_a_clear_error(sarn):
    with pytest.raises(ValueError, match="voice must be one of author, quoted"):
        plots.outlet_table(sarn, voice="writer")


def test_plot_outlets_draws_one_bar_per_outlet_and_metric(sarn):
    ax = plots.plot_outlets(sarn, metrics=["hedges", "loaded_terms"])
    table = plots.outlet_table(sarn)
    assert heights(ax) == [table[i][m] for m in ("hedges", "loaded_terms") for i in SARN]
    assert [t.get_text() for t in ax.get_xticklabels()] == SARN


def test_plot_hedges_vs_boosters_places_each_outlet(sarn):
    ax = plots.plot_hedges_vs_boosters(sarn)
    table = plots.outlet_table(sarn)
    xy = [tuple(map(float, p)) for p in ax.collections[0].get_offsets()]
    assert xy == [(table[i]["hedges"], table[i]["boosters"]) for i in SARN]


def test_one_analysis_gives_author_and_quoted_points(reference_analysis):
    ax = plots.plot_hedges_vs_boosters(reference_analysis)
    d = plots.densities(reference_analysis)
    xy = [tuple(map(float, p)) for p in ax.collections[0].get_offsets()]
    assert xy == [(d["hedges"][v], d["boosters"][v]) for v in plots.VOICES]


@pytest.mark.parametrize(
    "plot",
    [
        plots.plot_densities,
        plots.plot_timeline,
        plots.plot_voice_share,
        plots.plot_hedges_vs_boosters,
    ],
    ids=lambda f: f.__name__,
)
def test_an_empty_text_still_plots(plot):
    assert plot(framing.analyze("")) is not None
