"""Sign in and out through the pages' forms (by mouse: quick, for a crawl's setup; the
keyboard's way is :func:`tests.browser.keyboard.sign_in`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

from tests.browser.locators import SIGN_IN, SignInForm

if TYPE_CHECKING:
    from playwright.sync_api import Page


def sign_in(page: Page, base_url: str, key: str, form: SignInForm = SIGN_IN) -> None:
    """Fill the sign-in form with ``key`` and submit it; wait for the page it leads to."""
    page.goto(urljoin(base_url, form.path))
    page.get_by_label(form.key_label).fill(key)
    with page.expect_navigation():
        page.get_by_role("button", name=form.submit).click()


def sign_out(page: Page, form: SignInForm = SIGN_IN) -> None:
    with page.expect_navigation():
        page.get_by_role(form.sign_out_role, name=form.sign_out).click()  # type: ignore[arg-type]
