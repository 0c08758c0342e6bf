"""What each page shows, computed from (filtered) tables: pure functions, DataFrame in, DataFrame out."""

import re
from collections.abc import Callable

import pandas as pd

from sstc.analysis import figures, gaps, reach, words
from sstc.data import countries, vocab
from sstc.data.i18n import N_, _, ngettext, pgettext
from sstc.data.tables import Tables, rows_of

ANY_ROLE = N_("any role")  # a choice of role (a key, as vocab.ROLES are): `_(ANY_ROLE)` where shown


def _count_by(
    frame: pd.DataFrame, by: list[str], only: tuple[str, object] | None = None, order: Callable | None = None
) -> pd.DataFrame:
    """records / projects / practices per group, each record once a group: groups in order of first appearance,
    or sorted by `order(row)`; with `only=(column, value)`, counting only the rows that have that value."""
    where, wanted = only or ("key", None)
    groups: dict[tuple, dict[str, str]] = {}
    for *group, key, kind, value in rows_of(frame, *by, "key", "kind", where):
        if only is None or value == wanted:
            groups.setdefault(tuple(None if g != g else g for g in group), {})[key] = kind  # NaN is a group, once
    rows = [(*group, *_kinds(kinds)) for group, kinds in groups.items()]
    if order is not None:
        rows.sort(key=order)
    columns = [*by, "records", "projects", "practices"]
    return pd.DataFrame(rows, columns=columns).astype({"records": "int64", "projects": "int64", "practices": "int64"})


def _kinds(records: dict[str, str]) -> tuple[int, int, int]:
    """records, projects, practices among {key: kind}."""
    kinds = list(records.values())
    return len(kinds), kinds.count("project"), kinds.count("practice")


def headline(tables: Tables) -> dict[str, float | int]:
    """The Overview's tiles; the country figures are `figures`' (the reconciliation and Compare show the same)."""
    records = list(rows_of(tables.records, "kind", "region", "covid_moved_online"))
    covid = [moved for kind, _, moved in records if kind == "practice"]
    regions = {region for _kind, region, _moved in records} - {"Global/interregional"}
    moved = len(figures.moved_online(tables.records))
    return {
        "projects": sum(kind == "project" for kind, _region, _moved in records),
        "practices": len(covid),
        "countries_named": figures.countries_named(tables),
        "countries_with_members": figures.countries_with_members(tables),
        "countries_any_role": figures.countries_any_role(tables),
        "regions": len(regions),
        "covid_moved_online": moved,
        "covid_not_stated": covid.count("not stated"),
        "covid_share": moved / len(covid) if covid else 0.0,
    }


def region_summary(tables: Tables) -> pd.DataFrame:
    records = tables.records
    out = _count_by(records, ["region"])
    moved: dict[str, set[str]] = {}
    for region, key, covid in rows_of(records, "region", "key", "covid_moved_online"):
        if covid == "yes":
            moved.setdefault(region, set()).add(key)
    named = figures.countries_named_per_region(tables)
    out["countries_named"] = [named.get(r, 0) for r in out["region"].tolist()]
    out["practices_moved_online"] = [len(moved.get(r, ())) for r in out["region"].tolist()]
    order = {r: i for i, r in enumerate(vocab.REGIONS)}
    return out.sort_values("region", key=lambda s: s.map(order)).reset_index(drop=True)


# Between two records' labels in a coverage row's record_titles: "; " ends a record as before, the line break is
# what the maps split on, and no label holds one (_one_line), so a title with "; " in it is never cut into two.
TITLES_SEPARATOR = "; \n"


def _one_line(text: str) -> str:
    """The text with each line break (and the blanks around it) as one space: a label is one line."""
    return " ".join(part for part in (line.strip() for line in str(text).splitlines()) if part)


