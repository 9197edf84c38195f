"""Shared result types: every finding is a span of offsets into the original text.

All classes are frozen dataclasses.  ``text[start:end] == span.text`` holds for every
span the package returns; tests check it for arbitrary input.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


def fast_init(cls: type) -> type:
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots directly.

    The generated ``__init__`` sets each field through ``object.__setattr__`` (to get past
    the frozen ``__setattr__``), which costs about a microsecond per object more than the
    slots' own setters.  A long text gives tens of thousands of results, so the classes
    below use this one: same parameters and defaults, same equality, hashing and
    immutability (``tests/test_types.py`` checks them against the generated one).
    """
    fields = dataclasses.fields(cls)
    namespace: dict[str, Any] = {}
    params, body = [], []
    for f in fields:
        namespace[f"_set_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's setter
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    _set_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__dict__["__init__"].__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


#: Attribution kinds (``Attribution.kind``).
KINDS = ("direct", "partial", "indirect", "according_to", "nominal", "continuation")

#: Source types (``Attribution.source_type``).
SOURCE_TYPES = ("named", "official", "anonymous", "organization", "unresolved", "none")


@fast_init
@dataclass(frozen=True, slots=True)
class Span:
    """A plain ``[start, end)`` slice of the original text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@fast_init
@dataclass(frozen=True, slots=True)
class Ignored:
    """Text excluded from analysis and word counts (blog boilerplate and the like)."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@fast_init
@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation region: ``start``/``end`` cover the words *inside* the marks.

    ``open_at`` and ``close_at`` are the offsets of the opening and closing marks;
    ``close_at`` is ``None`` for an unbalanced quote closed at its paragraph's end.
    A multi-paragraph quote is one region that spans the paragraph break.
    """

    start: int
    end: int
    text: str
    open_at: int
    close_at: int | None
    mark: str = '"'

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "closed": self.closed}


@fast_init
@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon finding: a hedge, a booster or a loaded term.

    ``term`` is the lexicon headword that matched (``"lavish"`` for "lavishing").
    """

    start: int
    end: int
    text: str
    metric: str  # "hedge" | "booster" | "loaded"
    category: str
    in_quote: bool
    term: str = ""
    polarity: str = ""
    strength: int = 1
    alternatives: tuple[str, ...] = ()
    note: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "in_quote": self.in_quote,
            "term": self.term,
        }
        if self.metric == "loaded":
            d["polarity"] = self.polarity
            d["strength"] = self.strength
            d["alternatives"] = list(self.alternatives)
        return d


@fast_init
@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: the words in the text and the resolved canonical ``name``."""

    start: int
    end: int
    text: str
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name}


@fast_init
@dataclass(frozen=True, slots=True)
class Verb:
    """The speech verb that introduces an attribution; ``cls`` is its lexicon class."""

    start: int
    end: int
    text: str
    cls: str  # "neutral" | "evaluative" | "cognition"
    lemma: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "class": self.cls,
            "lemma": self.lemma,
        }


@fast_init
@dataclass(frozen=True, slots=True)
class Attribution:
    """One act of attribution: who said what, how it was introduced.

    ``start``/``end`` cover the whole attribution (quote and frame) within one
    sentence or quote region; ``quote`` is the quoted or reported content.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    verb: Verb | None
    quote: Span | None
    source_type: str
    anonymous: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "verb": self.verb.to_dict() if self.verb else None,
            "quote": self.quote.to_dict() if self.quote else None,
            "source_type": self.source_type,
            "anonymous": self.anonymous,
        }


@dataclass(frozen=True)
class Analysis:
    """Everything ``framing.analyze`` finds in one text.  See ``docs/json.md``."""

    text: str
    words: int
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    headings: tuple[Span, ...]
    ignored: tuple[Ignored, ...]
    quotes: tuple[Quote, ...]
    warnings: tuple[str, ...]
    hedges: tuple[Match, ...]
    boosters: tuple[Match, ...]
    loaded_terms: tuple[Match, ...]
    attributions: tuple[Attribution, ...]
    doc: Any = field(default=None, repr=False, compare=False)
    lexicons: Any = field(default=None, repr=False, compare=False)

    @property
    def chars(self) -> int:
        return len(self.text)

    def summary(self) -> dict[str, Any]:
        """Counts, densities per 1,000 words and per-metric breakdowns (author vs quoted)."""
        from framing.summary import summarize

        return summarize(self)

    def reframe(self) -> Any:
        """Replace author-voice loaded terms with their first neutral alternative."""
        from framing.loaded import reframe

        return reframe(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (``"schema": 1``); see ``docs/json.md``."""
        return {
            "schema": SCHEMA_VERSION,
            "chars": self.chars,
            "words": self.words,
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "paragraphs": [{"start": s.start, "end": s.end} for s in self.paragraphs],
            "headings": [h.to_dict() for h in self.headings],
            "ignored": [i.to_dict() for i in self.ignored],
            "quotes": [q.to_dict() for q in self.quotes],
            "warnings": list(self.warnings),
            "hedges": [m.to_dict() for m in self.hedges],
            "boosters": [m.to_dict() for m in self.boosters],
            "loaded_terms": [m.to_dict() for m in self.loaded_terms],
            "attributions": [a.to_dict() for a in self.attributions],
            "summary": self.summary(),
        }
