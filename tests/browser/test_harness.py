"""The browser harness proved on a tiny site of its own before it judges the service's pages:
the crawler passes a clean site and catches a request off the origin, a missing or loose
Content-Security-Policy, an axe violation, a broken link and a wrong download; the keyboard
helpers walk a sign-in, a link, a download and a sign-out, and fail where the keyboard cannot."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import keyboard
from tests.browser.crawler import CrawlProblems, axe_violations, crawl
from tests.browser.site import Site, document

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

CSV = "år;tvister\n2026;3\n"


def clean_site(site: Site) -> None:
    nav = (
        '<nav aria-label="Meny"><a href="/second">Andra sidan</a> '
        '<a href="/report.csv">Ladda ner CSV</a> <a href="/sign-out">Logga ut</a> '
        '<a href="/schema">API</a> <a href="https://example.org/">Extern sida</a> '
        '<a href="#main">Till innehållet</a> <a href="mailto:a@example.org">E-post</a></nav>'
    )
    site.add("/", document("Start", nav + '<img src="/pixel.svg" alt="En ruta">'))
    site.add(
        "/second", document("Andra sidan", '<a href="/">Start</a> <a href="/third?x=1">Tredje</a>')
    )
    back = '<a href="/second#top">Tillbaka</a> <a href="/third/x">X</a> <a href="/third-x">Y</a>'
    site.add("/third?x=1", document("Tredje sidan", back))
    site.add("/third/x", document("Sidan X", "<p>X</p>"))  # the same file name as /third-x
    site.add("/third-x", document("Sidan Y", "<p>Y</p>"))
    site.add("/report.csv", CSV, content_type="text/csv; charset=utf-8")


def test_a_clean_site_passes(page: Page, site: Site, tmp_path: Path) -> None:
    clean_site(site)
    result = crawl(page, site.url, label="clean", screenshots=tmp_path)

    result.assert_clean()
    assert [visit.url for visit in result.pages] == [
        f"{site.url}/",
        f"{site.url}/second",
        f"{site.url}/third?x=1",
        f"{site.url}/third/x",
        f"{site.url}/third-x",
    ]
    titles = ["Start", "Andra sidan", "Tredje sidan", "Sidan X", "Sidan Y"]
    assert [visit.title for visit in result.pages] == titles
    assert [(f.url, f.status, f.problem) for f in result.fetched] == [
        (f"{site.url}/report.csv", 200, None)
    ]
    assert result.skipped == {f"{site.url}/sign-out", f"{site.url}/schema"}
    assert result.external_links == {"https://example.org/"}
    assert f"{site.url}/pixel.svg" in result.requests and f"{site.url}/site.css" in result.requests
    assert ("GET", "/sign-out", "") not in site.hits  # never followed
    shots = sorted(p.name for p in (tmp_path / "clean").iterdir())
    assert shots == ["index.png", "second.png", "third--x-1.png", "third-x-2.png", "third-x.png"]
    assert all(p.stat().st_size > 1000 for p in (tmp_path / "clean").iterdir())
    assert "5 pages crawled" in result.summary() and "0 requests off-origin" in result.summary()


def test_the_crawler_catches_what_is_wrong(page: Page, site: Site, tmp_path: Path) -> None:
    links = "".join(
        f'<a href="{path}">{text}</a> '
        for path, text in [
            ("/blocked", "Blockerad bild"),
            ("/no-policy", "Utan policy"),
            ("/loose", "Lös policy"),
            ("/inaccessible", "Otillgänglig"),
            ("/gone", "Borta"),
            ("/data.csv", "CSV som är HTML"),
        ]
    )
    other = f"{site.other_origin}/pixel.svg"
    site.add("/", document("Start", links))
    # a strict policy blocks the image, but the request is still made and recorded
    site.add("/blocked", document("Blockerad", f'<img src="{other}?blocked" alt="Bild">'))
    # without a policy the image loads from the other origin
    site.add(
        "/no-policy", document("Utan policy", f'<img src="{other}?loaded" alt="Bild">'), headers={}
    )
    loose = "default-src 'self' https://cdn.example; form-action 'self'; base-uri 'none'"
    site.add(
        "/loose",
        document("Lös", "<p>Ärende dsp_secret</p>"),
        headers={"Content-Security-Policy": loose},
    )
    site.add("/inaccessible", document("Otillgänglig", '<img src="/pixel.svg">', lang=None))
    site.add("/data.csv", document("Inte CSV", "<p>HTML</p>"))

    result = crawl(
        page, site.url, label="broken", screenshots=tmp_path, must_not_show=["dsp_secret"]
    )

    assert result.off_origin == [
        (f"{site.url}/blocked", f"{other}?blocked"),
        (f"{site.url}/no-policy", f"{other}?loaded"),
    ]
    assert ("GET", "/pixel.svg?loaded", "") in site.hits  # it really left
    assert ("GET", "/pixel.svg?blocked", "") not in site.hits  # the policy stopped it
    assert [page_url for page_url, text in result.console if "Content Security Policy" in text] == [
        f"{site.url}/blocked"
    ]
    assert result.csp_problems == [
        (f"{site.url}/no-policy", "no Content-Security-Policy header"),
        (f"{site.url}/loose", "default-src allows https://cdn.example"),
    ]
    assert {(v.page, v.rule, v.impact) for v in result.violations} == {
        (f"{site.url}/inaccessible", "html-has-lang", "serious"),
        (f"{site.url}/inaccessible", "image-alt", "critical"),
    }
    assert [(url, status) for url, status, _ in result.broken] == [(f"{site.url}/gone", "404")]
    assert [(f.url, f.problem) for f in result.fetched] == [
        (f"{site.url}/data.csv", "content type 'text/html; charset=utf-8', not text/csv")
    ]
    assert result.shown == [(f"{site.url}/loose", "dsp_secret")]
    with pytest.raises(CrawlProblems) as failed:
        result.assert_clean()
    message = str(failed.value)
    for expected in (
        "request off the origin",
        "no Content-Security-Policy",
        "axe image-alt",
        "/gone: 404",
    ):
        assert expected in message


def test_axe_runs_under_a_strict_policy_where_a_script_tag_is_blocked(
    page: Page, site: Site
) -> None:
    site.add("/", document("Start", "<p>Text</p>"))
    page.goto(site.url + "/")
    with pytest.raises(Exception, match=r"Content Security Policy|Refused"):
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("typeof window.injected") == "undefined"
    assert axe_violations(page) == []
    assert page.evaluate("typeof axe.run") == "function"


def test_the_crawl_stops_at_its_limit(page: Page, site: Site, tmp_path: Path) -> None:
    for n in range(5):
        site.add(f"/p{n}", document(f"Sida {n}", f'<a href="/p{n + 1}">Nästa</a>'))
    result = crawl(page, site.url, label="limit", start="/p0", limit=3, screenshots=tmp_path)
    assert len(result.pages) == 3 and result.not_visited == 1
    assert "stopped at 3 pages; 1 links not visited" in result.problems()


def keyboard_site(site: Site) -> None:
    form = (
        '<form method="post" action="/sign-in"><label for="key">API-nyckel</label> '
        '<input id="key" name="key" type="password"> <button>Logga in</button></form>'
    )
    site.add("/", document("Start", '<a href="/sign-in">Logga in</a>'))
    site.add("/sign-in", document("Logga in", form))
    site.add("POST /sign-in", "", status=303, headers={"Location": "/cases"})
    cases = (
        '<a href="/follow-up">Uppföljning</a> <ul><li><a href="/disputes/1">Tvist 1</a></li>'
        '<li><a href="/disputes/2">Tvist 2</a></li></ul>'
        '<form method="post" action="/sign-out"><button>Logga ut</button></form>'
    )
    site.add("/cases", document("Ärenden", cases))
    site.add("/disputes/2", document("Tvist 2", "<p>Nivå 1</p>"))
    site.add(
        "/follow-up", document("Uppföljning", '<a href="/follow-up.csv" download>Ladda ner CSV</a>')
    )
    site.add("/follow-up.csv", CSV, content_type="text/csv; charset=utf-8")
    site.add("POST /sign-out", "", status=303, headers={"Location": "/"})


def test_the_keyboard_helpers_walk_a_whole_path(page: Page, site: Site) -> None:
    keyboard_site(site)

    keyboard.sign_in(page, site.url, "smv_keyboard")
    assert ("POST", "/sign-in", "key=smv_keyboard") in site.hits
    assert page.url == f"{site.url}/cases"

    keyboard.follow(page, "Tvist 2", exact=True)
    assert page.url == f"{site.url}/disputes/2"
    assert page.get_by_role("heading", level=1).inner_text() == "Tvist 2"

    page.go_back()
    keyboard.follow(page, "Uppföljning")
    got = keyboard.download(page, "Ladda ner CSV")
    assert got.suggested_filename == "follow-up.csv"
    assert Path(got.path()).read_text(encoding="utf-8") == CSV

    page.go_back()
    keyboard.sign_out(page)
    assert ("POST", "/sign-out", "") in site.hits
    assert page.url == f"{site.url}/"


@pytest.mark.parametrize(
    ("css", "failure"),
    [
        (
            "",
            r"no link named 'Tvist 9' reached .* the focus passed: a \"Uppföljning\", a \"Tvist 1\"",
        ),
        ("a:focus { outline: none; }", r"link 'Tvist 9' has the focus, but it cannot be seen"),
    ],
    ids=["not focusable", "focus not visible"],
)
def test_the_keyboard_helpers_fail_where_the_keyboard_cannot_go(
    page: Page, site: Site, css: str, failure: str
) -> None:
    unreachable = '<span role="link">Tvist 9</span>'  # a "link" the keyboard never reaches
    if css:
        unreachable = '<a href="/disputes/9">Tvist 9</a>'  # reached, but the focus is invisible
    site.add("/site.css", css, content_type="text/css")
    site.add(
        "/",
        document(
            "Ärenden", f'<a href="/follow-up">Uppföljning</a> <a href="/">Tvist 1</a> {unreachable}'
        ),
    )
    page.goto(site.url + "/")
    with pytest.raises(keyboard.KeyboardPathError, match=failure):
        keyboard.tab_to(page, "Tvist 9", max_presses=6)


def test_a_download_served_as_a_page_is_fetched_not_opened(
    page: Page, site: Site, tmp_path: Path
) -> None:
    site.add("/", document("Start", '<a href="/export?format=csv">Exportera</a>'))
    site.add(
        "/export?format=csv",
        CSV,
        content_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="export.csv"'},
    )
    result = crawl(page, site.url, label="export", screenshots=tmp_path)
    result.assert_clean()
    assert [(f.url, f.status, f.content_type) for f in result.fetched] == [
        (f"{site.url}/export?format=csv", 200, "text/csv")
    ]
    assert len(result.pages) == 1
