"""A practice as Markdown blocks: every piece of data text through safe.md, links only from `materials`."""

import html
import re
from dataclasses import dataclass

import pandas as pd

from sstc.analysis import figures, search, words
from sstc.data import countries, i18n, sources, vocab
from sstc.data.i18n import N_, _
from sstc.data.schema import Dataset, ModalityUse, Practice, Project, Record
from sstc.data.tables import Tables, key_of, moved_online, rows_of
from sstc.view import safe
from sstc.view.labels import ROLE_HEADINGS, capitalized, criterion_word, role_words


def share_words(share: float) -> str:
    """A share as a whole percentage, rounded as Python's `{:.0%}` rounds it, written as the language writes it."""
    return i18n.percent(float(f"{share:.0%}".rstrip("%")) / 100)


def covid_tile(tiles: dict[str, float | int]) -> tuple[str, str]:
    """The COVID-19 headline as counts, never a bare share: where the text is silent nobody knows, so 5 moved of
    21 is at least 24%, and a tile saying "24%" would read as 76% that did not move."""
    moved, practices, silent = tiles["covid_moved_online"], tiles["practices"], tiles["covid_not_stated"]
    share = (
        _("at least {share} of the practices").format(share=share_words(tiles["covid_share"]))
        if practices
        else _("no practice")
    )
    return (
        _("{moved} of {practices}").format(moved=moved, practices=practices),
        _("{share}; for {silent} the text does not say").format(share=share, silent=silent),
    )


def countries_note(tiles: dict[str, float | int]) -> str:
    """What the country tile leaves out, in the words every page uses for these figures (`figures`)."""
    # TRANSLATORS: {with_members} and {any_role} are the figures' words (`sstc.analysis.figures`), after a count.
    return _("{count} {with_members} (WB-6, BRICS); {any_count} {any_role}").format(
        count=tiles["countries_with_members"],
        with_members=_(figures.COUNTRIES_WITH_MEMBERS),
        any_count=tiles["countries_any_role"],
        any_role=_(figures.COUNTRIES_ANY_ROLE),
    )


def md_escape(text: str) -> str:
    """Data text for Streamlit's Markdown, made inert (see sstc.view.safe.md)."""
    return safe.md(text)


# What can format inline, escaped only where it would: `_` inside a word never emphasises, `<` only before a
# tag-like character, `&` only before an entity, `\\` only before punctuation (elsewhere it is a plain character).
_INLINE = re.compile(r"[`*\[\]|~$]|\\(?=[!-/:-@\[-`{-~])|<(?=[A-Za-z/!?])|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_])")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}(?=\s|$)|>|\+(?=\s|$)|[-=]+\s*$)")  # heading, quote, list, rule/underline
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_DATA_BULLET = re.compile(r"^-\s+\S")


def md_text(text: str, indent: str = "", *, block: bool = True, line_start: bool = True) -> str:
    """Data text for documents read raw as well as rendered (the brief): it shows as written, with the fewest
    backslashes. The data's own `- ` bullet lines stay bullets; line breaks are kept (hard breaks), and a
    blank line ends a run of bullets. Continuation lines get `indent` so the text stays inside a list item.
    `block=False` is for one-line places (table cells, headings), where no line start can open a block;
    `line_start=False` for text that continues a line (its first line opens nothing either).
    """
    text = safe.inert_where_needed(text)  # autolinks and :shortcodes: stay words in the app's preview too
    if not block:
        return _INLINE.sub(r"\\\g<0>", " ".join(text.split()))
    out: list[str] = []
    was_bullet = False
    for n, raw in enumerate(text.split("\n")):
        line = _INLINE.sub(r"\\\g<0>", raw.strip())
        opens = n > 0 or line_start
        bullet = opens and bool(_DATA_BULLET.match(line))
        if opens and not bullet:
            line = _ORDERED.sub(r"\1\\\2", line)
            line = "\\" + line if _BLOCK_MARK.match(line) else line
        if n:
            out.append("\n\n" + indent if was_bullet and not bullet and line else "  \n" + indent)
        out.append(line)
        was_bullet = bullet
    return "".join(out)


# Links are made in one place, sstc.view.safe (from `materials` only); the brief's renderers use the same target.
link_target = safe.link_target
href = safe.href
md_link = safe.link


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
    criteria_sources: dict[str, str]
    details: str
    materials: str


