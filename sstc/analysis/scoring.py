"""Replication scores for the good practices: three of the compendium's criteria and two measures of the app's own,
each with its reason.

The rule (also in the README): five criteria, 0-2 points each, total out of 10.

- adaptability: +1 if the practice names where it could be extended (candidate countries or groups);
  +1 if its adaptability text states a plan or a condition (PLAN_OR_CONDITION).
- sustainability / innovation: 1 point per kind of evidence its text gives (SUSTAINABILITY / INNOVATION), at most 2.
- funding diversity: distinct funding sources; 0-1 -> 0, 2 -> 1, 3 or more -> 2.
- results with numbers: stated figures (participants, papers, ...); none -> 0, 1-2 -> 1, 3 or more -> 2.

Keyword evidence is deliberately simple and shown verbatim, so a planner can check every point against the text.
"""

import re

import pandas as pd

from sstc.data import countries
from sstc.data.tables import Tables

PLAN_OR_CONDITION = re.compile(
    r"\bplans?\b|\bwill\b|next year|annual|scale[ -]?up|expand|\bconditions?\b|\bshould\b|\bneeds?\b|"
    r"\brequires?\b|however|depend|\bif\b|provided|with the addition|similar",
    re.IGNORECASE,
)
SUSTAINABILITY: dict[str, re.Pattern[str]] = {
    "institutional anchoring": re.compile(
        r"national (?:action plan|employment strategy|strategy|model|policy)|ministr|secretariat|task forces?|"
        r"institutionali[sz]|incorporated|policy development|action plan",
        re.IGNORECASE,
    ),
    "lasting resource": re.compile(
        r"platform|website|e-campus|repository|available online|hosted|publi(?:shed|cized)|reports?\b",
        re.IGNORECASE,
    ),
    "continuation or scale-up": re.compile(
        r"will (?:continue|remain|be (?:used|duplicated))|next bienni|\bplans?\b|long[- ]term|annual|"
        r"\bscale\b|expansion|moving forward",
        re.IGNORECASE,
    ),
    "networks and ownership": re.compile(
        r"network|municipalit|tripartite constituents|constituents|joint responsibility|ownership",
        re.IGNORECASE,
    ),
}
INNOVATION: dict[str, re.Pattern[str]] = {
    "digital delivery": re.compile(
        r"virtual|digital|on-?line|augmented reality|\bvr\b|e-learning|webinar|google slides|website|social networks",
        re.IGNORECASE,
    ),
    # "New" of a place's name (New Zealand, New Delhi, New York) is not a new method.
    "new method or approach": re.compile(
        r"\bnew\b(?! zealand| delhi| york)|\bfirst\b|novel|pilot|integrated approach|combination|action plan|"
        r"introduc|internal trainers",
        re.IGNORECASE,
    ),
    # "South-South and Triangular Cooperation" names the programme every practice is in: not a partnership it made.
    "new actors or partnerships": re.compile(
        r"private sector|(?<!south-south and )triangular|academic|journalis|municipalit|experts?\b|partnerships?",
        re.IGNORECASE,
    ),
}
RULE_MARKDOWN = """\
Five criteria, **0-2 points each, total out of 10**: three of the compendium's seven (adaptability,
sustainability, innovation) and two the app adds (funding diversity; results with numbers, where the compendium's
"Results" criterion is a text). The points are the app's judgement, from the words listed:

- **Adaptability**: 1 point if the practice names where it could be extended (candidate countries or groups);
  1 point if its adaptability text states a plan or a condition (*plan, will, scale up, expand, condition, should,
  need, requires, depends, if, similar, ...*).
- **Sustainability**: 1 point per kind of evidence, at most 2: institutional anchoring, lasting resource,
  continuation or scale-up, networks and ownership.
- **Innovation**: 1 point per kind of evidence, at most 2: digital delivery, new method or approach,
  new actors or partnerships.
- **Funding diversity**: 0 or 1 funding source = 0; 2 sources = 1; 3 or more = 2.
- **Results with numbers**: no stated figure = 0; 1-2 figures = 1; 3 or more = 2.

Evidence is found by keywords in the practice's own text and the matched words are quoted in each reason, so
every point can be checked. A place's name (*New* Zealand) and the programme's own name (*South-South and
Triangular Cooperation*) earn nothing. Ties share a rank; within a tie, more stated results come first.
"""
CRITERIA = ("adaptability", "sustainability", "innovation", "funding", "results")
COLUMNS = [
    "rank",
    "number",
    "short_name",
    "region",
    "total",
    *[c for criterion in CRITERIA for c in (criterion, f"{criterion}_reason")],
    "themes",
    "title",
    "key",
]


CONTEXT = 40  # characters of the text kept on each side of the words that earned a point


def _quote(match: re.Match[str]) -> str:
    """The words that earned the point with the words around them, verbatim (cut at word boundaries): enough to
    find the sentence in the compendium's row."""
    text = match.string
    start = max(0, match.start() - CONTEXT)
    end = min(len(text), match.end() + CONTEXT)
    if start > 0:
        start = text.find(" ", start, match.start()) + 1 or match.start()
    if end < len(text):
        end = text.rfind(" ", match.end(), end) if text.rfind(" ", match.end(), end) > 0 else match.end()
    words = " ".join(text[start:end].replace("\n- ", " ").split())
    return f"“{'…' if start > 0 else ''}{words}{'…' if end < len(text) else ''}”"


