"""A librarian's metadata CSV: corrections that win over the parser, validated before anything is written.

Columns: ``path`` plus any field of the parse contract (number, doc_type, issuer, issuer_level,
parent_body, place, date, year, subject, urgency, signer, signer_title, recipients). An empty cell
keeps the parsed value. ``recipients`` holds several names separated by ``;``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable

from ..archive.errors import BadInput
from ..archive.numbers import canonical_number
from ..archive.types import Level
from ..vietnamese.text import normalize

FIELDS = (
    "number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year",
    "subject", "urgency", "signer", "signer_title", "recipients",
)

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class MetadataRow:
    """One validated line of the CSV: the path it names and the fields it overrides."""

    line: int
    path: str
    fields: dict[str, Any]


def read_metadata_csv(path: Path) -> list[MetadataRow]:
    """Parse and validate the whole CSV; raise BadInput listing every bad line (nothing half-applied)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read metadata CSV {path}: {err.strerror}") from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"metadata CSV {path} is not UTF-8 (save it as CSV UTF-8)") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in reader.fieldnames or []]
    problems = _check_header(header)
    if problems:
        raise BadInput(f"metadata CSV {path}: " + "; ".join(problems))
    rows, errors = [], []
    for line, record in enumerate(reader, start=2):
        record = {(k or "").strip(): (v or "").strip() for k, v in record.items() if k is not None}
        try:
            rows.append(_validate_row(line, record))
        except ValueError as err:
            errors.append(f"line {line}: {err}")
    if errors:
        raise BadInput(f"metadata CSV {path} has {len(errors)} bad line(s), nothing was applied:\n  " + "\n  ".join(errors))
    return rows


def _check_header(header: list[str]) -> list[str]:
    problems = []
    if "path" not in header:
        problems.append("no 'path' column")
    unknown = [h for h in header if h and h != "path" and h not in FIELDS and h != "error"]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)} (known: path, {', '.join(FIELDS)})")
    return problems


def _validate_row(line: int, record: dict[str, str]) -> MetadataRow:
    path = record.get("path", "")
    if not path:
        raise ValueError("empty path")
    fields: dict[str, Any] = {}
    for name in FIELDS:
        value = record.get(name, "")
        if value:
            fields[name] = _convert(name, value)
    if not fields:
        raise ValueError(f"{path}: no field to set")
    return MetadataRow(line, _norm_path(path), fields)


MAX_VALUE = 2000  # characters: longer than any subject a directive carries


def convert_field(name: str, value: str) -> Any:
    """One field's value as a correction stores it (the metadata CSV's rules); BadInput names what is wrong."""
    if name not in FIELDS:
        raise BadInput(f"unknown field {name!r} (one of: {', '.join(FIELDS)})")
    value = (value or "").strip()
    if not value:
        raise BadInput(f"{name}: give a value (an empty one is no correction)")
    if len(value) > MAX_VALUE:
        raise BadInput(f"{name}: value too long ({len(value)} characters, at most {MAX_VALUE})")
    try:
        converted = _convert(name, value)
    except ValueError as err:
        raise BadInput(f"{name}: {err}") from None
    if converted in ("", [], None):
        raise BadInput(f"{name}: {value!r} holds nothing to store")
    return converted


def _convert(name: str, value: str) -> Any:
    value = normalize(value)
    if name == "date":
        return _parse_date(value).isoformat()
    if name == "year":
        if not re.fullmatch(r"(19|20)\d\d", value):
            raise ValueError(f"bad year {value!r}")
        return int(value)
    if name == "issuer_level":
        try:
            return Level(value.lower()).value
        except ValueError:
            raise ValueError(f"bad issuer_level {value!r} (central, province, district or commune)") from None
    if name == "number":
        return canonical_number(value)
    if name == "recipients":
        return [r.strip() for r in value.split(";") if r.strip()]
    return value


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = _DMY.match(value)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            pass
    raise ValueError(f"bad date {value!r} (use YYYY-MM-DD or DD/MM/YYYY)")


def _norm_path(path: str) -> str:
    return str(PurePosixPath(path.replace("\\", "/"))).lstrip("./") if path not in (".", "") else path


def match_rows(rows: Iterable[MetadataRow], known_paths: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Map each known display path to its overrides; raise BadInput for a row that names no file.

    A row matches a path equal to it or ending in "/<row path>", so a librarian may write paths
    relative to the folder they imported. A row matching several files is rejected as ambiguous.
    """
    known = list(known_paths)
    out: dict[str, dict[str, Any]] = {}
    errors = []
    for row in rows:
        hits = [p for p in known if p == row.path or p.endswith("/" + row.path)]
        if not hits:
            errors.append(f"line {row.line}: {row.path}: no such file in this import or the archive")
        elif len(hits) > 1:
            errors.append(f"line {row.line}: {row.path}: matches {len(hits)} files ({', '.join(hits[:3])} …)")
        else:
            out[hits[0]] = row.fields
    if errors:
        raise BadInput("metadata CSV: nothing was applied:\n  " + "\n  ".join(errors))
    return out
