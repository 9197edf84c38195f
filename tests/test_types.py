"""Result types: frozen dataclasses whose fast ``__init__`` behaves like the generated one."""

import dataclasses
import inspect
import pickle

import pytest

from framing.text import Paragraph, Sentence
from framing.types import Attribution, Ignored, Match, Quote, Span, Speaker, Verb

# One instance per class, built positionally with every field given.
SAMPLES = [
    (Span, (3, 8, "Hanoi")),
    (Ignored, (90, 101, "No comments", "blog boilerplate")),
    (Quote, (1, 9, "We will", 0, 9, "\u201c")),
    (
        Match,
        (0, 3, "may", "hedge", "modal", False, "may", "", 1, (), "", "Hyland 2005"),
    ),
    (Speaker, (0, 5, "Trump", "Trump")),
    (Verb, (6, 10, "said", "neutral", "say")),
    (
        Attribution,
        (0, 10, "Trump said", "indirect", None, None, None, "named", False),
    ),
    (Sentence, (0, 12, 0, False, 0, 3)),
    (Paragraph, (0, 40, True)),
]
IDS = [cls.__name__ for cls, _ in SAMPLES]


@pytest.mark.parametrize("cls, args", SAMPLES, ids=IDS)
def test_fields_hold_the_arguments_positional_or_by_keyword(cls, args):
    names = [f.name for f in dataclasses.fields(cls)]
    by_position = cls(*args)
    by_keyword = cls(**dict(zip(names, args)))
    assert dataclasses.astuple(by_position) == args
    assert by_position == by_keyword and hash(by_position) == hash(by_keyword)


@pytest.mark.parametrize("cls, args", SAMPLES, ids=IDS)
def test_defaults_and_signature_are_the_dataclass_ones(cls, args):
    fields = dataclasses.fields(cls)
    params = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields):
        expected = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == expected, f.name
    required = sum(f.default is dataclasses.MISSING for f in fields)
    with pytest.raises(TypeError):
        cls(*args[: required - 1])  # a missing argument is an error, as before


@pytest.mark.parametrize("cls, args", SAMPLES, ids=IDS)
def test_instances_stay_frozen_and_pickle(cls, args):
    obj = cls(*args)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.start = 99
    assert pickle.loads(pickle.dumps(obj)) == obj
    assert repr(obj).startswith(f"{cls.__name__}(")
