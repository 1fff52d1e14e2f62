"""Text as the personnummer scan reads it: one normal form for the ways a number is written.

- every decimal digit (fullwidth ``８``, Arabic-Indic ``٨``, …) becomes its ASCII digit, by its
  Unicode decimal value;
- every dash punctuation character (en dash, non-breaking hyphen, …) and the minus sign become
  ``-``; compatibility forms of ``+``, ``.`` and ``/`` (fullwidth, small) become those;
- format characters (zero-width space, joiners, soft hyphen, byte order mark, …) are removed;
- every space separator (no-break, thin, …) and the tab become a space;
- JSON ``\\uXXXX`` escapes left in the text are decoded.

Built for speed: text with no digit-like character at all is answered at once (one C-level
scan), ASCII text is never translated, and each non-ASCII character is classified once per
process (a lazily filled translation table).
"""

from __future__ import annotations

import re
import unicodedata

#: any character with a decimal value (``\\d`` in a ``str`` pattern is Unicode's Nd)
_DIGIT_LIKE = re.compile(r"\d")
_TEN_DIGITS = re.compile(r"\d(?:\D*\d){9}")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_MAX_CACHED = 100_000


class _Table(dict[int, int | str | None]):
    """``str.translate`` table that classifies each code point on first sight."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        category = unicodedata.category(char)
        value: int | str | None = code
        if category == "Nd":
            value = str(unicodedata.decimal(char))
        elif category == "Pd" or char == "\u2212":  # dash punctuation, minus sign
            value = "-"
        elif category == "Cf":  # zero-width space and joiners, soft hyphen, BOM, bidi marks
            value = None
        elif category == "Zs" or char == "\t":
            value = " "
        else:
            folded = unicodedata.normalize("NFKC", char)
            if folded in ("+", ".", "/", "-"):
                value = folded
        if len(self) < _MAX_CACHED:  # bounded, whatever a caller sends
            self[code] = value
        return value


_TABLE = _Table()


def has_ten_digits(text: str) -> bool:
    """Whether ``text`` holds ten digit-like characters (fewer can hold no number)."""
    return _TEN_DIGITS.search(text) is not None


def has_digits(text: str) -> bool:
    """Whether ``text`` holds any digit-like character (the only way a number can be in it)."""
    return _DIGIT_LIKE.search(text) is not None


def normalise(text: str) -> str:
    """``text`` in the scan's normal form (see the module docstring)."""
    if "\\u" in text:
        text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if not text.isascii():
        text = text.translate(_TABLE)
    elif "\t" in text:
        text = text.replace("\t", " ")
    return text
