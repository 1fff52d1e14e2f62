"""The pages in a real browser, as a municipality's coordinator uses them: by mouse and by
keyboard only, against the seeded ``samverkan serve`` (tests/browser/seed.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.browser import keyboard, session
from tests.browser.seed import Party, Seeded

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def api(samverkan: Seeded, path: str, key: str = "", **params: Any) -> Any:
    headers = {"Authorization": f"Bearer {key}", "Accept-Language": "sv"} if key else {}
    answer = httpx.get(f"{samverkan.base_url}{path}", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def tier_names(samverkan: Seeded, agreement: str, on: str) -> list[str]:
    """The tier names of the agreement's ladders on ``on``, in order, as the API gives them."""
    rules = api(samverkan, f"/api/v1/agreements/{agreement}", on=on)
    return [tier["name"] for s in rules["ladders"] for tier in s["ladder"]["tiers"]]


def drawn_tiers(page: Page) -> list[str]:
    """The tiers of the ladder diagrams on the page, in the order a reader meets them."""
    names = page.locator("ol.ladder > li").locator("h3, h4").all_inner_texts()
    return [re.sub(r"^Nivå \d+\s+", "", n).split(" (ärendet är här)")[0].strip() for n in names]


@pytest.mark.parametrize(("who", "other"), [("alingsas", "boras"), ("boras", "alingsas")])
def test_a_municipality_signs_in_sees_its_own_cases_opens_a_dispute_and_signs_out(
    service_page: Page, samverkan: Seeded, who: str, other: str
) -> None:
    page = service_page
    party: Party = getattr(samverkan, who)
    stranger: Party = getattr(samverkan, other)
    session.sign_in(page, samverkan.base_url, party.key)
    assert page.url.endswith("/cases")
    assert page.get_by_text(f"Inloggad som {party.name} ({party.org})").is_visible()
    listed = page.locator("tbody a[href^='/disputes/']")
    shown = {href.rsplit("/", 1)[1] for href in listed.evaluate_all("a => a.map(l => l.href)")}
    open_ones = {
        d["id"] for d in api(samverkan, "/api/v1/disputes", party.key, status="open")["items"]
    }
    assert shown == open_ones and shown <= set(party.disputes)
    content = page.content()
    assert not [case for case in stranger.cases if case in content]
    # the overdue one is marked in words, in its row
    overdue_row = page.locator("tr", has=page.locator(f"a[href='/disputes/{party.overdue}']"))
    assert "försenad" in overdue_row.inner_text()

    # another municipality's dispute, by guessing its address: not found
    answer = page.goto(f"{samverkan.base_url}/disputes/{stranger.disputes[0]}")
    assert answer is not None and answer.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Hittades inte"

    # open the overdue dispute from the list, and see its ladder drawn in order
    page.go_back()
    with page.expect_navigation():
        page.locator(f"a[href='/disputes/{party.overdue}']").click()
    case = api(samverkan, f"/api/v1/disputes/{party.overdue}", party.key)
    assert page.get_by_role("heading", level=1).inner_text() == case["title"]
    ladder = api(
        samverkan,
        f"/api/v1/agreements/{case['agreement']}/ladder",
        on=case["opened_on"],
        kind=case["ladder"]["kind"],
    )["ladder"]
    assert drawn_tiers(page) == [tier["name"] for tier in ladder["tiers"]]
    current = page.locator("ol.ladder > li[aria-current='step']")
    assert current.count() == 1 and case["tier"]["name"] in current.inner_text()
    assert page.get_by_role("heading", name="Historik").is_visible()
    assert page.get_by_role("link", name="Utskrivbar blankett för nuvarande nivå").is_visible()

    # the follow-up: charts with their tables, and the CSV
    with page.expect_navigation():
        page.get_by_role("link", name="Uppföljning").click()
    charts = page.locator("svg[role='img']")
    assert charts.count() == 5
    for index in range(charts.count()):
        block = page.locator("section.chart-block").nth(index)
        assert block.locator("svg[role='img']").get_attribute("aria-label")
        assert block.locator("table tbody tr").count() >= 1
    with page.expect_download() as started:
        page.get_by_role("link", name="Ladda ner rapporten som CSV").click()
    text = Path(started.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Uppföljning") and ";" in text
    assert not [case for case in stranger.cases if case in text]

    session.sign_out(page)
    assert urlpath(page.url) == "/"
    page.goto(f"{samverkan.base_url}/cases")
    assert urlpath(page.url) == "/sign-in"  # 303 to the sign-in page


def urlpath(url: str) -> str:
    return httpx.URL(url).path


@pytest.mark.parametrize(("on", "version"), [("2026-12-31", "ok-2017"), ("2027-01-01", "hsa-2027")])
def test_the_vgr_page_draws_each_versions_ladder_in_order(
    service_page: Page, samverkan: Seeded, on: str, version: str
) -> None:
    page = service_page
    page.goto(f"{samverkan.base_url}/agreements/vgr?on={on}")
    assert f"({version})" in page.locator("main").inner_text()
    assert drawn_tiers(page) == tier_names(samverkan, "vgr", on)
    # a tier's citation: the Swedish quote shows on demand
    first = page.locator("ol.ladder > li").first.locator("details.cite").last
    quote = first.locator("blockquote")
    assert not quote.is_visible()
    first.locator("summary").click()
    assert quote.is_visible() and quote.get_attribute("lang") == "sv"


def test_keyboard_sign_in_reach_a_dispute_from_the_list_and_sign_out(
    service_page: Page, samverkan: Seeded
) -> None:
    page = service_page
    party = samverkan.boras
    keyboard.sign_in(page, samverkan.base_url, party.key)
    assert urlpath(page.url) == "/cases"
    case = api(samverkan, f"/api/v1/disputes/{party.overdue}", party.key)
    keyboard.follow(page, case["title"], exact=True)
    assert urlpath(page.url) == f"/disputes/{party.overdue}"
    keyboard.sign_out(page)
    assert urlpath(page.url) == "/"
    assert page.get_by_role("link", name="Logga in").is_visible()


def test_keyboard_download_the_follow_up_csv(service_page: Page, samverkan: Seeded) -> None:
    page = service_page
    keyboard.sign_in(page, samverkan.base_url, samverkan.alingsas.key)
    keyboard.follow(page, "Uppföljning", exact=True)
    assert urlpath(page.url) == "/followup"
    keyboard.tab_to(page, "År", role="combobox")
    page.keyboard.press("End")  # the earliest year the form offers
    keyboard.follow(page, "Visa", role="button", exact=True)
    assert "year=2017" in page.url
    download = keyboard.download(page, "Ladda ner rapporten som CSV")
    assert download.suggested_filename == "uppfoljning-vgr-2017-01-01-2017-12-31.csv"
    assert Path(download.path()).read_text(encoding="utf-8-sig").startswith("Uppföljning")


def test_the_follow_up_prints_as_a_document(service_page: Page, samverkan: Seeded) -> None:
    page = service_page
    session.sign_in(page, samverkan.base_url, samverkan.boras.key)
    page.goto(f"{samverkan.base_url}/followup?agreement=sodra_alvsborg&year=2026")
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Huvudmeny").is_visible()
    assert not page.get_by_role("button", name="Visa").is_visible()
    assert not page.get_by_role("link", name="Ladda ner rapporten som CSV").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("svg[role='img']").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_the_skip_link_is_first_and_moves_to_the_content(
    service_page: Page, samverkan: Seeded
) -> None:
    page = service_page
    page.goto(f"{samverkan.base_url}/agreements/vgr")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is in the content, not the menu
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
