"""Hostile files, one test per class of issue 14: bounded work, privacy everywhere, refuse never crash.

Hostile inputs are generated here, not shipped. The slow ones are measured with a generous bound (the issue's:
under 10 s and 600 MB for any file under the upload limit) and print their figures.
"""

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.cli import main as cli
from sstc.data import privacy, worker
from sstc.data.load import MAX_UPLOAD_BYTES, load_text, read_file
from sstc.data.problems import MAX_PROBLEMS, DatasetError
from sstc.data.yamlio import MAX_DEPTH
from sstc.documents.export import neutralise, to_csv

ONE_LINE = re.compile(r"^[^\n]+:\d+: [^\n]+: [^\n]+$")
TEN_MB = 10_000_000
FIRST_TITLE = "  title: SSTC capacity-building for delivering SDGs\n"  # the first project's title, one line


def problems_of(text: str) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_text(text, "x.yaml")
    lines = [str(p) for p in info.value.problems]
    assert all(ONE_LINE.match(line) for line in lines), lines  # PATH:LINE: field: message, one line each
    return lines


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def with_title(shipped: str, value: str) -> str:
    assert FIRST_TITLE in shipped
    return shipped.replace(FIRST_TITLE, f"  title: {value}\n", 1)


# --- 1. the e-mail scan is linear ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,text",
    [
        ("letters", "a" * TEN_MB),
        ("digits", "7" * TEN_MB),
        ("a@a@a@…", "a@" * (TEN_MB // 2)),
        ("one @ then b.b.b…", "a@" + "b." * (TEN_MB // 2)),
        ("64-letter names, no domain", ("a" * 64 + "@b ") * (TEN_MB // 67)),
        ("entities", "&#64;" * (TEN_MB // 5)),
        ("full-width", "ａ＠" * (TEN_MB // 2)),
    ],
)
def test_email_scan_of_10_mb_is_fast(name, text):
    started = time.perf_counter()
    privacy.find_emails(text)
    seconds = time.perf_counter() - started
    print(f"e-mail scan, 10 MB of {name}: {seconds:.2f} s")
    assert seconds < 10


def test_email_scan_grows_linearly():
    """Doubling the text must not quadruple the time (the old pattern: 40,000 characters 1.7 s, 250,000 38 s)."""

    def timed(n: int) -> float:
        text = ("a" * 50 + "@" + "b" * 50 + " ") * (n // 102)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            privacy.find_emails(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = timed(1_000_000), timed(4_000_000)
    print(f"e-mail scan: 1 MB {small * 1000:.0f} ms, 4 MB {large * 1000:.0f} ms")
    assert large < 10 * small  # linear: ~4x; quadratic would be ~16x


# --- 1, 2, 6: the worst files under the upload limit, read by the worker -----------------------------------------


def worst_cases() -> dict[str, str]:
    shipped = DEFAULT_DATA.read_text(encoding="utf-8")
    room = MAX_UPLOAD_BYTES - len(shipped.encode()) - 100
    half = MAX_UPLOAD_BYTES // 2 - 10

    def records(item: str) -> str:  # a list of projects filling the upload limit
        return "meta: x\nprojects: [" + item * ((MAX_UPLOAD_BYTES - 100) // len(item)) + "]\npractices: []\n"

    laughs = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))
    wide = "".join(f"  k{i:07}: {'v' * 28}\n" for i in range((MAX_UPLOAD_BYTES - 100) // 48))
    return {
        "a 4.9 MB run of letters in a title": with_title(shipped, "a" * room),
        "a 4.9 MB run of digits in a title": with_title(shipped, "'" + "1" * room + "'"),
        "4.9 MB of a@a@a@ in a title": with_title(shipped, "'" + "a@" * (room // 2 - 1) + "'"),
        "one 1 MB string aliased 1,000 times": f"s: &s '{'x' * 1_000_000}'\nl: [{', '.join(['*s'] * 1000)}]\n",
        "a billion laughs": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + laughs,
        "2.5 million nested [": "a: " + "[" * half + "]" * half,
        "2.5 million nested -": "a:\n" + "- " * half + "x\n",
        "a recursive anchor": "a: &a [*a]\n",
        "5 MB of empty mappings": records("{}, "),
        "200,000 wrong-typed records": records("'abcdefghijklmnopqrstu', "),
        "200,000 e-mail addresses": records("'jo@example-domain.org', "),
        "200,000 unknown countries": shipped.replace(
            "participant: [ETH]", "participant: [" + "XXXXXXXXXXXXXXXXXXXXXX, " * (room // 24) + "]", 1
        ),
        "100,000 unknown keys": "meta:\n" + wide,
    }


WORST = worst_cases()


@pytest.mark.parametrize("name", list(WORST))
def test_worst_upload_is_refused_within_10_s_and_600_mb(name):
    raw = WORST[name].encode("utf-8")
    assert len(raw) <= MAX_UPLOAD_BYTES
    outcome = worker.read_upload(raw, "worst.yaml")
    print(f"{name}: {len(raw) / 1e6:.2f} MB read in {outcome.seconds:.2f} s, peak {outcome.peak_bytes / 2**20:.0f} MiB")
    assert outcome.dataset is None and outcome.problems
    assert "took longer" not in outcome.problems[0].message and "memory" not in outcome.problems[0].message
    assert outcome.seconds < 10 and outcome.peak_bytes < 600 * 2**20
    assert len(outcome.problems) <= MAX_PROBLEMS
    assert all(ONE_LINE.match(str(p)) for p in outcome.problems)


def test_reading_an_upload_costs_the_server_process_almost_no_cpu():
    """Streamlit runs every session in the server's one interpreter: what it spends reading an upload, every
    other user waits for. The worker spends it in its own process."""
    raw = WORST["200,000 e-mail addresses"].encode("utf-8")
    started = time.process_time()
    outcome = worker.read_upload(raw, "worst.yaml")
    server_cpu = time.process_time() - started
    started = time.process_time()
    with pytest.raises(DatasetError):
        load_text(raw.decode("utf-8"), "worst.yaml")
    in_process_cpu = time.process_time() - started
    print(f"reading in the worker: {outcome.seconds:.2f} s, {server_cpu:.2f} s of the server's CPU; "
          f"in the server's process: {in_process_cpu:.2f} s of its CPU")  # fmt: skip
    assert server_cpu < 0.25 < in_process_cpu


def test_a_valid_upload_comes_back_from_the_worker(dataset):
    outcome = worker.read_upload(DEFAULT_DATA.read_bytes(), "mine.yaml")
    assert outcome.problems == [] and outcome.dataset == dataset
    assert len(outcome.tables.records) == len(dataset.projects) + len(dataset.practices)


def test_the_worker_stops_a_slow_file():
    outcome = worker.read_upload(DEFAULT_DATA.read_bytes(), "slow.yaml", time_limit=0.001)
    assert outcome.dataset is None
    assert outcome.problems[0].message.startswith("reading the file took longer than 0.001 s")


@pytest.mark.parametrize("memory", [2**20, 64 * 2**20])  # refused in Python (MemoryError), or in Rust (abort)
def test_the_worker_stops_a_file_that_needs_too_much_memory(memory):
    outcome = worker.read_upload(WORST["200,000 wrong-typed records"].encode("utf-8"), "big.yaml", memory=memory)
    assert outcome.dataset is None
    assert re.match(
        r"reading the file (needs more than \d+ MiB of memory|ran out of memory)", outcome.problems[0].message
    )


def test_alias_amplification_is_bounded_by_characters_not_only_values():
    text = "s: &s '" + "x" * 100_000 + "'\nl: [" + ", ".join(["*s"] * 100) + "]\n"
    (problem,) = problems_of(text)
    assert problem.startswith("x.yaml:2: l[") and "aliases expand the document to more than" in problem


# --- 3. privacy everywhere -------------------------------------------------------------------------------------------

ADDRESS_FIELDS = [
    ("title: SSTC capacity-building for delivering SDGs", "title: 'SSTC by {}'", "projects[LAC-SDG].title"),
    ("short_name: SENAC virtual tour", "short_name: 'SENAC, write {}'", "practices[number 6].short_name"),
    ("institution: ", "institution: {} ", "contacts[0].institution"),
    ("    source: compendium", "    source: compendium {}", "source"),
    ("  name: ", "  name: {} ", "meta.groups."),
    ("detail: ", "detail: {} ", "funding["),
    ("- label: ", "- label: {} ", "label"),
    ("    note: Due to", "    note: {} Due to", "covid.note"),
    ("    role: Director", "    role: Director {}", "contacts[0].role"),
]
DISGUISES = ["jane.doe@example.org", "jane&commat;example.org", "jane\u200b@example.org", "jane＠example.org",
             "jane@exämple.org", "jane%40example.org"]  # fmt: skip


@pytest.mark.parametrize("disguise", DISGUISES)
def test_an_address_is_refused_however_disguised(shipped_yaml, disguise):
    text = with_title(shipped_yaml, f"'SSTC, write to {disguise}'")
    (problem,) = problems_of(text)
    assert problem.startswith(f"x.yaml:{line_of(text, disguise)}: projects[LAC-SDG].title: contains an e-mail address")


@pytest.mark.parametrize("old,new,field", ADDRESS_FIELDS)
def test_an_address_is_refused_in_every_kind_of_field(shipped_yaml, old, new, field):
    assert old in shipped_yaml
    text = shipped_yaml.replace(old, new.format("jane.doe@example.org"), 1)
    problems = problems_of(text)
    assert any(
        p.startswith(f"x.yaml:{line_of(text, 'jane.doe@example.org')}: ") and field in p and "e-mail address" in p
        for p in problems
    ), problems


def test_an_address_in_an_activity_or_a_key_is_refused(shipped_yaml):
    act = re.search(r"\n- id: (\S+)\n  title: ", shipped_yaml[shipped_yaml.index("\nactivities:") :])
    text = shipped_yaml.replace(act.group(0), act.group(0) + "mail jane@example.org ", 1)
    assert f"activities[{act.group(1)}].title: contains an e-mail address" in "\n".join(problems_of(text))
    text = shipped_yaml.replace("  groups:\n", "  groups:\n    jane@example.org: {name: Jane}\n", 1)
    assert any("a key holds an e-mail address" in p for p in problems_of(text))


def test_only_public_contacts_may_hold_an_address(shipped_yaml, dataset):
    public = [c for p in dataset.practices for c in p.contacts if c.email]
    assert len(public) == 2 and all(c.email_public for c in public)  # the shipped dataset passes
    text = shipped_yaml.replace("email_public: true", "email_public: false", 1)
    assert any("needs email_public: true" in p for p in problems_of(text))


# --- 6, 10. refuse, never crash; every problem located on one line ---------------------------------------------------


def validate_cli(tmp_path: Path, text: str | bytes) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "bad.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return subprocess.run(
        [sys.executable, "-m", "sstc", "validate", str(path)], capture_output=True, text=True, cwd=ROOT_DIR, timeout=60
    )


@pytest.mark.parametrize(
    "name,text,line,words",
    [
        ("deep flow", "a:\n  b: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, f"nests deeper than {MAX_DEPTH}"),
        ("deep block", "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 1200)) + "\n", MAX_DEPTH, "nests"),
        ("recursive anchor", "x: 1\na: &a\n  b: [*a]\n", 3, "recursive"),
        ("a tag on a list", "meta:\n  title: !!str [a, b]\n", 2, "yaml tag !!str is not allowed"),
        ("an unknown tag", "meta:\n  title: !python/object:os.system x\n", 2, "is not allowed"),
        ("a bad merge key", "meta:\n  documents: {}\n  <<: 5\n", 3, "merge key (<<) takes a mapping"),
        ("a NUL byte", "meta:\n  title: a\x00b\n", 2, "u+0000 is not allowed"),
        ("an undefined alias", "meta:\n\n  title: *nowhere\n", 3, "names no anchor"),
        ("a second document", "meta: {}\n---\nmeta: {}\n", 2, "single document"),
    ],
)
def test_structural_problems_are_refused_at_their_line(tmp_path, name, text, line, words):
    result = validate_cli(tmp_path, text)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr, result.stderr[-500:]
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'bad.yaml'}:{line}: ") and words in first.casefold(), result.stdout
    assert all(ONE_LINE.match(ln) for ln in result.stdout.splitlines())


@pytest.mark.parametrize("key", ["on", "yes", "null", "No", "~"])
def test_a_key_yaml_reads_as_a_boolean_or_null_points_at_the_key(shipped_yaml, key):
    text = shipped_yaml.replace("  short_name: SENAC virtual tour\n", f"  short_name: SENAC virtual tour\n  {key}: x\n")
    problems = problems_of(text)
    assert any(p.startswith(f"x.yaml:{line_of(text, f'  {key}: x')}: ") and "quote it" in p for p in problems)


def test_a_2_mb_bad_value_is_echoed_clipped_once(shipped_yaml):
    text = with_title(shipped_yaml, "[" + "x" * 2_000_000 + "]")
    problems = problems_of(text)
    assert len("\n".join(problems)) < 1000 and "2,000,000 characters" not in "".join(problems[1:])


def test_a_file_with_many_problems_lists_the_first_200(shipped_yaml):
    text = shipped_yaml.replace("participant: [ETH]", "participant: [" + ", ".join(["XX"] * 5000) + "]", 1)
    with pytest.raises(DatasetError) as info:
        load_text(text, "x.yaml")
    assert len(info.value.problems) == MAX_PROBLEMS and info.value.more == 5000 - MAX_PROBLEMS
    assert str(info.value).endswith(f"... and {5000 - MAX_PROBLEMS:,} more problems not listed: fix these first")


# --- 8. dates and numbers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,words",
    [
        ("'2021-13'", "no month 13"),
        ("'2021-00'", "no month 0"),
        ("'0000'", "year 0 is outside"),
        ("'9999'", "year 9999 is outside"),
        ("'2021-02-30'", "not a calendar date"),
        ("2021-06-25T10:00:00+02:00", "a date and time"),
        ("'2021-06-25 '", ""),  # surrounding blanks are fine
        ("'21-06'", "expected a date"),
    ],
)
def test_dates_must_be_real_calendar_dates_the_timeline_can_draw(shipped_yaml, dataset, value, words):
    text = shipped_yaml.replace("start: '2023-07-10'", f"start: {value}", 1)
    if not words:
        assert load_text(text, "x.yaml")
        return
    (problem,) = problems_of(text)
    where = f"x.yaml:{line_of(text, f'start: {value}')}: activities[{dataset.activities[1].id}].date.start: "
    assert problem.startswith(where)
    assert words in problem


@pytest.mark.parametrize("value", [".nan", "-.inf", ".inf", "1.0e+16"])
def test_stated_numbers_are_finite(shipped_yaml, value):
    old = "  - label: Workshop duration\n    value: 2\n"
    text = shipped_yaml.replace(old, f"  - label: Workshop duration\n    value: {value}\n", 1)
    (problem,) = problems_of(text)
    assert problem.startswith(f"x.yaml:{line_of(text, f'value: {value}')}: projects[") and "must be finite" in problem


def test_shares_are_finite(shipped_yaml):
    (problem,) = problems_of(shipped_yaml.replace("    share: 75\n", "    share: .nan\n", 1))
    assert "share" in problem


# --- 9. an empty dataset ----------------------------------------------------------------------------------------------


def test_an_empty_dataset_is_refused_with_a_reason(shipped_yaml, tmp_path, capsys):
    data = yaml.safe_load(shipped_yaml)
    empty = {**data, "projects": [], "practices": [], "activities": []}
    (problem,) = problems_of(yaml.safe_dump(empty, allow_unicode=True, sort_keys=False))
    assert "no projects and no practices" in problem
    path = tmp_path / "empty.yaml"
    path.write_text(yaml.safe_dump(empty, allow_unicode=True), encoding="utf-8")
    assert cli(["export", "reconciliation", "--data", str(path)]) == 1
    assert "no projects and no practices" in capsys.readouterr().err


# --- 11. files and limits ------------------------------------------------------------------------------------------


def test_a_device_is_refused_without_reading_it():
    started = time.perf_counter()
    with pytest.raises(DatasetError, match="not a regular file"):
        read_file("/dev/zero")
    assert time.perf_counter() - started < 1


def test_a_file_larger_than_its_stat_size_is_cut_at_the_limit():
    assert Path("/proc/self/maps").stat().st_size == 0  # a regular file whose size on disk says nothing
    with pytest.raises(DatasetError, match="file is more than 100 bytes"):
        read_file("/proc/self/maps", max_bytes=100)


def test_the_upload_limits_agree():
    """Streamlit's uploader counts 10**6 bytes to the MB outside Windows: max_upload_size=5 is 5,000,000 bytes."""
    config = (ROOT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r"^maxUploadSize = (\d+)$", config, re.MULTILINE).group(1) == str(MAX_UPLOAD_BYTES // 10**6)
    assert MAX_UPLOAD_BYTES == 5 * 10**6


# --- 12. CSV ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "＝1+1", "﹦1", "＋1", "－1", "＠SUM(A1)", "−1", " =1", "\t=1", "-5 apples"])
def test_formula_starts_and_look_alikes_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-5", "+3.5", "-0.25", "-1e3", "text", "x=1"])
def test_numbers_and_plain_text_are_kept(cell):
    assert neutralise(cell) == cell


def test_every_csv_cell_and_header_goes_through_the_rule():
    import pandas as pd

    csv = to_csv(pd.DataFrame({"＝h": ["＝cmd", "-7"]}), bom=False).decode("utf-8")
    assert csv.splitlines() == ["'＝h", "'＝cmd", "-7"]
