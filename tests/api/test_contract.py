"""The contract an integrator codes against (docs/api-conventions.md), over HTTP: the OpenAPI
document, requests read strictly, problems that say what was wrong, in Swedish or English."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from openapi_spec_validator import validate

from tests.support.inprocess import InProcess

PROBLEM = "application/problem+json"
BORAS = "1490"
SPLIT = "/api/v1/agreements/vgr/cost-split"
#: words that belong to one language only (each problem below uses some of them)
ENGLISH_WORDS = re.compile(r"\b(the|is|not|expected|date|request|valid|field|must)\b")
SWEDISH_WORDS = re.compile(r"\b(är|inte|väntat|datum|anropet|giltigt|ett)\b")


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["type"].startswith("urn:samverkan:problem:")
    assert all({"field", "in", "message"} <= set(e) for e in body["errors"])
    return body


def dispute(**extra: Any) -> dict[str, Any]:
    return {
        "agreement": "sodra_alvsborg",
        "municipality": BORAS,
        "subject": "responsibility",
        "title": "Kontrakt",
        "description": "Parterna är oense.",
        "opened_on": "2026-01-10",
        **extra,
    }


@pytest.fixture(scope="module")
def schema(http: httpx.Client) -> dict[str, Any]:
    return http.get("/schema/openapi.json").json()


def test_the_document_validates_and_every_answer_is_typed(schema: dict[str, Any]) -> None:
    validate(schema)
    components = schema["components"]["schemas"]
    operations = [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict) and "responses" in op
    ]
    assert len(operations) >= 33
    for path, method, op in operations:
        assert op.get("operationId"), (method, path)
        ok = [r for status, r in op["responses"].items() if status.startswith("2")]
        assert ok, (method, path)
        for response in ok:
            body = response["content"]["application/json"]["schema"]
            named = components[body["$ref"].split("/")[-1]] if "$ref" in body else body
            if named.get("type") == "array":
                named = components[named["items"]["$ref"].split("/")[-1]]
            assert named.get("properties"), (method, path, body)
        for status, response in op["responses"].items():
            if status.startswith(("4", "5")):
                assert list(response["content"]) == [PROBLEM]
                assert response["content"][PROBLEM]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }
    assert components["Problem"]["properties"]["errors"]["items"] == {
        "$ref": "#/components/schemas/Remark"
    }
    assert components["Remark"]["properties"]["in"]["enum"] == ["body", "query", "header", "path"]
    opening = schema["paths"]["/api/v1/disputes"]["post"]
    example = opening["requestBody"]["content"]["application/json"]["example"]
    assert {"agreement", "municipality", "subject", "title", "description"} <= set(example)
    assert opening["responses"]["422"]["content"][PROBLEM]["example"]["errors"]


def test_case_operations_need_the_bearer_scheme_and_say_their_errors(
    schema: dict[str, Any],
) -> None:
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["bearer"]["description"],
    }
    keyed = ("/api/v1/disputes", "/api/v1/placements", "/api/v1/deviations", "/api/v1/audit")
    for path, item in schema["paths"].items():
        for method, op in item.items():
            if not path.startswith(keyed):
                continue
            assert op["security"] == [{"bearer": []}], (method, path)
            assert {"400", "401", "404", "422", "429"} <= set(op["responses"]), (method, path)
            assert op["responses"]["401"]["headers"]["WWW-Authenticate"]["required"] is True
            assert op["responses"]["429"]["headers"]["Retry-After"]["required"] is True
            headers = {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
            if method == "post":
                assert "Idempotency-Key" in headers, path
            if method == "post" and path.count("/") == 5 and not path.endswith("/costs"):
                assert "If-Match" in headers and {"412", "428"} <= set(op["responses"]), path
                assert op["responses"][next(iter(op["responses"]))]["headers"]["ETag"]
    get_placement = schema["paths"]["/api/v1/placements/{placement_id}"]["get"]
    assert get_placement["responses"]["200"]["headers"]["ETag"]["required"] is True


def test_request_schemas_say_unknown_fields_are_refused(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    for name in ("OpenDispute", "SplitRequest", "CostEntryRequest", "TemporaryArrangement"):
        assert components[name]["additionalProperties"] is False, name
    amount = components["CostEntryRequest"]["properties"]["amount_ore"]
    assert amount["type"] == "integer"


def test_an_unquoted_if_match_is_a_400_saying_so(service: InProcess, http: httpx.Client) -> None:
    keyed = service.headers(BORAS)
    opened = http.post("/api/v1/disputes", json=dispute(), headers=keyed)
    assert opened.status_code == 201, opened.text
    etag = opened.headers["ETag"]
    bare = etag.strip('"')
    url = f"/api/v1/disputes/{opened.json()['id']}/withdraw"
    body = problem(
        http.post(url, json={"reason": "Löst"}, headers={**keyed, "If-Match": bare}), 400
    )
    assert body["type"] == "urn:samverkan:problem:malformed-header"
    assert body["errors"][0]["field"] == "If-Match" and body["errors"][0]["in"] == "header"
    assert "quote" in body["errors"][0]["message"]
    stale = http.post(url, json={"reason": "Löst"}, headers={**keyed, "If-Match": '"x.1"'})
    assert problem(stale, 412)["type"] == "urn:samverkan:problem:stale-version"
    done = http.post(url, json={"reason": "Löst"}, headers={**keyed, "If-Match": etag})
    assert done.status_code == 200, done.text


def test_the_printable_notice_is_swedish_whatever_was_asked(
    service: InProcess, http: httpx.Client
) -> None:
    keyed = {**service.headers(BORAS), "Accept-Language": "en"}
    opened = http.post("/api/v1/disputes", json=dispute(), headers=keyed).json()
    page = http.get(
        f"/api/v1/disputes/{opened['id']}/notice", params={"format": "html"}, headers=keyed
    )
    assert page.status_code == 200 and page.headers["Content-Language"] == "sv"
    assert '<html lang="sv">' in page.text and "Tidsgräns" in page.text
    assert "kalenderdagar" in page.text and "ansvar" in page.text  # the subject, in Swedish
    for english in ("calendar days", "responsibility", "time limit", "opened"):
        assert english not in page.text
    data = http.get(f"/api/v1/disputes/{opened['id']}/notice", headers=keyed).json()
    assert "calendar days" in data["due_explanation"]  # the data speaks the language asked


def test_a_placement_read_carries_its_etag(service: InProcess, http: httpx.Client) -> None:
    keyed = service.headers("1481")
    placed = http.post(
        "/api/v1/placements",
        json={
            "agreement": "goteborg",
            "municipality": "1481",
            "placing_party": "municipality",
            "start_date": "2026-03-01",
            "acute": True,
            "home_kind": "hvb",
            "child": True,
        },
        headers=keyed,
    )
    assert placed.status_code == 201, placed.text
    read = http.get(f"/api/v1/placements/{placed.json()['id']}", headers=keyed)
    assert read.status_code == 200 and read.headers["ETag"] == placed.headers["ETag"]
    assert read.headers["ETag"] == f'"{placed.json()["id"]}.{placed.json()["revision"]}"'


def test_a_body_field_in_the_query_is_refused_naming_it(http: httpx.Client) -> None:
    body = {"amount_ore": 100, "method": "schablon", "on": "2026-06-01"}
    refused = problem(http.post(SPLIT, params={"on": "2026-06-01"}, json=body), 400)
    assert refused["type"] == "urn:samverkan:problem:unknown-query-parameter"
    [error] = refused["errors"]
    assert error["field"] == "on" and error["in"] == "query"
    assert "body" in error["message"]
    other = problem(http.get("/api/v1/agreements/vgr", params={"bogus": "1"}), 400)
    assert other["errors"][0]["field"] == "bogus" and "on" in other["errors"][0]["message"]


def test_an_impossible_date_is_named_with_the_form_expected(
    service: InProcess, http: httpx.Client
) -> None:
    refused = problem(
        http.post(
            "/api/v1/disputes", json=dispute(opened_on="2026-02-30"), headers=service.headers(BORAS)
        ),
        422,
    )
    [error] = refused["errors"]
    assert error["field"] == "opened_on" and error["in"] == "body"
    assert "2026-02-30" in error["message"] and "YYYY-MM-DD" in error["message"]
    query = problem(http.get("/api/v1/agreements/vgr", params={"on": "01/03/2025"}), 422)
    assert query["errors"][0]["field"] == "on" and query["errors"][0]["in"] == "query"
    assert "01/03/2025" in query["errors"][0]["message"]


def test_wrong_kinds_of_values_are_refused_saying_what_is_allowed(http: httpx.Client) -> None:
    text = problem(http.post(SPLIT, json={"amount_ore": "1000", "method": "schablon"}), 422)
    assert (
        text["errors"][0]["field"] == "amount_ore"
        and "whole number" in text["errors"][0]["message"]
    )
    share = problem(
        http.post(SPLIT, json={"amount_ore": 1, "method": "percent", "shares": {"region": "40"}}),
        422,
    )
    assert share["errors"][0]["field"] == "shares.region"
    enum = problem(
        http.post("/api/v1/agreements/vgr/sip-check", json={"context": "bogus", "sip": {}}),
        422,
    )
    assert enum["errors"][0]["field"] == "context"
    assert (
        "child_placement" in enum["errors"][0]["message"]
        and "bogus" in enum["errors"][0]["message"]
    )
    missing = problem(http.post(SPLIT, json={"method": "schablon"}), 422)
    assert (
        missing["errors"][0]["field"] == "amount_ore"
        and "missing" in missing["errors"][0]["message"]
    )
    unknown = problem(http.post(SPLIT, json={"amount_ore": 1, "method": "x", "sharez": {}}), 422)
    assert unknown["errors"][0]["field"] == "sharez"
    broken = problem(
        http.post(
            SPLIT, content=b'{"amount_ore": 1,', headers={"content-type": "application/json"}
        ),
        400,
    )
    assert broken["type"] == "urn:samverkan:problem:malformed-json"
    assert broken["errors"][0]["field"] == "body"


def test_the_same_problem_in_each_language_with_no_word_of_the_other(
    service: InProcess, http: httpx.Client
) -> None:
    bad = dispute(opened_on="2026-02-30")
    answers = {
        lang: http.post(
            "/api/v1/disputes",
            json=bad,
            headers={**service.headers(BORAS), "Accept-Language": lang},
        )
        for lang in ("sv", "en")
    }
    sv, en = (problem(answers[lang], 422) for lang in ("sv", "en"))
    assert answers["sv"].headers["Content-Language"] == "sv"
    assert answers["en"].headers["Content-Language"] == "en"
    assert sv["type"] == en["type"] and [e["field"] for e in sv["errors"]] == ["opened_on"]
    words = [sv["title"], sv["detail"], *(e["message"] for e in sv["errors"])]
    english = [en["title"], en["detail"], *(e["message"] for e in en["errors"])]
    assert sv["title"] == "Anropet är inte giltigt" and en["title"] == "The request is not valid"
    for text in words:
        assert not ENGLISH_WORDS.search(text), text
    for text in english:
        assert not SWEDISH_WORDS.search(text), text
    default = http.post(
        "/api/v1/disputes",
        json=bad,
        headers={**service.headers(BORAS), "Accept-Language": "de"},
    )
    assert default.headers["Content-Language"] == "sv" and default.json() == sv


def test_401_says_bearer_and_each_403_what_was_refused(
    service: InProcess, http: httpx.Client
) -> None:
    anonymous = http.get("/api/v1/disputes")
    assert problem(anonymous, 401)["errors"][0]["field"] == "Authorization"
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = http.get("/api/v1/disputes", headers={"Authorization": "Bearer smv_nope"})
    assert problem(wrong, 401) and wrong.headers["WWW-Authenticate"].startswith("Bearer")
    audit = problem(http.get("/api/v1/audit", headers=service.headers(BORAS)), 403)
    assert audit["title"] == "The audit log is for admin keys"
    for_another = http.post("/api/v1/disputes", json=dispute(), headers=service.headers("1401"))
    assert problem(for_another, 403)["title"] == "Only a party to the case may act on it"


def test_no_problem_is_about_blank(http: httpx.Client) -> None:
    for response in (
        http.get("/api/v1/agreements/skane"),
        http.get("/api/v1/nowhere"),
        http.delete("/api/v1/agreements"),
        http.get("/api/v1/agreements/vgr", params={"on": "2026-13-01"}),
    ):
        assert response.json()["type"].startswith("urn:samverkan:problem:"), response.text


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (tag == "script" and name == "src") or (tag == "link" and name == "href")
            ):
                self.found.append(value)


@pytest.mark.parametrize("page", ["/schema", "/schema/swagger"])
def test_the_docs_page_loads_everything_from_the_service_itself(
    http: httpx.Client, page: str
) -> None:
    answer = http.get(page)
    assert answer.status_code == 200 and "text/html" in answer.headers["content-type"]
    parser = Assets()
    parser.feed(answer.text)
    assert len(parser.found) >= 4, parser.found  # the bundle, the preset, the style, the icon
    for url in parser.found:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} is not on the service's origin"
        fetched = http.get(url)
        assert fetched.status_code == 200 and fetched.content, url
    for host in ("jsdelivr", "unpkg", "googleapis", "cdn.redoc"):
        assert host not in answer.text


def test_health_lists_each_agreements_status_and_a_lapsed_one_names_its_config_key(
    http: httpx.Client,
) -> None:
    health = http.get("/health").json()
    statuses = {a["id"]: a for a in health["agreements"]}
    assert set(statuses) == {"vgr", "sodra_alvsborg", "goteborg", "dalarna"}
    dalarna = statuses["dalarna"]
    assert dalarna["status"] == "lapsed" and dalarna["version"] is None
    assert dalarna["config_key"] == "[agreements.dalarna] extended_to"
    assert "[agreements.dalarna] extended_to" in dalarna["message"]
    assert health["status"] == "attention"
    lapsed = problem(http.get("/api/v1/agreements/dalarna", params={"on": "2026-01-01"}), 404)
    assert "[agreements.dalarna] extended_to" in lapsed["detail"]
    assert lapsed["errors"][0]["field"] == "on" and lapsed["errors"][0]["in"] == "query"
