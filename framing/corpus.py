"""The bundled articles and their gold annotations.

>>> from framing import corpus
>>> "hanoi-summit-2019" in corpus.list_articles()
True
>>> corpus.load_gold("sarn-summit-wire")["article"]
'sarn-summit-wire'

Metadata lives in ``data/articles/catalog.json``, gold files in ``data/gold/<id>.json``; the
gold format and the annotation guidelines are in ``framing/data/README.md``.  Everything is
read with :mod:`importlib.resources`, so it works from a wheel as well as from a checkout.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

from framing import hedging, loaded
from framing.types import KINDS, SOURCE_TYPES

REFERENCE_ID = "hanoi-summit-2019"

#: Keys every catalog record has.
CATALOG_KEYS = (
    "id",
    "file",
    "title",
    "outlet",
    "date",
    "topic",
    "framing_note",
    "constructed",
    "license",
    "real_people",
    "event",
    "stance",
)

#: Categories allowed in gold files: the lexicons' own (one list each, in its module).
HEDGE_CATEGORIES = frozenset(hedging.HEDGE_CATEGORIES)
BOOSTER_CATEGORIES = frozenset(hedging.BOOSTER_CATEGORIES)
LOADED_CATEGORIES = frozenset(loaded.CATEGORIES) | {"speech-verb"}
_CATEGORIES = {
    "hedges": HEDGE_CATEGORIES,
    "boosters": BOOSTER_CATEGORIES,
    "loaded_terms": LOADED_CATEGORIES,
}


class GoldError(ValueError):
    """A gold file that does not fit its article (offsets, text, values)."""


def _data():
    return files("framing.data")


def _articles():
    return _data().joinpath("articles")


@lru_cache(maxsize=1)
def _catalog() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(_articles().joinpath("catalog.json").read_text(encoding="utf-8")))


def list_articles(*, event: str | None = None) -> list[str]:
    """Ids of the bundled articles, in catalog order.

    Parameters
    ----------
    event
        Only the versions of this story (``"sarn-summit"``, ``"harlow-stadium"``, …).
    """
    return [m["id"] for m in _catalog() if event is None or m.get("event") == event]


def events() -> dict[str, list[str]]:
    """``{event: [article ids]}``: the outlets' versions of each story, in catalog order."""
    out: dict[str, list[str]] = {}
    for m in _catalog():
        out.setdefault(m.get("event", m["id"]), []).append(m["id"])
    return out


def metadata(article_id: str) -> dict[str, Any]:
    """Catalog entry of one article (id, title, outlet, date, topic, framing_note, …)."""
    for m in _catalog():
        if m["id"] == article_id:
            return dict(m)
    raise KeyError(
        f"no bundled article {article_id!r}; choose one of: {', '.join(list_articles())}"
    )


def load(article_id: str) -> str:
    """The text of a bundled article, exactly as shipped (newlines untranslated)."""
    path = _articles().joinpath(metadata(article_id)["file"])
    with path.open("r", encoding="utf-8", newline="") as f:
        return f.read()


def iter_articles() -> Iterator[tuple[str, str]]:
    """``(id, text)`` for every bundled article."""
    for article_id in list_articles():
        yield article_id, load(article_id)


def load_gold(article_id: str) -> dict[str, Any] | None:
    """The gold annotation of a bundled article, or ``None`` if it has none.

    Raises
    ------
    KeyError
        For an id that is not in the catalog.
    """
    metadata(article_id)  # unknown ids fail here with the list of valid ones
    path = _data().joinpath("gold").joinpath(f"{article_id}.json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _span_problems(text: str, span: Any, where: str) -> list[str]:
    if not isinstance(span, dict):
        return [f"{where}: expected an object with start, end, text"]
    start, end, said = span.get("start"), span.get("end"), span.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(said, str)):
        return [f"{where}: start and end must be integers and text a string"]
    if not 0 <= start < end <= len(text):
        return [f"{where}: offsets {start}:{end} outside the article (0:{len(text)})"]
    if text[start:end] != said:
        return [f"{where}: text {said!r} but the article has {text[start:end]!r} at {start}:{end}"]
    return []


