"""The agreements API through real HTTP against a real server process."""

from __future__ import annotations

import httpx

PROBLEM = "application/problem+json"


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_lists_the_four_agreements(http: httpx.Client) -> None:
    ids = [a["id"] for a in http.get("/api/v1/agreements").json()["items"]]
    assert ids == ["vgr", "sodra_alvsborg", "goteborg", "dalarna"]  # config order


def test_vgr_ladder_changes_on_2027_01_01(http: httpx.Client) -> None:
    ok = http.get("/api/v1/agreements/vgr/ladder", params={"on": "2026-12-31"}).json()
    assert ok["version"] == {"agreement": "vgr", "key": "ok-2017"}
    tiers = ok["ladder"]["tiers"]
    assert [t["key"] for t in tiers] == ["local", "sub_regional", "lisa"]
    assert [t["time_limit"]["period"]["amount"] if t["time_limit"] else None for t in tiers] == [
        None,
        30,
        30,
    ]
    assert "VVG" in tiers[2]["aka"] and "LiSA" in tiers[2]["name"]
    assert all(t["citation"]["document"] and t["citation"]["clause"] for t in tiers)

    hsa = http.get("/api/v1/agreements/vgr/ladder", params={"on": "2027-01-01"}).json()
    assert hsa["version"] == {"agreement": "vgr", "key": "hsa-2027"}
    steps = hsa["ladder"]["tiers"]
    assert [t["key"] for t in steps] == ["step_1", "step_2", "step_3"]
    assert all(t["time_limit"] is None for t in steps)
    notes = " ".join(n["text"] + n["citation"]["quote"] for n in steps[2]["notes"]).lower()
    assert "ekonomisk reglering" in notes or "economic settlement" in notes
    assert "allmän domstol" in notes or "general court" in notes


def test_sodra_alvsborg_ladder_and_form(http: httpx.Client) -> None:
    body = http.get("/api/v1/agreements/sodra_alvsborg/ladder", params={"on": "2026-06-01"}).json()
    tiers = body["ladder"]["tiers"]
    assert [t["key"] for t in tiers] == [
        "line_manager",
        "local_steering_group",
        "sub_regional_steering_group",
        "vvg",
    ]
    assert [t["time_limit"]["period"] for t in tiers] == [{"amount": 30, "unit": "days"}] * 4
    form = tiers[2]["form"]
    assert len(form) == 7 and all(f["strength"] == "shall" for f in form)

    later = http.get("/api/v1/agreements/sodra_alvsborg/ladder", params={"on": "2027-06-01"})
    later_body = later.json()
    assert later_body["version"] == {"agreement": "vgr", "key": "hsa-2027"}
    assert [t["key"] for t in later_body["ladder"]["tiers"]] == ["step_1", "step_2", "step_3"]
    assert any("ended" in n["text"] for n in later_body["notices"])


def test_schablon_split_exact_to_the_ore(http: httpx.Client) -> None:
    body = http.post(
        "/api/v1/agreements/vgr/cost-split",
        json={"amount_ore": 100001, "method": "schablon", "on": "2026-06-01"},
    ).json()
    assert body["amounts_ore"] == {"region": 33334, "municipality": 66667}
    assert body["rule"]["citation"]["document"] and body["rule"]["citation"]["clause"]
    assert body["rule"]["strength"] == "may"


def test_dalarna_refuses_the_schablon(http: httpx.Client) -> None:
    response = http.post(
        "/api/v1/agreements/dalarna/cost-split",
        json={"amount_ore": 100001, "method": "schablon", "on": "2025-03-01"},
    )
    body = _problem(response, 422)
    assert body["errors"][0]["field"] == "method"
    assert "schablon" in body["detail"]
    assert body["errors"][0]["rule"]["document"]


def test_percent_split_names_the_field_when_wrong(http: httpx.Client) -> None:
    ok = http.post(
        "/api/v1/agreements/vgr/cost-split",
        json={
            "amount_ore": 1000,
            "method": "percent",
            "shares": {"region": 40, "municipality": 60},
            "on": "2026-06-01",
        },
    ).json()
    assert ok["amounts_ore"] == {"region": 400, "municipality": 600}
    bad = http.post(
        "/api/v1/agreements/vgr/cost-split",
        json={
            "amount_ore": 1000,
            "method": "percent",
            "shares": {"region": 40, "municipality": 50},
            "on": "2026-06-01",
        },
    )
    assert _problem(bad, 422)["errors"][0]["field"] == "shares"
    unknown = http.post(
        "/api/v1/agreements/vgr/cost-split",
        json={"amount_ore": 1000, "method": "percent", "sharez": {}},
    )
    assert "sharez" in _problem(unknown, 422)["detail"]