def practice_card(practice: Practice, dataset: Dataset) -> Card:
    projects = {p.id: p for p in dataset.projects}
    groups = dataset.meta.groups
    project = projects.get(practice.project) if practice.project else None
    linked = (
        _("Project {id}: {title}").format(id=project.id, title=project.title)
        if project
        else _("No linked project: {reason}").format(reason=practice.no_project_reason or "")
    )
    roles = _roles(practice, groups)
    names = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    funding = [names[f.source] + (f" ({f.share:g}%)" if f.share is not None else "") for f in practice.funding]
    modalities = [_modality_text(m) for m in practice.modalities]
    details = [
        _("**Funding:** {funding}").format(funding=md_escape(", ".join(funding) or _("not stated"))),
        _("**Modalities:** {modalities}").format(modalities=md_escape("; ".join(modalities) or _("not stated"))),
        _("**Moved online because of COVID-19:** {answer}").format(answer=_answer(moved_online(practice.covid))),
    ]
    if practice.covid.note:
        details.append(md_escape(practice.covid.note))
    details += [
        f"**{md_escape(n.label)}:** {md_escape(number_text(n.value, n.unit, n.qualifier))}" for n in practice.numbers
    ]
    details += [
        _("**Contact:** {institution}").format(institution=md_escape(c.institution))
        + (f" — {md_escape(c.role)}" if c.role else "")
        + (f" (`{c.email}`)" if c.email and c.email_public else "")  # a code span: never autolinked
        for c in practice.contacts
    ]
    materials = "\n".join(f"- {md_link(m.title, m.url)}" for m in practice.materials)
    return Card(
        heading=f"{practice.number}. {md_escape(practice.short_name)}",
        title=md_escape(practice.title),
        caption=md_escape(
            _("{region} · {linked} · Source: {source}").format(
                region=_(practice.region), linked=linked, source=practice.source
            )
        ),
        countries="  \n".join(roles),
        criteria={c: md_escape(getattr(practice.criteria, c)) for c in vocab.CRITERIA},
        criteria_sources={
            # TRANSLATORS: where a criterion's text comes from; {row} is the compendium's own (English) row name.
            c: _("compendium, good practice {number}, {row}").format(
                number=practice.number, row=sources.CRITERION_ROWS[c]
            )
            for c in vocab.CRITERIA
        },
        details="  \n".join(details),
        materials=materials,
    )


_KIND_HEADINGS = {"project": N_("Project {id}: {title}"), "practice": N_("Practice {id}: {title}")}
_KIND_WORDS = {"project": N_("Project"), "practice": N_("Practice")}
_ANSWERS = {"yes": N_("yes"), "no": N_("no"), "not stated": N_("not stated")}


def _answer(word: str) -> str:
    """`moved_online`'s yes / no / not stated, in words."""
    return _(_ANSWERS[word]) if word in _ANSWERS else word


def _basis(basis: str) -> str:
    """An outcome's or a funding source's basis (`stated`, `via practice 3`, `best match (ambiguous)`), in words:
    a funding source's own `via practice N` here, an outcome's through `words.outcome_basis`."""
    if match := re.fullmatch(r"via practice (.+)", basis):
        return _("via practice {number}").format(number=match.group(1))
    return words.outcome_basis(basis)


def profile_cards(cards: pd.DataFrame, most: int) -> list[tuple[str, str, str]]:
    """The first `most` of a country's cards (transforms.country_cards) as Markdown: heading, caption and body
    (the words that name the country, or how a group may reach it), made once per list rather than every rerun."""
    return [
        (
            _(_KIND_HEADINGS[kind]).format(id=md_escape(id_), title=md_escape(title))
            if kind in _KIND_HEADINGS
            else f"{kind.capitalize()} {md_escape(id_)}: {md_escape(title)}",
            md_escape(
                _("{region} · role: {roles}").format(region=_(region), roles=role_words(roles))
                if named
                else _("{region} · role: {roles} · {how}").format(region=_(region), roles=role_words(roles), how=how)
            ),
            md_escape(evidence) if named else "",
        )
        for kind, id_, title, region, roles, how, evidence, named in rows_of(
            cards.head(most), "kind", "id", "title", "region", "roles", "how", "evidence", "named"
        )
    ]


