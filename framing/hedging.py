"""Hedges and boosters: how strongly the author, and each quoted speaker, commit to a claim.

``find`` matches the ``hedges`` and ``boosters`` lexicons (``framing/lexicons/*.tsv``, whose
context rules do most of the disambiguation) and then applies the logic the rule language
cannot express.  ``summarize`` separates the author's voice from quoted voices.

Rules applied here, on top of the lexicon's context rules
----------------------------------------------------------
1. **suggest** is a hedge only with a proposition: an evidence subject right before it
   ("the data suggest a slowdown", "research suggests caution"), no object at all
   ("..., one official suggested."), a ``that``-clause ("suggested that", "suggested to
   reporters that") without a proposal's *should*, or a finite clause ("suggested he might").
   A person suggesting a noun phrase is a proposal: "She suggested a compromise on tariffs"
   is not a hedge, nor is "suggested that the sides should meet".
2. **Approximators gated on the next token** (``about``, ``around``, ``nearly`` …) look one
   token further than the rule language can: before *a/an* they count only when a quantity
   noun follows ("about an hour", not "gathered around a television"); *third, fifth,
   tenth, quarter* are quantities only before *of*, punctuation or a function word ("about a
   third of the vote"), ordinals before a noun ("talks about a third summit"); before the
   bare word *one* they count only in "one in five" and the like ("argued about one of the
   clauses" is not); *about*/*around* before a year ("questions about 2020") are
   prepositions.
3. **Negated boosters.**  A booster right after a negator (*not, never, no, nor, without,
   hardly, scarcely, barely*, any ``n't`` word), with at most two bridge words between
   them ("isn't entirely clear", "wasn't so sure"), becomes one hedge of category
   ``negated-booster`` spanning negator to booster.  A negated certainty *verb* ("did not
   show that") is dropped: it denies the evidence rather than softening a claim.  The idiom
   "no doubt" is a booster row of its own and stays a booster.
4. **Overlaps between the two lexicons.**  When a hedge and a booster overlap, the longer
   one wins and a tie goes to the hedge ("not certain" is one hedge, not a booster inside
   a hedge); overlapping negated boosters merge into one span.
5. **First-person cognition** rows (``think``, ``believe``, ``expect`` …) only match after
   *I*/*we* (a rule in ``hedges.tsv``); here the span is widened back to the pronoun, so
   the hedge reads "I think", "we don't believe".  Inside a quotation it is the speaker's
   hedge (``in_quote`` is true), in the author's voice it is the author's.

Reported-speech *would* ("he said he would") and deontic *should/must* are never hedges; past
ability *could* is excluded where the context shows it (negation, perception verbs,
if/before/until/so-that clauses) and otherwise counted, a known source of false positives
(see the validation notes in ``framing/lexicons/README.md``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final

from framing.lexicon import WORD_CLASSES
from framing.summary import per_thousand
from framing.summary import quoted_words as summary_quoted_words
from framing.types import Match

if TYPE_CHECKING:
    from framing.lexicon import Entry, Hit, LexiconSet
    from framing.text import Document
    from framing.types import Analysis

# -- word sets used by the rules above --------------------------------------------------
#: Categories of ``hedges.tsv`` and ``boosters.tsv`` (gold files use the same names).
HEDGE_CATEGORIES = (
    "modal",
    "lexical-verb",
    "adverb",
    "adjective",
    "noun",
    "approximator",
    "limiter",
    "shield",
    "negated-booster",
    "cognition",
)
BOOSTER_CATEGORIES = (
    "certainty-adverb",
    "certainty-phrase",
    "intensifier",
    "certainty-verb",
    "certainty-adjective",
)

_FIRST_PERSON: Final = frozenset(
    "i we i'd we'd i'm we're i've we've i'll we'll".split()
)  # subjects of a first-person cognition hedge
_COGNITION_BRIDGE: Final = frozenset(
    """do don't not didn't did still also just personally now would can't cannot could might
    may must to tend kind sort of even already really all both always generally honestly
    frankly actually somehow rather""".split()
)  # words that may stand between "I" and the verb ("I don't really think")
# the lexicons' negation class plus the broad negators ("hardly certain")
_NEGATORS: Final = WORD_CLASSES["@NEG"] | frozenset("hardly scarcely barely".split())
_REFUSE: Final = frozenset("refused refuses refusing declined declines declining".split())
_NEGATION_BRIDGE: Final = frozenset(
    """be been being so too all that yet entirely completely totally absolutely quite always
    particularly exactly altogether very""".split()
)  # "isn't so sure", "not all that clear"
_CLAUSE_START: Final = frozenset("he she it they there we i you".split())
_FINITE: Final = frozenset(
    """was were is are had has have might would could may will did does can wasn't weren't
    isn't aren't hadn't hasn't haven't wouldn't couldn't won't didn't doesn't can't""".split()
)  # "suggested he was/might ..." reports a proposition; "suggested they meet" proposes
_EVIDENCE_SUBJECTS: Final = frozenset(
    """it this that which what these those evidence data poll polls results result findings
    finding study studies research report reports figures figure numbers signs sign record
    records comments comment remarks remark statement statements analysis survey surveys
    documents document trend trends pattern patterns history experience move moves decision
    tone silence impasse estimates models model indicators indicator testimony footage
    images accounts account reporting language timing wording episode outcome""".split()
)  # non-human subjects: "the data suggest a slowdown" is an inference, not a proposal
_SUBJECT_SKIP: Final = frozenset(
    "also may might could would seem seems seemed to appear appears strongly further all both "
    "only still even clearly already".split()
)  # words between the subject and "suggest" ("the data would also seem to suggest")
_QUANTITY_NOUNS: Final = frozenset(
    """dozen score hundred thousand million billion trillion half third quarter fifth tenth
    hour minute second day week month year decade century mile kilometre kilometer metre
    meter foot inch acre ton tonne pound kilogram litre liter gallon barrel percent
    percentage""".split()
)  # "about an hour", "around a third", "nearly a year"
_ORDINALS: Final = frozenset("third fifth tenth quarter".split())
_AFTER_FRACTION: Final = frozenset(
    """of in on at to from since for by over during after before and or but than as this
    that last next each per while when compared more less fewer""".split()
)  # what may follow a fraction used as a quantity ("by about a third in 2022")
_ONE_FOLLOWERS: Final = frozenset(
    "in out hundred thousand million billion dozen third quarter half percent per".split()
)  # "about one in five"
_YEAR: Final = re.compile(r"(1[89]|20)\d\d")


