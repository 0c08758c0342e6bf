"""A validation problem located in the source file: the one error type users ever see.

Every problem is one line, `PATH:LINE: field: message`, whatever the input: values echoed in a message are
clipped (`clip`) and a message is folded onto one line and capped, so a 2 MB value or a multi-line YAML error
never floods a terminal or a page.
"""

import re
import reprlib
from collections import Counter
from dataclasses import dataclass

from sstc.data import i18n
from sstc.data.i18n import _, ngettext

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
    size = (
        " " + ngettext("({count} character)", "({count} characters)", len(value)).format(count=i18n.number(len(value)))
        if isinstance(value, str)
        else ""
    )
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


# The lists of records, and the field that names a record in each: a problem names its record by it.
RECORD_IDS = {"projects": "id", "practices": "number", "activities": "id"}
# An id shown as the record's name: one word users can search their file for, never one that reads as a position.
_READABLE_ID = re.compile(r"(?!\d+$)[^\W_][\w.:/-]{0,59}")


def position(kind: str, index: int) -> str:
    """`projects[#24]`: a record by its place, counted from 1 and marked with # so it never reads as an id."""
    return f"{kind}[#{index + 1}]"


def _label(kind: str, record: object) -> str | None:
    """The record's own name (`AFR-PES`, `number 15`), or None when it has no readable one."""
    value = record.get(RECORD_IDS[kind]) if isinstance(record, dict) else None
    if kind == "practices":
        return f"number {value}" if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(value, str) and _READABLE_ID.fullmatch(value.strip()):
        return value.strip()
    return None


class RecordNames:
    """Names the record a problem is in by its id, as users know it, not by a 0-based position they would have to
    count (issue 23). A record without a readable id, or sharing it with another, is named by its 1-based position.

    Built on the data as read from YAML (before validation), so records that fail validation are named too. The
    labels of a kind are counted once, so naming every problem of a file with 100,000 problems stays linear.
    """

    def __init__(self, data: object) -> None:
        self._data = data
        self._counts: dict[str, Counter[str | None]] = {}

    def _records(self, kind: str) -> list:
        records = self._data.get(kind) if isinstance(self._data, dict) else None
        return records if isinstance(records, list) else []

    def name(self, kind: str, index: int) -> str:
        """`projects[AFR-PES]`, `practices[number 15]`, or `projects[#24]` without a readable, unique id."""
        records = self._records(kind)
        if kind not in self._counts:
            self._counts[kind] = Counter(_label(kind, record) for record in records)
        label = _label(kind, records[index]) if 0 <= index < len(records) else None
        if label is None or self._counts[kind][label] > 1:
            return position(kind, index)
        return f"{kind}[{label}]"


def dotted(path: Path, names: RecordNames | None = None) -> str:
    """`practices[number 3].countries.participant[0]`, the form users search their file for.

    With `names`, a project, practice or activity is named by its id (see RecordNames); without, by its 0-based
    position in its list, as every other list item is.
    """
    out = ""
    if names is not None and len(path) >= 2 and path[0] in RECORD_IDS:
        index = path[1]
        if isinstance(index, int) and not isinstance(index, bool):
            out, path = names.name(str(path[0]), index), path[2:]
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            out += f".{key_text(part)}" if out else key_text(part)
    return out or _("(document)")


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
            lines.append(
                ngettext(
                    "... and {count} more problem not listed: fix these first",
                    "... and {count} more problems not listed: fix these first",
                    self.more,
                ).format(count=i18n.number(self.more))
            )
        super().__init__("\n".join(lines))
