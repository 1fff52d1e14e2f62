"""The application loads only the msgspec plugin of Litestar's defaults (``ServiceApp``): a
start imports neither pydantic nor attrs, and the OpenAPI document is the one Litestar's
default plugins give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BUILD = """
import json, sys
from litestar import Litestar
from samverkan.api import app as service_app
from samverkan.kernel.config import load_settings

settings = load_settings(sys.argv[1])
lean = service_app.create_app(settings)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "attr", "attrs"))
plugins = sorted(type(p).__name__ for p in lean.plugins)
# the same app with Litestar's own default plugins
service_app.ServiceApp._get_default_plugins = staticmethod(Litestar._get_default_plugins)
full = service_app.create_app(settings)
print(json.dumps({
    "loaded": loaded,
    "plugins": plugins,
    "full_plugins": sorted(type(p).__name__ for p in full.plugins),
    "same_document": lean.openapi_schema.to_schema() == full.openapi_schema.to_schema(),
}))
"""


def test_start_loads_neither_pydantic_nor_attrs_and_the_document_is_unchanged(
    tmp_path: Path,
) -> None:
    config = tmp_path / "samverkan.toml"
    config.write_text('enabled = ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]\n')
    env = {**os.environ, "SAMVERKAN_DATABASE": str(tmp_path / "app.db")}
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(config)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["loaded"] == []
    assert "MsgspecDIPlugin" in found["plugins"]
    assert not any(name.startswith(("Pydantic", "Attrs")) for name in found["plugins"])
    # the comparison is not vacuous: Litestar's defaults do add them here
    assert any(name.startswith("Pydantic") for name in found["full_plugins"])
    assert found["same_document"] is True
