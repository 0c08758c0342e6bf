"""Replicate to a target: rank the good practices by how well they fit the countries, M49 sub-regions or groups a
planner names, with a reason per point.

A target is written as in the URL (`?target=GTM&target=Central America&target=group:sids`): an ISO alpha-3 code,
an M49 sub-region or intermediate region, or `group:` and a group of the dataset. Points, per target, added up:

- 3: the practice names the target as a candidate for extension (the country itself, the group itself, or a group
  whose member list in the sources has it: "names it", as the Country filter says), with the quote that says so;
- 2: it names as a candidate a group the target country is a member of (members from the sources' list, or from
  M49 for the groups M49 defines: never "named");
- 2: it already worked (participant or peer) with the target group, or with a group that takes the whole target in
  (members from the sources' list, or from M49: "not named"; a group named as a region lists none);
- 1: it already worked (participant or peer) in a country of the target's M49 sub-region, derived from M49;
- 1: for a country target, it already worked in a country sharing one of its official languages (Unicode CLDR,
  through Babel);
- 1, once: it carries a theme or outcome the sidebar's filters chose (the filters keep only those that do; the point
  says which).

What no rule can decide, whether the target meets the conditions the practice's adaptability names, is shown
beside the ranking as that judgement's quote, for the planner to read. Ties go to the higher replication score.
"""

from dataclasses import dataclass

import pandas as pd

from sstc.analysis import geography, scoring, words
from sstc.data import countries, m49, vocab
from sstc.data.i18n import _, ngettext, pgettext
from sstc.data.tables import Tables, rows_of

PARAM = "target"
GROUP = "group:"
NAMED, MEMBER, NEAR = 3, 2, 1
WITH_GROUP = 2  # a group target the record already worked with
LANGUAGE = 1  # a country target: it already worked where one of the target's official languages is official
TOPIC = 1  # once per practice: it carries a theme or outcome chosen in the sidebar
# The fit beside the rank: on a phone the table shows its first three columns (the fit was sixth, out of sight).
COLUMNS = ["rank", "fit", "number", "short_name", "fit_reasons", "region", "adaptability", "score", "key"]


@dataclass(frozen=True)
class Target:
    token: str  # as the URL writes it
    label: str
    kind: str  # country | subregion | group
    members: frozenset[str]  # the countries it stands for (a group the sources do not list and M49 lacks: none)
    members_from: str  # words: where the members come from


def options(tables: Tables) -> list[str]:
    """Every target a planner may pick: the dataset's groups, every M49 sub-region, every M49 country."""
    groups = sorted({f"{GROUP}{g}" for g in tables.groups["group"]}, key=lambda t: label(tables, t).casefold())
    areas = sorted(set(m49.sub_regions()))
    codes = sorted({a.iso3 for a in m49.table() if a.name_en and a.region}, key=countries.sort_key)  # no Antarctica
    return [*codes, *areas, *groups]


def _group_names(tables: Tables) -> dict[str, str]:
    return dict(rows_of(tables.groups.drop_duplicates("group"), "group", "group_name"))


def label(tables: Tables, token: str) -> str:
    if token.startswith(GROUP):
        name = _group_names(tables).get(token.removeprefix(GROUP), token)
        return _("{group} (group in the sources)").format(group=name)
    if token in set(m49.sub_regions()):
        return _("{area} (UN M49 sub-region)").format(area=m49.shown(token))
    return countries.name(token)


def labels(tables: Tables) -> dict[str, str]:
    """Every option's `label`, made at once: a picker names its ~300 options on every run, and one cached call per
    option cost the Replication finder 10-20 ms a rerun."""
    return {token: label(tables, token) for token in options(tables)}


def resolve(tables: Tables, token: str) -> Target:
    """The target a token names (KeyError if none)."""
    if token.startswith(GROUP):
        gid = token.removeprefix(GROUP)
        names = _group_names(tables)
        if gid not in names:
            raise KeyError(token)
        listed = set(tables.countries.loc[tables.countries["via_group"] == gid, "iso3"])
        if listed:
            return Target(token, label(tables, token), "group", frozenset(listed), _("members from the sources"))
        from_m49 = geography.group_members(names[gid])
        if from_m49 is not None:
            return Target(token, label(tables, token), "group", from_m49, geography.group_note(names[gid]))
        return Target(token, label(tables, token), "group", frozenset(), _("the sources list no countries"))
    if token in set(m49.sub_regions()):
        return Target(token, label(tables, token), "subregion", geography.countries_in([token]), _(geography.NOTE))
    token = token.upper() if len(token) == 3 else token  # ?target=eth as ETH
    if m49.area(token) is None:
        raise KeyError(token)
    return Target(token, countries.name(token), "country", frozenset({token}), "")


