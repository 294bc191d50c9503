"""The ``geo`` command: parse options, call the library, print, map errors to exit codes.

Heavy libraries (geopandas, folium, matplotlib) are imported inside the
commands that need them, so ``geo check`` and ``geo scan`` start fast.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

import click

from .errors import GeoError

DEFAULT_PLACES = Path(__file__).resolve().parent.parent / "places.csv"
places_option = click.option(
    "--places", "places", type=click.Path(dir_okay=True, path_type=Path), default=DEFAULT_PLACES,
    show_default="places.csv", help="The gazetteer CSV.",
)


class GeoGroup(click.Group):
    """Turns library errors into one line and an exit code; tracebacks only with --debug."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except GeoError as e:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(f"geo: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("geo: interrupted", err=True)
            ctx.exit(130)
        except OSError as e:  # disk full, permissions… outside our own checks
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"geo: error: {where}{e.strerror or e}; check free space and permissions", err=True)
            ctx.exit(3)


@click.group(cls=GeoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="geo")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn a Chinese government work report into layered maps of the places it names.

    \b
    Example:
      geo build                         # the sample report -> output/index.html
      geo scan reports/haidian-2021-12-15.txt --json
      geo check
    """
    ctx.ensure_object(dict)["debug"] = debug


@cli.command()
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@places_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: output/).")
@click.option("--embed", is_flag=True, help="Also write embed.html, sized for a slide or an iframe.")
@click.option("--no-images", is_flag=True, help="Skip the static PNG/SVG images (faster).")
@click.option("--date", default=None, help="Date printed on static images (default: today).")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
def build(reports: tuple[Path, ...], places: Path, out_dir: Path | None, embed: bool, no_images: bool,
          date: str | None, timings: bool) -> None:
    """Build the maps of one or more reports (default: the sample) into output/.

    \b
    Example:
      geo build
      geo build reports/haidian-2021-12-15.txt --out /tmp/maps --embed
    """
    from . import build as b

    summary = b.build(reports, places=places, out_dir=out_dir or b.DEFAULT_OUT, embed=embed,
                      images=not no_images, date=date)
    for line in summary.lines():
        click.echo(line)
    if timings:
        for stage, secs in summary.timings.items():
            click.echo(f"  {stage:<8} {secs * 1000:8.1f} ms")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@places_option
@click.option("--json", "as_json", is_flag=True, help="One JSON document (a single report).")
@click.option("--jsonl", is_flag=True, help="One JSON object per line, for folders and globs.")
@click.option("--workers", type=int, default=None, help="Processes for --jsonl (default: all cores).")
@click.option("--rules-only", is_flag=True,
              help="Find unplaced names by the suffix rules alone, without the tagger: faster, finds fewer.")
def scan(sources: tuple[str, ...], places: Path, as_json: bool, jsonl: bool, workers: int | None,
         rules_only: bool) -> None:
    """Find the outline, the mentions and the unplaced names of reports.

    SOURCES are report files (.txt/.html/.htm), folders, globs, or - for stdin.

    \b
    Example:
      geo scan reports/haidian-2021-12-15.txt --json
      geo scan 'corpus/**/*.txt' --jsonl > scans.jsonl
    """
    from .corpus import expand, scan_many

    paths = expand(sources)
    if len(paths) == 1 and len(sources) == 1 and paths[0] == sources[0]:
        # One named file: errors are the user's to fix, so raise them as such.
        from .build import scan_dict
        from .gazetteer import load_places
        from .link import link
        from .report import read_report

        doc = scan_dict(link(read_report(paths[0]), load_places(places), geometry=False, tagged=not rules_only))
        if jsonl:
            click.echo(json.dumps(doc, ensure_ascii=False))
        elif as_json:
            click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        else:
            click.echo(_scan_line(paths[0], doc))
        return
    failed = 0
    show = sys.stderr.isatty() and len(paths) > 1
    with click.progressbar(length=len(paths), label="scanning", file=sys.stderr) if show else _NoBar() as bar:
        for path, doc, err in scan_many(paths, str(places), workers=workers, tagged=not rules_only):
            bar.update(1)
            if doc is None:
                failed += 1
                click.echo(f"geo: skipped {err}", err=True)
            elif jsonl or as_json:
                click.echo(json.dumps(doc, ensure_ascii=False))
            else:
                click.echo(_scan_line(path, doc))
    if failed:
        click.echo(f"geo: {failed} of {len(paths)} reports failed", err=True)
        sys.exit(1)


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        pass


def _scan_line(path: str, doc: dict) -> str:
    n_mentions = sum(len(p["mentions"]) for p in doc["programmes"])
    names = list(dict.fromkeys(u["surface"] for u in doc["unlinked"]))
    lines = [f"{path}: {doc['title']} [{doc['encoding']}]: {len(doc['programmes'])} programmes, "
             f"{n_mentions} mentions, {len(names)} names not in the gazetteer"]
    for p in doc["programmes"]:
        places = "、".join(dict.fromkeys(m["name"] for m in p["mentions"])) or "-"
        section = f"{p['section']} / " if p["section"] else ""
        lines.append(f"  {p['index'] + 1}. {section}{p['title']}: {places}")
    from .build import by_likelihood

    likely, possible = by_likelihood((u["surface"], u["likely"]) for u in doc["unlinked"])
    if likely:
        lines.append("  not in the gazetteer: " + "、".join(likely))
    if possible:
        lines.append("  possibly names, the tagger doubts them: " + "、".join(possible))
    return "\n".join(lines)


@cli.command()
@places_option
def check(places: Path) -> None:
    """Validate places.csv; print each problem as FILE:LINE: message, exit 1 if any.

    \b
    Example:
      geo check
      geo check --places my-places.csv
    """
    from .gazetteer import check as check_file

    pf, problems = check_file(places)
    for p in problems:
        click.echo(str(p))
    n = len(pf.places)
    if problems:
        click.echo(f"{pf.path}: {len(problems)} problem(s) in {n} rows (read as {pf.encoding})", err=True)
        sys.exit(1)
    click.echo(f"{pf.path}: {n} rows OK (read as {pf.encoding})")


GEOCODERS = ("nominatim", "arcgis", "baidu", "baiduv3")


def _geocode_pick(provider: str, query: str, *, key: str | None, timeout: float, pick: int | None,
                  yes: bool, domain: str | None = None, scheme: str | None = None):
    """Show the candidates; take --pick N, the first with --yes, or ask."""
    from .errors import InputError
    from .geocode import Geocoder

    found = Geocoder(provider, key=key, timeout=timeout, domain=domain, scheme=scheme).geocode(query)
    if not found:
        raise InputError(f"{provider}: no match for {query!r}; try another --query, or give --at by hand")
    for i, c in enumerate(found, 1):
        click.echo(f"  {i}. {c.address}  {c.lat:.6f},{c.lon:.6f}  {c.distance_m / 1000:.1f} km from Haidian", err=True)
    if pick is None:
        pick = 1 if yes else click.prompt("take which candidate", type=click.IntRange(1, len(found)), default=1,
                                          err=True)
    if pick > len(found):
        raise InputError(f"--pick {pick}: {provider} found only {len(found)} candidate(s) for {query!r}")
    return found[pick - 1]


@cli.command("add")
@click.argument("name", required=False)
@places_option
@click.option("--at", "at", metavar="COORDS",
              help="The point as copied: 39.99,116.27, or lon-first 116.31,39.99 from the Amap/Baidu picker.")
@click.option("--crs", type=click.Choice(("wgs84", "gcj02", "bd09")), default=None,
              help="System of --at/--wkt: gcj02 (Amap, Tencent), bd09 (Baidu). Default: as labelled, else wgs84.")
@click.option("--geocode", "provider", type=click.Choice(GEOCODERS), default=None, is_flag=False,
              flag_value="nominatim", help="Look NAME (or --query) up with this geocoder (default nominatim).")
@click.option("--query", default=None, help="What to look up with --geocode (default: NAME).")
@click.option("--pick", type=click.IntRange(1), default=None, help="Which --geocode candidate to take.")
@click.option("--yes", "-y", is_flag=True, help="Take the first --geocode candidate without asking.")
@click.option("--key", default=None, help="API key for --geocode baidu/arcgis (or set GEO_BAIDU_KEY).")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds to wait for the geocoder.")
@click.option("--domain", default=None, help="Geocoder host[:port], e.g. an intranet Nominatim.")
@click.option("--scheme", type=click.Choice(["https", "http"]), default=None, help="Scheme for --domain.")
@click.option("--kind", default=None, help="Default: guessed from the suffix (村, 路…). See README for the list.")
@click.option("--source", default="", help="Where the coordinate came from (URL or citation). Required with --at.")
@click.option("--precision", type=click.Choice(("exact", "approximate", "centroid", "proxy", "unplaced")),
              default="approximate", show_default=True)
@click.option("--alias", "aliases", multiple=True, help="Another name for the place (repeatable).")
@click.option("--wkt", default=None, help="A LINESTRING/POLYGON in lon lat order (in --crs).")
@click.option("--id", "place_id", default=None, help="Default: a pinyin slug of NAME.")
@click.option("--admin", default=None, help="The district it lies in, e.g. 海淀区.")
@click.option("--name-en", default=None)
@click.option("--note", default="")
@click.option("--force", is_flag=True, help="Add even if NAME or an alias is already in the gazetteer.")
@click.option("--dry-run", is_flag=True, help="Show the row; write nothing.")
@click.option("--from-scan", "from_scan", type=click.Path(path_type=Path), default=None,
              help="Walk through REPORT's names that the gazetteer lacks, one prompt each.")
@click.option("--todo", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --from-scan: write those names to a CSV to fill in, then `geo import` it.")
def add(name: str | None, places: Path, at: str | None, crs: str | None, provider: str | None, query: str | None,
        pick: int | None, yes: bool, key: str | None, timeout: float, domain: str | None, scheme: str | None,
        kind: str | None, source: str,
        precision: str, aliases: tuple[str, ...], wkt: str | None, place_id: str | None, admin: str | None,
        name_en: str | None, note: str, force: bool, dry_run: bool, from_scan: Path | None,
        todo: Path | None) -> None:
    """Add a place to places.csv (one appended line; the row is checked like `geo check`).

    \b
    Example:
      geo add 北宫门站 --kind station --at 40.001193,116.271367 --source https://www.openstreetmap.org/node/6497814374
      geo add 北宫门站 --kind station --at 116.277414,40.002421 --crs gcj02 --source "Amap picker"
      geo add 稻香湖再生水厂 --geocode nominatim --kind facility --pick 1
      geo add --from-scan reports/haidian-2021-12-15.txt --todo todo.csv
    """
    from .add import add_place, build_row, parse_coords
    from .gazetteer import read_places

    if from_scan is not None:
        _add_from_scan(from_scan, places, todo=todo, provider=provider, key=key, timeout=timeout, domain=domain,
                       scheme=scheme)
        return
    if not name:
        raise click.UsageError("give NAME, or --from-scan REPORT")
    if provider and at:
        raise click.UsageError("give --at or --geocode, not both")
    at_value: object = None
    if provider:
        best = _geocode_pick(provider, query or name, key=key, timeout=timeout, pick=pick, yes=yes, domain=domain,
                             scheme=scheme)
        # The answer as given, in the provider's CRS: add_place converts once and records it.
        at_value, crs, source = best.answer, best.crs_source, source or best.source
    elif at:
        at_value = parse_coords(at)
        if at_value.note:
            click.echo(f"geo: {at_value.note}", err=True)
    options = dict(at=at_value, crs=crs, kind=kind, aliases=aliases, source=source, precision=precision, wkt=wkt,
                   force=force, id=place_id, admin=admin, name_en=name_en, note=note)
    if dry_run:
        row = build_row(read_places(places), name, **options)
        click.echo(",".join(row.values()))
        return
    row = add_place(places, name, **options)
    click.echo(f"{places}: {row['id']} at {row['lat']},{row['lon']} (WGS-84; from {row['crs_source']}), "
               f"precision {row['precision']}")


def _add_from_scan(report: Path, places: Path, *, todo: Path | None, provider: str | None, key: str | None,
                   timeout: float, domain: str | None, scheme: str | None) -> None:
    from .add import add_place, guess_kind, parse_coords, write_todo
    from .api import link
    from .errors import GeoError

    result = link(report, places)
    if todo is not None:
        n = write_todo(todo, result.unlinked)
        click.echo(f"{todo}: {n} names to place; fill lat/lon (or paste a pair into lat), crs, source, "
                   f"then `geo import {todo}`")
        return
    from .build import by_likelihood

    sentences: dict[str, str] = {}
    for u in result.unlinked:
        sentences.setdefault(u.surface, u.sentence)
    # The likely names first; the possible ones (most false names) after, said to be doubted.
    likely, possible = by_likelihood((u.surface, u.likely) for u in result.unlinked)
    names = [(n, "") for n in likely] + [(n, " (possibly not a name: the tagger doubts it)") for n in possible]
    added = 0
    for i, (name, doubt) in enumerate(names, 1):
        click.echo(f"\n[{i}/{len(names)}] {name}{doubt}\n  {sentences[name]}")
        answer = click.prompt("  coordinates LAT,LON (g = geocode, s = skip, q = quit)", default="s",
                              show_default=False).strip()
        if answer.lower() == "q":
            break
        if answer.lower() in ("s", ""):
            continue
        try:
            if answer.lower() == "g":
                best = _geocode_pick(provider or "nominatim", name, key=key, timeout=timeout, pick=None, yes=False,
                                     domain=domain, scheme=scheme)
                at, crs, source = best.answer, best.crs_source, best.source
            else:
                at, crs = parse_coords(answer), None
                source = click.prompt("  source (URL or citation)")
            kind = click.prompt("  kind", default=guess_kind(name) or "area")
            row = add_place(places, name, at=at, crs=crs, kind=kind, source=source)
            added += 1
            click.echo(f"  added {row['id']} at {row['lat']},{row['lon']}")
        except GeoError as e:
            click.echo(f"  geo: error: {e}; skipped", err=True)
    click.echo(f"{places}: added {added} place(s)")


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@places_option
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
def import_(file: Path, places: Path, dry_run: bool) -> None:
    """Bring places from a filled-in todo CSV, GeoJSON, KML, GeoPackage or CSV into places.csv.

    Rows match existing places by id, else by name: changed ones are updated,
    the rest added. Any invalid row stops the import before anything is written.

    \b
    Example:
      geo import todo.csv
      geo import survey.geojson --dry-run
    """
    from .add import import_file

    report = import_file(file, places, dry_run=dry_run)
    for where, why in report.skipped:
        click.echo(f"{where}: skipped: {why}", err=True)
    verb = "would add" if dry_run else "added"
    click.echo(f"{places}: {verb} {len(report.added)}, updated {len(report.updated)}, "
               f"skipped {len(report.skipped)}")


@cli.command("export")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: output/places.FORMAT).")
@places_option
@click.option("--format", "fmt", type=click.Choice(["geojson", "gpkg", "kml", "csv"]), default=None,
              help="Default: from --out's suffix, else geojson.")
def export_(out: Path | None, places: Path, fmt: str | None) -> None:
    """Export places.csv as GeoJSON, GeoPackage, KML or CSV (every column kept).

    \b
    Example:
      geo export --format kml --out share.kml
      geo export --out places.gpkg
    """
    from .exchange import export, format_of

    if out is None:
        fmt = fmt or "geojson"
        out = DEFAULT_PLACES.parent / "output" / f"places.{fmt}"
    n = export(places, fmt or format_of(out), out)
    click.echo(f"{out}: {n} places")


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
