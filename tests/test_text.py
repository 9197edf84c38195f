"""The text model: offsets round-trip; sentences, headings, quotes, ignored boilerplate."""

import re
import sys
from bisect import bisect_left
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text import (
    _GAP,
    _MARK_RE,
    _NON_ASCII_SPACE_RE,
    _QUOTE_MARKS,
    _TOKEN_RE,
    Document,
    _bisect_after,
    _mark_matches,
    _quote_mark_offsets,
    normalise,
    scan_tokens,
)
from tests import texts


def sentences(text):
    d = Document(text)
    return [text[s.start : s.end] for s in d.sentences]


def quotes(text):
    return [q.text for q in Document(text).quotes]


# -- sentences: Punkt with our own abbreviations ---------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations with periods do not end a sentence (untrained Punkt splits there)
        (texts.ABBREVIATIONS, [texts.ABBREVIATIONS[:65], "They left."]),
        # a plain two-sentence paragraph splits
        ("It rained. The match went on.", ["It rained.", "The match went on."]),
        # a heading is one sentence of its own, without final punctuation
        (
            texts.HEADING_TEXT,
            ["Cracks in the coalition", "The coalition may split, officials said."],
        ),
        # Mr. and Sen. before names
        (
            "Mr. Kim and Sen. Ruiz spoke. Then they left.",
            ["Mr. Kim and Sen. Ruiz spoke.", "Then they left."],
        ),
        # a quote ending a sentence keeps its closing mark in that sentence
        ('"We won." She smiled.', ['"We won."', "She smiled."]),
        # a quoted question before its speech tag is one sentence with it (untrained Punkt
        # breaks after "?\"")
        (
            '"Why now?" she asked. "We waited."',
            ['"Why now?" she asked.', '"We waited."'],
        ),
        # an unlisted abbreviation before a lowercase verb does not end the sentence
        (
            "Sen. Lindsey Graham (R-S.C.) said the deal was dead. Others disagreed.",
            ["Sen. Lindsey Graham (R-S.C.) said the deal was dead.", "Others disagreed."],
        ),
        # a brand written lowercase-then-capital still starts a sentence
        (
            "Apple reported results. iPhone sales rose.",
            ["Apple reported results.", "iPhone sales rose."],
        ),
        # text written all in lowercase keeps its breaks
        ("it rained. the match went on.", ["it rained.", "the match went on."]),
        # ... except after a quoted question or exclamation, before its speech tag
        (
            '"why now?" she asked. "we waited."',
            ['"why now?" she asked.', '"we waited."'],
        ),
        # a guillemet closes a quotation as a curly quote does
        (
            "\u00abNous partons.\u00bb Puis il est parti.",
            ["\u00abNous partons.\u00bb", "Puis il est parti."],
        ),
    ],
    ids=[
        "abbreviations",
        "two-sentences",
        "heading",
        "titles",
        "quote-final",
        "quoted-question-then-tag",
        "unlisted-abbreviation-before-verb",
        "lowercase-brand-starts-sentence",
        "all-lowercase-text",
        "all-lowercase-quoted-question-then-tag",
        "guillemets",
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


# -- quote regions ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        (texts.STRAIGHT_QUOTES, ["We will keep talking,"]),  # straight double quotes
        (texts.CURLY_QUOTES, ["We will keep talking,"]),  # curly double quotes
        # a nested single quote stays inside the outer quotation
        (texts.NESTED_SINGLE, ["He told me \u2018never again\u2019 last week,"]),
        (texts.APOSTROPHES, []),  # apostrophes are not quote marks
        (texts.BRITISH_SINGLE, ["We are ready,"]),  # single quotes as primary quotes
        # a paragraph that opens a quote without closing it continues in the next
        (
            texts.MULTI_PARAGRAPH_QUOTE,
            [texts.MULTI_PARAGRAPH_QUOTE[1 : texts.MULTI_PARAGRAPH_QUOTE.index('," she') + 1]],
        ),
        ('the album "Northern Lights" sold well', ["Northern Lights"]),  # a title is a region
        ('She said "" and left.', []),  # an empty quote is no region
    ],
    ids=[
        "straight",
        "curly",
        "nested-single",
        "apostrophes",
        "british-single",
        "multi-paragraph",
        "title",
        "empty",
    ],
)
def test_quote_regions(text, expected):
    assert quotes(text) == expected


def test_multi_paragraph_quote_is_one_region_across_the_break():
    d = Document(texts.MULTI_PARAGRAPH_QUOTE)
    (q,) = d.quotes
    assert "\n" in q.text and q.text.endswith("ends it,") and q.closed
    assert not d.warnings


