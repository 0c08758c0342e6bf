"""The compendium's seven criteria judged per practice (data version 2.5): every judgement that earns points has the
quote that earns it, in the practice's own row; "not shown" says why; a criterion is judged once at most.

Problems are checked as a visitor's upload would meet them (file, line and field), on the minimal dataset of
test_evidence.py with one judgement added.
"""

import pytest

from sstc import ROOT_DIR
from sstc.data import evidence, vocab
from sstc.data.load import DatasetError, load_text
from sstc.data.sources import CRITERION_ROWS
from tests.data.test_evidence import MINIMAL

INNOVATION = """\
  judgements:
  - criterion: innovation
    strength: strong
    source: compendium, good practice 1, Innovation
    quote: the activities were incorporated into the ITC's summer youth forum
    reason: A forum format new to it, and what it reached.
"""


def with_judgement(block: str) -> str:
    assert MINIMAL.count("  criteria:\n") == 1
    return MINIMAL.replace("  criteria:\n", block + "  criteria:\n")


def problems(text: str) -> list[str]:
    try:
        dataset = load_text(text, "judged.yaml")
    except DatasetError as exc:
        return [str(p) for p in exc.problems]
    return [f"{path}: {why}" for path, why in evidence.quote_problems(dataset, ROOT_DIR / "data")]


def test_a_quoted_judgement_in_its_own_row_is_valid_and_read_into_the_criteria_table():
    from sstc.data.tables import build

    assert problems(with_judgement(INNOVATION)) == []
    criteria = build(load_text(with_judgement(INNOVATION), "judged.yaml")).criteria.set_index("criterion")
    assert criteria.loc["innovation", "strength"] == "strong" and criteria.loc["innovation", "points"] == 2
    assert criteria.loc["innovation", "quote"].startswith("the activities were incorporated")
    assert criteria.loc["objective", "strength"] == vocab.NOT_JUDGED  # unknown is its own value
    assert criteria.loc["objective", "points"] is __import__("pandas").NA


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    quote: the activities were incorporated into the ITC's summer youth forum\n", ""),
         "needs the quote that earns it"),
        (("    quote: the activities were incorporated into the ITC's summer youth forum\n",
          "    inference: It was new.\n"), "needs the quote that earns it"),
        (("strength: strong", "strength: not_shown"), None),  # a quote of what the row says may back "not shown"
        (("strength: strong", "strength: excellent"), "strength"),
        (("criterion: innovation", "criterion: fun"), "criterion"),
        (("good practice 1, Innovation", "good practice 1, Results"), "must cite its own row (… good practice N, "
                                                                       "Innovation)"),
        (("the activities were incorporated", "the activities were moved"), "quote not found"),
        (("    reason: A forum format new to it, and what it reached.\n", ""), "reason"),
    ],
)  # fmt: skip
def test_a_wrong_judgement_is_a_located_problem(change, expected):
    old, new = change
    assert INNOVATION.count(old) == 1
    found = problems(with_judgement(INNOVATION.replace(old, new)))
    if expected is None:
        assert found == []
        return
    assert len(found) == 1 and expected in found[0], found
    if "quote not found" not in expected:
        assert found[0].startswith("judged.yaml:") and "judgements" in found[0], found  # file, line and field


def test_not_shown_needs_an_inference_or_a_quote_and_a_criterion_is_judged_once():
    bare = INNOVATION.replace("strength: strong", "strength: not_shown").replace(
        "    quote: the activities were incorporated into the ITC's summer youth forum\n", ""
    )
    assert "needs an inference" in " ".join(problems(with_judgement(bare)))
    twice = INNOVATION + INNOVATION.replace("  judgements:\n", "")
    assert "judged more than once: innovation" in " ".join(problems(with_judgement(twice)))


def test_every_practice_of_the_shipped_dataset_has_its_seven_criteria_judged_from_its_own_rows(dataset):
    for practice in dataset.practices:
        judged = {j.criterion: j for j in practice.judgements}
        assert sorted(judged) == sorted(vocab.CRITERIA), practice.number
        for criterion, j in judged.items():
            assert j.source == f"compendium, good practice {practice.number}, {CRITERION_ROWS[criterion]}"
            assert j.reason.strip()
            if j.strength != "not_shown":
                assert j.quote and not j.inference, (practice.number, criterion)
