"""framing.loaded: loaded terms, their context rules, voice, summary and reframe.

Each table holds one sentence per row, named after the phenomenon it tests, with the
contrastive neutral sentence right beside its loaded twin ("slammed the plan" next to
"slammed the door").  Expected spans were written by reading each sentence.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

import framing
from framing import loaded
from framing.lexicon import default_lexicons
from framing.text import Document
from framing.types import Match

LOADED_CATEGORIES = set(loaded.CATEGORIES) - {"speech-verb"}


def found(text: str) -> list[str]:
    return [m.text for m in loaded.find(Document(text), default_lexicons())]


def matches(text: str) -> list[Match]:
    return loaded.find(Document(text), default_lexicons())


# fmt: off
CASES = [
    # -- the contrast pair ----------------------------------------------------------
    pytest.param("Police cleared the square.", [], id="police-cleared-neutral"),
    pytest.param("Riot police brutally crushed the peaceful vigil.", ["brutally", "crushed"],
                 id="brutally-crushed"),
    # -- regime: a government vs a set of rules ---------------------------------------------
    pytest.param("The regime jailed three journalists.", ["regime"], id="regime-government"),
    pytest.param("The new tax regime takes effect in April.", [], id="regime-tax"),
    pytest.param("Her treatment regime lasts six weeks.", [], id="regime-treatment"),
    pytest.param("The sanctions regime was extended for a year.", [], id="regime-sanctions"),
    pytest.param("The regime's foreign minister arrived.", ["regime's"], id="regime-possessive"),
    pytest.param("Repressive regimes jail reporters.", ["Repressive", "regimes"],
                 id="repressive-regimes-two-items"),
    # -- crushed: defeat vs physical force ---------------------------------------------------
    pytest.param("Troops crushed the uprising within days.", ["crushed"], id="crushed-uprising"),
    pytest.param("A man was crushed under the rubble of his home.", [], id="crushed-physical"),
    pytest.param("Two fans were crushed to death at the gate.", [], id="crushed-to-death"),
    pytest.param("Add a cup of crushed ice.", [], id="crushed-ice"),
    # -- slammed: criticism vs the door, the wall, the weather -------------------------------
    pytest.param("Critics slammed the decision.", ["slammed"], id="slammed-criticism"),
    pytest.param("He slammed the door and left.", [], id="slammed-the-door"),
    pytest.param("The truck slammed into a wall.", [], id="slammed-into"),
    pytest.param("A storm slammed the coast overnight.", [], id="slammed-storm"),
    # -- attack: rhetoric vs armed attack and heart attack -----------------------------------
    pytest.param("The senator attacked the plan in a speech.", ["attacked"],
                 id="attacked-rhetoric"),
    pytest.param("Militants attacked a police checkpoint, killing two officers.", [],
                 id="attacked-military"),
    pytest.param("He died of a heart attack on Sunday.", [], id="attack-heart"),
    pytest.param("It was a clear attack on the country's sovereignty.", ["attack"],
                 id="attack-on-sovereignty"),
    # -- failure: a verdict vs an organ or a machine ------------------------------------------
    pytest.param("Critics called the summit a total failure.", ["failure"],
                 id="failure-verdict"),
    pytest.param("The patient died of heart failure.", [], id="failure-heart"),
    pytest.param("The outage was caused by a power failure.", [], id="failure-power"),
    pytest.param("The failure to reach a deal surprised no one.", [], id="failure-to-fact"),
    # -- disaster: a verdict vs a natural disaster --------------------------------------------
    pytest.param("The launch was a disaster for the company.", ["disaster"],
                 id="disaster-verdict"),
    pytest.param("Disaster relief reached the flooded towns.", [], id="disaster-relief"),
    # -- blast, exposed, admitted, revealed: their literal senses ----------------------------
    pytest.param("The opposition blasted the budget.", ["blasted"], id="blasted-criticism"),
    pytest.param("A blast at the factory killed four workers.", [], id="blast-explosion"),
    pytest.param("The report exposed years of abuse at the agency.", ["exposed"],
                 id="exposed-factive"),
    pytest.param("Workers were exposed to asbestos for years.", [], id="exposed-to-asbestos"),
    pytest.param("The minister admitted the figures were wrong.", ["admitted"],
                 id="admitted-confession"),
    pytest.param("She was admitted to hospital on Friday.", [], id="admitted-hospital"),
    pytest.param("The documents revealed the payments.", ["revealed"], id="revealed-factive"),
    pytest.param("She wore a revealing dress.", [], id="revealing-dress"),
    # -- labels with a neutral homograph ------------------------------------------------------
    pytest.param("A mob surrounded the courthouse.", ["mob"], id="mob-crowd"),
    pytest.param("The mob boss was sentenced to life.", [], id="mob-boss"),
    pytest.param("Radical activists blocked the road.", ["Radical"], id="radical-label"),
    pytest.param("The plan calls for radical changes to the code.", [], id="radical-change"),
    pytest.param("Antioxidants bind free radicals.", [], id="free-radicals"),
    pytest.param("A fringe group organised the march.", ["fringe"], id="fringe-label"),
    pytest.param("Staff receive fringe benefits.", [], id="fringe-benefits"),
    pytest.param("The party has become a cult.", ["cult"], id="cult-label"),
    pytest.param("The film has a cult following.", [], id="cult-following"),
    pytest.param("The bill would grant amnesty to undocumented immigrants.", ["amnesty"],
                 id="amnesty-immigration"),
    pytest.param("Amnesty International published a report.", [], id="Amnesty-International"),
    pytest.param("The leaflet spoke of an invasion of migrants.", ["invasion"],
                 id="invasion-migrants"),
    pytest.param("The invasion of the island began in 1944.", [], id="invasion-military"),
    pytest.param("He spoke of a rigged election.", ["rigged"], id="rigged-election"),
    pytest.param("The car was rigged with explosives.", [], id="rigged-explosives"),
    pytest.param("The woke agenda dominated the debate.", ["woke"], id="woke-label"),
    pytest.param("She woke up early.", [], id="woke-up"),
    # -- adjectives that are loaded only before some nouns ------------------------------------
    pytest.param("The plan drew harsh criticism.", ["harsh"], id="harsh-criticism"),
    pytest.param("Harsh weather delayed the harvest.", [], id="harsh-weather"),
    pytest.param("The firms are locked in a bitter dispute.", ["bitter"], id="bitter-dispute"),
    pytest.param("The medicine has a bitter taste.", [], id="bitter-taste"),
    pytest.param("Riders protested a steep fare hike.", ["steep", "hike"], id="steep-fare-hike"),
    pytest.param("The road climbs a steep hill.", [], id="steep-hill"),
    pytest.param("They went on a hike in the hills.", [], id="hike-walk"),
    pytest.param("The toxic rhetoric of the campaign alarmed voters.", ["toxic"],
                 id="toxic-rhetoric"),
    pytest.param("Toxic chemicals leaked into the river.", [], id="toxic-chemicals"),
    pytest.param("She gave an outstanding performance.", ["outstanding"],
                 id="outstanding-praise"),
    pytest.param("The firm has $3 million in outstanding debt.", [], id="outstanding-debt"),
    pytest.param("It was a historic summit.", ["historic"], id="historic-hype"),
    pytest.param("The historic district attracts tourists.", [], id="historic-district"),
    pytest.param("The bloody crackdown left dozens dead.", ["bloody", "crackdown"],
                 id="bloody-crackdown"),
    pytest.param("Bloody Sunday is remembered every year.", [], id="Bloody-Sunday"),
    pytest.param("The company made a generous offer.", ["generous"], id="generous-offer"),
    # -- verbs: metaphor vs literal sense -----------------------------------------------------
    pytest.param("The committee shot down the proposal.", ["shot down"], id="shot-down-reject"),
    pytest.param("The army shot down a drone.", [], id="shot-down-drone"),
    pytest.param("The scandal could derail the talks.", ["derail"], id="derail-talks"),
    pytest.param("A freight train derailed near the station.", [], id="derail-train"),
    pytest.param("The senator tried to torpedo the bill.", ["torpedo"], id="torpedo-bill"),
    pytest.param("The submarine fired a torpedo.", [], id="torpedo-weapon"),
    pytest.param("The company slashed prices.", ["slashed"], id="slashed-prices"),
    pytest.param("He was slashed with a knife.", [], id="slashed-knife"),
    pytest.param("The bill would gut the agency.", ["gut"], id="gut-agency"),
    pytest.param("Trust your gut feeling.", [], id="gut-feeling"),
    pytest.param("Police turned on the crowd.", ["turned on"], id="turned-on-crowd"),
    pytest.param("She turned on the lights.", [], id="turned-on-lights"),
    pytest.param("Prices soared after the ban.", ["soared"], id="soared-prices"),
    pytest.param("Eagles soared over the valley.", [], id="soared-birds"),
    pytest.param("The party was rocked by scandal.", ["rocked"], id="rocked-scandal"),
    pytest.param("A magnitude 6 earthquake rocked the city.", [], id="rocked-earthquake"),
    pytest.param("The shutdown paralyzed the government.", ["paralyzed"],
                 id="paralyzed-government"),
    pytest.param("He was paralyzed after the accident.", [], id="paralyzed-medical"),
    pytest.param("The airline is hemorrhaging cash.", ["hemorrhaging"],
                 id="hemorrhaging-cash"),
    pytest.param("The patient suffered a brain hemorrhage.", [], id="hemorrhage-medical"),
    pytest.param("A diplomatic spat erupted.", ["spat"], id="spat-noun"),
    pytest.param("He spat on the ground.", [], id="spat-past-of-spit"),
    pytest.param("Cracks appeared in the coalition.", ["Cracks"], id="cracks-metaphor"),
    pytest.param("Cracks appeared in the bridge after the quake.", [], id="cracks-physical"),
    pytest.param("The ruling washed the firm of responsibility.", ["washed"],
                 id="washing-of-responsibility"),
    pytest.param("She washed the dishes.", [], id="washed-dishes"),
    pytest.param("The minister came under fire from critics.", ["under fire"],
                 id="under-fire-criticism"),
    pytest.param("The convoy came under fire near the border.", [], id="under-fire-military"),
    pytest.param("A flood of complaints followed.", ["flood of"], id="flood-of-metaphor"),
    pytest.param("The flood damaged homes.", [], id="flood-literal"),
    pytest.param("He faced a barrage of criticism.", ["barrage of"], id="barrage-criticism"),
    pytest.param("A barrage of rockets hit the town.", [], id="barrage-rockets"),
    pytest.param("The senator passed away on Monday.", ["passed away"], id="passed-away"),
    pytest.param("The Senate passed the bill.", [], id="passed-the-bill"),
    # -- inflections, hyphens, multiwords -----------------------------------------------------
    pytest.param("Trump was lavishing Kim with praise.", ["lavishing"], id="lavish-verb-ing"),
    pytest.param("They threw a lavish party.", ["lavish"], id="lavish-adjective"),
    pytest.param("She tantalized voters with tax cuts.", ["tantalized"], id="tantalize-ed"),
    pytest.param("The ad tantalises buyers.", ["tantalises"], id="tantalise-british"),
    pytest.param("He lambasts the press daily.", ["lambasts"], id="lambast-form"),
    pytest.param("They were slamming the deal.", ["slamming"], id="slam-doubling"),
    pytest.param("He glosses over the deficit.", ["glosses over"], id="gloss-over-3sg"),
    pytest.param("She drew a line in the sand on tariffs.", ["drew a line in the sand"],
                 id="drew-a-line-in-the-sand"),
    pytest.param("He has drawn a line in the sand.", ["drawn a line in the sand"],
                 id="drawn-a-line-in-the-sand"),
    pytest.param("The much ballyhooed summit ended.", ["much ballyhooed"],
                 id="hyphen-as-space"),
    pytest.param("He was overeager to sign.", ["overeager"], id="over-eager-closed"),
    pytest.param("It is personality-driven diplomacy.", ["personality-driven"],
                 id="personality-driven"),
    pytest.param("It is a high-stakes effort.", ["high-stakes"], id="high-stakes"),
    pytest.param("THE REGIME FELL.", ["REGIME"], id="case-insensitive"),
    pytest.param("The so-called experts disagreed.", ["so-called"], id="so-called"),
    pytest.param("The supposed benefits never came.", ["supposed"], id="supposed-skeptic"),
    pytest.param("Talks are supposed to resume.", [], id="supposed-to-obligation"),
    # -- euphemism and partisan vocabulary ----------------------------------------------------
    pytest.param("The strike caused collateral damage.", ["collateral damage"],
                 id="euphemism-collateral-damage"),
    pytest.param("The death tax hits family farms.", ["death tax"], id="partisan-death-tax"),
    pytest.param("The estate tax hits family farms.", [], id="neutral-estate-tax"),
    pytest.param("Thugs beat the reporter.", ["Thugs"], id="label-thugs"),
    # -- speech verbs whose base form is a noun or another sense (form rule) ------------------
    pytest.param("Critics questioned the figures.", ["questioned"], id="speech-questioned"),
    pytest.param("That is a political question.", [], id="noun-question"),
    pytest.param("What we saw was not protest.", [], id="noun-protest"),
    pytest.param("Residents protested that the fares were unfair.", ["protested"],
                 id="speech-protested-that"),
    pytest.param("The city must insure and maintain it.", [], id="upkeep-maintain"),
    pytest.param("He maintains that he is innocent.", ["maintains"], id="speech-maintains-that"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CASES)
def test_loaded_terms(text, expected):
    assert found(text) == expected


# Plain news sentences: the neutral vocabulary of news flags nothing.
NEUTRAL_NEWS = [
    "The council approved the budget on Tuesday.",
    "Officials said the meeting would resume on Friday.",
    "The government announced new figures on unemployment.",
    "Parliament passed the bill by 312 votes to 250.",
    "Police arrested two men after the match.",
    "The central bank raised interest rates by a quarter point.",
    "Talks between the two delegations ended without an agreement.",
    "The company reported a profit of $2 billion for the quarter.",
    "Rescue teams searched the rubble for survivors.",
    "The storm knocked out power to 40,000 homes.",
    "The minister told reporters the tariffs would stay in place.",
    "Voters in the district will elect a new mayor in May.",
    "The court ruled that the law was constitutional.",
    "Troops withdrew from the town on Sunday.",
    "Exports fell 3 percent in March, the ministry said.",
    "The president met the prime minister at the White House.",
    "The agency cancelled the contract after an audit.",
    "The two sides signed a trade agreement in Hanoi.",
    "Firefighters contained the blaze by evening.",
    "The patient was treated for kidney failure.",
]


@pytest.mark.parametrize("text", NEUTRAL_NEWS, ids=[f"neutral-{i:02d}" for i in range(20)])
def test_neutral_news_flags_nothing(text):
    assert found(text) == []


# -- voice -----------------------------------------------------------------------------------
# fmt: off
VOICE = [
    pytest.param('Trump called it "a fantastic deal."', [("fantastic", True)],
                 id="quoted-speaker-word"),
    pytest.param('Critics slammed the "historic" deal.', [("slammed", False), ("historic", True)],
                 id="author-verb-scare-quoted-adjective"),
    pytest.param("The regime's envoy left.", [("regime's", False)], id="author-voice"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", VOICE)
def test_voice(text, expected):
    assert [(m.text, m.in_quote) for m in matches(text)] == expected


# -- the match record ------------------------------------------------------------------------
def test_match_fields_come_from_the_lexicon_row():
    (m,) = matches("Critics lambasted the plan.")
    assert (m.metric, m.term, m.category, m.polarity) == (
        "loaded",
        "lambaste",
        "conflict-verb",
        "negative",
    )
    assert m.strength == 3 and m.alternatives[0] == "criticize" and m.source


def test_evaluative_speech_verb_reported_as_speech_verb():
    (m,) = matches("He touted the deal.")
    assert (m.text, m.category, m.term) == ("touted", "speech-verb", "tout")


def test_loaded_row_decides_a_word_it_shares_with_the_speech_verbs():
    # 'admit' is in both lexicons: reported once, with the loaded row's category.
    assert [(m.text, m.category) for m in matches("He admitted the error.")] == [
        ("admitted", "factive")
    ]
    assert matches("She was admitted to hospital.") == []


def test_spans_round_trip_and_are_sorted(reference_text):
    ms = matches(reference_text)
    assert ms == sorted(ms, key=lambda m: (m.start, m.end))
    assert all(reference_text[m.start : m.end] == m.text for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))  # no overlaps


def test_user_rows_and_removals_apply():
    lex = default_lexicons().with_entries(
        "loaded", [{"term": "kerfuffle", "category": "emotive", "pos": "noun", "source": "kit"}]
    )
    assert [m.text for m in loaded.find(Document("A kerfuffle ensued."), lex)] == ["kerfuffle"]
    lex = default_lexicons().without("loaded", ["regime"])
    assert loaded.find(Document("The regime fell."), lex) == []


# -- the reference article (issue 5 acceptance) -----------------------------------------------
AUTHOR_TERMS = [
    "much-ballyhooed",
    "stinging",
    "abrupt",
    "lavishing",
    "unprompted",
    "accolades",
    "tantalized",
    "tout",
    "glossed over",
    "repressive",
    "over-eager",
    "personality-driven",
]


@pytest.mark.parametrize("word", AUTHOR_TERMS)
def test_reference_author_voice_terms(reference_analysis, word):
    text = reference_analysis.text
    at = [m.start() for m in re.finditer(re.escape(word), text)]
    assert at, word
    hits = [
        m
        for m in reference_analysis.loaded_terms
        if any(m.start <= s < m.end or s <= m.start < s + len(word) for s in at)
    ]
    assert hits and all(not m.in_quote for m in hits)


def test_reference_love_letters_is_trumps_not_the_authors(reference_analysis):
    love = [m for m in reference_analysis.loaded_terms if m.text == "love letters"]
    assert love and all(m.in_quote for m in love)
    s = loaded.summarize(reference_analysis)
    assert "love letter" not in s["by_voice"]["author"]["terms"]
    assert s["by_voice"]["quoted"]["terms"].get("love letter") == 1


def test_reference_reframe_changes_only_author_voice(reference_analysis):
    r = reference_analysis.reframe()
    text = reference_analysis.text
    quotes = [(q.open_at, q.close_at or q.end) for q in reference_analysis.quotes]
    for c in r.changes:
        assert text[c["start"] : c["end"]] == c["original"]
        assert r.text[c["new_start"] : c["new_end"]] == c["replacement"]
        assert not any(c["start"] <= e and s < c["end"] for s, e in quotes)
    for q in reference_analysis.quotes:
        assert q.text in r.text
    assert r.text.count('"') == text.count('"')
    changed = {c["original"] for c in r.changes}
    assert {"lavishing", "much-ballyhooed", "glossed over"} <= changed
    assert "love letters" in r.text


def test_reference_reframe_rebuilds_from_changes(reference_analysis):
    r = reference_analysis.reframe()
    text, out, at = reference_analysis.text, [], 0
    for c in r.changes:
        out += [text[at : c["start"]], c["replacement"]]
        at = c["end"]
    assert "".join(out) + text[at:] == r.text


# -- reframe: inflection, capitals, articles, omission, quotes -------------------------------
# fmt: off
REFRAME = [
    pytest.param("Critics slammed the plan.", "Critics criticized the plan.", id="past-tense"),
    pytest.param("They were slamming the deal.", "They were criticizing the deal.", id="ing"),
    pytest.param("He lambasts the press.", "He criticizes the press.", id="third-person"),
    pytest.param("Trump was lavishing Kim with praise.", "Trump was giving Kim with praise.",
                 id="lavishing-giving"),
    pytest.param("The regimes fell.", "The governments fell.", id="plural-noun"),
    pytest.param("The regime's envoy left.", "The government's envoy left.", id="possessive"),
    pytest.param("He glossed over the deficit.", "He omitted the deficit.",
                 id="multiword-verb-doubling"),
    pytest.param("He has drawn a line in the sand.", "He has set a limit.",
                 id="irregular-participle"),
    pytest.param("Brutal cuts followed.", "Harsh cuts followed.", id="capital-kept"),
    pytest.param("It was an egregious error.", "It was a serious error.", id="an-to-a"),
    pytest.param("It was a break-the-mold idea.", "It was an unconventional idea.", id="a-to-an"),
    pytest.param("The so-called reforms stalled.", "The reforms stalled.", id="omit"),
    pytest.param("So-called reforms stalled.", "Reforms stalled.", id="omit-sentence-start"),
    pytest.param('He slammed the "disastrous" plan.', 'He criticized the "disastrous" plan.',
                 id="quote-untouched"),
    pytest.param("The talks resumed.", "The talks resumed.", id="nothing-to-change"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", REFRAME)
def test_reframe(text, expected):
    assert framing.analyze(text).reframe().text == expected


def test_reframed_is_frozen():
    r = framing.analyze("Critics slammed the plan.").reframe()
    with pytest.raises(AttributeError):
        r.text = "x"  # type: ignore[misc]
    assert r.changes == [
        {
            "start": 8,
            "end": 15,
            "original": "slammed",
            "replacement": "criticized",
            "term": "slam",
            "category": "conflict-verb",
            "new_start": 8,
            "new_end": 18,
        }
    ]


# -- summary ---------------------------------------------------------------------------------
def test_summary_separates_voices_with_densities():
    a = framing.analyze('The regime slammed the talks. "A fantastic, historic deal," he said.')
    s = loaded.summarize(a)
    author, quoted = s["by_voice"]["author"], s["by_voice"]["quoted"]
    assert (s["author"], s["quoted"]) == (2, 2)
    assert author["by_category"] == {"conflict-verb": 1, "label": 1}
    assert quoted["by_category"] == {"exaggeration": 1, "flattery": 1}
    assert author["polarity"] == {"negative": 2, "positive": 0, "neutral": 0}
    assert author["polarity_balance"] == -1.0
    assert quoted["polarity_balance"] == 1.0  # 'fantastic' positive, 'historic' neutral
    assert s["author_per_1000"] == round(1000 * 2 / author["words"], 2)
    assert author["per_1000_by_category"]["label"] == round(1000 / author["words"], 2)


def test_summary_of_a_text_without_loaded_terms():
    s = loaded.summarize(framing.analyze("The talks resumed on Monday."))
    assert s["author"] == s["quoted"] == 0
    assert s["by_voice"]["author"]["polarity_balance"] == 0.0
    assert s["by_voice"]["quoted"]["per_1000"] == 0.0


# -- the lexicon -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rows():
    return default_lexicons()["loaded"].entries


def test_lexicon_size_alternatives_and_sources(rows):
    assert len(rows) >= 800
    assert sum(bool(e.alternatives) for e in rows) / len(rows) >= 0.8
    assert all(e.source for e in rows)
    assert {e.category for e in rows} <= LOADED_CATEGORIES
    assert all(e.polarity in ("negative", "positive", "neutral") for e in rows)


def test_lexicon_covers_every_category(rows):
    counts = Counter(e.category for e in rows)
    assert all(counts[c] >= 30 for c in LOADED_CATEGORIES), counts


def test_alternatives_are_not_the_headword(rows):
    assert [e.term for e in rows if e.term in e.alternatives] == []


def test_reframe_never_swaps_in_an_equally_loaded_word(rows):
    lex = default_lexicons()["loaded"]
    worse = []
    for e in rows:
        if e.alternatives and e.alternatives[0] != loaded.OMIT:
            doc = Document(f"They said it was {e.alternatives[0]} there.")
            worse += [(e.term, h.text) for h in lex.find(doc) if h.entry.strength >= e.strength]
    assert worse == []


@pytest.mark.parametrize(
    "word",
    ["government", "passed", "figures", "said", "officials", "announced", "meeting", "police"],
)
def test_neutral_news_vocabulary_is_not_a_loaded_term(word):
    assert found(f"The {word} was there.") == []


# -- documented blind spots (docs/loaded-limits.md) ------------------------------------------
# fmt: off
LIMITS = [
    pytest.param("Police cleared the square.", [], id="framing-without-loaded-words"),
    pytest.param("Rioters and protesters gathered.", [("Rioters", False)],
                 id="one-side-of-a-pair"),
    pytest.param("Freedom fighters attacked the base.", [("Freedom fighters", False)],
                 id="label-freedom-fighters"),
    pytest.param("Terrorists attacked the base.", [], id="terrorists-unmarked"),
    pytest.param("Militants attacked the base.", [], id="militants-unmarked"),
    pytest.param("The boulder that rolled down the hillside in the night crushed a tent.",
                 [("crushed", False)], id="context-beyond-the-window"),
    pytest.param("It was not a disaster.", [("disaster", False)], id="negation-unseen"),
    pytest.param('The regime held "free" elections.', [("regime", False)],
                 id="scare-quotes-unseen"),
    pytest.param("The giveaway, as Brandt called it, passed.", [("giveaway", False)],
                 id="borrowed-word-counts-as-author"),
    pytest.param("The minister even attended the gala.", [], id="expectation-words-unseen"),
    pytest.param("Crusade against waste begins.", [], id="lower-rule-misses-capital"),
    pytest.param("The crusade against waste begins.", [("crusade", False)],
                 id="lower-rule-lowercase"),
    pytest.param("He washed his hands of the affair.", [], id="idiom-with-a-gap"),
    pytest.param("Shots were fired at the crowd.", [], id="agentless-passive"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", LIMITS)
def test_documented_blind_spot(text, expected):
    assert [(m.text, m.in_quote) for m in matches(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "Trump was lavishing Kim with unprompted accolades.",
            "Trump was giving Kim with unsolicited compliments.",
            id="ungrammatical-swap",
        ),
        pytest.param("It was not a disaster.", "It was not a failure.", id="denial-survives"),
        pytest.param(
            "The talks were a stinging setback.",
            "The talks were a significant setback.",
            id="milder-not-neutral",
        ),
    ],
)
def test_documented_reframe(text, expected):
    assert framing.analyze(text).reframe().text == expected