class _Item:
    """A finding before it becomes a ``Match``: token range plus its lexicon row (a plain
    class: compiled, it is built by one C call, a dataclass by a Python ``__init__``)."""

    __slots__ = ("i", "j", "metric", "category", "entry", "from_lexicon_hedge")

    def __init__(
        self,
        i: int,
        j: int,
        metric: str,  # "hedge" | "booster"
        category: str,
        entry: Entry,
        from_lexicon_hedge: bool = False,
    ) -> None:
        self.i, self.j, self.metric, self.category = i, j, metric, category
        self.entry, self.from_lexicon_hedge = entry, from_lexicon_hedge


# -- rule 1: suggest --------------------------------------------------------------------
def _suggest_is_hedge(doc: Document, h: Hit) -> bool:
    norms = doc.norms()
    sent = doc.sentences[doc.token_sents[h.i]]
    end = sent.tok_end
    k = h.i - 1
    while k >= sent.tok_start and norms[k] in _SUBJECT_SKIP:
        k -= 1
    if k >= sent.tok_start and norms[k] in _EVIDENCE_SUBJECTS:
        return True  # "the data suggest a slowdown"
    after = norms[h.j : min(h.j + 3, end)]
    if not after or doc.token_kinds[h.j] == "punct":
        return True  # no object: "..., one official suggested."
    first = after[0]
    if first == "that" or ((first == "to" or first.endswith("ly")) and "that" in after[1:]):
        # "suggested that the two sides should meet" is a proposal
        return "should" not in norms[h.j : min(h.j + 8, end)]
    return first in _CLAUSE_START and len(after) > 1 and after[1] in _FINITE


# -- rule 2: approximators ---------------------------------------------------------------
def _approximator_ok(doc: Document, h: Hit) -> bool:
    norms, kinds = doc.norms(), doc.token_kinds
    end = doc.sentences[doc.token_sents[h.i]].tok_end
    if h.j >= end or not any(r.name == "next" and not r.negated for r in h.entry.rules):
        return True  # the row does not gate on the next token ("roughly", "more or less")
    nxt = h.j  # token indices: the next token and the one after it (None past the sentence)
    after = h.j + 1 if h.j + 1 < end else None
    if norms[nxt] in ("a", "an"):
        if after is None or norms[after] not in _QUANTITY_NOUNS:
            return False
        nxt, after = after, (h.j + 2 if h.j + 2 < end else None)
    if norms[nxt] in _ORDINALS:
        # "about a third of the vote" is a quantity, "about a third summit" an ordinal
        return after is None or kinds[after] == "punct" or norms[after] in _AFTER_FRACTION
    if norms[nxt] == "one":
        return after is not None and norms[after] in _ONE_FOLLOWERS
    if h.entry.term in ("about", "around") and kinds[nxt] == "num" and _YEAR.fullmatch(norms[nxt]):
        return False
    return True


def _keep_hedge(doc: Document, h: Hit) -> bool:
    if h.entry.term == "suggest":
        return _suggest_is_hedge(doc, h)
    if h.entry.category == "approximator":
        return _approximator_ok(doc, h)
    return True


