"""The identifiers the service hands out, and how to recognise them.

Every identifier the service generates is a short type prefix, ``_`` and 16 random lowercase
letters from a 20-letter alphabet (no vowels but ``y``, no digits): ``dsp_kqzvtbhrmxwcdnpg``.
An identifier with no digits at all can never hold a personnummer, so the guard never refuses
one (and skips it in microseconds). API keys are built the same way: ``smv_``, the key's id
(16 letters), ``_`` and 45 random letters (256 bits).

Identifiers of the first releases (``dsp_d337206042454ee8``: 12–24 lowercase hex digits, and
keys ``smv_<12 hex>_<43 base64url>``) stay valid: :func:`is_service_id` and :func:`is_api_key`
recognise both forms, so the guard leaves them alone in the places they belong.
"""

from __future__ import annotations

import re
import secrets
import string

#: The alphabet of generated identifiers: no digits, no vowels (so no words) but ``y``.
ID_ALPHABET = "bcdfghjkmnpqrstvwxyz"
ID_LENGTH = 16  # 20**16 ≈ 2**69
KEY_ALPHABET = string.ascii_letters
KEY_SECRET_LENGTH = 45  # 52**45 ≈ 2**256
#: The type prefixes: dispute, placement, deviation, cost agreement, cost entry, API key,
#: notification.
PREFIXES = ("dsp", "plc", "dev", "cag", "cst", "key", "ntf")

_PREFIX = "(?:" + "|".join(PREFIXES) + ")"
_NEW_ID = f"{_PREFIX}_[{ID_ALPHABET}]{{{ID_LENGTH}}}"
_OLD_ID = f"{_PREFIX}_[0-9a-f]{{12,24}}"
SERVICE_ID = re.compile(f"(?:{_NEW_ID}|{_OLD_ID})")
#: a path segment that is wholly a service identifier
SERVICE_ID_SEGMENT = re.compile(f"(?<![^/])(?:{_NEW_ID}|{_OLD_ID})(?![^/])")
API_KEY = re.compile(
    f"smv_(?:[{ID_ALPHABET}]{{{ID_LENGTH}}}_[A-Za-z]{{{KEY_SECRET_LENGTH}}}"
    r"|[0-9a-f]{12}_[A-Za-z0-9_-]{43})"
)
#: An ETag the service sends: ``"<id>.<revision>"`` (``W/`` allowed, as clients may echo it).
ETAG = re.compile(f'(?:W/)?"(?:{_NEW_ID}|{_OLD_ID})\\.[0-9]{{1,12}}"')


def _sampler(alphabet: str) -> tuple[bytes, bytes]:
    """A ``bytes.translate`` table and the bytes it deletes: a random byte below the largest
    multiple of the alphabet's size maps to a letter (uniformly); the rest are dropped."""
    size = len(alphabet)
    limit = 256 - 256 % size
    table = bytes(ord(alphabet[b % size]) if b < limit else 0 for b in range(256))
    return table, bytes(range(limit, 256))


_ID_SAMPLER = _sampler(ID_ALPHABET)
_KEY_SAMPLER = _sampler(KEY_ALPHABET)


def _random_letters(count: int, sampler: tuple[bytes, bytes]) -> str:
    table, dropped = sampler
    letters = b""
    while len(letters) < count:  # a draw short of letters is rare; draw again
        letters = secrets.token_bytes(2 * count).translate(table, dropped)
    return letters[:count].decode("ascii")


def new_id(prefix: str) -> str:
    """A fresh identifier of type ``prefix`` (one of :data:`PREFIXES`)."""
    if prefix not in PREFIXES:
        raise ValueError(f"unknown identifier prefix {prefix!r}")
    return f"{prefix}_{_random_letters(ID_LENGTH, _ID_SAMPLER)}"


def new_api_key() -> tuple[str, str]:
    """A fresh API key and its id: ``(key, key_id)``; the key embeds the id."""
    key_id = new_id("key")
    secret = _random_letters(KEY_SECRET_LENGTH, _KEY_SAMPLER)
    return f"smv_{key_id[4:]}_{secret}", key_id


def is_service_id(text: str) -> bool:
    """Whether ``text`` is wholly an identifier of the service (either form)."""
    return SERVICE_ID.fullmatch(text) is not None


def is_api_key(text: str) -> bool:
    """Whether ``text`` is wholly an API key of the service (either form)."""
    return API_KEY.fullmatch(text) is not None


def is_etag(text: str) -> bool:
    """Whether ``text`` is wholly one ETag the service sends."""
    return ETAG.fullmatch(text.strip()) is not None
