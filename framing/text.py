"""The text model: paragraphs, sentences, tokens and quote regions as offsets.

``Document(text)`` never modifies ``text``.  Every paragraph, sentence, token, quote and
ignored span carries ``(start, end)`` offsets into it, so ``text[start:end]`` is the unit.

Offline by construction: sentences come from NLTK's ``PunktSentenceTokenizer`` with our own
``PunktParameters`` (no trained model, no ``nltk.download``), tokens from one regular
expression (in the compiled build, a loop over the characters that finds the same tokens),
boilerplate patterns from ``framing/lexicons/boilerplate.tsv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from itertools import accumulate, islice, repeat
from operator import itemgetter, sub
from typing import Any, Final

from framing.types import Ignored, Quote, Span, fast_init

# Abbreviations that end with a period but do not end a sentence (Punkt's ``abbrev_types``
# holds them lowercase, without the final period).  Untrained Punkt splits after "Dr."
# and "U.S." without them.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen sen rep gov lt col maj capt cmdr adm sgt cpl pvt st mt ft
    jr sr rev hon pres supt insp det gens sens reps govs
    u.s u.n u.k e.u u.s.a d.c n.y l.a a.m p.m i.e e.g etc vs v
    inc corp co ltd llc bros dept univ assn est approx fig no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# Words keep internal hyphens and apostrophes ("much-ballyhooed", "didn't", "Trump's"): a
# letter or digit, then word characters, with single joiners between them.  Each match is
# the white space (or "_") skipped before a token, then the token: the lengths of the
# matches give the offsets, and stripping ``_GAP`` gives the token, without a match object
# or a group per token.  A token starting with a decimal digit is a number, with another
# letter or digit a word (abbreviations like "U.S." included), else a punctuation mark
# (``_KIND_BY_FIRST``).
_JOINER: Final = "[-\u2010\u2011'\u2019]"
# A letter, and a run of word characters: the tokens are found in lowercased text, where
# trying ``[a-z]`` before the slower category test saves about a tenth of the time.
_LETTER: Final = r"(?:[a-z]|[^\W\d_])"
_WORD_CHARS: Final = r"[a-z0-9\w]*"
_TOKEN_RE: Final = re.compile(
    r"[\s_]*(?:"
    + _LETTER
    + r"(?:\.(?:[^\W\d_]\.)+"  # abbreviations with inner periods: "U.S.", "e.g."
    + f"|{_WORD_CHARS}(?:{_JOINER}[^\\W_]{_WORD_CHARS})*)"  # words starting with a letter
    + r"|\d+(?:[.,:]\d+)*%?"  # numbers
    + f"|[^\\W_]\\w*(?:{_JOINER}[^\\W_]\\w*)*"  # words starting with another alphanumeric
    + r"|[^\w\s])"  # anything else is punctuation, one character at a time
)
# The characters ``[\s_]`` matches (``tests/test_text.py`` checks the list is complete).
_GAP: Final = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f _\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def token_strings(text: str) -> list[str]:
    """The tokens of ``text``, as strings (the tokenizer ``Document`` uses)."""
    return list(map(str.lstrip, _TOKEN_RE.findall(text), repeat(_GAP)))


# The token kinds (``Final``: compiled, constants, not names looked up in the module per token).
_WORD: Final = "word"
_NUM: Final = "num"
_PUNCT: Final = "punct"


class _KindByFirst(dict[str, str]):
    """A token's kind by its first character, each character's worked out once (a dict
    lookup per token, not a call)."""

    def __missing__(self, first: str) -> str:
        kind = _NUM if first.isdecimal() else _WORD if first.isalnum() else _PUNCT
        self[first] = kind
        return kind


_KIND_BY_FIRST: Final = _KindByFirst()


def scan_tokens(
    src: str,
    lo: int,
    hi: int,
    toks: list[str],
    starts: list[int],
    ends: list[int],
    kinds: list[str],
    canon: dict[str, str],
    text: str,
    caps: list[bool],
) -> None:
    """``_TOKEN_RE``'s tokens of ``src[lo:hi]``, their offsets and kinds, appended to the lists,
    each token as the first string ``canon`` holds equal to it, and whether ``text`` (the
    original of ``src``, same offsets) starts the token with a capital letter.

    The same tokens, found by one loop over the characters rather than by the regular
    expression: compiled (``framing.native``), the loop is about four times faster than
    the regular expression and the strip and sums around it; in pure Python it is slower,
    so pure Python runs the regular expression.  ``tests/test_text.py`` checks the two agree
    on generated text.  Character classes are the regular expression's: ``\\s`` is
    ``str.isspace``, ``\\d`` ``str.isdecimal``, ``[^\\W_]`` ``str.isalnum``.
    """
    i = lo
    while i < hi:
        c = ord(src[i])
        if c < 128:
            if c == 32 or 9 <= c <= 13 or 28 <= c <= 31 or c == 95:  # white space or "_"
                i += 1
                continue
            digit = 48 <= c <= 57
            letter = 97 <= c <= 122 or 65 <= c <= 90
        else:
            ch = src[i]
            if ch.isspace():
                i += 1
                continue
            digit = ch.isdecimal()
            letter = not digit and ch.isalnum()
        s = i
        i += 1
        if letter:
            kind = _WORD
            if i + 2 < hi and src[i] == "." and src[i + 2] == "." and _letter_at(src, i + 1):
                i += 3  # an abbreviation with inner periods: "u.s.", "e.g."
                while i + 1 < hi and src[i + 1] == "." and _letter_at(src, i):
                    i += 2
            else:
                while True:  # word characters, then a joiner and an alphanumeric, again
                    while i < hi:
                        c = ord(src[i])
                        if c < 128:
                            if not (97 <= c <= 122 or 48 <= c <= 57 or 65 <= c <= 90 or c == 95):
                                break
                        elif not src[i].isalnum():
                            break
                        i += 1
                    if i + 1 < hi and _joiner(ord(src[i])) and src[i + 1].isalnum():
                        i += 2
                    else:
                        break
        elif digit:
            kind = _NUM
            while True:  # digits, then "." "," or ":" and a digit, again; then "%"
                while i < hi and _decimal_at(src, i):
                    i += 1
                if i + 1 < hi and ord(src[i]) in (44, 46, 58) and _decimal_at(src, i + 1):
                    i += 2
                else:
                    break
            if i < hi and src[i] == "%":
                i += 1
        else:
            kind = _PUNCT
        tok = src[s:i]
        toks.append(canon.setdefault(tok, tok))
        starts.append(s)
        ends.append(i)
        kinds.append(kind)
        c = ord(text[s])
        caps.append(65 <= c <= 90 if c < 128 else text[s].isupper())


def _letter_at(src: str, i: int) -> bool:
    """``[^\\W\\d_]``: a letter (or a numeric character that is no decimal digit)."""
    c = ord(src[i])
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90
    ch = src[i]
    return ch.isalnum() and not ch.isdecimal()


def _decimal_at(src: str, i: int) -> bool:
    c = ord(src[i])
    return 48 <= c <= 57 if c < 128 else src[i].isdecimal()


def _joiner(c: int) -> bool:
    """``_JOINER``: a hyphen or an apostrophe, ASCII or not."""
    return c == 45 or c == 39 or c == 0x2019 or c == 0x2010 or c == 0x2011


#: Whether this module runs compiled: then ``Document`` tokenizes with ``scan_tokens``.
_COMPILED = type(scan_tokens).__name__ != "function"


_NORM_TABLE: Final = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-"})
_JOINER_NORMS: Final = "\u2019\u2010\u2011"  # joiners with an ASCII norm (the ASCII ones join too)


def normalise(token: str) -> str:
    """A token's normalised form: lowercase, curly apostrophes and Unicode hyphens made ASCII."""
    low = token.lower()
    # (the table maps non-ASCII characters only; translate tries a dict key per character)
    return low if low.isascii() else low.translate(_NORM_TABLE)


