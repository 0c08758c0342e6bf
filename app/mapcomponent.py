"""The quick map's Streamlit component: the server's SVG (sstc.view.svgmap) shown as it is, a click on a
country sent back as its ISO3 so the page can open its profile in the same session."""

from collections.abc import Callable

import pandas as pd
import streamlit as st

from app.widgets import twin

_MAP_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".sstc-map-root");
  if (root.drawn !== data.figure) {
    root.innerHTML = data.figure;
    root.drawn = data.figure;
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
    figure: str,
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None = None,
) -> str | None:
    """A map drawn by the server (sstc.view.svgmap) with the same text twin as a chart; returns the ISO3 of a country
    the planner clicked, if any."""
    result = _MAP(key=f"svg-{name}", data={"figure": figure}, on_country_change=lambda: None)
    twin(summary, data, name, what, columns)
    return result.country
