"""The method and the words of the dataset, said once: the About page and the help tooltips read them from here."""

import pandas as pd

from sstc.data.i18n import N_, _
from sstc.data.schema import Dataset, Project

METHOD = N_(
    """
The dataset was built by hand from five public ILO texts, kept in the project byte for byte
(`data/sources/`): the brochure of the 23 SSTC projects announced for 2020-2021, the compendium of 21 good
practices documented at the end of the biennium, and three news items.

- **Copied values** (titles, descriptions, the compendium's criteria, its "Countries involved" and
  "Funding Sources" rows, links) are written as the source writes them.
- **Judged values** (a modality and whether it happened, an outcome, a country's role, a theme, "moved online
  because of COVID-19", a date, a figure) each carry the shortest quote of the source that says them, and the
  section it stands in. Where no sentence says it, the value is left out, or kept as an *inference* with its
  reason and shown as such. Every quote is checked against its section by the test suite.
- **Planned is not delivered**: the brochure announces plans ("will"); a modality is delivered only where a
  sentence says it happened.
- **Unknown is its own value**: what a source does not say is shown as "not stated", never as zero or no.
- The sources' own figures (23 projects, 75 countries, 21 practices, 5 regions) are kept beside what the data
  adds up to, on the Overview, with the reason for each difference.
"""
)

TERMS: dict[str, str] = {
    N_("Record"): N_(
        "A project (from the brochure, or completed from the compendium) or a good practice (from the "
        "compendium). The dataset has 44: 23 projects and 21 practices; news items are kept apart as activities."
    ),
    N_("Participant"): N_("A country (or group) the source names as involved in the record."),
    N_("Peer"): N_("A country whose experience was shared, visited or presented to the participants."),
    N_("Candidate"): N_("A country (or group) the source names as a place the practice could be extended to."),
    N_("Reached through a group"): N_(
        "A record addressed to a world- or region-wide group the sources give no country "
        "list for (Global South, Africa, Latin America) may have reached a country of it; the app says so and never "
        "counts it as naming the country. A smaller group without a list (Central America, IGAD, CPLP) claims none."
    ),
    N_("Outcome"): N_("A policy outcome (1-8) or enabling outcome (A-C) of the ILO Programme and Budget 2020-21."),
    N_("Ambiguous match"): N_(
        "The brochure prints each region's titles, descriptions and outcome lines in separate "
        "blocks whose order does not always agree with the meaning. Where layout and meaning disagree, every "
        "reading is kept as a candidate outcome, the best match is chosen, one sentence says what the layout reading "
        "and the meaning reading each give (the full reasoning kept beside it), and the record is marked ambiguous: "
        "it is never counted as a confirmed outcome."
    ),
    N_("Basis (of an outcome)"): N_(
        "stated (the outcome line the brochure prints beside the project, or the "
        "compendium), via project (a practice inherits its project's), best match or candidate (of an ambiguous match)."
    ),
    N_("Status (of a modality)"): N_(
        "delivered (a sentence says it happened), planned (announced, e.g. the brochure's "
        "'will'), replaced (planned, then replaced, e.g. by a virtual visit), cancelled."
    ),
    N_("Moved online because of COVID-19"): N_(
        "Only where a sentence says the format changed because of the pandemic; "
        "a change of content or target group is recorded apart, and silence is 'not stated'."
    ),
    N_("Funding via a linked practice"): N_(
        "The brochure states no funding for its projects; where a project's "
        "linked practice states its funding, the project's card shows it, labelled 'via practice N'. Funding mix "
        "counts each record's own funding (such a project under 'not stated'); with its toggle on (?inherited=true) "
        "the project counts its practice's sources, unless that practice is already counted in the selection."
    ),
}

LIMITS = [
    N_(
        "The brochure announces 23 projects and 75 countries but names 21 projects and 63 countries; two compendium "
        "practices with no brochure project complete the 23, and practice 21 stays without a project."
    ),
    N_(
        "The brochure's outcome lines are laid out apart from the titles; most of its projects' outcome matches are "
        "ambiguous and kept as candidates with a best match."
    ),
    N_("The ITC-ILO projects have no outcome line; their outcomes are left empty, not guessed."),
    N_(
        "No source gives amounts of money: funding is counted in records naming a source, and only practice 9 "
        "states shares."
    ),
    N_(
        "Groups such as Global South or Central America have no country list in the sources; they are not expanded "
        "into countries."
    ),
    N_("One news item (the Turkey labour-migration training) gives a month but no year; it stays undated."),
]


def _named_sources(dataset: Dataset) -> set[str]:
    """The funding sources some record of the dataset names (a project's or a practice's own funding)."""
    return {f.source for rec in (*dataset.projects, *dataset.practices) for f in rec.funding}


def funding_sources(dataset: Dataset) -> pd.DataFrame:
    """The normalised funding sources some record names, and what each means (RBTC-SSTC, PSI slippage, ...): a
    source of the vocabulary no record names is no answer to "what paid for this" (`unused_funding_sources`)."""
    named = _named_sources(dataset)
    rows = [
        {"source_id": key, "name": src.name, "source_kind": src.kind, "meaning": src.description}
        for key, src in dataset.meta.funding_sources.items()
        if key in named
    ]
    return pd.DataFrame(rows, columns=["source_id", "name", "source_kind", "meaning"])


def unused_funding_sources(dataset: Dataset) -> list[str]:
    """The names of the funding sources the dataset defines but no record names ("Participating countries")."""
    named = _named_sources(dataset)
    return [src.name for key, src in dataset.meta.funding_sources.items() if key not in named]


PSI_SLIPPAGE = "PSI-slippage"
# The app's own words for the ILO's term, not a source's: no source of the dataset defines it.
PSI_EXPLAINED = N_(
    "PSI is Programme Support Income, the overhead the ILO charges on the projects funded by voluntary "
    "(extra-budgetary) contributions, to pay for supporting them; PSI slippage is PSI funds not spent in the year "
    "they were planned for, and so reallocated to other work."
)


def psi_slippage(dataset: Dataset) -> str | None:
    """What PSI slippage is and where it comes from, for About the data: where the sources name it, in their words,
    then the app's explanation of the term, labelled as the app's. None where no record names it."""
    named = [
        (rec, [f.as_stated for f in rec.funding])
        for rec in (*dataset.projects, *dataset.practices)
        if any(f.source == PSI_SLIPPAGE for f in rec.funding)
    ]
    if not named:
        return None
    where = "; ".join(
        (
            _("the funding of project {id}, “{stated}” ({source})")
            if isinstance(rec, Project)
            else _("the funding of good practice {number}, “{stated}” ({source})")
        ).format(
            id=getattr(rec, "id", ""), number=getattr(rec, "number", ""), stated=", ".join(stated), source=rec.source
        )
        for rec, stated in named
    )
    return _(
        "Where the sources name it: {where}. They give no definition and no amount. "
        "The app's explanation, not a source's: {explained}"
    ).format(where=where, explained=_(PSI_EXPLAINED))


def term(name: str) -> str:
    """The meaning of a term (its English name: a key), for a help tooltip, in the current language."""
    return _(TERMS[name])


def terms() -> dict[str, str]:
    """Every term and its meaning, both in the current language (the About page's glossary)."""
    return {_(name): _(meaning) for name, meaning in TERMS.items()}


def method() -> str:
    """How the dataset was built (Markdown), in the current language."""
    return _(METHOD)


def limits() -> list[str]:
    """What the data cannot say, in the current language."""
    return [_(limit) for limit in LIMITS]
