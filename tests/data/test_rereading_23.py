"""Issue 23, point 14: an independent re-read, settled record by record against the sources.

- ECA-CEE and ASIA-SCORE: both layout readings of the brochure (title order and description order) put the Outcome A
  line beside them; the best match is now that line, the meaning reading stays a candidate, and every outcome line of
  the region is some project's best match.
- Practice 15: the compendium says "peer learning", never a seminar: no peer-learning seminar is recorded.
- The reconciliation's "adding the members of listed groups" figure counts on the same basis as the 80 beside it
  (participants and peers).
- AFR-MODEL: Central Africa is the region the project contributes to ("financing of SDG8 in Central Africa"), not a
  participant.
"""

import re
from collections import Counter

import pytest

from sstc.analysis.reconcile import reconciliation
from sstc.data import sources
from tests.conftest import SOURCES, flat

BROCHURE = "sstc-projects-2020-2021-brochure.txt"
COMPENDIUM = "sstc-good-practices-compendium-2020-2021.txt"
OUTCOME_A = "Outcome A: Authoritative knowledge and high-impact partnerships for promoting decent work"


def _project(dataset, project_id):
    return next(p for p in dataset.projects if p.id == project_id)


def _practice(dataset, number):
    return next(p for p in dataset.practices if p.number == number)


def _section(dataset, reference: str) -> sources.Section:
    document = reference.split(",")[0].strip()
    # meta.documents' files are relative to the dataset's directory, as the validator reads them
    return sources.section(document, dataset.meta.documents[document].file, reference, SOURCES.parent)


def _region_lines(brochure: str, heading: str, next_heading: str) -> list[str]:
    """The outcome codes a brochure region prints, in order."""
    block = brochure.split(heading, 1)[1].split(next_heading, 1)[0]
    return re.findall(r"Outcome ([0-9A-C]):", block)


@pytest.mark.parametrize(
    "project_id,meaning",
    [("ECA-CEE", {"3"}), ("ASIA-SCORE", {"4", "7"})],
)
def test_best_match_follows_both_layout_readings_and_keeps_the_meaning_as_candidate(
    dataset, source_text, project_id, meaning
):
    project = _project(dataset, project_id)
    assert [o.code for o in project.outcomes] == ["A"]
    assert project.outcomes[0].source.endswith("outcome line 2 of 4" if project_id == "ASIA-SCORE" else "line 2 of 3")
    assert flat(project.outcomes[0].quote) == OUTCOME_A
    # the outcome's reason is the match's reason, as for every other ambiguous project (the outcome grid shows it)
    assert flat(project.outcomes[0].reason) == flat(project.ambiguous.reason)
    candidates = [c.code for c in project.outcome_candidates]
    assert candidates[0] == "A" and set(candidates) == {"A"} | meaning  # best match once, as such, then the meaning
    assert project.ambiguous is not None
    reason = flat(project.ambiguous.reason)
    # one finished sentence naming the layout reading and the meaning reading
    assert reason.endswith(".") and reason.count(". ") == 0, reason
    assert "layout reading" in reason and "meaning reading" in reason and "best match is A" in reason
    assert "title order and by description order alike" in reason
    brochure = flat(source_text(BROCHURE))
    for quote in [project.outcomes[0].quote, *(c.quote for c in project.outcome_candidates)]:
        assert flat(quote) in brochure, quote
        assert sources.quote_problem(quote, _section(dataset, project.outcomes[0].source)) is None


@pytest.mark.parametrize(
    "region,heading,next_heading",
    [
        ("Europe and Central Asia", "EASTERN EUROPE AND CENTRAL ASIA", "PROMOTING SUSTAINABLE TOURISM"),
        ("Asia and the Pacific", "ASIA AND THE PACIFIC", "EASTERN EUROPE AND CENTRAL ASIA"),
    ],
)
def test_every_outcome_line_of_the_region_is_one_projects_best_match(
    dataset, source_text, region, heading, next_heading
):
    printed = Counter(_region_lines(source_text(BROCHURE), heading, next_heading))
    best = Counter(
        o.code
        for p in dataset.projects
        if p.region == region and not p.from_compendium and p.source.startswith("brochure")
        for o in p.outcomes
    )
    assert best == printed, (best, printed)
    assert "A" in printed


def test_the_layout_puts_the_second_line_beside_the_second_title_and_description(source_text):
    """The brochure's own order, read directly: SCORE and CEE are second among titles and among descriptions."""
    text = flat(source_text(BROCHURE))
    asia = text.split("ASIA AND THE PACIFIC", 1)[1].split("EASTERN EUROPE AND CENTRAL ASIA", 1)[0]
    titles = [asia.find(t) for t in ("E-FORMALIZATION", "SSTC FOR SCORE", "PACIFIC CLIMATE", "BRICS KNOWLEDGE")]
    descriptions = [asia.find(d) for d in ("This training programme", "ILO-SCORE", "tripartite forum", "BRICS summit")]
    assert all(i >= 0 for i in titles + descriptions)
    assert sorted(titles).index(titles[1]) == 1 and sorted(descriptions).index(descriptions[1]) == 1
    assert _region_lines(text, "ASIA AND THE PACIFIC", "EASTERN EUROPE")[1] == "A"
    eca = text.split("EASTERN EUROPE AND CENTRAL ASIA", 1)[1].split("PROMOTING SUSTAINABLE TOURISM", 1)[0]
    titles = [eca.find(t) for t in ("REFUGEE AND MIXED", "PEER-TO-PEER LEARNING IN CENTRAL", "INTEGRATED APPROACH")]
    descriptions = [eca.find(d) for d in ("Tajikistan", "Bosnia and Herzegovina", "Turkey and Colombia")]
    assert all(i >= 0 for i in titles + descriptions)
    assert sorted(titles).index(titles[1]) == 1 and sorted(descriptions).index(descriptions[1]) == 1
    assert _region_lines(text, "EASTERN EUROPE AND CENTRAL ASIA", "PROMOTING SUSTAINABLE") == ["3", "A", "3"]


