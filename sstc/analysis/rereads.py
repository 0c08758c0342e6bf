"""A check on the judged scores, not a score: the keyword rules the Replication finder once scored by, kept to flag
a judgement for a second look.

A judgement "not shown" whose row has words of a kind the rules looked for, or "strong" whose row has none, is
listed with the words found; the list is a reading aid (About the data), never a correction: the rules scored
"However, this is a long-term process" as sustainability and "engage with other experts" as innovation, which is
why the judgements replaced them.
"""

import re

import pandas as pd

from sstc.analysis.scoring import judgements
from sstc.data import vocab
from sstc.data.i18n import N_, _, pgettext
from sstc.data.tables import Tables

PLAN_OR_CONDITION = re.compile(
    r"\bplans?\b|\bwill\b|next year|annual|scale[ -]?up|expand|\bconditions?\b|\bshould\b|\bneeds?\b|"
    r"\brequires?\b|however|depend|\bif\b|provided|with the addition|similar",
    re.IGNORECASE,
)
SUSTAINABILITY: dict[str, re.Pattern[str]] = {
    N_("institutional anchoring"): re.compile(
        r"national (?:action plan|employment strategy|strategy|model|policy)|ministr|secretariat|task forces?|"
        r"institutionali[sz]|incorporated|policy development|action plan",
        re.IGNORECASE,
    ),
    N_("lasting resource"): re.compile(
        r"platform|website|e-campus|repository|available online|hosted|publi(?:shed|cized)|reports?\b",
        re.IGNORECASE,
    ),
    N_("continuation or scale-up"): re.compile(
        r"will (?:continue|remain|be (?:used|duplicated))|next bienni|\bplans?\b|long[- ]term|annual|"
        r"\bscale\b|expansion|moving forward",
        re.IGNORECASE,
    ),
    N_("networks and ownership"): re.compile(
        r"network|municipalit|tripartite constituents|constituents|joint responsibility|ownership",
        re.IGNORECASE,
    ),
}
INNOVATION: dict[str, re.Pattern[str]] = {
    N_("digital delivery"): re.compile(
        r"virtual|digital|on-?line|augmented reality|\bvr\b|e-learning|webinar|google slides|website|social networks",
        re.IGNORECASE,
    ),
    # "New" of a place's name (New Zealand, New Delhi, New York) is not a new method.
    N_("new method or approach"): re.compile(
        r"\bnew\b(?! zealand| delhi| york)|\bfirst\b|novel|pilot|integrated approach|combination|action plan|"
        r"introduc|internal trainers",
        re.IGNORECASE,
    ),
    # "South-South and Triangular Cooperation" names the programme every practice is in: not a partnership it made.
    N_("new actors or partnerships"): re.compile(
        r"private sector|(?<!south-south and )triangular|academic|journalis|municipalit|experts?\b|partnerships?",
        re.IGNORECASE,
    ),
}
KEYWORDS: dict[str, dict[str, re.Pattern[str]]] = {
    "sustainability": SUSTAINABILITY,
    "innovation": INNOVATION,
    "adaptability": {N_("plan or condition"): PLAN_OR_CONDITION},
}
COLUMNS = ["number", "criterion", "strength", "words_found", "why", "key"]


def _found(text: str, kinds: dict[str, re.Pattern[str]]) -> list[str]:
    # the kind of words in the run's language, the words found as the row has them
    return [f"{_(name)} ({match.group(0)})" for name, pattern in kinds.items() if (match := pattern.search(text))]


def to_reread(tables: Tables) -> pd.DataFrame:
    """The judgements the keyword rules disagree with: number, criterion, strength, the words found, and why."""
    judged = judgements(tables).merge(tables.criteria[["key", "criterion", "text"]], on=["key", "criterion"])
    rows = []
    for key, number, criterion, strength, text in zip(
        *(judged[c] for c in ("key", "number", "criterion", "strength", "text")), strict=True
    ):
        if criterion not in KEYWORDS or strength == vocab.NOT_JUDGED:
            continue
        found = _found(str(text), KEYWORDS[criterion])
        if strength == vocab.STRENGTH_WORDS["not_shown"] and found:
            why = _("judged not shown, yet the row has words the keyword rules counted")
        elif strength == vocab.STRENGTH_WORDS["strong"] and not found:
            why = _("judged strong, yet the row has none of the words the keyword rules looked for")
        else:
            continue
        said = "; ".join(found) or pgettext("no words found", "none")
        rows.append({"number": number, "criterion": criterion, "strength": strength,
                     "words_found": said, "why": why, "key": key})  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)
