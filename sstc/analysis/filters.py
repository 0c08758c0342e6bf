"""The shared facets: what the sidebar shows, what the URL carries, and which records they keep."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

import pandas as pd

from sstc.analysis import geography, reach, search, words
from sstc.data import countries, i18n, m49, vocab
from sstc.data.i18n import N_, _, ngettext, pgettext
from sstc.data.tables import Subset, Tables, rows_of

# field -> URL parameter name
PARAMS: dict[str, str] = {
    "regions": "region",
    "subregions": "subregion",
    "countries": "country",
    "outcomes": "outcome",
    "themes": "theme",
    "modalities": "modality",
    "funding": "funding",
    "kinds": "kind",
    "text": "q",
}
MAX_TEXT = 200
MAX_NOTICES = 5


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    subregions: tuple[str, ...] = ()  # UN M49 sub-regions or intermediate regions (`geography`)
    countries: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    funding: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""

    def active(self) -> bool:
        return self != Filters()

    def summary(self) -> str:
        """Human words for captions: `search "brics"; region: Africa`."""
        return _spoken(self, {})

    def describe(self) -> str:
        """Short words for file names and captions: `region-africa-country-eth`."""
        parts = []
        for field in fields(self):
            value = getattr(self, field.name)
            if value:
                shown = value if isinstance(value, str) else "-".join(value)
                parts.append(f"{PARAMS[field.name]}-{shown}")
        return "-".join(parts)[:80] or "all"


WORDS = {"subregions": N_("sub-region (UN M49)")}  # a facet named in words where its URL name is not one


def facet_word(field: str) -> str:
    """A facet as a reader names it, in the run's language: its URL name in English ("region", "country")."""
    return {
        "regions": pgettext("a filter", "region"),
        "subregions": pgettext("a filter", "subregion"),
        "countries": pgettext("a filter", "country"),
        "outcomes": pgettext("a filter", "outcome"),
        "themes": pgettext("a filter", "theme"),
        "modalities": pgettext("a filter", "modality"),
        "funding": pgettext("a filter", "funding"),
        "kinds": pgettext("a filter", "kind"),
    }[field]


# Values said as words where a caller gives no other way (`summary`): the data's own (funding ids) as they are.
_SHOWN: dict[str, Callable[[str], str]] = {"regions": vocab.word, "kinds": vocab.word, "subregions": m49.shown}


def _spoken(filters: Filters, say: Mapping[str, Callable[[str], str]]) -> str:
    parts = [_('search "{text}"').format(text=filters.text)] if filters.text else []
    for field in fields(filters):
        value = getattr(filters, field.name)
        if value and field.name != "text":
            named = _(WORDS[field.name]) if field.name in WORDS else facet_word(field.name)
            shown = say.get(field.name, _SHOWN.get(field.name, str))
            parts.append(f"{named}: {', '.join(shown(v) for v in value)}")
    return "; ".join(parts) or _("no filter")


def in_words(filters: Filters, tables: Tables) -> str:
    """The filters as a reader would say them, for documents: names, not codes (`country: Ethiopia`)."""
    funding = dict(zip(tables.funding["source_id"], tables.funding["source"], strict=True))
    kinds = {"project": _("projects"), "practice": _("good practices")}
    return _spoken(
        filters,
        {
            "countries": countries.name,
            "outcomes": vocab.outcome_label,
            "themes": vocab.theme_label,
            "modalities": vocab.modality_label,
            "funding": lambda f: funding.get(f, f),
            "kinds": kinds.__getitem__,
        },
    )


def options(tables: Tables) -> dict[str, list[str]]:
    """Values each facet can take on this dataset, in display order."""
    return {
        "regions": [r for r in vocab.REGIONS if r in set(tables.records["region"])],
        "subregions": geography.subregion_options(tables),
        "countries": sorted(set(tables.countries["iso3"]), key=countries.sort_key),
        "outcomes": [o for o in vocab.OUTCOMES if o in set(tables.outcomes["outcome"])],
        "themes": [t for t in vocab.THEMES if t in set(tables.themes["theme"])],
        "modalities": [m for m in vocab.MODALITIES if m in set(tables.modalities["modality"])],
        "funding": sorted(set(tables.funding["source_id"]), key=str.casefold),
        "kinds": list(vocab.KINDS),
    }


