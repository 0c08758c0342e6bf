"""The Country coverage map as SVG, drawn by the server: on screen with the page, without plotly.js.

Why: on a fresh visit plotly.js (4.7 MB) took ~1.3 s of the 2.3-2.5 s to a drawn map only to be evaluated and
mounted (issue 12 asks for 2 s). The same 110m world, Natural Earth projection, colour scale and small-state
markers as the zoomable plotly map, as one SVG of ~125 kB. Each covered country is a real link to its profile
(keyboard, middle-click and a copied address work) whose tooltip is the plotly hover's text; the zoomable map is
the page's other view.
"""

import hashlib
from functools import cache
from urllib.parse import urlencode

import pandas as pd

from sstc.analysis import filters
from sstc.data.tables import rows_of
from sstc.view import geo
from sstc.view.charts import HOVER_COLUMNS, LAND, SEQUENTIAL, TEXT, hover_lines
from sstc.view.safe import svg
from sstc.view.staticmap import Canvas

WIDTH = 1000  # viewBox units; the SVG scales to the page's width
BORDER, INK, OCEAN = "#8A8A8A", "#222222", "#EAF2FA"
MARKER_RADIUS = 5
PAD = MARKER_RADIUS + 2  # around the map, so that a dot at its edge (Tuvalu) is drawn whole


def _rgb(color: str) -> tuple[int, ...]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def shade(records: int, most: int) -> str:
    """The plotly map's colour for `records` on its scale from 1 to max(most, 2), interpolated in RGB as plotly.js."""
    low, high = _rgb(SEQUENTIAL[0][1]), _rgb(SEQUENTIAL[1][1])
    t = min(max((records - 1) / (max(most, 2) - 1), 0.0), 1.0)
    return "#" + "".join(f"{round(a + (b - a) * t):02X}" for a, b in zip(low, high, strict=True))


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """Rings in whole viewBox units, repeated points dropped; rings that shrink below a triangle left out."""
    out = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            p = (round(x), round(y))
            if not points or p != points[-1]:
                points.append(p)
        if len(points) > 3 or (len(points) == 3 and points[0] != points[-1]):
            out.append("M" + "L".join(f"{x} {y}" for x, y in points) + "Z")
    return "".join(out)


@cache
def _world() -> tuple[Canvas, dict[str, str], str]:
    """Every country of the screen's world as one path (outer rings and holes, even-odd), and the map's edge,
    projected once."""
    canvas = Canvas(WIDTH, top=0, s=1)
    paths = {
        code: _path([pixels for polygon in polygons for ring in polygon for pixels in canvas.ring(ring)])
        for code, polygons in geo.polygons(geo.TOPOJSON_FILE).items()
        if code != "ATA"
    }
    return canvas, paths, "M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in canvas.outline()) + "Z"


def _link(code: str, shown: filters.Filters, hover: list[str], body: str, twin: bool = False) -> str:
    """A country's link to its profile. A `twin` (the dot of a country also drawn as a shape) is for the mouse
    only: a keyboard or a screen reader meets each country once."""
    query = urlencode({"iso3": code, **filters.to_params(shown)}, doseq=True)  # Streamlit's repeated keys
    once = ' tabindex="-1" aria-hidden="true"' if twin else ""
    return (
        f'<a href="profile?{svg(query)}" data-iso3="{svg(code)}"{once} '
        f'aria-label="{svg(hover[0])}: {svg(hover[1])}">'
        f"<title>{svg(chr(10).join(hover))}</title>{body}</a>"
    )


@cache
def base() -> tuple[str, str]:
    """The world every map draws on, as (key, SVG markup): the ocean, every country as land, and two empty layers
    for a map's covered countries and its dots. The same for every map and every filter state, so the browser gets
    it once a session and each rerun sends only a map's own layers (`parts`): the whole SVG was ~100 kB a change."""
    canvas, world, outline = _world()
    land = "".join(f'<path d="{d}" fill="{LAND}"/>' for d in world.values())
    markup = (
        f'<svg viewBox="{-PAD} {-PAD} {WIDTH + 2 * PAD} {canvas.height + 2 * PAD}" role="group" aria-label="" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<clipPath id="sstc-map-edge"><path d="{outline}"/></clipPath>'
        f'<path d="{outline}" fill="{OCEAN}"/>'
        f'<g clip-path="url(#sstc-map-edge)" fill-rule="evenodd" stroke="{BORDER}" stroke-width="0.5">{land}'
        f'<g class="sstc-map-covered"></g></g><g class="sstc-map-dots"></g></svg>'
    )
    return hashlib.sha256(markup.encode()).hexdigest()[:16], markup


