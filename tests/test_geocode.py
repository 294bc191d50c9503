"""Geocoding against a stub server on 127.0.0.1: parsing, rate limit, retries, cache, BD-09."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from geo import coords
from geo.errors import InputError, NetworkError
from geo.geocode import HAIDIAN, GeocodeError, Geocoder, cache_dir, geocode, user_agent

NOMINATIM_HITS = [
    {
        "place_id": 1,
        "osm_type": "way",
        "osm_id": 123456,
        "lat": "40.0712",
        "lon": "116.1801",
        "display_name": "稻香湖再生水厂, 海淀区, 北京市, 中国",
        "class": "man_made",
        "type": "wastewater_plant",
    },
    {"place_id": 2, "lat": "39.9", "lon": "116.4", "display_name": "稻香湖路, 北京市, 中国"},
]
BAIDU_HIT = {
    "status": 0,
    "result": {
        "location": {"lng": 116.322661, "lat": 39.997178},
        "precise": 1,
        "confidence": 80,
        "comprehension": 100,
        "level": "门址",
    },
}


class FakeClock:
    """Time that moves only when slept, so rate-limit tests run instantly."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds


@dataclass
class Stub:
    port: int
    clock: FakeClock
    mode: str = "ok"  # ok | empty | slow | 429 | 429-once | baidu
    requests: list[dict] = field(default_factory=list)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def geocoder(self, provider: str = "nominatim", **kw) -> Geocoder:
        kw.setdefault("cache", self.cache)
        return Geocoder(provider, domain=self.domain, scheme="http", clock=self.clock.now, sleep=self.clock.sleep, **kw)


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            url = urlsplit(self.path)
            stub.requests.append(
                {
                    "path": url.path,
                    "query": parse_qs(url.query),
                    "t": stub.clock.t,
                    "ua": self.headers.get("User-Agent", ""),
                }
            )
            if stub.mode == "slow":
                time.sleep(1.0)
            if stub.mode == "429" or (stub.mode == "429-once" and len(stub.requests) == 1):
                self.send_response(429)
                self.send_header("Retry-After", "7")
                self.end_headers()
                return
            body = {"ok": NOMINATIM_HITS, "empty": [], "baidu": BAIDU_HIT, "429-once": NOMINATIM_HITS, "slow": []}[
                stub.mode
            ]
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:  # keep pytest output clean
            pass

    return Handler


@pytest.fixture
def stub(tmp_path: Path) -> Iterator[Stub]:
    s = Stub(port=0, clock=FakeClock())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    server.block_on_close = False
    s.port = server.server_address[1]
    s.cache = tmp_path / "cache"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


def test_candidates_parsed(stub):
    found = stub.geocoder().geocode("稻香湖再生水厂")
    assert len(found) == 2
    first = found[0]
    assert (first.lat, first.lon, first.provider, first.crs_source) == (40.0712, 116.1801, "nominatim", "wgs84")
    assert first.address.startswith("稻香湖再生水厂")
    assert first.distance_m == pytest.approx(coords.distance_m(*HAIDIAN, 40.0712, 116.1801))
    assert 15_000 < first.distance_m < 17_000
    # the OSM object is cited when the answer names one, else the provider
    assert first.source == "nominatim: 稻香湖再生水厂 (https://www.openstreetmap.org/way/123456)"
    assert found[1].source == f"nominatim: 稻香湖再生水厂 (http://{stub.domain})"


def test_request_is_biased_to_haidian_and_identifies_itself(stub):
    stub.geocoder().geocode("稻香湖", limit=3)
    (req,) = stub.requests
    q = req["query"]
    assert req["path"] == "/search" and q["q"] == ["稻香湖"]
    assert q["countrycodes"] == ["cn"] and q["bounded"] == ["1"] and q["limit"] == ["3"]
    x1, y1, x2, y2 = (float(v) for v in q["viewbox"][0].split(","))  # lon,lat of two corners
    assert min(x1, x2) < HAIDIAN[1] < max(x1, x2) and min(y1, y2) < HAIDIAN[0] < max(y1, y2)
    assert req["ua"].startswith("geo/")


def test_rate_limit_keeps_one_second_between_requests(stub):
    g = stub.geocoder(use_cache=False)
    start = time.monotonic()
    for q in ("甲", "乙", "丙", "丁"):
        g.geocode(q)
    times = [r["t"] for r in stub.requests]
    assert len(times) == 4
    assert all(b - a >= 1.0 for a, b in zip(times, times[1:], strict=False))
    assert time.monotonic() - start < 5  # the fake clock slept, not the test


