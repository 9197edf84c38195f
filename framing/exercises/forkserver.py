"""A warm process that forks one grading kernel per submission (POSIX only).

Starting a kernel from scratch costs over a second of CPU before the student's first line
runs (interpreter, IPython, ipykernel, then NLTK and the lexicons on the first
``framing.analyze``).  This server pays that once per batch: it imports all of it, analyses
the reference article once (lexicon caches, Punkt), and then, for each request read from stdin (one JSON
line), forks a child that

1. starts a new session (so the grader can signal its whole process group),
2. sends its standard streams to ``/dev/null``, enters the sandbox's work folder and swaps in
   the sandbox's environment,
3. applies :func:`framing.exercises.sandbox.limit_resources` and
   :func:`framing.exercises.sandbox.install`,
4. becomes an IPython kernel on the connection file the grader wrote.

The reply is ``{"pid": N}``.  No student code ever runs in the server itself, and a child
shares nothing writable with it (fork copies memory).  When stdin closes, the server kills
the children it still has and exits; kernels also exit if the server disappears
(``JPY_PARENT_PID``).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any, NoReturn


def _warm() -> None:
    import ipykernel.ipkernel  # noqa: F401
    import ipykernel.zmqshell  # noqa: F401
    from ipykernel.kernelapp import IPKernelApp  # noqa: F401

    import framing
    import framing.exercises.extract  # noqa: F401
    import framing.exercises.sandbox  # noqa: F401

    # A whole article, so that every lazy path (NLTK's Punkt, lexicon indexes) is loaded.
    framing.analyze(framing.corpus.load(framing.corpus.REFERENCE_ID))


def _child(req: dict[str, Any], server_pid: int) -> NoReturn:
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.chdir(req["work"])
        os.environ.clear()
        os.environ.update(req["env"], JPY_PARENT_PID=str(server_pid))
        import tempfile

        tempfile.tempdir = None  # re-read TMPDIR: the sandbox's, not the server's
        sys.path[:] = [p for p in sys.path if p and p != req.get("server_cwd")]

        if not req.get("trusted"):  # a solution notebook (the build) runs unconfined
            import framing.exercises.sandbox as sandbox

            sandbox.limit_resources(req["memory_mb"])
            sandbox.WATCHED = sandbox.install(req["root"], req["read"], req["deny"], req["watch"])
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        extra = list(req.get("argv", []))
        if not any(a.startswith("--HistoryManager.hist_file") for a in extra):
            extra.append("--HistoryManager.hist_file=:memory:")  # no history database
        app.initialize(["-f", req["connection_file"], *extra])
        app.start()
    finally:
        os._exit(70)


def serve() -> None:
    """Read requests until stdin closes; answer each with the forked kernel's pid."""
    _warm()
    children: set[int] = set()

    def reap(signum: int, frame: Any) -> None:
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    me, out = os.getpid(), sys.stdout
    out.write(json.dumps({"ready": me}) + "\n")
    out.flush()
    for line in sys.stdin:
        try:
            req = json.loads(line)
            pid = os.fork()
        except Exception as e:  # noqa: BLE001 - tell the grader, keep serving
            out.write(json.dumps({"error": f"{type(e).__name__}: {e}"}) + "\n")
            out.flush()
            continue
        if pid == 0:
            _child(req, me)
        children.add(pid)
        out.write(json.dumps({"pid": pid}) + "\n")
        out.flush()
    for pid in list(children):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass


if __name__ == "__main__":  # pragma: no cover
    serve()
