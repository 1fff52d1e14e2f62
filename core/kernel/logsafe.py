"""Log lines that say what they quote and nothing more.

A value from a request (a path, a method, an identifier) is written with every character that
could end the line, start a new one, hide text or reorder it escaped: C0 and C1 controls
(``\\r``, ``\\n``, NUL, ESC, …), DEL, line and paragraph separators, and bidirectional and
other format characters. The backslash itself is escaped, so an escape in the log is always
the service's.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
import time
from typing import Any

#: the service's log lines: time, level, logger (``samverkan.access`` for requests), message
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_UNSAFE = re.compile(
    r"[\\\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\\":
        return "\\\\"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def quote(value: object) -> str:
    """``value`` as text safe to put inside one log line."""
    text = value if isinstance(value, str) else str(value)
    if _UNSAFE.search(text) is None:  # the common case: nothing to escape
        return text
    return _UNSAFE.sub(_escape, text)


#: how long a line may wait in memory before it is written (nginx's ``access_log … flush=``)
FLUSH_SECONDS = 0.1
#: lines kept before they are written at once, whatever the time
FLUSH_LINES = 256


def configure_logging() -> None:
    """Log at INFO to standard error through :class:`LineBuffer` (unless logging is configured
    already, e.g. by a test or an embedding application), gathering nothing for a line that
    it does not print.

    No queue and no listener thread: with one, every request's log line wakes a second
    Python thread that then competes for the interpreter lock with the event loop, which costs
    the server far more than writing the short line itself.
    """
    # what a line does not show is not gathered for it (the logging documentation's
    # "Optimization"): the caller's file and line, thread, process and its name
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    if logging.root.handlers:
        return
    handler = LineBuffer()
    handler.setFormatter(_Formatter(FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _time_text(created: float, converter: Any = time.localtime) -> str:
    """``created`` as the formatter writes it (``2026-12-03 14:50:42,411``), the part before
    the milliseconds built once a second."""
    global _second, _second_text
    second = int(created)
    if second != _second:
        _second_text = time.strftime(logging.Formatter.default_time_format, converter(created))
        _second = second
    return logging.Formatter.default_msec_format % (_second_text, (created - second) * 1000)


_second, _second_text = -1, ""


class _Formatter(logging.Formatter):
    """The standard formatter, with the time's text built once a second rather than per line."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt:
            return super().formatTime(record, datefmt)
        return _time_text(record.created, self.converter)


class LineBuffer(logging.StreamHandler):  # type: ignore[type-arg]
    """Standard error, written in batches: a line waits in memory at most
    :data:`FLUSH_SECONDS` (a thread of its own writes what has gathered), a warning or worse
    is written at once with every line before it, and so is everything at exit. One write
    per batch instead of one per request line; the order of lines is kept."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[str] = []
        self._writer = threading.Thread(target=self._write_often, name="samverkan-log", daemon=True)
        self._writer.start()
        atexit.register(self.flush)

    def emit(self, record: logging.LogRecord) -> None:  # called under the handler's lock
        try:
            self.pending.append(self.format(record) + self.terminator)
        except Exception:  # as logging's own handlers: never let a log line fail a request
            self.handleError(record)
            return
        if record.levelno >= logging.WARNING or len(self.pending) >= FLUSH_LINES:
            self.flush()

    def line(self, text: str) -> None:
        """A line already formatted (``text`` ends with a newline)."""
        with self.lock:  # type: ignore[union-attr]
            self.pending.append(text)
            if len(self.pending) >= FLUSH_LINES:
                self.flush()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            if self.pending:
                lines, self.pending = self.pending, []
                try:
                    self.stream.write("".join(lines))
                    self.stream.flush()
                except (OSError, ValueError):  # standard error closed: nothing to write to
                    pass

    def _write_often(self) -> None:
        while True:
            time.sleep(FLUSH_SECONDS)
            if self.pending:
                self.flush()


class AccessLog:
    """The access log (``samverkan.access``): one line per request, at INFO. With the
    service's own :class:`LineBuffer` as the only handler, the line is formatted here as the
    formatter would and handed to it without a ``LogRecord``; otherwise (tests, an embedding
    application's handlers) it goes through ``logging`` as any line."""

    def __init__(self, name: str = "samverkan.access"):
        self.logger = logging.getLogger(name)
        self.prefix = f" INFO {name}: "

    def request(self, method: str, path: str, status: object, milliseconds: float) -> None:
        logger = self.logger
        if not logger.isEnabledFor(logging.INFO):  # nothing to do when the level is off
            return
        handlers = logging.root.handlers
        if (
            len(handlers) == 1
            and type(handlers[0]) is LineBuffer
            and not logger.handlers
            and logger.propagate
            and not logger.filters
            and handlers[0].level <= logging.INFO
        ):
            handlers[0].line(
                f"{_time_text(time.time())}{self.prefix}{method} {path} {status} "
                f"{milliseconds:.0f}ms\n"
            )
            return
        logger.info("%s %s %s %.0fms", method, path, status, milliseconds)
