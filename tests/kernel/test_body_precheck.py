"""The body's fast negative check (:func:`samverkan.access.precheck.plainly_clean`): a body
it passes is one the full scan finds nothing in, whatever a client wrote; bodies that would
defeat a naive check (a number split by format characters, written in other digits, escaped)
are scanned in full and refused as before.

Numbers are built in code (:func:`tests.support.personnummer.number`); none is written here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from samverkan.access.inspection import Finding, contains_personnummer, inspect_json, read_body
from samverkan.access.precheck import _RUN_DELETE, _RUN_TABLE, plainly_clean
from samverkan.access.textnorm import _TABLE
from tests.support.personnummer import number

DEPTH = 32
PNR = number(dt.date(1978, 4, 12), 238, form="10", sep="-")
PNR12 = number(dt.date(1961, 11, 3), 57, form="12", sep="")
COORDINATION = number(dt.date(1990, 2, 27), 412, form="10", sep="", coordination=True)


def full_scan(body: bytes) -> list[Finding]:
    """What the scan finds without the fast check (the guard's path before it existed)."""
    try:
        parsed = msgspec.json.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError):
        text = body.decode("utf-8", errors="replace")
        return [Finding("pnr", "body")] if contains_personnummer(text) else []
    return inspect_json(parsed)


def test_the_neutral_bytes_are_neither_digits_nor_separators() -> None:
    # what the check lets break a run must break it in the scan's normal form too
    for code in range(0xC0, 0x100):  # lead byte 0xC3: letters such as å, ä, ö
        assert _TABLE[code] == code and not chr(code).isdecimal(), hex(code)
    for code in range(0x80):
        if _RUN_TABLE[code] == ord("x") and bytes([code]) not in _RUN_DELETE:
            char = chr(code)
            assert not char.isdecimal() and char not in " \t-+./\\", repr(char)
            assert _TABLE[code] == code, repr(char)


def test_the_usual_bodies_are_plainly_clean() -> None:
    reason = "Parterna har inte kunnat enas om ansvaret för insatserna; behoven ändras. " * 12
    bodies = [
        {
            "amount_ore": 1_234_567,
            "method": "schablon",
            "on": "2026-06-01",
            "schablon_reason": reason,
        },
        {"amount_ore": 99_999_999, "method": "percent", "shares": {"region": 33.3333}},
        {"context": "child_placement", "on": "2026-06-01", "sip": {"goal": "Skola, 2026–2027"}},
    ]
    for body in bodies:
        pretty = json.dumps(body, ensure_ascii=False, indent="\t")
        for encoded in (json.dumps(body, ensure_ascii=False), pretty):
            raw = encoded.encode()
            assert plainly_clean(raw), encoded
            assert read_body(raw, DEPTH)[0] == []


def _written(text: str) -> list[bytes]:
    """``text`` as a client may put it in a JSON body: in a string, as a key, escaped."""
    return [
        json.dumps({"description": f"Gäller {text} enligt journalen"}, ensure_ascii=False).encode(),
        json.dumps({"description": text}).encode(),  # \\u escapes for what is not ASCII
        json.dumps({text: "x"}, ensure_ascii=False).encode(),
        json.dumps({"list": ["a", {"deep": [text]}]}, ensure_ascii=False).encode(),
    ]


def _defeating() -> list[str]:
    """A number written so that a check looking for ten ASCII digits in a row misses it."""
    head, tail = PNR.split("-")
    plain = head + "-" + tail
    fullwidth = "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in plain)
    arabic = "".join(chr(0x0660 + int(c)) if c.isdigit() else c for c in plain)
    return [
        plain,
        head + tail,
        head + "+" + tail,
        head + " - " + tail,
        " ".join([head[:2], head[2:4], head[4:]]) + "-" + tail,
        head[:2] + "." + head[2:4] + "." + head[4:] + "/" + tail,
        head + "\u00a0" + tail,  # no-break space
        head + "\u2013" + tail,  # en dash
        head + "\u2011" + tail,  # non-breaking hyphen
        "\u200b".join(plain),  # a zero-width space between every character
        "\u00ad".join(plain),  # a soft hyphen between every character
        plain[:3] + "\ufeff" + plain[3:],
        fullwidth,
        arabic,
        fullwidth[:5] + plain[5:],
        PNR12,
        COORDINATION,
        head + "\t" + tail,
    ]