_DOUBLE_OPEN: Final = "\u201c\u201e\u00ab"  # “ „ «
_DOUBLE_CLOSE: Final = "\u201d\u00bb"  # ” »
_QUOTE_MARKS: Final = "\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'"


def _quote_mark_offsets(text: str) -> list[int]:
    """Offsets of every quotation mark and apostrophe in ``text``, in order.

    ``str.find`` per mark is several times faster than a regular expression's search, which
    tests a character class at every character of the text."""
    out: list[int] = []
    find = text.find
    for mark in _QUOTE_MARKS:
        at = find(mark)
        while at >= 0:
            out.append(at)
            at = find(mark, at + 1)
    out.sort()
    return out


_SINGLE_OPEN_BEFORE: Final = set(' \t([{\u2014\u2013-/"\u201c\u201e\u00ab')
_HEADING_END: Final = set(".!?:;,\"'\u201d\u2019)\u2026")
_MAX_HEADING_WORDS: Final = 14
_FUNCTION_WORDS: Final = frozenset(
    "a an the of to in on at for with and or but nor by from as that this these those is are "
    "was were be been his her their its our my your who which whose than".split()
)
_LINE_END: Final = set(".!?:;\"'\u201d\u2019)\u2026")  # a line ending so ends its paragraph
_BLANK_LINE_RE: Final = re.compile(r"\n[ \t\r\f\v]*\n")


