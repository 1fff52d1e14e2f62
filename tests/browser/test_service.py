"""The browser tests' server: a real ``samverkan serve``, seeded through its API, and the crawl
of its pages from ``/``, signed out and signed in as each municipality: every page clean (no
request off the origin, a CSP forbidding other origins, no serious or critical axe violation,
no broken link), another party's cases nowhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.browser import session
from tests.browser.crawler import CrawlResult
from tests.browser.seed import Party, Seeded

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


def cases(samverkan: Seeded, key: str, kind: str, **params: str) -> list[dict[str, object]]:
    response = httpx.get(
        f"{samverkan.base_url}/api/v1/{kind}",
        params=params,
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_the_seed_gives_each_municipality_its_own_cases(samverkan: Seeded) -> None:
    for party, other in (
        (samverkan.alingsas, samverkan.boras),
        (samverkan.boras, samverkan.alingsas),
    ):
        listed = cases(samverkan, party.key, "disputes")
        assert sorted(d["id"] for d in listed) == sorted(party.disputes)
        assert [d["id"] for d in cases(samverkan, party.key, "disputes", overdue="true")] == [
            party.overdue
        ]
        assert [d["id"] for d in cases(samverkan, party.key, "deviations")] == party.deviations
        assert [p["id"] for p in cases(samverkan, party.key, "placements")] == party.placements
        for case_id in other.cases:  # another's case is not found, whatever its kind
            kind = {"dsp": "disputes", "dev": "deviations", "plc": "placements"}[case_id[:3]]
            answer = httpx.get(
                f"{samverkan.base_url}/api/v1/{kind}/{case_id}",
                headers={"Authorization": f"Bearer {party.key}"},
            )
            assert answer.status_code == 404, answer.text
    everyone = cases(samverkan, samverkan.admin_key, "disputes")
    assert len(everyone) == len(samverkan.alingsas.disputes) + len(samverkan.boras.disputes)
    # the placement's settlement has lines: costs entered, split by a written cost agreement
    placement = samverkan.boras.placements[0]
    settlement = httpx.get(
        f"{samverkan.base_url}/api/v1/placements/{placement}/settlement",
        headers={"Authorization": f"Bearer {samverkan.boras.key}"},
    ).json()
    assert settlement["total_ore"] == 27_600_000 and settlement["transfer"]["amount_ore"] > 0


@pytest.mark.browser
def test_every_page_found_from_the_start_signed_out_is_clean(
    service_page: Page, samverkan: Seeded, crawler: Callable[..., CrawlResult]
) -> None:
    result = crawler(service_page, samverkan.base_url, label="signed-out")
    result.assert_clean()
    assert len(result.pages) > 1


@pytest.mark.browser
@pytest.mark.parametrize("who", ["alingsas", "boras"])
def test_every_page_found_signed_in_is_clean_and_shows_no_other_partys_case(
    service_page: Page, samverkan: Seeded, crawler: Callable[..., CrawlResult], who: str
) -> None:
    party: Party = getattr(samverkan, who)
    other: Party = samverkan.boras if party is samverkan.alingsas else samverkan.alingsas
    session.sign_in(service_page, samverkan.base_url, party.key)
    result = crawler(service_page, samverkan.base_url, label=who, must_not_show=other.cases)
    result.assert_clean()
    opened = " ".join(visit.url for visit in result.pages)
    assert all(case_id in opened for case_id in party.disputes), opened