def coverage_map(coverage: pd.DataFrame, title: str, shown: filters.Filters) -> dict[str, str]:
    """The map of `coverage` (transforms.coverage): its layers over `base`, its title and colour legend.

    `shown` is the filter state: each country's link opens its profile under the same filters.
    """
    records = {code: int(n) for code, n in rows_of(coverage, "iso3", "records")}
    most = max(records.values(), default=1)
    high = max(most, 2)
    legend = (
        f'<span>Records: 1</span><span class="sstc-map-scale" style="background:linear-gradient(to right,'
        f'{shade(1, high)},{shade(high, high)})"></span><span>{high}</span>'
    )
    return parts(coverage, title, shown, {code: shade(n, most) for code, n in records.items()}, legend)


def shortlist_map(
    coverage: pd.DataFrame, title: str, shown: filters.Filters, colours: dict[str, str]
) -> dict[str, str]:
    """The shortlist's map (shortlist.extension_coverage): each country in its status's colour (`colours`: status ->
    colour, in the legend's order), a link to its profile as on the coverage map."""
    fills = {code: colours[status] for code, status in rows_of(coverage, "iso3", "status")}
    legend = "".join(
        f'<span class="sstc-map-key"><span class="sstc-map-dot" style="background:{colour}"></span>'
        f"<span>{svg(status)}</span></span>"
        for status, colour in colours.items()
    )
    return parts(coverage, title, shown, fills, legend)


def parts(coverage: pd.DataFrame, title: str, shown: filters.Filters, fills: dict, legend: str) -> dict[str, str]:
    """A map's own layers over `base`: each country of `coverage` in its colour of `fills`, drawn again above the
    land as a link to its profile (a small state as a dot too), the title (plain text) and the legend (markup made
    here, from escaped words)."""
    canvas, world, _ = _world()
    covered = {row[0]: hover_lines(*row[1:]) for row in rows_of(coverage, "iso3", *HOVER_COLUMNS)}
    codes = list(covered)
    as_shape, places = geo.layers(codes)
    shapes = [code for code, shape in zip(codes, as_shape, strict=True) if shape]
    drawn_as_shape = set(shapes)
    links = [_link(code, shown, covered[code], f'<path d="{world[code]}" fill="{fills[code]}"/>') for code in shapes]
    dots = []
    for code, place in zip(codes, places, strict=True):
        if place is not None and place[0] == place[0] and place[1] == place[1]:  # a marker, at a known position
            x, y = canvas.point(place[1], place[0])
            circle = (
                f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{MARKER_RADIUS}" fill="{fills[code]}" '
                f'stroke="{INK}" stroke-width="1"/>'
            )
            dots.append(_link(code, shown, covered[code], circle, twin=code in drawn_as_shape))
    if dots:  # said only where a dot is drawn
        legend += (
            '<span class="sstc-map-key"><span class="sstc-map-dot"></span><span>Dots: small states (same colours)'
            "</span></span>"
        )
    return {"title": title, "legend": legend, "covered": "".join(links), "dots": "".join(dots)}


def figure(layers: dict[str, str]) -> str:
    """A map whole, as the browser assembles it (`base` with a map's layers): one HTML figure."""
    _, markup = base()
    title = svg(layers["title"])
    drawn = (
        markup.replace('aria-label=""', f'aria-label="{title}"', 1)
        .replace('<g class="sstc-map-covered"></g>', f'<g class="sstc-map-covered">{layers["covered"]}</g>', 1)
        .replace('<g class="sstc-map-dots"></g>', f'<g class="sstc-map-dots">{layers["dots"]}</g>', 1)
    )
    return (
        f'<figure class="sstc-map"><figcaption class="sstc-map-title">{title}</figcaption>{drawn}'
        f'<div class="sstc-map-legend" style="color:{TEXT}">{layers["legend"]}</div></figure>'
    )
