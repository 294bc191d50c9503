"""Nothing lost: a full disk, a killed build and parallel builds leave complete output."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.build import build
from geo.cli import cli
from geo.errors import OutputError

from .conftest import PLACES, ROOT


def invoke(*args):
    return CliRunner().invoke(cli, list(map(str, args)), obj={})


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".building-" in p.name or ".old-" in p.name)


def test_full_disk_during_build_keeps_previous_maps(tmp_path, monkeypatch):
    out = tmp_path / "maps"
    assert invoke("build", "--out", out, "--no-images").exit_code == 0
    before = _snapshot(out)
    real = Path.write_text

    def write_text(self, *a, **k):
        if self.name == "places.geojson":
            _disk_full()
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "write_text", write_text)
    res = invoke("build", "--out", out, "--no-images")
    assert res.exit_code == 3
    assert res.output.count("\n") == 1 and "No space left on device" in res.output
    assert "previous maps are unchanged" in res.output
    assert _snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_full_disk_during_add_keeps_places_csv(tmp_path, monkeypatch):
    places = tmp_path / "places.csv"
    places.write_bytes(PLACES.read_bytes())
    monkeypatch.setattr("geo.gazetteer.os.fsync", _disk_full)
    res = invoke("add", "北宫门站", "--kind", "station", "--at", "40.001193,116.271367",
                 "--source", "https://www.openstreetmap.org/node/6497814374", "--places", places)
    assert res.exit_code == 3
    assert "No space left on device" in res.output and "unchanged" in res.output
    assert places.read_bytes() == PLACES.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def _build_cmd(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "geo.cli", "build", "--out", str(out), *extra]


def test_killed_build_leaves_previous_maps_and_is_tidied_next_time(tmp_path):
    out = tmp_path / "maps"
    subprocess.run(_build_cmd(out, "--no-images"), check=True, cwd=ROOT, capture_output=True, timeout=300)
    before = _snapshot(out)
    proc = subprocess.Popen(_build_cmd(out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it while it writes: wait until its temp folder has the first pages.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(
        (d / "index.html").exists() for d in tmp_path.glob(".maps.building-*")
    ):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _snapshot(out) == before
    assert _leftovers(tmp_path)  # the killed build's temp folder is still there …
    subprocess.run(_build_cmd(out, "--no-images"), check=True, cwd=ROOT, capture_output=True, timeout=300)
    assert _leftovers(tmp_path) == []  # … until the next build tidies it


def test_parallel_builds_into_one_folder(tmp_path):
    out = tmp_path / "maps"
    procs = [subprocess.Popen(_build_cmd(out, "--no-images"), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "places.geojson", "mentions.csv"} <= names
    assert len([n for n in names if n.startswith("0") and n.endswith(".html")]) == 9
    assert _leftovers(tmp_path) == []


def test_output_path_that_is_a_file(tmp_path):
    f = tmp_path / "maps"
    f.write_text("not a folder")
    res = invoke("build", "--out", f, "--no-images")
    assert res.exit_code == 2 and "is a file" in res.output  # click's usage error
    with pytest.raises(OutputError, match="is a file, not a folder"):
        build(out_dir=f, images=False)
    assert f.read_text() == "not a folder"
