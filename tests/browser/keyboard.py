"""Use the pages with the keyboard only, as a person who cannot use a mouse does.

:func:`tab_to` presses Tab until the element with a role and accessible name has the focus
(Playwright computes the name as a screen reader would), and checks that the focus can be seen.
The rest build on it: :func:`press`, :func:`download`, :func:`sign_in`, :func:`sign_out`.
A path that cannot be walked fails with the list of what the focus passed through.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from tests.browser.locators import SIGN_IN, SignInForm

if TYPE_CHECKING:
    from playwright.sync_api import Download, Locator, Page

Name = str | re.Pattern[str]

#: the focused element, described for a failure message
DESCRIBE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "(page)";
  const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
  return `${el.tagName.toLowerCase()} "${text.slice(0, 40)}"`;
}"""
#: can the focus be seen? (an outline or a box shadow on the focused element)
FOCUS_SHOWN = """(el) => {
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== "none";
}"""
IS_FOCUSED = "(els) => els.some((el) => el === document.activeElement)"


class KeyboardPathError(AssertionError):
    """An element could not be reached, or used, with the keyboard."""


def tab_to(
    page: Page,
    name: Name,
    *,
    role: str = "link",
    exact: bool = False,
    max_presses: int = 100,
    visible_focus: bool = True,
) -> Locator:
    """Press Tab (from wherever the focus is) until the ``role`` element named ``name`` has the
    focus; return it.

    :param name: its accessible name; a string matches a part of it, case-insensitively
        (whole, if ``exact``), a pattern as a regular expression
    :param role: its ARIA role: ``link``, ``button``, ``textbox``, ``combobox``, …
    :param visible_focus: also check that the focus can be seen (WCAG 2.4.7)
    :raises KeyboardPathError: not reached within ``max_presses``, or reached without a
        visible focus
    """
    target = page.get_by_role(role, name=name, exact=exact)  # type: ignore[arg-type]
    passed: list[str] = []
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if target.evaluate_all(IS_FOCUSED):
            focused = page.locator("*:focus")
            if visible_focus and not focused.evaluate(FOCUS_SHOWN):
                raise KeyboardPathError(f"{role} {name!r} has the focus, but it cannot be seen")
            return focused
        passed.append(page.evaluate(DESCRIBE))
    raise KeyboardPathError(
        f"no {role} named {name!r} reached with {max_presses} presses of Tab on {page.url}; "
        f"the focus passed: {', '.join(passed[:40])}"
    )


def press(
    page: Page, name: Name, *, role: str = "link", key: str = "Enter", **options: object
) -> None:
    """Tab to the element and press ``key`` (Enter follows a link or submits; Space presses
    a button, too)."""
    tab_to(page, name, role=role, **options)  # type: ignore[arg-type]
    page.keyboard.press(key)


def follow(page: Page, name: Name, *, role: str = "link", **options: object) -> None:
    """Tab to a link (or submit button) and press Enter; wait for the page it opens."""
    tab_to(page, name, role=role, **options)  # type: ignore[arg-type]
    with page.expect_navigation():
        page.keyboard.press("Enter")


def download(page: Page, name: Name, *, role: str = "link", **options: object) -> Download:
    """Tab to a download link and press Enter; return the download (``.path()``,
    ``.suggested_filename``)."""
    tab_to(page, name, role=role, **options)  # type: ignore[arg-type]
    with page.expect_download() as started:
        page.keyboard.press("Enter")
    return started.value


def sign_in(page: Page, base_url: str, key: str, form: SignInForm = SIGN_IN) -> None:
    """Open the sign-in page, Tab to the key field, type the key, Tab to the button, press
    Enter, and wait for the page it leads to."""
    page.goto(urljoin(base_url, form.path))
    tab_to(page, form.key_label, role="textbox")
    page.keyboard.type(key)
    follow(page, form.submit, role="button")


def sign_out(page: Page, form: SignInForm = SIGN_IN) -> None:
    """Tab to the sign-out control and press Enter; wait for the page it leads to."""
    follow(page, form.sign_out, role=form.sign_out_role)
