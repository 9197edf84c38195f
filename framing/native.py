"""The compiled build: the analyzer's own source, compiled to C with mypyc, used if present.

framing-kit is pure Python, and pure Python is what runs unless a compiled build exists.
``make test`` and ``make bench`` (or ``framing native --build``) compile the modules
that do the analysis (``MODULES``) with mypyc, into ``<environment>/framing-native/``: not
beside the sources, so the files a student reads and edits are always files that can run.

On ``import framing`` the compiled modules are used only if they were compiled from exactly
the package's current source: the build records a digest of every ``framing/*.py`` file,
and any edit makes the package run as pure Python until the next build.  With no C compiler
or no mypyc, the build says so and the package runs as pure Python.  Set
``FRAMING_PURE_PYTHON=1`` to run pure Python anyway (to step through the analyzer in a
debugger, say).  Both give the same results: ``tests/test_native.py`` compares them.

``framing native`` says which one runs, and why.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

# (``import framing`` runs this module: what only ``build`` needs is imported there.)

#: The modules compiled: the text model and the metrics.
MODULES = (
    "framing.text",
    "framing.lexicon",
    "framing.hedging",
    "framing.loaded",
    "framing.attribution",
)
PURE_ENV = "FRAMING_PURE_PYTHON"
_GROUP = "framing_native"  # mypyc's name for the modules compiled together
_SHARED = f"{_GROUP}__mypyc"  # the library they share, which mypyc names after the group
_PACKAGE = Path(__file__).resolve().parent


def build_dir() -> Path:
    """Where the compiled build lives: inside the Python environment, one per Python version."""
    return Path(sys.prefix) / "framing-native" / sys.implementation.cache_tag


def source_digest(package: Path = _PACKAGE) -> str:
    """A digest of the package's top-level modules, the source a build must match: per file,
    the hash Python itself checks hash-based ``.pyc`` files against (``source_hash``, fast
    and already loaded, where ``hashlib`` would add milliseconds to every import)."""
    return "".join(
        path.name + ":" + importlib.util.source_hash(path.read_bytes()).hex() + ";"
        for path in sorted(package.glob("*.py"))
    )


class _Finder:
    """Imports the compiled modules (by their usual names) from the build directory."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname, path=None, target=None):
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def _activate() -> str:
    """Use the compiled modules if a build matches the source; say which code runs, and why."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return f"pure Python ({PURE_ENV} is set)"
    where = build_dir()
    try:
        manifest = json.loads((where / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "pure Python (no compiled build: `framing native --build` makes one)"
    except (OSError, ValueError) as exc:
        return f"pure Python (the compiled build's manifest is unreadable: {exc})"
    if manifest.get("source") != source_digest():
        return "pure Python (the source changed since the last build: `framing native --build` rebuilds)"
    if manifest.get("error"):
        return f"pure Python (the last build failed: {manifest['error']})"
    files = {name: where / file for name, file in manifest.get("files", {}).items()}
    if not files or not all(f.is_file() for f in files.values()):
        return "pure Python (the compiled build is incomplete: `framing native --build` rebuilds)"
    finder = _Finder(files)
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module(_SHARED)
    except ImportError as exc:
        sys.meta_path.remove(finder)
        return f"pure Python (the compiled build does not load: {exc})"
    return "compiled (mypyc)"


_SETUP = """\
from mypyc.build import mypycify
from setuptools import setup

setup(
    name="framing-native",
    ext_modules=mypycify({paths!r}, opt_level="3", group_name={group!r}),
)
"""

_MYPY_INI = """\
[mypy]
ignore_missing_imports = True
follow_imports = silent
"""


def build(log=print) -> bool:
    """Compile ``MODULES`` into ``build_dir()``; ``True`` if built.  Never raises for a
    missing compiler, a failed compile or an environment it cannot write to: it says why,
    and the package runs as pure Python."""
    reason = _cannot_build()
    if reason:
        log(f"framing.native: not compiling ({reason}); the analyzer runs as pure Python.")
        return False
    log("framing.native: compiling the analyzer with mypyc (a minute or two, once) ...")
    try:
        error = _build(build_dir())
    except OSError as exc:
        error = f"cannot write the build: {exc}"
    if error:
        log(f"framing.native: the compile failed ({error}); the analyzer runs as pure Python.")
        return False
    log(f"framing.native: compiled into {build_dir()}.")
    return True


def _build(where: Path) -> str | None:
    """Compile in a temporary copy of the package, then replace ``where`` with the result
    (the modules, ``build.log`` and ``manifest.json``); the error, or ``None``."""
    import shutil
    import subprocess
    import tempfile

    digest = source_digest()
    with tempfile.TemporaryDirectory(prefix="framing-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(_PACKAGE, work / "framing", ignore=shutil.ignore_patterns("__pycache__"))
        paths = [f"framing/{m.split('.')[-1]}.py" for m in MODULES]
        (work / "setup.py").write_text(_SETUP.format(paths=paths, group=_GROUP))
        (work / "mypy.ini").write_text(_MYPY_INI)
        run = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace"],
            cwd=work,
            capture_output=True,
            text=True,
        )
        output = run.stdout + run.stderr
        suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
        built = {_SHARED: work / f"{_SHARED}{suffix}"}
        built |= {m: work / "framing" / f"{m.split('.')[-1]}{suffix}" for m in MODULES}
        manifest: dict[str, object] = {"source": digest, "python": sys.version}
        error = None
        if run.returncode != 0 or not all(path.is_file() for path in built.values()):
            errors = [line for line in output.splitlines() if "error" in line.lower()]
            error = f"{(errors or ['no compiled modules'])[0].strip()}; log: {where}/build.log"
            manifest["error"] = error
        else:
            manifest["files"] = {name: path.name for name, path in built.items()}
        new = where.with_name(f"{where.name}.new-{os.getpid()}")  # (two builds at once)
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir(parents=True)
        (new / "build.log").write_text(output, encoding="utf-8")
        if error is None:
            for path in built.values():
                shutil.copy(path, new / path.name)
        (new / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        shutil.rmtree(where, ignore_errors=True)
        new.rename(where)
    return error


def _cannot_build() -> str | None:
    """Why this machine cannot compile the analyzer, or ``None``."""
    import shutil
    import sysconfig

    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed: `pip install mypy`"
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not installed"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler}) on this machine"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return "no Python headers (Debian: apt-get install python3-dev)"
    return None


#: Which code runs, and why.  ``framing/__init__.py`` imports this module first, so the
#: finder is in place before any metric module is imported.
status: str = _activate()