def test_practice_15_records_no_seminar_the_compendium_does_not_name(dataset, compendium_sections):
    practice = _practice(dataset, 15)
    section = flat(compendium_sections[15]).casefold()
    assert "peer learning" in section and "seminar" not in section
    modalities = {m.modality for m in practice.modalities}
    assert "peer_learning_seminar" not in modalities
    assert modalities == {"online_course", "policy_clinic", "research_paper"}
    assert all(m.status == "delivered" and m.quote for m in practice.modalities)
    # the project keeps the brochure's planned seminars: planned, not delivered
    project = _project(dataset, "ECA-CEE")
    seminar = next(m for m in project.modalities if m.modality == "peer_learning_seminar")
    assert seminar.status == "planned"


def test_practice_15_says_why_no_seminar_with_quotes_that_stand_in_the_compendium(dataset):
    note = _practice(dataset, 15).provenance["modalities"]
    assert note.startswith("compendium, good practice 15, Effectiveness and Innovation:")
    assert "no seminar is named" in note
    quotes = re.findall(r"'([^']+)'", flat(note))
    assert quotes == [
        "peer-to-peer learning, and peer assistance",
        "The involvement and participation of EU PES representatives in the peer learning supported peer "
        "assistance through triangular cooperation",
    ]
    assert sources.quote_problem(quotes[0], _section(dataset, "compendium, good practice 15, Effectiveness")) is None
    assert sources.quote_problem(quotes[1], _section(dataset, "compendium, good practice 15, Innovation")) is None


def test_reconciliation_counts_group_members_on_the_same_basis_as_its_80(dataset, tables):
    row = reconciliation(dataset, tables).set_index("figure").loc["Countries named (participants and peers)"]
    every = {c for r in [*dataset.projects, *dataset.practices] for c in r.countries.participant + r.countries.peer}
    members = {
        m
        for r in [*dataset.projects, *dataset.practices]
        for g in r.groups
        if g.role in ("participant", "peer")
        for m in dataset.meta.groups[g.group].members
    }
    assert row["in_dataset"] == len(every) == 80
    assert len(every | members) == 83
    said = row["explanation"]
    assert "names 80; adding the members of the groups that have a member list (WB-6, BRICS) gives 83 " in said
    assert "83 participants and peers" in said and "81" not in said


def test_central_africa_is_not_a_participant_of_afr_model(dataset, tables, source_text):
    project = _project(dataset, "AFR-MODEL")
    assert project.groups == []
    assert "central-africa" not in dataset.meta.groups
    assert not any(ev.field.startswith("groups.") for ev in project.evidence)
    assert tables.groups[tables.groups["group_name"] == "Central Africa"].empty
    assert sorted(project.countries.participant) == ["CMR", "COD", "COG"]
    # the region is kept where the sentence puts it: the SDG 8 the project contributes to financing
    assert [(s.goal, s.quote) for s in project.sdgs] == [(8, "contributing to financing of SDG8 in Central Africa")]
    note = project.provenance["groups"]
    assert note.startswith("brochure, Africa:") and "not as a participant, peer or candidate" in flat(note)
    quotes = re.findall(r"'([^']+)'", flat(note))
    assert quotes == [
        "knowledge-exchange between Cameroon, DRC and Congo",
        "contributing to financing of SDG8 in Central Africa",
    ]
    brochure = flat(source_text(BROCHURE))
    for quote in quotes:
        assert quote in brochure
        assert sources.quote_problem(quote, _section(dataset, "brochure, Africa")) is None


def test_the_dataset_says_it_changed(dataset):
    # 2.3 settled this re-read; a later version (2.4 added the ambiguity summaries) keeps it
    assert tuple(int(part) for part in dataset.meta.version.split(".")) >= (2, 3)


def test_a_visit_to_a_place_is_in_person_and_counts_so(dataset, tables):
    """Issue 23, point 8: practice 1's "study visit ... to the employment service agencies of Tunisia and Morocco"
    counted as "unspecified"; the modalities page had no in-person row."""
    from sstc.analysis import transforms

    practice = next(p for p in dataset.practices if p.number == 1)
    (visit,) = [m for m in practice.modalities if m.modality == "study_tour"]
    assert visit.delivery == "in_person" and "to the employment service agencies of Tunisia" in " ".join(
        visit.quote.split()
    )
    summary = transforms.delivery_summary(tables)
    assert "in person" in set(summary["delivery"]) and summary.set_index("delivery").loc["in person", "records"] >= 1
    assert not {"in_person"} & set(summary["delivery"])  # words on the page and in its CSV, not the data's code


def test_practice_2_takes_every_region_its_results_sentence_names_besides_africa_and_the_arab_states(dataset):
    """Data 2.6 (a second walk): "... with a particular focus on Africa and Arab States, but also Asia/ Americas
    (CINTERFOR) and Europe" gave the Americas and left Asia and Europe out."""
    practice = next(p for p in dataset.practices if p.number == 2)
    participant = {g.group for g in practice.groups if g.role == "participant"}
    assert {"americas", "asia", "europe"} <= participant
    (said,) = [e for e in practice.evidence if e.field == "groups.participant"]
    assert set(said.values) == {"americas", "asia", "europe"}
    for word in ("Asia", "Americas", "Europe"):
        assert word in said.quote
    assert tuple(map(int, dataset.meta.version.split("."))) >= (2, 6)
