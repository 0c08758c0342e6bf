"""Finding e-mail addresses in text, in time linear in its length, however it is disguised.

Personal addresses must never reach a page or an export. A browser or a reader turns `name&commat;domain`,
`name＠domain`, a zero-width space inside the name or a domain in another script into a working address, so
the text is normalised first (entities, full-width forms, invisible characters, `%40`) and the address pattern
accepts any script. The pattern is anchored on `@` and every part of it is a single character class, so no
backtracking can go quadratic: `tests/test_hardening.py` times it on 10 MB of hostile text.
"""

import html
import re
import sys
import unicodedata
from functools import cache

# Word characters and the punctuation of a local part; `@` must follow one of them.
_LOCAL = r"[\w.%+\-'!#$&*/=?^`{|}~]"
_TLD = r"(?:[^\W\d_]{2,}|xn--[^\W_][\w-]*)"
# `@` after a local-part character, a label, a dot, then any run of label characters and dots: flat character
# classes only, so a failed match backtracks over one label at most. Whether a label after the first is a
# top-level domain is a second, single scan of the match.
_AT_DOMAIN = re.compile(r"(?<=" + _LOCAL + r")@[\w-]+\.[\w.-]*")
_HAS_TLD = re.compile(rf"\.{_TLD}")
_LOCAL_RUN = re.compile(rf"{_LOCAL}+")
# A public contact's mailbox: plain ASCII, so it shows (in a code span) exactly as it must be typed.
_MAILBOX = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MAX_ADDRESS = 254  # RFC 5321's limit on a forward path
_FULL_STOPS = str.maketrans({"\u3002": ".", "\uff61": ".", "\uff0e": "."})
_ENCODED_AT = re.compile(r"%40|\(at\)|\[at\]", re.IGNORECASE)


@cache
def _invisible() -> dict[int, None]:
    """Format and combining characters (zero-width space, joiners, soft hyphen, accents): dropped for the scan."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) in {"Cf", "Mn", "Me"}}


def normalise(text: str) -> str:
    """Text as a browser or mail client would read an address in it: decoded, folded, invisible marks removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "&" in text:
        text = html.unescape(text)
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
    if "%" in text or "[" in text or "(" in text:
        text = _ENCODED_AT.sub("@", text)
    if "@" in text and not text.isascii():
        text = text.translate(_invisible()).translate(_FULL_STOPS)
    return text


def find_emails(text: str) -> list[str]:
    """Every address-shaped string in the normalised text (local part clipped to 64 characters)."""
    plain = normalise(text)
    if "@" not in plain:
        return []
    found = []
    for match in _AT_DOMAIN.finditer(plain):
        if not _HAS_TLD.search(match.group(0)):
            continue
        before = plain[max(0, match.start() - 64) : match.start()][::-1]  # reversed: one forward match
        local = _LOCAL_RUN.match(before)
        name = local.group(0)[::-1].lstrip("'!#$&*/=?^`{|}~.%+-") if local else ""  # from the first letter or digit
        found.append(name + match.group(0))
    return found


def is_email(text: str) -> bool:
    """The whole text is one plain ASCII address (a public contact's mailbox)."""
    return len(text) <= MAX_ADDRESS and _MAILBOX.fullmatch(text) is not None
