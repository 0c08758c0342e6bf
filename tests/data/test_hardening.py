"""Bad input where it enters the data layer: YAML's implicit typing, aliases, oversized files, private addresses
in the sources and the CLI's exports."""

import re

import pytest

from sstc import DEFAULT_DATA
from sstc.analysis import transforms
from sstc.data.load import load_path, load_text, read_file
from sstc.data.privacy import find_emails
from sstc.data.problems import DatasetError
from sstc.data.tables import build
from sstc.documents.export import to_csv
from sstc.view import charts
from sstc.view.safe import link
from tests.conftest import SOURCES, public_addresses

# --- bad input, one test per class -----------------------------------------------------------------------------------


def problems_of(text: str) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_text(text, "x.yaml")
    return [str(p) for p in info.value.problems]


def test_oversized_file_is_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(65 * 2**20)  # sparse: nothing is written to disk
    with pytest.raises(DatasetError, match="the limit is 67,108,864"):
        read_file(huge)


def test_implicit_typing_no_becomes_false(shipped_yaml):
    (problem,) = problems_of(shipped_yaml.replace("short_name: SENAC virtual tour", "short_name: NO", 1))
    assert "short_name" in problem and "got bool False" in problem and "quote it" in problem


def test_implicit_typing_date_where_text_is_meant(shipped_yaml):
    (problem,) = problems_of(shipped_yaml.replace("short_name: SENAC virtual tour", "short_name: 2021-06-25", 1))
    assert "short_name" in problem and "got a date" in problem


def test_implicit_typing_1e3_is_text_not_a_number(shipped_yaml):
    kept = load_text(shipped_yaml.replace("short_name: SENAC virtual tour", "short_name: 1e3", 1), "x.yaml")
    assert "1e3" in {p.short_name for p in kept.practices}  # text stays verbatim, not 1000.0
    number = re.search(r"\n    value: \d+\n", shipped_yaml).group(0)
    (problem,) = problems_of(shipped_yaml.replace(number, "\n    value: 1e3\n", 1))
    assert "value" in problem and "write 1000" in problem


def test_impossible_date_is_located(shipped_yaml, dataset):
    (problem,) = problems_of(shipped_yaml.replace("start: '2023-07-10'", "start: 2023-07-99", 1))
    line = shipped_yaml.splitlines().index("    start: '2023-07-10'") + 1
    named = f"activities[{dataset.activities[1].id}]"  # the activity by its id, as the file names it
    assert problem.startswith(f"x.yaml:{line}: {named}.date.start: cannot read this value")


def test_alias_expansion_is_bounded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    (problem,) = problems_of(bomb)
    assert "expands to more than" in problem


def test_html_in_map_hover_is_escaped(dataset):
    tables = build(dataset)
    frame = transforms.coverage(tables).head(1).assign(record_titles="<b onmouseover=x>t</b>")
    figure = charts.coverage_map(frame, "t")
    hover = " ".join(str(t) for trace in figure.data for t in (trace.hovertext or []))
    assert "<b onmouseover" not in hover and "&lt;b onmouseover=x&gt;" in hover


def test_javascript_links_never_become_clickable(shipped_yaml):
    url = re.search(r"url: (https?://\S+)", shipped_yaml).group(1)
    (problem,) = problems_of(shipped_yaml.replace(f"url: {url}", "url: javascript:alert(1)", 1))
    assert "link scheme 'javascript' not allowed" in problem
    assert "](" not in link("click", "javascript:alert(1)")


def test_sources_hold_personal_addresses_the_app_must_not_show(dataset):
    found = {m.lower() for f in SOURCES.glob("*.txt") for m in find_emails(f.read_text(encoding="utf-8"))}
    assert found - {a.lower() for a in public_addresses(dataset)}, "the privacy scan needs private addresses to miss"


def test_no_private_address_in_the_dataset_or_the_cli_exports(dataset):
    allowed = {a.lower() for a in public_addresses(dataset)}
    assert {m.lower() for m in find_emails(DEFAULT_DATA.read_text(encoding="utf-8"))} <= allowed
    tables = build(load_path(DEFAULT_DATA))
    for name in ("records", "contacts", "criteria", "materials", "countries"):
        text = to_csv(tables.get(name)).decode("utf-8-sig")
        assert {m.lower() for m in find_emails(text)} <= allowed


# --- growth -------------------------------------------------------------------------------------------------------


def test_synthetic_datasets_are_valid_and_scale_every_table(tmp_path, dataset, tables):
    from benchmarks.synth import write

    path = write(3, tmp_path / "x3.yaml")
    bigger = load_path(path)
    assert len(bigger.projects) == 3 * len(dataset.projects) and len(bigger.practices) == 3 * len(dataset.practices)
    scaled = build(bigger)
    for name in ("records", "countries", "funding", "outcomes", "dates", "criteria"):
        assert len(scaled.get(name)) == 3 * len(tables.get(name)), name
