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
def scan(sources: tuple[str, ...], places: Path, as_json: bool, jsonl: bool, workers: int | None) -> None:
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

        doc = scan_dict(link(read_report(paths[0]), load_places(places)))
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
        for path, doc, err in scan_many(paths, str(places), workers=workers):
            bar.update(1)
            if err:
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


def _scan_line(path: str, doc: dict | None) -> str:
    assert doc is not None  # only called for successful scans
    n_mentions = sum(len(p["mentions"]) for p in doc["programmes"])
    names = list(dict.fromkeys(u["surface"] for u in doc["unlinked"]))
    lines = [f"{path}: {doc['title']} [{doc['encoding']}]: {len(doc['programmes'])} programmes, "
             f"{n_mentions} mentions, {len(names)} names not in the gazetteer"]
    for p in doc["programmes"]:
        places = "、".join(dict.fromkeys(m["name"] for m in p["mentions"])) or "-"
        section = f"{p['section']} / " if p["section"] else ""
        lines.append(f"  {p['index'] + 1}. {section}{p['title']}: {places}")
    if names:
        lines.append("  not in the gazetteer: " + "、".join(names))
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


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