# -- rule 5: cognition span -------------------------------------------------------------
def _cognition_start(doc: Document, h: Hit) -> int:
    """Token index of the first-person subject of a cognition verb, or the verb itself."""
    norms = doc.norms()
    lo = doc.sentences[doc.token_sents[h.i]].tok_start
    k = h.i - 1
    while k >= lo and k >= h.i - 4:
        norm = norms[k]
        if norm in _FIRST_PERSON:
            return k
        if norm not in _COGNITION_BRIDGE:
            break
        k -= 1
    return h.i


# -- rule 3: negation -------------------------------------------------------------------
def _is_negator(norm: str) -> bool:
    return norm in _NEGATORS or norm.endswith("n't")


def _negator_before(doc: Document, i: int) -> int | None:
    """Index of a negator right before token ``i`` (at most two bridge words between)."""
    norms = doc.norms()
    lo = doc.sentences[doc.token_sents[i]].tok_start
    k = i - 1
    for _ in range(3):
        if k < lo:
            return None
        if _is_negator(norms[k]):
            return k
        if norms[k] not in _NEGATION_BRIDGE:
            return None
        k -= 1
    return None


def _negation_start(doc: Document, i: int) -> int:
    """Widen a negated-booster row matched without its negator ("did not rule out")."""
    norms = doc.norms()
    lo = doc.sentences[doc.token_sents[i]].tok_start
    for k in range(i - 1, max(i - 4, lo - 1), -1):
        if _is_negator(norms[k]) or norms[k] in _REFUSE:
            return k
    return i


# -- rule 4: overlaps -------------------------------------------------------------------
def _overlaps(a: _Item, b: _Item) -> bool:
    return a.i < b.j and b.i < a.j


def _merge_negated(items: list[_Item]) -> list[_Item]:
    """Union overlapping negated-booster spans ("isn't entirely" + "isn't entirely clear")."""
    out: list[_Item] = []
    for it in sorted(items, key=lambda x: (x.i, -x.j)):
        if out and _overlaps(out[-1], it):
            last = out[-1]
            # the later booster is the head ("clear" in "isn't entirely clear")
            head = it.entry if it.j >= last.j else last.entry
            out[-1] = _Item(last.i, max(last.j, it.j), "hedge", "negated-booster", head)
        else:
            out.append(it)
    return out


def _resolve(items: list[_Item]) -> list[_Item]:
    """Keep the longer of overlapping items; on a tie prefer a hedge, then a lexicon row."""
    kept: list[_Item] = []
    group: list[_Item] = []  # items that overlap, directly or through each other
    reach = 0
    for it in sorted(items, key=attrgetter("i", "j")):
        if group and it.i >= reach:
            kept += _resolve_group(group) if len(group) > 1 else group
            group = []
        if not group:
            reach = it.j
        group.append(it)
        reach = max(reach, it.j)
    kept += _resolve_group(group) if len(group) > 1 else group
    return kept


def _resolve_group(items: list[_Item]) -> list[_Item]:
    """``_resolve`` within a group of overlapping items (no other item can touch them)."""
    ranked = sorted(
        items,
        key=lambda x: (-(x.j - x.i), x.metric != "hedge", not x.from_lexicon_hedge, x.i),
    )
    kept: list[_Item] = []
    taken: set[int] = set()  # token indices already covered (spans are a few tokens long)
    for it in ranked:
        span = range(it.i, it.j)
        if taken.isdisjoint(span):
            kept.append(it)
            taken.update(span)
    return sorted(kept, key=attrgetter("i", "j"))


def _to_match(doc: Document, it: _Item) -> Match:
    start, end = doc.token_starts[it.i], doc.token_ends[it.j - 1]
    e = it.entry
    source = e.source
    if it.category == "negated-booster" and e.category != "negated-booster":
        source = f"{e.source}; negated: Hübler 1983"
    # positional (Match's field order): thousands per long text
    return Match(
        start,
        end,
        doc.text[start:end],
        it.metric,
        it.category,
        doc.token_quotes[it.i] >= 0,
        e.term,  # term
        "",  # polarity
        e.strength,
        (),  # alternatives
        e.note,
        source,
    )


