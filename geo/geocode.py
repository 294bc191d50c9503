"""Place names -> candidate WGS-84 points, through geopy, cached and rate-limited.

One ``Geocoder`` per provider holds the geopy backend, its RateLimiter (the
same one for every query of a batch, so Nominatim sees at most one request a
second) and the disk cache. Only non-empty answers are cached; the same query
again sends no request. Settings come from arguments first, then the
environment, read when a Geocoder is made, never at import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import coords
from .errors import InputError, NetworkError

# Haidian district: the centre the distances are measured from, and a viewbox
# (west, south, east, north) of the district plus a few km, for Nominatim.
HAIDIAN = (39.96, 116.30)
HAIDIAN_VIEWBOX = (115.95, 39.85, 116.50, 40.25)

PROVIDERS: dict[str, dict[str, object]] = {
    # min_delay: the provider's published rate limit (Nominatim: 1 request/s).
    "nominatim": {"min_delay": 1.0, "crs": "wgs84", "key_env": None, "url": "https://nominatim.openstreetmap.org"},
    "arcgis": {"min_delay": 0.2, "crs": "wgs84", "key_env": None, "url": "https://geocode.arcgis.com"},
    # Baidu answers in BD-09 unless asked otherwise; geopy doesn't ask.
    "baidu": {"min_delay": 0.2, "crs": "bd09", "key_env": "GEO_BAIDU_KEY", "url": "https://api.map.baidu.com"},
    "baiduv3": {"min_delay": 0.2, "crs": "bd09", "key_env": "GEO_BAIDU_KEY", "url": "https://api.map.baidu.com"},
}
DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 2
MAX_RETRY_AFTER = 60.0  # never sleep longer than this on a 429, whatever the server asks

log = logging.getLogger(__name__)
_NULL = logging.NullHandler()


class GeocodeError(NetworkError):
    """The provider could not be asked or did not answer; nothing was written."""


@dataclass(frozen=True)
class Candidate:
    """One answer: its WGS-84 point, and where it came from (for the source column)."""

    address: str
    lat: float
    lon: float
    provider: str
    query: str
    distance_m: float  # from Haidian's centre
    source: str
    crs_source: str  # the system the provider answered in
    answer: tuple[float, float]  # (lat, lon) as answered, in crs_source: pass both to add_place
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)


def cache_dir() -> Path:
    """``$GEO_CACHE_DIR``, else the platform's user cache folder + ``geo``."""
    env = os.environ.get("GEO_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geo"))


def user_agent() -> str:
    """``$GEO_USER_AGENT``, else ``geo/<version> (+<project url>)`` as Nominatim's policy asks."""
    env = os.environ.get("GEO_USER_AGENT")
    if env:
        return env
    from importlib import metadata

    try:
        meta = metadata.metadata("geo")
        version = meta["Version"]
        urls = [u.split(",", 1)[-1].strip() for u in meta.get_all("Project-URL") or []]
        url = next(iter(urls), None) or meta.get("Home-page")
    except metadata.PackageNotFoundError:
        version, url = "dev", None
    return f"geo/{version} (+{url})" if url else f"geo/{version}"


def _limiter(
    func: Callable,
    *,
    min_delay: float,
    max_retries: int,
    error_wait: float,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
):
    from geopy.exc import GeocoderRateLimited, GeocoderServiceError
    from geopy.extra.rate_limiter import RateLimiter

    # geopy logs every retry as a WARNING with a traceback, which Python prints
    # when the app set up no logging; a handler here keeps that out of the
    # terminal and still lets an app that configures logging see it.
    logging.getLogger("geopy").addHandler(_NULL)

    class _Limiter(RateLimiter):
        # geopy's RateLimiter, with its clock and sleep injected (tests run
        # instantly) and a 429's Retry-After honoured (capped) between retries.
        retry_after: float | None = None

        def _clock(self) -> float:
            return clock()

        def _sleep(self, seconds: float) -> None:
            sleep(seconds)

        @property
        def error_wait_seconds(self) -> float:  # type: ignore[override]
            wait, self.retry_after = self.retry_after, None
            return min(wait, MAX_RETRY_AFTER) if wait is not None else self._error_wait

        @error_wait_seconds.setter
        def error_wait_seconds(self, value: float) -> None:
            self._error_wait = value

    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GeocoderRateLimited as e:
            limiter.retry_after = float(e.retry_after) if e.retry_after is not None else None
            log.info("%r: rate-limited (HTTP 429), Retry-After %s", args[0] if args else "", e.retry_after)
            raise
        except GeocoderServiceError as e:
            log.info("%r: %s", args[0] if args else "", _first_line(e))
            raise

    limiter = _Limiter(
        call,
        min_delay_seconds=min_delay,
        max_retries=max_retries,
        error_wait_seconds=error_wait,
        swallow_exceptions=False,
    )
    return limiter


