"""Plotly figures from transform outputs: one colour per region on every page.

Every mark colour has at least 3:1 contrast against the white background and text 12:1 (WCAG 1.4.11, 1.4.3;
tests/test_accessibility.py computes the ratios). Regions use the dark, colour-blind-safe half of Paul Tol's
"muted" scheme plus a blue; adjacent marks are separated by white outlines, and where two kinds of bar share a
colour a hatch pattern tells them apart, so colour never carries meaning alone.
"""

from functools import cache
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from sstc.analysis import planned, shortlist
from sstc.analysis.timeline import VIEWS, inferred, shown_range
from sstc.analysis.transforms import NOT_STATED, TITLES_SEPARATOR, outcome_totals
from sstc.data import i18n, vocab
from sstc.data.i18n import N_, _, ngettext
from sstc.data.tables import rows_of
from sstc.view import geo
from sstc.view.labels import counted, criterion_word, role_words
from sstc.view.safe import plot

REGION_COLORS: dict[str, str] = dict(
    zip(vocab.REGIONS, ["#AA4499", "#2B7BB9", "#117733", "#CC6677", "#999933", "#332288"], strict=True)
)
OUTCOME_COLOR = "#0072B2"  # one colour: the outcome is read on the axis, not from a legend
DELIVERY_COLORS: dict[str, str] = {"virtual": "#0072B2", "in_person": "#A05A00", "unspecified": "#767676"}
# The map's scale starts at 1 record with a blue 3.8:1 against white and 3.4:1 against uncovered land.
SEQUENTIAL = [[0.0, "#4A86C5"], [1.0, "#08306B"]]
LAND, TEXT, OUTLINE = "#F4F4F4", "#31333F", "#FFFFFF"
_LAYOUT = {
    "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
    "font": {"size": 13, "color": TEXT, "family": '"Source Sans Pro", "Source Sans 3", sans-serif'},
}
# plotly_white's layout, less the parts no chart here uses, as one object made once and given to each figure when
# it is made. A named template costs ~9 ms a figure (plotly copies and validates it whole), and a figure made
# without one gets plotly's default template, ~3 ms; this one costs ~0.7 ms.
_KEPT = ("autotypenumbers", "colorway", "font", "geo", "hoverlabel", "hovermode", "paper_bgcolor", "plot_bgcolor",
         "title", "xaxis", "yaxis")  # fmt: skip
_TEMPLATE = go.layout.Template(
    layout={k: v for k, v in pio.templates["plotly_white"].layout.to_plotly_json().items() if k in _KEPT}
)


def _figure(traces: list[dict], **layout: object) -> go.Figure:
    """One figure from plain traces and layout, with the chart template (see _TEMPLATE), made in one step.

    Plotly's validation would cost more than everything else a chart does (1.1-2.8 ms of a figure against
    0.2-0.6 ms), and Streamlit validates nothing it is given as a figure: so the charts here are written as plotly's
    validation would leave them (a title is `{"text": ...}`, no shorthand), and tests/test_geo_and_charts.py checks
    that every chart equals its validated self.
    """
    if isinstance(layout.get("title"), str):
        layout["title"] = {"text": layout["title"]}
    # A title of several lines (longer in French and Spanish) gets the room it needs above the plot: at 60 px a
    # three-line title ran over the first bar.
    title = layout.get("title") or {}
    lines = str(title.get("text") or "").count("<br>") + 1
    margin = {**_LAYOUT["margin"], **dict(layout.get("margin") or {})}
    if lines > 1 and margin["t"] < 40 + 22 * lines:
        layout["margin"] = {**margin, "t": 40 + 22 * lines}
    if lines > 1 and "y" not in title:  # hung from the top, not centred on it: the lines go down into the margin
        layout["title"] = {
            **title,
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 28, **title.get("pad", {})},  # plotly hangs the first line by its middle
        }
    return go.Figure({"data": traces, "layout": {"template": _TEMPLATE, **_LAYOUT, **layout}}, _validate=False)


_BAR_LINE = {"color": OUTLINE, "width": 1}


def _two_lines(name: str) -> str:
    """A translated region name on two lines, broken at the space nearest its middle (and after a slash)."""
    if "/" in name:
        return name.replace("/", "/<br>")
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    if not spaces:
        return name
    cut = min(spaces, key=lambda i: abs(len(name) / 2 - i))
    return f"{name[:cut]}<br>{name[cut + 1 :]}"


