"""The pages, in-process: the agreements drawn without a key, sign-in with a key into a
rotating session, CSRF on every form, the CSP, and cases shown exactly as the key sees them
through the API (another municipality's case is a 404 by URL), every read audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from samverkan.kernel.i18n import speaking
from samverkan.pages.common import money
from samverkan.pages.security import CSP, CSRF_COOKIE, SESSION_COOKIE
from tests.support.inprocess import CONFIG, InProcess, running
from tests.support.pages import ALINGSAS, BORAS, MOLNDAL, REGION, browser, seed, sign_in, token
from tests.support.personnummer import number

CASE_PAGES = ["/cases", "/deviations", "/placements", "/deadlines"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InProcess, dict[str, str]]]:
    with running(tmp_path_factory.mktemp("pages")) as service:
        yield service, seed(service)


@pytest.fixture
def service(site: tuple[InProcess, dict[str, str]]) -> InProcess:
    return site[0]


@pytest.fixture
def ids(site: tuple[InProcess, dict[str, str]]) -> dict[str, str]:
    return site[1]


def text(page: httpx.Response) -> str:
    """The page's words, tags removed (for asserting what a reader sees)."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page.text)))


def headings(page: httpx.Response, level: int) -> list[str]:
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", page.text, flags=re.S)
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", h))).strip() for h in found]


def signed_in(service: InProcess, org: str, language: str = "sv") -> httpx.Client:
    client = browser(service, language)
    answer = sign_in(client, service.key(org))
    assert answer.status_code == 303 and answer.headers["location"] == "/cases"
    return client


# -- the agreements, without a key ---------------------------------------------------------


def test_the_start_page_lists_every_enabled_agreement_with_its_status(service: InProcess) -> None:
    client = browser(service)
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in page.text
    health = service.client.get("/health", headers={"Accept-Language": "sv"}).json()
    words = {"in_force": "gäller", "lapsed": "har upphört", "ending_soon": "upphör snart"}
    shown = text(page)
    for agreement in health["agreements"]:
        assert f'href="/agreements/{agreement["id"]}"' in page.text
        assert f"Status: {words[agreement['status']]}" in shown, agreement
        assert agreement["message"] in shown
    # versions on a time line (an SVG with a text alternative) and in a table
    assert page.text.count('<svg role="img"') == len(health["agreements"])
    for info in service.client.get("/api/v1/agreements").json()["items"]:
        for version in info["versions"]:
            assert f'<th scope="row">{version["key"]}</th>' in page.text
    assert SESSION_COOKIE not in page.headers.get("set-cookie", "")  # no session for a visitor


def tiers(service: InProcess, agreement: str, on: str) -> list[list[str]]:
    """Each ladder's tier names in order, as the API gives them (Swedish names)."""
    rules = service.client.get(f"/api/v1/agreements/{agreement}", params={"on": on}).json()
    return [[t["name"] for t in s["ladder"]["tiers"]] for s in rules["ladders"]]


@pytest.mark.parametrize(("on", "version"), [("2026-12-31", "ok-2017"), ("2027-01-01", "hsa-2027")])
def test_the_vgr_page_draws_the_ladder_in_force_that_day(
    service: InProcess, on: str, version: str
) -> None:
    page = browser(service).get(f"/agreements/vgr?on={on}")
    assert page.status_code == 200
    assert f"({version})" in text(page)
    drawn = [re.sub(r"^Nivå \d+ ", "", h) for h in headings(page, 4) if re.match(r"^Nivå \d+ ", h)]
    expected = tiers(service, "vgr", on)
    assert drawn == [name for ladder in expected for name in ladder]
    ladders = re.findall(r'<ol class="ladder"', page.text)
    assert len(ladders) == len(expected)
    # each citation's Swedish quote is on demand, in <details>, marked as Swedish
    quotes = re.findall(r'<details class="cite">.*?<blockquote lang="sv">', page.text, re.S)
    assert len(quotes) >= sum(len(ladder) for ladder in expected)
    for section in ("Tidsfrister", "Kostnadsansvar", "Krav på SIP"):
        assert section in headings(page, 2)