def from_params(tables: Tables, values: list[str]) -> tuple[list[Target], list[str]]:
    """Targets from the URL; a value that names nothing is dropped with a notice."""
    found, notices = [], []
    for value in dict.fromkeys(v.strip() for v in values if isinstance(v, str)):
        try:
            target = resolve(tables, value)
            if target.token not in {t.token for t in found}:  # eth and ETH: one target
                found.append(target)
        except KeyError:
            notices.append(
                _("Ignored {param}={value} from the URL: it names no country, M49 sub-region or group.").format(
                    param=PARAM, value=repr(value[:60])
                )
            )
    return found, notices


@dataclass(frozen=True)
class Rows:
    """The rows `fit` reads, by record, made once per ranking: filtering the whole tables for every practice and
    target took 6.5 s for 20 targets on a dataset 10 times the shipped one."""

    countries: dict[str, list[tuple[str, str, object]]]  # key -> (iso3, role, via_group)
    groups: dict[str, list[tuple[str, str, str]]]  # key -> (group, group_name, role)
    listed: dict[str, set[str]]  # group id -> the countries a source lists for it
    quotes: dict[tuple[str, str, str], str]  # (key, field, value) -> the first quote


def rows_by_record(tables: Tables) -> Rows:
    by_country: dict[str, list[tuple[str, str, object]]] = {}
    listed: dict[str, set[str]] = {}
    for key, iso3, role, via in rows_of(tables.countries, "key", "iso3", "role", "via_group"):
        by_country.setdefault(key, []).append((iso3, role, via))
        if isinstance(via, str):
            listed.setdefault(via, set()).add(iso3)
    by_group: dict[str, list[tuple[str, str, str]]] = {}
    for key, group, name, role in rows_of(tables.groups, "key", "group", "group_name", "role"):
        by_group.setdefault(key, []).append((group, name, role))
    quotes: dict[tuple[str, str, str], str] = {}
    for key, field, value, quote in rows_of(tables.evidence, "key", "field", "value", "quote"):
        if isinstance(quote, str) and field in ("countries.candidate", "groups.candidate"):
            quotes.setdefault((key, field, value), quote)
    return Rows(by_country, by_group, listed, quotes)


def _quote(rows: Rows, key: str, field: str, value: str) -> str:
    quote = rows.quotes.get((key, field, value))
    # TRANSLATORS: a source's words after a reason; the quotation marks are the language's own.
    return _(" (“{quote}”)").format(quote=" ".join(quote.split())) if quote else ""


def _members(rows: Rows, gid: str, name: str) -> tuple[set[str], str]:
    """A group's members and where they come from: the sources' list, else M49 where it defines the group."""
    if rows.listed.get(gid):
        return rows.listed[gid], _("members from the sources")
    return set(geography.group_members(name) or ()), geography.group_note(name)


def nearest_area(iso3: str) -> str | None:
    """A country's narrowest M49 area: its intermediate region (Central America), else its sub-region."""
    areas = geography.areas_of(iso3)
    return areas[-1] if areas else None


def _areas(target: Target) -> set[str]:
    if target.kind == "subregion":
        return {target.token}
    return {a for a in map(nearest_area, target.members) if a}


