"""Synthetic datasets at N times the shipped size: same schema, valid, every cross-reference kept.

Copy k of every project gets id `<ID>-S<k>`, copy k of practice n gets number `n + k * 1000` and points at its
project's copy; activities are copied likewise. `meta` (stated figures, groups, funding sources) is unchanged.

Usage: python benchmarks/synth.py FACTOR OUT.yaml   (then: python -m sstc validate OUT.yaml)
"""

import copy
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sstc import DEFAULT_DATA  # noqa: E402

STEP = 1000  # practice numbers of copy k start at k * STEP


def _project_id(pid: str, k: int) -> str:
    return pid if k == 0 else f"{pid}-S{k}"


def _record_ref(ref: str | None, k: int) -> str | None:
    if ref is None or k == 0:
        return ref
    if ref.startswith("practice "):
        return f"practice {int(ref.split()[1]) + k * STEP}"
    return _project_id(ref, k)


def scale(data: dict, factor: int) -> dict:
    if factor < 1:
        raise ValueError("factor must be at least 1")
    out = {"meta": data["meta"], "projects": [], "practices": [], "activities": []}
    for k in range(factor):
        for project in data["projects"]:
            item = copy.deepcopy(project)
            item["id"] = _project_id(project["id"], k)
            item["practices"] = [n + k * STEP for n in project.get("practices", [])]
            out["projects"].append(item)
        for practice in data["practices"]:
            item = copy.deepcopy(practice)
            item["number"] = practice["number"] + k * STEP
            if practice.get("project"):
                item["project"] = _project_id(practice["project"], k)
            out["practices"].append(item)
        for activity in data.get("activities", []):
            item = copy.deepcopy(activity)
            item["id"] = activity["id"] if k == 0 else f"{activity['id']}-s{k}"
            item["record"] = _record_ref(activity.get("record"), k)
            out["activities"].append(item)
    return out


def heavy(data: dict, limit: int = 20_000, line: str = "word word word") -> dict:
    """Every practice's seven criteria texts and every project's description filled to `limit` characters (the
    schema's limit) with short lines: the valid dataset whose brief is the heaviest to lay out."""
    body = "\n".join([line] * (limit // (len(line) + 1)))
    out = copy.deepcopy(data)
    for practice in out["practices"]:
        practice["criteria"] = {name: body for name in practice["criteria"]}
    for project in out["projects"]:
        project["description"] = body
    return out


def write_heavy(target: Path, limit: int = 20_000) -> Path:
    data = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    text = yaml.safe_dump(heavy(data, limit), allow_unicode=True, sort_keys=False, width=120)
    target.write_text(text, encoding="utf-8")
    return target


def distinct(factor: int, count: int) -> list[bytes]:
    """`count` distinct valid files: the shipped dataset scaled by `factor`, written once, "(copy n)" added to its
    title (each upload a new file for the app's caches, at the cost of one YAML dump)."""
    data = scale(yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8")), factor)
    marker = "SSTC-DISTINCT-COPY"
    data["meta"] = {**data["meta"], "title": f"{data['meta']['title']} {marker}"}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return [text.replace(marker, f"(copy {n + 1})", 1).encode("utf-8") for n in range(count)]


def write(factor: int, target: Path) -> Path:
    data = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    text = yaml.safe_dump(scale(data, factor), allow_unicode=True, sort_keys=False, width=120)
    target.write_text(text, encoding="utf-8")
    return target


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    path = write(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
