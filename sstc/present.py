"""A practice as Markdown blocks: every piece of data text through safe.md, links only from `materials`."""

from dataclasses import dataclass

from . import countries, vocab
from .safe import link, md
from .schema import Dataset, Practice


def number_text(value: float, unit: str | None = None, qualifier: str | None = None) -> str:
    return " ".join(part for part in (qualifier, f"{value:g}", unit) if part)


@dataclass(frozen=True)
class Card:
    """A practice as Markdown blocks, every data-derived piece escaped."""

    heading: str
    title: str
    caption: str
    countries: str
    criteria: dict[str, str]
    details: str
    materials: str


def practice_card(practice: Practice, dataset: Dataset) -> Card:
    projects = {p.id: p for p in dataset.projects}
    groups = dataset.meta.groups
    project = projects.get(practice.project) if practice.project else None
    linked = (
        f"Project {project.id}: {project.title}"
        if project
        else f"No linked project: {practice.no_project_reason or ''}"
    )
    roles = []
    for role in vocab.ROLES:
        names = [countries.name(c) for c in getattr(practice.countries, role)]
        for ref in (g for g in practice.groups if g.role == role):
            group = groups[ref.group]
            members = f" ({', '.join(countries.name(m) for m in group.members)})" if group.members else ""
            names.append(group.name + members)
        if names:
            roles.append(f"**{role.capitalize()}s:** {md(', '.join(names))}")
    names = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    funding = [names[f.source] + (f" ({f.share:g}%)" if f.share is not None else "") for f in practice.funding]
    modalities = [vocab.MODALITIES[m if isinstance(m, str) else m.modality][0] for m in practice.modalities]
    details = [
        f"**Funding:** {md(', '.join(funding) or 'not stated')}",
        f"**Modalities:** {md(', '.join(modalities))}",
        f"**Moved online because of COVID-19:** {'yes' if practice.covid.adapted else 'no'}",
    ]
    if practice.covid.note:
        details.append(md(practice.covid.note))
    details += [f"**{md(n.label)}:** {md(number_text(n.value, n.unit, n.qualifier))}" for n in practice.numbers]
    details += [
        f"**Contact:** {md(c.institution)} — {md(c.role)}"
        + (f" (`{c.email}`)" if c.email and c.email_public else "")  # a code span: never autolinked
        for c in practice.contacts
    ]
    materials = "\n".join(f"- {link(m.title, m.url)}" for m in practice.materials)
    return Card(
        heading=f"{practice.number}. {md(practice.short_name)}",
        title=md(practice.title),
        caption=md(f"{practice.region} · {linked} · Source: {practice.source}"),
        countries="  \n".join(roles),
        criteria={c: md(getattr(practice.criteria, c)) for c in vocab.CRITERIA},
        details="  \n".join(details),
        materials=materials,
    )
