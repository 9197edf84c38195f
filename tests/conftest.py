"""Shared fixtures: the reference article and an isolated Jupyter environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's own jupyter/papermill live beside python


@pytest.fixture(scope="session")
def reference_text() -> str:
    from framing import corpus

    return corpus.load(corpus.REFERENCE_ID)


@pytest.fixture(scope="session")
def reference_analysis(reference_text):
    import framing

    return framing.analyze(reference_text)


@pytest.fixture(scope="session")
def jupyter_env(tmp_path_factory) -> dict[str, str]:
    """Environment for kernels and Jupyter servers: config, data, runtime and matplotlib
    dirs under a temp dir.  MPLBACKEND is deliberately left unset: with Agg, papermill
    silently drops figures."""
    base = tmp_path_factory.mktemp("jupyter")
    env = dict(os.environ)
    for var in (
        "JUPYTER_CONFIG_DIR",
        "JUPYTER_DATA_DIR",
        "JUPYTER_RUNTIME_DIR",
        "MPLCONFIGDIR",
        "IPYTHONDIR",
    ):
        d = base / var.lower()
        d.mkdir()
        env[var] = str(d)
    env.pop("MPLBACKEND", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT)
    # Build matplotlib's font cache once, as a student's machine has it after the first
    # lesson; otherwise the first plot of every kernel pays for it.
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=False, timeout=120
    )
    return env
