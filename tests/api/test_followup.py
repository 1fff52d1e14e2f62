"""The yearly follow-up through the API: each hand-made data set (``tests/followup/*.toml``)
played a day at a time, then asked for by the keys its ``[[expect]]`` tables name, the figures
hand-counted in the file; and the CSV, the audit, the language and the refusals."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.followup_play import Player, data_sets, load, pick, played

SETS = {path.stem: path for path in data_sets()}


@pytest.fixture(scope="module", params=sorted(SETS))
def player(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Player]:
    data = load(SETS[request.param])
    yield from played(tmp_path_factory.mktemp(request.param), data)


def expected(value: Any, saved: dict[str, str]) -> Any:
    """A figure as the file writes it: ``"null"`` for none, ``{name}`` for a saved id."""
    if value == "null":
        return None
    return value.format(**saved) if isinstance(value, str) else value


def test_the_hand_counted_figures(player: Player) -> None:
    for expect in player.data["expect"]:
        answer = player.ask(expect)
        assert answer.status_code == expect["status"], (expect["query"], answer.text)
        if answer.status_code != 200:
            assert answer.headers["content-type"].startswith("application/problem+json")
            continue
        report = answer.json()
        wrong = {}
        for path, value in expect.get("figures", {}).items():
            path = path.format(**player.saved)
            found = pick(report, path)
            if found != expected(value, player.saved):
                wrong[path] = (found, expected(value, player.saved))
        assert not wrong, f"{expect['as']} {expect['query']}: (found, expected) {wrong}"


def test_every_figure_says_how_it_was_counted(player: Player) -> None:
    expect = next(e for e in player.data["expect"] if e["status"] == 200)
    report = player.ask(expect).json()
    counts = list(figures(report))
    assert len(counts) > 30
    for path, figure in counts:
        assert len(figure["counted"]) > 40, path
        if "by_agreement" in figure and "value" in figure:
            assert sum(figure["by_agreement"].values()) == figure["value"], path
    for tier in report["disputes"]["time_at_tier"]["items"]:
        limit = tier["time_limit"]
        assert limit is None or (limit["citation"]["quote"] and limit["strength"]), tier
        assert limit is not None or tier["pace"] or tier["tier"]["version"]["agreement"]
    for rule in report["placements"]["acute_cost_agreements"]["rules"]:
        assert rule["citation"]["document"] and rule["citation"]["clause"], rule


def figures(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        if "counted" in value:
            yield path, value
        for key, inner in value.items():
            yield from figures(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from figures(inner, f"{path}.{index}")


def tables(text: str) -> dict[str, list[list[str]]]:
    """The CSV's tables by title (each a title row, a header row, rows, an empty row)."""
    assert text.startswith("\ufeff")
    found: dict[str, list[list[str]]] = {}
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    while rows:
        blank = rows.index([]) if [] in rows else len(rows)
        block, rows = rows[:blank], rows[blank + 1 :]
        if block:
            found[block[0][0]] = block[1:]
    return found


