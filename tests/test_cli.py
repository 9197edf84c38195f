"""The `framing` command, run as a subprocess: the JSON contract and every bad-input class."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import texts

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "framing" / "data" / "articles" / "hanoi-summit-2019.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "framing.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def test_json_contract_on_the_reference_article():
    r = run("analyze", str(REFERENCE), "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    text = REFERENCE.read_text(encoding="utf-8")
    assert d["schema"] == 1 and d["chars"] == len(text) and d["words"] > 900
    assert texts.CONTRACT_KEYS <= set(d), texts.CONTRACT_KEYS - set(d)
    # the boilerplate tail is under `ignored` and nowhere else
    assert [i["text"] for i in d["ignored"]] == ["No comments:", "Post a Comment"]
    tail = d["ignored"][0]["start"]
    assert all(s["end"] <= tail for s in d["sentences"])
    for key in ("quotes", "hedges", "boosters", "loaded_terms", "attributions", "ignored"):
        for span in d[key]:
            assert text[span["start"] : span["end"]] == span["text"], (key, span)
            if key != "ignored":
                assert span["end"] <= tail, (key, span)
    for a in d["attributions"]:
        for part in ("speaker", "verb", "quote"):
            if a[part]:
                assert text[a[part]["start"] : a[part]["end"]] == a[part]["text"]


def test_jsonl_text_and_html_formats(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(texts.STRAIGHT_QUOTES, encoding="utf-8")
    r = run("analyze", str(f), str(REFERENCE), "--format", "jsonl")
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 0 and len(lines) == 2
    assert [json.loads(x)["path"] for x in lines] == [str(f), str(REFERENCE)]
    r = run("analyze", str(REFERENCE), "--format", "text")
    assert r.returncode == 0 and b"hedges: author" in r.stdout
    out = tmp_path / "page.html"
    r = run("analyze", str(REFERENCE), "--format", "html", "--output", str(out))
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_stdin():
    r = run("analyze", "-", stdin=texts.ONE_SENTENCE.encode())
    assert r.returncode == 0 and json.loads(r.stdout)["words"] == 7


# -- bad input: one line on stderr naming the path and the reason, exit 2, others go on --
@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.txt", None, "no such file"),
        ("adir", "DIR", "is a directory"),
        ("nul.bin", b"abc\x00def", "binary data"),
        ("latin1.txt", "caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid utf-8 text"),
    ],
    ids=["missing", "directory", "nul-bytes", "undecodable"],
)
def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, name, content, reason):
    bad = tmp_path / name
    if content == "DIR":
        bad.mkdir()
    elif content is not None:
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(texts.ONE_SENTENCE, encoding="utf-8")
    r = run("analyze", str(bad), str(good), "--format", "jsonl")
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and str(bad) in err[0] and reason in err[0]
    assert "Traceback" not in r.stderr.decode()
    (line,) = r.stdout.decode().splitlines()
    assert json.loads(line)["path"] == str(good)


@pytest.mark.parametrize("text", [texts.EMPTY_STR, texts.WHITESPACE], ids=["empty", "whitespace"])
def test_empty_input_is_a_valid_empty_result(tmp_path, text):
    f = tmp_path / "empty.txt"
    f.write_text(text, encoding="utf-8")
    r = run("analyze", str(f))
    assert r.returncode == 0
    d = json.loads(r.stdout)
    assert d["words"] == 0 and d["hedges"] == [] and d["sentences"] == []


def test_utf8_bom_is_skipped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(texts.BOM_TEXT.encode("utf-8"))
    d = json.loads(run("analyze", str(f)).stdout)
    plain = texts.BOM_TEXT[1:]
    assert d["chars"] == len(plain)
    assert all(plain[h["start"] : h["end"]] == h["text"] for h in d["hedges"])


def test_crlf_keeps_offsets(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(texts.CRLF_TEXT.encode("utf-8"))
    d = json.loads(run("analyze", str(f)).stdout)
    assert d["chars"] == len(texts.CRLF_TEXT)
    for key in ("quotes", "hedges", "ignored"):
        for s in d[key]:
            assert texts.CRLF_TEXT[s["start"] : s["end"]] == s["text"]


def test_other_encoding_by_flag(tmp_path):
    f = tmp_path / "latin1.txt"
    text = "Prices may rise, the caf\u00e9 owner said."
    f.write_bytes(text.encode("latin-1"))
    r = run("analyze", str(f), "--encoding", "latin-1")
    assert r.returncode == 0
    assert json.loads(r.stdout)["chars"] == len(text)


def test_unknown_encoding_is_a_usage_error(tmp_path):
    r = run("analyze", "x.txt", "--encoding", "klingon")
    assert r.returncode == 2 and b"unknown encoding" in r.stderr and b"Traceback" not in r.stderr
