"""Every lesson runs top to bottom under papermill; committed notebooks carry no outputs."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
COMMITTED = sorted(
    p
    for p in ROOT.rglob("*.ipynb")
    if not {".venv", "build", ".ipynb_checkpoints"} & set(p.relative_to(ROOT).parts)
)


def test_there_are_lessons():
    assert LESSONS, "no lessons found in notebooks/"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebooks_have_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs; clear them before committing"


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: str(p.relative_to(ROOT)))
def test_first_cell_is_title_second_is_parameters(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    assert "parameters" in cells[1].get("metadata", {}).get("tags", [])


@pytest.mark.notebook
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_runs_under_papermill(path, tmp_path, jupyter_env):
    out = tmp_path / path.name
    papermill = Path(jupyter_env["PATH"].split(":")[0]) / "papermill"
    t0 = time.perf_counter()
    r = subprocess.run(
        [
            str(papermill),
            str(path),
            str(out),
            "--cwd",
            str(path.parent),
            "--kernel",
            "python3",
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        env=jupyter_env,
        timeout=300,
    )
    elapsed = time.perf_counter() - t0
    assert r.returncode == 0, f"{path.name} failed:\n{r.stderr[-4000:]}"
    nb = json.loads(out.read_text(encoding="utf-8"))
    errors = [
        o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert errors == []
    kernel = nb["metadata"]["papermill"]["duration"]
    print(f"{path.name}: {kernel:.1f} s in the kernel, {elapsed:.1f} s with papermill's start-up")