def find(doc: Document, lexicons: LexiconSet) -> tuple[list[Match], list[Match]]:
    """Hedges and boosters in ``doc``, each a ``Match`` with exact offsets and its voice.

    Parameters
    ----------
    doc : Document
        The tokenized text (``framing.text.Document``).
    lexicons : LexiconSet
        Must contain ``"hedges"`` and ``"boosters"``.

    Returns
    -------
    tuple of (list of Match, list of Match)
        ``(hedges, boosters)``, each sorted by ``(start, end)``.  ``Match.metric`` is
        ``"hedge"`` or ``"booster"``; ``in_quote`` tells the quoted speaker's voice from the
        author's; ``term`` is the lexicon headword and ``source`` its citation.

    Examples
    --------
    >>> from framing.lexicon import default_lexicons
    >>> from framing.text import Document
    >>> hedges, boosters = find(Document("It is not clear that prices may rise in May."),
    ...                         default_lexicons())
    >>> [(m.text, m.category) for m in hedges], boosters
    ([('not clear', 'negated-booster'), ('may', 'modal')], [])
    """
    items: list[_Item] = []
    for h in lexicons["hedges"].find(doc):
        if not _keep_hedge(doc, h):
            continue
        i = h.i
        if h.entry.category == "cognition":
            i = _cognition_start(doc, h)
        elif h.entry.category == "negated-booster" and not _is_negator(doc.norms()[h.i]):
            i = _negation_start(doc, h.i)
        items.append(_Item(i, h.j, "hedge", h.entry.category, h.entry, from_lexicon_hedge=True))
    negated: list[_Item] = []
    for h in lexicons["boosters"].find(doc):
        k = _negator_before(doc, h.i)
        if k is None:
            items.append(_Item(h.i, h.j, "booster", h.entry.category, h.entry))
        elif h.entry.category != "certainty-verb":
            negated.append(_Item(k, h.j, "hedge", "negated-booster", h.entry))
    kept = _resolve(items + _merge_negated(negated))
    hedges = [_to_match(doc, it) for it in kept if it.metric == "hedge"]
    boosters = [_to_match(doc, it) for it in kept if it.metric == "booster"]
    return hedges, boosters


# -- summary ----------------------------------------------------------------------------
def _ratio(hedges: int, boosters: int) -> float | None:
    return round(hedges / boosters, 2) if boosters else None


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Hedging and boosting by voice, by category and by sentence.

    Parameters
    ----------
    analysis : Analysis
        The result of ``framing.analyze``.

    Returns
    -------
    dict
        ``words``: ``{"total", "author", "quoted"}``.  Quoted words are the word tokens inside
        quotation marks; author words are all other words (ignored boilerplate is in neither).
        Each density divides by the words *of its own voice*, so a short quote full of
        "very" shows up as a high quoted density rather than diluting the author's.

        ``hedges`` and ``boosters``: ``{"total", "author", "quoted", "per_1000",
        "author_per_1000", "quoted_per_1000", "categories": {"author": {...},
        "quoted": {...}}}``.

        ``hedge_to_booster``: ``{"total", "author", "quoted"}``, hedges divided by boosters,
        ``None`` when there is no booster (a ratio would be infinite).

        ``per_sentence``: one record per sentence, in order, ``{"sentence", "start", "end",
        "hedges", "boosters", "score"}`` where ``score = hedges - boosters`` (positive:
        the sentence hedges more than it boosts), for timeline plots.
    """
    quoted_words = summary_quoted_words(analysis)
    author_words = analysis.words - quoted_words
    out: dict[str, Any] = {
        "words": {"total": analysis.words, "author": author_words, "quoted": quoted_words}
    }
    counts: dict[str, dict[str, int]] = {}
    for name, items in (("hedges", analysis.hedges), ("boosters", analysis.boosters)):
        author = [m for m in items if not m.in_quote]
        quoted = [m for m in items if m.in_quote]
        counts[name] = {"total": len(items), "author": len(author), "quoted": len(quoted)}
        out[name] = {
            **counts[name],
            "per_1000": per_thousand(len(items), analysis.words),
            "author_per_1000": per_thousand(len(author), author_words),
            "quoted_per_1000": per_thousand(len(quoted), quoted_words),
            "categories": {
                "author": dict(sorted(Counter(m.category for m in author).items())),
                "quoted": dict(sorted(Counter(m.category for m in quoted).items())),
            },
        }
    out["hedge_to_booster"] = {
        voice: _ratio(counts["hedges"][voice], counts["boosters"][voice])
        for voice in ("total", "author", "quoted")
    }
    out["per_sentence"] = _per_sentence(analysis)
    return out


def _per_sentence(analysis: Analysis) -> list[dict[str, int]]:
    rows = [
        {"sentence": k, "start": s.start, "end": s.end, "hedges": 0, "boosters": 0, "score": 0}
        for k, s in enumerate(analysis.sentences)
    ]
    starts = [s.start for s in analysis.sentences]
    for key, items, sign in (("hedges", analysis.hedges, 1), ("boosters", analysis.boosters, -1)):
        for m in items:
            k = _sentence_of(starts, m.start)
            if k is not None and m.start < rows[k]["end"]:
                rows[k][key] += 1
                rows[k]["score"] += sign
    return rows


def _sentence_of(starts: list[int], offset: int) -> int | None:
    k = bisect_right(starts, offset) - 1
    return k if k >= 0 else None