def test_the_ok_and_hsa_ladders_differ(service: InProcess) -> None:
    assert tiers(service, "vgr", "2026-12-31") != tiers(service, "vgr", "2027-01-01")


def test_an_agreement_with_no_version_today_is_drawn_on_its_last_day(service: InProcess) -> None:
    health = {a["id"]: a for a in service.client.get("/health").json()["agreements"]}
    lapsed = [a for a in health.values() if a["status"] == "lapsed"]
    assert lapsed, "the repository's config has a lapsed agreement (Dalarna)"
    page = browser(service).get(f"/agreements/{lapsed[0]['id']}")
    assert page.status_code == 200
    assert f'value="{lapsed[0]["ends_on"]}"' in page.text  # the date shown is its last day


def test_the_comparison_sets_agreements_side_by_side(service: InProcess) -> None:
    page = browser(service).get("/compare?agreements=vgr&agreements=goteborg&on=2026-06-01")
    assert page.status_code == 200
    header = re.search(r"<thead>(.*?)</thead>", page.text, re.S)
    assert header and re.findall(r">(\w+)</a></th>", header.group(1)) == ["vgr", "goteborg"]
    assert "checked" in page.text and 'type="checkbox"' in page.text


def test_english_by_accept_language(service: InProcess) -> None:
    page = browser(service, "en").get("/agreements/vgr?on=2027-01-01")
    assert '<html lang="en">' in page.text
    assert "Escalation ladders" in headings(page, 2)
    # the tier's Swedish body is marked as Swedish inside the English page
    assert '<span lang="sv">' in page.text


def test_an_unknown_agreement_is_a_404_page(service: InProcess) -> None:
    page = browser(service).get("/agreements/nowhere")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Hittades inte" in headings(page, 1)


# -- security: CSP, session, CSRF ------------------------------------------------------------


