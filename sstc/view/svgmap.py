"""The Country coverage map as SVG, drawn by the server: on screen with the page, without plotly.js.

Why: on a fresh visit plotly.js (4.7 MB) took ~1.3 s of the 2.3-2.5 s to a drawn map only to be evaluated and
mounted (issue 12 asks for 2 s). The same 110m world, Natural Earth projection, colour scale and small-state
markers as the zoomable plotly map, as one SVG of ~125 kB. Each covered country is a real link to its profile
(keyboard, middle-click and a copied address work) whose tooltip is the plotly hover's text; the zoomable map is
the page's other view.
"""

import hashlib
import re
from functools import cache
from urllib.parse import urlencode

import pandas as pd

from sstc.analysis import filters
from sstc.data import i18n
from sstc.data.i18n import _
from sstc.data.tables import rows_of
from sstc.view import geo
from sstc.view.charts import HOVER_COLUMNS, LAND, SEQUENTIAL, TEXT, hover_lines
from sstc.view.safe import svg
from sstc.view.staticmap import DOTS, Canvas

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
    language = {} if i18n.language() == i18n.ENGLISH else {"lang": i18n.language()}  # opened in a new tab too
    query = urlencode({"iso3": code, **filters.to_params(shown), **language}, doseq=True)  # Streamlit's repeated keys
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
    lowest = _("Records: 1")  # the scale's lowest value, after its name
    legend = (
        f"<span>{svg(lowest)}</span>"
        f'<span class="sstc-map-scale" style="background:linear-gradient(to right,'
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
        f"<span>{svg(_(status))}</span></span>"
        for status, colour in colours.items()
    )
    return parts(coverage, title, shown, fills, legend)


def parts(coverage: pd.DataFrame, title: str, shown: filters.Filters, fills: dict, legend: str) -> dict[str, str]:
    """A map's own layers over `base`: each country of `coverage` in its colour of `fills`, drawn again above the
    land as a link to its profile (a small state as a dot too), the title (plain text) and the legend (markup made
    here, from escaped words)."""
    canvas, world, _edge = _world()
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
        legend += f'<span class="sstc-map-key"><span class="sstc-map-dot"></span><span>{svg(_(DOTS))}</span></span>'

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


TITLE_H, LEGEND_H = 64, 44  # an image's title and caption above the map, its legend under it


def _unlinked(markup: str) -> str:
    """A map's layers without their links (a file has no profile to open); each country keeps its tooltip."""
    return re.sub(r"<a [^>]*>", "<g>", markup).replace("</a>", "</g>")


def image(layers: dict[str, str], keys: list[tuple[str, str]], caption: str) -> tuple[str, int, int]:
    """A map as one standalone SVG file, as (markup, width, height): its title and `caption` (the data it shows)
    above, the map, and a legend under it drawn in SVG (`keys`: (words, colour) in the on-screen legend's order; a
    colour "a..b" draws the colour scale from a to b). The on-screen legend is HTML, which an image cannot hold."""
    canvas = _world()[0]
    width, height = WIDTH + 2 * PAD, canvas.height + 2 * PAD
    markup = base()[1]
    drawn = (
        markup.replace('role="group" aria-label=""', f'x="0" y="{TITLE_H}" width="{width}" height="{height}"', 1)
        .replace('<g class="sstc-map-covered"></g>', f"<g>{_unlinked(layers['covered'])}</g>", 1)
        .replace('<g class="sstc-map-dots"></g>', f"<g>{_unlinked(layers['dots'])}</g>", 1)
    )
    y, x, legend = TITLE_H + height + 26, 10, []
    if layers["dots"]:
        keys = [*keys, (_(DOTS), "#FFFFFF")]
    for words, colour in keys:
        if ".." in colour:
            low, high = colour.split("..")
            legend.append(
                f'<defs><linearGradient id="scale"><stop offset="0" stop-color="{low}"/>'
                f'<stop offset="1" stop-color="{high}"/></linearGradient></defs>'
                f'<rect x="{x}" y="{y - 12}" width="160" height="14" fill="url(#scale)"/>'
            )
            x += 168
        else:
            legend.append(f'<circle cx="{x + 6}" cy="{y - 5}" r="6" fill="{colour}" stroke="{INK}"/>')
            x += 18
        legend.append(f'<text x="{x}" y="{y}">{svg(words)}</text>')
        x += 9 * len(words) + 24
    total = TITLE_H + height + LEGEND_H
    document = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}" '
        f"font-family=\"'Source Sans Pro', 'Source Sans 3', Arial, sans-serif\" fill=\"{TEXT}\">"
        f'<rect width="{width}" height="{total}" fill="#FFFFFF"/>'
        f'<text x="10" y="26" font-size="20">{svg(layers["title"])}</text>'
        f'<text x="10" y="50" font-size="12" fill="#444444">{svg(caption)}</text>'
        f'{drawn}<g font-size="14">{"".join(legend)}</g></svg>'
    )
    return document, width, total


def coverage_keys(coverage: pd.DataFrame) -> list[tuple[str, str]]:
    """The coverage map's legend for its image (`image`): the colour scale, as the page's legend draws it."""
    high = max(max((int(n) for n in coverage["records"]), default=1), 2)
    return [(_("Records: 1 to {high}").format(high=high), f"{shade(1, high)}..{shade(high, high)}")]


def status_keys(colours: dict[str, str]) -> list[tuple[str, str]]:
    """A status map's legend for its image: each status (a key) in words and its colour, in the page legend's order."""
    return [(_(status), colour) for status, colour in colours.items()]
