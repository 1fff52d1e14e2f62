"""What the kit and start-up validation mean through the API (the application in-process):
the settlements check runs and fails with its message; the app factory refuses a plugin
whose data breaks the rules; a plugin that supplies only some parts starts, and every endpoint
answers for it with what it has."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samverkan.api.app import create_app
from samverkan.kernel.config import Settings
from samverkan.kernel.plugindata import PluginDataError
from samverkan.kit.cases import kit_cases
from tests.support.inprocess import InProcess, running
from tests.support.kitfixtures import BROKEN, install

#: The example without a cost policy and without SIP requirements.
PARTIAL = {
    "__init__.py": [
        ("            cost_policy=cost.COST_POLICY,\n", ""),
        ("            sip=sip.SIP_REQUIREMENTS,\n", ""),
    ]
}


def _settlements() -> list[str]:
    [case] = kit_cases(["exempel"], only=("settlements",))
    result = case.run()
    return [result.status, *result.problems]


def test_the_example_passes_its_settlements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(install(tmp_path, "kitfix_settled")))
    assert _settlements() == ["pass"]


def test_a_wrong_settlement_fails_the_check_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patches, message = BROKEN["settlements"]
    monkeypatch.syspath_prepend(str(install(tmp_path, "kitfix_unsettled", patches)))
    assert _settlements() == ["fail", message]


def test_the_app_factory_refuses_a_plugin_whose_data_breaks_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(install(tmp_path, "kitfix_typo", BROKEN["structure"][0])))
    settings = Settings(enabled=["vgr", "exempel"])
    settings.database.path = str(tmp_path / "never.db")
    with pytest.raises(PluginDataError, match="'recomendation' is not an allowed value"):
        create_app(settings)
    assert not (tmp_path / "never.db").exists()  # refused before anything was opened


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    site = install(tmp_path_factory.mktemp("site"), "kitfix_partial", PARTIAL)
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(site))
        config = 'enabled = ["vgr", "exempel"]\n'
        env = {"SAMVERKAN_TODAY": "2026-06-01"}
        with running(tmp_path_factory.mktemp("partial"), config, env) as service:
            yield service


def test_a_partial_plugin_starts_and_lists_what_it_supplies(partial: InProcess) -> None:
    plugins = {p["name"]: p for p in partial.client.get("/-/plugins").json()}
    assert plugins["exempel"]["hooks"] == [
        "samverkan_agreement",
        "samverkan_deadlines",
        "samverkan_ladders",
    ]
    rules = partial.client.get("/api/v1/agreements/exempel").json()
    assert rules["cost_policy"] is None and rules["sip_requirements"] == {}
    assert [ladder["ladder"]["kind"] for ladder in rules["ladders"]] == ["default"]


def test_what_it_has_answers(partial: InProcess) -> None:
    http = partial.client
    ladder = http.get("/api/v1/agreements/exempel/ladder").json()
    assert [t["key"] for t in ladder["ladder"]["tiers"]] == ["managers", "council"]
    due = http.get(
        "/api/v1/agreements/exempel/deadlines/acute_cost_agreement", params={"from": "2026-03-01"}
    )
    assert due.status_code == 200 and due.json()["due_on"] == "2026-03-31"


def test_a_missing_part_is_a_422_naming_the_plugin_and_the_part(partial: InProcess) -> None:
    http = partial.client
    url = "/api/v1/agreements/exempel/cost-split"
    body = {"amount_ore": 1000, "method": "schablon"}
    split = http.post(url, json=body)  # the in-process client reads English
    assert split.status_code == 422
    problem = split.json()
    assert split.headers["content-type"].startswith("application/problem+json")
    assert problem["type"] == "urn:samverkan:problem:part-not-supplied"
    assert (problem["plugin"], problem["missing"]) == ("exempel", "cost_policy")
    assert problem["detail"] == (
        "exempel has no cost policy on 2026-06-01: plugin exempel does not supply one for "
        "version avtal-2026 (the hook samverkan_cost_policy, Rules.cost_policy in samverkan.plugin)"
    )
    swedish = http.post(url, json=body, headers={"Accept-Language": "sv"}).json()
    assert (swedish["plugin"], swedish["missing"]) == ("exempel", "cost_policy")
    assert swedish["detail"] == (
        "exempel har ingen kostnadsfördelning 2026-06-01: tillägget exempel anger ingen för "
        "versionen avtal-2026 (kroken samverkan_cost_policy, Rules.cost_policy i samverkan.plugin)"
    )
    sip = http.post(
        "/api/v1/agreements/exempel/sip-check",
        json={"context": "placement", "sip": {}},
    )
    assert sip.status_code == 422
    assert (sip.json()["plugin"], sip.json()["missing"]) == ("exempel", "sip")
    assert "SIP requirements for the context placement" in sip.json()["detail"]


def test_compare_answers_the_others_and_names_what_is_missing(partial: InProcess) -> None:
    compared = partial.client.get(
        "/api/v1/compare", params={"agreements": "vgr,exempel", "on": "2026-06-01"}
    )
    assert compared.status_code == 200, compared.text
    columns = compared.json()["agreements"]
    assert columns["vgr"]["rules"]["cost_policy"]["schablon"]["region"] == "1/3"
    assert columns["vgr"]["rules"]["missing"] == []
    assert columns["exempel"]["in_force"] is True
    assert columns["exempel"]["rules"]["missing"] == ["cost_policy", "sip"]
    assert columns["exempel"]["rules"]["cost_policy"] is None
    assert columns["exempel"]["rules"]["sip_fields"] == {}
    assert list(columns["exempel"]["rules"]["ladders"]) == ["default"]


def test_a_placement_under_it_is_refused_naming_the_part(partial: InProcess) -> None:
    placement = {
        "agreement": "exempel",
        "municipality": "9801",
        "placing_party": "municipality",
        "start_date": "2026-05-01",
        "acute": True,
        "home_kind": "hvb",
        "child": False,
    }
    answer = partial.client.post(
        "/api/v1/placements", json=placement, headers=partial.headers("9801", "Eva")
    )
    assert answer.status_code == 422, answer.text
    assert (answer.json()["plugin"], answer.json()["missing"]) == ("exempel", "cost_policy")
