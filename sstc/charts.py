"""Plotly figures from transform outputs: one colour per region and per outcome on every page.

Palettes are colour-blind safe: Okabe-Ito for regions, CARTO "Safe" for the 11 outcomes.
"""

import html

import pandas as pd
import plotly.graph_objects as go

from . import geo, vocab

REGION_COLORS: dict[str, str] = dict(
    zip(vocab.REGIONS, ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2"], strict=True)
)
OUTCOME_COLORS: dict[str, str] = dict(
    zip(
        vocab.OUTCOMES,
        [
            "#88CCEE",
            "#CC6677",
            "#DDCC77",
            "#117733",
            "#332288",
            "#AA4499",
            "#44AA99",
            "#999933",
            "#882255",
            "#661100",
            "#6699CC",
        ],
        strict=True,
    )
)
DELIVERY_COLORS: dict[str, str] = {"virtual": "#0072B2", "in_person": "#E69F00", "unspecified": "#BBBBBB"}
SEQUENTIAL = "Blues"
_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "font": {"size": 13}, "legend": {"title": None}}


def _wrap(text: str, width: int = 60) -> str:
    words, lines, line = html.escape(text).split(), [], ""
    for word in words:
        if len(line) + len(word) > width and line:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _hover(frame: pd.DataFrame) -> list[str]:
    return [
        f"<b>{html.escape(r.country)}</b><br>{r.records} record(s): {r.projects} project(s), "
        f"{r.practices} practice(s)<br>Roles: {r.roles}<br>"
        + "<br>".join(_wrap(t, 70) for t in str(r.record_titles).split("; ")[:12])
        + ("<br>…" if str(r.record_titles).count("; ") >= 12 else "")
        for r in frame.itertuples()
    ]


def coverage_map(coverage: pd.DataFrame, title: str) -> go.Figure:
    """Choropleth of shapes plus markers for small or missing countries; customdata carries ISO3 for clicks."""
    shapes, markers = geo.map_layers(coverage)
    zmax = max(int(coverage["records"].max()) if len(coverage) else 1, 1)
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=shapes["iso3"],
            z=shapes["records"],
            locationmode="ISO-3",
            customdata=shapes["iso3"],
            hovertext=_hover(shapes),
            hoverinfo="text",
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=zmax,
            marker={"line": {"color": "#555555", "width": 0.5}},
            colorbar={"title": {"text": "Records"}},
            name="Countries",
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lat=markers["lat"],
            lon=markers["lon"],
            customdata=markers["iso3"],
            hovertext=_hover(markers),
            hoverinfo="text",
            mode="markers",
            name="Small states (marker)",
            marker={
                "size": 9,
                "color": markers["records"],
                "colorscale": SEQUENTIAL,
                "cmin": 0,
                "cmax": zmax,
                "line": {"color": "#222222", "width": 1},
                "symbol": "circle",
            },
        )
    )
    fig.update_geos(
        scope="world",
        resolution=geo.RESOLUTION,
        showcountries=True,
        countrycolor="#BBBBBB",
        showland=True,
        landcolor="#F4F4F4",
        showocean=True,
        oceancolor="#EAF2FA",
        projection_type="natural earth",
        showframe=False,
    )
    fig.update_layout(**_LAYOUT, title=title, height=560, showlegend=False)
    return fig


def region_bar(summary: pd.DataFrame) -> go.Figure:
    long = summary.melt(id_vars="region", value_vars=["projects", "practices"], var_name="kind", value_name="n")
    fig = go.Figure()
    for kind, pattern in (("projects", ""), ("practices", "/")):
        part = long[long["kind"] == kind]
        fig.add_trace(
            go.Bar(
                x=part["region"],
                y=part["n"],
                name=kind.capitalize(),
                marker={"color": [REGION_COLORS[r] for r in part["region"]], "pattern_shape": pattern},
            )
        )
    fig.update_layout(**_LAYOUT, barmode="group", title="Records per region", yaxis_title="Records")
    return fig


def stacked_by_region(frame: pd.DataFrame, category: str, title: str, axis_title: str) -> go.Figure:
    """Horizontal bars per category, stacked by region in the region colours."""
    fig = go.Figure()
    order = frame.groupby(category)["records"].sum().sort_values().index.tolist()
    for region in vocab.REGIONS:
        part = frame[frame["region"] == region]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=part[category], x=part["records"], name=region, orientation="h", marker_color=REGION_COLORS[region]
            )
        )
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        title=title,
        xaxis_title=axis_title,
        yaxis={"categoryorder": "array", "categoryarray": order},
        height=max(320, 32 * len(order) + 120),
    )
    return fig


def modality_bar(summary: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    order = summary.groupby("modality_label")["records"].sum().sort_values().index.tolist()
    for delivery in vocab.DELIVERY:
        part = summary[summary["delivery"] == delivery]
        if not part.empty:
            fig.add_trace(
                go.Bar(
                    y=part["modality_label"],
                    x=part["records"],
                    orientation="h",
                    name=delivery.replace("_", "-"),
                    marker_color=DELIVERY_COLORS[delivery],
                )
            )
    fig.update_layout(
        **_LAYOUT,
        barmode="stack",
        title="Records per modality, by delivery",
        xaxis_title="Records",
        yaxis={"categoryorder": "array", "categoryarray": order},
        height=max(320, 30 * len(order) + 120),
    )
    return fig


def outcome_heatmap(grid: pd.DataFrame) -> go.Figure:
    outcomes, regions = list(vocab.OUTCOMES), list(vocab.REGIONS)
    table = grid.pivot(index="outcome", columns="region", values="records").reindex(index=outcomes, columns=regions)
    hover = [
        [f"<b>Outcome {o}</b><br>{_wrap(vocab.OUTCOMES[o])}<br>{r}: {int(table.loc[o, r])} record(s)" for r in regions]
        for o in outcomes
    ]
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=regions,
            y=[f"Outcome {o}" for o in outcomes],
            text=table.values,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            colorscale=SEQUENTIAL,
            zmin=0,
            colorbar={"title": {"text": "Records"}},
            xgap=2,
            ygap=2,
        )
    )
    fig.update_layout(**_LAYOUT, title="Outcome x region", height=520, yaxis={"autorange": "reversed"})
    return fig


def outcome_bar(grid: pd.DataFrame) -> go.Figure:
    totals = grid.groupby("outcome")["records"].sum().reindex(list(vocab.OUTCOMES))
    fig = go.Figure(
        go.Bar(
            x=[f"Outcome {o}" for o in totals.index],
            y=totals.values,
            marker_color=[OUTCOME_COLORS[o] for o in totals.index],
            hovertext=[_wrap(vocab.OUTCOMES[o]) for o in totals.index],
            hoverinfo="text+y",
        )
    )
    fig.update_layout(**_LAYOUT, title="Records per outcome", yaxis_title="Records")
    return fig