# Region names under a grid, slanted so that each ends at its column: on a phone the last one stays on the screen.
@cache
def _region_ticks(language: str) -> dict:
    """The region axis in `language`: each name on two lines, narrower, so neighbours do not overlap on a phone."""
    if language == i18n.ENGLISH:
        text = [
            r.replace(" and ", " and<br>").replace("/", "/<br>").replace("Arab ", "Arab<br>") for r in vocab.REGIONS
        ]
    else:
        text = [_two_lines(_(r)) for r in vocab.REGIONS]
    return {
        "tickangle": -40,
        "automargin": True,
        "tickmode": "array",
        "tickvals": list(vocab.REGIONS),
        "ticktext": text,
    }


# Legend words short enough for a phone; the page's "How to read" says them in full.
SHORT = {
    "ambiguous match only": N_("ambiguous"),
    "regional records": N_("done"),
    "ambiguous outcome match only": N_("ambiguous"),
    "global activities only": N_("global"),
}
# A grid cell's state (a key in the data) in words, for its hover and the legend.
STATE_WORDS = {
    "confirmed": N_("confirmed"),
    "ambiguous match only": N_("ambiguous match only"),
    "none": N_("none"),
    "regional records": N_("regional records"),
    "ambiguous outcome match only": N_("ambiguous outcome match only"),
    "global activities only": N_("global activities only"),
    "nothing": N_("nothing"),
}


def _state(state: object) -> str:
    return _(STATE_WORDS[state]) if state in STATE_WORDS else str(state)


# A legend under the grid, its words level and small enough for four of them across a phone.
_UNDER = {"orientation": "h", "y": -0.22, "yanchor": "top", "len": 0.9, "thickness": 14, "tickangle": 0,
          "tickfont": {"size": 11}}  # fmt: skip


def _wrap(text: str, width: int = 60) -> str:
    """Data text for a hover, escaped (safe.plot) and broken into lines of about `width` characters."""
    words, lines, line = plot(text).split(), [], ""
    for word in words:
        if len(line) + len(word) > width and line:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


@cache
def _outcome_hovers(language: str) -> dict[str, str]:
    """Each outcome's name wrapped for a hover, once per language, not per chart."""
    return {o: _wrap(_(name)) for o, name in vocab.OUTCOMES.items()}


def _outcome(code: str) -> str:
    return _("Outcome {code}").format(code=code)


HOVER_COLUMNS = ("country", "records", "projects", "practices", "roles", "record_titles")  # of transforms.coverage


def hover_lines(country: str, records: int, projects: int, practices: int, roles: str, record_titles: str,
                most: int = 12) -> list[str]:  # fmt: skip
    """A covered country's hover, unescaped: name, counts, roles, then up to `most` whole record titles, one a line
    (record_titles as transforms.coverage joins them: never split inside a title, even one with "; " in it)."""
    titles = str(record_titles).split(TITLES_SEPARATOR)
    records_words = counted(records, "record", "records")
    projects_words = counted(projects, "project", "projects")
    practices_words = counted(practices, "practice", "practices")
    return [
        str(country),
        # TRANSLATORS: a country's counts in its hover: "8 records: 4 projects, 4 practices".
        _("{records}: {projects}, {practices}").format(
            records=records_words, projects=projects_words, practices=practices_words
        ),
        _("Roles: {roles}").format(roles=role_words(roles)),
        *titles[:most],
        *(["…"] if len(titles) > most else []),
    ]


def _hover(frame: pd.DataFrame) -> list[str]:
    hovers = []
    for row in rows_of(frame, *HOVER_COLUMNS):
        name, counts, roles, *titles = hover_lines(*row)
        hovers.append(f"<b>{plot(name)}</b><br>{counts}<br>{roles}<br>" + "<br>".join(_wrap(t, 70) for t in titles))
    return hovers


def coverage_map(coverage: pd.DataFrame, title: str) -> go.Figure:
    """Choropleth of shapes plus markers for small or missing countries; customdata carries ISO3 for clicks."""
    zmax = max(int(coverage["records"].max()) if len(coverage) else 1, 2)
    colorbar = {"title": {"text": _("Records")}, "orientation": "h", "y": -0.08, "len": 0.6, "thickness": 14}
    scale = {"colorscale": SEQUENTIAL, "zmin": 1, "zmax": zmax, "colorbar": colorbar}
    return _world_map(coverage, coverage["records"], scale, title)


