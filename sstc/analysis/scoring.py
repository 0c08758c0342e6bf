"""Replication scores for the good practices: the compendium's own seven criteria, each judged from the practice's
own row of the form (strong / some / not shown) with the quote that earns it.

The judgements are data (`judgements` of each practice in data/practices.yaml, read twice, independently, against
a written rubric: README "Replication scores"); this module only adds them up. Points: strong 2, some 1, not shown
0; the total is out of 14. A criterion a dataset does not judge is "not judged": it earns nothing, and the table says
how many of the seven were judged, so a total of 8 out of 4 judged is never read as 8 out of 7.
"""

import pandas as pd

from sstc.data import vocab
from sstc.data.i18n import N_, _, ngettext
from sstc.data.tables import Tables

CRITERIA = vocab.CRITERIA
MOST = 2 * len(CRITERIA)
COLUMNS = [
    "rank",
    "number",
    "short_name",
    "region",
    "total",
    "judged",
    *[c for criterion in CRITERIA for c in (criterion, f"{criterion}_reason")],
    "themes",
    "title",
    "key",
]
# The rule in words: `rule_markdown()` in the run's language; RULE_MARKDOWN is the English.
RULE_TEMPLATE = N_("""\
The compendium's **seven criteria**, each judged from the practice's own row of the compendium's form:
**strong = 2 points, some = 1, not shown = 0; total out of {most}**. Every judgement comes with the words of that
row that earn it (or, for "not shown", why nothing does) and a one-line reason. Judged by the app's team against a
written rubric and re-read independently; they are readings, not the compendium's own grades.

- **Strong** needs the specifics: who with whom and to what end (objective, cooperation), a delivered result or its
  use (effectiveness, results, with figures for results), what was new and what it made possible (innovation),
  something done that lasts (sustainability), where to replicate it and a condition or plan (adaptability).
- **Some**: the row states the criterion in general terms, or only half of what "strong" needs; for sustainability
  a stated plan or intention to continue.
- **Not shown**: the row does not state it. Planned is not delivered; a caveat ("However, this is a long-term
  process") earns nothing; neither do names or praise ("innovative") that say nothing of what.

Ties share a rank; within a tie, more "strong" judgements come first.
""")
RULE_MARKDOWN = RULE_TEMPLATE.format(most=MOST)


def rule_markdown() -> str:
    """How the scores are judged and added up (Markdown), in the run's language."""
    return _(RULE_TEMPLATE).format(most=MOST)


def _reason(strength: str, quote: object, inference: object, reason: object) -> str:
    """A criterion's cell: its strength, why, and the words of the row that earn it (or the inference)."""
    if strength == vocab.NOT_JUDGED:
        return _("not judged: this dataset gives no judgement for this criterion")
    # TRANSLATORS: the row's words after a judgement; the quotation marks are the language's own.
    said = _(" “{quote}”").format(quote=" ".join(str(quote).split())) if isinstance(quote, str) else ""
    if said and strength == vocab.STRENGTH_WORDS["not_shown"]:  # what the row says instead: not what earns it
        said = _(" The row says:{quote}").format(quote=said)
    inferred = _(" (inferred: {inference})").format(inference=inference) if isinstance(inference, str) else ""
    return f"{vocab.word(strength)}: {reason}{said}{inferred}"


def judgements(tables: Tables) -> pd.DataFrame:
    """One row per practice and criterion: number, criterion, strength, points (<NA> if not judged), quote,
    inference, reason, source, in the practices' and the criteria's order."""
    rows = tables.criteria
    out = rows.assign(number=rows["id"].astype(int))
    return out[["key", "number", "criterion", "strength", "points", "quote", "inference", "reason",
                "judgement_source"]].rename(columns={"judgement_source": "source"})  # fmt: skip


def practice_judgements(judged: pd.DataFrame, number: int) -> pd.DataFrame:
    """One practice's rows of `judgements`, without the key and number that name it."""
    return judged[judged["number"] == number].drop(columns=["key", "number"])


def score_practices(tables: Tables) -> pd.DataFrame:
    """One row per practice in `tables`, ranked by total (then strong judgements, then number), with each criterion's
    points and reason (its quote)."""
    practices = tables.records[tables.records["kind"] == "practice"]
    if practices.empty:
        return pd.DataFrame(columns=COLUMNS)
    judged = judgements(tables)
    cells = {
        (key, c): (points, _reason(strength, quote, inference, reason))
        for key, c, strength, points, quote, inference, reason in zip(
            *(judged[c] for c in ("key", "criterion", "strength", "points", "quote", "inference", "reason")),
            strict=True,
        )
    }
    themes = tables.themes.groupby("key")["theme_label"].agg(lambda t: ", ".join(map(vocab.word, t))).to_dict()
    rows = []
    for rec in practices.itertuples():
        row = {"number": int(rec.id), "short_name": rec.short_name, "region": rec.region, "title": rec.title}
        row |= {"key": rec.key, "themes": themes.get(rec.key, "")}
        strong = 0
        for criterion in CRITERIA:
            points, reason = cells.get((rec.key, criterion), (pd.NA, _reason(vocab.NOT_JUDGED, None, None, None)))
            row[criterion], row[f"{criterion}_reason"] = points, reason
            strong += points is not pd.NA and points == vocab.STRENGTHS["strong"]
        given = [row[c] for c in CRITERIA if row[c] is not pd.NA]
        row |= {"total": int(sum(given)), "judged": len(given), "_strong": strong}
        rows.append(row)
    out = pd.DataFrame(rows).sort_values(["total", "_strong", "number"], ascending=[False, False, True])
    out["rank"] = out["total"].rank(method="min", ascending=False).astype(int)
    for criterion in CRITERIA:
        out[criterion] = out[criterion].astype("Int64")
    return out[COLUMNS].reset_index(drop=True)


def score_words(row: pd.Series, among: int | None = None) -> str:
    """A practice's score in words, saying what it is out of: "11/14 (rank 2 of 21)"; with some criteria not
    judged, "8 of the 8 points of the 4 judged criteria"; with none, "not judged"."""
    judged = int(row["judged"])
    if judged == 0:
        return _("not judged (no criterion of it is judged in this dataset)")
    ranked = _(" (rank {rank} of {among})").format(rank=row["rank"], among=among) if among else ""
    if judged < len(CRITERIA):
        # TRANSLATORS: the English says "criteria" for one too; a language may say its singular.
        said = ngettext(
            "{total} of the {points} points of its {judged} judged criteria{ranked}",
            "{total} of the {points} points of its {judged} judged criteria{ranked}",
            judged,
        )
        return said.format(total=row["total"], points=2 * judged, judged=judged, ranked=ranked)
    return f"{row['total']}/{MOST}{ranked}"


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
