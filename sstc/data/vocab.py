"""Controlled vocabularies, defined once: every other module and the schema refer to these."""

from typing import Final

from sstc.data.i18n import N_, _

REGIONS: Final[tuple[str, ...]] = (
    N_("Africa"),
    N_("Americas"),
    N_("Arab States"),
    N_("Asia and the Pacific"),
    N_("Europe and Central Asia"),
    N_("Global/interregional"),
)

# ILO Programme and Budget 2020-21 policy outcomes (1-8) and enabling outcomes (A-C).
OUTCOMES: Final[dict[str, str]] = {
    "1": N_("Strong tripartite constituents and influential and inclusive social dialogue"),
    "2": N_("International labour standards and authoritative and effective supervision"),
    "3": N_(
        "Economic, social and environmental transitions for full, productive and freely chosen employment "
        "and decent work for all"
    ),
    "4": N_("Sustainable enterprises as generators of employment and promoters of innovation and decent work"),
    "5": N_("Skills and lifelong learning to facilitate access to and transitions in the labour market"),
    "6": N_("Gender equality and equal opportunities and treatment for all in the world of work"),
    "7": N_("Adequate and effective protection at work for all"),
    "8": N_("Comprehensive and sustainable social protection for all"),
    "A": N_("Authoritative knowledge and high-impact partnerships for promoting decent work"),
    "B": N_("Improved leadership and governance"),
    "C": N_("Optimized use of resources"),
}

DELIVERY: Final[tuple[str, ...]] = ("virtual", "in_person", "unspecified")
DELIVERY_WORDS: Final[dict[str, str]] = {
    "virtual": N_("virtual"),
    "in_person": N_("in person"),
    "unspecified": N_("unspecified"),
}
# A modality happened only where a sentence says so; the brochure's "will" is a plan.
STATUSES: Final[tuple[str, ...]] = ("delivered", "planned", "cancelled", "replaced")

# id -> (label, default delivery); a record may override the delivery of one modality.
MODALITIES: Final[dict[str, tuple[str, str]]] = {
    "virtual_study_tour": (N_("Virtual study tour"), "virtual"),
    "study_tour": (N_("Study tour / study visit"), "in_person"),
    "webinar": (N_("Webinar"), "virtual"),
    "online_course": (N_("Online course / e-learning"), "virtual"),
    "peer_learning_seminar": (N_("Peer-learning seminar"), "unspecified"),
    "workshop": (N_("Workshop"), "unspecified"),
    "conference": (N_("Conference"), "unspecified"),
    "forum": (N_("Forum"), "unspecified"),
    "virtual_fair": (N_("Virtual fair"), "virtual"),
    "fellowship": (N_("Fellowship"), "unspecified"),
    "scholarship": (N_("Scholarship"), "unspecified"),
    "mentorship": (N_("Mentorship"), "unspecified"),
    "research_paper": (N_("Research / policy paper"), "unspecified"),
    "training_of_trainers": (N_("Training of trainers"), "unspecified"),
    "training": (N_("Training course / programme"), "unspecified"),
    "personnel_exchange": (N_("Personnel exchange"), "in_person"),
    "online_platform": (N_("Online platform"), "virtual"),
    "policy_clinic": (N_("Policy clinic"), "unspecified"),
    "community_of_practice": (N_("Community of practice"), "unspecified"),
    "good_practice_collection": (N_("Good-practice collection"), "unspecified"),
}

THEMES: Final[dict[str, str]] = {
    "skills": N_("Skills and TVET"),
    "labour_migration": N_("Labour migration"),
    "refugees": N_("Refugees and mixed migration"),
    "formalisation": N_("Formalisation of the informal economy"),
    "gender": N_("Gender equality and women's economic empowerment"),
    "osh": N_("Occupational safety and health"),
    "employment_policy": N_("Employment policies"),
    "employment_services": N_("Public employment services"),
    "social_dialogue": N_("Social dialogue and trade unions"),
    "sdg_un_reform": N_("SDGs and UN reform"),
    "tourism": N_("Sustainable tourism"),
    "local_development": N_("Local economic development"),
    "disaster_risk_reduction": N_("Disaster risk reduction"),
    "climate_change": N_("Climate change"),
    "financing": N_("Financing decent work"),
    "sse": N_("Social and solidarity economy"),
    "media_communication": N_("Media and communication"),
    "enterprises": N_("Sustainable enterprises"),
    "statistics": N_("Labour statistics"),
    "youth": N_("Youth employment"),
}

