"""A plan as a file and as a link: it round-trips exactly, and anything else is refused with located problems (file,
line, field) or, from a link, with one plain notice, never an exception."""

import base64
import datetime as dt
import hashlib
import time
import zlib

import pytest

from sstc.data import planfile
from sstc.data.planfile import (
    MAX_ITEMS,
    MAX_NOTE,
    MAX_PLAN_BYTES,
    PRIORITIES,
    SCHEMA,
    STATUSES,
    Plan,
    PlanItem,
    check_against,
    dump,
    from_param,
    load_bytes,
    to_param,
)
from sstc.data.problems import DatasetError

TITLE, VERSION, DIGEST = "ILO SSTC projects and good practices", "2.4", "abc123def456"
HOSTILE = ("=cmd|' /C calc'!A0", "<script>alert(1)</script>", '=HYPERLINK("http://x.example","click")')


def plan(*items: PlanItem, version: str = VERSION, digest: str = DIGEST) -> Plan:
    return Plan(
        dataset_title=TITLE, dataset_version=version, dataset_digest=digest, made=dt.date(2024, 5, 1), items=list(items)
    )


def item(key: str, order: int, **fields: object) -> PlanItem:
    return PlanItem(key=key, order=order, **fields)


def three() -> Plan:
    return plan(
        item("practice:9", 1, priority="high", targets=["GTM", "Central America"], lead="ILO San José"),
        item("project:LAC-TVET", 2, note="Ask the regional office first.\nThen the ministry.", status="proposed"),
        item("practice:3", 3, priority="low", targets=["group:sids"], status="agreed"),
    )


HEAD = f"""\
schema: {SCHEMA}
dataset_title: {TITLE}
dataset_version: '{VERSION}'
dataset_digest: {DIGEST}
made: 2024-05-01
items:
"""