class Geocoder:
    """A provider with its rate limit and cache; reuse one for a batch of queries."""

    def __init__(
        self,
        provider: str = "nominatim",
        *,
        key: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_RETRIES,
        cache: Path | str | None = None,
        use_cache: bool = True,
        domain: str | None = None,
        scheme: str | None = None,
        viewbox: tuple[float, float, float, float] | None = HAIDIAN_VIEWBOX,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        error_wait: float = 2.0,
    ) -> None:
        provider = provider.lower()
        if provider not in PROVIDERS:
            raise InputError(f"unknown geocoder {provider!r}; use one of {', '.join(PROVIDERS)}")
        if max_retries < 0:
            raise InputError("max_retries must be 0 or more")
        spec = PROVIDERS[provider]
        key_env = spec["key_env"]
        key = key or (os.environ.get(str(key_env)) if key_env else None)
        if key_env and not key:
            raise InputError(f"{provider} needs an API key (AK): pass --key or set {key_env}")
        self.provider = provider
        self.crs = str(spec["crs"])
        self.url = f"{scheme}://{domain}" if domain else str(spec["url"])
        self.viewbox = viewbox
        self.timeout = timeout
        self.cache = Path(cache) if cache is not None else cache_dir()
        self.use_cache = use_cache
        self._backend = _backend(provider, key=key, timeout=timeout, domain=domain, scheme=scheme)
        self._call = _limiter(
            self._backend.geocode,
            min_delay=float(spec["min_delay"]),  # type: ignore[arg-type]
            max_retries=max_retries,
            error_wait=error_wait,
            clock=clock,
            sleep=sleep,
        )

    # -- the request ----------------------------------------------------------

    def _params(self, limit: int) -> dict[str, object]:
        if self.provider == "nominatim":
            params: dict[str, object] = {
                "exactly_one": False,
                "limit": limit,
                "country_codes": "cn",
                "language": "zh-CN",
            }
            if self.viewbox:
                w, s, e, n = self.viewbox
                params.update(viewbox=[(s, w), (n, e)], bounded=True)
            return params
        if self.provider == "arcgis":
            return {"exactly_one": False}
        # geopy's Baidu parser breaks on exactly_one=False: Baidu returns a single result object.
        return {"exactly_one": True}

    def _cache_path(self, query: str, params: Mapping[str, object]) -> Path:
        blob = json.dumps([self.provider, self.url, query, params], ensure_ascii=False, sort_keys=True, default=str)
        return self.cache / "geocode" / f"{hashlib.sha256(blob.encode('utf-8')).hexdigest()}.json"

    def _ask(self, query: str, params: Mapping[str, object]) -> list[dict[str, object]]:
        from geopy import exc

        name = f"{self.provider} ({self.url})"
        try:
            answer = self._call(query, **params)
        except exc.GeocoderTimedOut as e:
            raise GeocodeError(
                f"{name}: no answer within {self.timeout:g} s for {query!r}; check the network or raise --timeout"
            ) from e
        except exc.GeocoderRateLimited as e:
            raise GeocodeError(
                f"{name}: still rate-limited (HTTP 429) after retries for {query!r}; wait a minute and try again"
            ) from e
        except (exc.GeocoderAuthenticationFailure, exc.GeocoderInsufficientPrivileges) as e:
            raise GeocodeError(f"{name}: the API key was refused ({e}); check --key") from e
        except exc.GeocoderUnavailable as e:
            raise GeocodeError(
                f"cannot reach {name} ({_reason(e)}); check the network, or add the coordinate by hand with --at"
            ) from e
        except exc.GeopyError as e:
            raise GeocodeError(f"{name}: error for {query!r}: {_first_line(e)}") from e
        if answer is None:
            return []
        answers = answer if isinstance(answer, list) else [answer]
        return [{"address": str(a.address or ""), "lat": a.latitude, "lon": a.longitude, "raw": a.raw} for a in answers]

    # -- the public call ------------------------------------------------------

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        """Candidates for ``query`` in the provider's order; [] when it knows none."""
        query = query.strip()
        if not query:
            raise InputError("nothing to look up; give a place name")
        params = self._params(limit)
        path = self._cache_path(query, params)
        answers = _read_cache(path) if self.use_cache else None
        if answers is None:
            answers = self._ask(query, params)
            if answers and self.use_cache:
                _write_cache(path, answers)
        return [self._candidate(query, a) for a in answers[:limit]]

    def _candidate(self, query: str, a: Mapping[str, object]) -> Candidate:
        answer = (float(a["lat"]), float(a["lon"]))  # type: ignore[arg-type]
        lat, lon = coords.to_wgs84(*answer, self.crs)
        raw = a.get("raw") or {}
        address = str(a.get("address") or "")
        if self.provider.startswith("baidu"):  # Baidu's "address" is its match level, e.g. 门址
            address = query
        return Candidate(
            address=address,
            lat=lat,
            lon=lon,
            provider=self.provider,
            query=query,
            distance_m=coords.distance_m(*HAIDIAN, lat, lon),
            source=self._source(query, raw),  # type: ignore[arg-type]
            crs_source=self.crs,
            answer=answer,
            raw=raw,  # type: ignore[arg-type]
        )

    def _source(self, query: str, raw: Mapping[str, object]) -> str:
        osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
        if osm_type in ("node", "way", "relation") and osm_id:
            # The OSM object is what the coordinate really comes from; cite it.
            return f"{self.provider}: {query} (https://www.openstreetmap.org/{osm_type}/{osm_id})"
        return f"{self.provider}: {query} ({self.url})"


