"""The compiled analyzer (``framing/native.py``): used when it matches the source, and
giving exactly the pure-Python results.

``make test`` compiles the analyzer, runs the whole suite on it, then runs the metric tests
again with ``FRAMING_PURE_PYTHON=1``.  Here: a build of this source must load, and the two
must agree on every finding for a few hundred texts (articles, their variants, generated
texts built from the phenomena the metrics look at).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys

import pytest

import framing
from framing import cli, corpus, native
from tests import texts as named_texts


def _manifest() -> dict:
    try:
        return json.loads((native.build_dir() / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        pytest.skip(f"no compiled build ({native.status})")


def _compiled_here() -> None:
    if os.environ.get(native.PURE_ENV):
        pytest.skip(f"{native.PURE_ENV} is set: this run checks the pure-Python analyzer")
    if _manifest().get("source") != native.source_digest():
        pytest.skip("the compiled build is older than the source (`make native` rebuilds)")


def test_status_says_which_code_runs_and_why():
    assert native.status == "compiled (mypyc)" or re.fullmatch(
        r"pure Python \(.+\)", native.status
    ), native.status


def test_the_framing_command_says_which_code_runs(capsys):
    assert cli.main(["native"]) == 0
    assert capsys.readouterr().out == f"framing runs: {native.status}\n"


def test_the_compiled_text_model_tokenizes_with_its_character_loop():
    # framing.text picks its tokenizer by whether it runs compiled: the character loop
    # compiled, the regular expression in pure Python (tests/test_text.py: they agree)
    from framing import text

    assert text._COMPILED == native.status.startswith("compiled"), native.status


def test_a_build_of_this_source_is_the_code_that_runs():
    # A build that failed on a machine that has a compiler fails here, with its error.
    _compiled_here()
    assert native.status == "compiled (mypyc)", native.status
    for name in native.MODULES:
        module = sys.modules[name]
        assert str(native.build_dir()) in module.__file__, (name, module.__file__)


def test_an_edited_source_is_never_shadowed_by_an_old_build(tmp_path):
    # The digest covers every top-level module: one changed byte anywhere changes it.
    package = tmp_path / "framing"
    package.mkdir()
    for path in native._PACKAGE.glob("*.py"):
        (package / path.name).write_bytes(path.read_bytes())
    before = native.source_digest(package)
    assert before == native.source_digest()
    hedging = package / "hedging.py"
    hedging.write_text(hedging.read_text(encoding="utf-8") + "\n# a student's note\n")
    assert native.source_digest(package) != before


def test_a_student_edit_runs_as_written(tmp_path):
    # With a build of the real package in place, an edited copy of the package imports
    # its own (pure-Python) modules, never the build.
    _compiled_here()
    copy = tmp_path / "framing"
    shutil.copytree(native._PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    hedging = copy / "hedging.py"
    hedging.write_text(hedging.read_text(encoding="utf-8") + "\nEDITED = True\n")
    code = "import framing, framing.hedging as h; print(framing.native.status); print(h.EDITED)"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,  # (``-c`` puts the working directory first on the path)
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out == [
        "pure Python (the source changed since the last build: `framing native --build` rebuilds)",
        "True",
    ]


def test_pure_python_is_one_variable_away():
    env = {**os.environ, native.PURE_ENV: "1"}
    code = (
        "import framing.native as n, framing.attribution as a; print(n.status); print(a.__file__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == f"pure Python ({native.PURE_ENV} is set)"
    assert out[1].endswith("attribution.py")


# Pieces of news prose that exercise each metric's rules, joined at random below.
_PIECES = [
    "Prices may rise again in May.",
    "The might of the navy was on display, and talks might resume.",
    "He changed his will last year; it would seem the deal will hold.",
    '"I think we are very close," Kim Jong Un said on Tuesday.',
    "\u201cClearly, this is not certain,\u201d the minister told reporters.",
    "Officials, speaking on condition of anonymity, said the talks had stalled.",
    "According to the State Department, about 300 delegates attended.",
    "Trump touted the much-ballyhooed summit, which critics cast as a stinging defeat.",
    "She suggested a compromise on tariffs.",
    "The data suggest that the repressive regime may be weakening.",
    "Secretary of State Mike Pompeo, who led the talks, claimed progress.",
    "\u201cWe will see,\u201d he added.  \u201cNo doubt it is hard.\u201d",
    "Putin's denial came after the report, analysts said.",
    "It remains to be seen whether the sanctions, at least as of now, will work.",
    "'We are ready,' the spokeswoman said, adding that talks would continue.",
    "He said \u201cnever again\u201d and left.",
    "No comments:",
    "Post a Comment",
    "",
]


def _texts() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, text in corpus.iter_articles():
        out[name] = text
        out[name + ":lower"] = text.lower()
        out[name + ":one-line"] = " ".join(text.split())
    for name in dir(named_texts):
        value = getattr(named_texts, name)
        if isinstance(value, str):
            out["texts." + name] = value
    rng = random.Random(2019)
    for k in range(300):
        pieces = rng.choices(_PIECES, k=rng.randint(1, 12))
        out[f"generated-{k}"] = rng.choice([" ", "\n", "\n\n"]).join(pieces)
    return out


_PURE_DUMP = """
import json, sys
import framing
texts = json.load(sys.stdin)
json.dump({k: framing.analyze(v).to_dict() for k, v in texts.items()}, sys.stdout)
"""


def test_compiled_and_pure_python_find_the_same_things():
    _compiled_here()
    texts = _texts()
    env = {**os.environ, native.PURE_ENV: "1"}
    pure = json.loads(
        subprocess.run(
            [sys.executable, "-c", _PURE_DUMP],
            input=json.dumps(texts),
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    # through JSON both ways, so tuples and lists compare alike
    compiled = json.loads(json.dumps({k: framing.analyze(v).to_dict() for k, v in texts.items()}))
    differ = [k for k in texts if compiled[k] != pure[k]]
    assert not differ, f"{len(differ)} of {len(texts)} texts differ, e.g. {differ[:5]}"
    assert sum(len(r["attributions"]) + len(r["hedges"]) for r in pure.values()) > 1000


def test_no_compiler_is_a_message_not_an_error(monkeypatch):
    lines: list[str] = []
    monkeypatch.setattr(native, "_cannot_build", lambda: "no C compiler (cc) on this machine")
    assert native.build(log=lines.append) is False
    assert lines == [
        "framing.native: not compiling (no C compiler (cc) on this machine); "
        "the analyzer runs as pure Python."
    ]


def test_an_unwritable_environment_is_a_message_not_an_error(monkeypatch):
    def refuse(where):
        raise PermissionError(13, "Permission denied", str(where))

    lines: list[str] = []
    monkeypatch.setattr(native, "_cannot_build", lambda: None)
    monkeypatch.setattr(native, "_build", refuse)
    assert native.build(log=lines.append) is False
    assert "cannot write the build" in lines[-1] and "pure Python" in lines[-1]


def test_make_test_reruns_the_tests_of_every_compiled_module_on_pure_python():
    makefile = (native._PACKAGE.parent / "Makefile").read_text(encoding="utf-8")
    pure_tests = re.search(r"^PURE_TESTS :=((?:.*\\\n)*.*)$", makefile, re.M)
    assert pure_tests is not None
    listed = set(re.findall(r"tests/(test_\w+)\.py", pure_tests.group(1)))
    assert {f"test_{m.split('.')[-1]}" for m in native.MODULES} <= listed
