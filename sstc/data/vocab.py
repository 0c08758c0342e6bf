"""Controlled vocabularies, defined once: every other module and the schema refer to these."""

from typing import Final

REGIONS: Final[tuple[str, ...]] = (
    "Africa",
    "Americas",
    "Arab States",
    "Asia and the Pacific",
    "Europe and Central Asia",
    "Global/interregional",
)

# ILO Programme and Budget 2020-21 policy outcomes (1-8) and enabling outcomes (A-C).
OUTCOMES: Final[dict[str, str]] = {
    "1": "Strong tripartite constituents and influential and inclusive social dialogue",
    "2": "International labour standards and authoritative and effective supervision",
    "3": "Economic, social and environmental transitions for full, productive and freely chosen employment "
    "and decent work for all",
    "4": "Sustainable enterprises as generators of employment and promoters of innovation and decent work",
    "5": "Skills and lifelong learning to facilitate access to and transitions in the labour market",
    "6": "Gender equality and equal opportunities and treatment for all in the world of work",
    "7": "Adequate and effective protection at work for all",
    "8": "Comprehensive and sustainable social protection for all",
    "A": "Authoritative knowledge and high-impact partnerships for promoting decent work",
    "B": "Improved leadership and governance",
    "C": "Optimized use of resources",
}

DELIVERY: Final[tuple[str, ...]] = ("virtual", "in_person", "unspecified")
DELIVERY_WORDS: Final[dict[str, str]] = {"virtual": "virtual", "in_person": "in person", "unspecified": "unspecified"}
# A modality happened only where a sentence says so; the brochure's "will" is a plan.
STATUSES: Final[tuple[str, ...]] = ("delivered", "planned", "cancelled", "replaced")

# id -> (label, default delivery); a record may override the delivery of one modality.
MODALITIES: Final[dict[str, tuple[str, str]]] = {
    "virtual_study_tour": ("Virtual study tour", "virtual"),
    "study_tour": ("Study tour / study visit", "in_person"),
    "webinar": ("Webinar", "virtual"),
    "online_course": ("Online course / e-learning", "virtual"),
    "peer_learning_seminar": ("Peer-learning seminar", "unspecified"),
    "workshop": ("Workshop", "unspecified"),
    "conference": ("Conference", "unspecified"),
    "forum": ("Forum", "unspecified"),
    "virtual_fair": ("Virtual fair", "virtual"),
    "fellowship": ("Fellowship", "unspecified"),
    "scholarship": ("Scholarship", "unspecified"),
    "mentorship": ("Mentorship", "unspecified"),
    "research_paper": ("Research / policy paper", "unspecified"),
    "training_of_trainers": ("Training of trainers", "unspecified"),
    "training": ("Training course / programme", "unspecified"),
    "personnel_exchange": ("Personnel exchange", "in_person"),
    "online_platform": ("Online platform", "virtual"),
    "policy_clinic": ("Policy clinic", "unspecified"),
    "community_of_practice": ("Community of practice", "unspecified"),
    "good_practice_collection": ("Good-practice collection", "unspecified"),
}

THEMES: Final[dict[str, str]] = {
    "skills": "Skills and TVET",
    "labour_migration": "Labour migration",
    "refugees": "Refugees and mixed migration",
    "formalisation": "Formalisation of the informal economy",
    "gender": "Gender equality and women's economic empowerment",
    "osh": "Occupational safety and health",
    "employment_policy": "Employment policies",
    "employment_services": "Public employment services",
    "social_dialogue": "Social dialogue and trade unions",
    "sdg_un_reform": "SDGs and UN reform",
    "tourism": "Sustainable tourism",
    "local_development": "Local economic development",
    "disaster_risk_reduction": "Disaster risk reduction",
    "climate_change": "Climate change",
    "financing": "Financing decent work",
    "sse": "Social and solidarity economy",
    "media_communication": "Media and communication",
    "enterprises": "Sustainable enterprises",
    "statistics": "Labour statistics",
    "youth": "Youth employment",
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
STRENGTH_WORDS: Final[dict[str, str]] = {"strong": "strong", "some": "some", "not_shown": "not shown"}
NOT_JUDGED: Final = "not judged"
LINK_SCHEMES: Final[tuple[str, ...]] = ("http", "https", "mailto")


def modality_label(modality_id: str) -> str:
    return MODALITIES[modality_id][0]


def outcome_label(code: str) -> str:
    return f"Outcome {code}: {OUTCOMES[code]}"


PRECISIONS = ("day", "month", "year", "unknown")  # how precise a date is (schema.DateEntry.precision)


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