def check_gold(text: str, gold: dict[str, Any], article_id: str | None = None) -> list[str]:
    """Every problem of one gold record against its article; empty when it is valid.

    Checks the schema, that ``text[start:end] == span["text"]`` for every span, the allowed
    categories, kinds and source types, that ``in_quote`` agrees with the quotation marks,
    that no span lies in ignored boilerplate, and that lists are sorted by ``start``.

    Parameters
    ----------
    text
        The article, as decoded.
    gold
        The parsed gold JSON.
    article_id
        When given, ``gold["article"]`` must equal it.

    Returns
    -------
    list of str
        One readable sentence per problem, naming the list and index (``hedges[3]: …``).
    """
    from framing.text import Document

    problems: list[str] = []
    if not isinstance(gold, dict):
        return ["the gold file must hold a JSON object"]
    if gold.get("schema") != 1:
        problems.append(f"schema must be 1, not {gold.get('schema')!r}")
    if article_id is not None and gold.get("article") != article_id:
        problems.append(f"article is {gold.get('article')!r}, expected {article_id!r}")
    for key in ("annotator", "guidelines"):
        if not isinstance(gold.get(key), str) or not gold.get(key):
            problems.append(f"{key} must be a non-empty string")
    if not isinstance(gold.get("notes", []), list):
        problems.append("notes must be a list of strings")
    doc = Document(text)
    quotes = [(q.start, q.end) for q in doc.quotes]
    ignored = [(i.start, i.end) for i in doc.ignored]

    def inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in spans)

    def touches(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        return any(s < b and a < e for a, b in spans)

    for key, allowed in _CATEGORIES.items():
        items = gold.get(key)
        if not isinstance(items, list):
            problems.append(f"{key} must be a list")
            continue
        last = -1
        for n, item in enumerate(items):
            where = f"{key}[{n}]"
            bad = _span_problems(text, item, where)
            problems += bad
            if bad:
                continue
            s, e = item["start"], item["end"]
            if item.get("category") not in allowed:
                problems.append(
                    f"{where}: category {item.get('category')!r} is not one of "
                    f"{', '.join(sorted(allowed))}"
                )
            if item.get("in_quote") is not inside(quotes, s, e):
                problems.append(
                    f"{where}: in_quote is {item.get('in_quote')!r} but {item['text']!r}"
                    f" is {'inside' if inside(quotes, s, e) else 'outside'} quotation marks"
                )
            if touches(ignored, s, e):
                problems.append(f"{where}: {item['text']!r} lies in ignored boilerplate")
            if s < last:
                problems.append(f"{where}: not sorted by start")
            last = s
    items = gold.get("attributions")
    if not isinstance(items, list):
        problems.append("attributions must be a list")
        items = []
    for n, item in enumerate(items):
        where = f"attributions[{n}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object")
            continue
        if not isinstance(item.get("speaker"), str) or not item["speaker"]:
            problems.append(f"{where}: speaker must be a canonical name")
        if item.get("kind") not in KINDS:
            problems.append(f"{where}: kind {item.get('kind')!r} is not one of {', '.join(KINDS)}")
        if item.get("source_type") not in SOURCE_TYPES:
            problems.append(
                f"{where}: source_type {item.get('source_type')!r} is not one of "
                f"{', '.join(SOURCE_TYPES)}"
            )
        for part in ("verb", "quote"):
            if item.get(part) is not None:
                problems += _span_problems(text, item[part], f"{where}.{part}")
                if isinstance(item[part], dict) and touches(
                    ignored, item[part].get("start", 0), item[part].get("end", 0)
                ):
                    problems.append(f"{where}.{part}: lies in ignored boilerplate")
        if item.get("verb") is None and item.get("quote") is None:
            problems.append(f"{where}: needs a verb or a quote to anchor it")
        if item.get("kind") == "continuation" and item.get("verb") is not None:
            problems.append(f"{where}: a continuation quote has no verb of its own")
    return problems


def validate_gold(article_id: str | None = None) -> dict[str, list[str]]:
    """Check the bundled gold files against their articles.

    Parameters
    ----------
    article_id
        One article; all of them when ``None``.

    Returns
    -------
    dict
        ``{article_id: [problems]}`` for every article checked (an empty list means valid;
        a missing gold file is a problem).
    """
    ids = [article_id] if article_id is not None else list_articles()
    report = {}
    for aid in ids:
        gold = load_gold(aid)
        report[aid] = ["no gold file"] if gold is None else check_gold(load(aid), gold, aid)
    return report
