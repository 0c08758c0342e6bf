"""The one way text from the data, the URL or an upload's name reaches the screen: one function per sink.

- `md`: anything Streamlit renders as Markdown (st.markdown, captions, notices, labels, metric help).
- the planning brief's Markdown: `present.md_text` (read raw as well; it makes the same words inert).
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


_TRIGGERS = re.compile(
    r":(?=[\w+-]+:)|:(?=[A-Za-z][\w-]*\[)|:(?=material/)|(?<=https):(?=//)|(?<=http):(?=//)"
    r"|(?i:www)(?=\.)|@(?=[\w-]+\.[\w.-]+)"
)


def inert_where_needed(text: str) -> str:
    """Like `inert`, but only where Streamlit would act (`:smile:`, `:red[`, `https://`, `www.`, `a@b.org`):
    for documents also read raw, which should keep ordinary colons as they are."""
    return _TRIGGERS.sub(lambda m: JOINER + "@" if m.group(0) == "@" else m.group(0) + JOINER, text)


def inert(text: str) -> str:
    """Break what Markdown would turn into a link, an emoji or an icon after escapes are read."""
    return _AUTO.sub(lambda m: m.group(0) + JOINER if m.group(0) != "@" else JOINER + "@", text)


def _lines(text: str) -> list[str]:
    """Lines without leading blanks: an indented line after a blank one would be a code block."""
    return [line.lstrip() for line in text.split("\n")]


def md(text: str) -> str:
    """Any text as inert Markdown: shown as written, never a link, image, HTML, formatting, emoji or formula."""
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", inert(str(text)))
    return "  \n".join(_lines(escaped))


def plot(text: object) -> str:
    """Text for a plotly label or hover: HTML tags and entities shown as written, `$…$` never typeset."""
    return html.escape(str(text), quote=False).replace("$", "&#36;")


def href(url: str) -> str:
    """The address a link opens: the data keeps `https:/host` as the compendium writes it; a browser would read
    one slash as a path on the app's own host, so the link gets two."""
    return re.sub(r"^(https?):/(?!/)", r"\1://", url, flags=re.IGNORECASE)


def link_target(url: str) -> str | None:
    """The percent-encoded address to link to, or None when the scheme is not http(s) (then shown as text)."""
    if urlparse(url).scheme.lower() not in {"http", "https"}:
        return None
    return quote(href(url), safe=":/?#[]@!$&'*+,;=%-._~").replace("(", "%28").replace(")", "%29")


def link(title: str, url: str) -> str:
    """A Markdown link for http(s) URLs (from `materials` only); anything else is shown as inert text."""
    target = link_target(url)
    if target is None:
        return f"{md(title)} ({md(url)})"
    return f"[{md(title)}]({target})"


def svg(text: object) -> str:
    """Text for SVG or HTML the server writes (the map): markup, entities and quotes shown as written."""
    return html.escape(str(text), quote=True)