SHORTLIST_COLORS = ("#0072B2", "#A05A00")  # covered now, added if extended
# The Shortlist and brief page's two maps: each status in its colour, in the legend's order. Made here, once: a page's
# script runs anew on every rerun, and a mapping it made itself keyed the map's cache anew, so the map was drawn
# again on every rerun (2 x 9 ms).
SHORTLIST_MAP_COLORS = dict(zip((shortlist.NOW, shortlist.EXTENDED), SHORTLIST_COLORS, strict=True))
PLAN_MAP_COLORS = dict(zip((planned.COVERED, planned.TARGETED, planned.NEW), ("#767676", "#0072B2", "#A05A00"),
                           strict=True))  # fmt: skip


def _world_map(coverage: pd.DataFrame, z: pd.Series, scale: dict, title: str) -> go.Figure:
    frame = coverage.assign(_z=z.to_numpy())
    shapes, markers = geo.map_layers(frame)
    choropleth = {
        "type": "choropleth",
        "locations": shapes["iso3"].tolist(),
        "z": shapes["_z"].tolist(),
        "locationmode": "ISO-3",
        "customdata": shapes["iso3"].tolist(),
        "hovertext": _hover(shapes),
        "hoverinfo": "text",
        "colorscale": scale["colorscale"],
        "zmin": scale["zmin"],
        "zmax": scale["zmax"],
        "marker": {"line": {"color": "#555555", "width": 0.5}},
        "colorbar": scale["colorbar"],
        "name": _("Countries"),
    }
    small = {
        "type": "scattergeo",
        "lat": markers["lat"].tolist(),
        "lon": markers["lon"].tolist(),
        "customdata": markers["iso3"].tolist(),
        "hovertext": _hover(markers),
        "hoverinfo": "text",
        "mode": "markers",
        "name": _("Small states (marker)"),
        "marker": {
            "size": 9,
            "color": markers["_z"].tolist(),
            "colorscale": scale["colorscale"],
            "cmin": scale["zmin"],
            "cmax": scale["zmax"],
            "line": {"color": "#222222", "width": 1},
            "symbol": "circle",
        },
    }
    geography = {
        "scope": "world",
        "resolution": geo.RESOLUTION,
        "showcountries": True,
        "countrycolor": "#BBBBBB",
        "showland": True,
        "landcolor": LAND,
        "showocean": True,
        "oceancolor": "#EAF2FA",
        "projection": {"type": "natural earth"},
        "showframe": False,
    }
    return _figure([choropleth, small], geo=geography, title=title, height=560, showlegend=False)


def region_bar(summary: pd.DataFrame) -> go.Figure:
    regions = summary["region"].tolist()
    traces = [
        {
            "type": "bar",
            "x": [_(r) for r in regions],
            "y": summary[kind].tolist(),
            "name": name,
            "marker": {"color": [REGION_COLORS[r] for r in regions], "pattern": {"shape": pattern}, "line": _BAR_LINE},
        }
        for kind, name, pattern in (("projects", _("Projects"), ""), ("practices", _("Practices"), "/"))
    ]
    top = max((int(n) for kind in ("projects", "practices") for n in summary[kind]), default=0)
    whole = {"dtick": 1} if top <= 10 else {}  # counts: no 0.5 steps on a short axis (3.5 records under a filter)
    return _figure(
        traces, barmode="group", title=_("Records per region"), yaxis={"title": {"text": _("Records")}, **whole}
    )


