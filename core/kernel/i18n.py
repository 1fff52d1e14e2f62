"""The service's own words in Swedish (the default) and English, through Babel catalogues.

Messages are written in code in English (the msgid) and translated by
``core/locales/sv/LC_MESSAGES/messages.po``, shipped as package data and compiled in memory at
first use; English needs no catalogue. The language is the request's (``Accept-Language``,
chosen by the API's guard) or, outside a request, Swedish.

    from samverkan.kernel.i18n import _, N_
    raise InvalidInput(_("%(field)s must be on or before %(day)s", field=..., day=...))

- ``_(msgid, **params)``: the message in the current language, ``%(name)s`` placeholders filled.
- ``N_(msgid)``: marks a constant for extraction; translate it with ``_`` where it is used.
- ``both(msgid, **params)``: ``{"sv": …, "en": …}`` for a text stored once and shown later in
  the reader's language (``pick``).

A new message: write ``_("…")`` in code, run ``pybabel extract`` and ``pybabel update`` (the
commands are in docs/architecture.md, "Messages in two languages"), fill in the Swedish
``msgstr``; ``tests/kernel/test_i18n.py`` fails until every message has its translation.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib.resources import files
from pathlib import Path
from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT = "sv"
_language: ContextVar[str] = ContextVar("samverkan_language", default=DEFAULT)


@functools.cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: the msgids themselves).

    Compiling a ``.po`` with Babel takes a tenth of a second, so the result is kept beside it
    (``__pycache__/messages.<hash of the .po>.mo``, where the folder is writable) and read
    from there by the next process; a changed ``.po`` has another hash, so it is compiled anew.
    """
    po = files("samverkan") / "locales" / language / "LC_MESSAGES" / "messages.po"
    if language == "en" or not po.is_file():
        return gettext.NullTranslations()
    source = po.read_bytes()
    cached = None
    if isinstance(po, Path):
        digest = hashlib.sha256(source).hexdigest()[:16]
        cached = po.parent / "__pycache__" / f"messages.{digest}.mo"
        with contextlib.suppress(OSError):
            return gettext.GNUTranslations(io.BytesIO(cached.read_bytes()))
    compiled = _compile(source, language)
    if cached is not None:
        with contextlib.suppress(OSError):
            cached.parent.mkdir(exist_ok=True)
            for stale in cached.parent.glob("messages.*.mo"):
                stale.unlink(missing_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(compiled)
            partial.replace(cached)  # whole or not at all, whoever else writes it
    return gettext.GNUTranslations(io.BytesIO(compiled))


def _compile(source: bytes, language: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    read = read_po(io.BytesIO(source), locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, read, use_fuzzy=False)
    return compiled.getvalue()


def language() -> str:
    """The language answers are given in now."""
    return _language.get()


def set_language(value: str) -> None:
    """Answer in ``value`` (one of :data:`LANGUAGES`) from now on in this context."""
    _language.set(value if value in LANGUAGES else DEFAULT)


@contextmanager
def speaking(value: str) -> Iterator[None]:
    """Answer in ``value`` inside the block."""
    token = _language.set(value if value in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _language.reset(token)


def translate(message: str, language_: str, params: dict[str, Any]) -> str:
    """``message`` in ``language_``; a parameter given as ``{"sv": …, "en": …}`` (a thing's
    name in each language, see :func:`names`) is filled with its name in that language."""
    text = catalogue(language_).gettext(message)
    if not params:
        return text
    return text % {
        key: value[language_] if isinstance(value, dict) and set(value) == set(LANGUAGES) else value
        for key, value in params.items()
    }


def names(sv: str, en: str) -> dict[str, str]:
    """A thing's name in each language, as a message parameter (e.g. a tier's ``name`` and
    ``name_en``): each language's sentence gets its own, so no sentence mixes the two."""
    return {"sv": sv, "en": en or sv}


def _(message: str, /, **params: Any) -> str:
    """``message`` in the current language, its ``%(name)s`` placeholders filled."""
    return translate(message, _language.get(), params)


gettext_ = _


def N_(message: str, /) -> str:
    """Mark ``message`` for the catalogue; translate it with ``_`` where it is shown."""
    return message


def both(message: str, /, **params: Any) -> dict[str, str]:
    """The message in every language, for a text stored once and read in any language."""
    return {lang: translate(message, lang, params) for lang in LANGUAGES}


def pick(stored: Any) -> str:
    """A stored text in the current language: a ``both`` mapping, or a plain text as stored."""
    if isinstance(stored, dict):
        return str(stored.get(language()) or stored.get(DEFAULT) or next(iter(stored.values())))
    return "" if stored is None else str(stored)


@functools.lru_cache(maxsize=256)  # clients send the same few headers again and again
def negotiate(accept_language: str | None) -> str:
    """The language an ``Accept-Language`` header asks for (q-values honoured); Swedish when
    it names neither (or cannot be read)."""
    best, best_q = DEFAULT, -1.0
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _sep, rest = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in rest.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if primary == "*":
            primary = DEFAULT
        if primary in LANGUAGES and q > 0 and (q > best_q or (q == best_q and position == 0)):
            best, best_q = primary, q
    return best


def localised(value: Any) -> Any:
    """Stored data with each ``both`` mapping (``{"sv": …, "en": …}``) replaced by its text in
    the current language, at any depth."""
    if isinstance(value, dict):
        if value and set(value) == set(LANGUAGES):
            return pick(value)
        return {key: localised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [localised(item) for item in value]
    return value


def local(sv: str, en: str) -> str:
    """Of a thing's Swedish and English name, the one in the current language (e.g. a tier's
    ``name`` and ``name_en``), so that no sentence mixes the two."""
    return en if language() == "en" and en else sv


def stored_text(column: str | None) -> str:
    """A text column written with :func:`both` (as JSON) in the current language; a plain
    text (written before both languages were stored) as it is."""
    if column and column.startswith("{"):
        try:
            return pick(json.loads(column))
        except ValueError:
            return column
    return column or ""


def each(make: Any) -> dict[str, str]:
    """``make()`` (a text built with ``_``) in every language, e.g. as a :func:`both`
    parameter."""
    found = {}
    for lang in LANGUAGES:
        with speaking(lang):
            found[lang] = make()
    return found


def stored(message: str, /, **params: Any) -> str:
    """:func:`both`, as the JSON a text column stores (read with :func:`stored_text`)."""
    return json.dumps(both(message, **params), ensure_ascii=False)
