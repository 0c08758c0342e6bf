"""YAML with safe_load semantics, plus what PyYAML lacks: duplicate-key refusal and a line for every path."""

import yaml

from .problems import Path, Problem

# Alias "billion laughs" guard: a document may expand to at most MAX_NODES plus one node per NODE_CHARS characters
# of its text. The shipped dataset has ~10k nodes in 140 kB (one per ~14 characters); a bomb is tiny text that
# expands to millions, and is stopped as soon as the walk passes its budget.
MAX_NODES = 200_000
NODE_CHARS = 8
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: same nodes, faster


def node_budget(text: str) -> int:
    return MAX_NODES + len(text) // NODE_CHARS


class _Budget(Exception):
    pass


def _walk(
    node: yaml.Node, path: Path, lines: dict[Path, int], dups: list[tuple[Path, int, int]], seen: list[int]
) -> None:
    seen[0] -= 1
    if seen[0] < 0:
        raise _Budget
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        first: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            line = key_node.start_mark.line + 1
            if key in first:
                dups.append((path + (key,), line, first[key]))
            else:
                first[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, dups, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), lines, dups, seen)


def parse(text: str, file: str) -> tuple[object, dict[Path, int], list[Problem]]:
    """Return (data, path -> line, problems); data is None when the problems make it unusable."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return None, {}, [Problem(file, line, "(syntax)", f"malformed YAML: {message}")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(file, 1, "(syntax)", f"malformed YAML: {exc}")]
    if node is None:
        return None, {}, [Problem(file, 1, "(document)", "the file is empty")]
    lines: dict[Path, int] = {}
    dups: list[tuple[Path, int, int]] = []
    budget = node_budget(text)
    try:
        _walk(node, (), lines, dups, [budget])
    except _Budget:
        return (
            None,
            {},
            [
                Problem(
                    file,
                    1,
                    "(document)",
                    f"the document expands to more than {budget:,} nodes (anchors and aliases used to inflate it?)",
                )
            ],
        )
    if dups:
        from .problems import dotted

        return (
            None,
            lines,
            [
                Problem(
                    file,
                    line,
                    dotted(path),
                    f"duplicate key (first defined on line {first}); YAML would keep only the last",
                )
                for path, line, first in dups
            ],
        )
    loader = yaml.SafeLoader(text)
    try:
        data = loader.construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
        line, path = _failing_scalar(node, lines)
        return None, lines, [Problem(file, line, path, f"cannot read this value: {exc}")]
    finally:
        loader.dispose()
    return data, lines, []


def _failing_scalar(root: yaml.Node, lines: dict[Path, int]) -> tuple[int, str]:
    """Line and field of the first scalar PyYAML cannot construct (e.g. the date 2021-02-30)."""
    from .problems import dotted

    reverse = {line: path for path, line in lines.items()}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)
            except (yaml.YAMLError, ValueError, OverflowError, TypeError):
                line = node.start_mark.line + 1
                return line, dotted(reverse[line]) if line in reverse else "(value)"
        elif isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in reversed(node.value) for child in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return 1, "(document)"


def line_for(path: Path, lines: dict[Path, int]) -> int:
    """Line of the deepest known prefix of path (pydantic paths may go deeper than the YAML does)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