def profile_reach_list(cards: pd.DataFrame, most: int) -> str:
    """The first `most` records that may reach a country through a group, as one Markdown list: each says which
    group and how; a list, not cards, since none of them names the country."""
    return "\n".join(f"- **{heading}**  \n  {caption}" for heading, caption, _ in profile_cards(cards, most))


def _roles(rec: Record, groups: dict) -> list[str]:
    """`**Participants:** Ethiopia, IGAD region` lines, groups with their member lists where a source gives one."""
    lines = []
    for role in vocab.ROLES:
        names = [countries.name(c) for c in getattr(rec.countries, role)]
        for ref in (g for g in rec.groups if g.role == role):
            group = groups[ref.group]
            members = f" ({', '.join(countries.name(m) for m in group.members)})" if group.members else ""
            names.append(group.name + members)
        if names:
            lines.append(f"**{_(ROLE_HEADINGS[role])}:** {md_escape(', '.join(names))}")
    return lines


@dataclass(frozen=True)
class ProjectCard:
    """A project as Markdown blocks, every data-derived piece escaped."""

    heading: str
    caption: str
    description: str
    countries: str
    details: str


def project_card(project: Project, tables: Tables, groups: dict) -> ProjectCard:
    """Title, region, countries, outcomes with their basis, modalities with status, themes, funding, practices."""
    key = f"project:{project.id}"
    outcomes = tables.outcomes[tables.outcomes["key"] == key]
    outcome_lines = [
        f"{vocab.outcome_label(o)} ({_basis(basis)})"
        for o, basis in zip(outcomes["outcome"], outcomes["basis"], strict=True)
    ]
    funding = tables.funding[tables.funding["key"] == key]
    pairs = zip(funding["source"], funding["basis"], strict=True)
    funding_text = "; ".join(dict.fromkeys(s if b == "stated" else f"{s} ({_basis(b)})" for s, b in pairs))
    practices = ", ".join(_("good practice {number}").format(number=n) for n in project.practices) or _(
        "none documented in the compendium"
    )
    not_stated = _("not stated")
    modalities = "; ".join(_modality_text(m) for m in project.modalities)
    details = [
        _("**Outcomes:** {outcomes}").format(
            outcomes=md_escape("; ".join(outcome_lines) or _("no outcome line in the brochure"))
        ),
        _("**Modalities:** {modalities}").format(modalities=md_escape(modalities or not_stated)),
        _("**Themes:** {themes}").format(
            themes=md_escape(", ".join(_(vocab.THEMES[t]) for t in project.themes) or not_stated)
        ),
        _("**Funding:** {funding}").format(funding=md_escape(funding_text or not_stated)),
        _("**Linked practices:** {practices}").format(practices=md_escape(practices)),
    ]
    if project.ambiguous is not None:
        details.append(
            _("**Why the outcome match is ambiguous:** {summary}").format(summary=md_escape(project.ambiguous.summary))
        )
        details.append(_("**Both readings in full:** {reason}").format(reason=md_escape(project.ambiguous.reason)))
    if project.from_compendium is not None:
        details.append(
            _("**Why it comes from the compendium:** {reason}").format(reason=md_escape(project.from_compendium.reason))
        )
    unit = f" · {project.unit}" if project.unit else ""
    return ProjectCard(
        heading=f"{md_escape(project.id)}: {md_escape(project.title)}",
        caption=md_escape(
            _("{region}{unit} · Source: {source}").format(region=_(project.region), unit=unit, source=project.source)
        ),
        description=md_escape(project.description),
        countries="  \n".join(_roles(project, groups)) or _("No country named; see the groups above."),
        details="  \n".join(details),
    )


_DELIVERY = {**vocab.DELIVERY_WORDS, "unspecified": N_("delivery not stated")}


def _modality_text(item: ModalityUse | str) -> str:
    if isinstance(item, str):
        return vocab.modality_label(item)
    delivery = _(_DELIVERY[item.delivery])
    status = _(vocab.STATUS_WORDS[item.status]) if item.status in vocab.STATUS_WORDS else item.status
    # TRANSLATORS: a modality, its status (delivered, planned…) and its delivery (virtual, in person…).
    return _("{modality} ({status}, {delivery})").format(
        modality=vocab.modality_label(item.modality), status=status, delivery=delivery
    )