def coverage(tables: Tables, role: str = ANY_ROLE) -> pd.DataFrame:
    """One row per country: how many records name it (in this role), and which."""
    rows = tables.countries if role == ANY_ROLE else tables.countries[tables.countries["role"] == role]
    if rows.empty:
        return pd.DataFrame(columns=["iso3", "country", "records", "projects", "practices", "roles", "record_titles"])
    out = _count_by(rows, ["iso3", "country"])
    roles: dict[str, set[str]] = {}
    titles: dict[str, dict[str, str]] = {}  # iso3 -> key -> label, each record once, in order
    for iso3, key, kind, id_, title, role_ in rows_of(rows, "iso3", "key", "kind", "id", "title", "role"):
        roles.setdefault(iso3, set()).add(role_)
        titles.setdefault(iso3, {}).setdefault(key, _one_line(words.record_titled(kind, id_, title)))
    codes = out["iso3"].tolist()
    out["roles"] = [", ".join(x for x in vocab.ROLES if x in roles[c]) for c in codes]
    out["record_titles"] = [TITLES_SEPARATOR.join(titles[c].values()) for c in codes]
    return out.sort_values(["records", "country"], ascending=[False, True], key=words.by_name).reset_index(drop=True)


# No funding stated: a source of its own in the funding tables (a key, compared and sorted by); `_()` where shown.
NOT_STATED = N_("not stated")


_FUNDING = ("source", "source_kind", "region", "key", "kind", "id", "basis", "share")


def _inherited(basis: object) -> bool:
    return str(basis).startswith("via practice")


def _from_practice(basis: object) -> str:
    """The key of the practice a "via practice N" row inherits from."""
    return f"practice:{str(basis).rsplit(' ', 1)[-1]}"


def _funding_split(tables: Tables, inherited: bool) -> tuple[list[tuple], dict[str, dict[str, str]]]:
    """The funding rows counted (the _FUNDING columns, "not stated" rows included) and, per source, the projects
    naming it only through a linked practice that are not counted: {source: {key: kind}}.

    Each record's own funding counts. A project's funding inherited from a linked practice ("via practice N")
    counts only with `inherited`, and then only when that practice is not in the selection: otherwise the practice
    documenting the same activity counts the source already, and each of its projects would count it again. One
    "not stated" row per record with no funding at all (its own, or with `inherited` through a linked practice):
    unknown is not zero."""
    selected = set(tables.records["key"].tolist())
    rows = list(rows_of(tables.funding, *_FUNDING))
    counted = [r for r in rows if not _inherited(r[6]) or (inherited and _from_practice(r[6]) not in selected)]
    named = {(r[0], r[3]) for r in counted}
    apart: dict[str, dict[str, str]] = {}
    for source, _kind_of_source, _region, key, kind, _id, basis, _share in rows:
        if _inherited(basis) and (source, key) not in named:
            apart.setdefault(source, {})[key] = kind
    funded = {r[3] for r in (rows if inherited else counted)}  # named apart through a practice is not silence
    silent = [
        (NOT_STATED, NOT_STATED, region, key, kind, id_, NOT_STATED, None)
        for key, kind, id_, region in rows_of(tables.records, "key", "kind", "id", "region")
        if key not in funded
    ]
    return counted + silent, apart


def _funding_rows(tables: Tables, inherited: bool = False) -> list[tuple]:
    """The funding rows counted, "not stated" included (see `_funding_split`)."""
    return _funding_split(tables, inherited)[0]


def _source_order(rows: list[tuple]) -> dict[str, int]:
    """Each source's place: most records first, then by name; "not stated" last, apart, whatever its count."""
    keys: dict[str, set[str]] = {}
    for source, _kind_of_source, _region, key, *_rest in rows:
        keys.setdefault(source, set()).add(key)
    ranked = sorted(keys, key=lambda s: (s == NOT_STATED, -len(keys[s]), s.casefold(), s))
    return {source: i for i, source in enumerate(ranked)}


