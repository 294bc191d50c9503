"""Shared fixtures: the sample report and a small gazetteer written for tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "reports" / "haidian-2021-12-15.txt"
PLACES = ROOT / "places.csv"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_report():
    from geo.report import read_report

    return read_report(SAMPLE)


@pytest.fixture(scope="session")
def shipped_places():
    from geo.gazetteer import load_places

    return load_places(PLACES)


@pytest.fixture(scope="session")
def sample_result(sample_report, shipped_places):
    from geo.link import link

    return link(sample_report, shipped_places)
