"""The maps' Streamlit component: the server's SVG (sstc.view.svgmap) shown as it is, a click on a country sent
back as its ISO3 so the page can open its profile in the same session.

The world under every map (`svgmap.base`, ~90 kB) goes to the browser once a session and is kept there; each rerun
sends only the map's own layers (its countries' links and dots, title, legend), set into that world."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from app.widgets import twin
from sstc.data.i18n import _
from sstc.documents import images
from sstc.view import svgmap

# The key of the world this session's browser holds. Marked sent only once a run that drew a map has finished: a
# run stopped by a newer one (a quick second click) may never have reached the browser, and then neither did its
# world; the next map sends it again.
_WORLD_SENT, _WORLD_DRAWN = "_map_world_sent", "_map_world_drawn"


def run_finished() -> None:
    """Called when a run of the app has finished: the world a map of it sent is now in the browser."""
    if _WORLD_DRAWN in st.session_state:
        st.session_state[_WORLD_SENT] = st.session_state.pop(_WORLD_DRAWN)


_MAP_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".sstc-map-root");
  const worlds = (window.__sstcWorlds = window.__sstcWorlds || {});
  if (data.base) worlds[data.world] = data.base;
  if (root.world !== data.world) {
    if (!worlds[data.world]) {
      root.textContent = data.failed;
      return;
    }
    root.innerHTML = '<figure class="sstc-map"><figcaption class="sstc-map-title"></figcaption>'
      + worlds[data.world] + '<div class="sstc-map-legend"></div></figure>';
    root.world = data.world;
    root.layers = null;
  }
  const layers = data.map;
  const drawn = [layers.title, layers.legend, layers.covered, layers.dots].join("\u0000");
  if (root.layers !== drawn) {
    root.querySelector(".sstc-map-title").textContent = layers.title;
    root.querySelector("svg").setAttribute("aria-label", layers.title);
    root.querySelector(".sstc-map-covered").innerHTML = layers.covered;
    root.querySelector(".sstc-map-dots").innerHTML = layers.dots;
    root.querySelector(".sstc-map-legend").innerHTML = layers.legend;
    root.layers = drawn;
  }
  root.onclick = (event) => {
    const link = event.target.closest("a[data-iso3]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();  // open the profile in this session (a plain link would start a new one)
    setTriggerValue("country", link.dataset.iso3);
  };
}
"""
_MAP_CSS = """
.sstc-map { margin: 0; font-family: "Source Sans Pro", "Source Sans 3", sans-serif; }
.sstc-map-title { font-size: 17px; margin-bottom: 4px; }
.sstc-map svg { width: 100%; height: auto; display: block; }
.sstc-map a:focus { outline: none; }
.sstc-map a:focus path, .sstc-map a:focus circle, .sstc-map a:hover path, .sstc-map a:hover circle {
  stroke: #000000; stroke-width: 2;
}
.sstc-map-legend {
  display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-size: 14px; margin-top: 4px;
}
.sstc-map-scale { width: 160px; height: 12px; display: inline-block; }
.sstc-map-key { display: inline-flex; gap: 6px; align-items: center; }  /* the dot stays with its words */
.sstc-map-dot { width: 10px; height: 10px; border-radius: 50%; border: 1px solid #222222; display: inline-block; }
"""
_MAP = st.components.v2.component("sstc.map", html='<div class="sstc-map-root"></div>', css=_MAP_CSS, js=_MAP_JS)


def svg_map(
    layers: dict[str, str],
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None = None,
    keys: list[tuple[str, str]] | None = None,
) -> str | None:
    """A map drawn by the server (`layers`: sstc.view.svgmap's coverage_map or shortlist_map) with the same text twin
    as a chart; returns the ISO3 of a country the planner clicked, if any. The world under it is sent with the
    session's first map only (the browser keeps it by its key)."""
    world, markup = svgmap.base()
    first = st.session_state.get(_WORLD_SENT) != world
    sent = {
        "world": world,
        "base": markup if first else None,
        "map": layers,
        "failed": _("The map could not be drawn: reload the page."),  # the browser's words should the world be lost
    }
    result = _MAP(key=f"svg-{name}", data=sent, on_country_change=lambda: None)
    st.session_state[_WORLD_DRAWN] = world
    drawn = (lambda caption: _picture(layers, keys, caption)) if keys else None
    twin(summary, data, name, what, columns, picture=drawn)
    return result.country


def _picture(layers: dict[str, str], keys: list[tuple[str, str]], caption: str) -> images.Picture:
    """The map as a file: the server's own SVG, whole, with its legend drawn in SVG (`svgmap.image`)."""
    markup, width, height = svgmap.image(layers, keys, caption)
    return images.Picture(title=layers["title"], caption=caption, svg=markup, width=width, height=height)
