"""Attribution: who speaks in a news text, in whose words, introduced by which verb.

``find(doc, lexicons)`` returns one :class:`~framing.types.Attribution` per act of
attribution; ``summarize(analysis)`` turns them into the *voice table* of a lesson.

There is no part-of-speech tagger (the kit is offline and NLTK's taggers need data), so the
module reads structure from capitalization, token patterns and two word lists:
``speech_verbs.tsv`` (the verbs, with their class) and ``speakers.tsv`` (role nouns, offices,
organizations, anonymity cues, titles, reporting nouns, place names).

Kinds
-----
``direct``
    A quoted sentence with a frame: ``"Q," X said`` · ``"Q," said X`` · ``X said, "Q"`` ·
    ``X said: "Q"``.
``partial``
    A quoted fragment inside the author's sentence (``describing his letters as "love
    letters"``); the verb is the nearest speech verb before it.  A fragment of two words or more
    whose sentence subject is someone already quoted is also partial, with no verb
    (``He took Kim "at his word"``).
``continuation``
    A quoted sentence with no frame of its own continues the speaker of the previous
    attribution in the same or the previous paragraph.
``indirect``
    Reported speech or thought: ``X said (that) …``, ``X cast … as …``, ``officials did not
    expect …``, ``…, officials said.``  Negated and hypothetical speech acts (``never said``,
    ``declined to say``, ``would say``) are not attributions; negated beliefs are.
``according_to``
    ``according to X`` with a source-like ``X`` (not ``according to schedule``).
``nominal``
    A reporting noun owned by a speaker: ``Putin's claim …``, ``his denial …``.

Speakers are resolved to a canonical ``name``: the surname of a named person (or the form the
text itself uses to refer back: ``Kim``), the full name when it contains a particle
(``Mohammad bin Salman``), the noun phrase as written for unnamed sources (``senior Trump
administration officials``, ``a spokesman for the foreign ministry``).  Pronouns go to the
subject of the previous sentence when that is a compatible named person, else to the most
recent compatible speaker.  ``source_type`` is ``named``, ``official`` (an office whose holder
is not named), ``anonymous`` (unnamed officials, sources, people identified only by role or
occupation, or any anonymity cue), ``organization`` (a body, a country, a document) or
``unresolved``.

What this cannot see is listed in ``docs/attribution-limits.md``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from itertools import compress, repeat
from operator import attrgetter, ne
from typing import TYPE_CHECKING, Any, Final

from framing.lexicon import Lexicon, parse_lexicon, tokenize_norms
from framing.types import Attribution, Span, Speaker, Verb

if TYPE_CHECKING:
    from collections.abc import Sequence

    from framing.lexicon import Hit, LexiconSet
    from framing.text import Document
    from framing.types import Analysis

__all__ = ["find", "summarize", "speaker_vocabulary"]

# -- closed-class words (grammar, not vocabulary: they do not belong in a lexicon file) --------
_AUX: Final = frozenset(
    "has have had having will would shall should can could may might must do does did "
    "is are was were be been being am 's 'd 'll 've 're".split()
)
_BE: Final = frozenset("is are was were be been being am 's 're".split())
_HYPOTHETICAL: Final = frozenset("would could might may should shall".split())
_NOT_YET: Final = frozenset(
    """expected likely unlikely due set scheduled planning plans plan planned intends intend
    intended going about ready able unable wants want wanted hope hopes hoped tried tries
    trying seeks sought attempt attempted prepared poised""".split()
)
_NEG: Final = frozenset("not never no nor".split())
_DECLINE: Final = frozenset(
    "declined declines decline declining refused refuses refuse refusing failed fails".split()
)
_ADVERBS: Final = frozenset(
    """also later again once even still then now further previously earlier often already yet
    too just nonetheless nevertheless however meanwhile recently repeatedly first last long
    separately privately publicly reportedly allegedly subsequently immediately quickly soon
    finally simply himself herself themselves itself myself ourselves both all each alone
    instead ever always sometimes frequently openly flatly bluntly angrily quietly once
    rather indeed moreover though""".split()
)
_BOUNDARY: Final = frozenset(
    """that while although though because since if whether when whenever as and but or so nor
    yet where which whereas unless once after before until how why what whom whose than""".split()
)
_PREPS: Final = frozenset(
    """in on at by for from to of with without about after before during despite amid among
    against over under into through across near since until toward towards via per like unlike
    upon within beyond behind around outside inside between following including ahead than
    throughout onto off""".split()
)
_POST_ADJ: Final = frozenset(
    """familiar close knowledgeable briefed involved speaking responsible present interviewed
    based working""".split()
)
_DETS: Final = frozenset(
    """the a an this that these those some many several both all each every another other few
    most no any his her their its our my your one two three four five six seven eight nine ten
    dozens hundreds thousands""".split()
)
_SUBJ_PRON: Final = {
    "he": "m",
    "she": "f",
    "they": "pl",
    "it": "org",
    "i": "1",
    "we": "1",
    "you": "2",
}
_POSS_PRON: Final = {"his": "m", "her": "f", "their": "pl", "its": "org"}
_OBJ_PRON: Final = frozenset("me him her us them you it reporters journalists".split())
_QUANT_HEADS: Final = frozenset("some many others most few several both".split())
_LOCATIVE: Final = frozenset(
    "in at from to into near across outside inside throughout toward towards".split()
)
_FUNCTION: Final = frozenset(
    """the a an this that these those it he she they we i you his her their its our my your but
    and or so yet in on at by for from to of with without after before during despite ahead amid
    as while when where if though although because since once more most many some rather instead
    even still also then now here there however meanwhile nonetheless nevertheless moreover
    furthermore indeed perhaps maybe sometimes often yesterday today tomorrow last next earlier
    later first second no not all both each every one two what who which why how just only such
    other another much few several asked willing despite according over under cracks""".split()
)
_TITLE_NOUNS: Final = frozenset(
    """album song single film movie documentary book novel memoir play musical series show episode
    poem painting exhibition exhibit opera article essay column headline titled entitled hashtag
    slogan app game podcast program programme track record magazine newspaper motto banner sign
    chant chants so-called word phrase term label dubbed nicknamed named""".split()
)
_TIME_WORDS: Final = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday yesterday today tonight last
    this late early earlier again repeatedly""".split()
)
_COMPLEMENTIZERS: Final = frozenset("that whether if how why what when where who which".split())
# Verbs that report speech only when they frame a quote or a clause ("he added that …").
_CLAUSE_ONLY: Final = frozenset(
    """add continue go on write reply respond answer report post tweet comment speak testify
    observe recall explain note""".split()
)
# "cast X as Y": without "as" these verbs are not speech verbs.
_AS_VERBS: Final = frozenset(
    "cast describe portray depict paint present regard characterize".split()
)
_AS_REQUIRED: Final = _AS_VERBS - {"characterize"}
# Speech acts that make sense with nothing reported ("Trump demurred.").
_INTRANSITIVE: Final = frozenset(
    """demur scoff quip joke fume sigh protest object concede agree disagree respond reply
    sneer shout yell scream whisper exclaim mutter grumble rant gloat snap push back
    hit back fire back shoot back repeat weigh in chime in speak out apologize apologise""".split()
)
# Speech addressed to someone: the addressee is skipped before the reported clause.
_ADDRESSEE: Final = frozenset(
    """tell inform assure warn remind urge advise reassure ask promise brief caution
    beg implore""".split()
)
_PUT_LIKE: Final = frozenset({"put", "estimate"})
# Common irregular past tenses: after a name they start the predicate, not the noun phrase.
_PAST_VERBS: Final = frozenset(
    """met took left made gave went came saw held won lost got sent spent kept led brought
    stood sat ran struck fought sought rose fell knew found felt paid heard began became
    has had is was were are will would""".split()
)
_NO_INVERSION: Final = frozenset(
    "tell inform call put find cite urge demand request propose recommend advise".split()
)
_INVERTIBLE_EVALUATIVE: Final = frozenset(
    "insist warn argue claim admit concede quip exclaim declare retort counter shout".split()
)
_CALL_OBJECTS: Final = frozenset(
    "it him her them this that these those himself herself themselves itself".split()
)
_PARTICIPLE_SUBJECT_FROM: Final = frozenset({",", "and", "while", "before", "after", "when", "by"})
# noun phrases: openers skipped before the NP, words that end its head run, quantifiers
_NP_OPENERS: Final = frozenset("but and so yet meanwhile however though".split())
_NP_STOP: Final = frozenset(["who", "that", "which", "whom", "whose", ",", "("])
_APPROX: Final = frozenset("nearly almost roughly around about only just".split())
_QUANT_OF: Final = frozenset(
    """dozens hundreds thousands scores millions many some most several all none one two three
    four five handful number group majority minority few""".split()
)
_A_QUANT_OF: Final = frozenset("handful number group majority minority few dozen".split())
# what a clause-initial subject can follow
_SUBJECT_AFTER: Final = frozenset(
    [",", ";", '"', "\u201c", "\u201d"]
    + "and but while that as when because though although if then".split()
)
# the first words ``_skip_quantifier`` acts on
_QUANT_START: Final = frozenset({"more", "fewer", "less", "at", "a"}) | _APPROX | _QUANT_OF
# what a short adjunct after a verb starts with ("said on Tuesday.", "said later."); not
# "when": a complementizer starts a clause
_ADJUNCT_STARTS: Final = frozenset(
    """on in at during after before last this late early yesterday today tomorrow separately
    privately later publicly told to while earlier recently friday monday tuesday
    wednesday thursday saturday sunday""".split()
)


