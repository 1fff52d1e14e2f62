"""The guard remembers header pairs and paths it found clean, and only those: a personnummer is
found in a header or path whatever came before it, and credentials are never remembered."""

from __future__ import annotations

import datetime as dt

from samverkan.access import inspection
from samverkan.access.inspection import inspect_headers, inspect_path
from tests.support.personnummer import number

#: built at run time, never written in the repository
HIDDEN10 = number(dt.date(1990, 2, 3), 417, form="10", sep="-")

CLEAN = [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"wrk 4.1.0"), (b"accept", b"*/*")]


def test_a_number_is_found_after_the_same_header_was_clean() -> None:
    assert inspect_headers(CLEAN) == [] and inspect_headers(CLEAN) == []
    assert (b"host", b"127.0.0.1:8000") in inspection._CLEAN_HEADERS
    found = inspect_headers([*CLEAN, (b"user-agent", f"agent {HIDDEN10}".encode())])
    assert [f.where for f in found] == ["header user-agent"]
    assert (b"user-agent", f"agent {HIDDEN10}".encode()) not in inspection._CLEAN_HEADERS


def test_credentials_are_never_remembered() -> None:
    secret = b"Bearer sv_" + b"a" * 40
    inspect_headers([(b"authorization", secret), (b"cookie", b"samverkan_session=abc")])
    assert not any(name in {b"authorization", b"cookie"} for name, _ in inspection._CLEAN_HEADERS)


def test_the_memory_is_bounded() -> None:
    for n in range(inspection._CLEAN_HEADERS_MAX + 50):
        inspect_headers([(b"x-request-n", str(n).encode())])
    assert 0 < len(inspection._CLEAN_HEADERS) <= inspection._CLEAN_HEADERS_MAX


def test_a_clean_path_is_remembered_and_a_number_in_a_path_never() -> None:
    path = "/api/v1/agreements/vgr/ladder"
    assert inspect_path(path) == [] and path in inspection._CLEAN_PATHS
    for _ in range(2):  # refused every time, never remembered
        refused = f"/api/v1/disputes/{HIDDEN10.replace('-', '/')}"
        assert [f.where for f in inspect_path(refused)] == ["path"]
        assert refused not in inspection._CLEAN_PATHS
    for n in range(inspection._MAX_REMEMBERED + 50):
        inspect_path(f"/api/v1/disputes/dsp_{n:08d}")
    assert 0 < len(inspection._CLEAN_PATHS) <= inspection._MAX_REMEMBERED