def funding_by_source(tables: Tables, inherited: bool = False) -> pd.DataFrame:
    """Records naming each funding source (a count of records, not of money: the sources give no amounts), each
    source-record pair once, in `_source_order`. `inherited_only`: the projects naming it only through a linked
    practice and not counted in `records` (all of them by default; with `inherited`, those whose practice is in the
    selection and counts the source already): each such project is in one column or the other, never both."""
    columns = ["source", "source_kind", "records", "projects", "practices", "inherited_only", "stated_shares"]
    groups: dict[tuple[str, str], dict[str, str]] = {}
    shares: dict[str, list[str]] = {}
    rows, apart = _funding_split(tables, inherited)
    for source, source_kind, _region, key, kind, id_, basis, share in rows:
        groups.setdefault((source, source_kind), {}).setdefault(key, kind)
        if basis == "stated" and isinstance(share, float | int) and share == share:
            shares.setdefault(source, []).append(f"{share:g}% ({words.record(kind, id_)})")
    order = _source_order(rows)
    out_rows = [
        (source, source_kind, *_kinds(keys), len(apart.get(source, {})), "; ".join(shares.get(source, [])))
        for (source, source_kind), keys in groups.items()
    ]
    out_rows.sort(key=lambda r: order[r[0]])
    out = pd.DataFrame(out_rows, columns=columns).astype(dict.fromkeys(columns[2:6], "int64"))
    out["stated_shares"] = out["stated_shares"].astype(object)
    return out


def funding_apart(tables: Tables, inherited: bool = False) -> int:
    """The projects in `funding_by_source`'s `inherited_only` for some source, each once."""
    return len({key for keys in _funding_split(tables, inherited)[1].values() for key in keys})


def funding_by_region(tables: Tables, inherited: bool = False) -> pd.DataFrame:
    """Records per funding source and region, "not stated" included as its own source, counted as in
    `funding_by_source` and in its order of sources (regions in the vocabulary's)."""
    groups: dict[tuple[str, str], set[str]] = {}
    rows = _funding_rows(tables, inherited)
    for source, _kind_of_source, region, key, *_rest in rows:
        groups.setdefault((source, None if region != region else region), set()).add(key)
    order, regions = _source_order(rows), {r: i for i, r in enumerate(vocab.REGIONS)}
    ranked = sorted(groups, key=lambda g: (order[g[0]], regions.get(g[1], len(regions)), str(g[1])))
    out_rows = [(source, region, len(groups[(source, region)])) for source, region in ranked]
    return pd.DataFrame(out_rows, columns=["source", "region", "records"]).astype({"records": "int64"})


def stated_shares(tables: Tables) -> pd.DataFrame:
    funding = tables.funding
    stated = [b == "stated" and isinstance(s, float | int) and s == s for b, s in rows_of(funding, "basis", "share")]
    return funding.loc[stated, ["kind", "id", "title", "source", "share", "as_stated"]].reset_index(drop=True)


def funding_diversity(tables: Tables, inherited: bool = False) -> pd.DataFrame:
    """Sources per record, by name: a record on one source is fragile to replicate; silence is "not stated". A
    project's funding inherited from a linked practice shows, as "via practice N", only with `inherited` (as the
    rest of the Funding mix page counts it)."""
    names: dict[str, dict[str, str]] = {}  # key -> source_id -> source name, first row of each pair
    basis: dict[str, dict[str, None]] = {}
    for key, source_id, source, how in rows_of(tables.funding, "key", "source_id", "source", "basis"):
        if _inherited(how) and not inherited:
            continue
        if source_id not in names.setdefault(key, {}):
            names[key][source_id] = source
            basis.setdefault(key, {})[how] = None
    records = tables.records[["key", "kind", "id", "title", "region"]].copy()
    keys = records["key"].tolist()
    silent = _(NOT_STATED)  # words in a table's cells, not a source
    records["funding_sources"] = ["; ".join(names[k].values()) if k in names else silent for k in keys]
    records["source_count"] = pd.array([len(names[k]) if k in names else None for k in keys], dtype="Int64")
    records["basis"] = ["; ".join(map(_funding_basis, basis[k])) if k in basis else silent for k in keys]
    return records.drop(columns="key")


