"""The CLI end to end: build outputs, scan JSON, one-line errors and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from geo.cli import cli

from .conftest import DATA, PLACES, SAMPLE


def invoke(*args, input=None):
    return CliRunner().invoke(cli, list(map(str, args)), obj={}, input=input)


def test_scan_json_schema_and_offsets():
    res = invoke("scan", SAMPLE, "--json")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    text = doc["text"]
    assert doc["title"] == "(北京市)北京市海淀区人民政府工作报告(2021年12月15日)"
    assert len(doc["programmes"]) == 9
    for p in doc["programmes"]:
        assert {"section", "title", "start", "end", "mentions"} <= set(p)
        assert text[p["start"]:p["end"]].startswith(p["title"])
        for m in p["mentions"]:
            assert {"surface", "place_id", "name", "start", "end", "method"} <= set(m)
            assert text[m["start"]:m["end"]] == m["surface"]
            assert p["start"] <= m["start"] < m["end"] <= p["end"]
    for u in doc["unlinked"]:
        assert text[u["start"]:u["end"]] == u["surface"]
    assert doc["programmes"][4]["section"] == "突出规划引领,构建新型城市形态"
    assert doc["programmes"][0]["section"] == ""


def test_scan_lists_the_names_the_tagger_doubts_apart(tmp_path):
    # Real text of dev texts (changping-2017-tp, baodi-2016-yl): 宝坻区 is a name; the tagger doubts the
    # slogan 一泉三庙 and reads 通公交村 as no name at all.
    report = tmp_path / "baodi.txt"
    report.write_text(
        "复建古戏楼,再现当年的“一泉三庙一楼”景观。\n"
        "全区所有行政村实现通公交,通公交村比例达到100%。宝坻区投入三亿元改造乡村公路。\n",
        encoding="utf-8",
    )
    lines = invoke("scan", report).output.splitlines()
    assert "2 names not in the gazetteer" in lines[0]
    assert lines[-2:] == ["  not in the gazetteer: 宝坻区", "  possibly names, the tagger doubts them: 一泉三庙"]
    doc = json.loads(invoke("scan", report, "--json").output)
    assert [(u["surface"], u["likely"]) for u in doc["unlinked"]] == [("一泉三庙", False), ("宝坻区", True)]
    assert doc["unlinked"][0]["confidence"] < 0.25  # far under LIKELY (0.5); the figure moves with each training
    # The rules alone cannot tell: every name is listed as not in the gazetteer, the false ones too.
    lines = invoke("scan", report, "--rules-only").output.splitlines()
    assert lines[-1] == "  not in the gazetteer: 一泉三庙、通公交村、宝坻区"
    doc = json.loads(invoke("scan", report, "--json", "--rules-only").output)
    assert {(u["likely"], u["confidence"]) for u in doc["unlinked"]} == {(None, None)}


def test_scan_reads_stdin():
    res = invoke("scan", "-", "--json", input=SAMPLE.read_bytes())
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)["programmes"]) == 9


def test_build_writes_every_output(tmp_path):
    out = tmp_path / "maps"
    res = invoke("build", "--out", out, "--no-images")
    assert res.exit_code == 0, res.output
    pages = sorted(p.name for p in out.glob("0*.html"))
    assert len(pages) == 9 and all(p.isascii() for p in pages)
    assert (out / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in pages:
        assert page in index  # linked from the index page
    gj = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    assert gj["features"] and all(f["properties"]["programmes"] for f in gj["features"])
    rows = list(csv.DictReader((out / "mentions.csv").open(encoding="utf-8")))
    assert {"programme", "surface", "place_id", "start", "end", "sentence"} <= set(rows[0])
    text = json.loads(invoke("scan", SAMPLE, "--json").output)["text"]
    for r in rows:
        assert text[int(r["start"]):int(r["end"])] == r["surface"]
    assert "9 programmes" in res.output and "places linked" in res.output


def test_failed_build_keeps_previous_maps(tmp_path):
    out = tmp_path / "maps"
    assert invoke("build", "--out", out, "--no-images").exit_code == 0
    before = (out / "index.html").read_bytes()
    res = invoke("build", "--out", out, "--no-images", "--places", DATA / "gazetteer" / "lat_not_number.csv")
    assert res.exit_code == 2
    assert (out / "index.html").read_bytes() == before


@pytest.mark.parametrize(("args", "code", "words"), [
    (["scan", "no-such-report.txt"], 2, "no-such-report.txt: no such file"),
    (["scan", "tests"], 0, None),  # a folder is scanned as a corpus
    (["check", "--places", "no-such.csv"], 2, "no-such.csv: no such file"),
    (["check", "--places", "tests"], 2, "is a directory"),
    (["check", "--places", str(DATA / "gazetteer" / "swapped.csv")], 1, "look swapped"),
    (["build", "--places", str(DATA / "gazetteer" / "lat_not_number.csv"), "--no-images"], 2, "lat_not_number.csv:3:"),
])
def test_errors_are_one_line_without_traceback(args, code, words, tmp_path):
    if args[0] == "build":
        args = [*args, "--out", str(tmp_path / "o")]
    proc = subprocess.run([sys.executable, "-m", "geo.cli", *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    if words:
        err_lines = [ln for ln in (proc.stderr + proc.stdout).splitlines() if words in ln]
        assert err_lines, proc.stderr


def test_binary_and_undecodable_reports(tmp_path):
    binary = tmp_path / "r.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    res = invoke("scan", binary, "--json")
    assert res.exit_code == 2 and "binary" in res.output
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(0x80, 0x100)) * 4)
    res = invoke("scan", bad, "--json")
    assert res.exit_code == 2 and "re-save" in res.output


def test_unwritable_output_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = invoke("build", "--out", blocker / "sub", "--no-images")
    assert res.exit_code == 3
    assert "--out" in res.output or "cannot write" in res.output


def test_debug_shows_traceback():
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "--debug", "scan", "nope.txt"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" in proc.stderr


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    res = invoke(command, "--help")
    assert res.exit_code == 0
    assert "Example" in res.output


def test_check_shipped_gazetteer():
    res = invoke("check", "--places", PLACES)
    assert res.exit_code == 0, res.output
    assert "rows OK" in res.output


def test_scan_corpus_jsonl(tmp_path):
    for i in range(5):
        (tmp_path / f"r{i}.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\x00\x00binary")
    proc = subprocess.run([sys.executable, "-m", "geo.cli", "scan", str(tmp_path), "--jsonl", "--workers", "2"],
                          capture_output=True, text=True, timeout=300)
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(docs) == 5 and all(len(d["programmes"]) == 9 for d in docs)
    assert "broken.txt" in proc.stderr and proc.returncode == 1


def test_build_several_reports_into_subfolders_with_an_index(tmp_path):
    big5 = DATA / "reports" / "haidian.big5.txt"
    out = tmp_path / "maps"
    res = invoke("build", SAMPLE, big5, "--out", out, "--no-images")
    assert res.exit_code == 0, res.output
    assert (out / "haidian-2021-12-15" / "index.html").is_file()
    assert (out / "haidian.big5" / "index.html").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="haidian-2021-12-15/index.html"' in index and 'href="haidian.big5/index.html"' in index
    # The Big5 copy is the same report in traditional characters: the same places link.
    a = json.loads((out / "haidian-2021-12-15" / "places.geojson").read_text(encoding="utf-8"))
    b = json.loads((out / "haidian.big5" / "places.geojson").read_text(encoding="utf-8"))
    assert [f["id"] for f in a["features"]] == [f["id"] for f in b["features"]]
