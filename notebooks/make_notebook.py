"""Regenerate notebooks/haidian-2021.ipynb (without outputs) from the cells below."""

from pathlib import Path

import nbformat as nbf

cells = [
    ("md", """# Mapping the Haidian 2021 work report

This notebook walks through `geo` on the sample report: read it and look at its outline, inspect the
mentions per programme, map one programme and then the whole report, look at the names the gazetteer
cannot place yet, add one, and export GeoJSON and a PNG. It runs offline."""),
    ("code", """from pathlib import Path
import shutil
import tempfile

from IPython.display import Image

import geo

ROOT = Path.cwd() if (Path.cwd() / "places.csv").exists() else Path.cwd().parent
REPORT = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"
WORK = Path(tempfile.mkdtemp(prefix="geo-notebook-"))  # exports and the edited gazetteer go here"""),
    ("md", """## 1. The report and its outline

`read_report` decodes the file, drops the web page's navigation and comment box, and finds the
sections and the programmes (paragraphs opened by a title sentence). This excerpt starts inside
section (一), whose heading is missing, so its first programmes have an empty section."""),
    ("code", """report = geo.read_report(REPORT)
print(report.title, "|", report.encoding)
for p in report.programmes:
    print(f"{p.index + 1}. [{p.section or '(untitled section)'}] {p.title}")"""),
    ("md", """## 2. Mentions per programme

`link` matches every name and alias of the gazetteer (longest match wins) plus the forms reports use:
`东升科技园二期、三期`, `东西水磨`, `北区` inside the 中关村科学城 paragraph. `mentions_frame` gives one row
per mention."""),
    ("code", """result = geo.link(report, PLACES)
mentions = geo.mentions_frame(result)
mentions.groupby(["programme", "programme_title"])["name"].agg(lambda s: "、".join(dict.fromkeys(s)))"""),
    ("code", """mentions[mentions.programme == 3][["surface", "name", "method", "sentence"]]"""),
    ("md", """## 3. One programme on a map, then the whole report

`build_map` returns a `folium.Map`, which Jupyter displays inline. Leaflet is inlined into the page, so
the overlay shows even without internet; the tiles need a connection."""),
    ("code", """geo.build_map(result, programme=2)"""),
    ("code", """geo.build_map(result)"""),
    ("md", """## 4. Names the gazetteer cannot place yet

Two kinds: rows the gazetteer knows but has no honest coordinate for (their note says why), and
place-like names with no row at all."""),
    ("code", """for p in result.unplaced_places:
    print(f"{p.name}: {p.note}")
print("not in the gazetteer:", "、".join(dict.fromkeys(u.surface for u in result.unlinked)))"""),
    ("md", """### Adding a place

We add to a copy, so the shipped `places.csv` stays as it is. The coordinate must come from somewhere
citable: here we add 北宫门站, whose OpenStreetMap point the gazetteer already cites as the stand-in for
三山五园地区. `add_place` validates the row like `geo check` and appends it atomically."""),
    ("code", """gazetteer = geo.load_gazetteer(PLACES)
proxy = gazetteer.loc["sanshan-wuyuan"]
places_copy = WORK / "places.csv"
shutil.copy(PLACES, places_copy)
row = geo.add_place(places_copy, "北宫门站", at=f"{proxy.lat},{proxy.lon}", kind="station",
                    precision="exact", source=proxy.source.split(";")[0], admin="海淀区",
                    note="Subway station 北宫门 (4号线), the point of the 三山五园地区 proxy.")
row"""),
    ("md", """## 5. Export

The linked places as GeoJSON (for QGIS or a web map), and a static PNG for a briefing."""),
    ("code", """result.places.drop(columns=["aliases", "parts", "flags"]).assign(
    programmes=result.places["programmes"].map(lambda ps: "|".join(report.programmes[i].title for i in ps))
).to_file(WORK / "places.geojson", driver="GeoJSON")
png = geo.render_static(result, WORK / "overview", formats=("png",), date="2021-12-15")[0]
Image(filename=png, width=700)"""),
]

nb = nbf.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.cells = [nbf.v4.new_markdown_cell(src) if kind == "md" else nbf.v4.new_code_cell(src) for kind, src in cells]
for i, cell in enumerate(nb.cells):
    cell["id"] = f"cell-{i:02d}"  # stable ids: regenerating gives the same file
nbf.write(nb, Path(__file__).with_name("haidian-2021.ipynb"))
