"""Run a notebook's cells in a sandboxed kernel, one at a time, surviving whatever they do.

``jupyter_client`` directly rather than ``nbclient``: grading needs what a notebook runner
does not do — interrupt a cell that overruns and, when the interrupt is ignored or the kernel
dies, start a fresh kernel, replay the cells that had run and carry on after the bad one, so
an infinite loop or ``os._exit`` costs one question.  Only the shell channel is used: outputs
are not needed (errors arrive in the execute reply), so nothing a cell prints can flood the
grader.

Kernels are forked from a :class:`ForkServer` on Linux (a quarter of a second instead of two
seconds per kernel, see :mod:`framing.exercises.forkserver`) or started from scratch by
``jupyter_client`` elsewhere; both run under :mod:`framing.exercises.sandbox`.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import KernelProvisionerBase

INTERRUPT_GRACE = 2.0  # seconds a cell gets to honour an interrupt before the kernel is replaced
STARTUP_TIMEOUT = 60.0
POLL = 0.2


class KernelUnavailable(RuntimeError):
    """The kernel could not be started (an installation problem, not the student's)."""


@dataclass
class CellRun:
    """What happened to one cell: ``ok``, ``error``, ``timeout`` (interrupted), ``crashed``
    (the kernel died or was replaced), ``exit`` (the cell shut the kernel down) or
    ``skipped`` (not run: the restart budget was spent)."""

    index: int
    status: str
    ename: str = ""
    evalue: str = ""
    seconds: float = 0.0

    def describe(self) -> str:
        if self.status == "error":
            return f"{self.ename}: {self.evalue}".strip(": ")
        return {
            "timeout": "did not finish in time and was interrupted",
            "crashed": "stopped the kernel (it was restarted without this cell)",
            "exit": "shut the kernel down (it was restarted without this cell)",
            "skipped": "was not run: the kernel had to be restarted too many times",
        }.get(self.status, self.status)


class _SandboxManager(AsyncKernelManager):
    """A kernel manager whose kernel command is the grading sandbox, not a kernelspec."""

    def __init__(self, argv: list[str], **kw: Any) -> None:
        super().__init__(**kw)
        self._sandbox_spec = KernelSpec(
            argv=argv, display_name="framing grading sandbox", language="python"
        )

    @property
    def kernel_spec(self) -> KernelSpec:  # type: ignore[override]
        return self._sandbox_spec


def with_framing_path(env: dict[str, str]) -> dict[str, str]:
    """``env`` with this ``framing``'s parent folder first on ``PYTHONPATH``, so kernels (which
    start elsewhere) import the same package as the grader, installed or not."""
    import framing

    home = str(Path(framing.__file__).resolve().parent.parent)
    rest = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and p != home]
    return {**env, "PYTHONPATH": os.pathsep.join([home, *rest])}


def kernel_env(root: Path) -> dict[str, str]:
    """A minimal environment: nothing of the grader's (no paths to keys or submissions),
    every Jupyter/IPython/matplotlib directory inside the sandbox."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k in keep}
    for var, sub in (
        ("HOME", "home"),
        ("TMPDIR", "tmp"),
        ("JUPYTER_CONFIG_DIR", "jupyter/config"),
        ("JUPYTER_DATA_DIR", "jupyter/data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter/runtime"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        d = root / sub
        d.mkdir(parents=True, exist_ok=True)
        env[var] = str(d)
    env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    return with_framing_path(env)


@dataclass
class Sandbox:
    """Where and how a submission's kernel runs."""

    root: Path  # the submission's temporary folder
    read: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)
    watch: list[str] = field(default_factory=list)
    memory_mb: int = 4096

    @property
    def work(self) -> Path:
        return self.root / "work"

    def argv(self) -> list[str]:
        cmd = [sys.executable, "-m", "framing.exercises.sandbox", "--root", str(self.root)]
        for flag, paths in (("--read", self.read), ("--deny", self.deny), ("--watch", self.watch)):
            for p in paths:
                cmd += [flag, p]
        return [*cmd, "--memory-mb", str(self.memory_mb), "-f", "{connection_file}"]

    def request(self, connection_file: str) -> dict[str, Any]:
        """What :mod:`framing.exercises.forkserver` needs to fork this sandbox's kernel."""
        return {
            "root": str(self.root),
            "work": str(self.work),
            "read": self.read,
            "deny": self.deny,
            "watch": self.watch,
            "memory_mb": self.memory_mb,
            "env": kernel_env(self.root),
            "connection_file": connection_file,
        }


