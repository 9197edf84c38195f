"""The bundled corpus: catalog, articles, gold files, and the gold validator itself."""

from __future__ import annotations

import copy
import functools
import hashlib
import re

import pytest

from framing import corpus
from framing.text import Document

IDS = corpus.list_articles()
CONSTRUCTED = [i for i in IDS if corpus.metadata(i)["constructed"]]

# sha256 of the reference article as shipped: it is third-party text and must never change.
REFERENCE_SHA256 = "3a9d9622a798ca32021acc6e5639628218b79a03d8a21233377cc989cf78907a"


# -- catalog ---------------------------------------------------------------------------
def test_catalog_ids_are_unique_kebab_case_file_stems():
    assert len(IDS) == len(set(IDS)) >= 10
    for article_id in IDS:
        m = corpus.metadata(article_id)
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", article_id)
        assert m["file"] == f"{article_id}.txt"
        assert set(corpus.CATALOG_KEYS) <= set(m), article_id


@pytest.mark.parametrize("article_id", CONSTRUCTED)
def test_constructed_articles_are_marked_fictional_and_licensed(article_id):
    m = corpus.metadata(article_id)
    assert m["real_people"] is False
    assert m["license"] == "CC BY 4.0 (framing-kit constructed teaching text)"
    assert "fictional" in m["outlet"]


@pytest.mark.parametrize("article_id", CONSTRUCTED)
def test_constructed_articles_are_400_to_900_words(article_id):
    assert 400 <= Document(corpus.load(article_id)).words <= 900


def test_reference_article_is_verbatim():
    text = corpus.load(corpus.REFERENCE_ID)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == REFERENCE_SHA256
    assert corpus.metadata(corpus.REFERENCE_ID)["constructed"] is False


def test_events_group_outlets():
    ev = corpus.events()
    # one story told by at least four outlets, two more stories told two ways each
    assert len(ev["sarn-summit"]) >= 4
    assert len(ev["harlow-stadium"]) == 2 and len(ev["corvale-protest"]) == 2
    stances = {corpus.metadata(i)["stance"] for i in ev["sarn-summit"]}
    assert {"neutral", "hawkish", "sympathetic", "state-media"} <= stances
    assert corpus.list_articles(event="harlow-stadium") == ev["harlow-stadium"]


def test_unknown_id_names_the_valid_ones():
    with pytest.raises(KeyError, match="sarn-summit-wire"):
        corpus.load("no-such-article")
    with pytest.raises(KeyError):
        corpus.load_gold("no-such-article")


# -- the corpus varies on purpose: each teaching feature is present ---------------------
@functools.cache
def _docs() -> dict[str, Document]:
    return {i: Document(corpus.load(i)) for i in IDS}


@pytest.mark.parametrize(
    "feature, check",
    [
        # curly quotes in some articles, straight quotes in others
        ("curly-quotes", lambda d: any(q.mark == "\u201c" for q in d.quotes)),
        ("straight-quotes", lambda d: any(q.mark == '"' for q in d.quotes)),
        # a paragraph that opens a quote without closing it continues in the next one
        ("multi-paragraph-quote", lambda d: any("\n" in q.text for q in d.quotes)),
        # a short line without final punctuation
        ("heading", lambda d: any(p.heading for p in d.paragraphs)),
        # web boilerplate lines excluded from analysis
        (
            "web-boilerplate",
            lambda d: {"Advertisement", "Click here to subscribe"} <= {i.text for i in d.ignored},
        ),
        ("anonymous-source", lambda d: "on condition of anonymity" in d.text),
        ("nested-single-quote", lambda d: "\u2018a real agreement,\u2019" in d.text),
    ],
    ids=lambda x: x if isinstance(x, str) else "",
)
def test_corpus_feature_present(feature, check):
    docs = _docs()
    assert any(check(docs[i]) for i in CONSTRUCTED), feature


def test_every_article_one_paragraph_per_line_no_blank_lines():
    for article_id, text in corpus.iter_articles():
        assert "\n\n" not in text and "\r" not in text, article_id