def _as_candidate(rows: Rows, key: str, target: Target) -> tuple[int, str]:
    """NAMED (with the quote) if the record names the target as a candidate, MEMBER if a candidate group of it takes
    the target in, else 0; and the reason."""
    named = {
        iso3 for iso3, role, via in rows.countries.get(key, ()) if role == "candidate" and not isinstance(via, str)
    }
    groups = {group: name for group, name, role in rows.groups.get(key, ()) if role == "candidate"}
    gid = target.token.removeprefix(GROUP) if target.kind == "group" else None
    if gid is not None and gid in groups:
        return NAMED, _("names {group} as a candidate{quote}").format(
            group=groups[gid], quote=_quote(rows, key, "groups.candidate", gid)
        )
    hit = sorted(named & target.members, key=countries.sort_key)
    if hit:
        said = "; ".join(f"{countries.name(c)}{_quote(rows, key, 'countries.candidate', c)}" for c in hit[:3])
        where = (
            ""
            if target.kind == "country"
            else _(", in {target} ({members_from})").format(target=target.label, members_from=target.members_from)
        )
        return NAMED, _("names {countries} as a candidate{where}").format(countries=said, where=where)
    found = []
    for group, name in groups.items():
        members, source = _members(rows, group, name)
        shared = members & target.members
        if shared:
            takes = (
                _("which takes in {target}").format(target=target.label)
                if target.kind == "country" or shared == target.members
                # never one country of one: `shared` is some of the target's members, not all
                else _("which shares {shared} of the {total} countries of {target}").format(
                    shared=len(shared), total=len(target.members), target=target.label
                )
            )
            if group in rows.listed:  # a source lists its members: the record names them (as `reach` says)
                found.append(
                    (NAMED, _("names {group} as a candidate, {takes} (its member list in the sources)").format(
                        group=name, takes=takes))
                )  # fmt: skip
            else:
                found.append(
                    (MEMBER, _("names {group} as a candidate, {takes} ({source}; not named)").format(
                        group=name, takes=takes, source=source))
                )  # fmt: skip
    return max(found, key=lambda f: f[0]) if found else (0, "")


def _with_group(rows: Rows, key: str, target: Target) -> tuple[int, str]:
    """WITH_GROUP if the record already worked (participant or peer) with the target group, or with a group that takes
    the whole target in (its members from the sources' list, or from M49: "not named"), so that M49's Central America
    and the sources' Central America, the same place, fit alike; a group that lists no members (IGAD, SIDS, a group
    named as a region) takes in nothing but itself."""
    gid = target.token.removeprefix(GROUP) if target.kind == "group" else None
    found = []
    for group, name, role in rows.groups.get(key, ()):
        if role not in ("participant", "peer"):
            continue
        if group == gid:
            found.append((2, name, role, _("already worked with {group}").format(group=name)))
            continue
        members, source = _members(rows, group, name)
        if target.members and target.members <= members:
            where = (
                _("its member list in the sources")
                if group in rows.listed
                else _("{source}; not named").format(source=source)
            )
            said = _("already worked with {group}, which takes in {target} ({where})")
            found.append((1, name, role, said.format(group=name, target=target.label, where=where)))
    if not found:
        return 0, ""
    best = max(found, key=lambda f: f[0])
    roles = [r for r in ("participant", "peer") if r in {role for _, name, role, _ in found if name == best[1]}]
    in_roles = words.both(vocab.word(r) for r in roles)
    return WITH_GROUP, _("{reason} (as {roles})").format(reason=best[3], roles=in_roles)


def fit(tables: Tables, key: str, target: Target, rows: Rows | None = None) -> tuple[int, list[str]]:
    """One practice's points and reasons for one target (module docstring); `rows`: `rows_by_record(tables)`, made
    once by a caller that asks for many."""
    rows = rows or rows_by_record(tables)
    points, said = _as_candidate(rows, key, target)
    reasons = [said] if said else []
    worked, with_group = _with_group(rows, key, target)
    if worked:
        points, reasons = points + worked, [*reasons, with_group]
    worked = {iso3 for iso3, role, _ in rows.countries.get(key, ()) if role in ("participant", "peer")}
    areas = _areas(target)
    others = worked - ({target.token} if target.kind == "country" else set())
    near = sorted((c for c in others if set(geography.areas_of(c)) & areas), key=countries.sort_key)
    if near:
        points += NEAR
        reasons.append(
            _("already worked in {countries}, in {areas} ({note})").format(
                countries=_some(near), areas=", ".join(m49.shown(a) for a in sorted(areas)), note=_(geography.NOTE)
            )
        )
    spoken = set(geography.languages_of(target.token)) if target.kind == "country" else set()
    shared = {c: spoken & set(geography.languages_of(c)) for c in sorted(others, key=countries.sort_key)}
    shared = {c: langs for c, langs in shared.items() if langs}
    if shared:
        points += LANGUAGE
        tongues = sorted({lang for langs in shared.values() for lang in langs})
        said = ngettext(
            "already worked in {countries}, where {languages} is official as in {target} ({note})",
            "already worked in {countries}, where {languages} are official as in {target} ({note})",
            len(tongues),
        )
        reasons.append(
            said.format(
                countries=_some(list(shared)),
                languages=words.both(map(geography.language_name, tongues)),
                target=target.label,
                note=_(geography.LANGUAGES_NOTE),
            )
        )
    if target.kind == "country" and target.token in worked:
        reasons.append(_("already worked in {target} itself (no point: done there)").format(target=target.label))
    return points, reasons


