"""Start-up fails loudly and helpfully on bad configuration, before the port is bound (a real
``samverkan serve`` process and its exit code); a third-party plugin installed beside the
built-in ones just works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.kitfixtures import BROKEN, install
from tests.support.server import ROOT, ServerProcess
from tests.support.thirdparty import ACME, MISSPELLED, make_distribution

pytestmark = pytest.mark.e2e


def _serve_fails(tmp_path: Path, config: str, env: dict[str, str] | None = None) -> str:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(config)
    result = subprocess.run(
        [sys.executable, "-m", "samverkan.cli", "--config", str(cfg), "serve", "--port", "1"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    return result.stderr


def test_unknown_plugin_names_the_available_ones(tmp_path: Path) -> None:
    message = _serve_fails(tmp_path, 'enabled = ["nope"]\n')
    assert "nope" in message
    for name in ("vgr", "sodra_alvsborg", "goteborg", "dalarna"):
        assert name in message


def test_environment_overrides_enabled(tmp_path: Path) -> None:
    message = _serve_fails(tmp_path, "", {"SAMVERKAN_ENABLED": "vgr,nope"})
    assert "nope" in message and "available plugins" in message


def test_unknown_config_key_is_refused(tmp_path: Path) -> None:
    assert "enabledd" in _serve_fails(tmp_path, 'enabledd = ["vgr"]\n')


def test_extension_needs_a_reason(tmp_path: Path) -> None:
    config = '[agreements.dalarna]\nextended_to = "2026-06-30"\n'
    assert "extension_reason" in _serve_fails(tmp_path, config)


def test_misspelled_hook_fails_at_start(tmp_path: Path) -> None:
    site = make_distribution(tmp_path / "site", "typo", "typo_plugin", MISSPELLED)
    message = _serve_fails(
        tmp_path, 'enabled = ["vgr", "typo"]\n', {"PYTHONPATH": f"{site}{os.pathsep}{ROOT}"}
    )
    assert "samverkan_ladder" in message and "unknown hook" in message


def test_a_plugin_whose_data_breaks_the_rules_stops_start_up(tmp_path: Path) -> None:
    """``outcome="recomendation"``: refused before the port is bound, naming the plugin, the
    version, the tier and the allowed values."""
    site = install(tmp_path / "site", "typo_exempel", BROKEN["structure"][0])
    message = _serve_fails(
        tmp_path, 'enabled = ["vgr", "exempel"]\n', {"PYTHONPATH": f"{site}{os.pathsep}{ROOT}"}
    )
    assert "plugin data breaks the rules the service relies on" in message
    assert (
        "plugin 'exempel' (agreement 'exempel', version 'avtal-2026'): ladder 'default', tier "
        "'council', outcome: 'recomendation' is not an allowed value; allowed: agreement, "
        "decision, judgment, recommendation"
    ) in message
    assert "samverkan plugin check exempel" in message


def test_third_party_plugin_seen_through_the_api(tmp_path: Path) -> None:
    site = make_distribution(tmp_path / "site", "acme", "acme_plugin", ACME)
    server = ServerProcess(
        tmp_path, 'enabled = ["vgr", "acme"]\n', {"PYTHONPATH": f"{site}{os.pathsep}{ROOT}"}
    ).start()
    try:
        ids = [a["id"] for a in httpx.get(f"{server.url}/api/v1/agreements").json()["items"]]
        assert ids == ["vgr", "acme"]
        plugins = {p["name"]: p for p in httpx.get(f"{server.url}/-/plugins").json()}
        assert plugins["acme"]["version"] == "0.3.1"
        assert plugins["acme"]["hooks"] == ["samverkan_agreement", "samverkan_ladders"]
        ladder = httpx.get(
            f"{server.url}/api/v1/agreements/acme/ladder", params={"on": "2026-05-01"}
        ).json()
        assert ladder["ladder"]["tiers"][0]["key"] == "desk"
        due = httpx.get(
            f"{server.url}/api/v1/agreements/acme/deadlines/tier.default.desk",
            params={"from": "2026-05-01"},
        ).json()
        assert due["due_on"] == "2026-05-11"
    finally:
        server.stop()