def test_acute_deadlines(http: httpx.Client) -> None:
    dal = http.get(
        "/api/v1/agreements/dalarna/deadlines/acute_cost_agreement", params={"from": "2025-01-31"}
    ).json()
    vgr = http.get(
        "/api/v1/agreements/vgr/deadlines/acute_cost_agreement", params={"from": "2025-01-31"}
    ).json()
    assert dal["due_on"] == "2025-02-28" and vgr["due_on"] == "2025-03-02"
    assert "month" in dal["explanation"] and "30 calendar days" in vgr["explanation"]
    assert dal["rule"]["citation"]["clause"] and vgr["rule"]["citation"]["clause"]
    # 2025-03-02 is a Sunday: said, not moved
    assert vgr["falls_on"]["weekend"] is True and "not moved" in vgr["explanation"]


def test_sip_check_goteborg_child_placement(http: httpx.Client) -> None:
    sip = {
        "consent": True,
        "goal": "Stabil skolgång och behandling",
        "wishes": "Vill bo nära syskon",
        "responsibilities": "Kommunen: boende, skola. Regionen: BUP-behandling",
        "performers": "HVB utför båda",
        "school_occupation": "Skola vid HVB",
    }
    body = http.post(
        "/api/v1/agreements/goteborg/sip-check",
        json={"context": "child_placement", "on": "2026-06-01", "sip": sip},
    ).json()
    assert body["complete"] is False
    assert [m["field"] for m in body["missing"]] == ["sip.overall_responsibility"]
    assert body["missing"][0]["rule"]["document"]
    full = http.post(
        "/api/v1/agreements/goteborg/sip-check",
        json={
            "context": "child_placement",
            "on": "2026-06-01",
            "sip": {**sip, "overall_responsibility": "Kommunen"},
        },
    ).json()
    assert full["complete"] is True and full["missing"] == []


def test_unknown_agreement_is_404_naming_the_enabled(http: httpx.Client) -> None:
    body = _problem(http.get("/api/v1/agreements/skane"), 404)
    for agreement in ("vgr", "sodra_alvsborg", "goteborg", "dalarna"):
        assert agreement in body["detail"]


def test_date_without_version(http: httpx.Client) -> None:
    read = _problem(http.get("/api/v1/agreements/dalarna", params={"on": "2025-07-01"}), 404)
    assert "2025-06-30" in read["detail"]
    computed = http.post(
        "/api/v1/agreements/dalarna/cost-split",
        json={
            "amount_ore": 100,
            "method": "percent",
            "on": "2026-01-01",
            "shares": {"region": 50, "municipality": 50},
        },
    )
    assert "hvb-2021" in _problem(computed, 422)["detail"]


def test_bad_date_names_the_field(http: httpx.Client) -> None:
    body = _problem(http.get("/api/v1/agreements/vgr", params={"on": "2026-13-01"}), 422)
    assert any(e["field"] == "on" for e in body["errors"])


def test_whole_rule_set_and_compare(http: httpx.Client) -> None:
    rules = http.get("/api/v1/agreements/vgr", params={"on": "2027-06-01"}).json()
    assert rules["version"]["key"] == "hsa-2027"
    assert rules["cost_policy"]["policy"]["assumption"]
    assert any("HSA 7.6" in n["text"] for n in rules["notices"])
    compared = http.get(
        "/api/v1/compare", params={"agreements": "vgr,dalarna", "on": "2025-03-01"}
    ).json()
    assert compared["agreements"]["vgr"]["rules"]["cost_policy"]["schablon"]["region"] == "1/3"
    assert compared["agreements"]["dalarna"]["rules"]["cost_policy"]["schablon"] is None
    lapsed = http.get("/api/v1/compare", params={"agreements": "dalarna", "on": "2026-01-01"})
    assert lapsed.json()["agreements"]["dalarna"]["in_force"] is False


def test_plugins_health_and_schema(http: httpx.Client) -> None:
    plugins = {p["name"]: p for p in http.get("/-/plugins").json()}
    assert {"vgr", "sodra_alvsborg", "goteborg", "dalarna"} <= set(plugins)
    assert "samverkan_ladders" in plugins["vgr"]["hooks"]
    assert plugins["vgr"]["distribution"] == "samverkan"
    health = http.get("/health").json()
    assert health["status"] in ("ok", "attention")
    statuses = {a["id"]: a["status"] for a in health["agreements"]}
    assert statuses["dalarna"] == "lapsed"  # its text ended 2025-06-30
    schema = http.get("/schema/openapi.json").json()
    assert "/api/v1/agreements/{agreement_id}/cost-split" in schema["paths"]
