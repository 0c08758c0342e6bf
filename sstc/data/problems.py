"""A validation problem located in the source file: the one error type users ever see.

Every problem is one line, `PATH:LINE: field: message`, whatever the input: values echoed in a message are
clipped (`clip`) and a message is folded onto one line and capped, so a 2 MB value or a multi-line YAML error
never floods a terminal or a page.
"""

import re
import reprlib
from dataclasses import dataclass

Path = tuple[object, ...]
MAX_PROBLEMS = 200  # listed per file; past this, one line says how many more there are
MAX_MESSAGE = 300
MAX_FIELD = 120
_SPACE = re.compile(r"\s+")


_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxlevel = 80, 80, 6, 4, 2


def clip(value: object, limit: int = 60) -> str:
    """repr() of a value users wrote, at most about `limit` characters: enough to find it, never all of it.

    reprlib stops early in long strings and lists, so a 5 MB value costs no more than a short one.
    """
    text = _SHORT.repr(value)
    if len(text) <= limit:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[: limit - 1]}…{size}"


def _one_line(text: str, limit: int) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", _one_line(self.file, MAX_FIELD))
        object.__setattr__(self, "field", _one_line(self.field, MAX_FIELD))
        object.__setattr__(self, "message", _one_line(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def key_text(part: object) -> str:
    """A key as users search their file for it; keys YAML read as true/false/null/numbers say so."""
    if isinstance(part, str):
        return _one_line(part, 40)
    if part is None or isinstance(part, bool):
        return str(part).lower().replace("none", "null")
    return _one_line(repr(part), 40)


def dotted(path: Path) -> str:
    """`practices[3].countries.participant[0]`, the form users search their file for."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += f".{key_text(part)}" if out else key_text(part)
    return out or "(document)"


class DatasetError(Exception):
    """Raised with every problem found at once (the first MAX_PROBLEMS by line); str() is the readable list.

    `more` counts problems found but not listed: a file with 400,000 bad values lists 200 and says so, rather
    than sending 400,000 lines to a terminal or a browser.
    """

    def __init__(self, problems: list[Problem], more: int = 0):
        ordered = sorted(problems, key=lambda p: (p.line, p.field))
        self.problems = ordered[:MAX_PROBLEMS]
        self.more = more + len(ordered) - len(self.problems)
        lines = [str(p) for p in self.problems]
        if self.more:
            lines.append(f"... and {self.more:,} more problem(s) not listed: fix these first")
        super().__init__("\n".join(lines))