def _some(codes: list[str]) -> str:
    """At most four countries by name, "and more" after them: "Brazil, Chile, Peru, Uruguay and more"."""
    listed = ", ".join(countries.name(c) for c in codes[:4])
    return _("{countries} and more").format(countries=listed) if len(codes) > 4 else listed


def _topics(tables: Tables, key: str, themes: tuple[str, ...], outcomes: tuple[str, ...]) -> str:
    """The themes and outcomes chosen in the sidebar that the record carries, in words ("" if none)."""
    said = [vocab.theme_label(t) for t in tables.themes.loc[tables.themes["key"] == key, "theme"] if t in themes]
    own = tables.outcomes[(tables.outcomes["key"] == key) & tables.outcomes["outcome"].isin(outcomes)]
    said += [
        (_("outcome {code} (ambiguous match)") if a else _("outcome {code}")).format(code=o)
        for o, a in rows_of(own, "outcome", "ambiguous")
    ]
    return ", ".join(dict.fromkeys(said))


def rank(
    tables: Tables,
    practices: pd.DataFrame,
    targets: tuple[Target, ...],
    themes: tuple[str, ...] = (),
    outcomes: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The practices among `practices` (records rows) ranked by fit to the targets, then by replication score; with
    the sidebar's themes and outcomes, a practice that carries one earns TOPIC once, said so."""
    scores = scoring.score_practices(tables).set_index("key")
    adaptability = dict(zip(scores.index, scores["adaptability_reason"], strict=True))
    index = rows_by_record(tables)
    rows = []
    for key, number, short, region in rows_of(practices[practices["kind"] == "practice"], "key", "id", "short_name",
                                              "region"):  # fmt: skip
        total, said = 0, []
        for target in targets:
            points, reasons = fit(tables, key, target, index)
            total += points
            said += [f"{target.label}: {r}" for r in reasons] if len(targets) > 1 else reasons
        topics = _topics(tables, key, themes, outcomes)
        if topics:
            total += TOPIC
            said.append(_("matches what the sidebar chose: {topics}").format(topics=topics))
        rows.append({"number": int(number), "short_name": short, "region": region, "fit": total,
                     "fit_reasons": "; ".join(said) or _("nothing in the data ties it to the target"),
                     "adaptability": adaptability.get(key, ""), "score": int(scores.loc[key, "total"])
                     if key in scores.index else 0, "key": key})  # fmt: skip
    out = pd.DataFrame(rows, columns=COLUMNS[1:])
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = out.sort_values(["fit", "score", "number"], ascending=[False, False, True])
    out.insert(0, "rank", out["fit"].rank(method="min", ascending=False).astype(int))
    return out.reset_index(drop=True)


def naming_as_candidate(tables: Tables, iso3: str) -> pd.DataFrame:
    """The records that name a country as a candidate for extension: by name (with the quote), or through a
    candidate group whose members (from the sources, or from M49) take it in, which is said as such."""
    target = Target(iso3, countries.name(iso3), "country", frozenset({iso3}), "")
    records = tables.records.set_index("key")
    keys = tables.countries.loc[tables.countries["role"] == "candidate", "key"].tolist()
    keys += tables.groups.loc[tables.groups["role"] == "candidate", "key"].tolist()
    rows = []
    index = rows_by_record(tables)
    for key in dict.fromkeys(keys):
        points, reason = _as_candidate(index, key, target)
        if points:
            rec = records.loc[key]
            candidate = (
                pgettext("a record and a candidate country", "names it")
                if points == NAMED
                else _("through a candidate group (not named)")
            )
            rows.append({"kind": rec["kind"], "id": rec["id"], "title": rec["title"], "region": rec["region"],
                         "candidate": candidate, "reason": reason, "key": key, "_named": points == NAMED})  # fmt: skip
    out = pd.DataFrame(rows, columns=["kind", "id", "title", "region", "candidate", "reason", "key", "_named"])
    out = out.sort_values("_named", key=lambda named: ~named.astype(bool), kind="stable")
    return out.drop(columns="_named").reset_index(drop=True)
