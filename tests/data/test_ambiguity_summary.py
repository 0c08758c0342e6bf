"""Issue 23, point 7: each ambiguous outcome match says why in one short finished sentence (its `summary`), which
names the layout reading, the meaning reading and the best match; the full paragraph stays as `reason`, and the
outcomes table shows the summary on every row of the match with the paragraph beside it (`reasoning`)."""

import copy
import re

import pytest
import yaml

from sstc import DEFAULT_DATA
from sstc.data.load import load_text
from sstc.data.problems import DatasetError
from sstc.data.tables import COLUMNS
from tests.conftest import flat

MAX_SUMMARY = 220


def _ambiguous(dataset):
    return [p for p in dataset.projects if p.ambiguous is not None]


def test_the_dataset_is_version_2_4_or_later(dataset):
    """2.4 added the summaries; 2.5 (the criteria judgements) keeps them."""
    assert tuple(map(int, dataset.meta.version.split("."))) >= (2, 4)


def test_fourteen_ambiguous_matches_each_have_a_summary(dataset):
    assert len(_ambiguous(dataset)) == 14
    assert all(flat(p.ambiguous.summary) for p in _ambiguous(dataset))


@pytest.mark.parametrize("index", range(14))
def test_a_summary_is_one_short_sentence_naming_both_readings_and_the_best_match(dataset, index):
    project = _ambiguous(dataset)[index]
    summary = flat(project.ambiguous.summary)
    assert summary.endswith("."), (project.id, summary)
    assert re.search(r"[.!?]\s", summary) is None, (project.id, summary)  # no second sentence
    assert len(summary) <= MAX_SUMMARY, (project.id, len(summary))
    assert re.search(r"\blayout\b", summary, re.IGNORECASE), (project.id, summary)
    assert re.search(r"\bmeaning\b", summary, re.IGNORECASE), (project.id, summary)
    (best,) = project.outcomes
    assert f"Outcome {best.code}, the best match" in summary, (project.id, summary)
    # the summary is not the paragraph, which stays as the full reasoning
    assert summary != flat(project.ambiguous.reason) and len(flat(project.ambiguous.reason)) > len(summary)


def test_no_outcome_reason_points_to_see_ambiguous(dataset):
    reasons = [o.reason for r in (*dataset.projects, *dataset.practices) for o in r.outcomes if o.reason]
    assert reasons
    assert not [r for r in reasons if "see ambiguous" in flat(r)]
    assert "see ambiguous" not in flat(DEFAULT_DATA.read_text(encoding="utf-8"))


# the schema refuses what is not one short sentence naming both readings ------------------------------------------


@pytest.fixture(scope="module")
def shipped_data() -> dict:
    return yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))


def _with_summary(shipped: dict, summary: str | None) -> str:
    """The shipped data with one ambiguous record's summary replaced (None: removed), as YAML text."""
    data = copy.deepcopy(shipped)
    project = next(p for p in data["projects"] if p.get("ambiguous"))
    if summary is None:
        project["ambiguous"].pop("summary", None)
    else:
        project["ambiguous"]["summary"] = summary
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _problems(text: str) -> list:
    with pytest.raises(DatasetError) as caught:
        load_text(text, "summary.yaml")
    return caught.value.problems


def test_the_unmodified_copy_loads(shipped_data):
    """The round trip through yaml.safe_dump is not what the refusals below are about."""
    assert load_text(yaml.safe_dump(shipped_data, allow_unicode=True, sort_keys=False), "summary.yaml")


def test_a_two_sentence_summary_is_refused(shipped_data):
    text = _with_summary(
        shipped_data, "Layout puts Outcome 5 beside it. Meaning and title order give Outcome A, the best match."
    )
    (problem,) = _problems(text)
    assert problem.field.endswith("ambiguous.summary") and "one sentence" in problem.message, problem


def test_an_abbreviation_counts_as_a_sentence_break(shipped_data):
    text = _with_summary(shipped_data, "Layout puts Outcome 5 beside it, e.g. by description order; meaning gives A.")
    (problem,) = _problems(text)
    assert "one sentence" in problem.message and "for example" in problem.message, problem


def test_a_summary_without_layout_is_refused(shipped_data):
    text = _with_summary(shipped_data, "Description order puts Outcome 5 beside it; meaning gives Outcome A.")
    (problem,) = _problems(text)
    assert problem.field.endswith("ambiguous.summary") and "'layout'" in problem.message, problem
    assert "'meaning'" not in problem.message


def test_a_summary_without_a_full_stop_or_too_long_is_refused(shipped_data):
    (problem,) = _problems(_with_summary(shipped_data, "Layout puts Outcome 5 beside it; meaning gives Outcome A"))
    assert "full stop" in problem.message, problem
    long = "Layout puts Outcome 5 beside it; meaning gives Outcome A, " + "and so on, " * 20 + "the best match."
    (problem,) = _problems(_with_summary(shipped_data, long))
    assert f"at most {MAX_SUMMARY} characters" in problem.message, problem


def test_a_missing_summary_is_refused(shipped_data):
    (problem,) = _problems(_with_summary(shipped_data, None))
    assert problem.field.endswith("ambiguous.summary") and "required" in problem.message, problem


# the outcomes table ------------------------------------------------------------------------------------------------


def test_reasoning_comes_right_after_reason():
    columns = COLUMNS["outcomes"]
    assert columns.index("reasoning") == columns.index("reason") + 1


def test_every_row_of_an_ambiguous_match_says_the_summary_and_keeps_the_paragraph(dataset, tables):
    outcomes = tables.outcomes
    assert list(outcomes.columns) == COLUMNS["outcomes"]
    for project in _ambiguous(dataset):
        rows = outcomes[outcomes["key"] == f"project:{project.id}"]
        codes = {o.code for o in project.outcomes} | {c.code for c in project.outcome_candidates}
        assert set(rows["outcome"]) == codes and len(rows) == len(codes)
        assert rows["basis"].str.startswith("best match").sum() == 1
        assert rows["ambiguous"].all()
        assert (rows["reason"] == project.ambiguous.summary).all(), project.id
        assert (rows["reasoning"] == project.ambiguous.reason).all(), project.id
    # a practice's rows via an ambiguous project say the same
    via = outcomes[outcomes["basis"].str.contains("via project") & outcomes["ambiguous"]]
    assert len(via)
    by_id = {p.id: p.ambiguous for p in _ambiguous(dataset)}
    for basis, reason, reasoning in zip(via["basis"], via["reason"], via["reasoning"], strict=True):
        note = by_id[re.search(r"via project (\S+)", basis).group(1)]
        assert (reason, reasoning) == (note.summary, note.reason)


def test_rows_without_an_ambiguity_have_no_reasoning(tables):
    plain = tables.outcomes[~tables.outcomes["ambiguous"]]
    assert len(plain) and plain["reasoning"].isna().all()