@fast_init
@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    heading: bool = False


@fast_init
@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    heading: bool
    tok_start: int
    tok_end: int


class Token:
    """One token: ``kind`` is ``"word"``, ``"num"`` or ``"punct"``; ``quote`` indexes
    ``Document.quotes`` (``-1`` outside any quote)."""

    __slots__ = ("start", "end", "norm", "sent", "quote", "kind")

    def __init__(
        self, start: int, end: int, norm: str, sent: int, kind: str, quote: int = -1
    ) -> None:
        self.start = start
        self.end = end
        self.norm = norm
        self.sent = sent
        self.quote = quote
        self.kind = kind

    @property
    def in_quote(self) -> bool:
        return self.quote >= 0

    @property
    def is_word(self) -> bool:
        return self.kind != "punct"

    def __repr__(self) -> str:
        return (
            f"Token({self.start}, {self.end}, {self.norm!r}, sent={self.sent}, quote={self.quote})"
        )


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """All boilerplate patterns as one regex (group ``b<k>`` is row k) and their reasons."""
    patterns: list[str] = []
    reasons: list[str] = []
    data = files("framing.lexicons").joinpath("boilerplate.tsv").read_text(encoding="utf-8")
    header_seen = False
    for line in data.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        pattern, reason, _source = line.split("\t")
        re.compile(pattern)  # fail here, naming the pattern, if a row is broken
        patterns.append(f"(?P<b{len(patterns)}>{pattern})")
        reasons.append(reason)
    return re.compile("|".join(patterns), re.IGNORECASE), tuple(reasons)


def boilerplate_reason(line: str) -> str | None:
    """The reason a stripped line is page furniture, or ``None`` if it is article text."""
    if len(line) > 300:
        return None
    regex, reasons = _boilerplate()
    m = regex.fullmatch(line)
    if m is None:
        return None
    group = next(name for name, value in m.groupdict().items() if value is not None)
    return reasons[int(group[1:])]


_PLAIN_BREAK_RE: Final = re.compile(r"([^\W\d_][\w'\u2019-]*)([.?!])\s+\S+")


def plain_sentbreak(context: str) -> bool | None:
    """Punkt's verdict on a break context, computed without Punkt for the plain case.

    A plain word (not an abbreviation we list, not an initial, no digits first) followed
    by ``. ? !`` and white space: Punkt with no trained collocations or orthographic
    context always breaks there.  ``None`` means "ask Punkt" (``tests/test_text.py``
    checks the two agree).
    """
    m = _PLAIN_BREAK_RE.fullmatch(context)
    if m is None:
        return None
    return True if _plain_break(m.group(1).lower(), m.group(2)) else None


def _plain_break(word: str, mark: str) -> bool:
    """Punkt (untrained, our abbreviations) always breaks after this lowercased plain word:
    a ``?`` or ``!``, or a period after a word that is neither an initial nor listed."""
    return mark != "." or (
        len(word) > 1
        and word not in ABBREVIATIONS
        and ("-" not in word or word.rsplit("-", 1)[-1] not in ABBREVIATIONS)
    )


# Punkt's own character classes (nltk.tokenize.punkt.PunktLanguageVars): after . ? ! a
# "non-word" character makes a candidate break; closing marks are realigned backwards.
_CLOSERS: Final = "\"')\\]}\u2018\u2019\u201c\u201d\xab\xbb"
# White space other than " \t\n\r\v\f" (``[^\S \t\n\r\x0b\x0c]``, written out from ``_GAP``:
# a category test per character is slow).
_NON_ASCII_SPACE_RE: Final = re.compile(
    "[" + re.escape("".join(c for c in _GAP if c not in " \t\n\r\x0b\x0c_")) + "]"
)
# Every ``. ? !`` that matters to ``_fast_split``, in one pass.  A candidate break (the
# mark, at most one closing mark, white space, the next token) fills groups 1-3; any other
# match is a mark Punkt's context rules apply to: before "other punctuation", or with two
# closing marks, or with one not ending the paragraph.  A mark inside a word ("U.S",
# "3.5") or ending the paragraph, most marks, is no match: no Python step for it.
_HARD_AFTER: Final = ";*:@([{?!"  # after a bare mark, Punkt's "other punctuation"
_MARK_RE: Final = re.compile(
    f"([.?!])(?:([{_CLOSERS}]?)(?=\\s+(\\S+)|\\s)"
    f"|[{_CLOSERS}]{{2}}|[{_CLOSERS}](?!\\Z)|(?=[{re.escape(_HARD_AFTER)}]))"
)
# A candidate break: Punkt only breaks after one (``Document._sentence_spans``).
_CANDIDATE_RE: Final = re.compile(f"[.?!][{_CLOSERS}]*\\s")
_PLAIN_WORD_RE: Final = re.compile(r"[^\W\d_][\w'\u2019-]*")
_PLAIN_NEXT_RE: Final = re.compile(r"[\w'\u2019-]+")
_OPENERS: Final = "\"'(\u201c\u2018\xab[{"
_NUMBER_RE: Final = re.compile(r"-?[.,]?\d[\d,.-]*")  # Punkt's number type, less the final period