def geocode(query: str, *, provider: str = "nominatim", limit: int = 5, **options: object) -> list[Candidate]:
    """Look ``query`` up once; for many queries make one ``Geocoder`` and reuse it."""
    return Geocoder(provider, **options).geocode(query, limit=limit)  # type: ignore[arg-type]


# --- plumbing ------------------------------------------------------------------------------


def _backend(provider: str, *, key: str | None, timeout: float, domain: str | None, scheme: str | None):
    from functools import partial

    from geopy import adapters, geocoders

    # Retries are ours alone (bounded, and visible to the rate limiter): geopy's
    # requests adapter would otherwise retry each request twice more, silently.
    adapter = (
        partial(adapters.RequestsAdapter, max_retries=0)
        if adapters.RequestsAdapter.is_available
        else adapters.URLLibAdapter
    )
    common: dict[str, object] = {"timeout": timeout, "user_agent": user_agent(), "adapter_factory": adapter}
    if scheme:
        common["scheme"] = scheme
    if provider == "nominatim":
        return geocoders.Nominatim(**({"domain": domain} if domain else {}), **common)
    if provider == "arcgis":
        return geocoders.ArcGIS(**({"domain": domain} if domain else {}), **common)
    cls = geocoders.BaiduV3 if provider == "baiduv3" else geocoders.Baidu
    g = cls(api_key=key, **common)
    if domain:  # geopy hard-codes Baidu's host; the API path stays the same
        g.api = f"{g.scheme}://{domain}{g.api_path}"
    return g


_REASONS = (
    ("resolve", "DNS lookup failed: no network?"),
    ("name or service not known", "DNS lookup failed: no network?"),
    ("refused", "connection refused"),
    ("timed out", "timed out"),
    ("ssl", "TLS handshake failed"),
)


def _reason(e: BaseException) -> str:
    """A few words for a connection failure, instead of urllib3's paragraph."""
    text = str(e).lower()
    return next((say for needle, say in _REASONS if needle in text), _first_line(e))


def _first_line(e: BaseException) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:160]


def _read_cache(path: Path) -> list[dict[str, object]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing or half-written: ask again
        return None
    return data if isinstance(data, list) and data else None


def _write_cache(path: Path, answers: list[dict[str, object]]) -> None:
    # A cache that cannot be written only costs a repeat request later.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(answers, f, ensure_ascii=False)
        os.replace(tmp, path)
