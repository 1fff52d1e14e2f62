"""Log lines that say what they quote and nothing more.

A value from a request (a path, a method, an identifier) is written with every character that
could end the line, start a new one, hide text or reorder it escaped: C0 and C1 controls
(``\\r``, ``\\n``, NUL, ESC, …), DEL, line and paragraph separators, and bidirectional and
other format characters. The backslash itself is escaped, so an escape in the log is always
the service's.
"""

from __future__ import annotations

import logging
import re
import time

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


def configure_logging() -> None:
    """Log at INFO to standard error, written in the thread that logs (unless logging is
    configured already, e.g. by a test or an embedding application), gathering nothing for a
    line that it does not print.

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
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter(FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


class _Formatter(logging.Formatter):
    """The standard formatter, with the time's text built once a second rather than per line."""

    _second = -1
    _text = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        if datefmt:
            return super().formatTime(record, datefmt)
        second = int(record.created)
        if second != self._second:
            self._text = time.strftime(self.default_time_format, self.converter(record.created))
            self._second = second
        return self.default_msec_format % (self._text, record.msecs)