def test_unbalanced_quote_closes_at_paragraph_end_with_a_warning():
    d = Document(texts.UNBALANCED_QUOTE)
    (q,) = d.quotes
    assert q.text == "we will win" and not q.closed
    assert len(d.warnings) == 1 and "unbalanced quote" in d.warnings[0]
    # the next paragraph is the author's again
    assert not any(t.in_quote for t in d.tokens if t.start > q.end)


def test_every_token_knows_whether_it_is_quoted():
    d = Document(texts.CURLY_QUOTES)
    flags = {d.text[t.start : t.end]: t.in_quote for t in d.tokens if t.kind == "word"}
    assert flags == {
        "We": True,
        "will": True,
        "keep": True,
        "talking": True,
        "the": False,
        "minister": False,
        "said": False,
    }


# -- tokens ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("much-ballyhooed summit", ["much-ballyhooed", "summit"]),  # hyphenated word is one token
        ("didn't", ["didn't"]),  # contraction is one token
        ("Trump\u2019s", ["trump's"]),  # curly apostrophe normalised
        ("1,000 delegates", ["1,000", "delegates"]),  # number with thousands separator
        ("U.S. officials", ["u.s.", "officials"]),  # dotted abbreviation
        ("war -- and peace", ["war", "-", "-", "and", "peace"]),  # dashes are punctuation
    ],
    ids=["hyphen", "contraction", "curly-apostrophe", "number", "abbreviation", "double-dash"],
)
def test_tokens(text, expected):
    assert [t.norm for t in Document(text).tokens] == expected


# The tokenizer as first written; the one in use tries ASCII letters first, for speed.
PLAIN_TOKEN_RE = re.compile(
    r"[\s_]*(?:(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)*%?"
    r"|[^\W_]\w*(?:[-\u2010\u2011'\u2019][^\W_]\w*)*|[^\w\s])"
)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_tokenizer_matches_the_plain_pattern(text):
    assert _TOKEN_RE.findall(text) == PLAIN_TOKEN_RE.findall(text)
    assert _TOKEN_RE.findall(text.lower()) == PLAIN_TOKEN_RE.findall(text.lower())


def regex_tokens(src, lo, hi):
    """Tokens, offsets, kinds and capitals as ``Document`` finds them in pure Python (the regex)."""
    found = _TOKEN_RE.findall(src, lo, hi)
    toks = [f.lstrip(_GAP) for f in found]
    ends = list(accumulate(map(len, found), initial=lo))[1:]
    starts = [e - len(t) for e, t in zip(ends, toks)]
    kinds = ["num" if t[0].isdecimal() else "word" if t[0].isalnum() else "punct" for t in toks]
    return toks, starts, ends, kinds, [src[s].isupper() for s in starts]


def scanned_tokens(src, lo, hi):
    """The same from the character loop the compiled analyzer runs."""
    toks, starts, ends, kinds, caps = out = ([], [], [], [], [])
    scan_tokens(src, lo, hi, toks, starts, ends, kinds, {}, src, caps)
    return out


# Characters where the tokenizer's rules turn: joiners, number separators, "_", white space,
# decimal digits of other scripts, numerals that are no digits, combining marks, a dotless I.
TRICKY = "aZ09 _.,:%-'\u2019\u2010\u2011\u2018\n\t\x1c\xa0\u2003\xe9\xb2\xbd\u2167\u0663\u201c\u201d!?\u0130\xdf\u01c5\u0301\u4e2d"


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from([*TRICKY, "u.s.", "e.g.", "3.5%", "don't", "x_y"])).map("".join),
    ),
    st.data(),
)
def test_character_loop_finds_the_tokens_the_regex_finds(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert scanned_tokens(text, lo, hi) == regex_tokens(text, lo, hi)


def test_character_loop_agrees_on_every_character_of_the_basic_plane():
    # each character alone, inside a word, inside a number, inside an abbreviation
    for cp in range(0x10000):
        c = chr(cp)
        for text in (c, f"a{c}b", f"1{c}2", f"a.{c}."):
            assert scanned_tokens(text, 0, len(text)) == regex_tokens(text, 0, len(text)), hex(cp)


def test_documents_are_the_same_with_either_tokenizer(monkeypatch):
    from framing import corpus
    from framing import text as text_module

    articles = list(corpus.iter_articles())
    # capitals, and a text whose lowercase is longer (tokens found in the original then)
    more = [("upper", articles[0][1].upper()), ("dotted capital I", "\u0130stanbul, she said.")]
    for name, article in articles + more:
        docs = []
        for compiled in (False, True):
            monkeypatch.setattr(text_module, "_COMPILED", compiled)
            d = Document(article)
            lists = (d.norms(), d.token_starts, d.token_ends, d.token_kinds, d.token_sents)
            docs.append((*lists, d.token_caps, d.norm_index()))
        assert docs[0] == docs[1], name


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("a. ?!\"')\u201d\n;:(U"), max_size=40))
def test_mark_matches_are_the_regex_search_matches(chunk):
    found = [(m.span(), m.groups()) for m in _mark_matches(chunk)]
    assert found == [(m.span(), m.groups()) for m in _MARK_RE.finditer(chunk)]