LABEL_CHARS = 24  # a bar's label beyond this ends in "…" (the hover has it whole): on a phone the bars keep room


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _stacked(
    rows: list[tuple[str, str, int]],
    stacks: dict[str, tuple[str, str]],
    title: str,
    axis_title: str,
    row: int,
    top_down: tuple[str, ...] = (),
) -> go.Figure:
    """Horizontal bars, one per category, stacked by group: `rows` are (category, group, records), `stacks` maps
    each group to its legend name and colour, in stacking order. Bars in `top_down`'s order if given (a table's
    beside it), else the longest on top. A long label is cut
    with "…": on a phone they had left the bars 50 px. The legend is under the chart, never over the bars."""
    totals: dict[str, int] = {}
    for name, _group, n in rows:
        totals[name] = totals.get(name, 0) + int(n)
    if top_down:
        order = [name for name in reversed(top_down) if name in totals]
        order = [name for name in sorted(totals, key=lambda n: (totals[n], n)) if name not in order] + order
    else:
        order = sorted(totals, key=lambda name: (totals[name], name))  # fewest first: plotly draws them bottom up
    traces = []
    for group, (legend, color) in stacks.items():
        part = [(name, n) for name, g, n in rows if g == group]
        if part:
            traces.append({
                "type": "bar",
                "y": [name for name, _ in part],
                "x": [int(n) for _, n in part],
                "name": legend,
                "orientation": "h",
                "marker": {"color": color, "line": _BAR_LINE},
                "hovertemplate": f"%{{y}}<br>{legend}: %{{x}}<extra></extra>",
            })  # fmt: skip
    shown = [_short(_(NOT_STATED) if name == NOT_STATED else name) for name in order]  # "not stated" is the app's
    return _figure(
        traces,
        barmode="stack",
        title={"text": _wrap(title, 34), "x": 0, "xref": "container", "xanchor": "left", "pad": {"l": 10}},
        xaxis={"title": {"text": axis_title}, **({"dtick": 1} if max(totals.values(), default=0) <= 10 else {})},
        yaxis={"categoryorder": "array", "categoryarray": order, "tickmode": "array", "tickvals": order,
               "ticktext": shown, "automargin": True},
        legend={"orientation": "h", "xref": "container", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom"},
        margin={**_LAYOUT["margin"], "t": 115, "b": 130},
        height=max(420, row * len(order) + 240),
    )  # fmt: skip


def stacked_by_region(
    frame: pd.DataFrame, category: str, title: str, axis_title: str, top_down: tuple[str, ...] = ()
) -> go.Figure:
    """Horizontal bars per category, stacked by region in the region colours; category names from the data; in
    `top_down`'s order if given."""
    rows = list(zip(map(plot, frame[category]), frame["region"], frame["records"], strict=True))
    order = tuple(plot(c) for c in top_down)
    return _stacked(rows, {r: (_(r), REGION_COLORS[r]) for r in vocab.REGIONS}, title, axis_title, 32, order)


def modality_bar(summary: pd.DataFrame) -> go.Figure:
    labels = [_(label) for label in summary["modality_label"]]
    rows = list(zip(labels, summary["delivery"], summary["records"], strict=True))
    stacks = {vocab.DELIVERY_WORDS[d]: (_(vocab.DELIVERY_WORDS[d]), DELIVERY_COLORS[d]) for d in vocab.DELIVERY}
    title = _("Records with each delivered modality, by delivery (planned ones are listed below)")
    return _stacked(rows, stacks, title, _("Records"), 30)


OUTCOME_STATE_COLORS: dict[str, str] = {  # confirmed / ambiguous match only / none (an empty cell, written –)
    "confirmed": "#0072B2",
    "ambiguous match only": "#A05A00",
    "none": "#F0F0F0",
}


def _state_text(cell: object) -> str:
    """`2` confirmed records (`2 +1?` with ambiguous ones), `1?` ambiguous only, `–` none."""
    extra = f" +{cell.ambiguous_records}?" if cell.ambiguous_records else ""
    if cell.records:
        return f"{cell.records}{extra}"
    return f"{cell.ambiguous_records}?" if cell.ambiguous_records else "–"


def outcome_heatmap(grid: pd.DataFrame) -> go.Figure:
    """Outcome x region in three states drawn from the first view; hover gives the reason for an ambiguity. Only the
    grid's outcomes and regions (those the filters keep), in the vocabulary's order."""
    outcomes = [o for o in vocab.OUTCOMES if o in set(grid["outcome"].tolist())]
    regions = [r for r in vocab.REGIONS if r in set(grid["region"].tolist())]
    states = list(OUTCOME_STATE_COLORS)
    cells = {(c["outcome"], c["region"]): c for c in grid.to_dict("records")}  # dicts: .loc per cell is slow
    hovers = _outcome_hovers(i18n.language())

    def hover_text(o: str, r: str) -> str:
        """A few lines, not the reasons (they made a 20-line hover over the whole grid): which records are
        ambiguous here, and where the reasons are."""
        cell = cells[(o, r)]
        who = [why.split(": ", 1)[0] for why in str(cell["ambiguity"]).split(" | ") if why]
        more = ngettext("{names} and {count} more", "{names} and {count} more", len(who) - 4)
        listed = more.format(names=", ".join(who[:4]), count=len(who) - 4) if len(who) > 4 else ", ".join(who)
        named = _wrap(listed, 70)  # escapes
        why = _("Why: choose this cell under the grid")
        reasons = "<br>{}<br><i>{}</i>".format(_("Ambiguous: {names}").format(names=named), why) if who else ""
        # TRANSLATORS: a grid cell's hover: {region}: its state; counts of confirmed and ambiguous records.
        counts = _("{region}: {state}; {confirmed} confirmed, {ambiguous} ambiguous").format(
            region=_(r), state=_state(cell["state"]), confirmed=cell["records"], ambiguous=cell["ambiguous_records"]
        )
        return f"<b>{_outcome(o)}</b><br>{hovers[o]}<br>{counts}{reasons}"

    z = [[states.index(cells[(o, r)]["state"]) for r in regions] for o in outcomes]
    text = [[_state_text(SimpleNamespace(**cells[(o, r)])) for r in regions] for o in outcomes]
    hover = [[hover_text(o, r) for r in regions] for o in outcomes]
    heatmap = _heatmap(z, regions, [_outcome(o) for o in outcomes], text, hover, OUTCOME_STATE_COLORS)
    return _figure(
        [heatmap], title=_wrap(_("Records per outcome and region (n? = ambiguous matches)"), 40), height=520,
        yaxis={"autorange": "reversed"}, xaxis=_region_ticks(i18n.language()),
    )  # fmt: skip


def _heatmap(z: list, x: list, y: list, text: list, hover: list, colors: dict[str, str]) -> dict:
    """A grid of categorical states (`z`: each cell's index in `colors`): one colour band per state, the cell's words
    written in it, the legend under the grid in short words."""
    states = list(colors)
    k = len(states)
    scale = [[pos, colors[s]] for i, s in enumerate(states) for pos in (i / k, (i + 1) / k)]
    return {
        "type": "heatmap",
        "z": z,
        "x": x,
        "y": y,
        "text": text,
        "texttemplate": "%{text}",
        "hovertext": hover,
        "hoverinfo": "text",
        "colorscale": scale,
        "zmin": -0.5,
        "zmax": k - 0.5,
        "colorbar": {
            "tickvals": list(range(k)),
            "ticktext": [_(SHORT[s]) if s in SHORT else _state(s) for s in states],
            "title": {"text": ""},
            **_UNDER,
        },
        "xgap": 2,
        "ygap": 2,
    }


def outcome_bar(grid: pd.DataFrame) -> go.Figure:
    totals = dict.fromkeys(vocab.OUTCOMES, 0) | {
        o: n for o, n in rows_of(outcome_totals(grid), "outcome", "records") if o in vocab.OUTCOMES
    }
    hovers = _outcome_hovers(i18n.language())
    bar = {
        "type": "bar",
        "x": [_outcome(o) for o in totals],
        "y": list(totals.values()),
        "marker": {"color": OUTCOME_COLOR},
        "hovertext": [hovers[o] for o in totals],
        "hoverinfo": "text+y",
    }
    title = _wrap(_("Records with a confirmed match, per outcome"), 30)  # the chart has two fifths of the width
    whole = {"dtick": 1} if max(totals.values(), default=0) <= 10 else {}  # counts: no 0.5 steps on a short axis
    return _figure([bar], title=title, yaxis={"title": {"text": _("Records")}, **whole})


STATUS_COLORS: dict[str, str] = {  # gap grids: done / ambiguous / global only / nothing (empty, written –)
    "regional records": "#0072B2",
    "ambiguous outcome match only": "#A05A00",
    "global activities only": "#AA4499",
    "nothing": "#F0F0F0",
}


def _cell_text(cell: object) -> str:
    """What a gap cell says: regional records, `2?` for ambiguous matches, `1 global` for global reach, or `–`."""
    if cell.regional_records:
        return str(cell.regional_records)
    if getattr(cell, "ambiguous_records", 0):
        return f"{cell.ambiguous_records}?"
    if cell.global_records_reaching:
        # TRANSLATORS: a gap grid's cell: the number of global records that reach it.
        return _("{count} global").format(count=cell.global_records_reaching)
    return "–"


def status_grid(grid: pd.DataFrame, row: str, row_label: str, title: str) -> go.Figure:
    """Categorical heatmap of a gap grid: one colour per status, the count behind it written in each cell. A grid
    without ambiguous matches (themes have none) has no such state in its legend either."""
    colors = {s: c for s, c in STATUS_COLORS.items() if "ambiguous_records" in grid.columns or "ambiguous" not in s}
    statuses = list(colors)
    rows = list(dict.fromkeys(grid[row]))
    regions = list(dict.fromkeys(grid["region"]))
    cells = {(c[row], c["region"]): c for c in grid.to_dict("records")}  # dicts: .loc per cell is slow
    labels = {c[row]: c[row_label] for c in cells.values()}

    def at(r: str, c: str, field: str) -> object:
        cell = cells.get((r, c))
        return None if cell is None else cell.get(field)

    def reason(r: str, c: str) -> str:
        text = str(at(r, c, "ambiguity") or "")
        return "".join(f"<br>{_wrap(part, 80)}" for part in text.split(" | ") if part)

    code = {s: i for i, s in enumerate(statuses)}
    z = [[code.get(at(r, c, "status")) for c in regions] for r in rows]
    n = [[_cell_text(SimpleNamespace(**cells[(r, c)])) if (r, c) in cells else None for c in regions] for r in rows]
    names = {r: _wrap(str(labels[r])) for r in rows}  # once a row, not once a cell
    where = {c: _(c) for c in regions}
    hover = [
        [f"<b>{names[r]}</b><br>{where[c]}: {_state(at(r, c, 'status'))}{reason(r, c)}" for c in regions] for r in rows
    ]
    ylabels = [_outcome(r) for r in rows] if row == "outcome" else [plot(labels[r]) for r in rows]
    return _figure(
        [_heatmap(z, regions, ylabels, n, hover, colors)], title=_wrap(title, 40),
        height=max(360, 34 * len(rows) + 140), yaxis={"autorange": "reversed"}, xaxis=_region_ticks(i18n.language()),
    )  # fmt: skip


# Every dated entry must be readable on the narrowest plot the app draws, a phone's (about 200 px once the row
# labels have their room): an entry whose true span would be under 8 px there (a day, a month, a short range) gets
# a 12 px diamond over its bar. The bar keeps its true span, which zooming in shows; the diamond keeps the entry in
# sight at any range. A diamond is crossed where the date is inferred and open where it is a plan, as bars are
# hatched and outlined, so colour never carries that alone.
_NARROWEST_PLOT_PX, _MIN_MARK_PX, _DIAMOND_PX = 200, 8, 12
_DIAMONDS = {"solid": "diamond", "hatched": "diamond-x", "outline": "diamond-open"}
# A row label is at most two lines of 24 characters (~150 px): the full name is in every hover of the row and in
# the list under the chart. Labels of up to 100 characters took two thirds of the chart's width.
_TICK_WIDTH, _TICK_LINES = 24, 2


def _timeline_hover(bar: tuple) -> str:
    """An entry's hover: what, when (and whether inferred or planned, and why), and its record's full name."""
    label, when, record, why, planned = bar[1:6]
    return (
        f"<b>{_wrap(label)}</b><br>{plot(when)}"
        + (_(" (inferred: {why})").format(why=_wrap(why, 80)) if inferred(why) else "")
        + (_(" (planned: the source announces it)") if planned else "")
        + f"<br>{_wrap(record)}"
    )


def _timeline_bars(bars: list[tuple], region: str, color: str, style: str, legend: bool) -> dict:
    """One trace of bars, each its entry's true span; each bar is (row, label, when, record, inference, planned,
    start, end). `style`: "solid" (a stated date), "hatched" (an inferred one) or "outline" (a plan the source
    announces)."""
    marker = {"color": color, "pattern": {"shape": "/" if style == "hatched" else ""}, "line": _BAR_LINE}
    if style == "outline":  # drawn empty: announced, not known to have happened
        marker = {"color": OUTLINE, "line": {"color": color, "width": 2}}
    return {
        "type": "bar",
        "base": [start for *_, start, _ in bars],
        "x": [(end - start).total_seconds() * 1000 for *_, start, end in bars],
        "y": [row for row, *_ in bars],
        "orientation": "h",
        "name": _(region),
        "legendgroup": region,
        "showlegend": legend,
        "marker": marker,
        "hovertext": [_timeline_hover(bar) for bar in bars],
        "hoverinfo": "text",
    }


def _timeline_diamonds(bars: list[tuple], region: str, color: str, style: str) -> dict:
    """A diamond at the middle of each bar too short to see (see _NARROWEST_PLOT_PX), in its region's legend
    group, so hiding a region hides its diamonds. Its hover is the bar's (in `text`: not drawn with markers only)."""
    marker = {"symbol": _DIAMONDS[style], "size": _DIAMOND_PX, "color": color, "line": {"color": TEXT, "width": 1.5}}
    if style == "outline":  # an open symbol is drawn in the marker's colour
        marker["line"] = {"color": color, "width": 2}
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [start + (end - start) / 2 for *_, start, end in bars],
        "y": [row for row, *_ in bars],
        "name": _(region),
        "legendgroup": region,
        "showlegend": False,
        "marker": marker,
        "text": [_timeline_hover(bar) for bar in bars],
        "hoverinfo": "text",
    }