def _funding_basis(basis: str) -> str:
    """A funding row's basis in words: "stated", or "via practice N" (the data's values, keys elsewhere)."""
    if basis == "stated":
        return pgettext("funding", "stated")
    if _inherited(basis):
        return _("via practice {number}").format(number=basis.rsplit(" ", 1)[-1])
    return vocab.word(basis)


def modality_summary(tables: Tables) -> pd.DataFrame:
    """Records per delivered modality and delivery, most first (then by name)."""
    by = ["modality", "modality_label", "delivery"]
    return delivery_in_words(_count_by(tables.modalities, by, ("status", "delivered"), lambda r: (-r[3], r[1])))


def modality_records(tables: Tables) -> pd.DataFrame:
    """Every modality of every record with its status, delivery and the words that say so."""
    columns = ["kind", "id", "title", "modality_label", "status", "delivery", "quote", "inference", "source"]
    return delivery_in_words(tables.modalities[columns].reset_index(drop=True))


def delivery_summary(tables: Tables) -> pd.DataFrame:
    """Records per delivery (virtual, in person, unspecified) of their delivered modalities."""
    order = {d: i for i, d in enumerate(vocab.DELIVERY)}
    counts = _count_by(tables.modalities, ["delivery"], ("status", "delivered"), lambda r: order.get(r[0], len(order)))
    return delivery_in_words(counts)


def delivery_in_words(frame: pd.DataFrame) -> pd.DataFrame:
    """A table's `delivery` in words ("in person", not the data's `in_person`), as the pages show and export it."""
    return frame.assign(delivery=frame["delivery"].map(lambda d: vocab.DELIVERY_WORDS.get(d, d)))


def covid_shifts(tables: Tables) -> pd.DataFrame:
    """Practices a sentence says COVID-19 moved online: the quote, what was replaced and what was delivered online."""
    records = tables.records
    moved = records[(records["kind"] == "practice") & (records["covid_moved_online"] == "yes")]
    planned: dict[str, list[str]] = {}
    delivered: dict[str, list[str]] = {}
    for key, label, status, delivery in rows_of(tables.modalities, "key", "modality_label", "status", "delivery"):
        if status in ("replaced", "cancelled"):
            planned.setdefault(key, []).append(label)
        elif status == "delivered" and delivery == "virtual":
            delivered.setdefault(key, []).append(label)
    out = moved[["id", "title", "region", "covid_note", "covid_quote", "covid_source"]].reset_index(drop=True)
    keys = moved["key"].tolist()
    out["planned"] = [", ".join(map(vocab.word, planned[k])) if k in planned else _(NOT_STATED) for k in keys]
    out["delivered_online_as"] = [", ".join(map(vocab.word, delivered.get(k, []))) for k in keys]
    return out


# A cell's state in the outcome x region grid: a value compared and coloured by (English, a key); `_()` where shown.
# TRANSLATORS: "none" is a cell's state: no record serves this outcome in this region.
CONFIRMED, AMBIGUOUS_ONLY, NONE = N_("confirmed"), N_("ambiguous match only"), N_("none")
OUTCOME_STATES = (CONFIRMED, AMBIGUOUS_ONLY, NONE)


def outcome_region(tables: Tables, regions: tuple[str, ...] = (), outcomes: tuple[str, ...] = ()) -> pd.DataFrame:
    """The outcome x region grid in three states: confirmed records, ambiguous matches only (with why), none.

    Only the regions and outcomes the filters keep (all when none is chosen): a region filtered out is not a region
    with "none"."""
    confirmed: dict[tuple[str, str], set[str]] = {}
    weak: dict[tuple[str, str], set[str]] = {}
    for outcome, region, key, ambiguous in rows_of(tables.outcomes, "outcome", "region", "key", "ambiguous"):
        (weak if ambiguous else confirmed).setdefault((outcome, region), set()).add(key)
    reasons = gaps.ambiguity_by_cell(tables.outcomes)
    rows = []
    kept_regions = [r for r in vocab.REGIONS if not regions or r in regions]
    for outcome, name in vocab.OUTCOMES.items():
        if outcomes and outcome not in outcomes:
            continue
        for region in kept_regions:
            n, a = len(confirmed.get((outcome, region), ())), len(weak.get((outcome, region), ()))
            state = CONFIRMED if n else AMBIGUOUS_ONLY if a else NONE
            rows.append((outcome, _(name), region, state, n, a, reasons.get((outcome, region), "")))
    columns = ["outcome", "outcome_name", "region", "state", "records", "ambiguous_records", "ambiguity"]
    return pd.DataFrame(rows, columns=columns).astype({"records": "int64", "ambiguous_records": "int64"})


def ambiguous_cells(grid: pd.DataFrame) -> dict[str, str]:
    """The grid's cells with an ambiguous match, in its order: `outcome:region` (a URL's value) -> what a picker
    says ("Outcome 5 in Americas: 1 ambiguous match")."""
    return {
        f"{o}:{r}": ngettext(
            "Outcome {code} in {region}: {count} ambiguous match",
            "Outcome {code} in {region}: {count} ambiguous matches",
            a,
        ).format(code=o, region=vocab.word(r), count=a)
        for o, r, a in rows_of(grid, "outcome", "region", "ambiguous_records")
        if a
    }


def cell_confirmed(tables: Tables, outcome: str, region: str) -> list[str]:
    """The records that serve `outcome` in `region` with a confirmed match ("project AFR-PES"), in table order."""
    found = [words.record(kind, id_) for kind, id_, o, r, ambiguous in rows_of(tables.outcomes, "kind", "id", "outcome",
             "region", "ambiguous") if o == outcome and r == region and not ambiguous]  # fmt: skip
    return list(dict.fromkeys(found))


def cell_ambiguities(tables: Tables, outcome: str, region: str) -> pd.DataFrame:
    """The records matching `outcome` in `region` only ambiguously, one row each: how (best match, candidate), the
    reason in one sentence and the full reasoning (both readings of the brochure's layout and the meaning)."""
    rows: dict[str, list] = {}
    columns = ("key", "kind", "id", "title", "basis", "reason", "reasoning", "ambiguous", "outcome", "region")
    for key, kind, id_, title, basis, reason, reasoning, ambiguous, o, r in rows_of(tables.outcomes, *columns):
        if ambiguous and o == outcome and r == region:
            row = rows.setdefault(key, [kind, id_, title, [], reason, reasoning])
            if basis not in row[3]:
                row[3].append(basis)
    out = [(kind, id_, title, ", ".join(map(words.outcome_basis, bases)), reason, reasoning)
           for kind, id_, title, bases, reason, reasoning
           in rows.values()]  # fmt: skip
    return pd.DataFrame(out, columns=["kind", "id", "title", "basis", "reason", "reasoning"])


def outcome_records(tables: Tables) -> pd.DataFrame:
    """Every record x outcome with its basis: stated, via project, best match or candidate of an ambiguous match; the
    reason right after the title (it sat off-screen to the right)."""
    # the basis (best match or candidate) beside the outcome: after the long reasons it was off screen at 1,400 px
    columns = ["outcome", "basis", "ambiguous", "kind", "id", "title", "reason", "reasoning", "region", "quote"]
    columns.append("source")
    return tables.outcomes[columns].reset_index(drop=True)


GENERAL_SDG = re.compile(r"\bsdgs?\b|2030 agenda|agenda 2030")  # in the casefolded search text


def sdg_mentions(tables: Tables) -> pd.DataFrame:
    """SDGs the sources state, plus records whose text speaks of the SDGs or the 2030 Agenda in general."""
    columns = ["mention", "kind", "id", "title", "region", "source"]
    rows = [
        (
            _("SDG {goal} (target {target})").format(goal=goal, target=target)
            if isinstance(target, str) and target
            else _("SDG {goal}").format(goal=goal),
            *rest,
        )
        for goal, target, *rest in rows_of(tables.sdgs, "goal", "target", *columns[1:])
    ]
    general, text_of = _("SDGs / 2030 Agenda in general"), _("text of the record")
    stated = set(tables.sdgs["key"].tolist())
    rows += [
        (general, kind, id_, title, region, text_of)
        for key, kind, id_, title, region, text in rows_of(tables.records, "key", *columns[1:5], "search_text")
        if key not in stated and ("sdg" in text or "2030" in text) and GENERAL_SDG.search(text)  # a quick test first
    ]
    return pd.DataFrame(rows, columns=columns)


def kind_counts(records: pd.DataFrame) -> dict[str, int]:
    """Records, projects and good practices among some records."""
    kinds = records["kind"].tolist()
    return {"records": len(kinds), "projects": kinds.count("project"), "practices": kinds.count("practice")}


def country_choices(tables: Tables) -> list[str]:
    """Every country a record names (in any role), in the order of their names: what a country picker offers."""
    return sorted(set(tables.countries["iso3"].tolist()), key=countries.sort_key)


def without_key(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as a table shows it: the internal record key left out (a row's id and kind say which record)."""
    return frame.drop(columns="key")


def outcome_totals(grid: pd.DataFrame) -> pd.DataFrame:
    """Records with a confirmed match per outcome, from the outcome x region grid (what the bar chart draws)."""
    totals: dict[str, int] = {}
    for outcome, records in rows_of(grid, "outcome", "records"):
        totals[outcome] = totals.get(outcome, 0) + int(records)
    return pd.DataFrame({"outcome": list(totals), "records": list(totals.values())}).astype(
        {"outcome": grid["outcome"].dtype, "records": "int64"}
    )


def card_groups(cards: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A country's cards in two lists: the records naming it, and those that may reach it through a group."""
    named = cards["named"].astype(bool)
    return cards[named].reset_index(drop=True), cards[~named].reset_index(drop=True)


def country_profile(tables: Tables, iso3: str) -> pd.DataFrame:
    rows = tables.countries[tables.countries["iso3"] == iso3]
    if rows.empty:
        return pd.DataFrame(columns=["kind", "id", "title", "region", "roles", "via_group", "evidence"])
    ev = tables.evidence[tables.evidence["field"].str.startswith("countries.") & (tables.evidence["value"] == iso3)]
    roles = ev["field"].str.removeprefix("countries.").map(vocab.word)
    said = ev.assign(text=roles + ": " + ev["quote"].fillna(ev["inference"]))
    said = said.groupby("key")["text"].agg(" | ".join)
    grouped = rows.groupby(["key", "kind", "id", "title", "region"], sort=False).agg(
        roles=("role", lambda r: ", ".join(x for x in vocab.ROLES if x in set(r))),
        via_group=("via_group", lambda g: ", ".join(sorted({x for x in g if isinstance(x, str)}))),
    )
    grouped = grouped.reset_index()
    row_note = grouped["kind"].map({"practice": _("participant: named in the compendium's Countries involved row")})
    grouped["evidence"] = grouped["key"].map(said).fillna(row_note)
    through = grouped["via_group"].map(lambda group: _("through the group {group}").format(group=group))
    grouped.loc[grouped["via_group"] != "", "evidence"] = through
    grouped = grouped.set_index(["key", "kind", "id", "title", "region"])
    return (
        grouped.reset_index()
        .drop(columns="key")
        .sort_values(["kind", "id"], ascending=[False, True], ignore_index=True)
    )


def record_table(tables: Tables, kind: str) -> pd.DataFrame:
    records = tables.records[tables.records["kind"] == kind]
    columns = (
        ["id", "short_name", "title", "region", "project_id", "covid_moved_online", "source"]
        if kind == "practice"
        else ["id", "title", "region", "unit", "from_compendium", "ambiguous", "source"]
    )
    return records[columns].reset_index(drop=True)


def record_evidence(tables: Tables, key: str) -> pd.DataFrame:
    """The quotes (or inferences) behind one record's judged values."""
    return tables.evidence[tables.evidence["key"] == key].drop(columns="key").reset_index(drop=True)


ROW_NOTE = {"practice": N_("named in the compendium's Countries involved row")}  # `_()` where shown


def _natural(column: pd.Series) -> pd.Series:
    """A sort key: record ids that are numbers (practices) by their value, other columns as they are."""
    if column.name != "id":
        return column
    return column.map(lambda i: f"{int(i):09d}" if str(i).isdigit() else str(i))


def country_cards(tables: Tables, iso3: str) -> pd.DataFrame:
    """One row per record reaching the country: named in a role (with the words that say so), or through a group.

    Records that name the country come first; those that may reach it through a group without a country list
    follow, said as such, never counted as naming it.
    """
    reached = reach.country_reach(tables, [iso3])
    if reached.empty:
        return pd.DataFrame(columns=["key", "kind", "id", "title", "region", "roles", "how", "evidence", "named"])
    said: dict[str, list[str]] = {}
    columns = ("key", "field", "value", "quote", "inference", "source")
    for key, field, value, quote, inference, source in rows_of(tables.evidence, *columns):
        if value == iso3 and field.startswith("countries."):
            # TRANSLATORS: a source's words on a country profile; the quotation marks are the language's own.
            told = (
                _("“{quote}”").format(quote=quote)
                if isinstance(quote, str)
                else _("inferred, no sentence says it: {inference}").format(inference=inference)
            )
            role = vocab.word(field.removeprefix("countries."))
            said.setdefault(key, []).append(f"{role}: {told} ({source})")
    cards: dict[str, list] = {}
    for key, kind, id_, title, region, role, how, named in rows_of(reached, *reach.COLUMNS[:5], "role", "how", "named"):
        card = cards.setdefault(key, [key, kind, id_, title, region, set(), {}, False])
        card[5].add(role)
        card[6][how] = None
        card[7] = card[7] or named
    rows = []
    for key, kind, id_, title, region, roles, hows, named in cards.values():
        evidence = " ".join(said[key]) if key in said else (_(ROW_NOTE[kind]) if kind in ROW_NOTE else None)
        rows.append((key, kind, id_, title, region, ", ".join(r for r in vocab.ROLES if r in roles), "; ".join(hows),
                     named, evidence if named else ""))  # fmt: skip
    out = pd.DataFrame(rows, columns=["key", "kind", "id", "title", "region", "roles", "how", "named", "evidence"])
    return out.sort_values(
        ["named", "kind", "id"], ascending=[False, False, True], key=_natural, ignore_index=True
    )  # practice 6 before practice 13


def compare(left: Tables, right: Tables) -> pd.DataFrame:
    """Two selections on the same measures: records, countries, outcomes, themes, modalities, funding.

    Counts are of records (a record counts once per item); an ambiguous outcome match is its own item, and a
    record with no funding stated counts under "not stated", never as zero.
    """

    def measures(tables: Tables) -> pd.Series:
        records = tables.records
        named = figures.COUNTRIES_NAMED.removeprefix("Countries ")
        rows: dict[tuple[str, str], int] = {
            ("Records", "all"): len(records),
            ("Records", "projects"): int((records["kind"] == "project").sum()),
            ("Records", "good practices"): int((records["kind"] == "practice").sum()),
            ("Countries", named): figures.countries_named(tables),
            ("Countries", f"{named}, {figures.COUNTRIES_WITH_MEMBERS}"): figures.countries_with_members(tables),
            ("Countries", figures.COUNTRIES_ANY_ROLE): figures.countries_any_role(tables),
        }
        outcomes = tables.outcomes.assign(
            item=tables.outcomes["outcome"].map(lambda o: f"Outcome {o}")
            + tables.outcomes["ambiguous"].map({True: " (ambiguous match)", False: ""})
        )
        for label, frame, column in (
            ("Outcome", outcomes, "item"),
            ("Theme", tables.themes, "theme_label"),
            ("Modality (delivered)", tables.modalities[tables.modalities["status"] == "delivered"], "modality_label"),
            ("Modality (planned)", tables.modalities[tables.modalities["status"] == "planned"], "modality_label"),
            ("Funding source", pd.DataFrame(_funding_rows(tables), columns=_FUNDING), "source"),
        ):
            for item, n in frame.drop_duplicates([column, "key"]).groupby(column)["key"].nunique().items():
                rows[(label, str(item))] = int(n)
        if ("Funding source", "not stated") in rows:  # no source: said as such, never as a source (as Funding mix)
            rows[("Funding source", "none stated (records)")] = rows.pop(("Funding source", "not stated"))
        return pd.Series(rows, dtype="int64")

    said: dict[str, str] = {}  # an English item -> its words in the run's language (kept English to sort by)

    def measures_said(tables: Tables) -> pd.Series:
        found = measures(tables)
        said.update((item, _item_words(measure, item)) for measure, item in found.index)
        return found

    both = pd.concat([measures_said(left).rename("left"), measures_said(right).rename("right")], axis=1).fillna(0)
    both = both.astype("int64").rename_axis(["measure", "item"]).reset_index()
    order = {m: i for i, m in enumerate(["Records", "Countries", "Outcome", "Theme", "Modality (delivered)",
                                         "Modality (planned)", "Funding source"])}  # fmt: skip
    both["difference"] = both["left"] - both["right"]
    out = both.sort_values(["measure", "item"], key=lambda s: s.map(order) if s.name == "measure" else s,
                           ignore_index=True)  # fmt: skip
    # words, once sorted as they always were: the measures and the app's items in the run's language
    return out.assign(measure=out["measure"].map(_measure_words), item=out["item"].map(lambda i: said.get(i, i)))


def _measure_words(measure: str) -> str:
    return {
        "Records": pgettext("a measure of Compare", "Records"),
        "Countries": pgettext("a measure of Compare", "Countries"),
        "Outcome": pgettext("a measure of Compare", "Outcome"),
        "Theme": pgettext("a measure of Compare", "Theme"),
        "Modality (delivered)": pgettext("a measure of Compare", "Modality (delivered)"),
        "Modality (planned)": pgettext("a measure of Compare", "Modality (planned)"),
        "Funding source": pgettext("a measure of Compare", "Funding source"),
    }.get(measure, measure)


def _item_words(measure: str, item: str) -> str:
    """An item of Compare in words: the app's own (counts, outcomes, themes, modalities); a funding source's name as
    the data writes it."""
    named = figures.COUNTRIES_NAMED.removeprefix("Countries ")
    if measure == "Records":
        return {
            "all": pgettext("records", "all"),
            "projects": pgettext("records", "projects"),
            "good practices": pgettext("records", "good practices"),
        }.get(item, item)
    if measure == "Countries":
        return {
            named: _("named (participants and peers)"),
            f"{named}, {figures.COUNTRIES_WITH_MEMBERS}": _(
                "named (participants and peers), with the members of listed groups"
            ),
            figures.COUNTRIES_ANY_ROLE: _(figures.COUNTRIES_ANY_ROLE),
        }.get(item, item)
    if measure == "Outcome":
        code = item.removeprefix("Outcome ").removesuffix(" (ambiguous match)")
        ambiguous = item.endswith(" (ambiguous match)")
        return (_("Outcome {code} (ambiguous match)") if ambiguous else _("Outcome {code}")).format(code=code)
    if measure == "Funding source":
        return _("none stated (records)") if item == "none stated (records)" else item
    return vocab.word(item)
