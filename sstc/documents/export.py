"""CSV exactly as shown, safe to open in a spreadsheet: UTF-8 with BOM, formula injection neutralised.

The rule (OWASP's CSV injection advice, widened): a text cell whose first non-blank character starts a formula
in some spreadsheet gets a leading `'`, which shows the text as written and runs nothing. That is `=`, `+`, `-`,
`@`, a tab or a carriage return, and every look-alike a spreadsheet may read as one: full-width and small forms
(`＝`, `﹦`, `＋`, `－`, `＠`...: whatever Unicode's compatibility folding turns into those) and the minus signs
U+2212 and U+2796. A cell that is only a number (`-5`, `+3.5`, `-1e3`) is data, not a formula, and is kept.
"""

import re
import unicodedata

import pandas as pd

_FORMULA_START = frozenset("=+-@\t\r\n\u2212\u2796")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _starts_formula(text: str) -> bool:
    head = text.lstrip(" \u00a0\u3000")[:1]
    return bool(head) and (head in _FORMULA_START or unicodedata.normalize("NFKC", head)[:1] in _FORMULA_START)


def neutralise(value: object) -> object:
    """Prefix a quote so spreadsheets show the text instead of running it; numbers written as text stay as they are."""
    if isinstance(value, str) and _starts_formula(value) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    text = safe.to_csv(index=False, lineterminator="\r\n")
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def file_name(*parts: str, extension: str = "csv") -> str:
    """`sstc-countries-region-africa.csv`: says what the file holds and under which filter."""
    words = "-".join(p for p in parts if p)
    slug = "".join(ch if ch.isalnum() else "-" for ch in words.casefold())
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"sstc-{slug.strip('-')}.{extension}"
