"""geo: turn a Chinese government work report into layered maps of the places it names.

The public API, for notebooks and scripts (the ``geo`` CLI is built on it)::

    import geo
    report = geo.read_report("reports/haidian-2021-12-15.txt")   # Report: text + outline
    places = geo.load_gazetteer("places.csv")                    # GeoDataFrame indexed by id
    result = geo.link(report, "places.csv")                      # LinkResult
    geo.mentions_frame(result)                                    # one row per mention
    m = geo.build_map(result)                                     # folium.Map, displays inline
    geo.add_place("places.csv", "稻香湖再生水厂", at="40.0741,116.1863", source="…")

Names resolve lazily, so ``import geo`` stays light: geopandas and folium load
only when a function that needs them is called.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_report": "geo.report",
    "load_gazetteer": "geo.gazetteer",
    "load_places": "geo.gazetteer",
    "check_gazetteer": ("geo.gazetteer", "check"),
    "link": "geo.api",
    "mentions_frame": "geo.api",
    "build_map": "geo.maps",
    "write_site": "geo.maps",
    "render_static": "geo.static",
    "build": "geo.build",
    "add_place": "geo.add",
    "export_places": ("geo.exchange", "export"),
    "Report": "geo.model",
    "Programme": "geo.model",
    "Section": "geo.model",
    "Mention": "geo.model",
    "Unlinked": "geo.model",
    "Place": "geo.gazetteer",
    "LinkResult": "geo.link",
    "GeoError": "geo.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    return getattr(importlib.import_module(module), attr)


def __dir__() -> list[str]:
    return __all__