@pytest.mark.parametrize("text", _defeating())
def test_a_number_however_written_is_not_plainly_clean_and_is_refused(text: str) -> None:
    for body in _written(text):
        assert not plainly_clean(body), body
        found = read_body(body, DEPTH)[0]
        assert any(f.kind == "pnr" for f in found), body


def test_escapes_are_scanned_in_full() -> None:
    digits = PNR.replace("-", "")
    escaped = "".join(f"\\u{ord(c):04x}" for c in digits)
    bodies = [
        f'{{"note": "{escaped}"}}'.encode(),  # every digit a JSON escape
        ('{"note": "' + digits[:4] + "\\u00" + "3" + digits[4] + digits[5:] + '"}').encode(),
        # the text holds a backslash-u written out, which the scan decodes as an escape
        ('{"note": "' + "".join(f"\\\\u{ord(c):04x}" for c in digits) + '"}').encode(),
    ]
    for body in bodies:
        assert not plainly_clean(body), body
        assert any(f.kind == "pnr" for f in read_body(body, DEPTH)[0]), body


@pytest.mark.parametrize(
    "value",
    [
        "a\u0085b",  # C1 (next line)
        "a\u009bb",  # C1 (control sequence introducer)
        "a\u202eb",  # right-to-left override
        "a\u2066b",  # left-to-right isolate
        "a\x7fb",  # DEL
        "a\nb",  # a newline in a one-line field (escaped in JSON)
        "a\x01b",
    ],
)
def test_controls_are_not_plainly_clean_and_are_refused(value: str) -> None:
    body = json.dumps({"title": value}, ensure_ascii=False).encode()
    assert not plainly_clean(body)
    found = read_body(body, DEPTH)[0]
    assert [f.kind for f in found] == ["control"], found


def test_a_number_as_a_json_integer_is_refused() -> None:
    body = f'{{"amount_ore": {PNR.replace("-", "")}}}'.encode()
    assert not plainly_clean(body)
    assert any(f.kind == "pnr" for f in read_body(body, DEPTH)[0])


def test_a_body_that_is_not_json_is_scanned_as_text() -> None:
    head, tail = PNR.split("-")
    for text in (f"note={head}-{tail}", f"{head}\u200b{tail}", f"\ufffd{PNR}"):
        body = text.encode()
        assert not plainly_clean(body)
        assert read_body(body, DEPTH)[0] == [Finding("pnr", "body")], body
    assert not plainly_clean(b"\xff" + PNR.encode())


#: characters chosen to sit on every edge of the check: digits of several scripts,
#: separators, format characters, controls, the escape character, neutral letters
ALPHABET = (
    "0123456789" * 3
    + " -+./\t\n:,x"
    + "åäöÅÖé×"
    + "\u00a0\u00ad\u200b\u2013\u2212\ufeff\u2011\u202f"
    + "\uff10\uff15\u0660\u0665\u09e6\U0001d7ce"
    + "\u0085\u202e\u2067\x7f\x01\\\"'"
)
texts = st.text(alphabet=ALPHABET, max_size=40)
values = st.recursive(
    st.one_of(texts, st.integers(min_value=-(10**13), max_value=10**13), st.booleans()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=8,
)


@settings(max_examples=1500, deadline=None)
@given(values, st.booleans())
@example(f"Gäller {PNR} enligt", False)
@example("\u200b".join(PNR), False)
@example({PNR12: [COORDINATION]}, True)
def test_plainly_clean_means_the_full_scan_finds_nothing(value: Any, ascii_only: bool) -> None:
    body = json.dumps({"v": value}, ensure_ascii=ascii_only).encode()
    if plainly_clean(body):
        assert full_scan(body) == []
    # and the guard's answer is the same with the check as without it
    assert read_body(body, DEPTH)[0] == full_scan(body)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=60) | st.text(alphabet=ALPHABET, max_size=60).map(str.encode))
def test_plainly_clean_holds_for_any_bytes(body: bytes) -> None:
    if plainly_clean(body):
        assert full_scan(body) == []
