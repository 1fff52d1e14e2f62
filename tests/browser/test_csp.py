"""The Content-Security-Policy check the crawler applies to every page (no browser needed)."""

from __future__ import annotations

import pytest

from tests.browser import csp
from tests.browser.site import STRICT_CSP


def test_a_policy_of_the_own_origin_only_passes() -> None:
    assert csp.problems(STRICT_CSP) == []
    nonce = (
        "default-src 'self'; style-src 'self' 'nonce-r4nd0m=='; form-action 'self'; base-uri 'none'"
    )
    assert csp.problems(nonce) == []
    assert csp.problems(STRICT_CSP + "; report-uri /csp-reports; upgrade-insecure-requests") == []


@pytest.mark.parametrize(
    ("policy", "problem"),
    [
        (None, "no Content-Security-Policy header"),
        ("", "no Content-Security-Policy header"),
        ("script-src 'self'; form-action 'self'; base-uri 'none'", "no default-src"),
        ("default-src 'self'; base-uri 'none'", "no form-action"),
        ("default-src 'self'; form-action 'self'", "no base-uri"),
        ("default-src *; form-action 'self'; base-uri 'none'", "default-src allows *"),
        (
            "default-src 'self'; script-src 'self' https://cdn.example; form-action 'self'; "
            "base-uri 'none'",
            "script-src allows https://cdn.example",
        ),
        (
            "default-src 'self'; img-src https:; form-action 'self'; base-uri 'none'",
            "img-src allows https:",
        ),
        (
            "default-src 'self'; font-src fonts.gstatic.com; form-action 'self'; base-uri 'none'",
            "font-src allows fonts.gstatic.com",
        ),
        ("default-src 'self'; form-action *; base-uri 'none'", "form-action allows *"),
        (
            STRICT_CSP + "; report-uri https://reports.example/csp",
            "report-uri https://reports.example/csp is not a path on the same origin",
        ),
    ],
)
def test_a_policy_letting_another_origin_in_fails(policy: str | None, problem: str) -> None:
    assert problem in csp.problems(policy)


def test_one_strict_policy_among_several_is_enough() -> None:
    assert csp.forbids_other_origins(["default-src *", STRICT_CSP]) == []
    assert csp.forbids_other_origins(["default-src *"]) != []
    assert csp.forbids_other_origins([]) == ["no Content-Security-Policy header"]


def test_the_first_of_a_repeated_directive_counts() -> None:
    assert csp.parse("default-src 'self'; default-src *")["default-src"] == ["'self'"]
