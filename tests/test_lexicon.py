"""Lexicon files: schema validation with FILE:LINE errors, inflection, matching, overrides."""

import pytest

from framing.lexicon import (
    BUNDLED,
    COLUMNS,
    Lexicon,
    LexiconError,
    default_lexicons,
    inflect,
    load_lexicon,
    make_entry,
    parse_lexicon,
)
from framing.text import Document

HEADER = "\t".join(COLUMNS)


def row(term, category="test", pos="other", context="", forms="", alternatives="", strength=""):
    return {
        "term": term,
        "category": category,
        "pos": pos,
        "strength": strength,
        "alternatives": alternatives,
        "context": context,
        "forms": forms,
        "source": "kit",
    }


def lex(*rows):
    return Lexicon("test", [make_entry(r, f"<row {k}>") for k, r in enumerate(rows)])


def found(lexicon, text):
    return [h.text for h in lexicon.find(Document(text))]


# -- inflection without downloads ------------------------------------------------------
@pytest.mark.parametrize(
    "word, pos, form",
    [
        ("slam", "verb", "slammed"),  # consonant doubling
        ("slam", "verb", "slamming"),
        ("slam", "verb", "slams"),
        ("lavish", "verb", "lavishing"),  # -sh takes -es
        ("lavish", "verb", "lavishes"),
        ("tantalize", "verb", "tantalized"),  # e-dropping
        ("tantalize", "verb", "tantalizing"),
        ("tout", "verb", "touted"),  # two vowels: no doubling
        ("deny", "verb", "denied"),  # y -> i
        ("deny", "verb", "denies"),
        ("accolade", "noun", "accolades"),
        ("atrocity", "noun", "atrocities"),
    ],
)
def test_inflect_generates(word, pos, form):
    assert form in inflect(word, pos)


@pytest.mark.parametrize(
    "word, pos, not_form",
    [
        ("clear", "adj", "cleared"),  # adjectives do not inflect: "cleared" is no booster
        ("may", "modal", "mays"),
        ("tout", "verb", "toutted"),
        ("accolade", "noun", "accoladed"),  # nouns take no verb endings
    ],
)
def test_inflect_does_not_generate(word, pos, not_form):
    assert not_form not in inflect(word, pos)


# -- matching --------------------------------------------------------------------------
def test_multiword_and_inflected_first_word():
    lexicon = lex(row("gloss over", pos="verb"))
    assert found(lexicon, "He glossed over the record.") == ["glossed over"]


def test_longest_match_wins():
    lexicon = lex(row("at least"), row("at least as of"))
    assert found(lexicon, "But at least as of Friday, talks stalled.") == ["at least as of"]


def test_hyphenated_entry_matches_spaced_spelling_and_is_case_insensitive():
    lexicon = lex(row("much-ballyhooed", pos="adj"))
    assert found(lexicon, "The Much-Ballyhooed summit, a much ballyhooed event.") == [
        "Much-Ballyhooed",
        "much ballyhooed",
    ]


def test_irregular_forms_column():
    lexicon = lex(row("draw a line in the sand", pos="verb", forms="drew a line in the sand"))
    assert found(lexicon, "Trump drew a line in the sand.") == ["drew a line in the sand"]


def test_matches_do_not_cross_sentences():
    lexicon = lex(row("so far"))
    assert found(lexicon, "He went so. Far away.") == []


@pytest.mark.parametrize(
    "term, pos, context, text, expected",
    [
        ("may", "modal", "lower", "Prices may rise again in May.", ["may"]),  # modal vs month
        ("might", "modal", "!prev=@DET|of", "They might win. The might of the navy.", ["might"]),
        ("about", "other", "next=@NUM", "about 300 delegates talked about the summit", ["about"]),
        (
            "appear",
            "verb",
            "!next=on|at|in|before",
            "She appeared tired. She appeared on TV.",
            ["appeared"],
        ),
        ("appear", "verb", "after=@TO|that", "It appears to work. It appears.", ["appears"]),
        (
            "regime",
            "noun",
            "!prev=tax|treatment",
            "the tax regime and the brutal regime",
            ["regime"],
        ),
        (
            "failure",
            "noun",
            "!near=heart|engine",
            "Heart failure. The failure of the talks",
            ["failure"],
        ),
        ("certain", "adj", "!quote", 'It is certain. "It is certain," he said.', ["certain"]),
        ("certain", "adj", "sentence=@NEG", "Not all is certain. All is certain.", ["certain"]),
        ("certain", "adj", "before=@NEG", "It isn't certain. It is certain.", ["certain"]),
    ],
    ids=[
        "lower",
        "not-after-det",
        "before-number",
        "not-before-prep",
        "after-to",
        "not-after-word",
        "not-near",
        "not-in-quote",
        "sentence-has",
        "before-has-nt",
    ],
)
def test_context_rules(term, pos, context, text, expected):
    assert found(lex(row(term, pos=pos, context=context)), text) == expected


