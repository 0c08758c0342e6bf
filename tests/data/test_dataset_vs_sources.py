"""The shipped dataset checked against the source documents, which are the ground truth."""

import re

import pycountry
import pytest

from sstc.data import countries, sources
from sstc.data.privacy import find_emails
from sstc.view import present
from tests.conftest import flat

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 11: "11"}


def _norm_group(name: str) -> str:
    name = re.sub(r"\(.*?\)\d*", "", name).replace("-", " ")
    return re.sub(r"\s+", " ", name).strip().casefold()


def _known(name: str, groups: set[str]) -> bool:
    try:
        countries.resolve(name)
        return True
    except countries.UnknownCountry:
        return _norm_group(name) in groups


GROUP_WORDS = {
    "global south",
    "global",
    "africa",
    "arab states",
    "americas",
    "central america",
    "western balkans",
    "cplp",
    "portuguese speaking countries in africa",
}


def _split_and(piece: str) -> list[str]:
    """'Costa-Rica and Trinidad and Tobago' -> both names: split at the 'and' that leaves known names."""
    if _known(piece, GROUP_WORDS):
        return [piece]
    for match in re.finditer(r"\s+and\s+", piece):
        left, right = piece[: match.start()].strip(), piece[match.end() :].strip()
        if _known(left, GROUP_WORDS):
            rest = _split_and(right)
            if rest:
                return [left, *rest]
    return []


def _countries_row(section: str) -> list[str]:
    match = re.search(r"Countries involved[^:]*:(.*?)(?:South-South\s+Objective|Objetive)", section, re.S)
    assert match, "no 'Countries involved' row"
    row = flat(match.group(1))
    row = re.sub(r"\bas well as\b", ",", row)
    names = []
    for piece in row.split(","):
        parsed = _split_and(piece.strip(" .").removeprefix("and "))
        assert parsed, f"cannot read {piece!r} in {row!r}"
        names += parsed
    return [n for n in names if n]


def test_counts_match_what_the_sources_number(dataset, compendium_sections):
    assert sorted(compendium_sections) == list(range(1, 22))
    assert sorted(p.number for p in dataset.practices) == sorted(compendium_sections)
    assert len(dataset.projects) == 23


def test_practice_participants_equal_the_countries_involved_row(dataset, tables, compendium_sections):
    groups_by_name = {}
    for gid, group in dataset.meta.groups.items():
        groups_by_name[_norm_group(group.name)] = gid
        abbreviation = re.search(r"\((.*?)\)", group.name)
        if abbreviation:
            groups_by_name[abbreviation.group(1).casefold()] = gid
        groups_by_name[re.sub(r"\s*\(.*\)", "", group.name).casefold()] = gid
    participants = tables.countries[
        (tables.countries["kind"] == "practice") & (tables.countries["role"] == "participant")
    ]
    part_groups = tables.groups[(tables.groups["kind"] == "practice") & (tables.groups["role"] == "participant")]
    for practice in dataset.practices:
        expected_codes, expected_groups = set(), set()
        for name in _countries_row(compendium_sections[practice.number]):
            key = _norm_group(name)
            if key in groups_by_name or name.casefold() in groups_by_name:
                gid = groups_by_name.get(key) or groups_by_name[name.casefold()]
                expected_groups.add(gid)
                expected_codes |= set(dataset.meta.groups[gid].members)
            else:
                expected_codes.add(countries.resolve(name))
        got_codes = set(participants[participants["id"] == str(practice.number)]["iso3"])
        got_groups = set(part_groups[part_groups["id"] == str(practice.number)]["group"])
        # the row's countries, plus those a quote names as taking part (e.g. practice 12's SIDS workshop)
        quoted = {
            code
            for ev in practice.evidence
            if ev.field == "countries.participant" and (ev.quote or ev.inference)
            for code in ev.values
        }
        assert expected_codes <= got_codes <= expected_codes | quoted, f"practice {practice.number}"
        assert expected_groups <= got_groups, f"practice {practice.number}"


def test_wb6_members_are_the_ones_the_footnote_lists(dataset, compendium_sections):
    footnote = flat(compendium_sections[15].split("WB-6 refers to")[1].split("UNSCR")[0])
    members = dataset.meta.groups["wb6"].members
    assert len(members) == 6 and "XKX" in members
    for code in members:
        assert countries.name(code).split()[0] in footnote


def test_practice_9_shares_sum_to_100_and_are_the_stated_ones(dataset, compendium_sections):
    practice = next(p for p in dataset.practices if p.number == 9)
    shares = [f.share for f in practice.funding]
    assert sum(shares) == 100
    funding_text = flat(compendium_sections[9].split("Funding Sources")[1].split("Materials")[0])
    for share in shares:
        assert f"{share:g}%" in funding_text