# -- gold files ------------------------------------------------------------------------
@pytest.mark.parametrize("article_id", IDS)
def test_gold_file_is_valid(article_id):
    assert corpus.validate_gold(article_id) == {article_id: []}


def test_gold_covers_every_metric_somewhere():
    totals = {k: 0 for k in ("hedges", "boosters", "loaded_terms", "attributions")}
    kinds, types = set(), set()
    for article_id in IDS:
        gold = corpus.load_gold(article_id)
        for k in totals:
            totals[k] += len(gold[k])
        kinds |= {a["kind"] for a in gold["attributions"]}
        types |= {a["source_type"] for a in gold["attributions"]}
    assert min(totals.values()) >= 30, totals
    assert kinds == {"direct", "partial", "indirect", "according_to", "nominal", "continuation"}
    assert {"named", "official", "anonymous", "organization"} <= types


# -- the validator: each kind of mistake is reported -----------------------------------
TEXT = '"Talks may resume," the minister said.\nAdvertisement\nPrices rose.'
ROSE = TEXT.index("rose")
GOOD = {
    "schema": 1,
    "article": "toy",
    "annotator": "test",
    "guidelines": "framing/data/README.md",
    "notes": [],
    "hedges": [{"start": 7, "end": 10, "text": "may", "category": "modal", "in_quote": True}],
    "boosters": [],
    "loaded_terms": [],
    "attributions": [
        {
            "speaker": "the minister",
            "kind": "direct",
            "source_type": "official",
            "verb": {"start": 33, "end": 37, "text": "said"},
            "quote": {"start": 1, "end": 18, "text": "Talks may resume,"},
        }
    ],
}


def _broken(path: str, value):
    g = copy.deepcopy(GOOD)
    *keys, last = path.split(".")
    node = g
    for k in keys:
        node = node[int(k)] if k.isdigit() else node[k]
    node[int(last) if last.isdigit() else last] = value
    return g


def test_validator_accepts_a_good_record():
    assert TEXT[7:10] == "may" and TEXT[33:37] == "said"
    assert corpus.check_gold(TEXT, GOOD, "toy") == []


@pytest.mark.parametrize(
    "gold, problem",
    [
        (_broken("hedges.0.start", 8), "text 'may' but the article has 'ay'"),
        (_broken("hedges.0.text", "May"), "text 'May'"),
        (_broken("hedges.0.end", 999), "outside the article"),
        (_broken("hedges.0.in_quote", False), "inside quotation marks"),
        (_broken("hedges.0.category", "month"), "category 'month'"),
        (_broken("attributions.0.kind", "hearsay"), "kind 'hearsay'"),
        (_broken("attributions.0.source_type", "psychic"), "source_type 'psychic'"),
        (_broken("attributions.0.verb.text", "says"), "attributions[0].verb"),
        (_broken("attributions.0.kind", "continuation"), "continuation quote has no verb"),
        (_broken("schema", 2), "schema must be 1"),
        (_broken("article", "other"), "expected 'toy'"),
        (
            _broken(
                "boosters",
                [
                    {
                        "start": 39,
                        "end": 52,
                        "text": "Advertisement",
                        "category": "intensifier",
                        "in_quote": False,
                    }
                ],
            ),
            "ignored boilerplate",
        ),
        (
            _broken(
                "hedges",
                [
                    GOOD["hedges"][0]
                    | {"start": ROSE, "end": ROSE + 4, "text": "rose", "in_quote": False},
                    GOOD["hedges"][0],
                ],
            ),
            "not sorted",
        ),
    ],
    ids=[
        "offset-shifted",
        "text-differs",
        "offset-out-of-range",
        "in-quote-wrong",
        "unknown-category",
        "unknown-kind",
        "unknown-source-type",
        "verb-text-differs",
        "continuation-with-verb",
        "wrong-schema",
        "wrong-article",
        "span-in-boilerplate",
        "unsorted",
    ],
)
def test_validator_reports(gold, problem):
    problems = corpus.check_gold(TEXT, gold, "toy")
    assert any(problem in p for p in problems), problems