# -- validation: FILE:LINE: reason -----------------------------------------------------
@pytest.mark.parametrize(
    "line, message",
    [
        ("may\thedge\tmodal\t\t\t\t\t\t\t", "empty required field 'source'"),
        ("may\thedge\tverbish\t\t\t\t\t\t\tkit", "pos 'verbish'"),
        ("may\thedge\tmodal\tgood\t\t\t\t\t\tkit", "polarity 'good'"),
        ("may\thedge\tmodal\t\t5\t\t\t\t\tkit", "strength '5'"),
        ("may\thedge\tmodal\t\t\t\tnextto=the\t\t\tkit", "unknown context rule 'nextto'"),
        ("may\thedge\tmodal\t\t\t\tnext=@FOO\t\t\tkit", "unknown word class '@FOO'"),
        ("may\thedge\tmodal\t\t\t\t\t\t\tkit\textra", "11 columns"),
    ],
    ids=[
        "no-source",
        "bad-pos",
        "bad-polarity",
        "bad-strength",
        "bad-rule",
        "bad-class",
        "stray-tab",
    ],
)
def test_bad_rows_name_file_and_line(line, message):
    data = f"# comment\n{HEADER}\n{line}\n"
    with pytest.raises(LexiconError, match=r"^my\.tsv:3: ") as err:
        parse_lexicon(data, "my.tsv")
    assert message in str(err.value)


def test_bad_header_and_duplicates():
    with pytest.raises(LexiconError, match="my.tsv:1: header must be"):
        parse_lexicon("word\tcat\n", "my.tsv")
    dup = f"{HEADER}\nmay\thedge\tmodal\t\t\t\t\t\t\tkit\nmay\thedge\tmodal\t\t\t\t\t\t\tkit\n"
    with pytest.raises(LexiconError, match="my.tsv:3: duplicate of my.tsv:2"):
        parse_lexicon(dup, "my.tsv")


def test_load_lexicon_reports_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon(tmp_path / "nope.tsv")


# -- user overrides --------------------------------------------------------------------
def test_user_can_add_override_and_remove_entries(tmp_path):
    base = default_lexicons()
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        f"{HEADER}\nkerfuffle\temotive\tnoun\tnegative\t2\tdispute\t\t\t\tkit\n", "utf-8"
    )
    lex2 = base.with_file("loaded", mine)
    assert "kerfuffle" in found(lex2["loaded"], "A kerfuffle broke out.")
    assert "kerfuffle" not in found(base["loaded"], "A kerfuffle broke out.")  # base unchanged
    lex3 = lex2.without("loaded", ["kerfuffle"])
    assert found(lex3["loaded"], "A kerfuffle broke out.") == []
    lex4 = lex2.with_entries(
        "loaded",
        [
            {
                "term": "kerfuffle",
                "category": "emotive",
                "pos": "noun",
                "source": "kit",
                "alternatives": "disagreement",
            }
        ],
    )
    (e,) = [e for e in lex4["loaded"] if e.term == "kerfuffle"]
    assert e.alternatives == ("disagreement",)


def test_bundled_lexicons_load_and_every_row_has_a_source():
    lexicons = default_lexicons()
    for name in BUNDLED:
        assert len(lexicons[name]) > 0, name
        assert all(e.source for e in lexicons[name]), name


def test_multiword_noun_inflects_its_last_word_and_possessive():
    lexicon = lex(row("climate denier", pos="noun"), row("regime", pos="noun"))
    assert found(lexicon, "Climate deniers met. The regime's army left.") == [
        "Climate deniers",
        "regime's",
    ]


def test_possessive_word_class():
    lexicon = lex(row("claim", pos="noun", context="!prev=@POSS"))
    assert found(lexicon, "Putin's claim. A claim.") == ["claim"]


@pytest.mark.parametrize(
    "context, text, expected",
    [
        # the verb in its inflected forms, not the noun in its base form
        ("form=ed|ing", "She questioned the figures. It is a political question.", ["questioned"]),
        (
            "!form=base",
            "He maintains that he is innocent. They insure and maintain it.",
            ["maintains"],
        ),
    ],
    ids=["form-inflected-only", "form-not-base"],
)
def test_form_rule(context, text, expected):
    term = "question" if "question" in text else "maintain"
    assert found(lex(row(term, pos="verb", context=context)), text) == expected


def test_form_rule_rejects_unknown_forms():
    with pytest.raises(LexiconError, match="form takes base"):
        make_entry(row("question", pos="verb", context="form=past"), "<x>")
