"""The personnummer / samordningsnummer detector, checked over many generated numbers.

Valid numbers are never written here as literals: each is made from a date, a birth number and
its computed Luhn check digit (a hook refuses personnummer-shaped strings in the repository).
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import assume, example, given
from hypothesis import strategies as st

from samverkan.access.pnr import contains_personnummer, luhn_ok
from samverkan.access.textnorm import normalise
from tests.support.personnummer import check_digit, number

#: text that can surround a number without gluing digits to it
NO_DIGITS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=string.digits),
    max_size=40,
)
ANY_TEXT = st.text(max_size=40)


def flip_check(text: str, by: int) -> str:
    return text[:-1] + str((int(text[-1]) + by) % 10)


BIRTH = st.integers(min_value=0, max_value=999)
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
OLD = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(1999, 12, 31))


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(["10", "12"]))
    coordination = draw(st.booleans())
    if form == "10" and draw(st.booleans()):  # a hundred years or older: "+"
        return number(draw(OLD), draw(BIRTH), form="10", sep="+", coordination=coordination)
    sep = draw(st.sampled_from(["-", ""]))
    return number(draw(DATES), draw(BIRTH), form=form, sep=sep, coordination=coordination)


# -- found -----------------------------------------------------------------------------


@given(valid_numbers(), ANY_TEXT, ANY_TEXT)
@example(number(dt.date(2000, 1, 1), 0, form="12", sep="-"), "", "\xad0")  # soft hyphen, digit
def test_a_valid_number_is_found_in_any_surrounding_text(
    found: str, before: str, after: str
) -> None:
    # keep the number's own digit run: whatever touches it, once normalised (format characters
    # such as a soft hyphen removed), is not a digit
    before = before + " " if normalise(before)[-1:].isdigit() else before
    after = " " + after if normalise(after)[:1].isdigit() else after
    assert contains_personnummer(before + found + after)


@given(valid_numbers())
def test_a_valid_number_alone_and_in_json_like_text(found: str) -> None:
    assert contains_personnummer(found)
    assert contains_personnummer(f'{{"description": "Gäller {found}, se journal"}}')
    assert contains_personnummer(f"individ={found}&x=1")


@given(DATES, BIRTH)
def test_samordningsnummer_day_plus_sixty(day: dt.date, birth: int) -> None:
    coordination = number(day, birth, form="12", sep="-", coordination=True)
    assert 61 <= int(coordination[6:8]) <= 91
    assert contains_personnummer(coordination)
    assert contains_personnummer(coordination.replace("-", "")[2:])


# -- not found -------------------------------------------------------------------------


@given(valid_numbers(), st.integers(min_value=1, max_value=9), NO_DIGITS, NO_DIGITS)
def test_a_wrong_check_digit_is_not_found(valid: str, by: int, before: str, after: str) -> None:
    assert not contains_personnummer(before + flip_check(valid, by) + after)


@given(
    st.sampled_from(["10", "12"]),
    st.sampled_from(["-", "", "+"]),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
    BIRTH,
)
def test_an_impossible_date_is_not_found(
    form: str, sep: str, month: int, dd: int, birth: int
) -> None:
    def real(day: int) -> bool:
        try:
            dt.date(2000, month, day)  # a leap year: the most days any month has
        except ValueError:
            return False
        return True

    assume(not real(dd) and not (dd > 60 and real(dd - 60)))
    six = f"85{month:02d}{dd:02d}"
    tail = f"{birth:03d}"
    tail += check_digit(six + tail)
    head = f"19{six}" if form == "12" else six
    assert not contains_personnummer(head + sep + tail)


@given(valid_numbers(), st.sampled_from(string.digits), st.booleans())
def test_digits_glued_to_a_longer_run_are_not_found(valid: str, digit: str, front: bool) -> None:
    glued = digit + valid if front else valid + digit
    assert not contains_personnummer(glued)
    # two digits on each side (one on each would make 12 of 10, possibly a valid number)
    assert not contains_personnummer(f"faktura {digit * 2}{valid}{digit * 2} betald")


@given(NO_DIGITS)
def test_text_without_digits_is_never_found(text: str) -> None:
    assert not contains_personnummer(text)


@given(st.text(max_size=200))
@example("")
@example("2026-03-20T10:15:30+01:00")
def test_the_detector_never_fails(text: str) -> None:
    assert contains_personnummer(text) in (True, False)


# -- known examples --------------------------------------------------------------------


def test_known_examples_both_ways() -> None:
    # Skatteverket's test person "Tolvan Tolvansson", 1912-12-12, birth number 121:
    # the computed check digit is the published one
    tolvan = number(dt.date(1912, 12, 12), 121, form="12", sep="-")
    assert tolvan[-1] == "2"
    assert contains_personnummer(f"Tolvan Tolvansson {tolvan}")
    assert contains_personnummer(tolvan.replace("-", ""))
    assert contains_personnummer(tolvan[2:])  # 10 digits with "-"
    assert contains_personnummer(tolvan[2:].replace("-", "+"))  # a hundred years or older
    # Skatteverket's samordningsnummer example: born on the 3rd, shown as day 63
    samordning = number(dt.date(1970, 10, 3), 239, form="10", sep="-", coordination=True)
    assert samordning[:6] == "701063" and samordning[-1] == "1"
    assert contains_personnummer(samordning)

    for text in (
        tolvan[:-1] + "3",  # Tolvan with a wrong check digit
        tolvan.replace("-", "")[:-1] + "3",
        tolvan[2:-1] + "9",
        samordning[:-1] + "2",  # the samordningsnummer with a wrong check digit
        tolvan[:4] + "13" + tolvan[6:],  # month 13
        tolvan[:4] + "0230" + tolvan[8:-1] + "0",  # 30 February (Luhn-correct, no such day)
        "2026-03-20",  # a date
        "2026-03-20 10:15",  # a timestamp
        "F-2026-0001",  # an invoice number
        "p-0123456789abcdef0123456789abcdef",  # a pseudonymous individual_ref
        "031-123 45 67",  # a phone number
        "amount_ore 1234567890123",  # thirteen digits
        "",
    ):
        assert not contains_personnummer(text), text


def test_the_check_digit_is_luhn_over_ten_digits() -> None:
    assert luhn_ok("0" * 10)
    assert not luhn_ok("0" * 9 + "1")
    assert check_digit("121212121") == "2"  # Tolvan, as above
