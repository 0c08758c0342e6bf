"""The dataset's shape, as pydantic models: strict, so YAML's implicit typing traps surface as errors.

Strict mode means `title: 2021-06-25` (a date), `iso3: NO` (a boolean) or `share: 1e3` where text or a
number is meant is refused with a message instead of silently becoming something else.
"""

import datetime as dt
import math
import re
from collections import Counter
from typing import Annotated, Literal, NoReturn
from urllib.parse import urlparse

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sstc.data import countries, i18n, privacy, vocab
from sstc.data.i18n import _
from sstc.data.problems import clip


def refuse(message: str) -> NoReturn:
    """Fail validation with this message. Not a ValueError: pydantic keeps a raised exception, with its traceback,
    for every failing value (measured: twice the memory for a file of 300,000 bad values)."""
    raise PydanticCustomError("invalid", message)


MAX_TEXT = 20_000  # characters in one field; the longest criterion text in the sources has ~1,600
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
SourceRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=MAX_TEXT)]
Region = Literal[vocab.REGIONS]  # type: ignore[valid-type]
Role = Literal[vocab.ROLES]  # type: ignore[valid-type]
Delivery = Literal[vocab.DELIVERY]  # type: ignore[valid-type]
Status = Literal[vocab.STATUSES]  # type: ignore[valid-type]
MovedOnline = bool | Literal["not stated"]
OutcomeCode = Literal[tuple(vocab.OUTCOMES)]  # type: ignore[valid-type]
ModalityId = Literal[tuple(vocab.MODALITIES)]  # type: ignore[valid-type]
ThemeId = Literal[tuple(vocab.THEMES)]  # type: ignore[valid-type]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
YEARS = (1900, 2100)  # what the timeline can draw (pandas periods, a plotly date axis)
LARGEST_NUMBER = 1e15  # a stated figure above this is a typo; floats stay exact below it


def _date_text(value: object) -> object:
    """Dates may be written quoted or not; normalise to ISO text of the precision given, a real calendar date."""
    if isinstance(value, bool):
        return value  # let strict validation refuse it
    if isinstance(value, dt.datetime):
        refuse(_("a date and time where a date is meant: write YYYY, YYYY-MM or YYYY-MM-DD"))
    if isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, int | str):
        text = str(value).strip()
    else:
        return value
    match = _DATE.fullmatch(text)
    if match is None:
        refuse(_("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value}").format(value=clip(value)))
    year, month, day = (int(part) if part else None for part in match.groups())
    if not YEARS[0] <= year <= YEARS[1]:
        refuse(
            _("year {year} is outside {first}-{last}, the years the timeline can draw").format(
                year=year, first=YEARS[0], last=YEARS[1]
            )
        )
    if month is not None and not 1 <= month <= 12:
        refuse(_("{date} has no month {month}").format(date=text, month=month))
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            refuse(_("{date} is not a calendar date").format(date=text))
    return text


DateText = Annotated[str, BeforeValidator(_date_text)]


def _finite(value: float) -> float:
    if not math.isfinite(value) or abs(value) > LARGEST_NUMBER:
        refuse(
            _("a stated number must be finite and at most {largest} in size, got {value}").format(
                largest=f"{LARGEST_NUMBER:g}", value=clip(value)
            )
        )
    return value


FiniteNumber = Annotated[int | float, AfterValidator(_finite)]


def _country(value: object) -> object:
    if isinstance(value, str):
        try:
            return countries.resolve(value)
        except countries.UnknownCountry as exc:
            refuse(str(exc))
    return value