def test_every_page_has_the_csp_and_no_outside_origin(service: InProcess, ids: dict) -> None:
    client = signed_in(service, BORAS)
    pages = ["/", "/compare", "/agreements/vgr", "/sign-in", *CASE_PAGES]
    pages += [f"/disputes/{ids['boras']}", f"/disputes/{ids['boras']}/notice"]
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-security-policy"] == CSP
        assert page.headers["cache-control"] == "no-store"
        for url in re.findall(r'(?:src|href|action)="([^"]+)"', page.text):
            assert not urlsplit(url).netloc, f"{path} refers to {url}"
        assert "<script" not in page.text and "style=" not in page.text, path
    assert "default-src 'self'" in CSP and "style-src 'self'" in CSP and "script-src 'self'" in CSP
    css = client.get("/static/site.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "@import" not in css.text and "url(" not in css.text


def test_case_pages_redirect_to_sign_in_without_a_session(service: InProcess, ids: dict) -> None:
    client = browser(service)
    paths = [*CASE_PAGES, f"/disputes/{ids['boras']}", f"/placements/{ids['placement']}"]
    for path in paths:
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == f"/sign-in?next={path}"
    for path in ("/", "/sign-in", "/compare", "/agreements/vgr"):
        assert client.get(path, follow_redirects=False).status_code == 200, path


def test_sign_in_gives_a_new_session_id_with_strict_cookie_flags(service: InProcess) -> None:
    client = browser(service)
    client.cookies.set(SESSION_COOKIE, "planted-by-someone-else", domain="testserver.local")
    answer = sign_in(client, service.key(ALINGSAS))
    cookie = [c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)]
    assert len(cookie) == 1
    value = cookie[0].split(";")[0].split("=", 1)[1]
    assert value != "planted-by-someone-else" and len(value) == 48 and value.isalpha()
    flags = {part.strip().lower() for part in cookie[0].split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= flags
    assert "secure" not in flags  # [pages] secure_cookies is off in the repository's config
    # the planted id is not signed in
    stranger = browser(service)
    stranger.cookies.set(SESSION_COOKIE, "planted-by-someone-else", domain="testserver.local")
    assert stranger.get("/cases", follow_redirects=False).status_code == 303
    assert client.get("/cases").status_code == 200


def test_secure_cookies_by_config(tmp_path: Path) -> None:
    config = CONFIG.replace("\n[pages]\n", "\n[pages]\nsecure_cookies = true\n")
    assert "secure_cookies = true" in config
    with running(tmp_path, config) as service:
        client = browser(service)
        answer = sign_in(client, service.key(BORAS))
        for cookie in answer.headers.get_list("set-cookie"):
            assert "secure" in cookie.lower(), cookie


def test_a_form_without_its_csrf_token_is_refused(service: InProcess) -> None:
    client = browser(service)
    client.get("/sign-in")
    refused = client.post("/sign-in", data={"key": service.key(BORAS)}, follow_redirects=False)
    assert refused.status_code == 403
    session = signed_in(service, BORAS)
    assert session.post("/sign-out", data={}, follow_redirects=False).status_code == 403
    assert session.get("/cases", follow_redirects=False).status_code == 200  # still signed in
    # the JSON API takes no token and sets no cookie
    api = service.client.get("/api/v1/disputes", headers=service.headers(BORAS))
    assert api.status_code == 200 and "set-cookie" not in api.headers


def test_the_guard_reads_the_forms_and_leaves_the_csrf_token_alone(service: InProcess) -> None:
    """A personnummer in a form is refused like one in JSON; the CSRF token (hex, in its
    cookie and its field) is never taken for one, whatever digit runs it holds."""
    pnr = number(dt.date(1980, 5, 17), 123, form="10", sep="")
    token_shaped = ("ab" + pnr + "cd").ljust(128, "e")
    client = browser(service)
    client.get("/sign-in")
    client.cookies.set(CSRF_COOKIE, token_shaped, domain="testserver.local")
    answer = client.post("/sign-in", data={"key": "x", "_csrf_token": token_shaped})
    assert answer.status_code == 403  # the token's check, not the guard
    refused = client.post("/sign-in", data={"key": pnr, "_csrf_token": token_shaped})
    assert refused.status_code == 422 and pnr not in refused.text
    client.cookies.set(CSRF_COOKIE, "x" + pnr, domain="testserver.local")
    assert client.get("/sign-in").status_code == 422


def test_a_wrong_key_is_told_so(service: InProcess) -> None:
    client = browser(service)
    form = client.get("/sign-in")
    answer = client.post("/sign-in", data={"key": "smv_wrong", "_csrf_token": token(form)})
    assert answer.status_code == 401
    assert 'role="alert"' in answer.text and 'aria-invalid="true"' in answer.text
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session(service: InProcess) -> None:
    client = signed_in(service, BORAS)
    page = client.get("/cases")
    answer = client.post("/sign-out", data={"_csrf_token": token(page)}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_a_revoked_key_ends_its_session(service: InProcess) -> None:
    key, record = service.services.keys.create(BORAS, "party", [], "revoked soon")  # type: ignore[union-attr]
    client = browser(service)
    assert sign_in(client, key).status_code == 303
    assert client.get("/cases", follow_redirects=False).status_code == 200
    service.services.keys.revoke(record["id"])  # type: ignore[union-attr]
    assert client.get("/cases", follow_redirects=False).status_code == 303


def test_after_sign_in_only_a_path_on_this_site(service: InProcess) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        client = browser(service)
        answer = sign_in(client, service.key(BORAS), next_=target)
        assert answer.headers["location"] == "/cases", target
    answer = sign_in(browser(service), service.key(BORAS), next_="/deadlines")
    assert answer.headers["location"] == "/deadlines"


# -- cases, as the key sees them -------------------------------------------------------------


def test_alingsas_sees_its_own_dispute_and_never_boras(service: InProcess, ids: dict) -> None:
    client = signed_in(service, ALINGSAS)
    listing = client.get("/cases")
    assert f'href="/disputes/{ids["alingsas"]}"' in listing.text
    assert ids["boras"] not in listing.text and "Ansvar för insatser i Borås" not in listing.text
    assert client.get(f"/disputes/{ids['alingsas']}").status_code == 200
    for path in (
        f"/disputes/{ids['boras']}",
        f"/disputes/{ids['boras']}/notice",
        f"/placements/{ids['placement']}",
    ):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "Ansvar för insatser i Borås" not in answer.text and "1490" not in answer.text
    assert ids["deviation"] not in client.get("/deviations").text


def test_the_pages_show_what_the_api_shows(service: InProcess, ids: dict) -> None:
    for org in (ALINGSAS, BORAS, MOLNDAL):
        client = signed_in(service, org)
        api = service.client.get("/api/v1/disputes?status=open", headers=service.headers(org))
        listing = client.get("/cases", follow_redirects=False)
        assert listing.status_code == 200, (org, listing.status_code, listing.headers)
        shown = set(re.findall(r'href="/disputes/(dsp_\w+)"', listing.text))
        assert shown == {d["id"] for d in api.json()["items"]}, org


def test_an_overdue_dispute_is_marked_in_words(service: InProcess, ids: dict) -> None:
    client = signed_in(service, BORAS)
    row = re.search(
        rf'<tr class="is-overdue">\s*<th scope="row"><a href="/disputes/{ids["boras"]}"',
        client.get("/cases").text,
    )
    assert row, "the overdue dispute's row is marked"
    listing = text(client.get("/cases"))
    assert "försenad" in listing  # in words, not by colour alone
    page = client.get(f"/disputes/{ids['boras']}")
    assert "försenad" in text(page)
    assert 'aria-current="step"' in page.text
    assert "Historik" in headings(page, 2) and "Nästa steg" in headings(page, 2)
    assert f'href="/disputes/{ids["boras"]}/notice"' in page.text


def test_the_printable_notice_is_swedish_whatever_was_asked(service: InProcess, ids: dict) -> None:
    client = signed_in(service, BORAS, language="en")
    notice = client.get(f"/disputes/{ids['boras']}/notice")
    assert notice.status_code == 200 and notice.headers["content-language"] == "sv"
    assert '<html lang="sv">' in notice.text and "Blankett" in headings(notice, 2)
    assert 'href="/static/print.css" media="print"' in notice.text


def test_a_placement_shows_its_settlement(service: InProcess, ids: dict) -> None:
    client = signed_in(service, MOLNDAL)
    listing = client.get("/placements")
    assert f'href="/placements/{ids["placement"]}"' in listing.text
    page = client.get(f"/placements/{ids['placement']}")
    settlement = service.client.get(
        f"/api/v1/placements/{ids['placement']}/settlement", headers=service.headers(MOLNDAL)
    ).json()
    shown = text(page)
    assert "Avräkningsrader" in shown
    assert len(re.findall(r"<tr><th scope=\"row\">F-1</th>", page.text)) == len(settlement["lines"])
    with speaking("sv"):
        total = re.sub(r"\s+", " ", money(settlement["total_ore"]))
    assert f"Total kostnad: {total}" in shown and total.endswith(",00 kr")
    if settlement["transfer"]:
        assert "är skyldig" in shown


def test_deviations_and_deadlines(service: InProcess, ids: dict) -> None:
    client = signed_in(service, BORAS)
    assert "Ingen SIP trots kallelse" in client.get("/deviations").text
    deadlines = client.get("/deadlines?overdue=true")
    api = service.client.get(
        "/api/v1/deadlines?overdue=true", headers=service.headers(BORAS)
    ).json()
    assert deadlines.text.count('class="is-overdue"') == len(api["items"]) > 0


def test_page_reads_are_audited_like_api_reads(service: InProcess, ids: dict) -> None:
    key = service.key(BORAS)
    key_id = service.services.keys.principal(f"Bearer {key}").key_id  # type: ignore[union-attr]
    client = browser(service)
    sign_in(client, key)
    admin = service.headers(REGION, role="admin", agreements=("vgr",))

    def rows() -> list[dict]:
        found = service.client.get(
            "/api/v1/audit", params={"object_id": ids["boras"], "limit": 500}, headers=admin
        )
        return [r for r in found.json()["items"] if r["key_id"] == key_id]

    before = len(rows())
    client.get(f"/disputes/{ids['boras']}")
    after = rows()
    assert len(after) == before + 1 and after[-1]["action"] == "read"
    client.get("/cases")
    assert [r["action"] for r in rows()][-1] == "list"


# -- the follow-up ---------------------------------------------------------------------------


def test_the_follow_up_page_draws_the_reports_figures_with_their_tables(service: InProcess) -> None:
    client = signed_in(service, BORAS)
    page = client.get("/followup?agreement=sodra_alvsborg&year=2026")
    assert page.status_code == 200
    report = service.client.get(
        "/api/v1/followup",
        params={"agreement": "sodra_alvsborg", "year": 2026},
        headers={**service.headers(BORAS), "Accept-Language": "sv"},
    ).json()
    charts = re.findall(r'<svg [^>]*role="img" aria-label="([^"]+)"', page.text)
    assert len(charts) == 5 and all("tabellen bredvid" in name for name in charts)
    assert page.text.count("<caption>Diagrammets siffror</caption>") == len(charts)
    assert "<script" not in page.text and "style=" not in page.text and "<style" not in page.text
    # the numbers are the report's: disputes by highest tier, row by row
    tiers = report["disputes"]["by_highest_tier"]["items"]
    section = page.text.split('id="chart-by_highest_tier"')[1].split("</section>")[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="num">(\d+)</td></tr>', section)
    assert [(unescape(name), int(n)) for name, n in rows] == [
        (t["tier"]["name"], t["value"]) for t in tiers
    ]
    assert sum(t["value"] for t in tiers) > 0
    assert 'href="/static/print.css" media="print"' in page.text


def test_the_follow_up_csv_is_the_apis(service: InProcess) -> None:
    client = signed_in(service, BORAS)
    page = client.get("/followup?agreement=vgr&year=2026")
    link = re.search(r'<a href="(/followup\.csv\?[^"]+)" download>', page.text)
    assert link, "the page links the CSV"
    download = client.get(unescape(link.group(1)))
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert download.headers["content-disposition"].startswith("attachment")
    api = service.client.get(
        "/api/v1/followup",
        params={"agreement": "vgr", "year": 2026, "format": "csv"},
        headers={**service.headers(BORAS), "Accept-Language": "sv"},
    )
    strip = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+Z?")  # generated_at differs by the second
    assert strip.sub("", download.text) == strip.sub("", api.text)


def test_the_follow_up_keeps_to_what_the_key_may_see(service: InProcess) -> None:
    client = signed_in(service, BORAS)
    own = client.get(f"/followup?agreement=vgr&year=2026&municipality={BORAS}")
    assert own.status_code == 200
    other = client.get(f"/followup?agreement=vgr&year=2026&municipality={ALINGSAS}")
    assert other.status_code == 404
    assert (
        client.get(f"/followup.csv?agreement=vgr&year=2026&municipality={ALINGSAS}").status_code
        == 404
    )
    assert browser(service).get("/followup", follow_redirects=False).status_code == 303


def test_a_follow_up_read_is_audited(service: InProcess) -> None:
    key = service.key(BORAS)
    key_id = service.services.keys.principal(f"Bearer {key}").key_id  # type: ignore[union-attr]
    admin = service.headers(REGION, role="admin", agreements=("vgr",))

    def reads() -> int:
        found = service.client.get(
            "/api/v1/audit", params={"object_type": "followup", "limit": 500}, headers=admin
        ).json()["items"]
        return len([r for r in found if r["key_id"] == key_id and r["action"] == "read_followup"])

    client = browser(service)
    sign_in(client, key)
    before = reads()
    client.get("/followup?agreement=sodra_alvsborg&year=2026")
    assert reads() == before + 1