def grouped_positions(norms):
    out = {}
    for k, norm in enumerate(norms):
        out.setdefault(norm, []).append(k)
    return out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("Ab1 .,'\u2018\u2019\n\u0130"), max_size=40))
def test_norm_index_holds_every_position_of_every_norm(text):
    d = Document(text)
    assert d.norm_index() == grouped_positions(d.norms())


@pytest.mark.parametrize(
    "text",
    [texts.NESTED_SINGLE, texts.APOSTROPHES, "\u0130stanbul, she said.", "It is, it is."],
    ids=["left-single-quote", "apostrophes", "dotted-capital-I", "repeats"],
)
def test_norm_index_of_named_texts(text):
    d = Document(text)
    assert d.norm_index() == grouped_positions(d.norms())


def test_gap_lists_every_character_the_tokenizer_skips():
    skipped = {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"[\s_]", c)}
    assert set(_GAP) == skipped
    rare = {c for c in skipped if re.fullmatch(r"[^\S \t\n\r\x0b\x0c]", c)}
    assert {c for c in map(chr, range(sys.maxunicode + 1)) if _NON_ASCII_SPACE_RE.match(c)} == rare
    # without "_", the gap is exactly what str.lstrip() strips by default
    assert {c for c in skipped if (c + "x").lstrip() == "x"} == skipped - {"_"}


@given(st.text(alphabet=st.sampled_from(_QUOTE_MARKS + "ab \n\u2019\u201d"), max_size=40))
def test_quote_mark_offsets_are_every_mark_in_order(text):
    marks = re.compile("[" + re.escape(_QUOTE_MARKS) + "]")
    assert _quote_mark_offsets(text) == [m.start() for m in marks.finditer(text)]


@given(st.lists(st.integers(0, 500), max_size=300), st.integers(-5, 505), st.integers(0, 300))
def test_bisect_after_is_bisect_left(offsets, offset, lo):
    from unittest import mock

    from framing import text as text_module

    starts = sorted(offsets)
    lo = min(lo, len(starts))
    for compiled in (False, True):  # the compiled build's search and pure Python's
        with mock.patch.object(text_module, "_COMPILED", compiled):
            assert _bisect_after(starts, offset, lo) == bisect_left(starts, offset, lo)


def test_bisect_after_finds_every_offset_of_a_long_list():
    # every answer position, with the widening search's steps crossed at 33, 98, 227, ...
    from unittest import mock

    from framing import text as text_module

    starts = list(range(0, 600, 2))
    for compiled in (False, True):
        with mock.patch.object(text_module, "_COMPILED", compiled):
            for lo in (0, 1, 7, 40):
                for offset in range(-1, 602):
                    got = _bisect_after(starts, offset, lo)
                    assert got == bisect_left(starts, offset, lo), (compiled, lo, offset)


# -- headings and ignored boilerplate --------------------------------------------------
def test_boilerplate_lines_are_ignored_and_not_tokenized():
    d = Document(texts.BOILERPLATE_TAIL)
    assert [i.text for i in d.ignored] == [
        "Advertisement",
        "Share this article",
        "No comments:",
        "Post a Comment",
    ]
    assert d.words == 4
    assert all(t.end <= d.ignored[0].start for t in d.tokens)


@pytest.mark.parametrize(
    "line, is_heading",
    [
        ("Cracks in Trump's personality-driven diplomacy", True),  # short, no final punctuation
        ("The summit ended early.", False),  # a sentence
        ("the summit ended early", False),  # lowercase start: a wrapped fragment, not a heading
        ("Willing to walk away -- but should he have walked in at all?", False),  # a question
    ],
    ids=["heading", "sentence", "lowercase", "question"],
)
def test_headings(line, is_heading):
    d = Document(line + "\nThe talks went on.")
    assert d.paragraphs[0].heading is is_heading


