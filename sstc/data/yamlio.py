"""YAML with safe_load semantics, built in one pass over the parser's events, with bounded work.

PyYAML composes a node graph (recursively, in C: a deep file crashes the process), then constructs Python
objects from it, and expands aliases as it goes. Here a single loop over libyaml's events builds the data, a
line for every path, and the duplicate-key check, while measuring the document as aliases expand it: its depth,
its values and its characters. A file that nests too deep, refers to itself (a recursive anchor) or expands past
its budget is refused at the line where it does so, and nothing it could multiply to is ever built. There is no
recursion, so no RecursionError either.

Scalars are resolved and constructed exactly as yaml.safe_load does (PyYAML's resolver and SafeConstructor);
anchors, aliases and merge keys (`<<`) work as there. Explicit tags other than the plain scalar ones (`!!str`,
`!!int`, ...) and non-text keys built from lists or mappings are refused: a dataset has no use for them.
"""

import re

import yaml
from yaml.constructor import SafeConstructor

from sstc.data import i18n
from sstc.data.i18n import N_, _
from sstc.data.problems import Path, Problem, RecordNames, dotted

# The shipped dataset has ~4,100 values in 140 kB (one per ~34 characters) and nests 6 levels deep. A document
# may expand to MAX_NODES plus one value per NODE_CHARS characters of its text, to its own length plus
# MAX_ALIAS_CHARS characters (a value cannot be longer than the text that spells it, so only aliases add
# characters), and nest MAX_DEPTH levels. Each value costs microseconds to parse and validate: the value budget
# is what keeps the worst 5 MB upload to a few seconds.
MAX_NODES = 50_000
NODE_CHARS = 24
MAX_ALIAS_CHARS = 1_000_000
MAX_DEPTH = 40
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: same events, faster
# YAML's printable set (spec 1.1, 5.1): everything else, NUL included, is refused before parsing, at its line.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_YAML = "tag:yaml.org,2002:"
_STR, _MERGE = _YAML + "str", _YAML + "merge"
_SCALAR_TAGS = {_YAML + t for t in ("str", "null", "bool", "int", "float", "timestamp", "binary")}
_COLLECTION_TAGS = {yaml.SequenceStartEvent: _YAML + "seq", yaml.MappingStartEvent: _YAML + "map"}
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = SafeConstructor()
_NO_KEY, _MERGE_KEY = object(), object()  # no key read yet; the key `<<`


def node_budget(text: str) -> int:
    return MAX_NODES + len(text) // NODE_CHARS


def char_budget(text: str) -> int:
    return len(text) + MAX_ALIAS_CHARS


class _Frame:
    """A list or mapping being built, and its size once aliases are expanded (an anchor may name it)."""

    __slots__ = ("chars", "first_line", "height", "key", "merges", "nodes", "open", "path", "value")

    def __init__(self, value: list | dict, path: Path):
        self.value, self.path = value, path
        self.nodes, self.chars, self.height, self.open = 1, 0, 1, True
        self.key: object = _NO_KEY  # a mapping's key waiting for its value
        self.first_line: dict[object, tuple[int, int]] = {}  # a mapping's keys, each's first line and column
        self.merges: list[tuple[int, object]] = []  # (line, value) of each `<<`

    def grow(self, nodes: int, chars: int, height: int) -> None:
        """Count a child of this size (once its aliases are expanded) into this collection's size."""
        self.nodes += nodes
        self.chars += chars
        self.height = max(self.height, height + 1)


class _Refused(Exception):
    def __init__(self, line: int, message: str, path: Path | None = None):
        self.line, self.message, self.path = line, message, path


def _short(tag: str) -> str:
    return tag.replace(_YAML, "!!")


