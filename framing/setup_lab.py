"""Write JupyterLab settings overrides into this environment (run by ``make lab``/``make test``).

A fresh workspace otherwise greets students with a "Select Kernel" dialog and asks to fetch
news from the internet; classrooms are often offline.  The overrides live in
``<venv>/share/jupyter/lab/settings/overrides.json`` so they never touch a user's own settings.
The plugin ids and keys are those of the JupyterLab 4 schemas
(``<venv>/share/jupyter/lab/schemas``); a key a schema does not know makes JupyterLab reject
that plugin's settings, so :data:`STALE` removes keys an older version of this file wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",  # a string enum in the schema: "true" | "false" | "none"
        "checkForUpdates": False,
    },
    # The "Select Kernel" dialog is skipped by the notebook tracker, not by sessionDialogs.
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
}

#: Keys that are not in the plugin's schema (``additionalProperties: false``).
STALE = {"@jupyterlab/apputils-extension:sessionDialogs": ("autoStartDefaultKernel",)}


def write_overrides(prefix: str | Path = sys.prefix) -> Path:
    """Merge our overrides into ``PREFIX/share/jupyter/lab/settings/overrides.json``."""
    path = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}
    for plugin, keys in STALE.items():
        settings = current.get(plugin, {})
        for key in keys:
            settings.pop(key, None)
        if plugin in current and not settings:
            del current[plugin]
    for plugin, settings in OVERRIDES.items():
        current.setdefault(plugin, {}).update(settings)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"JupyterLab settings: {write_overrides()}")
