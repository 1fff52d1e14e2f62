"""Everything the browser helpers know about the pages' markup, in one place.

The helpers find elements by role and accessible name (what a screen reader announces), never
by CSS class or id, so a page passes only if its controls are named. Change the names here when
the pages' wording changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SignInForm:
    """The sign-in page and the sign-out control."""

    #: the sign-in page (a form taking an API key)
    path: str = "/sign-in"
    #: the label of the key field
    key_label: re.Pattern[str] = re.compile(r"API-nyckel|API key", re.I)
    #: the submit button
    submit: re.Pattern[str] = re.compile(r"^\s*(Logga in|Sign in)\s*$", re.I)
    #: the sign-out control, and its role (a button in a POST form)
    sign_out: re.Pattern[str] = re.compile(r"^\s*(Logga ut|Sign out)\s*$", re.I)
    sign_out_role: str = "button"


SIGN_IN = SignInForm()

#: links the crawler does not follow (matched against the path, from its start): signing out
#: ends the session being crawled; the Swagger UI (/schema) is not one of the service's pages;
#: the JSON API answers a session cookie with 401 (it takes a key).
SKIP_PATHS: tuple[str, ...] = (r"/sign-out", r"/schema", r"/api/")

#: links fetched with a request instead of opened as a page: the suffix, and the content type
#: the answer must have (a link with a ``download`` attribute is fetched too)
DOWNLOADS: dict[str, str] = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}