def _scalar(event: yaml.ScalarEvent, line: int) -> object:
    """The scalar as yaml.safe_load builds it: `on` is True, `2021-06-25` a date, `'1'` the text 1."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _MERGE:
        return _MERGE_KEY
    if tag not in _SCALAR_TAGS:
        message = _("YAML tag {tag} is not allowed here (plain values, lists and mappings only)")
        raise _Refused(line, message.format(tag=_short(tag)))
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return SafeConstructor.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        reason = exc.problem if isinstance(exc, yaml.MarkedYAMLError) else exc
        raise _Refused(line, _("cannot read this value: {reason}").format(reason=reason)) from None


class _Builder:
    """The state of one pass: the open collections, the anchors, the budgets left, and what was found."""

    def __init__(self, text: str):
        self.budgets = node_budget(text), char_budget(text)
        self.nodes_left, self.chars_left = self.budgets
        self.stack: list[_Frame] = []
        # anchor -> (value, its frame if a collection, else None, and a scalar's characters)
        self.anchors: dict[str, tuple[object, _Frame | None, int]] = {}
        self.lines: dict[Path, int] = {}
        self.dups: list[tuple[Path, tuple[int, int], tuple[int, int]]] = []  # (path, where, where first)
        self.column = 1  # of the event being read: `place` records where a key is, not only its line
        self.root: object = None
        self.documents = 0

    def spend(self, nodes: int, chars: int, height: int, line: int) -> None:
        self.nodes_left -= nodes
        self.chars_left -= chars
        if self.nodes_left < 0:
            raise _Refused(
                line,
                _(
                    "the document expands to more than {count} values with its aliases "
                    "(the limit is {limit} plus one per {chars} characters of text)"
                ).format(count=i18n.number(self.budgets[0]), limit=i18n.number(MAX_NODES), chars=NODE_CHARS),
            )
        if self.chars_left < 0:
            raise _Refused(
                line,
                _("aliases expand the document to more than {count} characters (its own length plus {extra})").format(
                    count=i18n.number(self.budgets[1]), extra=i18n.number(MAX_ALIAS_CHARS)
                ),
            )
        if len(self.stack) + height > MAX_DEPTH:
            raise _Refused(line, _("nests deeper than {depth} levels").format(depth=MAX_DEPTH))

    def place(self, value: object, nodes: int, chars: int, height: int, line: int) -> Path:
        """Put a value (finished, or a collection just opened) where it belongs; return its path."""
        if not self.stack:
            self.root = value
            self.lines.setdefault((), line)
            return ()
        frame = self.stack[-1]
        frame.grow(nodes, chars, height)
        container = frame.value
        if value is _MERGE_KEY and not (type(container) is dict and frame.key is _NO_KEY):
            raise _Refused(line, _("<< is YAML's merge key; as a value, quote it"))
        if type(container) is list:
            path = (*frame.path, len(container))
            container.append(value)
            self.lines.setdefault(path, line)
            return path
        key = frame.key
        if key is _NO_KEY:  # this value is a key
            if type(value) is list or type(value) is dict:
                raise _Refused(line, _("a key must be text, not a list or a mapping"), frame.path)
            frame.key = value
            if value is _MERGE_KEY:
                return (*frame.path, "<<")
            path = (*frame.path, value)
            if value in frame.first_line:
                self.dups.append((path, (line, self.column), frame.first_line[value]))
            else:
                frame.first_line[value] = line, self.column
            self.lines[path] = line
            return path
        frame.key = _NO_KEY
        if key is _MERGE_KEY:
            path = (*frame.path, "<<")
            self.lines.setdefault(path, line)
            frame.merges.append((line, value))
        else:
            path = (*frame.path, key)
            self.lines.setdefault(path, line)
            container[key] = value
        return path

    def here(self) -> Path | None:
        """The path of the value being read: the next item of a list, or the value of the key just read."""
        if not self.stack:
            return None
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.path, len(frame.value))
        if frame.key is _NO_KEY:
            return frame.path
        return (*frame.path, frame.key if frame.key is not _MERGE_KEY else "<<")

    def merge(self, frame: _Frame) -> None:
        """Apply `<<` as SafeConstructor does: explicit keys win, then a later `<<` over an earlier one, and in a
        list of mappings the earlier mapping."""
        for line, value in frame.merges:
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(source, dict) for source in sources):
                message = _("a merge key (<<) takes a mapping or a list of mappings")
                raise _Refused(line, message, (*frame.path, "<<"))
            for source in reversed(sources):
                for key, item in source.items():
                    if key not in frame.first_line:
                        frame.value[key] = item
                        self.lines.setdefault((*frame.path, key), line)

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        line, self.column = event.start_mark.line + 1, event.start_mark.column + 1
        if kind is yaml.ScalarEvent:
            value, chars = _scalar(event, line), len(event.value)
            self.spend(1, chars, 1, line)
            self.place(value, 1, chars, 1, line)
            if event.anchor:
                self.anchors[event.anchor] = (value, None, chars)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag not in (None, "!", _COLLECTION_TAGS[kind]):
                message = _("YAML tag {tag} is not allowed here (plain lists and mappings only)")
                raise _Refused(line, message.format(tag=_short(event.tag)))
            self.spend(1, 0, 1, line)
            value: list | dict = [] if kind is yaml.SequenceStartEvent else {}
            frame = _Frame(value, self.place(value, 0, 0, 0, line))
            self.stack.append(frame)
            if event.anchor:
                self.anchors[event.anchor] = (value, frame, 0)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            if frame.merges:
                self.merge(frame)
            frame.open = False
            if self.stack:
                self.stack[-1].grow(frame.nodes, frame.chars, frame.height)
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                raise _Refused(
                    line,
                    _(
                        "at column {column}: alias *{anchor} names no anchor &{anchor} defined before "
                        "it (to write a value that starts with * as text, put it in quotes)"
                    ).format(column=self.column, anchor=event.anchor),
                )
            value, frame, chars = self.anchors[event.anchor]
            if frame is None:
                self.spend(1, chars, 1, line)
                self.place(value, 1, chars, 1, line)
            elif frame.open:
                message = _("alias *{anchor} refers to a collection that contains it (recursive)")
                raise _Refused(line, message.format(anchor=event.anchor))
            else:
                self.spend(frame.nodes, frame.chars, frame.height, line)
                self.place(value, frame.nodes, frame.chars, frame.height, line)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise _Refused(line, _("expected a single document in the file, but found another (---)"))


_HERE, _BEGUN = False, True  # where a problem is located: where YAML noticed it, or where its context began
# What libyaml (CSafeLoader) or PyYAML says, matched in order against "context, problem"; the words for a person
# (`{opened}` is where the context began: the bracket, the block; `{char}` the character), translated where used;
# and where to locate it. A key without a colon and a quote never closed are located where they begin: YAML notices
# them lines later.
_SAID = [
    (r"could not find expected ':'", N_("this line has no colon after its key: write `key: value`; if it continues "
     "the value above, indent it further or put the value in quotes"), _BEGUN),
    (r"escape|hexdecimal number", N_("a backslash in double quotes starts an escape (\\n, \\u00e9): write \\\\ "
     "for a backslash, or use single quotes"), _HERE),
    (r"quoted scalar, found unexpected", N_("a quote opened here is never closed: close it (inside '…' write '' for "
     'an apostrophe, inside "…" write \\")'), _BEGUN),
    (r"mapping values are not allowed", N_("a colon followed by a space inside a value: put the value in quotes (or, "
     "if this line starts a new key, indent it like the keys beside it)"), _HERE),
    (r"mapping keys are not allowed", N_("? starts a complex key in YAML: put the value in quotes"), _HERE),
    (r"sequence entries are not allowed", N_("'- ' starts a list item, which cannot follow a key on its line: put "
     "the item on the next line, indented, or put the value in quotes"), _HERE),
    (r"tab character|character '\\t'", N_("a tab character: YAML indents with spaces only; replace the tab with "
     "spaces"), _HERE),
    (r"character (.+?) that cannot start any token", N_("a value cannot start with {char} in YAML: put the value in "
     "quotes"), _HERE),
    (r"while scanning an? (anchor|alias)", N_("& and * start an anchor or an alias in YAML: to write them as text, "
     "put the value in quotes"), _HERE),
    (r"while (scanning|parsing) a tag", N_("! starts a YAML tag: put the value in quotes"), _HERE),
    (r"block scalar", N_("only - , + or a digit may follow | or > on its line, and the text goes on the lines below, "
     "indented with spaces"), _HERE),
    (r"expected ',' or '\]'", N_("a list in [ ] (opened on {opened}) is not closed here: separate its items with "
     "commas, close it with ], and quote an item holding a colon, comma or bracket"), _HERE),
    (r"expected ',' or '}'", N_("a mapping in { } (opened on {opened}) is not closed here: separate its entries with "
     "commas, close it with }, and quote a value holding a colon, comma or brace"), _HERE),
    (r"node content", N_("a value inside [ ] or { } is missing or starts with a character YAML reserves: close the "
     "brackets opened before it, or put the value in quotes"), _HERE),
    (r"expected key|expected '-' indicator|expected <block end>", N_("this line does not line up with the block it "
     "is in (begun on {opened}): indent keys and `- ` items like the ones beside them"), _HERE),
    (r"document start", N_("more text after the document ended: remove the `...` or `---` line above, or indent "
     "this line under its key"), _HERE),
    (r"directive", N_("a line that starts with % is a YAML directive: start it otherwise, or put the value in "
     "quotes"), _HERE),
]  # fmt: skip
_AFTER_QUOTE = N_(
    "text after a closing quote: quote the whole value once (inside '…' write '' for an apostrophe, inside \"…\" "
    'write \\" for a quote)'
)


def _where(mark: yaml.Mark | None) -> str:
    if mark is None:
        return _("an earlier line")
    return _("line {line}, column {column}").format(line=mark.line + 1, column=mark.column + 1)


def _at(text: str, mark: yaml.Mark, offset: int = 0) -> str:
    """The character at a mark (libyaml does not say which one cannot start a token); marks count characters."""
    lines = text.split("\n", mark.line + 1)
    row = lines[mark.line] if mark.line < len(lines) else ""
    column = mark.column + offset
    return row[column] if 0 <= column < len(row) else ""


def _plain(exc: yaml.MarkedYAMLError, said: str, text: str) -> tuple[yaml.Mark | None, str | None]:
    """Where the problem is and what it is in plain words, or None when it is not one of the common ones."""
    here = exc.problem_mark or exc.context_mark
    char = _at(text, here) if here else ""
    # libyaml's "found character that cannot start any token" names no character: name it as PyYAML does
    said = said.replace("found character that", f"found character {char!r} that")
    if here and re.search(r"expected key|expected <block end>", said) and _at(text, here, -1) in ("'", '"'):
        return here, _(_AFTER_QUOTE)
    for pattern, words, begun in _SAID:
        if re.search(pattern, said):
            mark = (exc.context_mark or here) if begun else here
            return mark, _(words).replace("{char}", repr(char)).replace("{opened}", _where(exc.context_mark))
    return here, None


def _syntax(file: str, exc: yaml.YAMLError, text: str) -> Problem:
    """A syntax error in plain words beside YAML's own (`mapping values are not allowed in this context` says little
    to most people), at the line and column it is about."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem(file, 1, _("(syntax)"), _("malformed YAML: {error}").format(error=exc))
    said = ", ".join(str(part) for part in (exc.context, exc.problem) if part)
    mark, words = _plain(exc, said, text)
    where = _("malformed YAML at column {column}").format(column=mark.column + 1) if mark else _("malformed YAML")
    if words:
        message = _("{where}: {words} (YAML said: {said})").format(where=where, words=words, said=said)
    else:
        message = f"{where}: {said}"
    return Problem(file, mark.line + 1 if mark else 1, _("(syntax)"), message)