def _too_short(start: pd.Timestamp, end: pd.Timestamp, shown: tuple[pd.Timestamp, pd.Timestamp]) -> bool:
    """Whether an entry's true span would be narrower than _MIN_MARK_PX on the narrowest plot, at range `shown`."""
    return (end - start) / (shown[1] - shown[0]) * _NARROWEST_PLOT_PX < _MIN_MARK_PX


def _tick_label(text: str) -> str:
    """A row's label on the axis, escaped: at most _TICK_LINES lines of _TICK_WIDTH characters, broken after a
    "Practice 10:" prefix where it has one, cut with "…" (the hover has it whole)."""
    head, colon, rest = text.partition(": ")
    words = [f"{head}:", *rest.split()] if colon and len(text) > _TICK_WIDTH else text.split()
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith(":") and len(lines[-1]) + 1 + len(word) <= _TICK_WIDTH:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > _TICK_LINES or any(len(line) > _TICK_WIDTH for line in lines):
        tail = " ".join(lines[_TICK_LINES - 1 :])
        kept = [line[:_TICK_WIDTH] for line in lines[: _TICK_LINES - 1]]
        lines = [*kept, tail if len(tail) <= _TICK_WIDTH else tail[: _TICK_WIDTH - 1].rstrip() + "…"]
    return "<br>".join(plot(line) for line in lines)


