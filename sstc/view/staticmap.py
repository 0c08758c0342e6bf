"""The shortlist's coverage map (now / if extended) as a PNG, drawn with Pillow from the app's own geometry.

Why not plotly's static export: it needs kaleido driving a Chrome per export inside the server, and plotly.js
would fetch its map geometry from a CDN. Drawing the same topojson ourselves is offline, fast and deterministic;
projection (Natural Earth), colours and the markers for small states follow the interactive map.
"""

import io
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from sstc.data.i18n import N_, _, ngettext
from sstc.view import geo
from sstc.view.charts import SHORTLIST_COLORS

LAND, BORDER, OCEAN, INK = "#F4F4F4", "#BBBBBB", "#EAF2FA", "#222222"
SUPERSAMPLE = 2  # drawn at twice the size, then reduced: smooth coasts without an anti-aliasing renderer
DOTS = N_("Dots: small states (same colours)")  # the legend's words for the markers, on every map
LAT_RANGE = (-58.0, 84.0)  # Antarctica left out: no record names it, and it would take a fifth of the height


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth projection (Šavrič et al. 2011), the projection of the app's interactive map."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Bitstream Vera, shipped inside ReportLab: the same font on every machine."""
    import reportlab

    name = "VeraBd.ttf" if bold else "Vera.ttf"
    return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / name), size)


class Canvas:
    """Maps lon/lat to pixels of a width x height image (at `s` times its size: SUPERSAMPLE for a PNG, 1 for SVG)."""

    def __init__(self, width: int, top: int, s: int = SUPERSAMPLE) -> None:
        self.s = s
        x_max, _ = natural_earth(180, 0)
        _, y_top = natural_earth(0, LAT_RANGE[1])
        _, y_bottom = natural_earth(0, LAT_RANGE[0])
        self.scale = width * self.s / (2 * x_max)
        self.x0, self.y0, self.top = x_max, y_top, top * self.s
        self.height = round((y_top - y_bottom) * self.scale / self.s)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = natural_earth(lon, max(min(lat, 90.0), -90.0))
        return (x + self.x0) * self.scale, self.top + (self.y0 - y) * self.scale

    def ring(self, ring: geo.Ring) -> Iterable[list[tuple[float, float]]]:
        """A ring's pixels; one spanning the antimeridian (Fiji, Chukotka) is drawn whole on each side, and
        what falls outside the map's outline is masked off afterwards."""
        lons = [p[0] for p in ring]
        if max(lons) - min(lons) <= 180:
            yield [self.point(x, y) for x, y in ring]
            return
        yield [self.point(x + 360 if x < 0 else x, y) for x, y in ring]
        yield [self.point(x - 360 if x > 0 else x, y) for x, y in ring]

    def outline(self) -> list[tuple[float, float]]:
        """The map's edge: the meridians ±180 between the latitudes shown."""
        north, south = int(LAT_RANGE[1]), int(LAT_RANGE[0])
        edge = [self.point(180, lat) for lat in range(north, south - 1, -2)]
        return edge + [self.point(-180, lat) for lat in range(south, north + 1, 2)]


class _Part(NamedTuple):
    outer: bool  # else a hole (a lake, an enclave)
    pixels: list[tuple[float, float]]


@cache
def _projected(width: int) -> tuple[Canvas, dict[str, list[_Part]]]:
    """Every country's rings in pixels, projected once per image width."""
    canvas = Canvas(width, top=56)
    shapes = {
        code: [
            _Part(k == 0, pixels)
            for polygon in polygons
            for k, ring in enumerate(polygon)
            for pixels in canvas.ring(ring)
        ]
        for code, polygons in geo.polygons().items()
        if code != "ATA"
    }
    return canvas, shapes


def _fill(draw: ImageDraw.ImageDraw, parts: list[_Part], fill: str) -> None:
    for part in parts:
        if len(part.pixels) > 2:
            draw.polygon(part.pixels, fill=fill if part.outer else LAND)
            draw.line([*part.pixels, part.pixels[0]], fill=BORDER, width=SUPERSAMPLE)


@cache
def _base(width: int, legend_h: int) -> tuple[Image.Image, Image.Image]:
    """Ocean and every country in the neutral colour, and the mask of the map's outline: drawn once."""
    canvas, shapes = _projected(width)
    size = (width * SUPERSAMPLE, (canvas.top // SUPERSAMPLE + canvas.height + legend_h) * SUPERSAMPLE)
    image = Image.new("RGB", size, OCEAN)
    draw = ImageDraw.Draw(image)
    for parts in shapes.values():
        _fill(draw, parts, LAND)
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(canvas.outline(), fill=255)
    return image, mask


def coverage_png(coverage: pd.DataFrame, labels: tuple[str, str], title: str, width: int = 1400) -> bytes:
    """Countries in `coverage["status"]` labels[0] (blue) or labels[1] (orange); small states also as dots."""
    s, legend_h = SUPERSAMPLE, 56
    canvas, shapes = _projected(width)
    base, mask = _base(width, legend_h)
    image = base.copy()
    size = image.size
    draw = ImageDraw.Draw(image)
    colour = {labels[0]: SHORTLIST_COLORS[0], labels[1]: SHORTLIST_COLORS[1]}
    for code, status in zip(coverage["iso3"], coverage["status"], strict=True):
        _fill(draw, shapes.get(code, []), colour[status])
    image = Image.composite(image, Image.new("RGB", size, "white"), mask)
    draw = ImageDraw.Draw(image)
    markers = geo.map_layers(coverage)[1]
    r = 5 * s
    for row in markers.itertuples():
        if not (math.isnan(row.lat) or math.isnan(row.lon)):
            x, y = canvas.point(row.lon, row.lat)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour.get(row.status, LAND), outline=INK, width=s)
    draw.text((12 * s, 14 * s), title, fill=INK, font=font(22 * s, bold=True))
    counts = coverage["status"].value_counts()
    x, y = 12 * s, size[1] - (legend_h - 14) * s
    for label in labels:
        draw.rectangle((x, y, x + 22 * s, y + 22 * s), fill=colour[label], outline=INK, width=s)
        n = int(counts.get(label, 0))
        # TRANSLATORS: a map legend's entry: a status and its count of countries.
        text = ngettext("{label}: {count} countries", "{label}: {count} countries", n).format(label=_(label), count=n)
        draw.text((x + 30 * s, y), text, fill=INK, font=font(18 * s))
        x += 30 * s + int(draw.textlength(text, font=font(18 * s))) + 40 * s
    draw.text((x, y + 2 * s), _(DOTS), fill="#555555", font=font(15 * s))
    out = io.BytesIO()
    image.resize((size[0] // s, size[1] // s), Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


def pixel(lon: float, lat: float, width: int = 1400) -> tuple[int, int]:
    """Where a place lands on a `coverage_png` image of this width (to check a drawing against the data)."""
    x, y = _projected(width)[0].point(lon, lat)
    return round(x / SUPERSAMPLE), round(y / SUPERSAMPLE)