def parse(text: str, file: str) -> tuple[object, dict[Path, int], list[Problem]]:
    """Return (data, path -> line, problems); data is None when the problems make it unusable."""
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        message = _("character {code} is not allowed in YAML").format(code=f"U+{ord(bad.group()):04X}")
        return None, {}, [Problem(file, line, _("(file)"), message)]
    builder = _Builder(text)
    try:
        for event in yaml.parse(text, Loader=_PARSER):
            builder.feed(event)
    except _Refused as exc:
        path = exc.path if exc.path is not None else builder.here()
        field = dotted(path, RecordNames(builder.root)) if path else _("(document)")
        return None, builder.lines, [Problem(file, exc.line, field, exc.message)]
    except yaml.YAMLError as exc:
        return None, builder.lines, [_syntax(file, exc, text)]
    if builder.documents == 0:
        return None, {}, [Problem(file, 1, _("(document)"), _("the file is empty"))]
    if builder.dups:
        return None, builder.lines, _duplicate_keys(file, builder)
    return builder.root, builder.lines, []


def _duplicate_keys(file: str, builder: _Builder) -> list[Problem]:
    """Every key given twice in one mapping, where it is given again and where first: safe_load keeps the last."""
    names = RecordNames(builder.root)
    return [
        Problem(
            file,
            line,
            dotted(path, names),
            _(
                "duplicate key at column {column} (first defined on line {first}, column {first_column}); "
                "YAML would keep only the last: remove one"
            ).format(column=column, first=first, first_column=first_column),
        )
        for path, (line, column), (first, first_column) in builder.dups
    ]


def line_for(path: Path, lines: dict[Path, int]) -> int:
    """Line of the deepest known prefix of path (pydantic paths may go deeper than the YAML does)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