def problems_of(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(DatasetError) as info:
        load_bytes(raw, "plan.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The line of the nth occurrence of needle."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1


# --- the file round-trips ----------------------------------------------------------------------------------------


def test_a_plan_round_trips_exactly_with_unicode_multi_line_notes_every_priority_and_status():
    """What the app writes, the app reads back as the same plan: the file is the plan's only storage."""
    items = [
        item(
            f"practice:{n}", n, priority=priority, status=status, targets=["BRA", "Southern Asia", "group:global-south"]
        )
        for n, (priority, status) in enumerate(((p, s) for p in PRIORITIES for s in STATUSES), start=1)
    ]
    items.append(
        item(
            "project:AFR-PES",
            len(items) + 1,
            lead="Bureau régional pour l'Afrique — 非洲",
            note="Première ligne: à voir.\n\n  - not a list, just text\n# not a comment\nyes\n2021-06-25",
        )
    )
    original = plan(*items)
    again = load_bytes(dump(original), "x.yaml")
    assert again == original
    assert {i.priority for i in again.items} == set(PRIORITIES) and {i.status for i in again.items} == set(STATUSES)
    assert again.items[-1].note.splitlines()[-2:] == ["yes", "2021-06-25"]  # text, not a boolean or a date


def test_items_are_kept_in_their_order_whatever_order_they_are_given_in():
    """The order field is the plan's order: a plan given out of order equals the same plan in order."""
    shuffled = plan(item("practice:2", 2), item("practice:1", 1), item("practice:5", 7))
    assert [i.key for i in shuffled.items] == ["practice:1", "practice:2", "practice:5"]
    assert load_bytes(dump(shuffled), "x.yaml") == shuffled


def test_the_file_starts_with_two_comment_lines_naming_the_dataset():
    """A person who finds the file later can tell what it is and what to do with it."""
    first, second, third = dump(three()).decode("utf-8").splitlines()[:3]
    assert first == (
        f"# SSTC plan for 2022-2023, made with the SSTC dashboard on the dataset {TITLE} version {VERSION} (#{DIGEST})."
    )
    assert second == "# Upload it on the Shortlist and brief page to carry on; the app never stores it."
    assert third == f"schema: {SCHEMA}"


def test_none_fields_are_left_out_and_a_title_cannot_break_out_of_its_comment():
    """A title holding a line break stays in the comment line, and round-trips as it was."""
    odd = Plan(
        dataset_title="Title\nschema: evil",
        dataset_version="v",
        dataset_digest="abcdef",
        made=dt.date(2024, 1, 1),
        items=[item("practice:1", 1)],
    )
    text = dump(odd).decode("utf-8")
    assert text.splitlines()[0].startswith("# SSTC plan") and "Title schema: evil version v" in text.splitlines()[0]
    assert "lead" not in text and "note" not in text
    assert load_bytes(dump(odd), "x.yaml") == odd


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_kept_verbatim_as_text(hostile):
    """Spreadsheet formulas and markup are text: kept as written (the app and the exports escape them)."""
    written = plan(item("practice:1", 1, note=hostile, lead=hostile))
    assert load_bytes(dump(written), "x.yaml").items[0].note == hostile
    by_hand = load_bytes((HEAD + f"- key: practice:1\n  order: 1\n  note: {hostile!r}\n").encode(), "x.yaml")
    assert by_hand.items[0].note == hostile


# --- the file is refused, at its line ------------------------------------------------------------------------------

ITEMS = """\
- key: practice:9
  order: 1
- key: practice:3
  order: 2
  priority: high
- key: project:LAC-TVET
  order: 3
  priority: urgent
"""


def test_a_wrong_priority_is_located_at_its_item_and_line():
    (problem,) = problems_of(HEAD + ITEMS)
    assert problem.startswith(f"plan.yaml:{line_of(HEAD + ITEMS, 'urgent')}: items[2].priority: ")
    assert "'high', 'medium' or 'low'" in problem


def test_a_duplicate_key_is_located_at_the_second_item():
    text = HEAD + ITEMS.replace("urgent", "low").replace("project:LAC-TVET", "practice:9")
    (problem,) = problems_of(text)
    assert problem.startswith(f"plan.yaml:{line_of(text, '- key: practice:9', 2)}: items[2].key: ")
    assert "twice in the plan (first at items[0])" in problem


def test_a_duplicate_order_is_located_at_the_second_item():
    text = HEAD + ITEMS.replace("urgent", "low").replace("order: 3", "order: 2")
    (problem,) = problems_of(text)
    assert problem.startswith(f"plan.yaml:{line_of(text, 'order: 2', 2)}: items[2].order: ")
    assert "order 2 is twice in the plan (first at items[1])" in problem


def test_a_duplicate_is_refused_when_the_plan_is_built_in_python_too():
    with pytest.raises(ValueError, match="twice in the plan"):
        plan(item("practice:1", 1), item("practice:1", 2))
    with pytest.raises(ValueError, match="order 1 is twice"):
        plan(item("practice:1", 1), item("practice:2", 1))


def test_a_file_without_a_schema_is_not_a_plan():
    (problem,) = problems_of(HEAD.replace(f"schema: {SCHEMA}\n", "") + ITEMS)
    assert problem.startswith("plan.yaml:1: schema: not an SSTC plan")


def test_a_file_of_another_schema_is_refused_with_one_problem():
    text = HEAD.replace(SCHEMA, "sstc-plan/2") + "- whatever: 1\n"
    (problem,) = problems_of(text)
    assert problem.startswith(
        "plan.yaml:1: schema: schema is 'sstc-plan/2'; this app reads plans of schema sstc-plan/1"
    )


def test_a_dataset_file_is_not_a_plan():
    (problem,) = problems_of("meta:\n  title: x\nprojects: []\n")
    assert "not an SSTC plan" in problem


def test_an_unknown_field_is_located():
    text = HEAD + ITEMS.replace("urgent", "low").replace("  priority: high\n", "  priorty: high\n")
    (problem,) = problems_of(text)
    assert problem.startswith(f"plan.yaml:{line_of(text, 'priorty')}: items[1].priorty: unknown field")


def test_too_many_items_are_refused():
    text = HEAD + "".join(f"- key: practice:{n}\n  order: {n}\n" for n in range(1, MAX_ITEMS + 2))
    (problem,) = problems_of(text)
    assert problem.startswith("plan.yaml:6: items: ") and f"at most {MAX_ITEMS} items" in problem


def test_a_note_over_the_limit_is_refused_at_its_line():
    text = HEAD + ITEMS.replace("urgent", "low") + f"  note: {'x' * (MAX_NOTE + 1)}\n"
    (problem,) = problems_of(text)
    assert problem.startswith(f"plan.yaml:{line_of(text, 'note:')}: items[2].note: ")
    assert f"at most {MAX_NOTE} characters" in problem
    assert load_bytes((HEAD + ITEMS.replace("urgent", "low") + f"  note: {'x' * MAX_NOTE}\n").encode(), "x")


@pytest.mark.parametrize(
    ("field", "value", "at", "words"),
    [
        ("key", "practice:nine!", "key", "practice:N or project:ID"),
        ("key", "'practice:'", "key", "practice:N or project:ID"),
        ("order", "0", "order", "greater than or equal to 1"),
        ("order", "'3'", "order", "valid integer"),
        ("order", "true", "order", "valid integer"),
        ("targets", "[Atlantis]", "targets[0]", "ISO alpha-3"),
        ("targets", "[GTM, GTM]", "targets", "listed twice"),
        ("targets", "GTM", "targets", "valid list"),
        ("status", "done", "status", "'idea', 'proposed' or 'agreed'"),
        ("lead", "[a, b]", "lead", "valid string"),
        ("note", "no", "note", "got bool False"),
    ],
)
def test_bad_values_are_located(field, value, at, words):
    """Each bad value at the line of its field, named as the file names it (items counted from 0)."""
    fields = {"key": "project:LAC-TVET", "order": "3", field: value}
    text = HEAD + ITEMS.split("- key: project:LAC-TVET")[0] + "- " + "\n  ".join(f"{k}: {v}" for k, v in fields.items())
    (problem,) = problems_of(text + "\n")
    assert problem.startswith(f"plan.yaml:{line_of(text, f'{field}: {value}')}: items[2].{at}: ") and words in problem


def test_a_file_over_the_limit_is_refused_without_being_parsed(monkeypatch):
    """200 kB is room for any plan; past it the file is refused before any YAML work is spent on it."""

    def never(*args):
        raise AssertionError("parsed")

    monkeypatch.setattr(planfile, "parse", never)
    started = time.perf_counter()
    (problem,) = problems_of(b"#" * (MAX_PLAN_BYTES + 1))
    assert time.perf_counter() - started < 0.1
    assert problem.startswith("plan.yaml:1: (file): file is 200,001 bytes; a plan file is at most 200,000")


def test_a_file_that_is_not_utf_8_is_refused_at_its_line():
    (problem,) = problems_of(HEAD.encode() + b"- key: practice:1\n  order: 1\n  note: caf\xe9\n")
    assert problem == "plan.yaml:9: (file): not UTF-8 text"


def test_a_yaml_syntax_error_is_located():
    text = HEAD + "- key: practice:1\n  order: 1\n  note: 'never closed\n"
    (problem,) = problems_of(text)
    assert problem.startswith("plan.yaml:9: (syntax): malformed YAML")


def test_a_python_tag_is_refused_and_nothing_runs(tmp_path):
    """yaml.load with a full loader would run os.system here; the plan reader refuses the tag."""
    proof = tmp_path / "ran"
    for tagged in (
        f"  note: !!python/object/apply:os.system ['touch {proof}']\n",
        f"  note: !!python/object/apply:os.system\n    args: ['touch {proof}']\n",
        "  note: !!python/name:os.system ''\n",
    ):
        (problem,) = problems_of(HEAD + "- key: practice:1\n  order: 1\n" + tagged)
        assert problem.startswith("plan.yaml:9: items[0].note: YAML tag !!python/") and "is not allowed" in problem
    assert not proof.exists()


def test_an_alias_bomb_is_refused_by_the_limits():
    """Nine levels of ten aliases each would be a billion values; refused before they are built."""
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
    )
    started = time.perf_counter()
    (problem,) = problems_of(bomb)
    assert time.perf_counter() - started < 2
    assert "expands to more than" in problem


def test_a_list_or_text_is_not_a_plan():
    for text in ("- a\n- b\n", "just text\n"):
        (problem,) = problems_of(text)
        assert problem.startswith("plan.yaml:1: (document): expected a plan")


def test_a_plan_too_big_for_its_file_is_never_written():
    """200 items with the longest notes would not fit in a plan file: dump refuses rather than write a file the app
    would refuse to read back."""
    big = plan(*(item(f"practice:{n}", n, note="é" * MAX_NOTE) for n in range(1, MAX_ITEMS + 1)))
    with pytest.raises(ValueError, match="more than the 200,000 a plan file may have"):
        dump(big)


# --- against the dataset on show ---------------------------------------------------------------------------------


def test_check_against_leaves_out_unknown_records_with_a_notice_and_renumbers():
    kept, notices = check_against(three(), {"practice:9", "practice:3", "practice:1"}, VERSION, DIGEST)
    assert [(i.key, i.order) for i in kept.items] == [("practice:9", 1), ("practice:3", 2)]
    assert kept.items[1].status == "agreed" and kept.dataset_digest == DIGEST
    assert notices == ["Item project:LAC-TVET of the plan names no record of this dataset: left out."]


def test_check_against_the_same_dataset_says_nothing():
    keys = {i.key for i in three().items}
    assert check_against(three(), keys, VERSION, DIGEST) == (three(), [])
    assert check_against(three(), keys, VERSION, DIGEST[:6])[1] == []  # a shortened digest of the same file


def test_check_against_another_version_warns():
    made = plan(item("practice:9", 1), version="2.4", digest="abc123")
    kept, notices = check_against(made, {"practice:9"}, "2.5", "def456")
    assert kept.items == made.items
    assert notices == [
        "This plan was made on version 2.4 (#abc123) of the dataset; you are looking at version 2.5 (#def456): "
        "check its items."
    ]


# --- the link -------------------------------------------------------------------------------------------------------


def test_a_small_plan_round_trips_through_a_link():
    value = to_param(three())
    assert value is not None and len(value) <= 1500
    assert set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    again, notices = from_param(value, TITLE, VERSION, DIGEST)
    assert notices == [] and again.items == three().items
    assert (again.dataset_title, again.dataset_version, again.dataset_digest) == (TITLE, VERSION, DIGEST)


def test_a_plan_too_big_for_a_link_has_none():
    """A long plan goes in a file: a link of more than 1,500 characters is not offered."""
    notes = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(1, 40)]  # text that does not compress
    assert to_param(plan(*(item(f"practice:{n}", n, note=note) for n, note in enumerate(notes, start=1)))) is None
    assert to_param(plan(*(item(f"practice:{n}", n, note=note) for n, note in enumerate(notes[:5], start=1))))


