"""YAML with safe_load semantics, plus what PyYAML lacks: duplicate-key refusal and a line for every path."""

import yaml

from .problems import Path, Problem

MAX_NODES = 200_000  # far above the shipped dataset (~10k); stops alias "billion laughs" expansion early


class _Budget(Exception):
    pass


def _walk(
    node: yaml.Node, path: Path, lines: dict[Path, int], dups: list[tuple[Path, int, int]], seen: list[int]
) -> None:
    seen[0] += 1
    if seen[0] > MAX_NODES:
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
        node = yaml.compose(text, Loader=yaml.SafeLoader)
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
    try:
        _walk(node, (), lines, dups, [0])
    except _Budget:
        return (
            None,
            {},
            [
                Problem(
                    file,
                    1,
                    "(document)",
                    f"the document expands to more than {MAX_NODES} nodes (anchors and aliases used to inflate it?)",
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
    except yaml.YAMLError as exc:
        return None, lines, [Problem(file, 1, "(document)", f"cannot build the document: {exc}")]
    finally:
        loader.dispose()
    return data, lines, []


def line_for(path: Path, lines: dict[Path, int]) -> int:
    """Line of the deepest known prefix of path (pydantic paths may go deeper than the YAML does)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1