def _evidence(text: str, kinds: dict[str, re.Pattern[str]]) -> tuple[int, str]:
    found = [(name, match) for name, pattern in kinds.items() if (match := pattern.search(text))]
    if not found:
        return 0, "no evidence of the kinds scored (" + ", ".join(kinds) + ")"
    return min(len(found), 2), "; ".join(f"{name} ({match.group(0)}): {_quote(match)}" for name, match in found)


def _adaptability(text: str, targets: list[str]) -> tuple[int, str]:
    points, reasons = 0, []
    if targets:
        points += 1
        reasons.append("names where to extend it: " + ", ".join(targets))
    else:
        reasons.append("names no country or group to extend it to")
    match = PLAN_OR_CONDITION.search(text)
    if match:
        points += 1
        reasons.append(f"states a plan or condition ({match.group(0)}): {_quote(match)}")
    else:
        reasons.append("states no plan or condition")
    return points, "; ".join(reasons)


def _funding(names: list[str]) -> tuple[int, str]:
    n = len(names)
    points = 0 if n <= 1 else 1 if n == 2 else 2
    listed = ", ".join(names) if names else "none stated"
    return points, f"{n} source{'s' if n != 1 else ''}: {listed}"


def _results(numbers: list[tuple[float, object, str]]) -> tuple[int, str]:
    """`numbers`: (value, unit or None, label) of each stated figure; the label ends with where it is stated."""
    n = len(numbers)
    points = 0 if n == 0 else 1 if n <= 2 else 2
    if n == 0:
        return 0, "no result stated as a number"
    shown = [f"{v:g} {u} ({lab})" if isinstance(u, str) else f"{v:g} ({lab})" for v, u, lab in numbers]
    return points, f"{n} stated figure{'s' if n != 1 else ''}: " + "; ".join(shown)


# The compendium row each score is read from, named at the end of its reason (results name a source per figure).
ROWS = {"adaptability": "Adaptability", "sustainability": "Sustainability", "innovation": "Innovation",
        "funding": "Funding Sources"}  # fmt: skip


def candidate_targets(tables: Tables) -> pd.Series:
    """key -> names of the countries and groups a record names as candidates for extension."""
    named = tables.countries[(tables.countries["role"] == "candidate") & tables.countries["via_group"].isna()]
    groups = tables.groups[tables.groups["role"] == "candidate"]
    pairs = pd.concat(
        [
            named[["key"]].assign(name=named["iso3"].map(countries.name)),
            groups[["key"]].assign(name=groups["group_name"]),
        ],
        ignore_index=True,
    )
    return pairs.groupby("key", sort=False)["name"].agg(list)


def score_practices(tables: Tables) -> pd.DataFrame:
    """One row per practice in `tables`, ranked by total (then results, then number), with a reason per score."""
    practices = tables.records[tables.records["kind"] == "practice"]
    if practices.empty:
        return pd.DataFrame(columns=COLUMNS)
    # Plain dicts for the per-practice loop: row access into DataFrames cost seconds at 100x the shipped size.
    texts: dict[tuple[str, str], str] = dict(
        zip(
            zip(tables.criteria["key"], tables.criteria["criterion"], strict=True), tables.criteria["text"], strict=True
        )
    )
    targets = candidate_targets(tables).to_dict()
    funding = tables.funding.drop_duplicates(["key", "source_id"]).groupby("key")["source"].agg(list).to_dict()
    themes = tables.themes.groupby("key")["theme_label"].agg(", ".join).to_dict()
    numbers: dict[str, list[tuple[float, object, str]]] = {}
    columns = ("key", "value", "unit", "label", "source")
    for key, value, unit, label, source in zip(*(tables.numbers[c] for c in columns), strict=True):
        numbers.setdefault(key, []).append((value, unit, f"{label}; {source}"))
    rows = []
    for rec in practices.itertuples():
        scores = {
            "adaptability": _adaptability(texts.get((rec.key, "adaptability"), ""), targets.get(rec.key, [])),
            "sustainability": _evidence(texts.get((rec.key, "sustainability"), ""), SUSTAINABILITY),
            "innovation": _evidence(texts.get((rec.key, "innovation"), ""), INNOVATION),
            "funding": _funding(funding.get(rec.key, [])),
            "results": _results(numbers.get(rec.key, [])),
        }
        row = {"number": int(rec.id), "short_name": rec.short_name, "region": rec.region, "title": rec.title}
        row |= {"key": rec.key, "themes": themes.get(rec.key, "")}
        for criterion, (points, reason) in scores.items():
            row[criterion] = points
            row[f"{criterion}_reason"] = reason + (f" ({rec.source}, {ROWS[criterion]})" if criterion in ROWS else "")
        row["total"] = sum(points for points, _ in scores.values())
        rows.append(row)
    out = pd.DataFrame(rows).sort_values(["total", "results", "number"], ascending=[False, False, True])
    out["rank"] = out["total"].rank(method="min", ascending=False).astype(int)
    return out[COLUMNS].reset_index(drop=True)


def scores_among(scores: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The rows of `scores` (all practices') for the practices among `records`, ranked among themselves.

    A practice's score reads only its own rows, and the filters keep or drop a record with all its rows, so a filter
    changes which practices are ranked, never a score: scoring every practice once serves every filter state.
    """
    kept = set(records["key"].tolist())
    # A boolean mask through .loc: a plain list indexes columns when it is empty (no practice), dropping them all.
    out = scores.loc[[key in kept for key in scores["key"].tolist()]].reset_index(drop=True)
    out["rank"] = out["total"].rank(method="min", ascending=False).astype(int)
    return out
