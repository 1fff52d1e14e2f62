"""The service's log handler writes in batches and loses nothing: every line, in order, at most
``FLUSH_SECONDS`` late, a warning at once; the access log's own lines read as any other."""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator

import pytest

from samverkan.kernel import logsafe
from samverkan.kernel.logsafe import FORMAT, AccessLog, LineBuffer, _Formatter

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO samverkan\.test: (.*)$")


@pytest.fixture
def buffered() -> Iterator[tuple[LineBuffer, io.StringIO]]:
    handler = LineBuffer()
    stream = io.StringIO()
    handler.setStream(stream)
    handler.setFormatter(_Formatter(FORMAT))
    yield handler, stream
    handler.flush()


def _wait_for(stream: io.StringIO, lines: int) -> list[str]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        written = stream.getvalue().splitlines()
        if len(written) >= lines:
            return written
        time.sleep(0.01)
    return stream.getvalue().splitlines()


def _record(level: int, message: str) -> logging.LogRecord:
    return logging.LogRecord("samverkan.test", level, __file__, 1, message, None, None)


def test_lines_arrive_in_order_within_the_flush_interval(
    buffered: tuple[LineBuffer, io.StringIO],
) -> None:
    handler, stream = buffered
    for n in range(500):  # past FLUSH_LINES too
        handler.handle(_record(logging.INFO, f"line {n}"))
    written = _wait_for(stream, 500)
    assert [LINE.match(line).group(1) for line in written] == [f"line {n}" for n in range(500)]


def test_a_warning_is_written_at_once_with_every_line_before_it(
    buffered: tuple[LineBuffer, io.StringIO],
) -> None:
    handler, stream = buffered
    handler.handle(_record(logging.INFO, "before"))
    handler.handle(_record(logging.WARNING, "the warning"))
    written = stream.getvalue().splitlines()  # no waiting
    assert written[0].endswith("INFO samverkan.test: before")
    assert written[1].endswith("WARNING samverkan.test: the warning")


def test_the_access_logs_own_line_is_the_formatters_line(
    buffered: tuple[LineBuffer, io.StringIO], monkeypatch: pytest.MonkeyPatch
) -> None:
    handler, stream = buffered
    monkeypatch.setattr(logging.root, "handlers", [handler])
    access = AccessLog("samverkan.test")
    access.logger.setLevel(logging.INFO)
    access.request("GET", "/api/v1/agreements/vgr/ladder", 200, 1.4)
    fast = _wait_for(stream, 1)[-1]
    # the same line through logging (another handler on the logger: the fast path is off)
    other = logging.StreamHandler(io.StringIO())
    other.setFormatter(_Formatter(FORMAT))
    access.logger.addHandler(other)
    try:
        access.request("GET", "/api/v1/agreements/vgr/ladder", 200, 1.4)
    finally:
        access.logger.removeHandler(other)
    slow = other.stream.getvalue().splitlines()[-1]
    assert (
        LINE.match(fast).group(1)
        == LINE.match(slow).group(1)
        == ("GET /api/v1/agreements/vgr/ladder 200 1ms")
    )
    access.logger.setLevel(logging.WARNING)  # a level that is off: nothing at all
    handler.flush()
    before = stream.getvalue()
    access.request("GET", "/x", 200, 1)
    handler.flush()
    assert stream.getvalue() == before
    access.logger.setLevel(logging.NOTSET)


def test_the_time_text_is_the_standard_formatters() -> None:
    record = _record(logging.INFO, "x")
    assert logsafe._time_text(record.created) == logging.Formatter().formatTime(record)
