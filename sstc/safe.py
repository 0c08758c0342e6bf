"""The one way text from the data, the URL or an upload's name reaches the screen: one function per sink.

- `md`: anything Streamlit renders as Markdown (st.markdown, captions, notices, labels, metric help).
- `brief`: the planning brief, a Markdown file people also read raw, and preview in the app.
- `plot`: plotly titles, labels and hovers (plotly reads a subset of HTML in them).
- `link`: the only place a link is made, from a practice's `materials` (http or https only).

Streamlit's Markdown goes beyond CommonMark: GitHub's autolinks (`https://…`, `www.…`, `name@host.org` become
links), emoji shortcodes (`:smile:`), `:streamlit:` and `:material/icon:` images, `:red[…]` colour and other
directives, `$…$` LaTeX. Backslash escapes stop what the parser sees (links, images, HTML, emphasis, LaTeX,
directives, lists, headings, tables), but autolinks and shortcodes are found afterwards, in the text the
escapes leave behind. So those are broken with an invisible WORD JOINER (U+2060) after each `:`, before each
`@` and after `www`: nothing to see, nothing to click, and the words copy as written.
"""

import html
import re
from urllib.parse import quote, urlparse

JOINER = "\u2060"
_AUTO = re.compile(r":|@|(?i:www)(?=\.)")
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every one CommonMark lets a backslash escape
_INLINE = re.compile(r"([\\`*_\[\]<>|~#$&:])")  # what can start an inline construct (the brief)
_LINE_START = re.compile(r"^(\s*)(?:([-+=*])|(\d+)([.)]))", re.MULTILINE)


def _inert_words(text: str) -> str:
    """Break what Markdown would turn into a link, an emoji or an icon after escapes are read."""
    return _AUTO.sub(lambda m: m.group(0) + JOINER if m.group(0) != "@" else JOINER + "@", text)


def _lines(text: str) -> list[str]:
    """Lines without leading blanks: an indented line after a blank one would be a code block."""
    return [line.lstrip() for line in text.split("\n")]


def md(text: str) -> str:
    """Any text as inert Markdown: shown as written, never a link, image, HTML, formatting, emoji or formula."""
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", _inert_words(str(text)))
    return "  \n".join(_lines(escaped))


def _escape_line_start(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def brief(text: str, indent: str = "") -> str:
    """Lighter escaping for the brief, read raw as well: only what could format, link or inject.

    Continuation lines get `indent`, so multi-line text stays inside its list item.
    """
    escaped = _INLINE.sub(r"\\\1", _inert_words(str(text)))
    escaped = _LINE_START.sub(_escape_line_start, "\n".join(_lines(escaped)))
    return escaped.replace("\n", "  \n" + indent)


def plot(text: object) -> str:
    """Text for a plotly label or hover: HTML tags and entities shown as written, `$…$` never typeset."""
    return html.escape(str(text), quote=False).replace("$", "&#36;")


def link(title: str, url: str) -> str:
    """A Markdown link for http(s) URLs (from `materials` only); anything else is shown as inert text."""
    if urlparse(url).scheme.lower() not in {"http", "https"}:
        return f"{md(title)} ({md(url)})"
    safe_url = quote(url, safe=":/?#[]@!$&'*+,;=%-._~")
    safe_url = safe_url.replace("(", "%28").replace(")", "%29")
    return f"[{md(title)}]({safe_url})"
