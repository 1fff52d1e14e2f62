"""Does a Content-Security-Policy forbid every other origin?

A policy passes when it has each of :data:`REQUIRED` (``default-src`` covers the fetch
directives a policy leaves out; ``form-action`` and ``base-uri`` do not fall back to it) and no
directive names a source beyond the page's own origin: no ``*``, no host, no scheme such as
``https:`` (``data:`` and ``blob:`` are the page's own bytes, so they pass), and a ``report-uri``
only as a path on the same origin.
"""

from __future__ import annotations

import re

REQUIRED = ("default-src", "form-action", "base-uri")

#: source expressions that name no other origin
KEYWORDS = {
    "'self'",
    "'none'",
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "'wasm-unsafe-eval'",
    "'strict-dynamic'",
    "'report-sample'",
    "'inline-speculation-rules'",
    "data:",
    "blob:",
}
HASH_OR_NONCE = re.compile(r"^'(nonce-[A-Za-z0-9+/_=-]+|sha(256|384|512)-[A-Za-z0-9+/_=-]+)'$")
#: directives whose values are not sources
NOT_SOURCES = {
    "report-to",
    "sandbox",
    "upgrade-insecure-requests",
    "block-all-mixed-content",
    "require-trusted-types-for",
    "trusted-types",
}


def parse(policy: str) -> dict[str, list[str]]:
    """Directive name (lower case) → its values; the first of a repeated directive wins, as
    in a browser."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        tokens = part.split()
        if tokens:
            directives.setdefault(tokens[0].lower(), tokens[1:])
    return directives


def problems(policy: str | None) -> list[str]:
    """What lets this policy reach another origin; empty when it forbids every other one."""
    if policy is None or not policy.strip():
        return ["no Content-Security-Policy header"]
    directives = parse(policy)
    found = [f"no {name}" for name in REQUIRED if name not in directives]
    for name, values in directives.items():
        if name in NOT_SOURCES:
            continue
        for value in values:
            if name == "report-uri":
                if not value.startswith("/") or value.startswith("//"):
                    found.append(f"report-uri {value} is not a path on the same origin")
            elif value.lower() not in KEYWORDS and not HASH_OR_NONCE.match(value):
                found.append(f"{name} allows {value}")
    return found


def forbids_other_origins(policies: list[str]) -> list[str]:
    """The problems of the response's policies (each ``Content-Security-Policy`` header is one
    policy; a browser enforces them all, so one strict policy is enough). Empty when one of
    them forbids every other origin; else the first policy's problems."""
    if not policies:
        return problems(None)
    each = [problems(policy) for policy in policies]
    return [] if any(not found for found in each) else each[0]