ROLES: Final[tuple[str, ...]] = ("participant", "peer", "candidate")
KINDS: Final[tuple[str, ...]] = ("project", "practice")
CRITERIA: Final[tuple[str, ...]] = (
    "objective",
    "cooperation",
    "effectiveness",
    "innovation",
    "sustainability",
    "adaptability",
    "results",
)
# A criterion's judged strength in a practice's own row of the compendium, and the points it earns in the
# Replication finder (the app's rubric, README "Replication scores"). A criterion with no judgement is "not judged",
# its own value: never 0 points silently.
STRENGTHS: Final[dict[str, int]] = {"strong": 2, "some": 1, "not_shown": 0}
STRENGTH_WORDS: Final[dict[str, str]] = {"strong": N_("strong"), "some": N_("some"), "not_shown": N_("not shown")}
NOT_JUDGED: Final = N_("not judged")
LINK_SCHEMES: Final[tuple[str, ...]] = ("http", "https", "mailto")


# The words for the values of the other controlled fields, where a page shows them as words (the values
# themselves are keys: compared, stored, written in URLs and files; never translated there).
ROLE_WORDS: Final[dict[str, str]] = {"participant": N_("participant"), "peer": N_("peer"), "candidate": N_("candidate")}
STATUS_WORDS: Final[dict[str, str]] = {
    "delivered": N_("delivered"),
    "planned": N_("planned"),
    "cancelled": N_("cancelled"),
    "replaced": N_("replaced"),
}
KIND_WORDS: Final[dict[str, str]] = {"project": N_("project"), "practice": N_("practice")}
CRITERION_WORDS: Final[dict[str, str]] = {
    "objective": N_("objective"),
    "cooperation": N_("cooperation"),
    "effectiveness": N_("effectiveness"),
    "innovation": N_("innovation"),
    "sustainability": N_("sustainability"),
    "adaptability": N_("adaptability"),
    "results": N_("results"),
}


def modality_label(modality_id: str) -> str:
    """The modality's name, in the current language (the table's `modality_label` column keeps the English)."""
    return _(MODALITIES[modality_id][0])


def outcome_name(code: str) -> str:
    """The outcome's name as the ILO's Programme and Budget 2020-21 writes it, in the current language."""
    return _(OUTCOMES[code])


def outcome_label(code: str) -> str:
    return _("Outcome {code}: {name}").format(code=code, name=outcome_name(code))


def theme_label(theme: str) -> str:
    return _(THEMES[theme])


def word(value: str) -> str:
    """A controlled value (a key: "in_person", "not_shown", "Africa") or its English word ("in person", "not
    judged") as the current language writes it; any other text as it is (a data value, never translated)."""
    english = _WORDS.get(value, value)
    return _(english) if english in _KNOWN else value


PRECISIONS = ("day", "month", "year", "unknown")  # how precise a date is (schema.DateEntry.precision)
PRECISION_WORDS: Final[dict[str, str]] = {
    "day": N_("day"),
    "month": N_("month"),
    "year": N_("year"),
    "unknown": N_("unknown"),
}
# key -> English word, for `word`; the English words themselves are known too (a table holds some of them).
_WORDS: Final[dict[str, str]] = {
    **{key: label for key, (label, _delivery) in MODALITIES.items()},
    **THEMES,
    **DELIVERY_WORDS,
    **STRENGTH_WORDS,
    **ROLE_WORDS,
    **STATUS_WORDS,
    **KIND_WORDS,
    **CRITERION_WORDS,
    **PRECISION_WORDS,
}
_KNOWN: Final[frozenset[str]] = frozenset({*_WORDS.values(), *REGIONS, *OUTCOMES.values(), NOT_JUDGED})


def value_lists() -> dict[str, list[str]]:
    """Each controlled field's allowed values by the field's name: what the Excel template offers in its cells and
    what the data package states as enums, from one list."""
    return {
        "region": list(REGIONS),
        "role": list(ROLES),
        "modality": list(MODALITIES),
        "delivery": list(DELIVERY),
        "status": list(STATUSES),
        "outcome": list(OUTCOMES),
        "theme": list(THEMES),
        "criterion": list(CRITERIA),
        "precision": list(PRECISIONS),
    }
