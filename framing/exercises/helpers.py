"""What exercise notebooks call: find a phrase's span, read the reference annotation."""

from __future__ import annotations

from typing import Any

#: Gold lists whose items are plain spans, and how a voice filter reads them.
_SPAN_KINDS = ("hedges", "boosters", "loaded_terms")
_VOICES = ("author", "quoted", "all")


def locate(text: str, phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """The ``(start, end)`` offsets of ``phrase`` in ``text``: how students write down a span.

    Parameters
    ----------
    text : str
        The article.
    phrase : str
        The words exactly as they appear (case and punctuation included).
    occurrence : int
        Which occurrence to take when the phrase appears more than once (1 = first).

    Returns
    -------
    tuple of (int, int)
        ``text[start:end] == phrase``.

    Raises
    ------
    ValueError
        If the phrase does not occur ``occurrence`` times.

    Examples
    --------
    >>> locate("The regime said the regime won.", "regime", 2)
    (20, 26)
    """
    if not isinstance(phrase, str) or not phrase:
        raise ValueError("locate() needs the phrase as a non-empty string")
    if not isinstance(occurrence, int) or occurrence < 1:
        raise ValueError("occurrence counts from 1 (the first occurrence)")
    start = -1
    for _ in range(occurrence):
        start = text.find(phrase, start + 1)
        if start < 0:
            found = text.count(phrase)
            raise ValueError(
                f"{phrase!r} occurs {found} time(s) in the text, not {occurrence}; "
                "copy it exactly as printed (case, curly quotes and hyphens matter)"
            )
    return (start, start + len(phrase))


def gold_spans(
    article_id: str,
    kind: str,
    *,
    voice: str = "author",
    paragraphs: int | None = None,
) -> list[tuple[int, int]]:
    """Spans of the human (gold) annotation of a bundled article: the key of annotation questions.

    Parameters
    ----------
    article_id : str
        A bundled article (``framing articles`` lists them).
    kind : str
        ``"hedges"``, ``"boosters"``, ``"loaded_terms"``, or ``"speech_verbs"`` (the verb of
        every gold attribution that has one).
    voice : str
        ``"author"`` (outside quotation marks), ``"quoted"`` or ``"all"``; speech verbs are
        always the author's.
    paragraphs : int, optional
        Only spans that end within the first ``paragraphs`` paragraphs (the headline is the
        first); all of them when omitted.

    Returns
    -------
    list of (int, int)
        Sorted ``(start, end)`` offsets into ``framing.corpus.load(article_id)``.

    Raises
    ------
    ValueError
        For an unknown kind or voice, or an article that has no gold annotation.
    """
    from framing import corpus
    from framing.text import Document

    if kind not in (*_SPAN_KINDS, "speech_verbs"):
        raise ValueError(f"kind must be one of {', '.join(_SPAN_KINDS)}, speech_verbs")
    if voice not in _VOICES:
        raise ValueError(f"voice must be one of {', '.join(_VOICES)}")
    gold = corpus.load_gold(article_id)
    if gold is None:
        raise ValueError(
            f"article {article_id!r} has no gold annotation (framing/data/gold/"
            f"{article_id}.json); annotation questions need one"
        )
    items: list[dict[str, Any]]
    if kind == "speech_verbs":
        items = [a["verb"] for a in gold.get("attributions", []) if a.get("verb")]
    else:
        items = [
            s
            for s in gold.get(kind, [])
            if voice == "all" or s.get("in_quote", False) == (voice == "quoted")
        ]
    limit = None
    if paragraphs is not None:
        paras = Document(corpus.load(article_id)).paragraphs
        limit = paras[min(paragraphs, len(paras)) - 1].end if paras and paragraphs > 0 else 0
    return sorted({(s["start"], s["end"]) for s in items if limit is None or s["end"] <= limit})