def test_the_csv_has_the_same_numbers(player: Player) -> None:
    expect = next(e for e in player.data["expect"] if e["status"] == 200)
    report = player.ask(expect).json()
    answer = player.ask(expect, format="csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in answer.headers["content-disposition"]
    by_accept = player.client.get(
        "/api/v1/followup",
        params={k: str(v) for k, v in expect["query"].items()},
        headers={**player.headers(expect["as"]), "Accept": "text/csv"},
    )
    assert by_accept.headers["content-type"].startswith("text/csv")
    found = tables(answer.content.decode("utf-8"))
    assert len(found) >= 15
    agreements = report["agreements"]
    disputes = found["Tvister"]
    assert disputes[0] == ["Mått", "Antal", *agreements, "Så har det räknats"]
    rows = {row[0]: row for row in disputes[1:]}
    for label, key in (
        ("Öppnade", "opened"),
        ("Lösta", "resolved"),
        ("Återkallade", "withdrawn"),
        ("Öppna vid periodens slut", "open_at_end"),
        ("Passerade förfallodagar", "deadlines_passed"),
        ("Lösta med justering i efterhand", "with_retroactive_adjustment"),
    ):
        figure = report["disputes"][key]
        assert rows[label][1:-1] == [str(figure["value"])] + [
            str(figure["by_agreement"][a]) for a in agreements
        ]
        assert rows[label][-1] == figure["counted"]
    tiers = found["Tid på nivå"]
    assert tiers[0][:5] == ["Version", "Trappa", "Steg", "Nivå", "Avslutade vistelser"]
    for row, item in zip(tiers[1:], report["disputes"]["time_at_tier"]["items"], strict=False):
        assert row[3] == item["tier"]["name"]
        assert row[4:7] == [
            str(item["stays_ended"]),
            *(str(item[k] or "") for k in ("median_days", "p90_days")),
        ]
    money = {(r[0], r[1]): r[2:] for r in found["Kostnad och avräkning (öre)"][1:] if len(r) > 2}
    cost = report["placements"]["cost_ore"]
    assert money[("Kostnad för periodens dagar", "alla")] == [
        str(cost["parties"]["region"]),
        str(cost["parties"]["municipality"]),
        str(cost["total_ore"]),
    ]
    placements = {r[0]: r[1] for r in found["Placeringar"][1:]}
    assert placements["Startade"] == str(report["placements"]["started"]["value"])
    assert placements["Placeringsdagar"] == str(report["placements"]["placement_days"]["value"])
    lessons = found["Utfall av lösta tvister (lärdomar)"]
    shown = [row[0] for row in lessons[1:] if row[0].startswith("dsp_")]
    assert shown == [item["id"] for item in report["disputes"]["lessons"]["items"]]


def test_one_audit_row_per_report_read(player: Player) -> None:
    expect = next(e for e in player.data["expect"] if e["status"] == 200)
    services = player.service.services
    assert services is not None

    def rows() -> list[dict[str, Any]]:
        return [
            r
            for r in services.audit.export(services.store, None, None)
            if r["object_type"] == "followup"
        ]

    before = len(rows())
    player.ask(expect)
    player.ask(expect, format="csv")
    after = rows()
    assert len(after) == before + 2
    last = after[-1]
    assert last["action"] == "read_followup"
    assert last["agreement"] == expect["query"]["agreement"]
    assert last["object_id"].startswith(f"{expect['query']['agreement']}:")


def test_english_on_request(player: Player) -> None:
    expect = next(e for e in player.data["expect"] if e["status"] == 200)
    query = {k: str(v) for k, v in expect["query"].items()}
    headers = player.headers(expect["as"])
    english = player.client.get(
        "/api/v1/followup", params=query, headers={**headers, "Accept-Language": "en, sv;q=0.5"}
    )
    swedish = player.client.get(
        "/api/v1/followup", params=query, headers={**headers, "Accept-Language": "sv"}
    )
    assert english.headers["content-language"] == "en"
    assert swedish.headers["content-language"] == "sv"
    en, sv = english.json(), swedish.json()
    assert en["language"] == "en" and sv["language"] == "sv"
    assert en["disputes"]["opened"]["value"] == sv["disputes"]["opened"]["value"]
    assert en["disputes"]["opened"]["counted"].startswith("Disputes whose opening day")
    assert sv["disputes"]["opened"]["counted"].startswith("Tvister vars öppningsdag")
    csv_en = player.client.get(
        "/api/v1/followup",
        params={**query, "format": "csv"},
        headers={**headers, "Accept-Language": "en"},
    )
    assert "Disputes" in tables(csv_en.content.decode())

    # each language's words only (the catalogue's Swedish, the msgids' English); data such as
    # a citation's quote or a category is the agreement's own Swedish in both
    def words(report: dict[str, Any]) -> str:
        said = [text for path, text in strings(report) if path.endswith(("counted", "label"))]
        return " ".join(said + report["notices"])

    english_words, swedish_words = words(en), words(sv)
    for swedish_only in ("Tvister", "perioden", "Avvikelser", "ärenden", "nivå"):
        assert swedish_only not in english_words, swedish_only
    for english_only in ("Disputes", "the period", "Deviations", "cases", "tier"):
        assert english_only not in swedish_words, english_only


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, path)
    elif isinstance(value, str):
        yield path, value


def test_an_undeclared_parameter_is_a_400(sodra: Player) -> None:
    query = {"agreement": "sodra_alvsborg", "year": "2026", "lang": "en"}
    answer = sodra.client.get("/api/v1/followup", params=query, headers=sodra.headers("14"))
    body = problem(answer, 400)
    assert body["type"] == "urn:samverkan:problem:unknown-query-parameter"
    assert [(e["field"], e["in"]) for e in body["errors"]] == [("lang", "query")]


@pytest.fixture(scope="module")
def sodra(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Player]:
    """The Södra Älvsborg set on its own, for the tests that need one service."""
    yield from played(tmp_path_factory.mktemp("sodra"), load(SETS["sodra_alvsborg"]))


