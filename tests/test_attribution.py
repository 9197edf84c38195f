"""Attribution: a table of named phenomena, the reference-article acceptance, the voice table.

Each row of ``CASES`` is one sentence (or a few) and the attributions a careful reader finds in
it, written by reading the text: ``(kind, speaker name, verb text, source type)``.  Negative
rows expect nothing.  Many rows are in wire style (AP, Reuters) because held-out real news is
what the kit is measured on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import framing
from framing import attribution
from framing.lexicon import default_lexicons, load_lexicon
from framing.text import Document
from framing.types import KINDS, SOURCE_TYPES

U = "(unresolved)"
SPEAKERS_TSV = Path(framing.__file__).parent / "lexicons" / "speakers.tsv"

# (id, text, expected attributions in text order)
CASES = [
    # -- direct quotes: the frame after the quote ----------------------------------------------
    (
        "direct-quote-then-name-said",
        '"We will keep talking," Halvik said.',
        [("direct", "Halvik", "said", "named")],
    ),
    (
        "direct-inverted-said-name-appositive",
        "\u201cWe are not going to negotiate under pressure,\u201d said Jane Doe, a spokeswoman "
        "for the ministry.",
        [("direct", "Doe", "said", "named")],
    ),
    (
        "direct-curly-quotes-role-speaker",
        "\u201cWe will keep talking,\u201d the minister said.",
        [("direct", "the minister", "said", "official")],
    ),
    (
        "direct-british-single-quotes",
        "'We are ready,' the minister said.",
        [("direct", "the minister", "said", "official")],
    ),
    (
        "direct-appositive-between-name-and-verb",
        '"The talks are over," Oskar Brel, the foreign minister, said.',
        [("direct", "Brel", "said", "named")],
    ),
    (
        "direct-said-of",
        '"I want to keep the relationship," Trump said of Kim at one point.',
        [("direct", "Trump", "said", "named")],
    ),
    (
        "direct-told-reporters",
        '"There is no deal," Halvik told reporters on Thursday.',
        [("direct", "Halvik", "told", "named")],
    ),
    (
        "direct-title-stripped-from-name",
        '"The talks were productive," Foreign Minister Sergei Lavrov told reporters in Moscow.',
        [("direct", "Lavrov", "told", "named")],
    ),
    ("direct-question-frame", '"Why now?" she asked.', [("direct", U, "asked", "unresolved")]),
    # the tag after a quoted question stays in the quote's sentence; the next quote continues
    (
        "direct-question-frame-then-more",
        '"Why now?" she asked. "We waited for years."',
        [("direct", U, "asked", "unresolved"), ("continuation", U, None, "unresolved")],
    ),
    (
        "direct-anonymous-relative-clause",
        "\u201cThey wanted our money,\u201d a senior official who spoke on condition of anonymity "
        "told the Sentinel.",
        [("direct", "a senior official", "told", "anonymous")],
    ),
    (
        "direct-organization-speaker",
        '"We take these allegations seriously," the company said in a statement.',
        [("direct", "the company", "said", "organization")],
    ),
    # -- direct quotes: the frame before the quote ----------------------------------------------
    (
        "direct-frame-before-comma",
        'Ardani said, "We came to sign a fair agreement."',
        [("direct", "Ardani", "said", "named")],
    ),
    (
        "direct-frame-before-colon",
        'The premier told reporters: "Dastrava will not bargain."',
        [("direct", "The premier", "told", "official")],
    ),
    (
        "direct-asked-whether-then-said",
        "Asked whether he would run again, Biden said: \u201cI intend to run.\u201d",
        [("direct", "Biden", "said", "named")],
    ),
    # -- pronouns ---------------------------------------------------------------------------------
    (
        "pronoun-resolved-to-named-subject",
        'Premier Lusine Ardani left the palace at noon. "We leave with our heads high," she said.',
        [("direct", "Ardani", "said", "named")],
    ),
    ("pronoun-unresolved", '"This is not over," he said.', [("direct", U, "said", "unresolved")]),
    (
        "pronoun-resolved-to-previous-speaker",
        "Trump met Kim in Hanoi. While he said he had not committed to a third summit, Trump "
        "continued to tout the strength of their relationship.",
        [("indirect", "Trump", "said", "named"), ("indirect", "Trump", "tout", "named")],
    ),
    # -- continuation quotes --------------------------------------------------------------------
    (
        "continuation-next-sentence",
        '"This wasn\'t a walk away," Trump said. "The relationship was very warm."',
        [("direct", "Trump", "said", "named"), ("continuation", "Trump", None, "named")],
    ),
    (
        "continuation-next-paragraph",
        '"We came here ready to sign," Halvik said.\n"Our farmers need water every summer month."',
        [("direct", "Halvik", "said", "named"), ("continuation", "Halvik", None, "named")],
    ),
    (
        "continuation-interrupted-quote",
        '"We will come back," Brel said, "and next time we will stay for lunch."',
        [("direct", "Brel", "said", "named"), ("continuation", "Brel", None, "named")],
    ),
    (
        "continuation-of-unresolved-speaker",
        '"This is not over," he said. "We will appeal."',
        [("direct", U, "said", "unresolved"), ("continuation", U, None, "unresolved")],
    ),
    (
        "no-continuation-two-paragraphs-later",
        '"We will come back," Brel said.\nThe talks resumed in April.\nPrices rose after the '
        'summit.\n"The river belongs to all of us."',
        [("direct", "Brel", "said", "named")],
    ),
    (
        "multi-paragraph-quote-is-one-region",
        '"The first part of the statement goes on.\n"And the second paragraph ends it," she said.'
        "\nThe meeting closed.",
        [("direct", U, "said", "unresolved")],
    ),
    # -- partial quotes ---------------------------------------------------------------------------
    (
        "partial-describing-as",
        'Trump described his correspondence with Kim as "love letters."',
        [("partial", "Trump", "described", "named")],
    ),
    (
        "partial-participle-adding",
        '"We made a lot of progress," Trump said, adding that they have a "very special '
        'relationship."',
        [("direct", "Trump", "said", "named"), ("partial", "Trump", "adding", "named")],
    ),
    (
        "partial-said-fragment",
        'Marsh said the group "condemns all violence."',
        [("partial", "Marsh", "said", "named")],
    ),
    (
        "partial-characterized-as",
        'Trump even characterized their decision as "very warm."',
        [("partial", "Trump", "characterized", "named")],
    ),
    (
        "partial-called",
        'Mayor Josef Lindqvist called the violence "a disgrace."',
        [("partial", "Lindqvist", "called", "named")],
    ),
    (
        "partial-one-verb-for-nested-clause",
        'Halvik spoke after the talks. He added that Velmora had asked for inspectors because "a '
        'number on paper does not water a field."',
        [("partial", "Halvik", "added", "named")],
    ),
    (
        "partial-no-verb-known-speaker",
        '"We made progress," Trump said. He took Kim "at his word" on the matter.',
        [("direct", "Trump", "said", "named"), ("partial", "Trump", None, "named")],
    ),
    (
        "partial-dismissed-as-wire-style",
        "The minister dismissed the report as \u201cfake news.\u201d",
        [("partial", "The minister", "dismissed", "official")],
    ),
    # -- indirect speech and thought --------------------------------------------------------------
    (
        "indirect-said-that-with-adjunct",
        "German Chancellor Olaf Scholz said on Monday that Europe must do more to defend itself.",
        [("indirect", "Scholz", "said", "named")],
    ),
    (
        "indirect-cast-as",
        "Trump cast his decision to walk away as evidence of strength.",
        [("indirect", "Trump", "cast", "named")],
    ),
    (
        "indirect-cast-as-anonymous-officials",
        "It is an approach that senior administration officials have repeatedly cast as central "
        "to their strategy.",
        [("indirect", "senior administration officials", "cast", "anonymous")],
    ),
    (
        "indirect-negated-cognition",
        "US officials did not expect the summit to deliver a breakthrough.",
        [("indirect", "US officials", "expect", "anonymous")],
    ),
    (
        "indirect-asked-clause-demurred",
        "Asked whether he would insist on full denuclearization, Trump demurred.",
        [("indirect", "Trump", "demurred", "named")],
    ),
    (
        # the reporters' question is not the speaker's; the main clause after the comma is
        "indirect-when-asked-clause",
        "When asked about the talks, Halvik said nothing had changed.",
        [("indirect", "Halvik", "said", "named")],
    ),
    (
        "indirect-sentence-final-frame",
        "Talks ended two hours early, officials from both delegations said.",
        [("indirect", "officials from both delegations", "said", "anonymous")],
    ),
    (
        "indirect-organization-in-a-statement",
        "The company said in a statement that it would cut 1,200 jobs.",
        [("indirect", "The company", "said", "organization")],
    ),
    (
        "indirect-country-speaks-as-organization",
        "Russia said its forces had shot down 12 drones overnight.",
        [("indirect", "Russia", "said", "organization")],
    ),
    (
        "indirect-relative-clause-appositive",
        "Councillor Anton Feld, who chairs the committee, blamed the organisers for the violence.",
        [("indirect", "Feld", "blamed", "named")],
    ),
    (
        "indirect-coordinated-verbs",
        "Brandt acknowledged that the stadium would create jobs but said the city's share was too "
        "large.",
        [("indirect", "Brandt", "acknowledged", "named"), ("indirect", "Brandt", "said", "named")],
    ),
    (
        "indirect-participle-making-clear",
        "Trump spoke for an hour. He took pains to avoid a rift, making clear he still sees it as "
        "a building block.",
        [("indirect", "Trump", "making clear", "named")],
    ),
    (
        "indirect-people-familiar-with",
        "Two people familiar with the matter said the deal could be announced next week.",
        [("indirect", "Two people familiar with the matter", "said", "anonymous")],
    ),
    (
        "indirect-anonymity-appositive",
        "A senior U.S. official, speaking on condition of anonymity, said progress had been slow.",
        [("indirect", "A senior U.S. official", "said", "anonymous")],
    ),
    (
        "indirect-quoted-as-saying",
        "The agency quoted a senior official as saying the tests were successful.",
        [("indirect", "a senior official", "saying", "anonymous")],
    ),
    (
        "indirect-estimate-put-at",
        "Police put the crowd at about 2,000.",
        [("indirect", "Police", "put", "organization")],
    ),
    (
        "indirect-title-names-the-holder",
        "Premier Lusine Ardani met the envoy. As the Premier has always said, the river belongs "
        "to all.",
        [("indirect", "Ardani", "said", "named")],
    ),
    (
        "indirect-name-with-parenthesis",
        "Sen. Lindsey Graham (R-S.C.) said the bill was dead on arrival.",
        [("indirect", "Graham", "said", "named")],
    ),
    (
        "indirect-age-and-role-appositives",
        "Jones, 52, a former teacher, said she had lived in the town for 30 years.",
        [("indirect", "Jones", "said", "named")],
    ),
    (
        "indirect-spokesman-is-official",
        "A spokesman for the foreign ministry said officials might meet again in April.",
        [("indirect", "A spokesman for the foreign ministry", "said", "official")],
    ),
    (
        "indirect-white-house-organization",
        "The White House said the visit would go ahead.",
        [("indirect", "The White House", "said", "organization")],
    ),
    (
        "indirect-critics-say",
        "Critics say the law will hurt small businesses.",
        [("indirect", "Critics", "say", "anonymous")],
    ),
    # -- wire copy ---------------------------------------------------------------------------------
    (
        "wire-dateline-said-day-that",
        "WASHINGTON (AP) \u2014 President Joe Biden said Tuesday that the United States would "
        "send more air defense systems to Ukraine.",
        [("indirect", "Biden", "said", "named")],
    ),
    (
        "wire-dateline-sentence-final-frame",
        "LONDON (Reuters) - British inflation fell to 4.6% in October, the Office for National "
        "Statistics said on Wednesday.",
        [("indirect", "the Office for National Statistics", "said", "organization")],
    ),
    (
        "wire-zero-relative-clause",
        'Biden announced the package, a move Kremlin officials quickly denounced as "reckless."',
        [
            ("indirect", "Biden", "announced", "named"),
            ("partial", "Kremlin officials", "denounced", "anonymous"),
        ],
    ),
    (
        "wire-coordinated-verb-frames-partial",
        'Sen. Lindsey Graham praised the announcement but said it came "months too late."',
        [("indirect", "Graham", "praised", "named"), ("partial", "Graham", "said", "named")],
    ),
    (
        "wire-participle-after-non-speech-verb",
        "Ukrainian President Volodymyr Zelenskyy thanked Biden in a post, writing that the "
        'systems would "save thousands of lives."',
        [("partial", "Zelenskyy", "writing", "named")],
    ),
    (
        "wire-inverted-frame-then-continuation",
        '"It helps, but it is not a game changer," said Michael Kofman, a senior fellow at the '
        'Carnegie Endowment. "The real question is ammunition."',
        [("direct", "Kofman", "said", "named"), ("continuation", "Kofman", None, "named")],
    ),
    (
        "wire-relative-which-appositive-organization",
        "The Bank of England, which raised rates 14 times in a row, has signalled it will keep "
        "borrowing costs high.",
        [("indirect", "The Bank of England", "signalled", "organization")],
    ),
    (
        "wire-inverted-asked-after-question",
        '"Are we safe?" asked one resident.',
        [("direct", "one resident", "asked", "anonymous")],
    ),
    (
        "wire-addressee-skipped-before-clause",
        "Witnesses told the BBC they heard gunfire before dawn.",
        [("indirect", "Witnesses", "told", "anonymous")],
    ),
    (
        "wire-role-appositive-not-a-name",
        "The governor, a Republican, has repeatedly insisted that the state is safe.",
        [("indirect", "The governor", "insisted", "official")],
    ),
    (
        "wire-document-issued-by-organization",
        "The statement, issued by the foreign ministry, said the ambassador had been recalled.",
        [("indirect", "the foreign ministry", "said", "organization")],
    ),
    (
        "surname-first-name-linked",
        "Kim Jong Un said North Korea would expand its arsenal. Kim also warned the United "
        "States against provocations.",
        [("indirect", "Kim", "said", "named"), ("indirect", "Kim", "warned", "named")],
    ),
    (
        "surname-linking-full-name-then-surname",
        'Vladimir Putin spoke for an hour. "The West is to blame," Putin said.',
        [("direct", "Putin", "said", "named")],
    ),
    # -- according to -----------------------------------------------------------------------------
    (
        "according-to-anonymous-source",
        "According to a senior official who spoke on condition of anonymity, the talks collapsed "
        "over inspections.",
        [("according_to", "a senior official", "According to", "anonymous")],
    ),
    (
        "according-to-organization-at-end",
        "At least 40 people were killed, according to the Associated Press.",
        [("according_to", "the Associated Press", "according to", "organization")],
    ),
    (
        "according-to-document-by-organization",
        "Prices rose 3.2% in March, according to data released by the Commerce Department.",
        [("according_to", "the Commerce Department", "according to", "organization")],
    ),
    (
        "according-to-with-quote",
        'What followed, according to marchers interviewed by the Voice, was "a brutal crackdown."',
        [("according_to", "marchers interviewed by the Voice", "according to", "anonymous")],
    ),
    # -- nominal attributions ---------------------------------------------------------------------
    (
        "nominal-possessive-claim",
        "Trump accepted Vladimir Putin's claim that Russia did not meddle in the election.",
        [("nominal", "Putin", "claim", "named")],
    ),
    (
        "nominal-denial-title-stripped",
        "He accepted the Saudi Crown Prince Mohammad bin Salman's denial of involvement.",
        [("nominal", "Mohammad bin Salman", "denial", "named")],
    ),
    (
        # plural possessive: "officials'" is a word then an apostrophe token
        "nominal-plural-possessive",
        "The officials' claim that the dam is safe was disputed.",
        [("nominal", "The officials", "claim", "anonymous")],
    ),
    # -- not attributions -------------------------------------------------------------------------
    ("neg-according-to-schedule", "The launch went according to schedule.", []),
    ("neg-according-to-plan", "Everything went according to plan.", []),
    ("neg-insurance-claim-noun", "She filed an insurance claim after the fire.", []),
    ("neg-album-title-in-quotes", 'The band released the album "Northern Lights" in May.', []),
    ("neg-so-called-scare-quotes", 'The so-called "peace plan" was rejected.', []),
    ("neg-scare-quote-no-speaker", 'The dam is a "symbol" of national pride.', []),
    ("neg-chant-without-speaker", 'The crowd chanted "Stay, Herons, stay."', []),
    ("neg-cast-a-vote", "Voters cast their ballots in record numbers on Sunday.", []),
    ("neg-cast-members-noun", "The cast includes several newcomers.", []),
    ("neg-passive-expected", "The storm is expected to make landfall on Thursday.", []),
    ("neg-expected-to-announce", "The minister is expected to announce the budget next week.", []),
    ("neg-negated-speech-act", "Pryce has never said publicly where the team might move.", []),
    ("neg-declined-to-comment", "The White House declined to comment.", []),
    ("neg-evidential-subject", "Thursday's impasse suggested that the document was not ready.", []),
    ("neg-added-numbers", "Exports added 0.5 percentage points to growth.", []),
    ("neg-state-noun", "The state of emergency was declared on Friday.", []),
    ("neg-first-person-author", "I think the plan will fail.", []),
    ("neg-have-a-say", "Residents want a say in the plan.", []),
    ("neg-think-tank", "A think tank in Washington published the study.", []),
    ("neg-hypothetical-would-say", "Critics would say the plan is too costly.", []),
    ("neg-noted-the-time", "He noted the time and left the building.", []),
    ("neg-possessive-request-noun", "The regime ignored Velmora's requests for flow data.", []),
    ("neg-pressed-refused-to-answer", "Pressed by reporters, Halvik refused to answer.", []),
]


def _found(text: str) -> list[tuple]:
    out = attribution.find(Document(text), default_lexicons())
    return [
        (
            a.kind,
            a.speaker.name if a.speaker else None,
            a.verb.text if a.verb else None,
            a.source_type,
        )
        for a in out
    ]


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_phenomenon(text, expected):
    assert _found(text) == expected


def test_table_covers_every_kind_and_source_type():
    kinds = {e[0] for _, _, exp in CASES for e in exp}
    types = {e[3] for _, _, exp in CASES for e in exp}
    assert kinds == set(KINDS)
    assert types == set(SOURCE_TYPES) - {"none"}
    assert len(CASES) >= 50
    assert sum(1 for c in CASES if not c[2]) >= 15  # negatives beside positives


def test_anonymous_flag_follows_source_type():
    text = "A senior U.S. official, speaking on condition of anonymity, said talks had stalled."
    (a,) = attribution.find(Document(text), default_lexicons())
    assert a.anonymous and a.source_type == "anonymous"
    (b,) = attribution.find(Document("Russia said the talks had stalled."), default_lexicons())
    assert not b.anonymous


@pytest.mark.parametrize(
    "text",
    [
        '"We will keep talking," Halvik said. "Our farmers need water."',
        "Officials, speaking on condition of anonymity, said the deal was close.",
        "Vladimir Putin's claim that Russia did not meddle was accepted.",
        "At least 40 people were killed, according to the Associated Press.",
    ],
    ids=["direct-continuation", "indirect", "nominal", "according-to"],
)
def test_spans_round_trip(text):
    for a in attribution.find(Document(text), default_lexicons()):
        assert text[a.start : a.end] == a.text
        for part in (a.speaker, a.verb, a.quote):
            if part is not None:
                assert text[part.start : part.end] == part.text


def test_quote_span_is_inside_the_marks():
    text = '"We will keep talking," Halvik said.'
    (a,) = attribution.find(Document(text), default_lexicons())
    assert a.quote.text == "We will keep talking,"
    assert a.text == text[:-1]  # quote, marks and frame; not the final period


def test_indirect_reported_clause():
    text = "Kim had demanded total sanctions relief upfront, leaving the two sides at an impasse."
    (a,) = attribution.find(Document(text), default_lexicons())
    assert (a.kind, a.speaker.name, a.verb.lemma) == ("indirect", "Kim", "demand")
    assert a.quote.text == "total sanctions relief upfront"


def test_verb_class_comes_from_the_lexicon():
    text = '"It was great," Trump boasted. Trump said the talks went well.'
    classes = [a.verb.cls for a in attribution.find(Document(text), default_lexicons())]
    assert classes == ["evaluative", "neutral"]


# -- user lexicons -----------------------------------------------------------------------------
def test_user_speech_verb_is_used():
    text = "The senator harrumphed that the bill was a disgrace."
    assert _found(text) == []
    lex = default_lexicons().with_entries(
        "speech_verbs",
        [{"term": "harrumph", "category": "evaluative", "pos": "verb", "source": "kit"}],
    )
    (a,) = attribution.find(Document(text), lex)
    assert (a.kind, a.speaker.name, a.verb.cls) == ("indirect", "The senator", "evaluative")


def test_user_speaker_vocabulary_replaces_the_bundled_one():
    text = "The ombudsman said the complaint had been upheld."
    assert _found(text) == []
    bundled = load_lexicon(SPEAKERS_TSV)
    lex = (
        default_lexicons()
        .with_entries("speakers", bundled.entries)
        .with_entries(
            "speakers",
            [{"term": "ombudsman", "category": "office", "pos": "noun", "source": "kit"}],
        )
    )
    (a,) = attribution.find(Document(text), lex)
    assert (a.speaker.name, a.source_type) == ("The ombudsman", "official")


def test_lexicon_files_load_with_the_shared_loader():
    verbs = default_lexicons()["speech_verbs"]
    assert len(verbs) >= 100
    assert {e.category for e in verbs} == {"neutral", "evaluative", "cognition"}
    assert all(e.source for e in verbs)
    speakers = load_lexicon(SPEAKERS_TSV)
    cats = {e.category for e in speakers}
    assert {"office", "person", "organization", "anonymity", "title"} <= cats


@pytest.mark.parametrize(
    "surface,lemma",
    [
        ("said", "say"),
        ("told", "tell"),
        ("wrote", "write"),
        ("thought", "think"),
        ("quipped", "quip"),
        ("demurred", "demur"),
        ("casting", "cast"),
        ("denies", "deny"),
    ],
    ids=lambda x: x,
)
def test_speech_verb_inflections(surface, lemma):
    lex = default_lexicons()["speech_verbs"]
    hits = lex.find(Document(f"Officials {surface} the plan as late."))
    assert [h.entry.term for h in hits] == [lemma]


# -- the reference article (acceptance) --------------------------------------------------------
def test_reference_every_direct_quote_is_trumps(reference_analysis):
    quotes = [a for a in reference_analysis.attributions if a.kind in ("direct", "continuation")]
    assert len(quotes) == 8  # eight quoted sentences, read off the article
    assert {a.speaker.name for a in quotes} == {"Trump"}
    assert [a.kind for a in quotes].count("continuation") == 3
    first_words = [a.quote.text.split()[0] for a in quotes]
    assert first_words == ["We", "I", "This", "The", "Sometimes", "They", "I", "But,"]


def test_reference_evaluative_verbs_with_trump(reference_analysis):
    by_verb: dict[str, list[str]] = {}
    for a in reference_analysis.attributions:
        if a.verb is not None:
            by_verb.setdefault(a.verb.text, []).append(a.speaker.name)
    assert by_verb["cast"].count("Trump") == 3
    for verb in ("tout", "characterized", "adding", "describing", "demurred"):
        assert by_verb[verb] == ["Trump"], verb
    said = [
        a
        for a in reference_analysis.attributions
        if a.kind == "indirect" and a.verb and a.verb.text == "said"
    ]
    assert [(a.speaker.name, a.quote.text) for a in said] == [
        ("Trump", "he had not committed to a third summit")
    ]


def test_reference_officials_are_an_anonymous_source(reference_analysis):
    (a,) = [
        a
        for a in reference_analysis.attributions
        if a.speaker and a.speaker.name == "senior Trump administration officials"
    ]
    assert (a.verb.text, a.source_type, a.anonymous) == ("cast", "anonymous", True)


def test_reference_scare_quote_is_not_attributed(reference_analysis):
    quoted = {(a.quote.start, a.quote.end) for a in reference_analysis.attributions if a.quote}
    step = [q for q in reference_analysis.quotes if q.text == "step-by-step"]
    assert step and (step[0].start, step[0].end) not in quoted


def test_reference_voice_table(reference_analysis):
    s = attribution.summarize(reference_analysis)
    top = s["voice"][0]
    assert top["speaker"] == "Trump"
    assert top["share_of_quoted_words"] == 1.0
    assert top["quoted_words"] == s["quoted_words"] > 100
    assert top["verbs"]["cast"] == 3
    assert 0 < top["evaluative_share"] < 1
    assert "Kim" in s["mentioned_not_quoted"]
    assert "Trump" not in s["mentioned_not_quoted"]
    assert s["anonymous_share"] > 0
    assert s["unattributed_quotes"] == 1  # "step-by-step"


def test_reference_spans_round_trip(reference_text, reference_analysis):
    for a in reference_analysis.attributions:
        assert reference_text[a.start : a.end] == a.text
        for part in (a.speaker, a.verb, a.quote):
            if part is not None:
                assert reference_text[part.start : part.end] == part.text


# -- the voice table ---------------------------------------------------------------------------
VOICES = (
    '"We came to sign," Halvik said. "They did not." Ardani said the text was agreed. '
    "Officials said the talks were over. Celia Montclair hosted the talks."
)


def test_voice_table_counts_and_shares():
    s = framing.analyze(VOICES).summary()["attribution"]
    rows = {r["speaker"]: r for r in s["voice"]}
    assert rows["Halvik"]["quotes"] == 2
    assert rows["Halvik"]["share_of_quoted_words"] == 1.0
    assert rows["Ardani"]["quotes"] == 0 and rows["Ardani"]["verbs"] == {"say": 1}
    assert s["by_kind"] == {"direct": 1, "continuation": 1, "indirect": 2}
    assert s["anonymous_share"] == 0.25
    assert s["mentioned_not_quoted"] == ["Ardani", "Montclair"]


def test_voice_table_of_a_text_without_attributions():
    s = framing.analyze("The council approved the budget on Tuesday.").summary()["attribution"]
    assert s["attributions"] == 0 and s["voice"] == [] and s["anonymous_share"] == 0.0


# -- what the method cannot see (docs/attribution-limits.md pins these) -------------------------
BLIND_SPOTS = [
    ("paraphrase-without-verb", "Ardani wants the river for herself.", []),
    ("speech-verb-not-in-lexicon", '"Not a chance," Smith chuckled.', []),
    (
        "unnamed-subject-not-a-pronoun-candidate",
        'The president thanked Kim. "He has been very good to me," he said.',
        [("direct", U, "said", "unresolved")],
    ),
    (
        "organization-without-head-noun-read-as-person",
        "Fair Fares Now said the march was peaceful.",
        [("indirect", "Now", "said", "named")],
    ),
    (
        "title-after-speech-verb-is-a-partial-quote",
        'She praised "Northern Lights" as a masterpiece.',
        [("partial", U, "praised", "unresolved")],
    ),
    (
        "authors-scare-quotes-credited-to-the-subject",
        'Officials described the "peace plan" as dead.',
        [("partial", "Officials", "described", "anonymous")],
    ),
    (
        "quote-inside-quote-stays-with-the-outer-speaker",
        "\"He told us he wanted 'a real agreement,' but we had one,\" Brel said.",
        [("direct", "Brel", "said", "named")],
    ),
    (
        "verb-class-from-the-lexicon",
        "Officials warned that the dam could fail.",
        [("indirect", "Officials", "warned", "anonymous")],
    ),
]


@pytest.mark.parametrize(
    "text,expected", [c[1:] for c in BLIND_SPOTS], ids=[c[0] for c in BLIND_SPOTS]
)
def test_documented_blind_spot(text, expected):
    assert _found(text) == expected


def test_documented_blind_spot_reported_clause_ends_at_a_comma():
    text = "Officials said that if talks fail, sanctions will return."
    (a,) = attribution.find(Document(text), default_lexicons())
    assert a.quote.text == "if talks fail"


def test_documented_blind_spot_single_name_not_listed_as_mentioned():
    s = framing.analyze("Quillan left early, and the talks ended.").summary()["attribution"]
    assert s["mentioned_not_quoted"] == []


def test_documented_blind_spot_kims_account_without_a_verb(reference_analysis):
    at_his_word = [
        a for a in reference_analysis.attributions if a.quote and a.quote.text == "at his word"
    ]
    assert [(a.kind, a.speaker.name, a.verb) for a in at_his_word] == [("partial", "Trump", None)]
    assert not any(
        a.speaker.name == "Kim" and a.quote and "did not know" in a.quote.text
        for a in reference_analysis.attributions
    )
