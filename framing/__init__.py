"""framing-kit: how is this news text framed?  Hedging, attribution and loaded terms.

>>> import framing
>>> a = framing.analyze(framing.corpus.load("hanoi-summit-2019"))
>>> a.summary()["words"] > 0
True
"""

# First: the metric modules below load compiled if a build matches the source (native.py).
import framing.native as _native  # noqa: F401
from framing import corpus
from framing.analysis import analyze
from framing.lexicon import Lexicon, LexiconError, LexiconSet, default_lexicons, load_lexicon
from framing.text import Document
from framing.types import Analysis, Attribution, Ignored, Match, Quote, Span, Speaker, Verb

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Attribution",
    "Document",
    "Ignored",
    "Lexicon",
    "LexiconError",
    "LexiconSet",
    "Match",
    "Quote",
    "Span",
    "Speaker",
    "Verb",
    "analyze",
    "corpus",
    "default_lexicons",
    "load_lexicon",
]

# Rendering, plots and widgets import matplotlib/ipywidgets: load them on first use only,
# so `import framing` stays fast (see `make bench`).
_LAZY = ("display", "plots", "widgets", "validate", "exercises")


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return importlib.import_module(f"framing.{name}")
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
