"""The explorer in a real browser: JupyterLab and the Voilà app, driven by headless Chromium.

Starts each server on 127.0.0.1 with a token, isolated Jupyter dirs (``jupyter_env``) and a
temporary copy of the notebooks (JupyterLab autosaves outputs; the committed lessons must stay
clean).  Screenshots go to ``artifacts/`` (git-ignored): always one of the explorer in
JupyterLab and one of the Voilà app, plus one per failure.

Skipped only when Debian's ``chromium`` is missing (``make browser-deps`` installs it).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LESSON = "00-start-here.ipynb"  # the lesson whose last widget is the explorer
FIRST, SECOND = "hanoi-summit-2019", "sarn-summit-wire"
TIMEOUT_MS = 40_000

if not CHROMIUM.exists():
    pytest.skip(
        "Debian chromium is not installed (/usr/bin/chromium); run `make browser-deps`",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read().decode("utf-8"))


def wait_until(ready, what: str, timeout: float, proc: subprocess.Popen, log: Path):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"{what}: server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            value = ready()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


@contextmanager
def server(cmd: list[str], env: dict, log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield proc
    finally:
        # the server and the kernels it started share its process group
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    yield pg
    pg.close()


@contextmanager
def screenshot_on_failure(page, name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        path = ARTIFACTS / f"failure-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        print(f"screenshot of the failure: {path}")
        raise


def explorer_text(page) -> str:
    return page.locator(".framing-explorer .fk-text").first.inner_text()


def change_article_and_check(page, before: str) -> str:
    page.locator(".framing-explorer select").first.select_option(label=SECOND)
    page.wait_for_function(
        "before => { const e = document.querySelector('.framing-explorer .fk-text');"
        " return e && e.innerText !== before; }",
        arg=before,
        timeout=TIMEOUT_MS,
    )
    after = explorer_text(page)
    from framing import corpus

    assert after != before
    assert corpus.load(SECOND).split()[0] in after
    assert page.locator(".framing-explorer mark.fk-hedges").count() > 0
    return after


def test_explorer_in_jupyterlab(page, jupyter_env, tmp_path):
    from framing import setup_lab

    setup_lab.write_overrides()  # no "Select Kernel" dialog, no news pop-up
    lessons = tmp_path / "notebooks"
    lessons.mkdir()
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, lessons / nb.name)
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(jupyter_env["PATH"].split(os.pathsep)[0]) / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={lessons}",
    ]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    with (
        server(cmd, jupyter_env, tmp_path / "lab.log") as proc,
        screenshot_on_failure(page, "jupyterlab"),
    ):
        wait_until(
            lambda: get_json(f"{base}/api/status?token={token}"),
            "JupyterLab",
            30,
            proc,
            tmp_path / "lab.log",
        )
        page.goto(f"{base}/lab/tree/{LESSON}?token={token}")

        def kernel_idle():
            ks = get_json(f"{base}/api/kernels?token={token}")
            return any(k["execution_state"] == "idle" and k["connections"] > 0 for k in ks)

        wait_until(kernel_idle, "an idle, connected kernel", 30, proc, tmp_path / "lab.log")
        dialogs = page.locator(".jp-Dialog")
        assert dialogs.count() == 0, f"unexpected dialog: {dialogs.first.inner_text()}"
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        page.locator(".framing-explorer .fk-text").first.wait_for(timeout=TIMEOUT_MS)
        before = explorer_text(page)
        assert before.startswith(corpus_start(FIRST))
        change_article_and_check(page, before)
        # the explorer's top at the top of the notebook panel, JupyterLab around it
        page.locator(".framing-explorer").first.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(ARTIFACTS / "explorer-jupyterlab.png"))


def test_explorer_in_voila(page, jupyter_env, tmp_path):
    shutil.copy(ROOT / "app" / "explorer.ipynb", tmp_path / "explorer.ipynb")
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    cmd = [
        str(Path(jupyter_env["PATH"].split(os.pathsep)[0]) / "voila"),
        str(tmp_path / "explorer.ipynb"),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--token={token}",
    ]
    with (
        server(cmd, jupyter_env, tmp_path / "voila.log") as proc,
        screenshot_on_failure(page, "voila"),
    ):
        wait_until(lambda: listening(port), "Voilà", 30, proc, tmp_path / "voila.log")
        page.goto(f"{base}/?token={token}", timeout=TIMEOUT_MS)
        page.locator(".framing-explorer .fk-text").first.wait_for(timeout=TIMEOUT_MS)
        before = explorer_text(page)
        assert before.startswith(corpus_start(FIRST))
        # students see the widget, not the code
        assert page.locator(".jp-CodeMirrorEditor").count() == 0
        assert "framing.widgets.explorer(" not in page.locator("body").inner_text()
        change_article_and_check(page, before)
        page.screenshot(path=str(ARTIFACTS / "explorer-voila.png"), full_page=True)


def corpus_start(article_id: str) -> str:
    from framing import corpus

    return corpus.load(article_id).split("\n")[0][:40]
