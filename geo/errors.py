"""Errors a user can cause. Each carries one line: what, where, and the fix.

The CLI prints ``str(error)`` and exits with ``error.exit_code``; a traceback
is shown only with ``--debug``. Exit codes (documented in README):
0 ok, 1 validation problems found, 2 usage or input error, 3 output could not
be written, 4 network or geocoder error.
"""

from __future__ import annotations


class GeoError(Exception):
    exit_code = 2


class InputError(GeoError, ValueError):
    """A report, gazetteer or option the tool cannot use as given."""


class GazetteerError(InputError):
    """places.csv is malformed: names the file, the line and the fix."""


class OutputError(GeoError, OSError):
    exit_code = 3


class NetworkError(GeoError, ConnectionError):
    exit_code = 4


def where(path: object, line: int | None = None) -> str:
    """``file:line`` prefix used by every message, so editors can jump to it."""
    return f"{path}:{line}" if line else f"{path}"
