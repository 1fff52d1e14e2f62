"""A body's bytes read before any parsing: how deeply it nests (:func:`json_depth`) and whether
the scan of :mod:`samverkan.access.inspection` could find anything in it
(:func:`plainly_clean`): the usual request body cannot, and is then neither parsed nor walked
by the guard.
"""

from __future__ import annotations

import re

#: :func:`plainly_clean`'s one pass over a body's bytes. Deleted: the separators a number may be
#: written with (space, tab, ``-``, ``+``, ``.``, ``/``; deleting them joins what they split)
#: and UTF-8 continuation bytes (so each character is its lead byte alone). Then every ASCII
#: digit and every non-ASCII character but U+00C0–U+00FF (lead byte ``\xc3``: letters such as
#: å, ä, ö, which are no digit, separator or format character) becomes ``0``, since it may be a
#: digit, a separator or a character the scan removes; a backslash (a JSON escape, or text the
#: scan decodes as one) and DEL (a control) become ``!``; every other byte breaks a run.
_RUNS = bytearray(b"x" * 256)
for _byte in (*b"0123456789", 0xC2, *range(0xC4, 0x100)):
    _RUNS[_byte] = ord("0")
for _byte in b"\\\x7f":
    _RUNS[_byte] = ord("!")
_RUN_TABLE = bytes(_RUNS)
_RUN_DELETE = bytes(range(0x80, 0xC0)) + b" \t-+./"
_TEN_IN_A_RUN = b"0" * 10
#: the controls above ASCII the body scan refuses: C1 (U+0080–U+009F) and the bidirectional
#: embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069), in UTF-8
_C1_OR_BIDI = re.compile(rb"\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def plainly_clean(body: bytes) -> bool:
    """Whether a body's bytes show, without parsing them, that the scan below can find nothing
    in them: no ten characters that could be digits with only separators between them (a
    personnummer has ten digits at least, however written), no backslash (an escape could hide
    a digit or a control), and no control character a JSON string could hold (DEL, C1, bidi;
    JSON holds no raw C0 control in a string). Conservative: ``False`` only means "scan it"."""
    runs = body.translate(_RUN_TABLE, _RUN_DELETE)
    if _TEN_IN_A_RUN in runs or b"!" in runs:
        return False
    return not ((b"\xc2" in body or b"\xe2" in body) and _C1_OR_BIDI.search(body))


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_IDENTITY = bytes.maketrans(b"", b"")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def json_depth(body: bytes) -> int:
    """How deeply a JSON text nests arrays and objects, read without parsing it."""
    if b"[" not in body and b"{" not in body:
        return 0
    structure = _JSON_STRING.sub(b"", body).translate(_IDENTITY, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in structure:
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest
