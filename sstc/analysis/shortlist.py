"""A planner's shortlist of projects and practices: its table and its coverage if extended (the brief: `brief`)."""

from collections.abc import Sequence

import pandas as pd

from sstc.analysis import transforms, words
from sstc.data import vocab
from sstc.data.i18n import N_, _, ngettext, pgettext
from sstc.data.tables import Tables, replaced

PARAM = "pick"
MAX_ITEMS = 44  # every record of the shipped dataset; more than a planner will tick
# A country's status on the shortlist's map: a value compared and coloured by (English, a key); `_()` where shown.
NOW, EXTENDED = N_("covered now"), N_("added if extended")
NOT_DOCUMENTED = N_("not documented in the sources")  # `_(NOT_DOCUMENTED)` is what a table holds


def options(tables: Tables) -> dict[str, str]:
    """record key -> label, practices first (they carry the criteria a brief needs)."""
    records = tables.records.sort_values(["kind", "id"], key=_natural, ascending=[False, True])
    return {
        key: words.record_titled(kind, rid, short if kind == "practice" else title)
        for key, kind, rid, short, title in zip(
            records["key"], records["kind"], records["id"], records["short_name"], records["title"], strict=True
        )
    }


def _natural(column: pd.Series) -> pd.Series:
    return column.map(lambda v: int(v) if str(v).isdigit() else v) if column.name == "id" else column


def from_params(values: Sequence[str], available: dict[str, str]) -> tuple[list[str], list[str]]:
    """Keys from `?pick=` values; unknown ones are dropped with a notice, duplicates once."""
    keys: list[str] = []
    notices: list[str] = []
    for value in values:
        value = value.strip()
        if value in available:
            if value not in keys and len(keys) < MAX_ITEMS:
                keys.append(value)
        else:
            notices.append(
                _("Ignored {param}={value} from the URL: it names no project or practice.").format(
                    param=PARAM, value=repr(value[:60])
                )
            )
    return keys, notices


GROUP_ROLES = ("participant", "peer", "candidate")


def item_groups(tables: Tables, keys: list[str]) -> dict[str, dict[str, list[str]]]:
    """Per item, role -> the groups it names in that role (a region, Global South, ...), in the sources' order: a
    record that reached "Africa, Arab States and Global" names no country, and its reach is these groups."""
    out: dict[str, dict[str, list[str]]] = {key: {} for key in keys}
    rows = tables.groups[tables.groups["key"].isin(keys)]
    for key, role, name in zip(rows["key"], rows["role"], rows["group_name"], strict=True):
        names = out[key].setdefault(role, [])
        if name not in names:
            names.append(name)
    return out


def groups_text(by_role: dict[str, list[str]], roles: Sequence[str] = GROUP_ROLES) -> str:
    """ "participant: Africa, Arab States; candidate: Global South" ("" when none)."""
    return "; ".join(f"{vocab.word(role)}: {', '.join(by_role[role])}" for role in roles if by_role.get(role))


def shortlist_groups(tables: Tables, keys: list[str]) -> dict[str, list[str]]:
    """Role -> the groups the shortlist's items name in it, each once."""
    out: dict[str, list[str]] = {}
    for by_role in item_groups(tables, keys).values():
        for role, names in by_role.items():
            out.setdefault(role, [])
            out[role] += [n for n in names if n not in out[role]]
    return out


def reach_words(countries: int, groups: Sequence[str]) -> str:
    """A country count never stands alone when groups exist: "0 countries; 3 groups: Africa, Arab States, Global"."""
    said = ngettext("{count} country", "{count} countries", countries).format(count=countries)
    if not groups:
        return said
    more = ngettext("{count} group: {groups}", "{count} groups: {groups}", len(groups))
    return f"{said}; {more.format(count=len(groups), groups=', '.join(groups))}"


def _texts(tables: Tables, keys: list[str], criterion: str) -> pd.Series:
    rows = tables.criteria[(tables.criteria["criterion"] == criterion) & tables.criteria["key"].isin(keys)]
    return rows.set_index("key")["text"]