def from_params(params: Mapping[str, Sequence[str]], available: dict[str, list[str]]) -> tuple[Filters, list[str]]:
    """Filters from URL values; values that name nothing are dropped with a notice, never an error."""
    notices: list[str] = []
    values: dict[str, object] = {}
    for field, param in PARAMS.items():
        raw = [v for v in params.get(param, []) if isinstance(v, str)]
        if field == "text":
            text = " ".join(raw).strip()
            if len(text) > MAX_TEXT:
                notices.append(
                    _("Search text from the URL shortened to {count} characters.").format(count=i18n.number(MAX_TEXT))
                )
                text = text[:MAX_TEXT]
            values[field] = text
            continue
        kept: list[str] = []
        for value in raw:
            normalised = _normalise(field, value)
            if normalised in available[field]:
                if normalised not in kept:
                    kept.append(normalised)
            else:
                notices.append(
                    _("Ignored {param}={value} from the URL: it names nothing in this dataset.").format(
                        param=param, value=repr(value[:60])
                    )
                )
        values[field] = tuple(kept)
    return Filters(**values), notices  # type: ignore[arg-type]


def grouped(notices: list[str], limit: int = MAX_NOTICES) -> list[str]:
    """At most `limit` notices, then one line for the rest: a crafted URL cannot stack a thousand of them."""
    unique = list(dict.fromkeys(notices))
    if len(unique) <= limit:
        return unique
    more = len(unique) - limit
    # TRANSLATORS: the English says "values" even for one; a language may say its singular.
    said = ngettext("Ignored {count} more values from the URL.", "Ignored {count} more values from the URL.", more)
    return [*unique[:limit], said.format(count=i18n.number(more))]


def _normalise(field: str, value: str) -> str:
    value = value.strip()
    if field == "countries":
        try:
            return countries.resolve(value)
        except countries.UnknownCountry:
            return value
    return value


def to_params(filters: Filters) -> dict[str, list[str] | str]:
    out: dict[str, list[str] | str] = {}
    for field, param in PARAMS.items():
        value = getattr(filters, field)
        if value:
            out[param] = value if isinstance(value, str) else list(value)
    return out


# The facets a record passes by a column of a table (values within a facet OR): field -> (table, column).
_COLUMNS = {
    "regions": ("records", "region"),
    "kinds": ("records", "kind"),
    "outcomes": ("outcomes", "outcome"),
    "themes": ("themes", "theme"),
    "modalities": ("modalities", "modality"),
    "funding": ("funding", "source_id"),
}


def facet_keys(tables: Tables, field: str, values: str | tuple[str, ...]) -> set[str]:
    """Keys of the records that pass one facet: any of its values (the search: every word)."""
    if field == "text":
        return set(search.matching(tables, str(values)))
    if field == "subregions":
        return geography.keys_in(tables, values)
    return set().union(*_each_value(tables, field, list(values)).values())


def _each_value(tables: Tables, field: str, values: list[str]) -> dict[str, set[str]]:
    """Per value of one facet (not the search), the keys of the records that pass it with that value alone: in one
    pass over its table, so that trying every other country or theme costs one pass, not one per value."""
    if field == "countries":
        return reach.reaching_keys(tables, values)
    if field == "subregions":
        return {value: geography.keys_in(tables, (value,)) for value in values}
    table, column = _COLUMNS[field]
    found: dict[str, set[str]] = {value: set() for value in values}
    for key, value in rows_of(getattr(tables, table), "key", column):
        if value in found:
            found[value].add(key)
    return found


def _matching(tables: Tables, filters: Filters) -> set[str]:
    keep = set(tables.records["key"].tolist())
    for field in PARAMS:
        value = getattr(filters, field)
        if value if field != "text" else value.strip():
            keep &= facet_keys(tables, field, value)
    return keep


def matching_keys(tables: Tables, filters: Filters) -> pd.Index:
    """Keys of records that pass every active facet (facets AND, values within a facet OR), in the records' order."""
    keep = _matching(tables, filters)
    records = tables.records
    return pd.Index([key for key in records["key"].tolist() if key in keep], dtype=records["key"].dtype)