def test_blank_line_separated_text_joins_wrapped_lines_into_paragraphs():
    text = "The talks began\non Monday and went on.\n\nA second paragraph."
    d = Document(text)
    assert [text[p.start : p.end] for p in d.paragraphs] == [
        "The talks began\non Monday and went on.",
        "A second paragraph.",
    ]


def test_crlf_offsets_round_trip():
    d = Document(texts.CRLF_TEXT)
    for t in d.tokens:
        assert "\r" not in d.text[t.start : t.end]
    assert [i.text for i in d.ignored] == ["No comments:"]
    assert d.quotes[0].text == "We may agree,"


def test_text_is_never_modified():
    d = Document(texts.CRLF_TEXT)
    assert d.text is texts.CRLF_TEXT


def test_document_rejects_bytes_with_a_clear_message():
    with pytest.raises(TypeError, match="needs a str"):
        Document(b"bytes")


def test_boilerplate_inside_a_wrapped_block_splits_it():
    text = "The talks began\nAdvertisement\non Monday.\n\nEnd."
    d = Document(text)
    assert [i.text for i in d.ignored] == ["Advertisement"]
    assert all(not (p.start < d.ignored[0].start < p.end) for p in d.paragraphs)


def test_plain_sentbreak_shortcut_agrees_with_punkt():
    """The fast path must give Punkt's own verdict on every context it decides."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from framing import corpus
    from framing.text import plain_sentbreak, sentence_tokenizer

    ours = sentence_tokenizer()
    punkt = PunktSentenceTokenizer(ours._params)
    extra = "He left. the end. Dr. Lee met J. Smith. Ex-Gov. Ruiz spoke! Really? No. G7. Done."
    decided = 0
    for _, text in [*corpus.iter_articles(), ("extra", extra)]:
        for _, context in punkt._match_potential_end_contexts(text):
            verdict = plain_sentbreak(context)
            if verdict is not None:
                decided += 1
                assert verdict == punkt.text_contains_sentbreak(context), context
    assert decided > 50


def pure_punkt():
    """NLTK's Punkt with our parameters and none of our shortcuts."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from framing.text import sentence_tokenizer

    return PunktSentenceTokenizer(sentence_tokenizer()._params)


# Numbers and dotted abbreviations before a capitalised or lowercase word: the fast path
# answers these only where Punkt's orthographic heuristic is sure.
NUMBER_AND_DOTTED_PIECES = [
    "in 2023.",
    "15,000.",
    "March 1.",
    "2.40.",
    "-5.",
    "2 p.m. Trouble",
    "p.m. the",
    "2023. \u201cMaybe",
    "2023. \u201cmaybe",
    "5. the",
    "2023. (The",
    "U.S. Police",
    "e.g. The",
]

PARAGRAPH_PIECES = [
    "He left.",
    "he left.",
    "Dr. Lee",
    "U.S. officials",
    "Mr. Kim",
    "J. Smith",
    "Why?",
    "No!",
    '"We won."',
    "\u201cWe won.\u201d",
    "(Sen. Ruiz)",
    "acting!!!",
    "e.g. this",
    "5.",
    "G7.",
    "Ex-Gov. Ruiz",
    "it's.",
    "the end.",
    "...",
    "--",
    "Jan. 5",
    "'90s.",
    "Trump's.",
    ")",
    "v.",
    "word",
    "Word",
    "\u00a0",
    "x.y.",
    "a.m. Monday",
    "No. 10",
    "St. Paul.",
    "\u2018ok.\u2019",
    '"Done."',
    '"We are done."',
    "“We are done.”",
    "(see p.)",
    '"Dr. Who."',
    '"U.S."',
    '"A."',
    "(It ended.)",
    "'Yes,' he said.",
    '"Why?"',
    '"No!" she said.',
    'said Ann. "But',
    'he said. " But',
    'It ended. "-- no',
    "It ended. '",
    'Done. ""Yes',
    # a mark by itself: Punkt decides
    ". Next",
    "? He",
    "left !",
    *NUMBER_AND_DOTTED_PIECES,
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PARAGRAPH_PIECES), min_size=1, max_size=14), st.randoms())
def test_simple_split_agrees_with_punkt(pieces, rnd):
    """Where the fast path answers, it must give Punkt's exact spans."""
    from framing.text import simple_split

    chunk = " ".join(p if rnd.random() < 0.8 else p + "," for p in pieces).strip()
    if not chunk:
        return
    fast = simple_split(chunk)
    if fast is not None:
        assert fast == list(pure_punkt().span_tokenize(chunk)), chunk


