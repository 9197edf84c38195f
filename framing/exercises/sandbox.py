"""Launch an IPython kernel for grading behind resource limits and an audit-hook policy.

``python -m framing.exercises.sandbox --root DIR [--read DIR ...] [--deny DIR ...] -f CONN``
is the grading kernel's command line.  Before the kernel starts it

- caps memory (``RLIMIT_AS``), file size (``RLIMIT_FSIZE``) and core dumps;
- installs a :func:`sys.addaudithook` hook (it cannot be removed) that lets the student's
  code write, delete or rename only inside ``--root`` (the submission's temporary folder),
  read only there and in the Python installation and the ``framing`` package (``--deny``
  subtracts folders), and refuses to start processes, signal other processes, load C symbols
  with ``ctypes``, walk the garbage collector (where the hook itself lives) or open network
  connections;
- records reads under ``--watch`` folders (the bundled gold annotations) in :data:`WATCHED`,
  which the grader reports to the instructor: annotation answers should come from reading.

Audit hooks are a guard rail against accidents and casual cheating, not a security boundary
(PEP 578 says so): for a hostile class, run the grader in a container or as a separate user.
The answer keys are never in the kernel whatever the policy: the grader compares answers in
its own process.
"""

from __future__ import annotations

import argparse
import os
import sys

#: Files read under the watched folders (filled in the kernel process by :func:`install`).
WATCHED: list[str] = []

#: Events that start code outside this interpreter or reach into it.
_DENIED = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.startfile",
        "ctypes.dlsym",
        "ctypes.dlsym/handle",
        "ctypes.call_function",
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "resource.setrlimit",
        "resource.prlimit",
        "socket.connect",
        "socket.bind",
        "socket.sendto",
    }
)

#: Events whose first (path, dir_fd) arguments are changed on disk.
_WRITES = {
    "os.remove": (0, 1),
    "os.rmdir": (0, 1),
    "os.mkdir": (0, 2),
    "os.chmod": (0, 2),
    "os.chown": (0, 3),
    "os.utime": (0, 3),
    "os.truncate": (0, None),
    "os.setxattr": (0, None),
    "os.removexattr": (0, None),
    "os.chflags": (0, None),
    "os.lchflags": (0, None),
    "shutil.rmtree": (0, 1),
}
#: Events with a source and a destination (both must be inside the sandbox).
_MOVES = {"os.rename": (0, 1, 2, 3), "os.link": (0, 1, 2, 3)}


def _arg(args: tuple, i: int | None):
    # event signatures grew over Python versions (shutil.rmtree got dir_fd in 3.11)
    return args[i] if i is not None and i < len(args) else None


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def install(root: str, read: list[str], deny: list[str], watch: list[str] = ()) -> list[str]:
    """Install the grading policy in this interpreter (for good: hooks cannot be removed).

    Parameters
    ----------
    root : str
        The submission's temporary folder: the only place code may change.
    read : list of str
        Further folders that may be read (the Python installation, the ``framing`` package).
    deny : list of str
        Folders that may not be read even when inside ``read``.
    watch : list of str
        Folders whose reads are recorded.

    Returns
    -------
    list of str
        The list the hook appends watched reads to.
    """
    realpath, fspath, fsdecode, isabs = os.path.realpath, os.fspath, os.fsdecode, os.path.isabs
    readlink, getpid, sep = os.readlink, os.getpid, os.sep
    me = getpid()
    write_roots = (realpath(root), "/dev/null")
    read_roots = tuple(realpath(p) for p in (root, *read)) + (f"/proc/{me}",)
    deny_roots = tuple(realpath(p) for p in deny)
    watch_roots = tuple(realpath(p) for p in watch)
    watched: list[str] = []

    def resolve(path, dir_fd=None):
        if path is None or isinstance(path, int):
            return None  # an already open descriptor: its opening was checked
        p = fsdecode(fspath(path))
        if not isabs(p):
            if isinstance(dir_fd, int) and dir_fd >= 0:  # -1 means "no dir_fd"
                p = readlink(f"/proc/self/fd/{dir_fd}") + sep + p
            elif ".." in p.split(sep):
                # os.open(..., dir_fd=) does not report its dir_fd: refuse to guess
                raise PermissionError(f"grading sandbox: relative path {p!r} leaves the folder")
        return realpath(p)

    def check_read(path, dir_fd=None):
        p = resolve(path, dir_fd)
        if p is None:
            return
        if _inside(p, deny_roots) or not _inside(p, read_roots):
            raise PermissionError(f"grading sandbox: reading {path!r} is not allowed")
        if watch_roots and _inside(p, watch_roots) and p not in watched:
            watched.append(p)

    def check_write(path, dir_fd=None):
        p = resolve(path, dir_fd)
        if p is not None and not _inside(p, write_roots):
            raise PermissionError(f"grading sandbox: changing {path!r} is not allowed")

    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            writing = (mode is not None and any(c in mode for c in "wax+")) or (
                mode is None and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC)
            )
            (check_write if writing else check_read)(path)
        elif event in _WRITES:
            i, fd = _WRITES[event]
            check_write(args[i], _arg(args, fd))
        elif event in _MOVES:
            s, d, sfd, dfd = _MOVES[event]
            check_write(args[s], _arg(args, sfd))
            check_write(args[d], _arg(args, dfd))
        elif event == "os.symlink":
            check_write(args[1], _arg(args, 2))
        elif event in ("os.kill", "os.killpg"):
            if args[0] != me:
                raise PermissionError("grading sandbox: signalling other processes is not allowed")
        elif event == "ctypes.dlopen":
            if args[0] is not None:
                raise PermissionError("grading sandbox: loading C libraries is not allowed")
        elif event in _DENIED:
            raise PermissionError(f"grading sandbox: {event} is not allowed")

    sys.addaudithook(hook)
    return watched


def limit_resources(memory_mb: int, file_mb: int = 64) -> None:
    """Cap address space and file size; a too-large write fails instead of killing the kernel."""
    import resource
    import signal

    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for limit, value in (
        (resource.RLIMIT_AS, memory_mb * 2**20),
        (resource.RLIMIT_FSIZE, file_mb * 2**20),
        (resource.RLIMIT_CORE, 0),
    ):
        soft, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(limit, (value, value))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m framing.exercises.sandbox")
    parser.add_argument("--root", required=True)
    parser.add_argument("--read", action="append", default=[])
    parser.add_argument("--deny", action="append", default=[])
    parser.add_argument("--watch", action="append", default=[])
    parser.add_argument("--memory-mb", type=int, default=4096)
    parser.add_argument("-f", dest="connection_file", required=True)
    args = parser.parse_args(argv)

    # Import the kernel before the hook: its own start-up is trusted and faster unchecked.
    from ipykernel.kernelapp import IPKernelApp

    if sys.platform.startswith("linux") or sys.platform == "darwin":
        limit_resources(args.memory_mb)
    import framing.exercises.sandbox as registry  # this file runs as __main__

    registry.WATCHED = install(args.root, args.read, args.deny, args.watch)
    app = IPKernelApp.instance()
    app.initialize(["-f", args.connection_file, "--HistoryManager.hist_file=:memory:"])
    app.start()


if __name__ == "__main__":  # pragma: no cover
    main()
