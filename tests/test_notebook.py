"""The analysts' notebook runs top to bottom, offline, so it can't rot."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "haidian-2021.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_notebook_runs_top_to_bottom():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
                   ).execute()
    outputs = {i: c.outputs for i, c in enumerate(nb.cells) if c.cell_type == "code"}
    text = "".join(o.get("text", "") for outs in outputs.values() for o in outs)
    assert "统筹推进中关村科学城建设" in text  # the outline cell printed the programmes
    html = "".join(str(o.get("data", {}).get("text/html", "")) for outs in outputs.values() for o in outs)
    assert "leaflet" in html.lower()  # the folium maps rendered inline
    assert any("image/png" in o.get("data", {}) for outs in outputs.values() for o in outs)