class ForkServer:
    """A handle on :mod:`framing.exercises.forkserver`: one warm process per batch or build.

    Synchronous and thread-safe (papermill runs solutions in threads); the grader's event loop
    calls it through :func:`asyncio.to_thread`.
    """

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.cwd = tempfile.gettempdir()

    def start(self) -> None:
        env = with_framing_path(dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1"))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "framing.exercises.forkserver"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=self.cwd,  # not the caller's folder: it would land on the kernels' sys.path
            env=env,
            bufsize=0,
        )
        reply = self._reply(STARTUP_TIMEOUT)
        if "ready" not in reply:
            raise KernelUnavailable(f"the fork server did not start: {reply}")

    def _reply(self, timeout: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise KernelUnavailable("the fork server does not answer")
        line = self.proc.stdout.readline()
        if not line:
            raise KernelUnavailable("the fork server exited")
        return json.loads(line)

    def spawn(self, request: dict[str, Any]) -> int:
        """Fork a kernel for ``request`` (see :meth:`Sandbox.request`); return its pid."""
        with self.lock:
            if self.proc is None or self.proc.stdin is None:
                raise KernelUnavailable("the fork server is not running")
            line = json.dumps({**request, "server_cwd": self.cwd}) + "\n"
            try:
                self.proc.stdin.write(line.encode())
            except BrokenPipeError:
                raise KernelUnavailable("the fork server exited") from None
            reply = self._reply(STARTUP_TIMEOUT)
        if "pid" not in reply:
            raise KernelUnavailable(reply.get("error", "fork failed"))
        return int(reply["pid"])

    def close(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


class ForkProvisioner(KernelProvisionerBase):  # type: ignore[misc]
    """A ``jupyter_client`` provisioner whose kernels come from a :class:`ForkServer`.

    Lets papermill (through nbclient) run the solution notebooks in warm kernels: the same
    kind of kernel the grader uses, a second faster to start.  Solutions are the instructor's
    code, so no sandbox is applied (``trusted``).
    """

    server: ForkServer | None = None
    pid: int | None = None

    @property
    def has_process(self) -> bool:
        return self.pid is not None

    async def poll(self) -> int | None:
        return None if self.pid is not None and _pid_alive(self.pid) else 0

    async def wait(self) -> int | None:
        while self.pid is not None and _pid_alive(self.pid):
            await asyncio.sleep(0.05)
        return 0

    async def send_signal(self, signum: int) -> None:
        if self.pid is not None:
            try:
                os.killpg(self.pid, signum)
            except ProcessLookupError:
                pass

    async def kill(self, restart: bool = False) -> None:
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        await self.send_signal(signal.SIGTERM)

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        km = self.parent
        km.write_connection_file()
        self.connection_info = km.get_connection_info()
        self._extra = list(kwargs.pop("extra_arguments", []))
        kwargs = await super().pre_launch(**kwargs)
        kwargs["cmd"] = []  # the kernel manager expects one; the fork needs none
        return kwargs

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        assert self.server is not None
        request = {
            "trusted": True,
            "work": str(kwargs.get("cwd") or os.getcwd()),
            "env": dict(kwargs.get("env") or os.environ),
            "connection_file": self.parent.connection_file,
            "argv": self._extra,
        }
        self.pid = await asyncio.to_thread(self.server.spawn, request)
        return self.connection_info

    async def cleanup(self, restart: bool = False) -> None:
        self.pid = None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (dead, not yet reaped by the fork server) is not alive
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class Kernel:
    """One sandboxed kernel process (replaced by :meth:`restart`).

    Forked from a :class:`ForkServer` when one is given (fast), else launched from scratch
    by ``jupyter_client`` (any platform).
    """

    def __init__(self, sandbox: Sandbox, server: ForkServer | None = None) -> None:
        self.sandbox = sandbox
        self.server = server
        self.km: _SandboxManager | None = None
        self.pid: int | None = None
        self.kc: Any = None
        self.starts = 0

    @property
    def running(self) -> bool:
        return self.kc is not None

    async def start(self) -> None:
        sb = self.sandbox
        sb.work.mkdir(parents=True, exist_ok=True)
        self.starts += 1
        conn = str(sb.root / f"kernel-{self.starts}.json")
        # IPC sockets inside the sandbox: no TCP port another local user could reach
        ipc = str(sb.root / f"k{self.starts}")
        if self.server is not None:
            write_connection_file(conn, transport="ipc", ip=ipc, key=secrets.token_hex(16).encode())
            self.pid = await asyncio.to_thread(self.server.spawn, sb.request(conn))
            kc = AsyncKernelClient()
            kc.load_connection_file(conn)
        else:
            km = _SandboxManager(sb.argv(), transport="ipc", ip=ipc)
            km.connection_file = conn
            self.km = km
            try:
                await km.start_kernel(
                    env=kernel_env(sb.root),
                    cwd=str(sb.work),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except Exception as e:  # noqa: BLE001 - reported as an installation problem
                raise KernelUnavailable(f"cannot start a kernel: {e}") from e
            kc = km.client()
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self.kc = kc
        deadline = time.monotonic() + STARTUP_TIMEOUT
        msg_id = kc.kernel_info()
        while True:
            try:
                msg = await kc.shell_channel.get_msg(timeout=POLL)
            except Empty:
                if not await self.alive():
                    raise KernelUnavailable("the kernel died while starting") from None
                if time.monotonic() > deadline:
                    raise KernelUnavailable("the kernel did not answer within 60 s") from None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return

    async def alive(self) -> bool:
        if self.pid is not None:
            return _pid_alive(self.pid)
        return self.km is not None and bool(await self.km.is_alive())

    async def interrupt(self) -> None:
        if self.pid is not None:
            os.killpg(self.pid, signal.SIGINT)
        elif self.km is not None:
            await self.km.interrupt_kernel()

    async def stop(self) -> None:
        km, kc, pid = self.km, self.kc, self.pid
        self.km = self.kc = self.pid = None
        if kc is not None:
            kc.stop_channels()
        if pid is not None:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
        if km is not None:
            try:
                await km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - already gone is fine
                pass

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def execute(
        self, code: str, timeout: float, *, user_expressions: dict[str, str] | None = None
    ) -> tuple[str, dict[str, Any]]:
        """Run ``code``; return ``(status, reply content)``.

        ``status`` is ``ok``, ``error``, ``exit``, ``timeout`` (interrupted, kernel usable),
        ``hung`` (interrupt ignored) or ``dead``.
        """
        kc = self.kc
        assert kc is not None
        msg_id = kc.execute(
            code,
            silent=user_expressions is not None,
            store_history=user_expressions is None,
            user_expressions=user_expressions or {},
            allow_stdin=False,
            stop_on_error=False,
        )
        deadline = time.monotonic() + timeout
        interrupted = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                if interrupted:
                    return "hung", {}
                interrupted = True
                try:
                    await self.interrupt()
                except Exception:  # noqa: BLE001 - a dead kernel cannot be interrupted
                    return "dead", {}
                deadline = time.monotonic() + INTERRUPT_GRACE
                continue
            try:
                msg = await kc.shell_channel.get_msg(timeout=min(left, POLL))
            except Empty:
                if not await self.alive():
                    return "dead", {}
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue  # a late reply to an earlier, interrupted request
            content = msg["content"]
            if interrupted:
                return "timeout", content
            if any(p.get("source") == "ask_exit" for p in content.get("payload", [])):
                return "exit", content
            return ("ok" if content.get("status") == "ok" else "error"), content


class NotebookRun:
    """Run cells in order in one sandboxed kernel, isolating the ones that hang or crash.

    A cell that raises or is interrupted costs only itself.  When a cell leaves the kernel
    dead or deaf to interrupts, a new kernel is started and the cells that had completed
    are replayed, so the later cells still run with the state they expect; after
    ``max_restarts`` restarts the remaining cells are skipped.
    """

    def __init__(
        self,
        sandbox: Sandbox,
        timeout: float,
        max_restarts: int = 2,
        server: ForkServer | None = None,
    ) -> None:
        self.kernel = Kernel(sandbox, server)
        self.timeout = timeout
        self.max_restarts = max_restarts
        self.restarts = 0
        self.runs: dict[int, CellRun] = {}
        self._done: list[tuple[int, str]] = []  # cells to replay after a restart
        self.events: list[str] = []
        self.watched: list[str] = []

    async def __aenter__(self) -> NotebookRun:
        await self.kernel.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.kernel.stop()

    async def _recover(self) -> bool:
        """Start a fresh kernel and replay; ``False`` when the restart budget is spent."""
        while self.restarts < self.max_restarts:
            self.restarts += 1
            self.events.append(f"kernel restart {self.restarts}")
            await self.kernel.restart()
            for pos, (index, code) in enumerate(self._done):
                status, _ = await self.kernel.execute(code, self.timeout)
                if status in ("hung", "dead", "exit"):
                    # it behaved the first time: drop it and try again without it
                    self.events.append(f"cell {index} {status} on replay; dropped")
                    self.runs[index].status = "crashed"
                    del self._done[pos]
                    break
            else:
                return True
        return False

    async def run_cell(self, index: int, code: str) -> CellRun:
        if self.restarts > self.max_restarts or not self.kernel.running:
            run = CellRun(index, "skipped")
            self.runs[index] = run
            return run
        if not await self.kernel.alive():
            # died between cells (a timer, a thread): blame the cell that ran last
            if self._done:
                last, _ = self._done.pop()
                self.runs[last].status = "crashed"
            if not await self._recover():
                return self._skip(index)
        t0 = time.perf_counter()
        status, content = await self.kernel.execute(code, self.timeout)
        run = CellRun(index, status, seconds=round(time.perf_counter() - t0, 3))
        if status == "error":
            run.ename = str(content.get("ename", ""))
            run.evalue = str(content.get("evalue", ""))[:300]
        self.runs[index] = run
        if status in ("ok", "error"):
            self._done.append((index, code))
        elif status in ("hung", "dead", "exit"):
            run.status = {"hung": "timeout", "dead": "crashed", "exit": "exit"}[status]
            self.events.append(f"cell {index} {status}")
            if not await self._recover():
                self.restarts = self.max_restarts + 1
                await self.kernel.stop()
        return run

    def _skip(self, index: int) -> CellRun:
        self.restarts = self.max_restarts + 1
        run = CellRun(index, "skipped")
        self.runs[index] = run
        return run

    async def extract(self, names: list[str]) -> dict[str, Any] | None:
        """The answer variables as :func:`framing.exercises.extract.convert` reports them,
        or ``None`` when the kernel cannot be asked (the submission then scores zero)."""
        if not self.kernel.running:
            return None
        if not await self.kernel.alive():
            if self._done:
                last, _ = self._done.pop()
                self.runs[last].status = "crashed"
            if not await self._recover():
                return None
        expr = f"__import__('framing.exercises.extract', fromlist=['_']).collect({names!r})"
        status, content = await self.kernel.execute("", self.timeout, user_expressions={"a": expr})
        result = content.get("user_expressions", {}).get("a", {}) if status == "ok" else {}
        if result.get("status") != "ok":
            self.events.append(f"extraction failed ({status}): {result.get('evalue', '')}")
            return None
        try:
            payload = json.loads(ast.literal_eval(result["data"]["text/plain"]))
            answers, self.watched = payload["answers"], list(payload.get("watched", []))
        except (KeyError, ValueError, SyntaxError, TypeError) as e:
            self.events.append(f"extraction unreadable: {e}")
            return None
        return answers if isinstance(answers, dict) else None