def _timeline_traces(rows: list[tuple], colors: dict[str, str], shown: tuple[pd.Timestamp, pd.Timestamp]) -> list:
    """A region's bars in one trace per style (solid, hatched, outline), then diamonds over the short ones."""
    traces: list[dict] = []
    diamonds: list[dict] = []
    for region, color in colors.items():
        part = [row[:-1] for row in rows if row[-1] == region]
        if not part:
            continue
        styles = {
            "solid": [bar for bar in part if not inferred(bar[4]) and not bar[5]],
            "hatched": [bar for bar in part if inferred(bar[4])],
            "outline": [bar for bar in part if bar[5] and not inferred(bar[4])],
        }
        # The legend takes a trace's swatch from its first bar: each style goes in its own trace, the region's
        # swatch always solid, and one legend entry each says what a hatch and an outline mean.
        if not styles["solid"]:  # a solid swatch for the region even when none of its dates is a stated one
            traces.append({"type": "bar", "x": [None], "y": [None], "name": _(region), "legendgroup": region,
                           "marker": {"color": color}})  # fmt: skip
        for style, bars in styles.items():
            if bars:
                traces.append(_timeline_bars(bars, region, color, style, legend=style == "solid"))
            short = [bar for bar in bars if _too_short(bar[6], bar[7], shown)]
            if short:
                diamonds.append(_timeline_diamonds(short, region, color, style))
    return traces + diamonds


