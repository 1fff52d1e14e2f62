"""The generated-client scenario, end to end (CI runs it: .ci/run).

1. a virtual environment of the client's own (``build/client/venv``) gets the generator and
   what the scenario needs (tests/client/requirements.txt);
2. a real server starts (the repository's config, a fresh database, the real date);
3. its ``/schema/openapi.json`` is saved and openapi-python-client generates a package from it
   (``--fail-on-warning``: an operation it cannot type fails the run);
4. tests/client/scenario.py runs in that environment with the generated package, decoding every
   answer strictly.

    .venv/bin/python -m tests.client.run
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.server import ROOT, ServerProcess

BUILD = ROOT / "build" / "client"
VENV = BUILD / "venv"


def sh(*command: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, env=env)


def main() -> int:
    BUILD.mkdir(parents=True, exist_ok=True)
    if not (VENV / "bin" / "python").exists():
        sh(sys.executable, "-m", "venv", VENV)
    sh(
        VENV / "bin" / "pip",
        "install",
        "--quiet",
        "-r",
        ROOT / "tests" / "client" / "requirements.txt",
    )
    workdir = BUILD / "server"
    workdir.mkdir(exist_ok=True)
    (workdir / "samverkan.db").unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SAMVERKAN_TODAY"}
    server = ServerProcess(workdir, (ROOT / "config" / "samverkan.toml").read_text(), env=env)
    server.env.pop("SAMVERKAN_TODAY", None)
    server.start()
    try:
        spec = BUILD / "openapi.json"
        spec.write_bytes(httpx.get(f"{server.url}/schema/openapi.json").content)
        tools = {**os.environ, "PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"}  # its ruff hooks
        sh(
            VENV / "bin" / "openapi-python-client",
            "generate",
            "--path",
            spec,
            "--meta",
            "none",
            "--output-path",
            BUILD / "samverkan_client",
            "--overwrite",
            "--fail-on-warning",
            env=tools,
        )
        scenario = {
            **os.environ,
            "PYTHONPATH": str(BUILD),
            "SAMVERKAN_URL": server.url,
            "SAMVERKAN_BORAS_KEY": server.key("1490"),
            "SAMVERKAN_MOLNDAL_KEY": server.key("1481"),
        }
        sh(VENV / "bin" / "python", ROOT / "tests" / "client" / "scenario.py", spec, env=scenario)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