def evidence_lines(evidence: pd.DataFrame) -> list[str]:
    """One Markdown line per judged value of a record: what is claimed, the quote (or inference), the source."""
    lines = []
    for row in evidence.itertuples(index=False):
        field = _(_FIELD_LABELS[row.field]) if row.field in _FIELD_LABELS else row.field
        claim = f"{field}: {_value_label(row.field, row.value)}"
        if isinstance(row.quote, str) and row.quote and row.value == "not_shown":  # not what earns it
            said = _("the row says: “{quote}”").format(quote=md_escape(row.quote))
        elif isinstance(row.quote, str) and row.quote:
            said = _("“{quote}”").format(quote=md_escape(row.quote))
        else:
            said = _("*inference:* {inference}").format(inference=md_escape(str(row.inference)))
        lines.append(f"- **{md_escape(claim)}** — {said} ({md_escape(str(row.source))})")
    return lines


def evidence_html(evidence: pd.DataFrame) -> str:
    """`evidence_lines` for a page in another language than the sources': the same list as HTML (for st.html, which
    keeps a `lang` attribute where Markdown cannot), each quote and source in the sources' English marked
    `lang="en"`, so a screen reader reads it in English and the app's own words in the page's language. Every text
    is escaped; the app's translated words keep their emphasis."""

    def english(text: str) -> str:
        return f'<span lang="en">{html.escape(text)}</span>'

    def words(template: str, **values: str) -> str:
        shown = _EMPHASIS.sub(r"<em>\1</em>", html.escape(template, quote=False))
        return shown.format(**values)

    items = []
    for row in evidence.itertuples(index=False):
        field = _(_FIELD_LABELS[row.field]) if row.field in _FIELD_LABELS else row.field
        claim = html.escape(f"{field}: {_value_label(row.field, row.value)}")
        if isinstance(row.quote, str) and row.quote and row.value == "not_shown":
            said = words(_("the row says: “{quote}”"), quote=english(row.quote))
        elif isinstance(row.quote, str) and row.quote:
            said = words(_("“{quote}”"), quote=english(row.quote))
        else:
            said = words(_("*inference:* {inference}"), inference=english(str(row.inference)))
        items.append(f"<li><strong>{claim}</strong> — {said} ({english(str(row.source))})</li>")
    return f"<ul>{''.join(items)}</ul>"


# Columns whose cells are the sources' own text or identifiers: never looked up in the catalogs, even where a cell
# reads like the app's words (a practice's short name "Sustainable tourism" is also a theme's name).
DATA_COLUMNS = frozenset(
    {"id", "title", "short_name", "quote", "as_stated", "note", "notes", "project_id", "iso3", "unit", "url",
     "practice_ids", "record_titles", "inference", "ambiguity", "reasoning", "mention", "why", "match"}
)  # fmt: skip


def in_language(frame: pd.DataFrame) -> pd.DataFrame:
    """A table's cells in the run's language where they are the app's words (a region, a kind, a status, a
    modality, a theme, an outcome's name, "not stated"; a list of them, comma-separated): each cell is looked up in
    the catalogs whole, then part by part, and kept as it is unless it (or every part) is a message. In English the
    table itself. The column names, the data's own text and every identifier stay as they are."""
    if i18n.language() == i18n.ENGLISH:
        return frame
    worded = {
        column: frame[column].map(_cell_words)
        for column in frame.columns
        if column not in DATA_COLUMNS and (frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]))
    }
    return frame.assign(**worded) if worded else frame


def _cell_words(cell: object) -> object:
    if not isinstance(cell, str) or not cell:
        return cell
    whole = _(cell)
    if whole != cell:
        return whole
    parts = cell.split(", ")
    if len(parts) > 1:
        words = [_(part) for part in parts]
        if all(w != p for w, p in zip(words, parts, strict=True)):
            return ", ".join(words)
    return cell


_EMPHASIS = re.compile(r"\*([^*]+)\*")