def test_every_country_code_is_iso_or_kosovo(tables):
    for code in set(tables.countries["iso3"]):
        assert code == "XKX" or pycountry.countries.get(alpha_3=code) is not None, code


def test_criteria_texts_are_copied_from_the_compendium(dataset, compendium_sections):
    for practice in dataset.practices:
        section = sources.Section("compendium", "practice", compendium_sections[practice.number])
        for field, text in practice.criteria.model_dump().items():
            for bullet in text.split("\n"):
                words = bullet.removeprefix("- ")
                # whole bullets, compared after folding line breaks and line-break hyphens (the text is from a PDF)
                assert sources.quote_problem(words, section) is None, f"practice {practice.number} {field}: {words!r}"


def test_project_descriptions_are_copied_from_their_source(dataset, source_text):
    brochure = flat(source_text("sstc-projects-2020-2021-brochure.txt"))
    for project in dataset.projects:
        if project.from_compendium:
            continue
        assert flat(project.description)[:80] in brochure, project.id


def test_brochure_project_countries_are_named_in_the_description(dataset):
    for project in dataset.projects:
        if project.from_compendium:
            continue
        text = project.description.casefold()
        for code in project.countries.participant + project.countries.peer:
            spellings = {countries.name(code).casefold()} | {a for a, c in countries.ALIASES.items() if c == code}
            if code == "CHN":
                spellings |= {"chinese"}
            assert any(s in text for s in spellings), f"{project.id}: {code}"


def test_stated_figures_appear_in_the_sources(dataset, source_text):
    brochure = flat(source_text("sstc-projects-2020-2021-brochure.txt"))
    stated = {f.key: f.value for f in dataset.meta.stated_figures}
    assert f"launching {stated['projects']} South-South" in brochure
    assert f"cover {stated['countries']} countries" in brochure


def test_stated_numbers_appear_in_their_practice_section(dataset, compendium_sections):
    for practice in dataset.practices:
        section = flat(compendium_sections[practice.number]).casefold()
        for number in practice.numbers:
            value = int(number.value)
            forms = {str(value), NUMBER_WORDS.get(value, str(value))}
            assert any(re.search(rf"\b{re.escape(f)}\b", section) for f in forms), (practice.number, number.label)


def test_only_public_institutional_emails_are_in_the_data(shipped_yaml, dataset):
    public = {c.email for p in dataset.practices for c in p.contacts if c.email_public}
    found = set(find_emails(shipped_yaml))
    assert found == public
    assert all("@ilo.org" not in address for address in found)


def test_links_are_http_or_https(tables):
    # one link keeps the compendium's one slash (https:/www.itcilo.org/...); the app writes its link with two
    assert tables.materials["url"].str.match(r"^https?:/").all()
    assert all(present.href(u).startswith(("http://", "https://")) for u in tables.materials["url"])


@pytest.mark.parametrize("number,peer", [(1, "TUN"), (1, "MAR"), (6, "BRA"), (18, "ZWE")])
def test_peers_named_by_the_sources(tables, number, peer):
    rows = tables.countries[(tables.countries["id"] == str(number)) & (tables.countries["role"] == "peer")]
    assert peer in set(rows["iso3"])


def test_candidates_from_adaptability_sections(dataset, compendium_sections):
    for practice in dataset.practices:
        adaptability = flat(compendium_sections[practice.number].split("Adaptability")[1])
        for code in practice.countries.candidate:
            spellings = [countries.name(code)] + [a for a, c in countries.ALIASES.items() if c == code]
            assert any(s.casefold() in adaptability.casefold() for s in spellings), (practice.number, code)


def test_every_record_carries_a_source_reference(dataset):
    docs = set(dataset.meta.documents)
    for record in [*dataset.projects, *dataset.practices]:
        assert record.source.split(",")[0] in docs


def test_link_titles_are_printed_in_their_materials_row(dataset, compendium_sections):
    """A link's title is the text the compendium prints for it (the address itself where it prints no other). Only
    where the row does not say which words carry an address may the curator title it, and the record's provenance
    says so ("the curator's title"); a title cut short, lengthened or made up fails."""
    curated = 0
    for practice in dataset.practices:
        section = sources.Section("compendium", "practice", compendium_sections[practice.number])
        for material in practice.materials:
            if sources.quote_problem(material.title, section) is not None:
                assert "the curator's title" in practice.provenance.get("materials", ""), (practice.number, material)
                curated += 1
    assert curated <= 2  # practices 9 and 11, whose rows do not pair their words with their addresses