PLAIN_PIECES = [
    "He left.",
    "he left.",
    "Dr. Lee",
    "Mr. Kim",
    "Why?",
    "No!",
    "word",
    "Word",
    "the end.",
    "U.S. officials",
    "Jan. 5",
    "Ex-Gov. Ruiz",
    "it's.",
    "G7.",
    "Trump's.",
    "No. 10",
    "St. Paul.",
    "a.m. Monday",
    "v. Wade",
    "x.y.",
    "5 p.m.",
    '"Done."',
    '"We are done."',
    "“We are done.”",
    "(It ended.)",
    '"Why?"',
    'said Ann. "But',
    'he said. " But',
    'It ended. "-- no',
    "It ended. '",
    'Done. ""Yes',
    *NUMBER_AND_DOTTED_PIECES,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PLAIN_PIECES), min_size=1, max_size=14))
def test_simple_split_agrees_with_punkt_on_plain_paragraphs(pieces):
    from framing.text import simple_split

    chunk = " ".join(pieces)
    fast = simple_split(chunk)
    if fast is not None:
        assert fast == list(pure_punkt().span_tokenize(chunk)), chunk


def test_simple_split_agrees_with_punkt_on_the_corpus():
    from framing import corpus
    from framing.text import simple_split

    answered = 0
    for _, text in corpus.iter_articles():
        for line in text.splitlines():
            chunk = line.strip()
            fast = simple_split(chunk) if chunk else None
            if fast is not None:
                answered += 1
                assert fast == list(pure_punkt().span_tokenize(chunk)), chunk
    assert answered > 100


@pytest.mark.parametrize(
    "text, expected",
    [
        # one paragraph per line, with a blank line after the title: lines stay paragraphs
        (
            "Summit ends early\n\nThe talks ended.\nBoth sides left.\n",
            ["Summit ends early", "The talks ended.", "Both sides left."],
        ),
        # hard-wrapped text: a line that stops mid-sentence continues in the next
        (
            "The talks ended two hours early on\nThursday, officials said.\n\nBoth left.",
            ["The talks ended two hours early on\nThursday, officials said.", "Both left."],
        ),
        # a wrapped line that starts in lowercase continues the paragraph
        (
            'He said "we are done."\nand left the room.',
            ['He said "we are done."\nand left the room.'],
        ),
        # a heading line before wrapped text stays a heading
        (
            "Cracks in the coalition\nThe coalition may split, two\nofficials said.",
            ["Cracks in the coalition", "The coalition may split, two\nofficials said."],
        ),
    ],
    ids=[
        "lines-with-blank-after-title",
        "wrapped",
        "lowercase-continuation",
        "heading-then-wrapped",
    ],
)
def test_paragraphs_in_mixed_layouts(text, expected):
    d = Document(text)
    assert [text[p.start : p.end] for p in d.paragraphs] == expected


TOKEN_PIECES = st.sampled_from(
    [
        "U.S.",
        "e.g.",
        "3.5%",
        "don't",
        "Trump\u2019s",
        "much-ballyhooed",
        "\u0130stanbul",
        "__x",
        '"',
        "\u201c",
        "\u201d",
        "'",
        " ",
        "\n",
        "\t",
        ".",
        "?",
        "!",
        "--",
        "\u00b2",
        "Dr.",
        "May",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(TOKEN_PIECES, max_size=50).map("".join)))
def test_token_lists_mirror_the_tokens_and_tokens_sit_in_their_sentence(text):
    d = Document(text)
    toks = d.tokens
    assert d.token_starts == [t.start for t in toks]
    assert d.token_ends == [t.end for t in toks]
    assert d.token_sents == [t.sent for t in toks]
    assert d.token_kinds == [t.kind for t in toks]
    assert d.token_quotes == [t.quote for t in toks]
    assert d.norms() == [t.norm for t in toks]
    for t in toks:
        piece = text[t.start : t.end]
        assert piece and not piece.isspace() and len(piece) == len(piece.strip())
        assert t.norm == normalise(piece)  # tokens found in the lowered text keep their norm
        s = d.sentences[t.sent]
        assert s.start <= t.start and t.end <= s.end
        assert s.tok_start <= toks.index(t) < s.tok_end
        assert t.kind == (
            "num" if piece[0].isdecimal() else "word" if piece[0].isalnum() else "punct"
        )
        if t.quote >= 0:
            q = d.quotes[t.quote]
            assert q.start <= t.start < q.end
    assert d.words == sum(t.kind != "punct" for t in toks)