_FIELD_LABELS = {
    "countries.participant": N_("Participant"),
    "countries.peer": N_("Peer"),
    "countries.candidate": N_("Candidate"),
    "groups.participant": N_("Participant group"),
    "groups.peer": N_("Peer group"),
    "groups.candidate": N_("Candidate group"),
    "themes": N_("Theme"),
    "modalities": N_("Modality"),
    "outcomes": N_("Outcome"),
    "outcome_candidates": N_("Outcome candidate"),
    "sdgs": N_("SDG"),
    "numbers": N_("Figure"),
    "dates": N_("Date"),
    "date": N_("Date"),
    "covid.moved_online": N_("Moved online because of COVID-19"),
    "covid.other_effects": N_("Other COVID-19 effect"),
    "contacts.role": N_("Contact role"),
    "judgements.objective": N_("Objective (judged)"),
    "judgements.cooperation": N_("Cooperation (judged)"),
    "judgements.effectiveness": N_("Effectiveness (judged)"),
    "judgements.innovation": N_("Innovation (judged)"),
    "judgements.sustainability": N_("Sustainability (judged)"),
    "judgements.adaptability": N_("Adaptability (judged)"),
    "judgements.results": N_("Results (judged)"),
}
_STRENGTH_WORDS = frozenset({*vocab.STRENGTH_WORDS.values(), vocab.NOT_JUDGED})


def strength_word(strength: str) -> str:
    """A judged strength in words (`strong`, `some`, `not shown`, `not judged`: vocab.STRENGTH_WORDS)."""
    return _(strength) if strength in _STRENGTH_WORDS else strength


def _value_label(field: str, value: str) -> str:
    if field.startswith("countries."):
        return countries.name(value)
    if field == "themes":
        return _(vocab.THEMES[value]) if value in vocab.THEMES else value
    if field == "modalities":
        return vocab.modality_label(value)
    if field in {"outcomes", "outcome_candidates"}:
        return vocab.outcome_label(value)
    if field.startswith("judgements."):
        return strength_word(vocab.STRENGTH_WORDS[value]) if value in vocab.STRENGTH_WORDS else value
    return value


