"""The guard's policy measured through its own request inspection (:mod:`samverkan.access.inspection`,
the functions the ASGI guard calls for every request): what the service generates passes, every
way of writing a personnummer is refused, and realistic non-personal strings pass at the rates
``docs/security.md`` states.

Valid numbers are built in code from a date, a birth number and the computed check digit
(:func:`tests.test_pnr.number`); none is written here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

from samverkan.access.inspection import (
    Finding,
    inspect_body,
    inspect_head,
    inspect_headers,
    inspect_path,
    inspect_query,
)
from samverkan.access.pnr import luhn_ok
from samverkan.store.ids import is_api_key, is_service_id, new_api_key, new_id
from tests.support.personnummer import number

DEPTH = 32


def refused(found: list[Finding]) -> bool:
    return any(f.kind == "pnr" for f in found)


def timed(what: str, started: float, count: int) -> None:
    print(f"{what}: {count:,} in {time.perf_counter() - started:.1f}s")


# -- what the service generates and derives: none refused ------------------------------------


def test_a_million_generated_ids_pass_as_path_body_and_header() -> None:
    started = time.perf_counter()
    prefixes = ("dsp", "plc", "dev", "cag", "cst", "ntf")
    ids = [new_id(prefixes[i % len(prefixes)]) for i in range(1_000_000)]
    assert all(is_service_id(i) for i in ids[:1000])
    assert not any(c.isdigit() for c in "".join(ids[:10000]))  # no digit, so no number
    for one in ids:  # as the path, one request each
        assert not inspect_path(f"/api/v1/disputes/{one}/escalate"), one
    for at in range(0, len(ids), 1000):  # in bodies and If-Match headers, a thousand each
        batch = ids[at : at + 1000]
        body = json.dumps({"placement_ids": batch, "dispute_id": batch[0]})
        assert not inspect_body(body.encode(), DEPTH)
        etags = ", ".join(f'"{i}.{n % 7 + 1}"' for n, i in enumerate(batch))
        assert not inspect_headers([(b"if-match", etags.encode())])
    timed("generated ids", started, len(ids))
    stated_count(len(ids))


def test_ids_of_the_first_releases_pass_where_they_belong() -> None:
    """1 in about 8,700 hex IDs of the old form held a valid number (the attack found 115 of
    1,000,000): they stay readable in the path, in ``*_id`` fields and in ETags."""
    started = time.perf_counter()
    old = ["dsp_d337206042454ee8"] + [
        f"{('dsp', 'plc', 'dev')[n % 3]}_{secrets.token_hex(8)}" for n in range(300_000)
    ]
    old += [f"{('cag', 'cst')[n % 2]}_{secrets.token_hex(6)}" for n in range(50_000)]
    for one in old:
        assert not inspect_path(f"/api/v1/disputes/{one}"), one
    for at in range(0, len(old), 1000):
        batch = old[at : at + 1000]
        assert not inspect_body(json.dumps({"placement_ids": batch}).encode(), DEPTH)
        assert not inspect_body(json.dumps([{"id": i} for i in batch[:100]]).encode(), DEPTH)
        etags = ", ".join(f'W/"{i}.3"' for i in batch)
        assert not inspect_headers([(b"if-match", etags.encode())])
    timed("old-form ids", started, len(old))
    stated_count(len(old))


def test_three_hundred_thousand_generated_keys_pass_as_authorization() -> None:
    started = time.perf_counter()
    keys = [new_api_key()[0] for _ in range(300_000)]
    keys += [f"smv_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}" for _ in range(100_000)]
    for key in keys:
        assert is_api_key(key)
        assert not inspect_headers([(b"authorization", f"Bearer {key}".encode())]), key
    new_form = keys[:300_000]  # letters only: they pass wherever they are sent
    for at in range(0, len(new_form), 1000):
        assert not inspect_body(json.dumps({"keys": new_form[at : at + 1000]}).encode(), DEPTH)
    for key in new_form[:100_000]:
        assert not inspect_path(f"/api/v1/{key}")
    timed("api keys (300,000 new form, 100,000 old)", started, len(keys))
    stated_count(len(keys))


def derived_ref(secret: bytes, personnummer: str) -> str:
    """The recipe in docs/security.md: the first 32 hex digits of HMAC-SHA256, after ``p-``."""
    return "p-" + hmac.new(secret, personnummer.encode(), hashlib.sha256).hexdigest()[:32]


def test_a_hundred_thousand_derived_references_pass_as_body_and_query() -> None:
    started = time.perf_counter()
    rnd = random.Random(9)
    secret = secrets.token_bytes(32)
    refs = [
        derived_ref(
            secret,
            number(
                dt.date(1930, 1, 1) + dt.timedelta(days=rnd.randrange(34000)),
                n % 1000,
                form="12",
                sep="-",
            ),
        )
        for n in range(100_000)
    ]
    for at in range(0, len(refs), 1000):
        body = json.dumps({"items": [{"individual_ref": r} for r in refs[at : at + 1000]]})
        assert not inspect_body(body.encode(), DEPTH)
    for ref in refs:
        assert not inspect_query(urlencode({"individual_ref": ref}).encode()), ref
    timed("derived references", started, len(refs))
    stated_count(len(refs))


def test_a_reference_whose_hex_holds_a_valid_number_passes_only_as_individual_ref() -> None:
    inner = number(dt.date(1985, 7, 14), 238, form="10", sep="")
    ref = f"p-{inner}abcdef0123456789abcdef"
    assert not inspect_body(json.dumps({"individual_ref": ref}).encode(), DEPTH)
    assert not inspect_query(urlencode({"individual_ref": ref}).encode())
    # the trade-off is the field's: the same text anywhere else is scanned
    assert refused(inspect_body(json.dumps({"description": ref}).encode(), DEPTH))
    # and a value that is not of the format is scanned in the field too
    assert refused(inspect_body(json.dumps({"individual_ref": f"p-{inner}"}).encode(), DEPTH))


# -- every way of writing a number: none passes ---------------------------------------------


def _digit_sets() -> list[int]:
    """The zero of every set of decimal digits Unicode has (Arabic-Indic, fullwidth, …)."""
    zeros = []
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) == "Nd" and unicodedata.decimal(char) == 0:
            zeros.append(code)
    return zeros


DASHES = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Pd"] + ["\u2212"]
FORMAT_CHARS = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f"]
ZEROS = _digit_sets()


def variants(head: str, tail: str, rnd: random.Random) -> Iterator[tuple[str, str]]:
    """``(name, text)`` for each way the number ``head``+``tail`` can be written."""
    ten = len(head) == 6
    date = [head[i : i + 2] for i in range(0, len(head), 2)]
    for sep in ("-", "", " ", ".", "/", " - ", "\u00a0", "\u202f", "\t"):
        yield f"separator {sep!r}", head + sep + tail
    for dash in DASHES:
        yield f"dash U+{ord(dash):04X}", head + dash + tail
    plain = head + "-" + tail
    for fmt in FORMAT_CHARS:
        at = rnd.randrange(1, len(plain))
        yield f"U+{ord(fmt):04X} inside", plain[:at] + fmt + plain[at:]
        yield f"U+{ord(fmt):04X} between each", fmt.join(plain)
    for zero in ZEROS:
        mapped = "".join(chr(zero + int(c)) if c.isdigit() else c for c in plain)
        yield f"digits from U+{zero:04X}", mapped
    spaced = " ".join(date) if ten else head[:4] + " " + " ".join(date[2:])
    yield "spaced date", spaced + "-" + tail
    yield "spaced date, en dash", spaced + "\u2013" + tail
    yield "spaced date, space", spaced + " " + tail
    dotted = ".".join(date) if ten else head[:4] + "." + ".".join(date[2:])
    yield "dotted date", dotted + "-" + tail
    yield "slashed date", dotted.replace(".", "/") + "/" + tail
    yield (
        "fullwidth, en dash, zero-width space",
        "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in head) + "\u2013\u200b" + tail,
    )


def sample_numbers(count: int, rnd: random.Random) -> Iterator[tuple[str, str, str]]:
    """``(kind, head, tail)``: personnummer and samordningsnummer, 10 and 12 digits."""
    for n in range(count):
        coordination = n % 2 == 1
        day = dt.date(1900, 1, 1) + dt.timedelta(days=rnd.randrange(45000))
        form = "12" if n % 4 >= 2 else "10"
        written = number(day, rnd.randrange(1000), form=form, sep="-", coordination=coordination)
        head, tail = written.split("-")
        yield ("samordningsnummer" if coordination else "personnummer") + f" {form}", head, tail
    for n in range(count // 4):  # a hundred years or older: "+" in the 10-digit form
        day = dt.date(1880, 1, 1) + dt.timedelta(days=rnd.randrange(15000))
        written = number(day, rnd.randrange(1000), form="10", sep="+", coordination=n % 2 == 1)
        head, tail = written.split("+")
        yield "centenarian 10", head + "+", tail


def test_every_variant_of_every_number_is_refused_in_the_body(
    report: Callable[[str], None],
) -> None:
    rnd = random.Random(20260320)
    started = time.perf_counter()
    tried = missed = 0
    kinds: set[str] = set()
    for kind, head, tail in sample_numbers(400, rnd):
        kinds.add(kind)
        if head.endswith("+"):  # the "+" is the separator of this form
            texts = [("plus", head + tail), ("plus, spaced", head[:-1] + " + " + tail)]
        else:
            texts = list(variants(head, tail, rnd))
        for name, text in texts:
            tried += 1
            body = json.dumps({"description": f"Gäller {text} enligt journalen."})
            if not refused(inspect_body(body.encode(), DEPTH)):
                missed += 1
                print("missed:", kind, name, ascii(text))
        # JSON \u escapes for every character, as a client's encoder may send them
        plain = head + tail if head.endswith("+") else head + "-" + tail
        escaped = "".join(f"\\u{ord(c):04x}" for c in plain)
        tried += 1
        missed += not refused(inspect_body(f'{{"note": "{escaped}"}}'.encode(), DEPTH))
    timed(f"variants ({len(ZEROS)} digit sets, {len(DASHES)} dashes)", started, tried)
    report(f"false negatives in a JSON body: {missed} of {tried:,}")
    assert kinds == {
        "personnummer 10",
        "personnummer 12",
        "samordningsnummer 10",
        "samordningsnummer 12",
        "centenarian 10",
    }
    assert tried > 40_000
    assert missed == 0
    stated_count(tried)


def test_every_variant_is_refused_in_path_query_and_headers(
    report: Callable[[str], None],
) -> None:
    rnd = random.Random(7)
    tried = missed = 0
    for _, head, tail in sample_numbers(40, rnd):
        if head.endswith("+"):
            continue
        for name, text in variants(head, tail, rnd):
            where = {
                "path": inspect_path(f"/api/v1/disputes/{text}"),
                "query": inspect_query(urlencode({"municipality": text}).encode()),
                "header": inspect_headers([(b"x-actor-person", quote(f"Anna {text}").encode())]),
                "key": inspect_headers([(b"idempotency-key", quote(text).encode())]),
            }
            for place, found in where.items():
                tried += 1
                if not refused(found):
                    missed += 1
                    print("missed:", place, name, ascii(text))
    report(f"false negatives in path, query and headers: {missed} of {tried:,}")
    assert tried > 10_000 and missed == 0
    stated_count(tried)


# -- realistic strings that are not personal data: the stated rates --------------------------


def luhn_complete(body: str) -> str:
    """An OCR number: ``body`` and the check digit that makes the whole pass Luhn."""
    for digit in "0123456789":
        candidate = body + digit
        total = 0
        for index, char in enumerate(reversed(candidate)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return candidate
    raise AssertionError(body)


def measure(
    make: Callable[[random.Random], str], place: Callable[[str], list[Finding]], count: int
) -> float:
    rnd = random.Random(31)
    return sum(refused(place(make(rnd))) for _ in range(count)) / count


def in_text(value: str) -> list[Finding]:
    return inspect_body(json.dumps({"description": f"Avser {value}."}).encode(), DEPTH)


def as_invoice_ref(value: str) -> list[Finding]:
    return inspect_body(json.dumps({"invoice_ref": value}).encode(), DEPTH)


def as_idempotency_key(value: str) -> list[Finding]:
    return inspect_head("/api/v1/disputes", b"", [(b"idempotency-key", value.encode())])


def digits(rnd: random.Random, count: int) -> str:
    return "".join(rnd.choice("0123456789") for _ in range(count))


def day(rnd: random.Random) -> str:
    return f"20{digits(rnd, 2)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"


#: kind -> (make one, where it is sent, the most refused allowed: docs/security.md's table)
REALISTIC: dict[str, tuple[Callable[[random.Random], str], Callable[[str], list[Finding]], float]]
REALISTIC = {
    "UUID as Idempotency-Key": (
        lambda r: str(uuid.UUID(int=r.getrandbits(128))),
        as_idempotency_key,
        0.0,
    ),
    "UUID without dashes (32 hex digits) as Idempotency-Key": (
        lambda r: uuid.UUID(int=r.getrandbits(128)).hex,
        as_idempotency_key,
        0.0,
    ),
    "UUID in free text": (lambda r: str(uuid.UUID(int=r.getrandbits(128))), in_text, 0.0005),
    "OCR, 10 digits, as invoice_ref": (lambda r: luhn_complete(digits(r, 9)), as_invoice_ref, 0.0),
    "OCR, 12 digits, as invoice_ref": (
        lambda r: luhn_complete(digits(r, 11)),
        as_invoice_ref,
        0.002,
    ),
    "OCR, 6-25 digits, as invoice_ref": (
        lambda r: luhn_complete(digits(r, r.randrange(5, 25))),
        as_invoice_ref,
        0.002,
    ),
    "OCR, 10 digits, in free text": (lambda r: luhn_complete(digits(r, 9)), in_text, 0.08),
    "invoice number F-2026-00042": (
        lambda r: f"F-20{digits(r, 2)}-{digits(r, 5)}",
        as_invoice_ref,
        0.0,
    ),
    "mobile 070-123 45 67": (
        lambda r: f"07{r.choice('02369')}-{digits(r, 3)} {digits(r, 2)} {digits(r, 2)}",
        in_text,
        0.0,
    ),
    "mobile +46 70 123 45 67": (
        lambda r: f"+46 7{r.choice('02369')} {digits(r, 3)} {digits(r, 2)} {digits(r, 2)}",
        in_text,
        0.0,
    ),
    "mobile 0701234567 (one run)": (
        lambda r: f"07{r.choice('02369')}{digits(r, 7)}",
        in_text,
        0.015,
    ),
    "landline 031-123 45 67": (
        lambda r: f"031-{digits(r, 3)} {digits(r, 2)} {digits(r, 2)}",
        in_text,
        0.0,
    ),
    "landline 08-123 456 78": (
        lambda r: f"08-{digits(r, 3)} {digits(r, 3)} {digits(r, 2)}",
        in_text,
        0.0,
    ),
    "date 2026-03-20": (day, in_text, 0.0),
    "period 2026-03-20 – 2026-04-19": (lambda r: f"{day(r)} \u2013 {day(r)}", in_text, 0.0),
    "date and number 2026-03-20-1234": (lambda r: f"{day(r)}-{digits(r, 4)}", in_text, 0.0),
    "timestamp 2026-03-20T10:15:30+01:00": (
        lambda r: f"{day(r)}T{r.randrange(24):02d}:{r.randrange(60):02d}:00+01:00",
        in_text,
        0.0,
    ),
    "date 20.03.2026": (
        lambda r: f"{r.randrange(1, 29):02d}.{r.randrange(1, 13):02d}.20{digits(r, 2)}",
        in_text,
        0.0,
    ),
    "amount 1 234 567 kr": (
        lambda r: f"{r.randrange(1, 10**10):,} kr".replace(",", " "),
        in_text,
        0.0,
    ),
    "amount 123456789012 öre": (lambda r: f"{r.randrange(1, 10**13)} öre", in_text, 0.0002),
}


DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def doc_table_rows() -> list[list[str]]:
    """The cells of every table row in docs/security.md."""
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in DOCS.read_text().splitlines()
        if line.startswith("| ") and not line.startswith("|---")
    ]


def stated_count(count: int) -> None:
    """docs/security.md states ``count`` in a table row (as "| 49,900 | 0 |")."""
    assert any(row[-2:] == [f"{count:,}", "0"] for row in doc_table_rows()), count


def test_realistic_non_personal_strings_pass_at_the_stated_rates(
    report: Callable[[str], None],
) -> None:
    started = time.perf_counter()
    count = 10_000
    rates = {kind: measure(make, place, count) for kind, (make, place, _) in REALISTIC.items()}
    timed("realistic strings", started, count * len(REALISTIC))
    for kind, rate in rates.items():
        report(f"false positives, {kind}: {rate:.3%} (at most {REALISTIC[kind][2]:.2%})")
    over = {k: r for k, r in rates.items() if r > REALISTIC[k][2]}
    assert not over, over
    # docs/security.md states exactly these: the measured rate and the bound
    stated = {row[0]: row[1:] for row in doc_table_rows()}
    for kind, rate in rates.items():
        assert stated.get(kind) == [
            f"{rate:.3%}".replace("%", " %"),
            f"{REALISTIC[kind][2]:.2%}".replace("%", " %"),
        ], kind
    # the one ambiguity left in free text is measured, not assumed away
    assert rates["OCR, 10 digits, in free text"] > 0.05


def test_ocr_numbers_carry_a_luhn_check_digit_like_personnummer() -> None:
    """Why a 10-digit OCR number is only safe as ``invoice_ref``: it passes the same check."""
    ocr = luhn_complete("850714238")
    assert luhn_ok(ocr)
    assert refused(in_text(ocr)) and not refused(as_invoice_ref(ocr))