def _joined(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame.groupby("key")[column].agg(lambda v: "; ".join(dict.fromkeys(str(x) for x in v)))


def _funding_text(tables: Tables) -> pd.Series:
    funding = tables.funding
    text = funding["source"] + funding["share"].map(lambda s: f" ({s:g}%)" if pd.notna(s) else "")
    return _joined(funding.assign(text=text), "text")


def items(tables: Tables, keys: list[str]) -> pd.DataFrame:
    """The shortlist as a table, in the order ticked: what a brief says about each item."""
    records = tables.records.set_index("key")
    keys = [k for k in keys if k in records.index]
    if not keys:
        return pd.DataFrame(
            columns=[
                "kind",
                "id",
                "title",
                "region",
                "groups",
                "objective",
                "results",
                "adaptability",
                "funding",
                "contacts",
                "candidates",
                "source",
            ]
        )
    chosen = records.loc[keys]
    none = pgettext("no group or country", "none named")
    candidates = tables.countries[tables.countries["role"] == "candidate"]
    groups = tables.groups[tables.groups["role"] == "candidate"]
    named = pd.concat(
        [candidates[["key"]].assign(n=candidates["country"]), groups[["key"]].assign(n=groups["group_name"])]
    )
    contacts = tables.contacts.assign(
        text=tables.contacts["institution"]
        + tables.contacts["contact_role"].map(lambda r: f" ({r})" if isinstance(r, str) else "")
    )
    out = pd.DataFrame(
        {
            "kind": chosen["kind"],
            "id": chosen["id"],
            "title": chosen["title"],
            "region": chosen["region"],
            "groups": pd.Series({k: groups_text(v) or none for k, v in item_groups(tables, keys).items()}),
            "objective": chosen["summary"],
            "results": _texts(tables, keys, "results"),
            "adaptability": _texts(tables, keys, "adaptability"),
            "funding": _funding_text(tables),
            "contacts": _joined(contacts, "text"),
            "candidates": _joined(named, "n"),
            "source": chosen["source"],
        },
        index=pd.Index(keys, name="key"),
    )
    return (
        out.fillna({c: _(NOT_DOCUMENTED) for c in ("results", "adaptability", "funding", "contacts")})
        .fillna({"candidates": none})
        .reset_index(drop=True)
    )


def extension_coverage(tables: Tables, keys: list[str]) -> pd.DataFrame:
    """Countries the shortlist covers now (participants) and those its candidate countries would add."""
    subset = tables.countries[tables.countries["key"].isin(keys)]
    now = transforms.coverage(_only(tables, subset[subset["role"] == "participant"]), "participant")
    added = subset[(subset["role"] == "candidate") & ~subset["iso3"].isin(now["iso3"])]
    later = transforms.coverage(_only(tables, added), "candidate")
    out = pd.concat([now.assign(status=NOW), later.assign(status=EXTENDED)], ignore_index=True)
    return out[["iso3", "country", "status", "records", "projects", "practices", "roles", "record_titles"]]


def item_counts(tables: Tables, keys: list[str]) -> pd.DataFrame:
    """Per item: its participant countries (now) and the candidate countries it names beyond them (added)."""
    rows = tables.countries[tables.countries["key"].isin(keys)]
    part = rows[rows["role"] == "participant"]
    cand = rows[rows["role"] == "candidate"]
    covered = pd.MultiIndex.from_frame(part[["key", "iso3"]])
    added = cand[~pd.MultiIndex.from_frame(cand[["key", "iso3"]]).isin(covered)]
    out = pd.DataFrame(
        {"now": part.groupby("key")["iso3"].nunique(), "added": added.groupby("key")["iso3"].nunique()},
        index=pd.Index(keys, name="key"),
    )
    return out.fillna(0).astype(int).reset_index()


def _only(tables: Tables, countries_rows: pd.DataFrame) -> Tables:
    return replaced(tables, countries=countries_rows)


def unmapped_candidates(tables: Tables, keys: list[str]) -> list[str]:
    """Candidate groups without member countries (e.g. 'Global South'): named in words, not on the map."""
    groups = tables.groups
    rows = groups[groups["key"].isin(keys) & (groups["role"] == "candidate") & ~groups["expanded"]]
    return list(dict.fromkeys(rows["group_name"]))


def with_ticks(current: Sequence[str], shown: Sequence[str], ticked_rows: Sequence[int]) -> list[str]:
    """The shortlist after ticking rows of a table that shows `shown` records: rows ticked are in, rows of that
    table not ticked are out, records the table does not show keep their place."""
    chosen = {shown[i] for i in ticked_rows if 0 <= i < len(shown)}
    kept = [k for k in current if k not in shown or k in chosen]
    return (kept + [k for k in shown if k in chosen and k not in kept])[:MAX_ITEMS]


def status_counts(coverage: pd.DataFrame) -> tuple[int, int]:
    """Countries the shortlist covers now, and those its candidate countries would add."""
    statuses = coverage["status"].tolist()
    return statuses.count(NOW), statuses.count(EXTENDED)
