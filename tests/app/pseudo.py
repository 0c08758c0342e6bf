"""What a page run in the pseudo-locale (`?lang=xx`) writes outside a catalog: every translated string comes back
inside ⟦ ⟧, so any other word on the page is either the data's own (titles, quotes, names: English by design), a
country's name, an acronym, or a string that does not go through `_()`.
"""

import html
import json
import re
from functools import cache

import yaml
from streamlit.testing.v1 import AppTest

from sstc import DEFAULT_DATA
from sstc.data import countries, i18n, m49, vocab

_INNER = re.compile(re.escape(i18n.OPEN) + "[^" + i18n.OPEN + i18n.CLOSE + "]*" + re.escape(i18n.CLOSE))
_WORD = re.compile(r"[^\W\d_]{2,}")
_ACRONYM = re.compile(r"^[A-Z0-9&\-]+s?$")  # SSTC, ITC-ILO, RBTC, COVID, P&B, ISO, M49, CSVs
_NOISE = re.compile(r"https?://\S+|:material/[a-z_]+:|\\|\u2060|&[a-z]+;|<[^>]+>")


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


@cache
def data_text() -> tuple[str, ...]:
    """Every text of the shipped dataset and every country and region name in English, longest first."""
    raw = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    found = {s.strip() for s in _strings(raw) if len(s.strip()) >= 3}
    for area in m49.table():
        found |= {area.iso3, countries.name(area.iso3), countries.full_name(area.iso3)}
    found.add(countries.KOSOVO_NAME)  # M49's area names are not here: the app shows them translated (m49.shown)
    titles = set(_titles(raw))  # a practice's short name may read as a theme's ("Sustainable tourism"): data still
    return tuple(sorted(found - (_vocabulary() - titles), key=len, reverse=True))


def _titles(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [v.strip() for k, v in node.items() if k in ("title", "short_name") and isinstance(v, str)]
        return own + [s for value in node.values() for s in _titles(value)]
    if isinstance(node, list):
        return [s for value in node for s in _titles(value)]
    return []


def _vocabulary() -> set[str]:
    """The controlled words (regions, outcomes, modalities, themes, roles, ...): the app derives them and shows
    them translated, so a page showing one in English is not showing the data's own text."""
    words: set[str] = set()
    for name in dir(vocab):
        if name.isupper():
            words |= set(_strings(_plain(getattr(vocab, name))))
    return {w for w in words if len(w) >= 3}


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return [*map(_plain, value.keys()), *map(_plain, value.values())]
    if isinstance(value, tuple | list | set | frozenset):
        return [_plain(v) for v in value]
    return value


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Each language's name in its own words (the selector's options), and the pseudo-locale's code when it is chosen.
_OWN_NAMES = {*i18n.NAMES.values(), i18n.PSEUDO}


def leftover(text: str) -> list[str]:
    """The words of `text` outside ⟦ ⟧ that are neither the data's, nor an acronym."""
    if text in _OWN_NAMES or text.lstrip().startswith("<style>"):
        return []
    text = re.sub(r'<span lang="en">.*?</span>', " ", text, flags=re.S)  # the sources' words, said to be English
    text = _ESCAPE.sub(r"\1", text.replace("\u2060", ""))
    while True:
        stripped = _INNER.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(re.escape(i18n.OPEN) + "[^" + i18n.CLOSE + "]*$", " ", text)  # a translated string cut short
    text = _NOISE.sub(" ", text)
    for known in data_text():
        if known in text:
            text = text.replace(known, " ")
    return [w for w in _WORD.findall(text) if not _ACRONYM.match(w)]


def texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every text an element of the page shows: values, labels, help, options, headers,
    a chart's titles and names."""
    found: list[tuple[str, str]] = []

    def add(kind: str, value: object) -> None:
        if isinstance(value, str) and value.strip():
            found.append((kind, value))

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                visit(child)
                walk(child)

    def visit(element: object) -> None:
        kind = getattr(element, "type", "?")
        proto = getattr(element, "proto", None)
        for field in ("label", "help", "placeholder", "body", "value"):
            try:
                value = getattr(element, field, None)
            except Exception:
                value = None
            if field == "value" and kind not in {"markdown", "caption", "title", "header", "subheader", "metric"}:
                continue
            add(kind, value)
        if kind in {"multiselect", "selectbox", "radio", "segmented_control", "pills"}:
            for option in getattr(element, "options", []) or []:
                add(kind + " option", option)
        if kind == "metric" and proto is not None:
            add("metric", proto.body)
            add("metric", proto.delta)
            add("metric", proto.help)
        if kind == "dataframe" and proto is not None:
            config = json.loads(proto.columns or "{}")
            try:
                shown = set(element.value.columns)
            except Exception:  # a frame AppTest cannot read: every configured column counts
                shown = set(config)
            for name, column in config.items():
                if name in shown and isinstance(column, dict) and not column.get("hidden"):
                    add("dataframe header", column.get("label") or name)
                    add("dataframe help", column.get("help"))
            add("dataframe", proto.placeholder)
        if kind == "table":
            try:
                for column in element.value.columns:
                    add("table header", str(column))
            except Exception:
                pass
        if kind == "plotly_chart" and proto is not None:
            spec = json.loads(proto.spec)
            layout = spec.get("layout", {})
            for key in ("title", "xaxis", "yaxis", "legend"):
                part = layout.get(key) or {}
                title = part.get("title") if key != "title" else part
                add("chart title", (title or {}).get("text") if isinstance(title, dict) else title)
            for trace in spec.get("data", []):
                add("chart trace", trace.get("name"))
        if kind == "html" and proto is not None:
            add("html", html.unescape(proto.body))
        if proto is not None and kind in {"expander", "tab"}:
            add(kind, getattr(proto, "label", None))

    walk(at._tree)
    return found


def untranslated(at: AppTest) -> list[tuple[str, str, list[str]]]:
    """(element type, its text, the words left) for every text that holds a word outside the catalogs."""
    out = []
    for kind, text in texts(at):
        words = leftover(text)
        if words:
            out.append((kind, text[:160], words[:8]))
    return out