def _timeline_keys(rows: list[tuple]) -> list[dict]:
    """Legend entries for a hatch and an outline, where the chart has any."""
    keys: list[dict] = []
    if any(inferred(row[4]) for row in rows):
        keys.append({"type": "bar", "x": [None], "y": [None], "name": _("date inferred (hatched)"),
                     "marker": {"color": "#767676", "pattern": {"shape": "/"}}, "hoverinfo": "skip"})  # fmt: skip
    if any(row[5] and not inferred(row[4]) for row in rows):
        keys.append({"type": "bar", "x": [None], "y": [None], "name": _("planned, announced (outline)"),
                     "marker": {"color": OUTLINE, "line": {"color": "#767676", "width": 2}},
                     "hoverinfo": "skip"})  # fmt: skip
    return keys


# The 2022-2023 biennium shaded, named above the plot on two lines centred on it: on one line from its start the
# name ran past the chart's right edge when the axis was long or the chart narrow.
_BIENNIUM = {"type": "rect", "xref": "x", "yref": "y domain", "x0": "2022-01-01", "x1": "2023-12-31", "y0": 0,
             "y1": 1, "fillcolor": "#999999", "opacity": 0.12, "line": {"width": 0}}  # fmt: skip
_BIENNIUM_LABEL = {"text": N_("2022-2023<br>biennium"), "xref": "x", "yref": "y domain", "x": "2023-01-01", "y": 1,
                   "xanchor": "center", "yanchor": "bottom", "showarrow": False, "font": {"size": 12}}  # fmt: skip


