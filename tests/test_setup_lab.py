"""JupyterLab overrides: written into the environment, and every key is a real setting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from framing.setup_lab import OVERRIDES, write_overrides


def test_write_overrides_merges_into_existing_file(tmp_path):
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"other:plugin": {"x": 1}}), encoding="utf-8")
    write_overrides(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["other:plugin"] == {"x": 1}
    assert data["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True
    assert data["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


@pytest.mark.parametrize("plugin", sorted(OVERRIDES))
def test_override_keys_exist_in_the_installed_jupyterlab_schemas(plugin):
    package, name = plugin.split(":")
    schema = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / package / f"{name}.json"
    if not schema.exists():
        pytest.skip("JupyterLab schemas not installed in this environment")
    properties = json.loads(schema.read_text(encoding="utf-8"))["properties"]
    assert set(OVERRIDES[plugin]) <= set(properties)