def simple_split(chunk: str) -> list[tuple[int, int]] | None:
    """Punkt's sentence spans for a paragraph whose every candidate break is plain.

    Returns ``None`` (ask Punkt) unless every ``. ? !`` in ``chunk`` is inside a word, or
    ends a plain word (closing quotes allowed) before white space and a word, with a
    verdict ``plain_sentbreak`` can give or after an abbreviation we list, or ends a dotted
    abbreviation we list or a number before a word Punkt surely reads.  Then Punkt's
    machinery (context matching, overlap removal, boundary realignment) reduces to
    splitting after the mark and its closing quotes, which is what this does;
    ``tests/test_text.py`` checks the two agree on generated paragraphs and the corpus.
    """
    return _fast_split(chunk) if chunk else None


def _mark_matches(chunk: str) -> list[re.Match[str]]:
    """``_MARK_RE.finditer(chunk)``'s matches: ``_MARK_RE`` tried at each ``. ? !`` in turn,
    which ``str.find`` finds faster than the search's test of every character."""
    out: list[re.Match[str]] = []
    at = [chunk.find("."), chunk.find("?"), chunk.find("!")]
    pos = 0
    while True:
        p = -1
        for k in range(3):
            q = at[k]
            if 0 <= q < pos:
                q = at[k] = chunk.find(".?!"[k], pos)
            if q >= 0 and (p < 0 or q < p):
                p = q
        if p < 0:
            return out
        m = _MARK_RE.match(chunk, p)
        if m is None:
            pos = p + 1
        else:
            out.append(m)
            pos = m.end()


def _fast_split(chunk: str) -> list[tuple[int, int]] | None:
    """``simple_split``'s answer for a non-empty chunk: one pass over the marks."""
    # (an ASCII chunk, most of them, is known to be one without a scan of its characters)
    if not chunk.isascii() and _NON_ASCII_SPACE_RE.search(chunk) is not None:
        return None  # unusual white space: Punkt decides
    spans = []
    start = 0
    rare_space = "\t" in chunk or "\r" in chunk or "\x0b" in chunk or "\x0c" in chunk
    for m in _mark_matches(chunk):
        mark, closers, nxt = m.groups()
        if closers is None:
            return None  # a mark before other punctuation: Punkt's context rules apply
        mark_at = m.start()
        if rare_space:
            k = mark_at
            while k and not chunk[k - 1].isspace():
                k -= 1
        else:
            k = max(chunk.rfind(" ", 0, mark_at), chunk.rfind("\n", 0, mark_at)) + 1
        if k == mark_at:
            return None  # a mark by itself ("He left . Next"): Punkt breaks after it
        word = chunk[k:mark_at]
        core = word.lstrip(_OPENERS)  # '"done."': Punkt reads the opening mark apart
        lower = core.lower()
        if _PLAIN_WORD_RE.fullmatch(core) is None:
            if mark != "." or closers or core != word:
                return None
            if lower in ABBREVIATIONS and _PLAIN_NEXT_RE.fullmatch(nxt):
                continue  # a dotted abbreviation ("p.m.") before a plain word: no break
            if _NUMBER_RE.fullmatch(core) and nxt.lstrip(_OPENERS)[:1].isupper():
                # Punkt breaks after a number unless its orthographic heuristic says the
                # next word is no sentence starter, which it says of lowercase words only
                # ("in 2023. \u201cMaybe", "at 15,000. Police")
                spans.append((start, m.end()))
                start = m.start(3)
                continue
            return None
        rest = nxt.lstrip(_CLOSERS)
        if len(rest) < len(nxt) and (not rest or rest.startswith("--")):
            return None  # Punkt would realign a lone closing mark: let it
        if core != word and (len(core) == 1 or lower in ABBREVIATIONS or "-" in lower):
            return None
        if _plain_break(lower, mark):
            spans.append((start, m.end()))
            start = m.start(3)
        elif closers or len(word) == 1:
            return None  # an initial, or an abbreviation before a quote: Punkt decides
        elif _PLAIN_NEXT_RE.fullmatch(nxt) is None:
            return None
        # else an abbreviation we list, before a plain word: Punkt never breaks there
    spans.append((start, len(chunk)))
    return spans