def timeline(
    entries: pd.DataFrame, news_label: str, shown: tuple[pd.Timestamp, pd.Timestamp] | None = None
) -> go.Figure:
    """One bar per dated entry, a row per record, region colours, over the x range `shown` (by default every date,
    timeline.shown_range's whole span); the 2022-2023 biennium shaded. A date no sentence gives (an inference) is
    hatched, so it never reads as a stated one; a plan the source announces is an empty outline, so it never reads
    as something done. Their hovers say which and why. An entry too short to see gets a diamond too, and a row's
    label is cut short on the axis (both: see above) so the plot keeps most of the width."""
    shown = shown or shown_range(entries, VIEWS[1])
    colors = {**REGION_COLORS, news_label: "#767676"}
    columns = ("record", "label", "when", "record", "inference", "planned", "bar_start", "bar_end", "region")
    rows = [(plot(row[0]), *row[1:]) for row in rows_of(entries, *columns)]
    categories = list(dict.fromkeys(row[0] for row in rows))
    ticks = {row[0]: _tick_label(row[3]) for row in rows}
    return _figure(
        _timeline_traces(rows, colors, shown) + _timeline_keys(rows),
        legend={"orientation": "h", "y": -0.08},
        title=_("Dated activities"),
        margin={**_LAYOUT["margin"], "t": 90},  # the title, then the biennium's name above the plot
        barmode="overlay",
        shapes=[_BIENNIUM],
        annotations=[{**_BIENNIUM_LABEL, "text": _(_BIENNIUM_LABEL["text"])}],
        xaxis={"type": "date", "range": list(shown)},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "categoryorder": "array",
            "categoryarray": categories,
            "tickmode": "array",
            "tickvals": categories,
            "ticktext": [ticks[c] for c in categories],
            "tickfont": {"size": 12},
        },
        height=max(400, 36 * len(categories) + 300),  # room for a legend of eight lines on a phone
    )


CRITERION_COLORS: dict[str, str] = {  # the compendium's seven, in its order
    "objective": "#332288",
    "cooperation": "#0072B2",
    "effectiveness": "#117733",
    "innovation": "#AA4499",
    "sustainability": "#A05A00",
    "adaptability": "#882255",
    "results": "#5A5A5A",
}


def _points(points: object) -> str:
    return _(vocab.NOT_JUDGED) if points is pd.NA or points is None else f"{points}/2"


def score_bars(scores: pd.DataFrame) -> go.Figure:
    """Each practice's total as stacked criterion points (a criterion not judged draws nothing), best at the top;
    hover gives the judgement and its reason."""
    labels = [plot(f"{n}. {s}") for n, s in zip(scores["number"], scores["short_name"], strict=True)]
    traces = [
        {
            "type": "bar",
            "y": labels,
            "x": [None if p is pd.NA else int(p) for p in scores[criterion]],
            "orientation": "h",
            "name": criterion_word(criterion),
            "marker": {"color": color, "line": _BAR_LINE},
            "hovertext": [
                f"<b>{lab}</b><br>{criterion_word(criterion)}: {_points(pts)}<br>{_wrap(reason)}"
                for lab, pts, reason in zip(labels, scores[criterion], scores[f"{criterion}_reason"], strict=True)
            ],
            "hoverinfo": "text",
        }
        for criterion, color in CRITERION_COLORS.items()
    ]
    return _figure(
        traces,
        barmode="stack",
        title=_("Replication score (out of {most}) by criterion").format(most=2 * len(CRITERION_COLORS)),
        xaxis={"title": {"text": _("Points")}, "range": [0, 2 * len(CRITERION_COLORS)], "dtick": 2},
        # short labels (the hover has them whole) and the legend under the bars: on a phone the first label was cut
        # and the legend beside the chart took half its width
        yaxis={"autorange": "reversed", "tickmode": "array", "tickvals": labels,
               "ticktext": [_short(x) for x in labels], "automargin": True},
        legend={"orientation": "h", "xref": "container", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom"},
        margin={**_LAYOUT["margin"], "b": 150},
        height=max(320, 28 * len(scores) + 240),
    )  # fmt: skip
