"""Offline by construction: no network, no nltk_data, same results either way."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import framing

SNIPPET = (
    "import json, framing; "
    "print(json.dumps(framing.analyze(framing.corpus.load('hanoi-summit-2019')).to_dict()))"
)


def test_results_do_not_depend_on_nltk_data(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = dict(os.environ, NLTK_DATA=str(empty))
    r = subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    here = framing.analyze(framing.corpus.load("hanoi-summit-2019")).to_dict()
    assert json.loads(r.stdout) == json.loads(json.dumps(here))


def test_analyze_opens_no_socket(monkeypatch, reference_text):
    def refuse(*args, **kwargs):
        raise AssertionError("framing tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert framing.analyze(reference_text).words > 0


def test_no_nltk_download_in_the_package():
    from pathlib import Path

    root = Path(framing.__file__).parent
    offenders = [p for p in root.rglob("*.py") if "nltk.download(" in p.read_text(encoding="utf-8")]
    assert offenders == []