def test_timeout_is_retried_a_bounded_number_of_times_then_a_clear_error(stub):
    stub.mode = "slow"
    g = stub.geocoder(timeout=0.2, max_retries=1)
    with pytest.raises(GeocodeError, match=r"no answer within 0.2 s for '稻香湖'") as e:
        g.geocode("稻香湖")
    assert "\n" not in str(e.value) and isinstance(e.value, NetworkError) and e.value.exit_code == 4
    # The client gives up after 0.2 s, perhaps before a loaded server's thread has logged the retry:
    # wait for it, then make sure no third request follows.
    deadline = time.monotonic() + 3
    while len(stub.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    assert len(stub.requests) == 2


def test_429_honours_retry_after_then_gives_up(stub):
    stub.mode = "429"
    with pytest.raises(GeocodeError, match="rate-limited"):
        stub.geocoder(max_retries=2).geocode("稻香湖")
    assert len(stub.requests) == 3  # one try and two retries, no more
    assert stub.clock.sleeps.count(7.0) == 2  # waited as long as Retry-After asked, each time


def test_429_once_then_success(stub):
    stub.mode = "429-once"
    found = stub.geocoder().geocode("稻香湖")
    assert len(found) == 2 and len(stub.requests) == 2
    assert 7.0 in stub.clock.sleeps


def test_empty_answer_is_empty_and_not_cached(stub):
    stub.mode = "empty"
    assert stub.geocoder().geocode("不存在的地方") == []
    assert stub.geocoder().geocode("不存在的地方") == []
    assert len(stub.requests) == 2


def test_cache_hit_sends_no_request(stub):
    first = stub.geocoder().geocode("稻香湖再生水厂")
    again = stub.geocoder().geocode("稻香湖再生水厂")  # a new Geocoder: only the disk cache is shared
    assert again == first and len(stub.requests) == 1
    assert list((stub.cache / "geocode").glob("*.json"))
    stub.geocoder().geocode("稻香湖再生水厂", limit=1)  # other params, other key
    assert len(stub.requests) == 2
    stub.geocoder(use_cache=False).geocode("稻香湖再生水厂")
    assert len(stub.requests) == 3


@pytest.mark.parametrize("provider, path", [("baidu", "/geocoder/v2/"), ("baiduv3", "/geocoding/v3/")])
def test_baidu_answers_are_converted_from_bd09(stub, provider, path, monkeypatch):
    stub.mode = "baidu"
    monkeypatch.setenv("GEO_BAIDU_KEY", "from-env")  # read when the Geocoder is made, not at import
    (hit,) = stub.geocoder(provider).geocode("清华大学")
    assert stub.requests[0]["path"] == path and stub.requests[0]["query"]["ak"] == ["from-env"]
    assert hit.crs_source == "bd09" and hit.address == "清华大学"
    assert (hit.lat, hit.lon) == pytest.approx(coords.bd09_to_wgs84(39.997178, 116.322661), abs=1e-12)
    assert coords.distance_m(hit.lat, hit.lon, 39.997178, 116.322661) > 500  # BD-09 is ~0.7 km off
    assert hit.source == f"{provider}: 清华大学 (http://{stub.domain})"


def test_baidu_needs_a_key(monkeypatch):
    monkeypatch.delenv("GEO_BAIDU_KEY", raising=False)
    with pytest.raises(InputError, match="GEO_BAIDU_KEY"):
        Geocoder("baidu")
    assert Geocoder("baidu", key="abc").provider == "baidu"


def test_unknown_provider():
    with pytest.raises(InputError, match="unknown geocoder 'google'"):
        Geocoder("google")


def test_no_network_is_a_one_line_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    clock = FakeClock()
    with pytest.raises(GeocodeError, match="cannot reach nominatim") as e:
        geocode(
            "稻香湖",
            domain=f"127.0.0.1:{port}",
            scheme="http",
            cache=tmp_path,
            max_retries=1,
            clock=clock.now,
            sleep=clock.sleep,
        )
    assert "\n" not in str(e.value)
    assert not list(tmp_path.rglob("*.json"))


def test_settings_are_read_at_call_time(monkeypatch, tmp_path):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("GEO_CACHE_DIR")
    assert cache_dir().name == "geo"
    monkeypatch.setenv("GEO_USER_AGENT", "geo-test/1 (+mailto:someone@example.org)")
    assert user_agent() == "geo-test/1 (+mailto:someone@example.org)"
    monkeypatch.delenv("GEO_USER_AGENT")
    assert user_agent().startswith("geo/")


@pytest.mark.parametrize("mode, provider", [("ok", "nominatim"), ("baidu", "baidu")])
def test_add_a_geocoded_place(stub, tmp_path, mode, provider):
    """The way `geo add --geocode` uses it: the answer converted once, its CRS and source kept."""
    from geo.add import add_place

    stub.mode = mode
    places = tmp_path / "places.csv"
    places.write_text(
        "id,name,name_en,kind,lat,lon,precision,crs_source,source,admin,aliases,scoped_aliases,parts,flags,note,wkt\n",
        encoding="utf-8",
    )
    best = stub.geocoder(provider, key="k").geocode("稻香湖再生水厂")[0]
    row = add_place(places, "稻香湖再生水厂", at=best.answer, crs=best.crs_source, source=best.source, kind="facility")
    assert row["source"] == best.source and row["crs_source"] == best.crs_source
    assert coords.distance_m(float(row["lat"]), float(row["lon"]), best.lat, best.lon) < 0.01