# -- the speaker vocabulary ----------------------------------------------------------------------
@dataclass(frozen=True)
class SpeakerVocabulary:
    """Word sets from ``speakers.tsv``: single-token surfaces and multiword tuples per category."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, frozenset[tuple[str, ...]]]
    nominal: dict[str, str]
    by_first: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    by_last: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # ``words`` with an empty set for any other category: the analyzer asks ``w in
    # sets[category]`` hundreds of thousands of times, cheaper than a ``has`` call
    sets: defaultdict[str, frozenset[str]] = field(
        default_factory=lambda: defaultdict(frozenset), compare=False, repr=False
    )

    # per category: first (last) word -> its phrases, longest first, so the first phrase
    # that matches is the longest
    firsts: defaultdict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(
        default_factory=lambda: defaultdict(dict), compare=False, repr=False
    )
    lasts: defaultdict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(
        default_factory=lambda: defaultdict(dict), compare=False, repr=False
    )

    def __post_init__(self) -> None:
        self.sets.update(self.words)
        first: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        last: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for cat, ps in self.phrases.items():
            for p in ps:
                first.setdefault((cat, p[0]), []).append(p)
                last.setdefault((cat, p[-1]), []).append(p)
        self.by_first.update({k: tuple(v) for k, v in first.items()})
        self.by_last.update({k: tuple(v) for k, v in last.items()})
        for (cat, w), found in self.by_first.items():
            self.firsts[cat][w] = tuple(sorted(found, key=len, reverse=True))
        for (cat, w), found in self.by_last.items():
            self.lasts[cat][w] = tuple(sorted(found, key=len, reverse=True))

    def has(self, category: str, norm: str) -> bool:
        return norm in self.sets[category]


def _build_vocabulary(lex: Lexicon) -> SpeakerVocabulary:
    words: dict[str, set[str]] = {}
    phrases: dict[str, set[tuple[str, ...]]] = {}
    nominal: dict[str, str] = {}
    for e in lex.entries:
        for surface in e.surfaces():
            norms = tokenize_norms(surface)
            if not norms:
                continue
            if len(norms) == 1:
                words.setdefault(e.category, set()).add(norms[0])
                if e.category.startswith("nominal-"):
                    nominal.setdefault(norms[0], e.category.removeprefix("nominal-"))
            else:
                phrases.setdefault(e.category, set()).add(norms)
    return SpeakerVocabulary(
        {k: frozenset(v) for k, v in words.items()},
        {k: frozenset(v) for k, v in phrases.items()},
        nominal,
    )


@lru_cache(maxsize=1)
def _bundled_vocabulary() -> SpeakerVocabulary:
    data = files("framing.lexicons").joinpath("speakers.tsv").read_text(encoding="utf-8")
    return _build_vocabulary(
        Lexicon("speakers", parse_lexicon(data, "framing/lexicons/speakers.tsv"))
    )


_VOCAB_CACHE: dict[int, tuple[Lexicon, SpeakerVocabulary]] = {}


def speaker_vocabulary(lexicons: LexiconSet | None = None) -> SpeakerVocabulary:
    """The speaker vocabulary: ``lexicons["speakers"]`` when the set has one, else the bundled
    ``speakers.tsv`` (``default_lexicons()`` does not load it: it is this module's own list)."""
    if lexicons is not None and "speakers" in lexicons:
        lex = lexicons["speakers"]
        hit = _VOCAB_CACHE.get(id(lex))
        if hit is None or hit[0] is not lex:
            hit = (lex, _build_vocabulary(lex))
            _VOCAB_CACHE[id(lex)] = hit
        return hit[1]
    return _bundled_vocabulary()


# -- noun phrases --------------------------------------------------------------------------------
# The working classes below are plain classes with an ``__init__``, not dataclasses: compiled
# (``framing.native``), such a class is built by one C call, a dataclass by its generated
# Python ``__init__``, several times slower (a long text builds tens of thousands of them).
class _NP:
    """A candidate speaker: tokens ``i``..``j`` (exclusive), head type, name tokens."""

    __slots__ = (
        "i",
        "j",
        "kind",
        "head",
        "name_i",
        "name_j",
        "plural",
        "gender",
        "anonymous_cue",
        "app",
    )

    def __init__(
        self,
        i: int,
        j: int,
        kind: str,  # named | office | person | organization | document | pronoun
        head: int,  # token index of the head
        name_i: int = -1,  # named: the name's tokens (titles stripped)
        name_j: int = -1,
        plural: bool = False,
        gender: str = "",
        anonymous_cue: bool = False,
        app: tuple[int, int] | None = None,  # appositive token range
    ) -> None:
        self.i, self.j, self.kind, self.head = i, j, kind, head
        self.name_i, self.name_j, self.plural, self.gender = name_i, name_j, plural, gender
        self.anonymous_cue, self.app = anonymous_cue, app


class _Raw:
    """An attribution before its speaker is resolved."""

    __slots__ = (
        "kind",
        "order",
        "sent",
        "quote",
        "verb",
        "np",
        "pron",
        "inherit",
        "subject_np",
        "continuation",
        "verbless",
        "quoted",
        "span",
        "speaker",
        "source_type",
        "anonymous",
        "entity",
    )

    def __init__(
        self,
        kind: str,
        order: int,  # character offset used to process attributions in reading order
        sent: int,
        quote: tuple[int, int] | None = None,
        verb: tuple[int, int, str, str] | None = None,  # start, end, class, lemma
        np: _NP | None = None,
        pron: int = -1,  # token index of a subject pronoun
        inherit: _Raw | None = None,  # the attribution whose speaker this one shares
        subject_np: _NP | None = None,  # participle clause: the sentence subject
        continuation: bool = False,
        verbless: bool = False,
        quoted: bool = False,  # the quote span is a quotation region
    ) -> None:
        self.kind, self.order, self.sent, self.quote, self.verb = kind, order, sent, quote, verb
        self.np, self.pron, self.inherit, self.subject_np = np, pron, inherit, subject_np
        self.continuation, self.verbless, self.quoted = continuation, verbless, quoted
        self.span: tuple[int, int] = (0, 0)
        # filled in by resolution
        self.speaker: Speaker | None = None
        self.source_type = "unresolved"
        self.anonymous = False
        self.entity: _Entity | None = None


class _Entity:
    __slots__ = ("name", "source_type", "plural", "gender", "quoted", "mentions")

    def __init__(self, name: str, source_type: str, plural: bool = False, gender: str = "") -> None:
        self.name, self.source_type, self.plural, self.gender = name, source_type, plural, gender
        self.quoted = False
        self.mentions: list[int] = []


class _Analyzer:
    """One pass of attribution over one document."""

    __deletable__ = ("names",)  # ``close`` deletes it (compiled classes must say so)

    def __init__(self, doc: Document, lexicons: LexiconSet | None) -> None:
        self.doc = doc
        self.text = doc.text
        self.norms = norms = doc.norms()
        # no ``doc.tokens``: the Document builds Token objects only when asked for them
        self.n_toks = n_toks = len(norms)
        # Per-token facts the passes ask for hundreds of thousands of times: plain lists
        # are much cheaper than a method call and an attribute chain per question.  The
        # Document keeps offsets, sentences, kinds and quotations as parallel lists already.
        self.starts = starts = doc.token_starts
        self.ends = ends = doc.token_ends
        self.caps = caps = doc.token_caps
        # bases differ from norms only for possessives: patch those via the norm index
        self.bases = bases = list(norms)
        self.poss = poss = [False] * n_toks  # "Trump's" or "officials'"
        index = doc.norm_index()
        for n, ks in index.items():
            if n.endswith("'s") and len(n) > 2:
                b = n[:-2]
                for k in ks:
                    bases[k] = b
                    poss[k] = True
        # plural possessive: "officials'" is a word then an apostrophe token
        for k in index.get("'", ()):
            p = k - 1
            if p >= 0 and norms[p].endswith("s") and starts[k] == ends[p]:
                poss[p] = True
        self.kinds = kinds = doc.token_kinds
        self.is_word = list(map(ne, kinds, repeat("punct")))
        # quoted tokens lie inside their quotation: only those ranges need a look.  A token
        # is in a quotation (``token_quotes`` not -1) when a quotation's range covers it, so
        # ``in_quote`` is filled range by range instead of token by token
        tq = doc.token_quotes
        self.in_quote = in_quote = [False] * n_toks
        self.q_tokens: dict[int, Sequence[int]] = {}  # quotation -> its tokens
        # A token belongs to the first quotation that covers it, so a quotation that no
        # earlier one reaches into has all its tokens: the usual case, decided without a
        # look at them
        reach = 0  # the furthest end of the quotations so far
        for qi, (lo, hi) in enumerate(doc.quote_tokens):
            if lo >= hi:
                continue
            in_quote[lo:hi] = [True] * (hi - lo)
            if reach <= lo:
                self.q_tokens[qi] = range(lo, hi)
            else:
                marks = tq[lo:hi]
                if marks.count(qi) == hi - lo:  # all its own all the same
                    self.q_tokens[qi] = range(lo, hi)
                else:
                    idxs = [k for k, m in enumerate(marks, lo) if m == qi]
                    if idxs:
                        self.q_tokens[qi] = idxs
            reach = max(reach, hi)
        self.sent_bounds = [(s.tok_start, s.tok_end) for s in doc.sentences]
        self.sents = sents = doc.token_sents
        # candidate first tokens of a name run: capitalized words outside quotations (the
        # capitalized tokens are picked at C speed and filtered as they come, no list of them)
        self.cap_words = [
            k for k in compress(range(n_toks), caps) if kinds[k] == "word" and not in_quote[k]
        ]
        self.v = v = speaker_vocabulary(lexicons)
        self._vocab_sets(v)
        hits = lexicons["speech_verbs"].find(doc) if lexicons is not None else []
        self.verbs: dict[int, Hit] = {h.i: h for h in hits if not in_quote[h.i]}
        self.verb_end = {h.j - 1: i for i, h in self.verbs.items()}
        self.verb_list = sorted(self.verbs)  # for range queries by bisection
        self.verbs_in_sent: dict[int, list[int]] = {}
        for k in self.verb_list:
            self.verbs_in_sent.setdefault(sents[k], []).append(k)
        # norm -> whether the text also writes it in lowercase (``_written_lowercase``): only
        # the few norms of sentence-initial capitalized words are ever asked about
        self._lowercase_seen: dict[str, bool] = {}
        self._initial = self._sentence_initial_tokens()
        self._anonymity_cues = self._find_anonymity_cues()
        self._countries_adj: set[str] = set()
        self._countries = self._find_countries()
        self.names = _NameIndex(self)

    def close(self) -> _People:
        """The name evidence ``summarize`` reads, once the passes are done with the analyzer.

        The analyzer and its name index point at each other: the cycle is broken here, so
        both (and the per-token lists, as long as the text) are freed as soon as the caller
        drops the analyzer, not at the collector's next full pass."""
        evidence = self.names.people_evidence()
        del self.names
        return evidence

    def _vocab_sets(self, v: SpeakerVocabulary) -> None:
        """The vocabulary sets the passes test most, as attributes (no dict lookup per test)."""
        sets = v.sets
        self.person, self.office = sets["person"], sets["office"]
        self.organization, self.document = sets["organization"], sets["document"]
        self.title, self.demonym = sets["title"], sets["demonym"]
        self.non_person, self.non_speaker = sets["non-person"], sets["non-speaker"]
        self.particle, self.place = sets["particle"], sets["place"]
        self.male, self.female = sets["male"], sets["female"]
        self.place_head = sets["place-head"]
        self.place_phrases = v.phrases.get("place", frozenset())
        self.org_phrases = v.phrases.get("organization", frozenset())
        self.demonym_phrases = v.phrases.get("demonym", frozenset())
        # "a role noun": not a verb ("thanked") nor an addressee's clause start
        self.role_nouns = self.person | self.office | self.organization | self.document
        self.addressees = self.person | self.office | self.organization
        self.title_firsts, self.office_firsts = v.firsts["title"], v.firsts["office"]
        self.org_lasts, self.office_lasts = v.lasts["organization"], v.lasts["office"]

    def _written_lowercase(self, norm: str) -> bool:
        """Whether some token with this norm is a lowercase word (one occurrence is enough)."""
        seen = self._lowercase_seen.get(norm)
        if seen is None:
            caps, kinds = self.caps, self.kinds
            seen = self._lowercase_seen[norm] = any(
                not caps[k] and kinds[k] == "word" for k in self.doc.norm_index().get(norm, ())
            )
        return seen

    def _sentence_initial_tokens(self) -> set[int]:
        kinds, sents = self.kinds, self.sents
        out: set[int] = set()
        # one pass over the sentences: most start with a word, the rest with opening
        # punctuation (quote marks, dashes, brackets) that is skipped
        for k, end in self.sent_bounds:
            while k < end and kinds[k] == "punct":
                k += 1
            if k < end:
                out.add(k)
        # after a colon or an opening quote/paren the next word (in the same sentence) is
        # also "initial"; the norm index finds those marks without a scan of every token.
        # Sentences tile the tokens, so "the next token is in the same sentence" is a
        # comparison of two sentence indexes
        index = self.doc.norm_index()
        last = self.n_toks - 1
        for mark in (":", "(", '"', "\u201c", "\u2014", "-", "--"):
            for m in index.get(mark, ()):
                if m < last and sents[m + 1] == sents[m]:
                    out.add(m + 1)
        return out

    # -- classification ---------------------------------------------------------------------
    def _acronym(self, k: int) -> bool:
        ts = self.starts[k]
        text = self.text
        # a lowercase letter or a digit in the first two characters decides it ("Trump")
        c = text[ts]
        if c.islower() or c.isdigit() or (c != "." and text[ts + 1 : ts + 2].islower()):
            return False
        s = text[ts : self.ends[k]].replace(".", "")
        return len(s) >= 2 and s.isalpha() and s.isupper()

    def _is_place_run(self, i: int, j: int) -> bool:
        if j - i == 1:
            b = self.bases[i]
            return b in self.place or (b,) in self._countries or (b,) in self.place_phrases
        return self._is_place_key(tuple(self.bases[i:j]))

    def _is_place_key(self, key: tuple[str, ...]) -> bool:
        if len(key) == 1 and key[0] in self.place:
            return True
        return key in self.place_phrases or key in self._countries

    def _find_countries(self) -> set[tuple[str, ...]]:
        """Names with a demonym beside them ("Velmora" and "Velmoran") are countries."""
        # the norms of capitalized tokens, picked at C speed; a capitalized punctuation mark
        # ("Ⓐ") comes along but is inert: one character is no name and no demonym form
        cap_words = set(compress(self.norms, self.caps))
        out: set[tuple[str, ...]] = set()
        person, demonym = self.person, self.demonym
        for w in cap_words:
            if w in person or w in demonym:
                continue
            forms = {w + s for s in ("n", "an", "ian", "ese", "i", "ish")}
            if w.endswith(("a", "e")):
                forms |= {w[:-1] + s for s in ("an", "ian", "ese", "i")}
            if forms & cap_words:
                out.add((w,))
                self._countries_adj |= forms & cap_words
        return out

    def classify_run(self, i: int, j: int) -> _NP | None:
        """Classify the head run ``i``..``j`` (the NP without post-modifiers)."""
        # (``_NP`` takes its fields by position here: i, j, kind, head, name_i, name_j,
        # plural, gender; keyword arguments make each of these thousands of calls slower)
        kinds = self.kinds
        while j > i and kinds[j - 1] == "punct":
            j -= 1
        if j <= i:
            return None
        bases, norms, caps = self.bases, self.norms, self.caps
        last = j - 1
        lb = bases[last]
        if j - i == 1:
            if norms[last] in _SUBJ_PRON:
                return _NP(i, j, "pronoun", last)
            if lb in _QUANT_HEADS:
                return _NP(i, j, "person", last, -1, -1, True)  # "Several said", "Many believe"
        # multiword organizations and offices at the end ("the White House", "crown prince");
        # a membership test first: few last words end a phrase
        org_lasts, office_lasts = self.org_lasts, self.office_lasts
        if lb in org_lasts:
            for p in org_lasts[lb]:
                n = len(p)
                if j - n >= i and tuple(bases[j - n : j]) == p:
                    return _NP(i, j, "organization", last)
        if lb in office_lasts:
            for p in office_lasts[lb]:
                n = len(p)
                if j - n >= i and tuple(bases[j - n : j]) == p:
                    if not self._name_after_office(last):
                        return _NP(i, j, "office", last)
                    break
        gender = ""
        male, female = self.male, self.female
        if j - i == 1:  # one word: two set tests, no slice
            gender = "m" if lb in male else "f" if lb in female else ""
        else:
            run = bases[i:j]
            if not (male.isdisjoint(run) and female.isdisjoint(run)):  # most runs have none
                for k in range(last, i - 1, -1):  # the last gendered word decides
                    b = bases[k]
                    if b in male:
                        gender = "m"
                        break
                    if b in female:
                        gender = "f"
                        break
        person, office, organization = self.person, self.office, self.organization
        cap_last = caps[last]
        vocab_last = lb in person or lb in office
        if vocab_last and cap_last and last - 1 >= i and caps[last - 1]:
            if norms[last - 1] not in _FUNCTION:
                pn = bases[last - 1]
                # "Martin Luther King" is a name; "Foreign Minister", "Velmoran Officials" are
                # not
                vocab_last = (
                    pn in self.title
                    or pn in office
                    or pn in self.demonym
                    or pn in organization
                    or self._is_place_run(last - 1, last)
                    or pn in self._countries_adj
                )
        if cap_last and not vocab_last and lb not in organization:
            if lb in self.document:
                return _NP(i, j, "document", last)
            if lb in self.non_speaker:
                return None
            # the capitalized run at the end of the head run is a name
            s = last
            particle, poss = self.particle, self.poss
            while s - 1 >= i and (
                caps[s - 1] or (norms[s - 1] in particle and s - 2 >= i and caps[s - 2])
            ):
                if poss[s - 1]:
                    break
                s -= 1
            if s < last:  # (a one-word run has no prefix to strip)
                s = self.strip_name_prefix(s, last)
            if lb in self.non_person or (s == last and norms[last] in _FUNCTION):
                return None
            if s == last and (lb in self.demonym or lb in self.title):
                return None  # "a Republican", "the Premier" alone is not a name
            # countries and acronyms speak as bodies: "Russia said", "NATO said"
            if self._is_place_run(s, j) or (j - s == 1 and self._acronym(last)):
                return _NP(i, j, "organization", last)
            return _NP(i, j, "named", last, s, j, False, gender)
        if lb in office or norms[last] in office:
            plural = self._plural(last, "office")
            return _NP(i, j, "office", last, -1, -1, plural, gender)
        if lb in person or (j - i == 1 and lb in _QUANT_HEADS):
            plural = self._plural(last, "person") or lb in _QUANT_HEADS
            return _NP(i, j, "person", last, -1, -1, plural, gender)
        if lb in organization:
            return _NP(i, j, "organization", last, -1, -1, lb.endswith("ies"))
        if lb in self.document:
            return _NP(i, j, "document", last)
        return None

    def strip_name_prefix(self, s: int, last: int) -> int:
        """Skip titles, demonyms, offices and function words before a name ("the Saudi Crown
        Prince Mohammad bin Salman" -> "Mohammad bin Salman"); never past ``last``."""
        norms, bases, kinds = self.norms, self.bases, self.kinds
        title, office, demonym = self.title, self.office, self.demonym
        title_firsts, office_firsts = self.title_firsts, self.office_firsts
        place, countries, place_phrases = self.place, self._countries, self.place_phrases
        while s < last:
            n = norms[s]
            # the longest title or office phrase starting here, within the run
            if n in title_firsts or n in office_firsts:
                m = 0
                for firsts in (title_firsts, office_firsts):
                    for p in firsts.get(n, ()):
                        k = len(p)
                        if k <= m:
                            break
                        if s + k <= last + 1 and tuple(norms[s : s + k]) == p:
                            m = k
                            break
                if m and s + m <= last:
                    s += m
                    continue
            b = bases[s]
            # (set tests first; the string method and the tuples only when they fail)
            if (
                n in title
                or n in demonym
                or n in office
                or n in _FUNCTION
                or b in place  # a place name (``_is_place_run`` of one token)
                or kinds[s] == "punct"
                or (n[-1] == "." and n.rstrip(".") in title)  # "Gen."
                or (b,) in countries
                or (b,) in place_phrases
            ):
                s += 1
                continue
            break
        return s

    def _prepare_raw(self) -> None:
        """Per-document lookups for ``_find_raw`` (built once per document, before the pass)."""
        # anonymity cue positions as a set: "is there a cue at token k" without a bisection
        self._cue_set = set(self._anonymity_cues)

    def _name_after_office(self, k: int) -> bool:
        return k + 1 < self.n_toks and self.caps[k + 1] and self.is_word[k + 1]

    def _plural(self, k: int, cat: str) -> bool:
        n = self.bases[k]
        if n in {"people", "men", "women", "children", "police", "staff", "media"}:
            return True
        if not n.endswith("s"):
            return n.endswith("men")
        for cut in (1, 2):
            if n[:-cut] in self.v.sets[cat] and n[:-cut] != n:
                return True
        return n.endswith("ies") and n[:-3] + "y" in self.v.sets[cat]

    # -- noun phrases ending before a verb ----------------------------------------------------
    def clause_start(self, e: int, lo: int) -> int:
        """First token of the clause that ends at token ``e`` (scanning back to ``lo``)."""
        norms, kinds, in_quote = self.norms, self.kinds, self.in_quote
        starts, ends = self.starts, self.ends
        verbs, verb_end = self.verbs, self.verb_end
        k = e
        while k > lo:
            p = k - 1
            if in_quote[p]:
                break
            n = norms[p]
            # ("'" and "." are punctuation; the boundary words are words)
            if kinds[p] == "punct":
                if n == "'":
                    if not (p > 0 and self.poss[p - 1]):
                        break  # a closing single quote, not "officials'"
                elif n == ".":
                    if not (p > 0 and ends[p - 1] == starts[p]):
                        break
                elif n != "&":
                    # only a hyphen glued to both neighbours ("Trump-appointed") continues
                    if not (n == "-" and starts[p] == ends[p - 1] and ends[p] == starts[k]):
                        break
            elif n in _BOUNDARY and not (n == "and" and self.caps[p - 1] and self.caps[k]):
                break
            if p in verbs or (p in verb_end and verb_end[p] != p):
                break
            k -= 1
        return k

    def np_ending_at(self, e: int, lo: int) -> _NP | None:
        """A speaker NP whose last token is ``e`` (inclusive), not reaching before ``lo``."""
        if e < lo or self.in_quote[e]:
            return None
        cs = self.clause_start(e, lo)
        return self.parse_np(cs, e + 1, whole=True)

    def parse_np(self, i: int, j: int, whole: bool) -> _NP | None:
        """Parse tokens ``i``..``j`` as a speaker NP: DET? MOD* HEAD POST*.

        With ``whole`` the NP must cover the range (after dropping a fronted adverb or a
        prepositional phrase); otherwise the NP starts at ``i`` and may stop early.
        """
        norms, caps = self.norms, self.caps
        if i < j and norms[i] in _QUANT_START:
            i = self._skip_quantifier(i, j)
        while i < j:
            n = norms[i]
            if n in _NP_SKIP or (not caps[i] and len(n) > 4 and n.endswith("ly")):
                i += 1
            else:
                break
        if i < j and norms[i] in _QUANT_START:
            i = self._skip_quantifier(i, j)
        if i >= j or (whole and j - i > 18):
            return None
        n = norms[i]
        if n in _PREPS or (n in _BOUNDARY and n != "that"):
            if not whole:
                return None
            # a fronted phrase without a comma: "On Tuesday the ministry said"
            for k in range(i + 1, j):
                if norms[k - 1] in _PREPS or norms[k - 1] in _DETS:
                    continue
                np = self.parse_np(k, j, whole=True)
                if np is not None:
                    return np
            return None
        # the head run: up to the first post-modifier
        kinds, bases, poss = self.kinds, self.bases, self.poss
        starts, ends, verbs = self.starts, self.ends, self.verbs
        if kinds[i] == "punct" and n != "&" and n != "-":
            return None  # the first token: only punctuation ends the run here
        p = i + 1
        while p < j:
            n = norms[p]
            if n in _HEAD_STOPS:
                if (
                    n == "of"
                    and p + 1 < j
                    and caps[p - 1]
                    and caps[p + 1]
                    and (bases[p - 1] in self.organization or bases[p - 1] in self.office)
                ):
                    p += 1  # "the Ministry of Industry", "the Secretary of State"
                    continue
                break
            cap = caps[p]
            if not cap and n in _POST_ADJ:
                break
            if kinds[p] == "punct":
                if n == "'":
                    if not poss[p - 1]:
                        break
                elif n != "&" and n != "-":
                    # an abbreviation's period: "Lt. Gen."
                    if not (n == "." and starts[p] == ends[p - 1] and len(norms[p - 1]) <= 4):
                        break
            # ("'" in n first: str.endswith parses its arguments on every call)
            if p in verbs or n in _AUX or ("'" in n and n.endswith("n't")):
                if whole:
                    return None
                break
            if not cap:
                if not whole and (
                    n in _ADVERBS or (n.endswith("ly") and len(n) > 4) or self._finite_verb_like(p)
                ):
                    break
                if n.endswith("ed") and p + 1 < j and kinds[p] != "punct":
                    if norms[p + 1] in _PREPS:  # "data released by …", "marchers interviewed by"
                        break
            p += 1
        if whole:
            np = self._head(i, p)
            if np is not None and np.plural and norms[i] in ("a", "an"):
                # "a move Kremlin officials denounced": "a" cannot go with "officials"
                for k in range(i + 2, np.head + 1):
                    if caps[k]:
                        return self.parse_np(k, j, whole=True)
                return None
        else:
            # the longest prefix that is a speaker NP ("Trump took pains" -> "Trump")
            np = None
            for q in range(p, i, -1):
                np = self._head(i, q)
                if np is not None:
                    if q < p:
                        return self._finish(np, i, q, q)
                    break
        if np is None:
            return None
        end = j if whole else self._post_end(p, j)
        return self._finish(np, i, p, end)

    def _skip_quantifier(self, i: int, j: int) -> int:
        """Skip "more than", "at least", "dozens of" before a head ("more than a dozen
        marchers" -> "a dozen marchers")."""
        n = self.norms
        if i + 1 < j:
            a, b = n[i], n[i + 1]
            if (b == "than" and a in ("more", "fewer", "less")) or (
                a == "at" and b in ("least", "most")
            ):
                i += 2
        if i < j and n[i] in _APPROX:
            i += 1
        if i + 1 < j and n[i + 1] == "of" and n[i] in _QUANT_OF:
            i += 2
        if i + 2 < j and n[i] == "a" and n[i + 2] == "of" and n[i + 1] in _A_QUANT_OF:
            i += 3
        return i

    def _finite_verb_like(self, k: int) -> bool:
        """A lowercase past-tense verb, not a noun of the vocabularies ("thanked", "met")."""
        n = self.norms[k]
        if self.bases[k] in self.role_nouns:
            return False
        nxt = self.norms[k + 1] if k + 1 < len(self.norms) else ""
        return n in _PAST_VERBS or (n.endswith("ed") and len(n) > 4 and nxt != "by")

    def _adverb(self, k: int) -> bool:
        n = self.norms[k]
        return n in _ADVERBS or (n.endswith("ly") and len(n) > 4)

    def _head(self, i: int, p: int) -> _NP | None:
        # a possessive at the end of the head run modifies something we did not keep
        n = self.norms[p - 1]
        if ("'" in n and n.endswith("'s")) or (p - 1 > i and n == "'" and self.poss[p - 2]):
            return None
        return self.classify_run(i, p)

    def _finish(self, np: _NP, i: int, p: int, end: int) -> _NP | None:
        np.j = end
        if np.kind == "pronoun" and end != p:
            return None
        if np.kind == "named" and np.name_j > p:
            np.name_j = p
        # ``has_anonymity(i, end)`` without the method call (this runs for every NP)
        cues = self._anonymity_cues
        c = bisect_left(cues, i)
        np.anonymous_cue = c < len(cues) and cues[c] < end
        return np

    def _post_end(self, p: int, j: int) -> int:
        """End of post-modifiers of an NP whose head run ends at ``p`` (for NPs after a verb)."""
        if p >= j:
            return p
        norms = self.norms
        n = norms[p]
        relative = n in {"who", "whose", "that"}
        if not (
            relative or n in _PREPS or n in _POST_ADJ or (n.endswith("ed") and not self.caps[p])
        ):
            return p
        in_quote, kinds, verbs = self.in_quote, self.kinds, self.verbs
        k = p
        while k < j:
            n = norms[k]
            if in_quote[k] or (kinds[k] == "punct" and n not in {"'", "&", "-"}):
                break
            if k > p and ((k in verbs and not relative) or n in {"and", "but", "while", "as"}):
                break
            k += 1
        return k

    def has_anonymity(self, i: int, j: int) -> bool:
        """An anonymity cue (a word or the start of a phrase) at a token in ``i``..``j``."""
        cues = self._anonymity_cues
        n = bisect_left(cues, i if i > 0 else 0)
        return n < len(cues) and cues[n] < j

    def _find_anonymity_cues(self) -> list[int]:
        """Sorted token positions where an anonymity word or phrase starts."""
        norms, v = self.norms, self.v
        index = self.doc.norm_index()
        words = v.sets["anonymity"]
        out = {k for norm in index.keys() & words for k in index[norm]}
        # phrases ("on condition of anonymity"): each looked for at the occurrences of its
        # rarest word ("anonymity"), not at every "on" of the text
        for p in v.phrases.get("anonymity", ()):
            rarest = min(range(len(p)), key=lambda o: len(index.get(p[o], ())))
            size = len(p)
            for m in index.get(p[rarest], ()):
                k = m - rarest
                if k >= 0 and tuple(norms[k : k + size]) == p:
                    out.add(k)
        return sorted(out)

    # -- subjects ------------------------------------------------------------------------------
    def subject(self, v: int, lo: int) -> tuple[_NP | None, int]:
        """The subject of the speech verb at token ``v``: ``(np, -1)``, ``(None,
        pronoun_token)`` or ``(None, -1)``, whatever ``subject_scan``'s flags say."""
        return self.subject_ending(self.subject_scan(v, lo)[0], v, lo)

    def subject_scan(self, v: int, lo: int) -> tuple[int, bool, bool, bool, bool]:
        """The first half of ``subject``: step back from the verb at ``v`` over auxiliaries,
        negation, adverbs and "to"; returns the token where the subject ends (``< lo``: none)
        and the flags ``negated``, ``hypothetical``, ``passive``, ``declined``.  Callers that
        reject negated or hypothetical speech acts test the flags before they pay for
        ``subject_ending``.  (Plain booleans, not a dict of them: this runs for every
        speech verb.)"""
        negated = hypothetical = declined = False
        norms, in_quote = self.norms, self.in_quote
        k = v - 1
        be_seen = False
        crossed_to = False
        while k >= lo:
            n = norms[k]
            if in_quote[k]:
                break
            # most subjects end right before the verb: a set test and a last-letter test
            # ("-n't", "-ly") rule out every step below
            if n not in _SUBJECT_STEPS and n[-1] not in "ty":
                break
            if n in _AUX or n.endswith("n't"):
                if n.endswith("n't"):
                    negated = True
                    n = n[:-3] if n != "can't" else "can"
                if n in _HYPOTHETICAL or n in ("wouldn", "couldn", "shouldn", "mightn"):
                    hypothetical = True
                if (n in _BE or n in ("isn", "wasn", "aren", "weren")) and not crossed_to:
                    be_seen = True  # "is expected", not "are said to have warned"
                k -= 1
                continue
            if n in _NEG:
                negated = True
                k -= 1
                continue
            if (n in _ADVERBS or (n.endswith("ly") and len(n) > 4)) and not self.caps[k]:
                k -= 1
                continue
            if n == "to" and k - 1 >= lo and self.is_word[k - 1] and not self.caps[k - 1]:
                prev = norms[k - 1]
                if prev in _DECLINE:
                    declined = True
                if prev in _NOT_YET:
                    hypothetical = True  # "is expected to announce", "wants to say"
                if prev in _PREPS and prev != "on" or prev in _SUBJ_PRON:
                    break
                if prev == "on" and k - 2 >= lo and norms[k - 2] in ("went", "go", "goes", "going"):
                    k -= 3
                    continue
                if prev in ("according",):
                    break
                k -= 2
                crossed_to = True
                continue
            break
        passive = be_seen and not norms[v].endswith("ing")
        return k, negated, hypothetical, passive, declined

    def subject_ending(self, k: int, v: int, lo: int) -> tuple[_NP | None, int]:
        """The second half of ``subject``: the NP or pronoun ending at token ``k``."""
        if k < lo:
            return None, -1
        norms = self.norms
        n = norms[k]
        if n in _SUBJ_PRON:
            return None, k
        if (
            "'" in n
            and n.split("'")[0] in _SUBJ_PRON
            and n.split("'")[1] in ("s", "d", "ve", "ll", "re")
        ):
            return None, k
        if n in ("who", "that"):
            ant = self._antecedent(k, lo)
            return ant, -1
        if n == ",":
            return self._appositive_subject(k, lo), -1
        if n == ")":
            o = k - 1
            while o >= lo and norms[o] != "(" and k - o < 12:
                o -= 1
            if o >= lo and norms[o] == "(":
                return self.np_ending_at(o - 1, lo), -1
            return None, -1
        np = self.np_ending_at(k, lo)
        if np is not None:
            return np, -1
        # "a senior official who spoke on condition of anonymity told …"
        for w in range(k - 1, max(lo, k - 14) - 1, -1):
            if self.in_quote[w] or self.kinds[w] == "punct":
                break
            if self.norms[w] == "who":
                ant = self._antecedent(w, lo)
                if ant is not None:
                    ant.anonymous_cue = ant.anonymous_cue or self.has_anonymity(w, v)
                return ant, -1
        return None, -1

    def _antecedent(self, who: int, lo: int) -> _NP | None:
        k = who - 1
        if k >= lo and self.norms[k] == ",":
            k -= 1
        np = self.np_ending_at(k, lo)
        if np is None:
            return None
        # "Ekberg, a 19-year-old student who said …": the name before the appositive
        if np.kind != "named" and np.i - 1 > lo and self.norms[np.i - 1] == ",":
            name = self.np_ending_at(np.i - 2, lo)
            if name is not None and name.kind == "named":
                name.app = (np.i, np.j)
                name.anonymous_cue = False
                return name
        np.anonymous_cue = np.anonymous_cue or self.has_anonymity(who, who + 12)
        return np

    def _appositive_subject(self, comma: int, lo: int) -> _NP | None:
        """``X, the foreign minister, said`` / ``Officials, speaking on condition …, said`` /
        ``Feld, who has called for …, blamed``: the NP before the appositive."""
        norms, in_quote = self.norms, self.in_quote
        k = comma - 1
        while k >= lo and norms[k] != "," and comma - k < 40:
            if in_quote[k] or norms[k] in {";", ":", "(", ")"}:
                return None
            k -= 1
        if k < lo or norms[k] != ",":
            return None
        app = (k + 1, comma)
        if not self._appositive_like(app[0], app[1]):
            return None
        np = self.np_ending_at(k - 1, lo)
        if np is None and not any(self.kinds[m] == "num" for m in range(app[0], app[1])):
            # "The regime's mouthpiece, the Dastrava National News Agency, touted": the
            # appositive names the speaker when the noun before it is not a speaker noun
            inner = self.parse_np(app[0], app[1], whole=True)
            if inner is not None and inner.kind in ("named", "organization", "office"):
                return inner
        if np is None:
            # "Jones, 52, a former teacher, said": skip the age
            k2 = k - 1
            while k2 >= lo and k - k2 <= 4 and self.norms[k2] != ",":
                k2 -= 1
            if (
                k2 > lo
                and self.norms[k2] == ","
                and any(self.kinds[m] == "num" for m in range(k2 + 1, k))
            ):
                np = self.np_ending_at(k2 - 1, lo)
        if np is None:
            return None
        np.app = app
        if self.has_anonymity(app[0], app[1]):
            np.anonymous_cue = True
        # (a named subject keeps its own name: only parse the appositive for the others)
        inner = self.parse_np(app[0], app[1], whole=False) if np.kind != "named" else None
        if inner is not None and inner.kind == "named":
            inner.app = (np.i, np.j)
            return inner
        # "Oskar Brel, Dastrava's foreign minister, who led the talks, said": a chain
        if np.kind != "named" and np.i - 2 >= lo and self.norms[np.i - 1] == ",":
            name = self.np_ending_at(np.i - 2, lo)
            if name is not None and name.kind == "named":
                name.app = (np.i, app[1])
                name.anonymous_cue = False
                return name
        male, female = self.v.sets["male"], self.v.sets["female"]
        for m in range(app[0], app[1]):
            if self.norms[m] in male:
                np.gender = np.gender or "m"
            elif self.norms[m] in female:
                np.gender = np.gender or "f"
        return np

    def _appositive_like(self, i: int, j: int) -> bool:
        """An appositive, a relative clause or a participle phrase between commas."""
        if i >= j:
            return False
        n = self.norms[i]
        if n in {"who", "which", "whose", "whom"} or n.endswith(("ing", "ed")):
            return True
        # otherwise no speech verb (that would be a clause of its own) and an NP-like start:
        # the first verb at or after ``i`` (by bisection) must come at ``j`` or later
        vl = self.verb_list
        at = bisect_left(vl, i)
        return at == len(vl) or vl[at] >= j

    def _cue_verb(self, k: int) -> bool:
        """A verb that belongs to an anonymity cue ("speaking on condition of anonymity")."""
        return self.has_anonymity(k, min(k + 6, self.n_toks))

    def np_after(self, i: int, hi: int) -> _NP | None:
        """A speaker NP starting at ``i`` (inverted frames, ``according to X``)."""
        while i < hi and self.norms[i] in ("by",):
            i += 1
        if i >= hi:
            return None
        np = self.parse_np(i, hi, whole=False)
        if np is None:
            return None
        # an appositive after a comma: "said Jane Doe, a spokeswoman for the ministry."
        e = np.j
        if e < hi and self.norms[e] == ",":
            a_end = e + 1
            while (
                a_end < hi
                and self.norms[a_end] not in {",", ".", ";", ":"}
                and not self.in_quote[a_end]
            ):
                a_end += 1
            inner = self.parse_np(e + 1, a_end, whole=False)
            if inner is not None and inner.kind != "pronoun":
                np.app = (e + 1, a_end)
                np.anonymous_cue = np.anonymous_cue or self.has_anonymity(e + 1, a_end)
                if np.kind != "named" and inner.kind == "named":
                    inner.app = (np.i, np.j)
                    return inner
        return np

    def sentence_subject(self, lo: int, hi: int, before: int) -> _NP | tuple[int] | None:
        """The subject of a sentence's main clause: the first NP at a clause start before
        token ``before``; a pronoun is returned as a 1-tuple of its token index."""
        starts = [lo] + [k + 1 for k in range(lo, before) if self.norms[k] == ","]
        for s in starts:
            while s < before and (self.kinds[s] == "punct" or self.in_quote[s]):
                s += 1
            if s >= before:
                continue
            if self.norms[s] in _SUBJ_PRON:
                return (s,)
            np = self.parse_np(s, before, whole=False)
            if np is not None and np.kind != "pronoun":
                return np
        return None

    # -- content of indirect speech -------------------------------------------------------------
    def content(self, k: int, hi: int, lemma: str) -> tuple[int, int] | None:
        """Token range of the reported clause starting at token ``k`` (or None if empty)."""
        norms = self.norms
        start = k
        if (
            lemma in _ADDRESSEE
            and k < hi
            and (
                norms[k] in _OBJ_PRON
                or norms[k] in _DETS
                or self.caps[k]
                or self.bases[k] in self.addressees
            )
        ):
            m = k
            while m < hi and m - k <= 5 and self.kinds[m] == "word" and not self.in_quote[m]:
                if norms[m] in ("that", ":") or (norms[m] == "to" and m > k):
                    break
                m += 1
            if m < hi and m - k <= 5 and norms[m] in ("that", "to") and m > k:
                start = m + 1 if norms[m] == "that" else m
            elif k < hi and norms[k] in _OBJ_PRON:
                start = k + 1
            else:
                np = self.parse_np(k, hi, whole=False)
                e = np.head + 1 if np is not None else k
                if (
                    np is not None
                    and e < hi
                    and (
                        norms[e] in _SUBJ_PRON
                        or norms[e] in {"the", "a", "an", "there"}
                        or self.caps[e]
                    )
                ):
                    start = e
        if lemma not in _AS_VERBS and lemma != "nominal":
            # "said on Monday that …", "said in a statement that …": skip the adjunct, up
            # to seven words before a "that" (found by a slice search: most clauses have none)
            window = norms[start : min(hi, start + 7)]
            if "that" in window:
                m = start + window.index("that")
                if self.kinds[start:m].count("word") == m - start and (
                    m == start
                    or norms[start] in _PREPS
                    or norms[start] in _TIME_WORDS
                    or self._adverb(start)
                ):
                    start = m
        if start < hi and norms[start] == "that" and lemma not in _AS_VERBS:
            start += 1
        if start < hi and norms[start] == "as" and lemma in _AS_VERBS:
            start += 1
        in_quote, is_word = self.in_quote, self.is_word
        e = at = start
        while at < hi:
            # A ``for`` over the tokens up to the first stop (the hot loop of this pass); a
            # comma that opens an appositive restarts the scan after the appositive.
            skip = 0
            for e in range(at, hi):
                if in_quote[e]:
                    break
                n = norms[e]
                if is_word[e]:
                    if n in _COORDINATORS and e + 1 < hi and e > start and self._new_clause(e, hi):
                        break
                    continue
                if n in _CLAUSE_END_PUNCT or n in ".!?":
                    break
                if n == "-" and e + 1 < hi and norms[e + 1] == "-":
                    break
                if n == ",":
                    skip = self._inner_appositive(e, hi)
                    break
            else:
                e = hi  # no stop: the clause runs to ``hi``
            if not skip:
                break
            at = e = skip
        if e <= start:
            return None
        return start, e

    def _new_clause(self, e: int, hi: int) -> bool:
        """The "and"/"but" at token ``e`` starts a new clause ("… and he added …")."""
        norms, verbs, caps = self.norms, self.verbs, self.caps
        if e + 1 in verbs or (e + 2 < hi and e + 2 in verbs and self._adverb(e + 1)):
            return True
        if norms[e + 1] in _SUBJ_PRON or (caps[e + 1] and self.poss[e + 1]):
            return True
        return caps[e + 1] and e + 2 < hi and (e + 2 in verbs or e + 3 in verbs)

    def _inner_appositive(self, comma: int, hi: int) -> int:
        """If ``comma`` opens an appositive that a second comma closes before the clause goes
        on ("the suspect, a 34-year-old man, was arrested"), the token after the second
        comma; else 0."""
        n = self.norms
        if comma + 1 >= hi or n[comma + 1] not in {"a", "an", "the", "who", "which", "whose"}:
            if not (comma + 1 < hi and self.kinds[comma + 1] == "num"):
                return 0
        for m in range(comma + 1, min(comma + 14, hi)):
            if self.in_quote[m] or n[m] in {";", ":", ".", "(", ")"}:
                return 0
            if n[m] == ",":
                if (
                    m + 1 < hi
                    and self.is_word[m + 1]
                    and not self.caps[m + 1]
                    and m + 1 not in self.verbs
                ):
                    return m + 1
                return 0
        return 0

    def tok_span(self, i: int, j: int) -> tuple[int, int]:
        return self.starts[i], self.ends[j - 1]


# -- names -----------------------------------------------------------------------------------------
class _NameIndex:
    """Capitalized name runs of the whole text: person mentions, surname links, countries."""

    def __init__(self, a: _Analyzer) -> None:
        self.a = a
        self.runs: list[tuple[int, int]] = []  # (i, j) of person-name runs outside quotes
        self.keys: list[tuple[str, ...]] = []  # the bases of each run, parallel to ``runs``
        self._first_at: dict[tuple[str, ...], int] | None = None  # built once runs are final
        self._titled: set[tuple[str, ...]] = set()
        self._initial_only: dict[tuple[str, ...], bool] = {}
        self._described: set[str] = set()  # names given a role in an appositive
        # ``_non_person_key``'s answers: a text repeats few distinct names many times
        self._key_verdicts: dict[tuple[str, ...], bool] = {}
        self._collect()
        self.canonical: dict[tuple[str, ...], str] = {}
        self._key_counts: Counter[tuple[str, ...]] = Counter()  # runs per key (``_link``)
        self._link()
        self._offices: dict[str, set[str]] = {}
        self._register_offices()

    def _collect(self) -> None:
        a = self.a
        caps, in_quote, sents, kinds = a.caps, a.in_quote, a.sents, a.kinds
        norms, bases, poss = a.norms, a.bases, a.poss
        initial, verbs = a._initial, a.verbs
        title, office = a.title, a.office
        particles = a.particle
        headings = [s.heading for s in a.doc.sentences]
        runs, keys = self.runs, self.keys
        titled_keys, initial_only = self._titled, self._initial_only
        # a run is not a person if ``_non_person_key`` (asked once per distinct key) or
        # ``_non_person_here`` says so (methods called as methods, not through local names:
        # compiled, a bound method is a generic call)
        # "a capitalized word outside quotations" and "a name particle outside quotations"
        # in one set lookup each: the tests that end almost every run.  Particles are rare
        # words, so the norm index has their positions
        cap_word = set(a.cap_words)
        index = a.doc.norm_index()
        particle_at = {
            k
            for w in index.keys() & particles
            for k in index[w]
            if kinds[k] == "word" and not in_quote[k]
        }
        word_verdicts: dict[str, bool] = {}  # one-word runs: norm -> not a person by its norm

        def word_not_person(i: int) -> bool:
            """A one-word run at ``i`` is no person by its norm alone (a title, an office,
            ``_non_person_key``): every test but the neighbours' looks at the norm only,
            so it is answered once per distinct norm."""
            w = norms[i]
            verdict = word_verdicts.get(w)
            if verdict is None:
                b = bases[i]
                verdict = word_verdicts[w] = w in title or b in office or self._non_person_key((b,))
            return verdict

        prefixes: dict[tuple[str, ...], tuple[int, bool, tuple[str, ...] | None]] = {}
        k = 0
        n = len(kinds)
        # jump from one capitalized word outside quotations to the next (the only tokens
        # that can start a run) instead of stepping through every token
        for start in a.cap_words:
            if start < k:
                continue
            sent = sents[start]
            if headings[sent]:
                k = start + 1
                continue
            i = start
            # the start is a capitalized word outside quotations: the run has it already
            j = start + 1
            if not poss[start]:
                while True:
                    if j in cap_word:
                        if sents[j] != sent:
                            break
                        j += 1
                        if poss[j - 1]:
                            break
                    elif (
                        j in particle_at
                        and sents[j] == sent
                        and j + 1 < n
                        and caps[j + 1]
                        and kinds[j + 1] == "word"
                    ):
                        j += 1  # "Mohammad bin Salman"
                    else:
                        break
            k = j
            if j - i == 1:
                # One word (most runs): the same tests as below, in an order that rejects
                # most words with one dict lookup.
                if word_not_person(i) or i in verbs:
                    continue
                is_initial = i in initial
                if is_initial and (norms[i] in _FUNCTION or a._written_lowercase(bases[i])):
                    continue
                key: tuple[str, ...] = (bases[i],)
                if self._non_person_here(key, i, j):
                    continue
                runs.append((i, j))
                keys.append(key)
                if is_initial:
                    initial_only.setdefault(key, True)
                else:
                    initial_only[key] = False
                continue
            # drop sentence-initial function words and words the text also writes in lowercase
            while i < j and (
                (i in initial and (norms[i] in _FUNCTION or a._written_lowercase(bases[i])))
                or i in verbs
            ):
                i += 1
            titled = False
            if j - i == 1:  # one word left: as above
                if word_not_person(i):
                    continue
                key = (bases[i],)
            elif i < j:
                # the title prefix and the verdict depend on the run's words only: worked
                # out once per distinct run
                words = tuple(norms[i:j])
                found = prefixes.get(words)
                if found is None:
                    found = prefixes[words] = self._strip_prefix(i, j)
                skip, titled, stripped = found
                if stripped is None:
                    continue
                key = stripped
                i += skip
            else:
                continue
            if self._non_person_here(key, i, j):
                continue  # not a person
            runs.append((i, j))
            keys.append(key)
            if titled:
                titled_keys.add(key)
            if j - i == 1 and i in initial:
                initial_only.setdefault(key, True)
            elif j - i == 1:
                initial_only[key] = False

    def _strip_prefix(self, i: int, j: int) -> tuple[int, bool, tuple[str, ...] | None]:
        """For a run ``i``..``j`` of two words or more: how many words of title, office and
        the like to strip from its front, whether one was a title or an office, and the key
        of the rest (None if its words alone say it is not a person)."""
        a = self.a
        norms, bases, title, office = a.norms, a.bases, a.title, a.office
        s = a.strip_name_prefix(i, j - 1)
        titled = any(norms[m] in title or bases[m] in office for m in range(i, s))
        if s == j - 1 and (norms[s] in title or bases[s] in office):
            return s - i, titled, None
        key = tuple(bases[s:j])
        verdict = self._key_verdicts.get(key)
        if verdict is None:
            verdict = self._key_verdicts[key] = self._non_person_key(key)
        return s - i, titled, None if verdict else key

    def _non_person_key(self, key: tuple[str, ...]) -> bool:
        """A capitalized run that is not a person (a place, a body, a title …), by the tests
        that look at the run's bases only: the same for every occurrence of the name.
        ``_non_person_here`` has the tests of one occurrence."""
        a = self.a
        last = key[-1]
        if (
            (len(key) == 1 and last in a.place)
            or key in a.place_phrases
            or key in a._countries
            or key in a.org_phrases
        ):
            return True
        if not a.non_person.isdisjoint(key) or last in a.organization:
            return True
        if last in a.demonym or key in a.demonym_phrases:
            return True  # "North Korean leader"
        if last in a._countries_adj or last in a.place_head or last in _FUNCTION:
            return True  # "Velmoran", "Regent Street", "Fair Fares Now"
        if (last in a.person or last in a.office) and len(key) > 1:
            return True  # "Regent Street Traders", "Velmoran Officials"
        return last in a.office or last in a.document or last in a.non_speaker

    def _non_person_here(self, key: tuple[str, ...], i: int, j: int) -> bool:
        """The tests that look at this occurrence: its neighbours and its spelling."""
        a = self.a
        norms, bases = a.norms, a.bases
        if (
            i >= 2
            and norms[i - 1] in ("for", "of", "on")
            and a.caps[i - 2]
            and (bases[i - 2] in a.organization or bases[i - 2] in a.place_head)
        ):
            return True  # "Carnegie Endowment for International Peace"
        text, starts = a.text, a.starts
        # an acronym's first two characters are not lowercase: "Trump" is decided there
        # without a call of ``_acronym``
        s0 = starts[i]
        maybe_acronym = text[s0] == "." or not text[s0 + 1 : s0 + 2].islower()
        if j - i > 1:
            # a dateline: "HARLOW POINT"
            return maybe_acronym and all(a._acronym(m) for m in range(i, j))
        w = key[0]
        if "-" in w and all(p and p[0].isalpha() for p in w.split("-")):
            parts = text[s0 : a.ends[i]].split("-")
            if all(p[:1].isupper() for p in parts):
                return True  # "Trump-Kim summit": a compound modifier, not a mention
        if maybe_acronym and a._acronym(i):
            return True
        if i - 1 >= 0 and norms[i - 1] in _LOCATIVE and not a.poss[i]:
            return True  # "in Hanoi"
        # a following lowercase modifier noun: "Trump administration officials"
        return (
            j < len(norms)
            and (norms[j] in a.organization or norms[j] in a.person)
            and not a.poss[i]
            and j + 1 < len(norms)
            and (norms[j + 1] in a.person or norms[j + 1] in a.office)
        )

    def _link(self) -> None:
        a = self.a
        # mentions per distinct key, in order of first mention (counted at C speed)
        self._key_counts = counts = Counter(self.keys)
        single = Counter({key[0]: n for key, n in counts.items() if len(key) == 1})
        full = [key for key in counts if len(key) > 1]  # the multiword names
        particles = a.particle
        for key in full:
            particle = any(w in particles for w in key[1:-1])
            first, last = key[0], key[-1]
            if particle:
                name = self._display(key)
            elif single[first] > single[last]:
                name = self._display((first,))
            else:
                name = self._display((last,))
            self.canonical[key] = name
            # the surname alone names the person; the first name does unless it names
            # someone already
            self.canonical[(last,)] = name
            self.canonical.setdefault((first,), name)
        for w in single:
            self.canonical.setdefault((w,), self._display((w,)))

    def _display(self, key: tuple[str, ...]) -> str:
        # the surface spelling of the first run with these norms
        if self._first_at is None:
            self._first_at = self._first_positions()
        s = self._first_at.get(key)
        if s is None:
            return " ".join(w.capitalize() for w in key)
        a = self.a
        txt = a.text[a.starts[s] : a.ends[s + len(key) - 1]]
        if a.poss[s + len(key) - 1] and a.norms[s + len(key) - 1].endswith("'s"):
            txt = txt[:-2]
        return txt

    def _first_positions(self) -> dict[tuple[str, ...], int]:
        """First token of the first occurrence (runs in order, left to right) of every
        sub-run's norms: ``_display`` looked this up by scanning all runs per call."""
        # a later run with the same key adds nothing: only each key's first run is read
        first_run: dict[tuple[str, ...], int] = {}
        for key, (i, _j) in zip(self.keys, self.runs):
            if key not in first_run:
                first_run[key] = i
        first: dict[tuple[str, ...], int] = {}
        for key, i in first_run.items():
            if len(key) == 1:  # most runs are one word
                first.setdefault(key, i)
                continue
            for n in range(1, len(key) + 1):
                for s in range(len(key) - n + 1):
                    first.setdefault(key[s : s + n], i + s)
        return first

    def name_of(self, i: int, j: int) -> str:
        a = self.a
        # the canonical names are final by now and most runs are one of their keys: a
        # lookup by the run's bases, with no cache by token range in front of it
        key = (a.bases[i],) if j - i == 1 else tuple(a.bases[i:j])
        name = self.canonical.get(key)
        if name is not None:
            return name
        if len(key) > 1:
            if any(w in a.particle for w in key[1:-1]):
                return self._surface(i, j)
            k2 = (key[-1],)
            return self.canonical.get(k2, self._surface(j - 1, j))
        return self._surface(i, j)

    def _surface(self, i: int, j: int) -> str:
        a = self.a
        txt = a.text[a.starts[i] : a.ends[j - 1]]
        if a.norms[j - 1].endswith("'s"):
            txt = txt[:-2]
        return txt

    def _register_offices(self) -> None:
        """Offices the text gives a named person: "Premier Lusine Ardani", "Oskar Brel,
        Dastrava's foreign minister"."""
        a = self.a
        sents, caps, is_word, bases, norms = a.sents, a.caps, a.is_word, a.bases, a.norms
        office, bounds = a.office, a.sent_bounds
        n = len(norms)
        for i, j in self.runs:
            # most runs have neither a capitalized word before them nor a comma on either
            # side: those are passed over on their neighbours alone, before any look at
            # their sentence
            comma_after = j < n and norms[j] == ","
            comma_before = i >= 2 and norms[i - 1] == ","
            if not (comma_after or comma_before or (i and caps[i - 1])):
                continue
            heads: list[str] = []
            si = sents[i]
            k = i - 1
            while k >= 0 and caps[k] and is_word[k] and sents[k] == si:
                if bases[k] in office:
                    heads.append(bases[k])
                    break
                k -= 1
            lo, hi = bounds[si]
            if comma_after and j < hi:
                np = a.parse_np(j + 1, hi, whole=False)
                if np is not None and np.kind == "office":
                    heads.append(bases[np.head])
                if (np is not None and np.kind in ("office", "person")) or (
                    j + 1 < hi and a.kinds[j + 1] == "num"  # "Jane Doe, 45,"
                ):
                    self._described.add(self.name_of(i, j))
            if comma_before and i - 2 >= lo:
                np = a.np_ending_at(i - 2, lo)
                if np is not None and np.kind == "office":
                    heads.append(bases[np.head])
            if heads:
                name = self.name_of(i, j)
                for h in heads:
                    self._offices.setdefault(h, set()).add(name)

    def office_holder(self, np: _NP) -> str | None:
        """The named holder of a definite office NP ("the Premier"), if the text names one."""
        a = self.a
        first = a.norms[np.i]
        if not (first == "the" or a.poss[np.i] or a.caps[np.head]):
            return None
        names = self._offices.get(a.bases[np.head], set())
        return next(iter(names)) if len(names) == 1 else None

    def people_evidence(self) -> _People:
        """What ``mentioned_people`` reads of this index, without the analyzer."""
        only_initial = [k for k in self._key_counts if len(k) == 1 and self._initial_only.get(k)]
        return _People(
            self.canonical,
            self._key_counts,
            frozenset(self._described),
            frozenset(self._titled),
            {key: self._display(key) for key in only_initial},
        )


class _People:
    """The name evidence ``people`` needs.  ``find`` leaves this on the document for
    ``summarize`` rather than the analyzer, whose per-token lists are as long as the text:
    they are freed as soon as ``find`` returns."""

    __slots__ = ("canonical", "mentions", "described", "titled", "initial_only_display")

    def __init__(self, canonical, mentions, described, titled, initial_only_display) -> None:
        self.canonical: dict[tuple[str, ...], str] = canonical
        self.mentions: Counter[tuple[str, ...]] = mentions  # runs per key, first mention first
        self.described: frozenset[str] = described  # names given a role in an appositive
        self.titled: frozenset[tuple[str, ...]] = titled
        #: the surface spelling of each one-word key only ever seen starting a sentence
        self.initial_only_display: dict[tuple[str, ...], str] = initial_only_display

    def people(self, speakers: AbstractSet[str] = frozenset()) -> Counter[str]:
        """Mention counts of the names that are clearly people: multiword names, names with
        a title or a role, names the text links to those, and ``speakers`` (named sources).
        A capitalized word with no such evidence ("Orrin", "Herons") is left out."""
        # everything below depends on a run's key only: decide once per distinct key (in
        # order of first mention, so the counts keep the order a pass over the runs gives)
        canonical, titled = self.canonical, self.titled
        strong: set[str] = set(self.described) | {s for s in speakers if s}
        for key in self.mentions:
            if len(key) > 1 or key in titled:
                strong.add(canonical[key])
        counts: Counter[str] = Counter()
        for key, n in self.mentions.items():
            name = canonical[key]
            if name not in strong:
                continue
            if name == self.initial_only_display.get(key):
                if name not in speakers and key not in titled:
                    continue  # only ever at the start of a sentence: "Negotiators", "Trouble"
            counts[name] += n
        return counts


# -- the pass ----------------------------------------------------------------------------------------
def _verb_tuple(a: _Analyzer, h: Hit) -> tuple[int, int, str, str]:
    return (h.start, h.end, h.entry.category, h.entry.term)


# merged word sets for the hot tests of the _Analyzer methods above: one lookup, not two or four
# words ``subject`` may step over between a verb and its subject (with "-n't" and "-ly" words)
_SUBJECT_STEPS: Final = _AUX | _NEG | _ADVERBS | {"to"}
# words ``parse_np`` skips before an NP, and the words that end its head run
_NP_SKIP: Final = _ADVERBS | _NP_OPENERS
_HEAD_STOPS: Final = _PREPS | _NP_STOP
# the words and punctuation that can end a reported clause (``content``)
_COORDINATORS: Final = frozenset({"and", "but"})
_CLAUSE_END_PUNCT: Final = frozenset({";", ":", "(", ")", "\u2014", "\u2013", "--"})


def _direct_tail(a: _Analyzer, v_end: int, q_first: int) -> bool:
    """Tokens between a verb and a quote make a direct frame: ``X said, "Q"`` / ``X said:``."""
    tail = list(range(v_end, q_first))
    while tail and a.kinds[tail[-1]] == "punct" and a.norms[tail[-1]] in ('"', "\u201c", "'"):
        tail.pop()
    if not tail:
        return True
    return a.norms[tail[-1]] in (",", ":") and len(tail) <= 12


def _clause_break(a: _Analyzer, i: int, j: int) -> bool:
    """A comma, semicolon, colon or dash between tokens ``i`` and ``j`` (a comma or colon
    right before the quotation is the frame's own)."""
    norms, verbs = a.norms, a.verbs
    e = j
    while e > i and norms[e - 1] in {",", ":", '"', "\u201c", "'", "\u2018"}:
        e -= 1
    for k in range(i, e):
        n = norms[k]
        if (
            n == ","
            or n in _CLAUSE_END_PUNCT
            or n in ".!?"
            or (n in _COORDINATORS and k + 1 in verbs)
        ):
            return True
    return False


def _starts_upper(q_text: str) -> bool:
    for c in q_text:
        if c.isalnum():
            return c.isupper() or c.isdigit()
    return False


def _find_raw(a: _Analyzer) -> list[_Raw]:
    a._prepare_raw()
    doc = a.doc
    raws: list[_Raw] = []
    used_verbs: set[int] = set()
    suppressed: set[int] = set()
    verb_raw: dict[int, int] = {}  # verb token -> raw index

    # Asked-clauses: "Asked whether …, Trump demurred." -- the question is the reporters'.
    # Only sentences holding one of the four participles can have one.
    index = doc.norm_index()
    asked_sents = sorted(
        {
            a.sents[k]
            for w in ("asked", "pressed", "questioned", "challenged")
            for k in index.get(w, ())
        }
    )
    for s in (doc.sentences[i] for i in asked_sents):
        k = s.tok_start
        while k < s.tok_end and a.kinds[k] == "punct":
            k += 1
        if k >= s.tok_end:
            continue
        first = a.norms[k]
        if first in ("when", "if", "once") and k + 1 < s.tok_end:
            k += 1
            first = a.norms[k]
        if first not in ("asked", "pressed", "questioned", "challenged") or not a.caps[k]:
            continue  # '"Are we safe?" asked one resident.' is an inverted frame
        main = None
        in_sent = a.verbs_in_sent.get(a.sents[k], [])
        for v in (x for x in in_sent if x > k):
            c = a.clause_start(v, s.tok_start)
            if c > k and a.norms[c - 1] == ",":
                np, pron = a.subject(v, c)
                if np is not None or pron >= 0:
                    main = c
        stop = main if main is not None else s.tok_end
        suppressed.update(x for x in in_sent if k <= x < stop)

    # 1. quotations
    q_tokens = a.q_tokens
    prev_quote_end_in_sent: dict[int, int] = {}
    in_quote, is_word, norms, verbs = a.in_quote, a.is_word, a.norms, a.verbs
    vl = a.verb_list
    # the "according to" verbs, in text order
    according = [k for k in vl if verbs[k].entry.term == "according to"]
    according_set = set(according)
    cue_set = a._cue_set
    sent_bounds, sents, verbs_in_sent = a.sent_bounds, a.sents, a.verbs_in_sent
    for qi, q in enumerate(doc.quotes):
        idxs = q_tokens.get(qi)
        if not idxs:
            continue
        qa, qb = idxs[0], idxs[-1]
        sa, sb = sents[qa], sents[qb]
        sa_lo, sa_hi = sent_bounds[sa]
        sb_lo, sb_hi = sent_bounds[sb]
        # (an earlier quotation's end in the sentence is after the sentence's start)
        pre_lo = prev_quote_end_in_sent.get(sa, sa_lo)
        # speech verbs are never inside a quotation: the verbs before the quote (in its
        # first sentence: a bisection of that sentence's few verbs, not of all of them)
        in_sent = verbs_in_sent.get(sa, [])
        pre_verbs = in_sent[bisect_left(in_sent, pre_lo) : bisect_left(in_sent, qa)]
        # the first quoted token after the quote ends what can follow it (a C-level search)
        tail = in_quote[qb + 1 : sb_hi]
        post_hi = qb + 1 + tail.index(True) if True in tail else sb_hi
        prev_quote_end_in_sent[sb] = qb + 1
        post = range(qb + 1, post_hi)
        # the last word before the quote (outside quotations)
        last_pre = -1
        for k in range(qa - 1, pre_lo - 1, -1):
            if is_word[k] and not in_quote[k]:
                last_pre = k
                break
        if type(idxs) is range:
            n_words = is_word[qa : qb + 1].count(True)
        else:
            n_words = sum(map(is_word.__getitem__, idxs))
        upper = _starts_upper(q.text)
        initial = last_pre < 0
        # titles and scare quotes: 'the album "Northern Lights"', 'so-called "inspectors"'
        if not initial:
            before = norms[last_pre]
            if before in _TITLE_NOUNS or before.startswith("so-called"):
                continue
        quote_span = (q.start, q.end)
        order = q.open_at
        # (a) "according to" around the quote (few quotes have one: a bisection decides)
        n_acc = bisect_left(according, pre_lo)
        acc = []
        if n_acc < len(according) and according[n_acc] < post_hi:
            post_verbs = vl[bisect_left(vl, qb + 1) : bisect_left(vl, post_hi)] if post else []
            acc = [k for k in pre_verbs + post_verbs if k in according_set and k not in suppressed]
        if acc:
            k = acc[0]
            np = a.np_after(verbs[k].j, sb_hi if k > qb else sa_hi)
            if np is not None and np.kind != "pronoun":
                used_verbs.add(k)
                r = _Raw(
                    "according_to",
                    order,
                    sa,
                    quote_span,
                    _verb_tuple(a, verbs[k]),
                    np=np,
                    quoted=True,
                )
                r.span = (min(q.open_at, a.starts[k]), max(_qend(q), a.ends[np.j - 1]))
                raws.append(r)
                verb_raw[k] = len(raws) - 1
                continue
        # (b) a frame after the quote: '"Q," X said' / '"Q," said X' (not after '"Q."')
        frame = None
        for k in post[:16]:
            if (
                k in verbs
                and k not in suppressed
                and k not in according_set
                and norms[k - 1] not in ("who", "which")
                and k not in cue_set  # not an anonymity cue ("speaking on condition …")
            ):
                frame = k
                break
            n = norms[k]
            if n == ";" or (n in ".!?" and k != post[0]):
                break
        # a quoted sentence ('"Q."') has no frame after it (asked only when a verb follows)
        if frame is not None and q.text.rstrip().rstrip("\"'\u201d\u2019").endswith("."):
            frame = None
        raw = None
        raw_verb = frame  # the verb token of ``raw``, when it has one
        if frame is not None and (initial or all(k in suppressed for k in pre_verbs)):
            raw = _frame_raw(a, frame, qb + 1, sb_hi, q, sa, upper and initial)
        # (c) a frame before the quote
        if raw is None:
            cands = [k for k in pre_verbs if k not in suppressed and k not in according_set]
            fresh = [k for k in cands if k not in used_verbs]
            # the verb whose clause runs on to the quote: 'He added that … because "…"'
            chosen = None
            for k in fresh:
                if not _clause_break(a, verbs[k].j, qa):
                    chosen = k
                    break
            if chosen is None and fresh and fresh[-1] == (cands[-1] if cands else None):
                chosen = fresh[-1]
            if chosen is not None:
                h = verbs[chosen]
                direct = upper and _direct_tail(a, h.j, qa)
                if direct and not any(norms[m] in (",", ":") for m in range(h.j, qa)):
                    # 'He said "We will win."' is direct; 'praised "Northern Lights"' is not
                    direct = n_words >= 3 and not _title_case(a, idxs)
                raw = _pre_frame_raw(a, chosen, pre_lo, q, direct, raws, verb_raw, used_verbs)
                raw_verb = chosen
                if raw is not None:
                    # verbs inside the reported clause belong to this frame
                    suppressed.update(vl[bisect_left(vl, h.j) : bisect_left(vl, qa)])
            elif cands and cands[-1] in verb_raw:
                # the verb already frames the previous quote: '"Q1," he said, "Q2."'
                k = cands[-1]
                prev = raws[verb_raw[k]]
                if prev.quoted and _direct_tail(a, verbs[k].j, qa):
                    raw = _Raw("continuation", order, sa, quote_span, None, quoted=True)
                    raw.inherit = prev
                    raw.span = (q.open_at, _qend(q))
            elif frame is not None:
                raw = _frame_raw(a, frame, qb + 1, sb_hi, q, sa, direct=False)
        if raw is not None:
            raws.append(raw)
            if raw.verb is not None and raw_verb is not None:
                used_verbs.add(raw_verb)
                verb_raw[raw_verb] = len(raws) - 1
            continue
        # (d) no frame: a continuation, a verbless partial, or nothing (scare quotes, titles)
        sent = sa
        if initial and upper and n_words >= 3:
            r = _Raw("continuation", order, sent, quote_span, None, continuation=True, quoted=True)
            r.span = (q.open_at, _qend(q))
            raws.append(r)
        elif n_words >= 2 and not pre_verbs and not _title_case(a, idxs):
            subj = a.sentence_subject(sa_lo, qa, qa)
            if subj is not None:
                r = _Raw("partial", order, sent, quote_span, None, verbless=True, quoted=True)
                if isinstance(subj, tuple):
                    r.pron = subj[0]
                    r.span = (a.starts[subj[0]], _qend(q))
                else:
                    r.np = subj
                    r.span = (a.starts[subj.i], _qend(q))
                raws.append(r)

    # 2. speech verbs that frame no quotation: indirect speech and thought
    for k in vl:
        if k in used_verbs or k in suppressed:
            continue
        lo, hi = sent_bounds[sents[k]]
        # the clause before a quote in the same sentence belongs to that quote's frame
        if k in according_set:
            found = _according_raw(a, k, lo, hi)
            if found is not None:
                raws.append(found)
                verb_raw[k] = len(raws) - 1
            continue
        # an anonymity cue at the verb or right after it (``has_anonymity(k, k + 2)``)
        if (
            k in cue_set
            or (k + 1 < hi and k + 1 in cue_set)
            or (norms[k].startswith(("speak", "spok")) and a._cue_verb(k + 1))
        ):
            continue
        found = _indirect_raw(a, k, lo, hi, raws, verb_raw)
        if found is not None:
            raws.append(found)
            verb_raw[k] = len(raws) - 1

    # 3. nominal attributions: "Putin's claim …", "his denial …"
    # only the positions of reporting nouns, in text order (not a scan of every token)
    index = doc.norm_index()
    nominal = a.v.nominal
    positions = sorted(k for norm in nominal.keys() & index.keys() for k in index[norm])
    for k in positions:
        if a.in_quote[k] or a.kinds[k] != "word" or k == 0:
            continue
        found = _nominal_raw(a, k, nominal[a.norms[k]])
        if found is not None:
            raws.append(found)
    raws.sort(key=attrgetter("order"))
    return raws


def _qend(q) -> int:
    return (q.close_at + 1) if q.close_at is not None else q.end


def _title_case(a: _Analyzer, idxs: Sequence[int]) -> bool:
    words = [k for k in idxs if a.is_word[k]]
    if not words or len(words) > 6:
        return False
    return (
        all(a.caps[k] or a.norms[k] in ("of", "the", "a", "and", "in", "on") for k in words)
        and a.caps[words[0]]
    )


def _frame_raw(a: _Analyzer, v: int, lo: int, hi: int, q, sent: int, direct: bool) -> _Raw | None:
    """A frame after a quote: subject before the verb, or an inverted subject after it.
    ``sent`` is the quote's first sentence; ``direct`` says the quote is a whole sentence."""
    h = a.verbs[v]
    # the flags first: a negated frame needs no subject parse
    k, negated, _, _, _ = a.subject_scan(v, lo)
    if negated and h.entry.category != "cognition":
        return None
    np, pron = a.subject_ending(k, v, lo)
    if np is None and pron < 0:
        # inverted: '"Q," said Jane Doe, a spokeswoman for the ministry.'
        if not _invertible(a, v, lo):
            return None
        np = a.np_after(h.j, hi)
        if np is None or np.kind == "pronoun":
            if np is not None:
                pron = np.i
                np = None
            else:
                return None
    if np is not None and np.kind == "pronoun":
        pron, np = np.i, None
    if pron >= 0 and a.norms[pron] in {"i", "we", "you"}:
        return None
    kind = "direct" if direct else "partial"
    r = _Raw(kind, q.open_at, sent, (q.start, q.end), _verb_tuple(a, h), quoted=True)
    r.np = np
    r.pron = pron
    end = max(h.end, a.ends[np.j - 1] if np is not None else a.ends[pron])
    r.span = (q.open_at, end)
    return r


def _invertible(a: _Analyzer, v: int, lo: int) -> bool:
    """Verb-subject order ("said Jane Doe") is news style for say-like verbs right after
    the quotation or a comma, not for "told" or "blamed"."""
    h = a.verbs[v]
    if h.entry.term in _NO_INVERSION or (
        h.entry.category != "neutral" and h.entry.term not in _INVERTIBLE_EVALUATIVE
    ):
        return False
    k = v - 1
    while k >= lo and a._adverb(k):
        k -= 1
    return (
        k < lo
        or a.norms[k] in {",", ":", "\u2014", "--", '"', "'", "\u201d", "\u2019"}
        or a.in_quote[k]
    )


def _pre_frame_raw(
    a: _Analyzer,
    v: int,
    lo: int,
    q,
    direct: bool,
    raws: list[_Raw],
    verb_raw: dict[int, int],
    used: set[int],
) -> _Raw | None:
    if v in used:
        return None
    h = a.verbs[v]
    kind = "direct" if direct else "partial"
    r = _Raw(kind, q.open_at, a.sents[v], (q.start, q.end), _verb_tuple(a, h), quoted=True)
    if not _set_subject(a, r, v, lo, raws, verb_raw):
        return None
    start = a.starts[v]
    if r.np is not None:
        start = min(start, a.starts[r.np.i])
    elif r.pron >= 0:
        start = min(start, a.starts[r.pron])
    r.span = (start, _qend(q))
    return r


def _set_subject(
    a: _Analyzer,
    r: _Raw,
    v: int,
    lo: int,
    raws: list[_Raw],
    verb_raw: dict[int, int],
    depth: int = 0,
) -> bool:
    """Fill in the subject of the verb at ``v``: NP, pronoun, or a participle's main clause."""
    h = a.verbs[v]
    norms = a.norms
    ing = norms[v].endswith("ing")
    cls = h.entry.category
    prev = v - 1
    while prev >= lo and norms[prev] in _ADVERBS:
        prev -= 1
    participle = ing and (
        prev < lo or norms[prev] in _PARTICIPLE_SUBJECT_FROM or norms[prev] in (";",)
    )
    if ing and prev >= lo and norms[prev] == "as":
        # "The agency quoted a senior official as saying …": the official speaks
        for q in range(prev - 1, max(lo, prev - 12) - 1, -1):
            if a.norms[q] in {"quoted", "cited", "quotes", "cites", "quoting", "citing"}:
                np = a.parse_np(q + 1, prev, whole=True) if q + 1 < prev else None
                if np is not None and np.kind != "pronoun":
                    r.np = np
                    return True
                break
    # the subject of a participle or of a verb coordinated with an earlier one: the sentence's
    # speech verbs are looked up only for those
    if participle or (prev >= lo and norms[prev] in _COORDINATORS):
        in_sent = a.verbs_in_sent.get(a.sents[v], [])
        # the sentence's verbs are in order: an earlier one exists when the first is before ``v``
        earlier = bool(in_sent) and in_sent[0] < v
        if participle or earlier:
            # ", adding …", ", describing …", "… and promised": the subject of the main clause
            # the last verb before ``v`` in its sentence that already has an attribution
            # (verb_raw's keys are speech verbs, so the sentence's verb list holds them all)
            for k in reversed(in_sent):
                if k < v and k in verb_raw:
                    r.inherit = raws[verb_raw[k]]
                    return True
            if earlier and depth < 3:
                # the earlier verb has not been read yet: borrow its subject
                tmp = _Raw("indirect", 0, r.sent)
                k = max(k for k in in_sent if k < v)
                if _set_subject(a, tmp, k, a.sent_bounds[a.sents[k]][0], raws, verb_raw, depth + 1):
                    r.np, r.pron, r.subject_np, r.inherit = (
                        tmp.np,
                        tmp.pron,
                        tmp.subject_np,
                        tmp.inherit,
                    )
                    return True
            s_lo = a.sent_bounds[a.sents[v]][0]
            subj = a.sentence_subject(s_lo, v, v)
            if subj is None:
                # "Speaking to reporters, Trump said …": the subject follows
                return False
            if isinstance(subj, tuple):
                r.pron = subj[0]
            else:
                r.subject_np = subj
            return True
    # the flags first: a rejected speech act needs no subject parse
    k, negated, hypothetical, passive, declined = a.subject_scan(v, lo)
    if declined or hypothetical:
        return False
    if negated and cls != "cognition":
        return False
    if passive:
        # "was described by officials as …"
        if h.entry.term in _AS_VERBS and h.j < a.n_toks and a.norms[h.j] == "by":
            np2 = a.np_after(h.j + 1, a.sent_bounds[a.sents[v]][1])
            if np2 is not None and np2.kind != "pronoun":
                r.np = np2
                return True
        return False
    np, pron = a.subject_ending(k, v, lo)
    if np is None and pron < 0:
        return False
    if np is not None and np.kind == "pronoun":
        pron, np = np.i, None
    if pron >= 0:
        p = a.norms[pron].split("'")[0]
        if p in {"i", "we", "you"}:
            return False
        r.pron = pron
        return True
    r.np = np
    return True


def _indirect_raw(
    a: _Analyzer, v: int, lo: int, hi: int, raws: list[_Raw], verb_raw: dict[int, int]
) -> _Raw | None:
    h = a.verbs[v]
    lemma = h.entry.term
    # noun, not verb: "a police report said", "the claims were"
    if h.j < hi and (h.j in a.verbs or a.norms[h.j] in {"is", "was", "were", "are", "has", "had"}):
        return None
    # quotes in the sentence before the verb end the clause the subject can come from
    s_lo = lo
    seg = a.in_quote[lo:v]
    if True in seg:  # after the last quoted token
        s_lo = lo + len(seg) - seg[::-1].index(True)
    if (
        s_lo == lo
        and not a.caps[v]
        # ``v`` is the sentence's first word only if no word comes right before it
        and (v == lo or not a.is_word[v - 1])
        and _first_word(a, lo) == v
        and a.sents[v] > 0
    ):
        # text without capitals keeps Punkt's break before a lowercase verb ("graham
        # (r-s.c.) | said ..."; framing.text joins it in capitalised text): look back
        s_lo = lo = a.doc.sentences[a.sents[v] - 1].tok_start
    r = _Raw("indirect", h.start, a.sents[v], None, (h.start, h.end, h.entry.category, lemma))
    if not _set_subject(a, r, v, s_lo, raws, verb_raw):
        # inverted, sentence-final: "Talks collapsed, said officials."
        if v - 1 > lo and a.norms[v - 1] == "," and _invertible(a, v, lo):
            np = a.np_after(h.j, hi)
            if np is not None and np.kind != "pronoun" and _only_adjuncts(a, np.j, hi):
                r.np = np
                c = _clause_before(a, lo, v - 1)
                if c is None:
                    return None
                r.quote = c
                r.span = (c[0], a.ends[np.j - 1])
                return r
        return None
    # the reported content
    after = h.j
    c = a.content(after, hi, lemma)
    if lemma in _AS_REQUIRED:
        if c is None or not any(a.norms[m] == "as" for m in range(after, min(c[1] + 1, hi))):
            return None
    if lemma in _CLAUSE_ONLY:
        m = after
        comp = False
        while m < hi and m - after <= 6 and not a.in_quote[m]:
            if a.norms[m] in _COMPLEMENTIZERS or a.norms[m] == ":":
                comp = True
                break
            if a.norms[m] in {".", ";", ","}:
                break
            m += 1
        if comp:
            # "added that …", "wrote on Twitter that …", "explained how …"
            if a.norms[m] in _COMPLEMENTIZERS and a.norms[m] != "that":
                c = a.content(m, hi, lemma)
            else:
                c = a.content(m + 1, hi, lemma)
        elif not (
            lemma in ("speak", "comment", "write", "testify")
            and after < hi
            and a.norms[after] in {"about", "on", "of"}
        ):
            return None  # "spoke about …" keeps the content right after the verb
    if lemma == "call" and not (after < hi and a.norms[after] in _CALL_OBJECTS):
        return None
    if lemma in _PUT_LIKE and lemma == "put":
        if c is None or not any(a.norms[m] == "at" for m in range(c[0], c[1])):
            return None
    subj_np = r.np or r.subject_np
    if c is None and after < hi and a.norms[after] == ",":
        k0 = (subj_np.i if subj_np is not None else r.pron) - 1
        if k0 >= lo and a.norms[k0] == "as":
            # "As the Premier has always said, the river belongs to all …"
            c = a.content(after + 1, hi, "say")
            if c is not None:
                r.quote = a.tok_span(c[0], c[1])
                r.span = (a.starts[k0 + 1], r.quote[1])
                return r
    # nothing but a short adjunct after the verb (asked once: both tests below need it)
    adjuncts_only = c is not None and _only_adjuncts(a, after, hi)
    if c is None or adjuncts_only:
        # "…, a Velmoran official said." -- the content is the clause before the subject
        if (
            subj_np is not None
            and subj_np.i - 1 > lo
            and a.norms[subj_np.i - 1] == ","
            and not _asked_sentence(a, v)
        ):
            before = _clause_before(a, lo, subj_np.i - 1)
            if before is not None:
                r.quote = before
                r.span = (before[0], max(h.end, a.ends[subj_np.j - 1]))
                return r
        if c is None and lemma not in _INTRANSITIVE and r.inherit is None:
            if not (_asked_sentence(a, v)):
                return None
    end = h.end
    if c is not None and not adjuncts_only:
        r.quote = a.tok_span(c[0], c[1])
        end = r.quote[1]  # (the reported clause comes after the verb)
    start = h.start
    if subj_np is not None and r.inherit is None and r.subject_np is None:
        start = min(start, a.starts[subj_np.i])
    if r.pron >= 0 and a.sents[r.pron] == a.sents[v]:
        start = min(start, a.starts[r.pron])
    r.span = (start, end)
    return r


def _first_word(a: _Analyzer, lo: int) -> int:
    k = lo
    while k < a.n_toks and a.kinds[k] == "punct":
        k += 1
    return k


def _asked_sentence(a: _Analyzer, v: int) -> bool:
    lo, hi = a.sent_bounds[a.sents[v]]
    k = lo
    while k < hi and a.kinds[k] == "punct":
        k += 1
    return k < hi and a.norms[k] in {"asked", "pressed", "questioned", "challenged", "when", "if"}


def _only_adjuncts(a: _Analyzer, k: int, hi: int) -> bool:
    """Nothing but punctuation or a short adjunct follows ("said on Tuesday.", "said.")."""
    is_word, in_quote, norms = a.is_word, a.in_quote, a.norms
    m = k
    while m < hi and not (is_word[m] and not in_quote[m]):
        m += 1
    if m >= hi:
        return True
    first = norms[m]
    if first not in _ADJUNCT_STARTS:
        return False  # "that", "as", a complementizer or anything else
    # at most 8 words matter: more than 7 is never "a short adjunct"
    words = 0
    for w in range(m, hi):
        if is_word[w] and not in_quote[w]:
            if norms[w] == "that":
                return False
            words += 1
            if words > 7:
                return False
    return True


def _clause_before(a: _Analyzer, lo: int, comma: int) -> tuple[int, int] | None:
    """The clause from the sentence start (or the end of a quotation) to ``comma``."""
    s = lo
    for k in range(comma - 1, lo - 1, -1):
        if a.in_quote[k]:
            s = k + 1
            break
    while s < comma and a.kinds[s] == "punct":
        s += 1
    s = _skip_dateline(a, s, comma)
    if a.is_word[s:comma].count(True) < 3:  # fewer than three words
        return None
    return a.starts[s], a.ends[comma - 1]


def _skip_dateline(a: _Analyzer, s: int, e: int) -> int:
    """Skip a wire dateline: "LONDON (Reuters) -", "WASHINGTON (AP) —"."""
    k = s
    while k < e and a.is_word[k] and a._acronym(k):
        k += 1
    if k == s:
        return s
    if k < e and a.norms[k] == "(":
        while k < e and a.norms[k] != ")":
            k += 1
        k += 1
    while k < e and a.norms[k] == ",":  # "BELMONDE, Orrin, March 14 (Meridian Wire) -"
        return s
    if k < e and a.norms[k] in {"-", "\u2014", "\u2013", "--"}:
        return k + 1
    return s


def _according_raw(a: _Analyzer, k: int, lo: int, hi: int) -> _Raw | None:
    h = a.verbs[k]
    np = a.np_after(h.j, hi)
    if np is None or np.kind == "pronoun":
        return None
    r = _Raw("according_to", h.start, a.sents[k], None, _verb_tuple(a, h), np=np)
    # the content: the rest of the sentence
    if True in a.is_word[lo:k]:  # words before "according to"
        e = k - 1
        while e >= lo and a.kinds[e] == "punct":
            e -= 1
        s = lo
        while s < e and a.kinds[s] == "punct":
            s += 1
        if True in a.is_word[np.j : hi]:
            # words after X: "The tariffs, according to X, have cost …": the whole sentence
            e2 = hi - 1
            while e2 > s and a.kinds[e2] == "punct":
                e2 -= 1
            r.quote = a.tok_span(s, e2 + 1)
        else:
            r.quote = a.tok_span(s, e + 1)
    else:
        s = np.j
        while s < hi and a.kinds[s] == "punct":
            s += 1
        e = hi - 1
        while e > s and a.kinds[e] == "punct":
            e -= 1
        if s <= e:
            r.quote = a.tok_span(s, e + 1)
    spans = [h.start, a.ends[np.j - 1]] + (list(r.quote) if r.quote else [])
    r.span = (min(spans), max(spans))
    r.order = r.span[0]
    return r


def _nominal_raw(a: _Analyzer, k: int, cls: str) -> _Raw | None:
    p = k - 1
    while p >= 0 and a.norms[p] in _ADVERBS:
        p -= 1
    if p < 0 or a.in_quote[p] or a.sents[p] != a.sents[k]:
        return None
    pron = a.norms[p] in _POSS_PRON
    if not (pron or a.poss[p] or (a.norms[p] == "'" and p > 0 and a.poss[p - 1])):
        return None  # most reporting nouns have no possessor: decide before building a _Raw
    lo, hi = a.sent_bounds[a.sents[k]]
    r = _Raw("nominal", a.starts[k], a.sents[k], None, None)
    if pron:
        r.pron = p
    else:
        e = p if a.norms[p] != "'" else p - 1
        np = None
        # the possessor: a name run or a role NP ending with the possessive token
        s = a.clause_start(e, lo)
        for start in range(s, e + 1):
            cand = a.classify_run(start, e + 1)
            if cand is not None and cand.kind not in ("pronoun", "document"):
                np = cand
                break
        if np is None:
            return None
        np.anonymous_cue = a.has_anonymity(np.i, np.j)
        r.np = np
    w_start, w_end = a.starts[k], a.ends[k]
    r.verb = (w_start, w_end, cls, a.norms[k])
    c = a.content(k + 1, hi, "nominal")
    if c is not None:
        first = a.norms[c[0]]
        if first in _PREPS and first not in ("of", "about"):
            return None  # "Velmora's requests for flow data": a request, not a report
        clause_like = (
            first in ("of", "about")
            or a.norms[k + 1] == "that"
            or first in _SUBJ_PRON
            or first in _DETS
            or a.caps[c[0]]
            or a.kinds[c[0]] == "num"
        )
        if clause_like:
            r.quote = a.tok_span(c[0], c[1])
    start = a.starts[r.np.i] if r.np is not None else a.starts[r.pron]
    r.span = (start, r.quote[1] if r.quote else w_end)
    return r


# -- resolution ------------------------------------------------------------------------------------
class _Resolver:
    def __init__(self, a: _Analyzer) -> None:
        self.a = a
        self.entities: dict[str, _Entity] = {}
        self.speakers: list[tuple[_Entity, int, int]] = []  # entity, para, sent
        # Person mentions for pronouns: the name runs, by text offset (runs are in text
        # order).  Whether a run is in subject position is worked out only for the few runs
        # a pronoun looks back at (``_subject_mention``), not for every run of the text.
        names = a.names
        self._runs, self._run_keys, self._canonical = names.runs, names.keys, names.canonical
        self._subject: dict[int, bool] = {}  # run index -> in subject position
        self._lead = a.title | a.demonym | {"the", "a", "an"}

    def _subject_mention(self, idx: int) -> bool:
        """Run ``idx`` starts a clause, after titles, demonyms, articles and capitalized words
        of its own sentence."""
        known = self._subject.get(idx)
        if known is None:
            a = self.a
            norms, sents, caps, is_word, lead = a.norms, a.sents, a.caps, a.is_word, self._lead
            i = self._runs[idx][0]
            sent = sents[i]
            k = i - 1
            while k >= 0 and sents[k] == sent and (norms[k] in lead or (caps[k] and is_word[k])):
                k -= 1
            known = k < 0 or sents[k] != sent or norms[k] in _SUBJECT_AFTER
            self._subject[idx] = known
        return known

    def entity(
        self, name: str, source_type: str, plural: bool = False, gender: str = ""
    ) -> _Entity:
        e = self.entities.get(name)
        if e is None:
            e = _Entity(name, source_type, plural, gender)
            self.entities[name] = e
        if gender and not e.gender:
            e.gender = gender
        return e

    def from_np(self, np: _NP) -> tuple[Speaker, _Entity, str, bool]:
        a = self.a
        kind, norms, text = np.kind, a.norms, a.text
        if kind == "document":
            # "data released by the Commerce Department": the department is the source
            spans = [(np.head + 1, np.j)] + ([np.app] if np.app else [])
            for k in (k for lo_, hi_ in spans for k in range(lo_, hi_)):
                if norms[k] == "by":
                    end = np.j if k < np.j or np.app is None else np.app[1]
                    by = a.parse_np(k + 1, end, whole=False)
                    if by is not None and by.kind in ("organization", "named", "office"):
                        by.j = by.head + 1
                        return self.from_np(by)
        if kind == "office" and not np.plural and not np.anonymous_cue:
            # "the Premier" after "Premier Lusine Ardani": the title names the person
            holder = a.names.office_holder(np)
            if holder is not None:
                s, e = a.starts[np.i], a.ends[np.j - 1]
                ent = self.entity(holder, "named", False, np.gender)
                return Speaker(s, e, text[s:e], holder), ent, "named", False
        if kind == "named":
            name = a.names.name_of(np.name_i, np.name_j)
            s, e = a.starts[np.name_i], a.ends[np.name_j - 1]
            if norms[np.name_j - 1].endswith("'s"):
                e -= 2
            st = "named"
        else:
            j = np.j
            # "a senior official who spoke on condition of anonymity": the cue is not a name
            for k in range(np.head + 1, np.j):
                if norms[k] in ("who", "that", ",", "speaking") and a.has_anonymity(k, np.j):
                    j = k
                    break
            s, e = a.starts[np.i], a.ends[j - 1]
            while e > s and not text[e - 1].isalnum():
                e -= 1
            if text[e - 2 : e] in ("'s", "\u2019s") and norms[np.head].endswith("'s"):
                e -= 2  # "the company's denial": the company
            name = text[s:e]
            if kind == "office":
                st = "anonymous" if np.plural else "official"
            elif kind == "person":
                st = "anonymous"
            else:  # organization, or a document it issued
                st = "organization"
        if np.anonymous_cue and st != "named":
            st = "anonymous"
        ent = self.entity(name, st, np.plural, np.gender)
        return Speaker(s, e, text[s:e], name), ent, st, st == "anonymous"

    def resolve_pronoun(self, k: int) -> _Entity | None:
        a = self.a
        p = a.norms[k].split("'")[0]
        want = _SUBJ_PRON.get(p) or _POSS_PRON.get(p)
        sent = a.sents[k]
        para = a.doc.sentences[sent].paragraph

        def ok(e: _Entity) -> bool:
            if want == "org":
                return e.source_type == "organization" and not e.plural
            if want == "pl":
                return e.plural or e.source_type == "organization"
            if e.plural or e.source_type == "organization":
                return False
            return not e.gender or e.gender == want

        # 1. the speaker of this or the previous sentence
        for e, _sp, ss in reversed(self.speakers):
            if ss < sent - 1:
                break
            if ok(e):
                return e
        # 2. a named subject of this or the previous sentence
        # the name runs before the pronoun, latest first (a run in an earlier sentence or
        # paragraph than a limit has only runs at least as early before it).  Runs are
        # ``(i, j)`` in text order, so ``(k,)`` sorts after exactly those that start before
        # ``k``: a bisection of the runs themselves, no list of their offsets
        before = bisect_left(self._runs, (k,))
        runs, sents, run_keys, canonical = self._runs, a.sents, self._run_keys, self._canonical
        if want in ("m", "f"):
            for idx in range(before - 1, -1, -1):
                if sents[runs[idx][0]] < sent - 1:
                    break
                if not self._subject_mention(idx):
                    continue
                name = canonical[run_keys[idx]]
                e = self.entities.get(name) or _Entity(name, "named")
                if ok(e):
                    return self.entity(name, "named")
        # 3. the most recent compatible speaker within four paragraphs
        for e, sp, _ss in reversed(self.speakers):
            if para - sp > 4:
                break
            if ok(e):
                return e
        # 4. a named person mentioned recently
        if want in ("m", "f"):
            sentences = a.doc.sentences
            for idx in range(before - 1, -1, -1):
                if para - sentences[sents[runs[idx][0]]].paragraph > 2:
                    break
                if self._subject_mention(idx):
                    return self.entity(canonical[run_keys[idx]], "named")
        return None

    def pronoun_speaker(self, k: int) -> tuple[Speaker, _Entity | None, str, bool]:
        a = self.a
        t_start, t_end = a.starts[k], a.ends[k]
        e = self.resolve_pronoun(k)
        text = a.text[t_start:t_end]
        if e is None:
            return Speaker(t_start, t_end, text, "(unresolved)"), None, "unresolved", False
        p = a.norms[k].split("'")[0]
        if p in ("he", "his"):
            e.gender = e.gender or "m"
        elif p in ("she", "her"):
            e.gender = e.gender or "f"
        return Speaker(t_start, t_end, text, e.name), e, e.source_type, e.source_type == "anonymous"


def _resolve(a: _Analyzer, raws: list[_Raw]) -> list[_Raw]:
    res = _Resolver(a)
    kept: list[_Raw] = []
    kept_in_sent: dict[int, list[_Raw]] = {}  # the same, by sentence
    last: _Raw | None = None  # the previous attribution with a speaker (for continuations)
    last_quoted: _Raw | None = None
    sentences = a.doc.sentences
    speakers = res.speakers
    for r in raws:
        para = sentences[r.sent].paragraph
        if r.continuation:
            if last_quoted is not None and sentences[last_quoted.sent].paragraph == para:
                last = last_quoted
            if last is None or last.speaker is None:
                continue
            lpara = sentences[last.sent].paragraph
            if para - lpara > 1:
                continue
            r.speaker, r.entity = last.speaker, last.entity
            r.source_type, r.anonymous = last.source_type, last.anonymous
        elif r.inherit is not None:
            src = r.inherit
            if src.speaker is None:
                continue
            r.speaker, r.entity = src.speaker, src.entity
            r.source_type, r.anonymous = src.source_type, src.anonymous
        elif (np := r.np if r.np is not None else r.subject_np) is not None:
            r.speaker, r.entity, r.source_type, r.anonymous = res.from_np(np)
        elif r.pron >= 0:
            p = a.norms[r.pron].split("'")[0]
            r.speaker, r.entity, r.source_type, r.anonymous = res.pronoun_speaker(r.pron)
            if r.entity is None and (p == "it" and not r.quoted):
                continue  # "it suggests" is rarely a source
        else:
            continue
        entity, kind = r.entity, r.kind
        if r.verbless and (entity is None or not entity.quoted):
            continue
        if r.pron >= 0 and kind == "indirect" and entity is not None and r.verb is not None:
            # "Several said they feared …": the belief is part of what they said
            outer = next(
                (
                    o
                    for o in kept_in_sent.get(r.sent, ())
                    if o.entity is entity
                    and o.quote is not None
                    and o.quote[0] <= r.verb[0] < o.quote[1]
                ),
                None,
            )
            if outer is not None:
                continue
        if entity is not None:
            speakers.append((entity, para, r.sent))
            if r.quoted and kind in ("direct", "partial", "continuation", "according_to"):
                entity.quoted = True
        if kind != "nominal":
            last = r
            if r.quoted:
                last_quoted = r
        kept.append(r)
        in_sent = kept_in_sent.get(r.sent)
        if in_sent is None:
            kept_in_sent[r.sent] = [r]
        else:
            in_sent.append(r)
    return kept


# -- public API ------------------------------------------------------------------------------------
def find(doc: Document, lexicons: LexiconSet) -> list[Attribution]:
    """Every act of attribution in ``doc``, sorted by ``(start, end)``.

    Parameters
    ----------
    doc : Document
        The text model (tokens, sentences, quotation regions).
    lexicons : LexiconSet
        Must hold ``"speech_verbs"``; a ``"speakers"`` lexicon, if present, replaces the
        bundled ``speakers.tsv``.

    Returns
    -------
    list of Attribution
        Kinds ``direct``, ``partial``, ``continuation``, ``indirect``, ``according_to``,
        ``nominal``; a quotation with no speaker (a scare quote, a title) gives none.

    Examples
    --------
    >>> from framing import Document, default_lexicons
    >>> doc = Document('"We are ready," said Jane Doe, a spokeswoman for the ministry.')
    >>> [(x.kind, x.speaker.name, x.verb.text) for x in find(doc, default_lexicons())]
    [('direct', 'Doe', 'said')]
    """
    a = _Analyzer(doc, lexicons)
    raws = _resolve(a, _find_raw(a))
    doc._attribution_people = a.close()  # read by summarize()
    out: list[Attribution] = []
    seen: set[tuple[str, int, int, int]] = set()
    text = doc.text
    # in ``(start, end)`` order: the raws are sorted by the span tuples they hold already
    # (a stable sort, so a duplicate still comes after the attribution it repeats)
    raws.sort(key=attrgetter("span"))
    for r in raws:
        s, e = r.span
        kind, v = r.kind, r.verb
        # a duplicate is skipped before any of its objects are built
        key = (kind, s, e, v[0] if v else -1)
        if key in seen:
            continue
        seen.add(key)
        q = r.quote
        quote = Span(q[0], q[1], text[q[0] : q[1]]) if q else None
        verb = None
        if v is not None:
            vs, ve, cls, lemma = v
            verb = Verb(vs, ve, text[vs:ve], cls, lemma)
        out.append(
            Attribution(s, e, text[s:e], kind, r.speaker, verb, quote, r.source_type, r.anonymous)
        )
    return out


def _quoted_words(doc: Document | None, att: Attribution, quote_spans: set[tuple[int, int]]) -> int:
    """Words in ``att``'s quote; ``quote_spans`` are ``doc``'s quotations as ``(start,
    end)`` (one set for all attributions, not a scan of the quotations per attribution)."""
    if att.quote is None or att.kind in ("indirect", "nominal"):
        return 0
    if att.kind == "according_to" and doc is not None:
        if (att.quote.start, att.quote.end) not in quote_spans:
            return 0
    if doc is not None:
        lo, hi = doc.token_index_at(att.quote.start), doc.token_index_at(att.quote.end)
        return doc.words_in(lo, hi)
    return len(att.quote.text.split())


def mentioned_people(
    doc: Document, speakers: AbstractSet[str] = frozenset(), lexicons: LexiconSet | None = None
) -> Counter[str]:
    """Canonical names of the people the text names outside quotations, with mention counts.

    ``speakers`` (canonical names of named sources) count as evidence that a name is a person.
    """
    evidence = doc._attribution_people  # what find() left, if it ran
    if evidence is None:
        lex = lexicons if lexicons is not None and "speakers" in lexicons else None
        evidence = _Analyzer(doc, lex).close()
    return evidence.people(set(speakers))


def summarize(analysis: Analysis) -> dict[str, Any]:
    """The voice table: who is quoted, how much, with which verbs; who is only mentioned.

    Returns
    -------
    dict
        ``attributions`` (count), ``by_kind``, ``by_source_type``, ``quoted_words``
        (words inside quotations attributed to someone), ``unattributed_quotes`` (quotation
        regions with no speaker: scare quotes, titles), ``anonymous_share`` (share of
        attributions whose source is anonymous), ``evaluative_share`` (share of attributions
        with a verb whose verb is evaluative), ``voice`` (one row per speaker, most quoted
        words first: ``speaker``, ``source_type``, ``attributions``, ``quotes``,
        ``quoted_words``, ``share_of_quoted_words``, ``verbs`` (lemma counts),
        ``evaluative_share``) and ``mentioned_not_quoted`` (named people the text mentions
        but never quotes, most mentioned first).
    """
    from framing.text import Document

    doc = analysis.doc if analysis.doc is not None else Document(analysis.text)
    atts = list(analysis.attributions)
    rows: dict[str, dict[str, Any]] = {}
    total_quoted = 0
    quoted_regions: set[tuple[int, int]] = set()
    quote_spans = {(q.start, q.end) for q in doc.quotes}
    for att in atts:
        name = att.speaker.name if att.speaker else "(none)"
        row = rows.get(name)
        if row is None:  # a new speaker (not a fresh row built and dropped per attribution)
            row = rows[name] = {
                "speaker": name,
                "source_type": att.source_type,
                "attributions": 0,
                "quotes": 0,
                "quoted_words": 0,
                "verbs": Counter(),
                "_eval": 0,
                "_verbs": 0,
            }
        row["attributions"] += 1
        w = _quoted_words(doc, att, quote_spans)
        if w and att.quote is not None:
            row["quotes"] += 1
            row["quoted_words"] += w
            total_quoted += w
            quoted_regions.add((att.quote.start, att.quote.end))
        if att.verb is not None:
            row["verbs"][att.verb.lemma or att.verb.text.lower()] += 1
            row["_verbs"] += 1
            row["_eval"] += att.verb.cls == "evaluative"
    voice = []
    for row in rows.values():
        n_verbs = row.pop("_verbs")
        n_eval = row.pop("_eval")
        row["verbs"] = dict(row["verbs"].most_common())
        row["share_of_quoted_words"] = (
            round(row["quoted_words"] / total_quoted, 4) if total_quoted else 0.0
        )
        row["evaluative_share"] = round(n_eval / n_verbs, 4) if n_verbs else 0.0
        voice.append(row)
    voice.sort(key=lambda r: (-r["quoted_words"], -r["attributions"], r["speaker"]))
    with_verb = [x.verb for x in atts if x.verb is not None]
    quoted_speakers = {r["speaker"].lower() for r in voice if r["quotes"]}
    quoted_last = {n.split()[-1] for n in quoted_speakers if n}
    named = {x.speaker.name for x in atts if x.speaker and x.source_type == "named"}
    mentions = mentioned_people(doc, named)
    not_quoted = [
        name
        for name, _ in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
        if name.lower() not in quoted_speakers and name.lower().split()[-1] not in quoted_last
    ]
    unattributed = [q for q in analysis.quotes if (q.start, q.end) not in quoted_regions]
    return {
        "attributions": len(atts),
        "by_kind": dict(Counter(x.kind for x in atts)),
        "by_source_type": dict(Counter(x.source_type for x in atts)),
        "quoted_words": total_quoted,
        "unattributed_quotes": len(unattributed),
        "anonymous_share": round(sum(x.anonymous for x in atts) / len(atts), 4) if atts else 0.0,
        "evaluative_share": (
            round(sum(v.cls == "evaluative" for v in with_verb) / len(with_verb), 4)
            if with_verb
            else 0.0
        ),
        "voice": voice,
        "mentioned_not_quoted": not_quoted,
    }