CountryCode = Annotated[str, BeforeValidator(_country)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Document(Model):
    title: Text
    file: Text


class StatedFigure(Model):
    key: Text
    label: Text
    value: int
    qualifier: Text | None = None
    source: SourceRef


class Group(Model):
    name: Text
    members: list[CountryCode] = []
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _members_need_source(self) -> "Group":
        if self.members and not self.source:
            refuse(_("a group expanded into members must say which source lists them"))
        return self


class FundingSource(Model):
    name: Text
    description: Text
    kind: Text


class Meta(Model):
    title: Text
    version: Text | None = None
    date: DateText | None = None
    biennium: Text
    documents: dict[str, Document]
    stated_figures: list[StatedFigure]
    groups: dict[str, Group] = {}
    funding_sources: dict[str, FundingSource]


class Countries(Model):
    participant: list[CountryCode] = []
    peer: list[CountryCode] = []
    candidate: list[CountryCode] = []

    @field_validator("participant", "peer", "candidate")
    @classmethod
    def _unique(cls, codes: list[str]) -> list[str]:
        dupes = sorted(code for code, n in Counter(codes).items() if n > 1)
        if dupes:
            refuse(_("country listed twice in the same role: {codes}").format(codes=clip(", ".join(dupes))))
        return codes


class GroupRef(Model):
    group: Text
    role: Role


class Quoted(Model):
    """A judged value: the source section, and the verbatim quote that says it (or an inference with its reason)."""

    source: SourceRef
    quote: Text | None = None
    inference: Text | None = None

    @model_validator(mode="after")
    def _quote_or_inference(self) -> "Quoted":
        if self.quote and self.inference:
            raise ValueError(_("give a quote or an inference, not both"))
        return self


class OutcomeRef(Quoted):
    code: OutcomeCode
    reason: Text | None = None


class Sdg(Quoted):
    goal: int = Field(ge=1, le=17)
    target: Text | None = None


class Funding(Model):
    source: Text
    share: Annotated[float, AfterValidator(_finite), Field(ge=0, le=100)] | None = None
    detail: Text | None = None
    as_stated: Text


class ModalityUse(Quoted):
    modality: ModalityId
    delivery: Delivery
    status: Status


def _known_modality(value: object) -> object:
    if isinstance(value, str) and value not in vocab.MODALITIES:
        refuse(
            _("unknown modality {value}; known: {known}").format(value=clip(value), known=", ".join(vocab.MODALITIES))
        )
    return value


ModalityItem = Annotated[ModalityId | ModalityUse, BeforeValidator(_known_modality)]


class CovidEffect(Quoted):
    """What the pandemic changed other than the format (content, target group, timing), kept apart."""

    note: Text


class Covid(Model):
    """`moved_online` is true only where a sentence says the format changed because of the pandemic."""

    moved_online: MovedOnline
    note: Text | None = None
    source: SourceRef | None = None
    quote: Text | None = None
    inference: Text | None = None
    other_effects: list[CovidEffect] = []


class Number(Quoted):
    label: Text
    value: FiniteNumber
    unit: Text | None = None
    qualifier: Text | None = None


class DateEntry(Quoted):
    label: Text
    start: DateText | None
    end: DateText | None = None
    precision: Literal["day", "month", "year", "unknown"]  # vocab.PRECISIONS (a Literal needs the words here)
    # True where the quote announces it ("plans to expand ... in 2022", "forthcoming 2022"): planned is not done,
    # and the timeline draws it as a plan.
    planned: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> "DateEntry":
        if self.start and self.end and self.end < self.start:
            refuse(_("end {end} is before start {start}").format(end=self.end, start=self.start))
        if self.planned and not self.quote:
            refuse(_("a planned date needs the quote that announces it, not an inference"))
        return self


class Link(Model):
    title: Text
    url: Text

    @field_validator("url")
    @classmethod
    def _scheme(cls, url: str) -> str:
        scheme = urlparse(url).scheme.lower()
        if scheme not in vocab.LINK_SCHEMES:
            shown = clip(scheme) if scheme else _("(none)")
            refuse(_("link scheme {scheme} not allowed; links must be http or https").format(scheme=shown))
        if scheme == "mailto":
            refuse(_("mailto links would publish an address; put it in contacts with email_public: true"))
        return url


class Contact(Model):
    """An institution as written; a role only where the text gives one, with its quote."""

    institution: Text
    role: Text | None = None
    role_quote: Text | None = None
    source: SourceRef | None = None
    email: Text | None = None
    email_public: bool = False

    @model_validator(mode="after")
    def _only_public(self) -> "Contact":
        if self.email is not None:
            if not privacy.is_email(self.email):
                refuse(_("not an e-mail address: {value}").format(value=clip(self.email)))
            if not self.email_public:
                refuse(_("an e-mail address needs email_public: true (institutional mailboxes only)"))
        return self


MAX_SUMMARY = 220  # characters of an ambiguity's summary: one table cell, printed once in a brief
_SENTENCE_BREAK = re.compile(r"[.!?]\s")  # a full stop (or ! or ?) followed by more text: a second sentence
_READINGS = ("layout", "meaning")  # the two readings a summary names, as words (case-insensitive)


def _one_sentence(text: str) -> str:
    """An ambiguity's summary: one short finished sentence naming the layout reading and the meaning reading.

    Kept simple on purpose: any full stop, question or exclamation mark followed by a space is a sentence break, so
    an abbreviation such as "e.g." or "i.e." is refused too; write it out ("for example"). Line breaks of a folded
    YAML value count as spaces.
    """
    flat = " ".join(text.split())
    if not flat.endswith("."):
        refuse(
            _("a summary is one finished sentence: end it with a full stop, got {end} at its end").format(
                end=clip(flat[-20:])
            )
        )
    found = _SENTENCE_BREAK.search(flat)
    if found is not None:
        before = flat[max(0, found.start() - 30) : found.start() + 1]
        refuse(
            _(
                "a summary is one sentence, this one breaks after {before}: join the parts with a semicolon, "
                "and write abbreviations out (for example, not e.g.)"
            ).format(before=clip(before))
        )
    if len(flat) > MAX_SUMMARY:
        refuse(
            _(
                "a summary is one short sentence of at most {limit} characters, this one has {count}; "
                "the full reasoning goes in reason"
            ).format(limit=MAX_SUMMARY, count=i18n.number(len(flat)))
        )
    missing = [word for word in _READINGS if not re.search(rf"\b{word}\b", flat, re.IGNORECASE)]
    if missing:
        if len(missing) == 1:
            refuse(
                _("a summary names the layout reading and the meaning reading: it has no word {word}").format(
                    word=repr(missing[0])
                )
            )
        refuse(
            _(
                "a summary names the layout reading and the meaning reading: it has no word {first} and no word "
                "{second}"
            ).format(first=repr(missing[0]), second=repr(missing[1]))
        )
    return text


Summary = Annotated[Text, AfterValidator(_one_sentence)]


class Ambiguity(Model):
    """Why a brochure project's outcome match is uncertain: `summary` says it in one sentence (the tables and the
    brief show it), `reason` keeps the full reasoning (the order of the titles, descriptions and outcome lines)."""

    field: Text
    summary: Summary
    reason: Text


class OutcomeCandidate(Quoted):
    code: OutcomeCode


class Evidence(Quoted):
    """The quote behind values of a list field: a country role, a group role or a theme."""

    field: Text
    values: list[Text] = []


class FromCompendium(Model):
    reason: Text


class Record(Model):
    title: Text
    region: Region
    source: SourceRef
    countries: Countries = Countries()
    groups: list[GroupRef] = []
    outcomes: list[OutcomeRef] = []
    sdgs: list[Sdg] = []
    funding: list[Funding] = []
    modalities: list[ModalityItem] = []
    themes: list[ThemeId] = []
    numbers: list[Number] = []
    dates: list[DateEntry] = []
    evidence: list[Evidence] = []
    provenance: dict[str, SourceRef] = {}


class Project(Record):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]*$")]
    unit: Text | None = None
    from_compendium: FromCompendium | None = None
    description: Text
    outcome_candidates: list[OutcomeCandidate] = []
    ambiguous: Ambiguity | None = None
    practices: list[int] = []

    @model_validator(mode="after")
    def _ambiguity_explained(self) -> "Project":
        if self.outcome_candidates and self.ambiguous is None:
            refuse(_("outcome_candidates need an 'ambiguous' note saying why the match is uncertain"))
        return self


