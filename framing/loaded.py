"""Loaded terms: evaluative word choice, whose voice it is, and a neutral rewrite.

A loaded term carries an evaluation that a neutral word for the same fact would not
(Entman 1993; Recasens et al. 2013): *slammed* for *criticized*, *regime* for *government*,
*much-ballyhooed* for *much-publicized*.  The words, their neutral alternatives and the
contexts that rule out a neutral sense ("tax regime", "heart failure", "slammed the door")
are data: ``framing/lexicons/loaded.tsv`` (schema in ``framing/lexicons/README.md``).

Three functions follow the metric-module contract:

- :func:`find` matches the ``loaded`` lexicon and adds the *evaluative* rows of the
  ``speech_verbs`` lexicon (*touted*, *claimed*, *cast ... as*) with category
  ``speech-verb``.
- :func:`summarize` separates the author's loaded language from the quoted speakers'.
- :func:`reframe` rewrites the author's loaded terms with their first neutral alternative.

What this module adds to the lexicon's context rules (it cannot be said in the data):

1. **One voice per word.** A headword defined in ``loaded.tsv`` is decided by that row alone:
   a speech-verb row with the same headword is not reported, and no speech-verb match may
   overlap a loaded-term match.  ``loaded.tsv`` carries the finer context rules.
2. **Voice.** A match is ``in_quote`` when its first token lies inside quotation marks.
3. **Inflection in rewrites.** ``reframe`` gives the alternative the matched word's form
   (*lavishing* -> *giving*, *regimes* -> *governments*, *regime's* -> *government's*,
   *drew a line in the sand* -> *set a limit*), keeps capitals, fixes *a*/*an*, and treats
   the alternative ``(omit)`` as "drop the word" (*so-called*, *rightly*).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final

from framing.summary import per_thousand, quoted_words
from framing.types import Match

if TYPE_CHECKING:
    from framing.lexicon import Hit, LexiconSet
    from framing.text import Document
    from framing.types import Analysis

#: The alternative that means "delete the word" (``so-called`` -> nothing).
OMIT = "(omit)"

#: Categories of ``loaded.tsv`` (``speech-verb`` comes from ``speech_verbs.tsv``).
CATEGORIES = (
    "emotive",
    "conflict-verb",
    "label",
    "euphemism",
    "skepticism",
    "flattery",
    "exaggeration",
    "metaphor",
    "factive",
    "intensifier",
    "speech-verb",
)
POLARITIES = ("negative", "positive", "neutral")


# -- find ------------------------------------------------------------------------------
def _match(doc: Document, h: Hit, category: str, alternatives: tuple[str, ...]) -> Match:
    e = h.entry
    # positional (Match's field order): thousands per long text
    return Match(
        h.start,
        h.end,
        h.text,
        "loaded",
        category,
        doc.token_quotes[h.i] >= 0,
        e.term,  # term
        e.polarity or "neutral",
        e.strength,
        alternatives,
        e.note,
        e.source,
    )


def find(doc: Document, lexicons: LexiconSet) -> list[Match]:
    """Loaded terms in a document, evaluative speech verbs included.

    Parameters
    ----------
    doc : Document
        The tokenized text (``framing.text.Document``).
    lexicons : LexiconSet
        Needs ``"loaded"``; ``"speech_verbs"`` is used when present (its ``evaluative``
        rows are reported with category ``speech-verb``).

    Returns
    -------
    list of Match
        ``metric="loaded"``, sorted by ``(start, end)``; each carries ``polarity``,
        ``strength``, ``alternatives``, ``in_quote`` and the lexicon headword ``term``.

    Examples
    --------
    >>> from framing.lexicon import default_lexicons
    >>> from framing.text import Document
    >>> doc = Document("Riot police brutally crushed the peaceful vigil.")
    >>> [(m.text, m.alternatives[0]) for m in find(doc, default_lexicons())]
    [('brutally', 'forcibly'), ('crushed', 'suppress')]
    """
    loaded = lexicons["loaded"]
    hits = loaded.find(doc)
    out = [_match(doc, h, h.entry.category, h.entry.alternatives) for h in hits]
    if "speech_verbs" in lexicons:
        own = loaded.terms
        taken = {k for h in hits for k in range(h.i, h.j)}  # token positions already loaded
        for h in lexicons["speech_verbs"].find(doc):
            e = h.entry
            if e.category != "evaluative" or e.term in own:
                continue
            if any(k in taken for k in range(h.i, h.j)):
                continue
            out.append(_match(doc, h, "speech-verb", e.alternatives or ("say",)))
    return sorted(out, key=attrgetter("start", "end"))


# -- summarize -------------------------------------------------------------------------
def _voice_stats(matches: list[Match], words: int) -> dict[str, Any]:
    cats = Counter(m.category for m in matches)
    pol = Counter(m.polarity or "neutral" for m in matches)
    signed = pol["positive"] + pol["negative"]
    return {
        "count": len(matches),
        "words": words,
        "per_1000": per_thousand(len(matches), words),
        "by_category": {c: cats[c] for c in sorted(cats)},
        "per_1000_by_category": {c: per_thousand(cats[c], words) for c in sorted(cats)},
        "polarity": {p: pol[p] for p in POLARITIES},
        # +1: only favourable terms, -1: only unfavourable ones, 0: balanced or none.
        "polarity_balance": round((pol["positive"] - pol["negative"]) / signed, 2)
        if signed
        else 0.0,
        "mean_strength": round(sum(m.strength for m in matches) / len(matches), 2)
        if matches
        else 0.0,
        "terms": dict(Counter(m.term for m in matches).most_common()),
    }


def summarize(analysis: Analysis) -> dict[str, Any]:
    """Loaded language by voice: the author's versus the quoted speakers'.

    Parameters
    ----------
    analysis : Analysis
        The result of ``framing.analyze``.

    Returns
    -------
    dict
        ``author`` / ``quoted`` counts and ``author_per_1000`` / ``quoted_per_1000``
        (per 1,000 words of the author's text and of the quoted text), and
        ``by_voice`` with, for each voice: ``count``, ``words``, ``per_1000``,
        ``by_category``, ``per_1000_by_category``, ``polarity`` (counts of negative,
        positive, neutral), ``polarity_balance`` (from -1, all unfavourable, to +1,
        all favourable), ``mean_strength`` and ``terms`` (headword counts).

    Examples
    --------
    >>> import framing
    >>> s = summarize(framing.analyze('Critics slammed the "historic" deal.'))
    >>> s["author"], s["quoted"], s["by_voice"]["author"]["by_category"]
    (1, 1, {'conflict-verb': 1})
    """
    q = quoted_words(analysis)
    author = [m for m in analysis.loaded_terms if not m.in_quote]
    quoted = [m for m in analysis.loaded_terms if m.in_quote]
    a_words = analysis.words - q
    return {
        "author": len(author),
        "quoted": len(quoted),
        "author_per_1000": per_thousand(len(author), a_words),
        "quoted_per_1000": per_thousand(len(quoted), q),
        "by_voice": {"author": _voice_stats(author, a_words), "quoted": _voice_stats(quoted, q)},
    }


# -- inflection of alternatives ----------------------------------------------------------
# base: (past, past participle); only verbs that occur in the lexicon's forms or alternatives.
_IRREGULAR: Final = {
    "be": ("was", "been"),
    "become": ("became", "become"),
    "bend": ("bent", "bent"),
    "bite": ("bit", "bitten"),
    "bleed": ("bled", "bled"),
    "blow": ("blew", "blown"),
    "break": ("broke", "broken"),
    "bring": ("brought", "brought"),
    "burn": ("burned", "burnt"),
    "choose": ("chose", "chosen"),
    "cling": ("clung", "clung"),
    "come": ("came", "come"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "draw": ("drew", "drawn"),
    "fall": ("fell", "fallen"),
    "find": ("found", "found"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "have": ("had", "had"),
    "hide": ("hid", "hidden"),
    "hit": ("hit", "hit"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "lay": ("laid", "laid"),
    "lead": ("led", "led"),
    "leave": ("left", "left"),
    "let": ("let", "let"),
    "lose": ("lost", "lost"),
    "make": ("made", "made"),
    "mislead": ("misled", "misled"),
    "put": ("put", "put"),
    "ring": ("rang", "rung"),
    "rise": ("rose", "risen"),
    "say": ("said", "said"),
    "seek": ("sought", "sought"),
    "sell": ("sold", "sold"),
    "set": ("set", "set"),
    "shoot": ("shot", "shot"),
    "sing": ("sang", "sung"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "spill": ("spilled", "spilt"),
    "spread": ("spread", "spread"),
    "stand": ("stood", "stood"),
    "sweep": ("swept", "swept"),
    "take": ("took", "taken"),
    "teach": ("taught", "taught"),
    "tear": ("tore", "torn"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "throw": ("threw", "thrown"),
    "win": ("won", "won"),
    "withdraw": ("withdrew", "withdrawn"),
}
_UNCHANGED: Final = frozenset(
    "cast hit set put cut let shut spread quit bet cost hurt burst upset shed split".split()
)
_PAST_OF: Final = {past: base for base, (past, _) in _IRREGULAR.items()}
_PP_OF: Final = {pp: base for base, (_, pp) in _IRREGULAR.items()}
# Stressed final syllables double their consonant although they have two vowels.
_DOUBLES: Final = frozenset(
    "omit admit commit permit submit regret refer prefer occur control patrol transfer "
    "deter incur compel expel rebut equip acquit defer confer upset forget begin".split()
)
_AUXILIARIES: Final = frozenset(
    "has have had having 's 've 'd was were is are be been being am get gets got".split()
)
# Before these a verb is in its base form ("to cast", "did not cast").
_BASE_CUES: Final = frozenset(
    "to will would can could should must may might shall do does did not never 'll".split()
)
# Adverbs that may stand between an auxiliary and a participle ("have repeatedly cast").
_SKIPPABLE: Final = frozenset("also already just never not still even once again ever".split())
_VOWELS: Final = frozenset("aeiou")
_IRREGULAR_PLURALS: Final = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
}


def _doubles(verb: str) -> bool:
    if verb in _DOUBLES:
        return True
    if len(verb) < 3 or len(verb) > 5 or verb[-1] in "wxy" or not verb.isalpha():
        return False
    c1, v, c2 = verb[-3], verb[-2], verb[-1]
    one_vowel = sum(ch in _VOWELS for ch in verb) == 1
    return c1 not in _VOWELS and v in _VOWELS and c2 not in _VOWELS and one_vowel


def _verb_form(verb: str, form: str) -> str:
    """``verb`` (base form) in ``form``: ``base``, ``3sg``, ``past``, ``pp`` or ``ing``."""
    if form == "base":
        return verb
    if form == "3sg":
        if verb in ("be", "have"):
            return {"be": "is", "have": "has"}[verb]
        if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
            return verb + "es"
        if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
            return verb[:-1] + "ies"
        return verb + "s"
    if form == "ing":
        if verb.endswith("ie"):
            return verb[:-2] + "ying"
        if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and verb != "be":
            return verb[:-1] + "ing"
        return verb + verb[-1] + "ing" if _doubles(verb) else verb + "ing"
    if verb in _IRREGULAR:
        past, pp = _IRREGULAR[verb]
        return pp if form == "pp" else past
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    return verb + verb[-1] + "ed" if _doubles(verb) else verb + "ed"


def _form_of(surface: str, base: str, previous: tuple[str, ...] = ()) -> str:
    """Which form of ``base`` the matched first word ``surface`` is.

    ``previous`` holds the words before the match, nearest first; they decide between the
    base and the past of verbs that do not change (*cast*, *hit*) and between past and
    past participle (*has drawn*).
    """
    near = next((w for w in previous if w not in _SKIPPABLE and not w.endswith("ly")), "")
    if surface == base:
        unchanged = _IRREGULAR.get(base, ("", ""))[0] == base or base in _UNCHANGED
        if not unchanged or near in _BASE_CUES or near.endswith("n't") or not previous:
            return "base"
        return "pp" if near in _AUXILIARIES else "past"
    if surface in _PP_OF and _PP_OF[surface] != surface and surface not in _PAST_OF:
        return "pp"
    if surface in _PAST_OF:
        return "past"
    if surface.endswith("ing"):
        return "ing"
    if surface.endswith("ed") or surface.endswith("d") and base.endswith("e"):
        return "past"
    if surface.endswith("s"):
        return "3sg"
    return "base"


def _pluralize(noun: str) -> str:
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


_POSSESSIVE: Final = re.compile(r"['\u2019]s$", re.IGNORECASE)


def inflect_alternative(
    match: Match, pos: str, alternative: str, previous: tuple[str, ...] = ()
) -> str:
    """The ``alternative`` in the grammatical form of the matched words.

    Parameters
    ----------
    match : Match
        The loaded-term match (its ``text`` and headword ``term``).
    pos : str
        The lexicon row's part of speech: ``verb`` and ``noun`` inflect, others do not.
    alternative : str
        A neutral alternative in base form, as written in the lexicon.
    previous : tuple of str
        The normalised words before the match, nearest first: after *has*, *was*, … a past
        form becomes the past participle (*has drawn*); after *to* or *did*, *cast* is the
        base form.

    Returns
    -------
    str
        The inflected alternative; capitalisation is left to the caller.

    Examples
    --------
    >>> m = Match(0, 9, "lavishing", "loaded", "exaggeration", False, term="lavish")
    >>> inflect_alternative(m, "verb", "give")
    'giving'
    """
    text = match.text.lower().replace("\u2019", "'")
    possessive = bool(_POSSESSIVE.search(text)) and not match.term.endswith("'s")
    if possessive:
        text = text[:-2]
    words = alternative.split()
    if not words:
        return alternative
    if pos == "verb":
        first = text.split()[0] if text.split() else text
        form = _form_of(first, match.term.split()[0], previous)
        near = next((w for w in previous if w not in _SKIPPABLE and not w.endswith("ly")), "")
        if form == "past" and near in _AUXILIARIES:
            form = "pp"
        # "sharply reduce": the verb is the first word that is not an -ly adverb.
        k = 1 if len(words) > 1 and words[0].endswith("ly") else 0
        words[k] = _verb_form(words[k], form)
    elif pos == "noun":
        last, term_last = text.split()[-1], match.term.split()[-1]
        if last != term_last:
            words[-1] = _pluralize(words[-1])
    out = " ".join(words)
    return out + "'s" if possessive else out


# -- reframe ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Reframed:
    """A neutral rewrite of a text and the list of replacements that made it.

    Each change is a dict: ``start``/``end`` (offsets in the original text), ``original``,
    ``replacement``, ``term`` (the headword), ``category``, and ``new_start``/``new_end``
    (offsets of the replacement in ``text``).
    """

    text: str
    changes: list[dict[str, Any]] = field(default_factory=list)


def _needs_an(word: str) -> bool:
    w = word.lower()
    if w.startswith(("hour", "honest", "honor", "honour", "heir")):
        return True
    if w.startswith(("uni", "use", "usu", "one", "eu", "ur")):
        return False
    return w[:1] in _VOWELS


def _cap(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def reframe(analysis: Analysis) -> Reframed:
    """Replace each author-voice loaded term with its first neutral alternative.

    Quoted words are never rewritten: a term inside (or overlapping) a quotation is left
    as the speaker said it.  Terms without an alternative stay.  The alternative takes the
    matched word's form and capitals; ``(omit)`` drops the word and a neighbouring space;
    a preceding *a*/*an* is corrected when the new word needs the other one.

    Parameters
    ----------
    analysis : Analysis
        The result of ``framing.analyze``.

    Returns
    -------
    Reframed
        ``.text`` (the rewrite) and ``.changes`` (one dict per replacement, in text order).

    Examples
    --------
    >>> import framing
    >>> r = framing.analyze('The abrupt end of a much-ballyhooed summit, "a love fest."').reframe()
    >>> r.text
    'The early end of a much-publicized summit, "a love fest."'
    >>> [(c["original"], c["replacement"]) for c in r.changes]
    [('abrupt', 'early'), ('much-ballyhooed', 'much-publicized')]
    """
    text = analysis.text
    pos_of = _pos_index(analysis)
    quoted = [
        (q.open_at, (q.close_at if q.close_at is not None else q.end) + 1) for q in analysis.quotes
    ]
    edits: list[tuple[int, int, str, Match]] = []
    last_end = -1
    for m in analysis.loaded_terms:
        if m.in_quote or not m.alternatives or m.start < last_end:
            continue
        if any(m.start < e and s < m.end for s, e in quoted):
            continue
        start, end = m.start, m.end
        alt = m.alternatives[0]
        if alt == OMIT:
            start, end, new = _omission(text, start, end, m.text)
        else:
            prev = _previous_words(text, start)
            new = _cap(
                inflect_alternative(m, pos_of.get((m.term, m.category), ""), alt, prev), m.text
            )
            start, new = _fix_article(text, start, new)
        if start < last_end:
            continue
        edits.append((start, end, new, m))
        last_end = end
    parts: list[str] = []
    changes: list[dict[str, Any]] = []
    at = 0
    length = 0
    for start, end, new, m in edits:
        parts.append(text[at:start])
        length += start - at
        parts.append(new)
        changes.append(
            {
                "start": start,
                "end": end,
                "original": text[start:end],
                "replacement": new,
                "term": m.term,
                "category": m.category,
                "new_start": length,
                "new_end": length + len(new),
            }
        )
        length += len(new)
        at = end
    parts.append(text[at:])
    return Reframed("".join(parts), changes)


def _pos_index(analysis: Analysis) -> dict[tuple[str, str], str]:
    """``(term, category) -> pos`` for the lexicon rows behind the analysis's matches."""
    from framing.lexicon import default_lexicons

    lex = getattr(analysis, "lexicons", None) or default_lexicons()
    out: dict[tuple[str, str], str] = {}
    for name in ("loaded", "speech_verbs"):
        if name in lex:
            for e in lex[name].entries:
                cat = "speech-verb" if name == "speech_verbs" else e.category
                out.setdefault((e.term, cat), e.pos)
    return out


def _previous_words(text: str, start: int) -> tuple[str, ...]:
    """Up to three words before ``start`` in the same sentence, nearest first."""
    before = re.split(r"[.!?;:\n]", text[max(0, start - 80) : start])[-1]
    words = re.findall(r"[\w'\u2019-]+", before.lower().replace("\u2019", "'"))
    return tuple(reversed(words[-3:]))


def _omission(text: str, start: int, end: int, original: str) -> tuple[int, int, str]:
    """Span to delete for ``(omit)``: the word plus one space; keep a sentence's capital."""
    if end < len(text) and text[end] == " ":
        end += 1
        if original[:1].isupper() and end < len(text) and text[end].isalpha():
            return start, end + 1, text[end].upper()
        return start, end, ""
    if start > 0 and text[start - 1] == " ":
        return start - 1, end, ""
    return start, end, ""


def _fix_article(text: str, start: int, new: str) -> tuple[int, str]:
    """Extend the edit over a preceding "a"/"an" that no longer fits the new word."""
    m = re.search(r"(?:^|(?<=\W))([Aa]n?) $", text[max(0, start - 4) : start])
    if not m or not new:
        return start, new
    article = m.group(1)
    wants = "an" if _needs_an(new) else "a"
    if article.lower() == wants:
        return start, new
    fixed = wants.capitalize() if article[0].isupper() else wants
    return start - len(article) - 1, f"{fixed} {new}"