def encoded(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("!!!", "characters a plan link never has"),
        ("", "it is empty"),
        ("A", "cut short or changed"),
        ("x" * 4001, "4,001 characters long"),
        (encoded(b"not zlib at all, just bytes"), "cut short or changed"),
        (encoded(zlib.compress(b"[{'k':")), "cut short or changed"),
        (encoded(zlib.compress(b"[]")[:-3]), "cut short or changed"),
        (encoded(zlib.compress(b"[]") + b"more"), "cut short or changed"),
        (encoded(zlib.compress(b'{"k": "practice:1"}')), "no list of items"),
        (encoded(zlib.compress(b'[{"k": "practice:1", "o": 1, "x": 2}]')), "a field a plan link never has"),
        (encoded(zlib.compress(b'[{"k": "practice:1", "o": 1, "p": "urgent"}]')), "items[0].priority"),
        (encoded(zlib.compress(b'[{"k": "practice:1", "o": 1}, {"k": "practice:1", "o": 2}]')), "twice in the plan"),
        (encoded(zlib.compress(b"[" * 50_000 + b"]" * 50_000)), "cut short or changed"),
        (encoded(zlib.compress(b"[" + b"9" * 5000 + b"]")), "cut short or changed"),
        (encoded(zlib.compress(b"\0" * 2_000_000, 9)), "unpacks to more than 100,000 bytes"),
        (encoded(zlib.compress(b"\0" * 10_000_000, 9)), "characters long"),
    ],
)
def test_a_garbled_link_gives_one_notice_quickly_and_never_raises(value, words):
    started = time.perf_counter()
    got, notices = from_param(value, TITLE, VERSION, DIGEST)
    assert time.perf_counter() - started < 0.5
    assert got is None and len(notices) == 1
    assert notices[0].startswith("The plan in this link could not be read") and words in notices[0], notices


def test_hostile_text_survives_a_link_verbatim():
    value = to_param(plan(*(item(f"practice:{n}", n, note=text) for n, text in enumerate(HOSTILE, start=1))))
    again, _ = from_param(value, TITLE, VERSION, DIGEST)
    assert [i.note for i in again.items] == list(HOSTILE)


def test_an_empty_lead_or_note_is_none_and_a_quoted_date_is_a_date():
    """A text box left empty means no lead, not a problem; a date quoted by hand is still the date."""
    text = (
        HEAD.replace("made: 2024-05-01", "made: '2024-05-01'")
        + "- key: practice:1\n  order: 1\n  lead: ''\n  note: '  '\n"
    )
    read = load_bytes(text.encode(), "x.yaml")
    assert (read.items[0].lead, read.items[0].note, read.made) == (None, None, dt.date(2024, 5, 1))
    (problem,) = problems_of(
        HEAD.replace("made: 2024-05-01", "made: 2024-05-01 10:00:00").replace("items:", "items: []")
    )
    assert problem.startswith("plan.yaml:5: made: a date and time where a date is meant")
