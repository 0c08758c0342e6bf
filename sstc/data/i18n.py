"""The interface's language: the words the app writes, in English, French or Spanish (issue 26).

Every string the app writes goes through `_` (or `ngettext`, `pgettext`, `counted` in sstc.view.labels); the
catalogs are the `.po` files under `locales/<language>/LC_MESSAGES/`, one per area of the code (its domain), read
with Babel on first use: no compiled catalog is kept or built (`make catalogs` extracts and updates them). The
msgid is the English text itself, so English needs no catalog and an English page is exactly what it was.

The language is the current run's (a context variable: Streamlit runs each session's script in its own thread;
a document worker is told it). The data's own text (titles, quotes, notes) is never translated: the sources wrote
it in English. What the app derives from it (roles, modalities, statuses, outcome names) is.

`PSEUDO` ("xx") is the tests' pseudo-locale: every translated string comes back inside ⟦ ⟧, so a page run in it
shows at a glance (and to a test) any string that does not go through a catalog.
"""

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cache
from gettext import c2py
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import NumberPattern, format_percent, parse_pattern

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
ENGLISH = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
# Each language in its own words, for the selector.
NAMES: dict[str, str] = {"en": "English", "fr": "Français", "es": "Español"}
PSEUDO = "xx"
OPEN, CLOSE = "⟦", "⟧"

_current: ContextVar[str] = ContextVar("sstc_language", default=ENGLISH)


def language() -> str:
    """The current run's language code."""
    return _current.get()


def known(code: str | None) -> str | None:
    """`code` if the app speaks it (the pseudo-locale included), else None: a URL's `lang=` is read through this."""
    if code is None:
        return None
    code = code.strip().lower()
    return code if code in LANGUAGES or code == PSEUDO else None


def set_language(code: str) -> None:
    """Make `code` the language of everything this run (this thread's context) writes from now on."""
    _current.set(known(code) or ENGLISH)


@contextmanager
def using(code: str) -> Iterator[None]:
    """Within the block, write in `code` (a document made for a reader, a test)."""
    token = _current.set(known(code) or ENGLISH)
    try:
        yield
    finally:
        _current.reset(token)


def from_accept_language(header: str | None) -> str:
    """The first language of a browser's Accept-Language header (or Streamlit's `st.context.locale`) that the app
    speaks; English when none is."""
    for part in sorted(
        ((piece.split(";")[0].strip(), _quality(piece)) for piece in (header or "").split(",") if piece.strip()),
        key=lambda pair: -pair[1],
    ):
        code = known(part[0].split("-")[0].split("_")[0])
        if code and code != PSEUDO:
            return code
    return ENGLISH


def _quality(piece: str) -> float:
    """A language range's weight (`;q=0.8`); one that cannot be read counts for nothing."""
    match = re.search(r";\s*q=([^;,]*)", piece)
    if not match:
        return 1.0
    try:
        return float(match.group(1))
    except ValueError:
        return 0.0


# --- catalogs --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Messages:
    """Every message of every domain of one language: (context, msgid) -> translation, plurals apart, and the
    language's plural rule as its catalogs state it (gettext's C expression)."""

    singles: dict[tuple[str | None, str], str]
    plurals: dict[tuple[str | None, str], tuple[str, ...]]
    plural: Callable[[int], int]


@cache
def _catalog(code: str) -> _Messages:
    """A fuzzy or empty translation is not one: the English is shown (and the completeness test fails)."""
    singles: dict[tuple[str | None, str], str] = {}
    plurals: dict[tuple[str | None, str], tuple[str, ...]] = {}
    rule = "(n != 1)"
    for path in sorted((LOCALES_DIR / code / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        rule = catalog.plural_expr
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, tuple):
                forms = tuple(message.string)
                if all(forms):
                    plurals[(message.context, message.id[0])] = forms
            elif message.string:
                singles[(message.context, message.id)] = message.string
    return _Messages(singles, plurals, c2py(rule))


def pgettext(context: str | None, message: str) -> str:
    """`message` in the current language; `context` tells two uses of the same English words apart."""
    code = _current.get()
    if code == ENGLISH:
        return message
    if code == PSEUDO:
        return f"{OPEN}{message}{CLOSE}"
    return _catalog(code).singles.get((context, message), message)


def _(message: str) -> str:
    """`message` (English, the msgid) in the current language."""
    return pgettext(None, message)


gettext = _


def N_(message: str) -> str:
    """Marks `message` for the catalogs where it is defined (a module constant), to be translated where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that agrees with `n`, in the current language."""
    code = _current.get()
    english = singular if n == 1 else plural
    if code == ENGLISH:
        return english
    if code == PSEUDO:
        return f"{OPEN}{english}{CLOSE}"
    messages = _catalog(code)
    forms = messages.plurals.get((None, singular))
    if not forms:
        return english
    return forms[min(messages.plural(n), len(forms) - 1)]


# --- formats ---------------------------------------------------------------------------------------------------


def _locale() -> str:
    code = _current.get()
    return code if code in LANGUAGES else ENGLISH


def number(value: float, digits: int = 0) -> str:
    """A count or an amount as the language writes it: 1,234 / 1 234 / 1.234."""
    if digits == 0 and isinstance(value, int) and _current.get() in (ENGLISH, PSEUDO):
        return f"{value:,}"  # what Babel writes in English, without its 0.2 ms a call (a page counts dozens)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return _pattern(pattern).apply(value, _babel_locale(_locale()))


@cache
def _pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def figure(n: int) -> str:
    """A count inside a sentence: as the language writes it; in English as the app always wrote it (4400, not
    4,400), so an English page reads as it did."""
    return str(n) if _current.get() == ENGLISH else number(n)


def percent(share: float, digits: int = 0) -> str:
    """A share (0.25) as the language writes a percentage: 25% / 25 % / 25 %."""
    return format_percent(round(share, digits + 2), locale=_locale(), decimal_quantization=False)


def day(value: date, style: str = "medium") -> str:
    """A date as the language writes it (7 Dec 2026 / 7 déc. 2026 / 7 dic 2026)."""
    return format_date(value, format=style, locale=_locale())


# --- sorting ---------------------------------------------------------------------------------------------------

_SPANISH_ENYE = str.maketrans({"ñ": "n\uffff", "Ñ": "N\uffff"})


def collation_key(text: str) -> tuple[str, str]:
    """A sort key close to the language's collation without ICU: accents ignored first (é sorts with e, not after
    z), then used to break ties; in Spanish ñ is its own letter after n."""
    if _current.get() == "es":
        text = text.translate(_SPANISH_ENYE)
    folded = unicodedata.normalize("NFKD", text.casefold())
    base = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return base, folded