def problem(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    return dict(answer.json())


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"agreement": "sodra_alvsborg"}, "year"),
        ({"agreement": "sodra_alvsborg", "from": "2026-01-01"}, "to"),
        ({"agreement": "sodra_alvsborg", "year": "2026", "to": "2026-06-30"}, "year"),
        ({"agreement": "sodra_alvsborg", "from": "2026-06-01", "to": "2026-05-31"}, "to"),
        ({"agreement": "sodra_alvsborg", "year": "2026", "municipality": "1480"}, "municipality"),
        ({"agreement": "sodra_alvsborg", "year": "1999"}, "year"),
        ({"agreement": "sodra_alvsborg", "year": "2026", "format": "xlsx"}, "format"),
    ],
)
def test_a_bad_query_is_refused_naming_the_parameter(
    sodra: Player, query: dict[str, str], field: str
) -> None:
    answer = sodra.client.get("/api/v1/followup", params=query, headers=sodra.headers("14"))
    body = problem(answer, 422)
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["in"] == "query"


def test_keys_and_agreements(sodra: Player) -> None:
    query = {"agreement": "sodra_alvsborg", "year": "2026"}
    problem(sodra.client.get("/api/v1/followup", params=query), 401)
    unknown = {"agreement": "uppsala", "year": "2026"}
    problem(sodra.client.get("/api/v1/followup", params=unknown, headers=sodra.headers("14")), 404)
    # Alingsås is a party of vgr, which Södra Älvsborg refines: it reads the sub-regional counts
    alingsas = sodra.client.get("/api/v1/followup", params=query, headers=sodra.headers("1489"))
    assert alingsas.status_code == 200
    assert alingsas.json()["disputes"]["lessons"]["items"] == []  # none of its own
    assert alingsas.json()["disputes"]["lessons"]["not_shown"] == 3
    # an admin key of vgr sees every outcome text
    admin = sodra.service.headers("14", "Admin", role="admin", agreements=("vgr",))
    shown = sodra.client.get("/api/v1/followup", params=query, headers=admin).json()
    assert len(shown["disputes"]["lessons"]["items"]) == 3


def test_a_period_of_days(sodra: Player) -> None:
    """``from`` and ``to`` instead of a year: the first quarter holds d1 and d5 only."""
    query = {"agreement": "sodra_alvsborg", "from": "2026-01-01", "to": "2026-03-31"}
    report = sodra.client.get("/api/v1/followup", params=query, headers=sodra.headers("14")).json()
    assert (report["period_from"], report["period_to"]) == ("2026-01-01", "2026-03-31")
    assert report["disputes"]["opened"]["value"] == 2  # d1 01-10, d5 03-20
    assert report["disputes"]["open_at_end"]["value"] == 2  # both still open on 03-31
    assert report["disputes"]["recommendations_rejected"]["value"] == 1
    assert report["placements"]["acute_cost_agreements"]["pending"]["value"] == 1  # p1: due 03-31
    assert report["placements"]["placement_days"]["value"] == 31  # p1 in March


def test_the_report_is_a_named_schema(sodra: Player) -> None:
    schema = sodra.client.get("/schema/openapi.json").json()
    operation = schema["paths"]["/api/v1/followup"]["get"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/FollowUpReport"}
    components = schema["components"]["schemas"]
    for name in ("FollowUpReport", "Count", "DisputeFigures", "TierTimes", "PartyAmounts"):
        assert name in components, name
    # one name per schema: a clash would get module-prefixed names a generated client rejects
    assert [name for name in components if "_" in name and not name.startswith("Page_")] == []
    assert {"from", "to", "year", "agreement", "municipality", "format"} <= {
        p["name"] for p in operation["parameters"]
    }


def test_the_command_line_writes_the_same_report(sodra: Player, tmp_path: Path) -> None:
    from samverkan.cli import main
    from tests.support.inprocess import environment

    service = sodra.service
    out = tmp_path / "uppfoljning.csv"
    args = ["--config", str(service.config), "followup", "--agreement", "sodra_alvsborg"]
    args += ["--year", "2026", "--municipality", "1490", "--format", "csv", "--output", str(out)]
    with environment(service.env):
        assert main(args) == 0
    written = tables(out.read_bytes().decode("utf-8"))
    expect = next(e for e in sodra.data["expect"] if e["as"] == "1490")
    report = sodra.ask(expect).json()
    rows = {row[0]: row for row in written["Tvister"][1:]}
    assert rows["Öppnade"][1] == str(report["disputes"]["opened"]["value"]) == "3"
    # the operator's report: every outcome text of the scope
    lessons = [
        r[0] for r in written["Utfall av lösta tvister (lärdomar)"][1:] if r[0].startswith("dsp_")
    ]
    assert lessons == [i["id"] for i in report["disputes"]["lessons"]["items"]]
    with environment(service.env):
        assert main([*args[:-4], "--format", "json", "--output", str(tmp_path / "u.json")]) == 0
    assert '"agreement": "sodra_alvsborg"' in (tmp_path / "u.json").read_text()