def activity_keys(tables: Tables, filters: Filters, record_keys: pd.Index) -> pd.Index:
    """Dated activities outside the 2020-21 records (news items) pass the facets they can answer.

    An activity linked to a record follows it. Otherwise it has no region, outcome, funding or kind, so any of
    those facets excludes it; countries, modalities and text are matched against what it names.
    """
    acts = tables.activities
    linked_to = set(record_keys.tolist())
    facets = [(set(getattr(filters, f)), column) for f, column in
              (("countries", "countries"), ("modalities", "modalities"), ("themes", "themes"))]  # fmt: skip
    found = search.matching(tables, filters.text) if filters.text.strip() else None
    kept = []
    for key, record, *named in rows_of(acts, "key", "record", *(c for _wanted, c in facets)):
        linked = _record_key(record)
        if linked is not None:
            if linked in linked_to:
                kept.append(key)
            continue
        if filters.regions or filters.outcomes or filters.funding or filters.kinds:
            continue
        names = [wanted & set(str(value).split()) for (wanted, _c), value in zip(facets, named, strict=True) if wanted]
        if filters.subregions:  # what the activity names, placed by M49 as a record's countries are
            places = {a for iso3 in str(named[0]).split() for a in geography.areas_of(iso3)}
            names.append(places & set(filters.subregions))
        if all(names) and (found is None or key in found):
            kept.append(key)
    return pd.Index(kept, dtype=acts["key"].dtype)


def _record_key(record: object) -> str | None:
    if not isinstance(record, str):
        return None
    return f"practice:{record.split()[-1]}" if record.startswith("practice ") else f"project:{record}"


def apply(tables: Tables, filters: Filters) -> Tables:
    if not filters.active():
        return tables
    keys = matching_keys(tables, filters)
    # One index of the kept keys, looked up by each table a page reads, when it reads it (`Subset`): `isin` would
    # build a hash table of them per table (at 100x the shipped data: 136 ms for the 17 tables, against 47 ms).
    return Subset(tables, pd.Index(keys.append(activity_keys(tables, filters, keys)).unique()))


def without(filters: Filters, field: str) -> Filters:
    return replace(filters, **{field: "" if field == "text" else ()})


@dataclass(frozen=True)
class Suggestion:
    """One change to the filters that gives a non-empty answer: what it does, the filters, how many match."""

    label: str
    filters: Filters
    records: int
    practices: int
    projects: int


def nearest(tables: Tables, filters: Filters, limit: int = 4) -> list[Suggestion]:
    """When the filters leave nothing: drop one facet, or swap one of its values, for the nearest non-empty answer.

    Drops come first (one change, the answer widens); swaps keep as much of the question as possible.
    """
    if not filters.active():
        return []
    available = options(tables)
    kind_of = dict(rows_of(tables.records, "key", "kind"))
    found: list[tuple[int, int, Suggestion]] = []
    for field in PARAMS:
        value = getattr(filters, field)
        if not value:
            continue
        # Every change of this facet keeps the others: what they keep is found once, then cut by each value.
        others = _matching(tables, without(filters, field))
        if field == "text":  # words, not the URL's `q`
            label = _("without the search {value}").format(value=_said(field, value))
        else:
            label = _("without {facet} {values}").format(facet=facet_word(field), values=_said(field, value))
        tried: list[tuple[int, str, Filters, set[str]]] = [(0, label, without(filters, field), others)]
        if field != "text" and len(value) == 1:
            alternatives = [other for other in available[field] if other != value[0]]
            each = _each_value(tables, field, alternatives)
            for other in alternatives:
                swapped = replace(filters, **{field: (other,)})
                label = _("{facet} {value} instead of {values}").format(
                    facet=facet_word(field), value=_said(field, (other,)), values=_said(field, value)
                )
                tried.append((1, label, swapped, others & each[other]))
        for order, label, candidate, keys in tried:
            if not keys:
                continue
            practices = sum(kind_of[key] == "practice" for key in keys)
            projects = sum(kind_of[key] == "project" for key in keys)
            found.append((order, -len(keys), Suggestion(label, candidate, len(keys), practices, projects)))
    drops = [s for o, _, s in sorted(found, key=lambda t: (t[0], t[1])) if o == 0]
    swaps = [s for o, _, s in sorted(found, key=lambda t: (t[0], t[1])) if o == 1]
    return (drops[: max(1, limit // 2)] + swaps)[:limit]


def _said(field: str, value: str | tuple[str, ...]) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    labels = {
        "countries": countries.name,
        "themes": vocab.theme_label,
        "modalities": vocab.modality_label,
        "regions": vocab.word,
        "kinds": vocab.word,
        "subregions": m49.shown,
    }
    name = labels.get(field, str)
    return words.either(name(v) for v in value)