class Criteria(Model):
    objective: Text
    cooperation: Text
    effectiveness: Text
    innovation: Text
    sustainability: Text
    adaptability: Text
    results: Text


Criterion = Literal["objective", "cooperation", "effectiveness", "innovation", "sustainability", "adaptability",
                    "results"]  # fmt: skip


class Judgement(Quoted):
    """How strongly a practice's own row of the compendium shows one of its seven criteria, and the words that earn
    it: a strength that earns points needs a quote (a caveat or a plan quoted for a done thing is a misreading the
    re-read catches, not something a schema can); "not shown" needs a quote or an inference saying why."""

    criterion: Criterion
    strength: Literal["strong", "some", "not_shown"]
    reason: Text

    @model_validator(mode="after")
    def _earned(self) -> "Judgement":
        if self.strength != "not_shown" and (not self.quote or self.inference):
            refuse(
                _("a '{strength}' judgement needs the quote that earns it (an inference earns no points)").format(
                    strength=self.strength
                )
            )
        if self.strength == "not_shown" and not (self.quote or self.inference):
            refuse(_("a 'not_shown' judgement needs an inference saying why (or a quote of what the row says)"))
        return self


class Practice(Record):
    number: int = Field(ge=1, le=100_000)
    short_name: Text
    project: Text | None
    no_project_reason: Text | None = None
    countries_involved: Text
    criteria: Criteria
    judgements: list[Judgement] = []
    covid: Covid
    materials: list[Link] = []
    contacts: list[Contact] = []

    @model_validator(mode="after")
    def _project_or_reason(self) -> "Practice":
        if self.project is None and not self.no_project_reason:
            refuse(_("a practice without a project needs no_project_reason"))
        return self


class Activity(Model):
    id: Text
    title: Text
    date: DateEntry
    countries: Countries = Countries()
    groups: list[GroupRef] = []
    modalities: list[ModalityItem] = []
    themes: list[ThemeId] = []
    evidence: list[Evidence] = []
    record: Text | None = None
    source: SourceRef


class Dataset(Model):
    meta: Meta
    projects: list[Project]
    practices: list[Practice]
    activities: list[Activity] = []
