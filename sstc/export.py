"""CSV exactly as shown, safe to open in a spreadsheet: UTF-8 with BOM, formula injection neutralised."""

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a quote so spreadsheets show the text instead of running it (OWASP CSV injection advice)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
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
