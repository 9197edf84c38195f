"""The bundled articles: list, load by id, iterate.  Metadata in ``data/articles/catalog.json``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

REFERENCE_ID = "hanoi-summit-2019"


def _articles():
    return files("framing.data").joinpath("articles")


@lru_cache(maxsize=1)
def _catalog() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(_articles().joinpath("catalog.json").read_text(encoding="utf-8")))


def list_articles() -> list[str]:
    """Ids of the bundled articles, in catalog order."""
    return [m["id"] for m in _catalog()]


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