def escaped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for tables that render Markdown in cells (st.table): every text cell and header escaped."""
    columns = {}
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if column.dtype == object or str(column.dtype).startswith(("str", "string")):
            values = [md_escape(v) if isinstance(v, str) else "" if v is None else v for v in column.tolist()]
            column = pd.Series(values, index=frame.index, dtype=column.dtype)
        columns[position] = column
    return pd.DataFrame(columns, index=frame.index).set_axis([md_escape(str(c)) for c in frame.columns], axis=1)


def reconciliation_blocks(frame: pd.DataFrame) -> list[str]:
    """The reconciliation as one short Markdown block per figure: readable on any screen without scrolling sideways
    (a seven-column table cannot be), with every number and the reason for each difference."""
    blocks = []
    for row in frame.itertuples(index=False):
        said = (  # no sentence gives a counted one
            _("the sources number **{stated}** ({source})")
            if row.stated_as == "counted"
            else _("stated **{stated}** ({source})")
        )
        parts = [said.format(stated=row.stated, source=md_escape(str(row.stated_source)))] if _given(row.stated) else []
        if _given(row.brochure_alone):
            parts.append(_("the brochure alone names **{count}**").format(count=row.brochure_alone))
        difference = ""
        if _given(row.difference):
            difference = (
                _(", as stated")
                if row.difference == 0
                else _(", {difference} against the stated figure").format(difference=f"{row.difference:+d}")
            )
        parts.append(
            _("the whole dataset adds up to **{count}**{difference}").format(
                count=row.in_dataset, difference=difference
            )
        )
        blocks.append(f"**{md_escape(row.figure)}**: {'; '.join(parts)}.\n\n{md_escape(row.explanation)}")
    return blocks


def _given(value: object) -> bool:
    return value is not None and str(value) not in {"<NA>", "nan", "None"}


MARKS = ("«", "»")  # around each matched word: characters, not markup, so a cell, a CSV or Markdown keeps them as text
SNIPPET = 120  # characters of text around the first match


def match_snippet(match: search.Match, width: int = SNIPPET) -> str:
    """`…the «refugees» of Colombia…`: about `width` characters of the first part of the record where the search
    matched, around its first match, every match in sight marked with `MARKS`. Plain text (whitespace folded to
    single spaces, cut at spaces where it can be), so it reads the same in the grid, the CSV and anywhere pasted."""
    text = match.text
    start, end = match.spans[0] if match.spans else (0, 0)
    lo = max(0, start - max(width - (end - start), 0) // 2)
    hi = min(len(text), lo + max(width, end - lo))
    lo = max(0, min(lo, hi - width))
    if lo > 0 and (space := text.find(" ", lo, start)) >= 0:
        lo = space + 1
    if hi < len(text) and (space := text.rfind(" ", end, hi)) >= 0:
        hi = space
    pieces, at = ["…" if lo > 0 else ""], lo
    for first, last in (s for s in match.spans if s[0] >= lo and s[1] <= hi):
        pieces += [text[at:first], MARKS[0], text[first:last], MARKS[1]]
        at = last
    pieces += [text[at:hi], "…" if hi < len(text) else ""]
    return " ".join("".join(pieces).split())


def with_matches(table: pd.DataFrame, tables: Tables, query: str, kind: str) -> pd.DataFrame:
    """An explorer's table (one row per record of `kind`, by `id`) with two columns right after the title, so a
    reader sees why each record is in the list without scrolling sideways: `match`, the words around the first match
    (`match_snippet`), and `matched_in`, the parts of its text where the search matched."""
    keys = [key_of(kind, str(i)) for i in table["id"].tolist()]
    found = search.where(tables, query, keys)
    out = table.copy()
    at = out.columns.get_loc("title") + 1 if "title" in out.columns else len(out.columns)
    out.insert(int(at), "matched_in", [", ".join(found[k].parts) if k in found else "" for k in keys])
    out.insert(int(at), "match", [match_snippet(found[k]) if k in found else "" for k in keys])  # the words first
    return out


def _said(value: object) -> str:
    return md_escape(" ".join(str(value).split())) if isinstance(value, str) and value.strip() else ""


def judgement_list(judged: pd.DataFrame) -> str:
    """One practice's judgements (`scoring.judgements` rows) as one Markdown list, read on a phone without scrolling
    sideways: criterion and strength, the reason, then the row's words that earn it (or the inference)."""
    lines = []
    for criterion, strength, quote, inference, reason, source in rows_of(
        judged, "criterion", "strength", "quote", "inference", "reason", "source"
    ):
        said = _("“{quote}”").format(quote=_said(quote)) if _said(quote) else ""
        if strength == vocab.STRENGTH_WORDS["not_shown"] and said:  # what the row says instead: not evidence
            said = _("The row says: {quote}").format(quote=said)
        inferred = _("Inferred: {inference}").format(inference=_said(inference)) if _said(inference) else ""
        words = f" {said}" if said else f" {inferred}" if inferred else ""
        where = f" _({_said(source)})_" if _said(source) else ""
        judged = f"{md_escape(capitalized(criterion_word(criterion)))}: {md_escape(strength_word(strength))}"
        lines.append(f"- **{judged}.** {_said(reason)}{words}{where}")
    return "\n".join(lines)


def candidate_list(naming: pd.DataFrame) -> str:
    """Records that name a country as a candidate (`targets.naming_as_candidate`), one Markdown list item each."""
    return "\n".join(
        f"- **{md_escape(_(_KIND_WORDS[kind]) if kind in _KIND_WORDS else kind.capitalize())} {md_escape(str(id_))}**: "
        f"{_said(title)} ({_said(_(region))}). {md_escape(capitalized(how))}: {_said(reason)}"
        for kind, id_, title, region, how, reason in rows_of(
            naming, "kind", "id", "title", "region", "candidate", "reason"
        )
    )


def reread_list(listed: pd.DataFrame) -> str:
    """Judgements the keyword check asks to re-read (`rereads.to_reread`), one Markdown list item each."""
    return "\n".join(
        _("- **Practice {number}, {criterion}: {strength}.** {why}; words found: {words}.").format(
            number=number,
            criterion=md_escape(criterion_word(criterion)),
            strength=md_escape(strength_word(strength)),
            why=md_escape(why.capitalize()),
            words=_said(words),
        )
        for number, criterion, strength, words, why in rows_of(
            listed, "number", "criterion", "strength", "words_found", "why"
        )
    )
