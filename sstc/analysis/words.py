"""The few words the analysis modules share: a record named by its kind and id, and lists joined in words.

The data's kinds ("practice", "project") are values compared in code; these say them as a reader reads them, in the
run's language (`sstc.data.i18n`), where a sentence or a label is written.
"""

import re
from collections.abc import Iterable

import pandas as pd

from sstc.data import i18n
from sstc.data.i18n import _, pgettext


def record(kind: object, id_: object) -> str:
    """ "practice 10", "project AFR-PES": a record in a list of records."""
    if kind == "practice":
        return _("practice {id}").format(id=id_)
    if kind == "project":
        return _("project {id}").format(id=id_)
    return f"{kind} {id_}"


def record_titled(kind: object, id_: object, title: object) -> str:
    """ "Practice 10: SCORE China", "Project AFR-PES: <title>": a record with its title or short name."""
    if kind == "practice":
        return _("Practice {id}: {title}").format(id=id_, title=title)
    if kind == "project":
        return _("Project {id}: {title}").format(id=id_, title=title)
    return f"{str(kind).capitalize()} {id_}: {title}"


def either(items: Iterable[str]) -> str:
    """ "Africa or Global"."""
    # TRANSLATORS: between two items of a list, "Africa or Global" (spaces kept).
    return _(" or ").join(items)


def both(items: Iterable[str]) -> str:
    """ "participant and peer"."""
    # TRANSLATORS: between two items of a list, "participant and peer" (spaces kept).
    return _(" and ").join(items)


_BASIS = re.compile(r"(?:(best match|candidate)(?: via project (\S+))? \(ambiguous\)|via project (\S+)|stated)")


def outcome_basis(basis: object) -> str:
    """An outcome match's basis (`tables`: "stated", "via project AFR-PES", "best match (ambiguous)", "candidate via
    project AFR-PES (ambiguous)") in words; any other value as it is."""
    found = _BASIS.fullmatch(basis) if isinstance(basis, str) else None
    if found is None:
        return str(basis)
    how, through, via = found.groups()
    if how is None:
        return _("via project {id}").format(id=via) if via else pgettext("an outcome's basis", "stated")
    if how == "best match":
        if through:
            return _("best match via project {id} (ambiguous)").format(id=through)
        return _("best match (ambiguous)")
    if through:
        return _("candidate via project {id} (ambiguous)").format(id=through)
    return _("candidate (ambiguous)")


def by_name(column: pd.Series) -> pd.Series:
    """A sort key (pandas' `key=`) for a column of countries' names in the run's language ("Éthiopie" before
    "Fidji", accents aside); any other column as it is."""
    return column.map(i18n.collation_key) if column.name == "country" else column