_FIRST_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_FIRST_ALNUM_RE: Final = re.compile(r"[^\W_]")
_QUOTED_END_RE: Final = re.compile(f"[?!][{_CLOSERS}]*[\"'\u201d\u2019\u00bb]$")


def _join_lowercase_starts(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo breaks before a lowercase word.

    Untrained Punkt breaks after ``"Why now?"`` in ``"Why now?" she asked`` and after
    ``(R-S.C.)`` in ``Graham (R-S.C.) said``.  In capitalised text a sentence does not start
    in lowercase ("iPhone", lowercase then capital, does); in text written all in lowercase
    only a question or exclamation closed by a quotation mark is joined to what follows.
    """
    first = _FIRST_LETTER_RE.search(chunk)
    capitalised = first is not None and first.group().isupper()
    out = [spans[0]]
    for s, e in spans[1:]:
        word = chunk[s : s + 2]
        if capitalised:
            join = word[:1].islower() and not word[1:2].isupper()
        else:
            start = _FIRST_ALNUM_RE.search(chunk, s, e)
            join = (
                _QUOTED_END_RE.search(chunk, out[-1][0], out[-1][1]) is not None
                and start is not None
                and not start.group().isupper()
            )
        if join:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=1)
def sentence_tokenizer():
    """A Punkt tokenizer built from our own parameters (no trained model needed).

    Punkt annotates every candidate break in Python; the plain case (most breaks in news)
    is decided by ``plain_sentbreak`` first, which keeps ``analyze`` fast.
    """
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    def text_contains_sentbreak(self, text: str) -> bool:
        verdict = plain_sentbreak(text)
        if verdict is not None:
            return verdict
        return PunktSentenceTokenizer.text_contains_sentbreak(self, text)

    punkt = type(
        "_Punkt", (PunktSentenceTokenizer,), {"text_contains_sentbreak": text_contains_sentbreak}
    )
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return punkt(params)


def _is_heading(line: str) -> bool:
    """Short lines without final punctuation ("Cracks in Trump's personality-driven diplomacy")."""
    if not line or line[-1] in _HEADING_END:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    if re.search(r"[.!?][\"\u201d\u2019')]*\s", line):  # several sentences: not a heading
        return False
    words = line.split()
    # a line ending in a function word stops mid-sentence: wrapped text, not a heading
    return len(words) <= _MAX_HEADING_WORDS and words[-1].lower() not in _FUNCTION_WORDS


def _bisect_after(starts: list[int], offset: int, lo: int) -> int:
    """``bisect_left(starts, offset, lo)`` for an offset usually a few dozen tokens past
    ``lo`` (a sentence's end, a quotation's): a search of the whole rest of a long text
    visits far-apart entries, a search of the next few dozen tokens nearby ones.  Compiled,
    the search is written out (several times faster than a call of ``bisect_left``); in pure
    Python, ``bisect_left`` is."""
    n = len(starts)
    if not _COMPILED:
        hi = lo + 64
        if hi < n and starts[hi] >= offset:
            return bisect_left(starts, offset, lo, hi)
        return bisect_left(starts, offset, lo)
    # widen [lo, hi] until starts[hi] >= offset (the answer is at most hi), then halve it
    step = 32
    hi = lo + step
    while hi < n and starts[hi] < offset:
        lo = hi + 1
        step += step
        hi = lo + step
    if hi > n:
        hi = n
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


class Document:
    """The original text with its paragraphs, sentences, tokens, quotes and ignored spans.

    Parameters
    ----------
    text : str
        The text as decoded; it is stored as given and never modified.

    Attributes
    ----------
    tokens : list[Token]
        Every token in reading order (``Token.start``/``.end`` index ``text``).
    token_starts, token_ends, token_sents, token_kinds, token_quotes, token_caps : list
        The same tokens as plain parallel lists (offsets, sentence index, kind, quote index
        or -1, whether it starts with a capital letter), for loops over many tokens;
        ``norms()`` gives their normalised forms.
    """

    def __init__(self, text: object) -> None:  # (any object: a clear error for non-str)
        if not isinstance(text, str):
            raise TypeError(f"Document needs a str, got {type(text).__name__}")
        self.text: str = text
        self.warnings: list[str] = []
        self.ignored: tuple[Ignored, ...] = ()
        self.paragraphs: tuple[Paragraph, ...] = ()
        self.sentences: tuple[Sentence, ...] = ()
        self.quotes: tuple[Quote, ...] = ()
        self._split_paragraphs()
        self._find_quotes()
        self._split_sentences_and_tokens()
        self.words = self.words_in(0, len(self.token_kinds))
        #: words inside quotation marks (the quoted voice); ``words - quoted_words`` is the author's
        # (counted over the quotations' token ranges, a nested one inside the outer one)
        quoted = 0
        reach = 0
        for lo, hi in self.quote_tokens:
            lo = max(lo, reach)
            if lo < hi:
                quoted += self.words_in(lo, hi)
                reach = hi
        self.quoted_words = quoted

    # -- paragraphs -------------------------------------------------------------------
    def _lines(self) -> list[tuple[int, int]]:
        """Stripped ``(start, end)`` of every non-blank line; ``\\r\\n`` keeps its offsets."""
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            s, e = m.start(), m.end()
            while s < e and self.text[s].isspace():
                s += 1
            while e > s and self.text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
        return out

    def _split_paragraphs(self) -> None:
        text = self.text
        lines = self._lines()
        kept: list[tuple[int, int]] = []
        ignored = []
        after_ignored: set[int] = set()  # kept lines right after an ignored line
        prev_ignored = False
        for s, e in lines:
            reason = boilerplate_reason(text[s:e])
            if reason is None:
                if prev_ignored:
                    after_ignored.add(s)
                kept.append((s, e))
            else:
                ignored.append(Ignored(s, e, text[s:e], reason))
            prev_ignored = reason is not None
        self.ignored = tuple(ignored)
        # A blank line (or an ignored line) always ends a paragraph.  Inside a block, the
        # next line continues the paragraph when the text looks hard-wrapped: it starts in
        # lowercase, or the line before stops mid-sentence and is no heading.  So one
        # paragraph per line (most web copy) and wrapped text both come out right, even
        # when a file mixes them.
        paragraphs: list[Paragraph] = []
        prev_end = -1
        for s, e in kept:
            line = text[s:e]
            if (
                paragraphs
                and s not in after_ignored
                and not _BLANK_LINE_RE.search(text, prev_end, s)
            ):
                last = text[paragraphs[-1].start : prev_end]
                prev_line = text[last.rfind("\n") + paragraphs[-1].start + 1 : prev_end]
                if line[0].islower() or (
                    prev_line[-1] not in _LINE_END and not _is_heading(prev_line)
                ):
                    paragraphs[-1] = Paragraph(paragraphs[-1].start, e, False)
                    prev_end = e
                    continue
            paragraphs.append(Paragraph(s, e, _is_heading(line)))
            prev_end = e
        self.paragraphs = tuple(paragraphs)

    # -- quotes -----------------------------------------------------------------------
    def _find_quotes(self) -> None:
        text = self.text
        quotes: list[Quote] = []
        open_at: int | None = None  # an open double quote, possibly from a previous paragraph
        open_mark = '"'
        paras = self.paragraphs
        marks = _quote_mark_offsets(text)
        hi = 0  # the marks before ``hi`` lie before the paragraph (paragraphs are in order)
        for k, para in enumerate(paras):
            continuing = open_at is not None
            single_open: int | None = None
            single_mark = "'"
            lo = _bisect_after(marks, para.start, hi)
            hi = _bisect_after(marks, para.end, lo)
            for p in marks[lo:hi]:
                c = text[p]
                if continuing:
                    # The opening mark of a continued multi-paragraph quote.
                    continuing = False
                    if c == '"' or c in _DOUBLE_OPEN:
                        continue
                if c == '"' or c in _DOUBLE_OPEN or c in _DOUBLE_CLOSE:
                    if open_at is None:
                        if c in _DOUBLE_CLOSE:
                            continue  # a stray closing mark: nothing to close
                        open_at, open_mark = p, c
                    elif c == '"' or c in _DOUBLE_CLOSE:
                        if p > open_at + 1:
                            quotes.append(
                                Quote(open_at + 1, p, text[open_at + 1 : p], open_at, p, open_mark)
                            )
                        open_at = None
                    continue
                # Single marks: apostrophes unless they clearly open/close a quotation.
                before = text[p - 1] if p > para.start else " "
                after = text[p + 1] if p + 1 < para.end else " "
                if (
                    c in "'\u2018"
                    and before in _SINGLE_OPEN_BEFORE
                    and after.isalpha()
                    and single_open is None
                ):
                    single_open, single_mark = p, c
                elif (
                    c in "'\u2019"
                    and single_open is not None
                    and not after.isalnum()
                    and not before.isspace()
                ):
                    if open_at is None and p > single_open + 1:
                        # A primary single-quoted quotation (British style); nested ones lie
                        # inside a double quote already.
                        quotes.append(
                            Quote(
                                single_open + 1,
                                p,
                                text[single_open + 1 : p],
                                single_open,
                                p,
                                single_mark,
                            )
                        )
                    single_open = None
            if open_at is not None:
                nxt = paras[k + 1] if k + 1 < len(paras) else None
                if nxt is not None and (text[nxt.start] == '"' or text[nxt.start] in _DOUBLE_OPEN):
                    continue  # multi-paragraph quote: it goes on in the next paragraph
                end = para.end
                if end > open_at + 1:
                    quotes.append(
                        Quote(open_at + 1, end, text[open_at + 1 : end], open_at, None, open_mark)
                    )
                line = text.count("\n", 0, open_at) + 1
                self.warnings.append(
                    f"unbalanced quote: the quotation opened at offset {open_at} (line {line}) "
                    "is not closed; it was closed at the end of its paragraph"
                )
                open_at = None
        quotes.sort(key=lambda q: (q.start, q.end))
        self.quotes = tuple(quotes)

    def _sentence_spans(self, para: Paragraph) -> list[tuple[int, int]]:
        """The paragraph's sentences as ``(start, end)`` offsets *into the paragraph*."""
        whole = [(0, para.end - para.start)]
        if para.heading:
            return whole
        chunk = self.text[para.start : para.end]
        spans = _fast_split(chunk)
        if spans is None:
            if _CANDIDATE_RE.search(chunk) is None:
                # Punkt only breaks after . ? ! (and closing marks) followed by white space:
                # without one, the paragraph is one sentence and Punkt (the slow part) need
                # not run.
                return whole
            try:
                spans = list(sentence_tokenizer().span_tokenize(chunk))
            except Exception:  # Punkt on pathological input: keep the paragraph whole
                return whole
            if len(spans) > 1:
                spans = _join_lowercase_starts(chunk, spans)
            return [(s, e) for s, e in spans if e > s] or whole
        if len(spans) > 1:  # (the fast path's spans are never empty)
            spans = _join_lowercase_starts(chunk, spans)
        return spans

    def _runs_without_ignored_lines(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each run of paragraphs with no ignored line between them."""
        ignored = [ig.start for ig in self.ignored]
        runs: list[tuple[int, int]] = []
        g = 0  # the next ignored line
        for para in self.paragraphs:
            split = False
            while g < len(ignored) and ignored[g] < para.start:
                split = True
                g += 1
            if runs and not split:
                runs[-1] = (runs[-1][0], para.end)
            else:
                runs.append((para.start, para.end))
        return runs

    def _split_sentences_and_tokens(self) -> None:
        text = self.text
        # Tokens are found in the lowered text when lowering keeps every offset (almost
        # always; "İ" is a rare exception, normalised token by token): they are the norms,
        # and their first characters give the same kinds.  Curly apostrophes and Unicode
        # hyphens join words as their ASCII forms do, so they are made ASCII first; a left
        # single quote joins nothing and is only ever a token by itself.
        low: str | None = None
        lowered = text.lower()
        if len(lowered) == len(text):
            for c in _JOINER_NORMS:  # str.replace is ~50x faster than translate here
                if c in lowered:
                    lowered = lowered.replace(c, _NORM_TABLE[ord(c)])
            low = lowered
        # Tokens never straddle a sentence break (breaks fall in white space, or between a
        # closing mark and the punctuation after it) nor a paragraph break, and only white
        # space lies between paragraphs that no ignored line separates: so one ``findall``
        # per run of such paragraphs gives the same tokens as one per sentence.
        src = text if low is None else low
        toks: list[str] = []
        ends: list[int] = []
        starts: list[int] = []
        kinds: list[str] = []
        caps: list[bool] = []
        # One string per distinct norm: a text repeats its words, and every repeat shares
        # the first one's string (less memory, and strings the metrics read stay in the cache).
        # The compiled tokenizer shares them as it finds them, which frees each repeat at once.
        canon: dict[str, str] = {}
        if _COMPILED:
            for s, e in self._runs_without_ignored_lines():
                scan_tokens(src, s, e, toks, starts, ends, kinds, canon, text, caps)
        else:
            findall = _TOKEN_RE.findall
            # Stripping a set of characters costs a lookup table per call; without "_" in
            # the text, the white space ``lstrip()`` strips by default is the whole gap.
            gap = _GAP if "_" in src else None
            for s, e in self._runs_without_ignored_lines():
                found = findall(src, s, e)
                toks += map(str.lstrip, found, repeat(gap))
                # each token ends where the white space and tokens before it end
                ends += islice(accumulate(map(len, found), initial=s), 1, None)
            starts = list(map(sub, ends, map(len, toks)))
            kinds = list(map(_KIND_BY_FIRST.__getitem__, map(itemgetter(0), toks)))
            # each token's first character in one C call (itemgetter with one index returns
            # a bare character, with none it raises: tiny texts take the plain route)
            firsts = itemgetter(*starts)(text) if len(starts) > 1 else [text[k] for k in starts]
            caps = list(map(str.isupper, firsts))
        sentences: list[Sentence] = []
        sents: list[int] = []
        t0 = 0
        for k, para in enumerate(self.paragraphs):
            at, heading = para.start, para.heading
            for s, e in self._sentence_spans(para):
                t1 = _bisect_after(starts, at + e, t0)
                sents += repeat(len(sentences), t1 - t0)
                sentences.append(Sentence(at + s, at + e, k, heading, t0, t1))
                t0 = t1
        if low is None:
            norms = list(map(normalise, toks))
        else:
            norms = toks
            at = low.find("\u2018")
            while at >= 0:  # a left single quote is a token by itself, normalised to "'"
                k = bisect_left(starts, at)
                if k < len(starts) and starts[k] == at:  # (not on an ignored line)
                    norms[k] = "'"
                at = low.find("\u2018", at + 1)
        if low is None or not _COMPILED:
            # (not shared by the tokenizer: pure Python, or norms made from the original text)
            norms = list(map(canon.setdefault, norms, norms))
        # The quotation each token is in (found by bisection: quotes are few); a token in
        # nested quotations belongs to the outer one.
        spans = []
        lo = 0
        for q in self.quotes:  # (sorted by start)
            lo = _bisect_after(starts, q.start, lo)
            spans.append((lo, _bisect_after(starts, q.end, lo)))
        quotes = [-1] * len(toks)
        for qi in range(len(spans) - 1, -1, -1):
            lo, hi = spans[qi]
            quotes[lo:hi] = repeat(qi, hi - lo)
        #: token range ``(lo, hi)`` of each quotation's text (tokens of a nested quotation
        #: belong to the outer one in ``token_quotes``)
        self.quote_tokens: list[tuple[int, int]] = spans
        self.sentences = tuple(sentences)
        #: per-token lists, parallel to ``tokens`` (for loops that want plain lists)
        self.token_starts, self.token_ends, self.token_sents = starts, ends, sents
        self.token_kinds, self.token_quotes = kinds, quotes
        #: whether each token starts with a capital letter
        self.token_caps = caps
        self._norm_index: dict[str, list[int]] | None = None
        self.lexicon_hits: dict = {}  # Lexicon -> its hits here (framing.lexicon caches them)
        self._norms: list[str] = norms
        self._attribution_people: Any = None  # attribution.find leaves its name evidence here

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token as a ``Token`` (built on first use from the per-token lists, which is
        all the metrics need)."""
        return list(
            map(
                Token,
                self.token_starts,
                self.token_ends,
                self._norms,
                self.token_sents,
                self.token_kinds,
                self.token_quotes,
            )
        )

    def norm_index(self) -> dict[str, list[int]]:
        """Token positions by normalised form (built once; lexicon matching uses it)."""
        if self._norm_index is None:
            index: dict[str, list[int]] = {}
            # (a norm is new a few thousand times in a long text: the exception is rare, and
            # the usual case is two operations, compiled or not)
            for i, norm in enumerate(self._norms):
                try:
                    index[norm].append(i)
                except KeyError:
                    index[norm] = [i]
            self._norm_index = index
        return self._norm_index

    def norms(self) -> list[str]:
        """Normalised form of every token, in order (built once)."""
        return self._norms

    def token_index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.token_starts, offset)

    def words_in(self, lo: int, hi: int) -> int:
        """Word tokens (numbers included, punctuation not) among tokens ``lo`` to ``hi``."""
        return hi - lo - self.token_kinds[lo:hi].count("punct")

    # -- helpers ----------------------------------------------------------------------
    def sentence_tokens(self, i: int) -> list[Token]:
        """Tokens of sentence ``i``."""
        s = self.sentences[i]
        return self.tokens[s.tok_start : s.tok_end]

    def span(self, start: int, end: int) -> Span:
        """A ``Span`` of the original text."""
        return Span(start, end, self.text[start:end])
