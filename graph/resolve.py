"""Resolution: which archive document does a citation name?

Pure: the archive is reached only through the ``lookup`` callable (number key → candidates),
so tests give it a dict and the archive gives it SQLite (:mod:`vanthu.graph.edges`).

Numbers repeat — every commune has a ``27/KH-UBND``, Party numbers restart each term — so a
number only gathers candidates. The citation's other evidence then filters and ranks them:

- the year (the citation's date, else the year in the number itself) and the exact date;
- the issuer as the analyzer expanded it in context, compared by folded key;
- the level the citation implies (Party issuer code ``TW``/``TU``/``HU``/``ĐU``, or the unit
  word of the issuer: "tỉnh", "huyện", "xã" …);
- a cited document cannot be dated after the citing one.

One best-supported candidate → ``resolved`` (the others are kept); a tie → ``ambiguous`` with
the tied candidates; none → ``external``. A librarian's decision (``vanthu link``/``unlink``)
comes first and is never overridden.

>>> lookup = {"845/ubnd-yt": [Candidate("a1", "Ủy ban nhân dân huyện Đức Thọ", "district", None, 2021),
...                           Candidate("b2", "Ủy ban nhân dân huyện Can Lộc", "district", None, 2021)]}.get
>>> cite = Citation("845/UBND-YT", "Công văn", None, "Ủy ban nhân dân huyện Đức Thọ", Relation.BASIS, "", 0, 0)
>>> resolve(cite, Citing("c9", None, 2021), lambda k: lookup(k, [])).dst
'a1'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from enum import Enum
from typing import Callable, Mapping, Sequence

from ..archive.graphstore import LINKED_STATUSES
from ..archive.numbers import number_key as _number_key
from ..archive.numbers import parse_number as _parse_number
from ..archive.types import Citation, Level, Relation
from ..vietnamese.text import fold, fold_key

__all__ = [
    "Candidate", "Citing", "Decision", "Resolution", "Status", "resolve", "citation_levels",
    "issuer_level", "issuer_match", "external_key", "cited_year", "LINKED", "needs_context", "place_context",
]


class Status(str, Enum):
    """How sure an edge is; the last two are a librarian's and outrank the resolver."""

    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    EXTERNAL = "external"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


LINKED = frozenset(LINKED_STATUSES)  # statuses that name one document (resolved, confirmed)
assert LINKED == {Status.RESOLVED.value, Status.CONFIRMED.value}


@dataclass(frozen=True)
class Candidate:
    """An archive document whose number matches a citation's."""

    id: str
    issuer: str | None
    level: str | None
    date: dt.date | None
    year: int | None


@dataclass(frozen=True)
class Citing:
    """What the resolver needs of the citing document.

    ``context``: the places around it — its own, its district's, its province's — which say whom
    "UBND huyện" or "Huyện ủy" means when a commune writes it (see :func:`place_context`).
    """

    id: str
    date: dt.date | None
    year: int | None
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """A librarian's word on (citing document, ``dst``); ``pinned``: given for this very citation."""

    dst: str
    confirmed: bool
    pinned: bool = False


@dataclass(frozen=True)
class Resolution:
    """The outcome for one citation: status, the document chosen, the candidates considered."""

    status: Status
    dst: str | None
    candidates: tuple[str, ...]
    reason: str


Lookup = Callable[[str], Sequence[Candidate]]

# Scores of the evidence that supports a candidate; a tie at the top is ambiguous.
_ISSUER_EXACT, _ISSUER_COMPATIBLE, _CONTEXT, _DATE_EXACT, _YEAR, _LEVEL = 4, 2, 3, 4, 1, 1

# Abbreviations as they appear in unexpanded issuers ("UBND tỉnh Vĩnh Phúc"), folded.
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan", "bcd": "ban chi dao",
    "bch": "ban chap hanh", "btv": "ban thuong vu", "tp": "thanh pho", "tp.": "thanh pho",
    "ttg": "thu tuong chinh phu", "mttq": "mat tran to quoc",
}

# Party issuer codes (Hướng dẫn 36-HD/VPTW) and the levels each may stand for: "TU" is a Tỉnh ủy but
# also the Thành ủy or Thị ủy of a district-level town; "ĐU" a commune's Đảng ủy or an Đảng ủy khối.
_PARTY_LEVELS = (
    (re.compile(r"TW$", re.I), frozenset({"central"})),
    (re.compile(r"TU$", re.I), frozenset({"province", "district"})),
    (re.compile(r"(HU|QU|TXU|THU)$", re.I), frozenset({"district"})),
    (re.compile(r"(ĐU|DU)$", re.I), frozenset({"commune", "district", "province"})),
)

# State issuer codes that only central bodies use: the Government, the Prime Minister, the
# National Assembly, the ministries (BYT, BGDĐT …; but not a Ban chỉ đạo or Ban quản lý, which
# every level has); before 1992 the Hội đồng Bộ trưởng, Hội đồng Nhà nước and Hội đồng Chính phủ
# (51-HĐBT, 12-HĐNN, 15/HĐNN8). Compared folded and upper-case.
_CENTRAL_CODE = re.compile(
    r"^(CP|TTG|VPCP|QH\d*|UBTVQH\d*|CTN|TANDTC|VKSNDTC|KTNN|HDBT|HDNN\d*|HDCP|"
    r"(?!BCD$|BCH$|BQL|BTV$|BTG$|BDT$|BCS)B[A-Z]{1,7})$"
)

# The unit word right after the body's name says its level; "thành phố" can be either of two.
_BODY = r"(?:uy ban nhan dan|hoi dong nhan dan|ban chi dao[^,]*?|cong an|van phong uy ban nhan dan)"
_UNIT_LEVELS = (
    (re.compile(rf"\b{_BODY} (tinh)\b"), Level.PROVINCE),
    (re.compile(rf"\b{_BODY} (huyen|quan|thi xa)\b"), Level.DISTRICT),
    (re.compile(rf"\b{_BODY} (xa|phuong|thi tran)\b"), Level.COMMUNE),
    (re.compile(r"^(ban thuong vu |ban chap hanh dang bo )?tinh uy\b"), Level.PROVINCE),
    (re.compile(r"^(ban thuong vu |ban chap hanh dang bo )?(huyen|quan|thi) uy\b"), Level.DISTRICT),
    (re.compile(r"^(ban thuong vu )?dang uy (xa|phuong|thi tran)\b"), Level.COMMUNE),
    (re.compile(r"^(thu tuong|chinh phu|quoc hoi|bo (?!chi huy)|ban chap hanh trung uong|ban bi thu|"
                r"bo chinh tri|uy ban thuong vu quoc hoi|ban chi dao quoc gia|chu tich nuoc)"), Level.CENTRAL),
)


# The same numbers and issuers are resolved again and again (a rebuild sees each thousands of times).
parse_number = lru_cache(maxsize=1 << 16)(_parse_number)
number_key = lru_cache(maxsize=1 << 16)(_number_key)


@lru_cache(maxsize=1 << 16)
def expand_key(issuer: str) -> str:
    """Folded issuer key with the usual abbreviations spelt out ("UBND tỉnh" → "uy ban nhan dan tinh")."""
    return " ".join(_ABBREVIATIONS.get(w, w) for w in fold_key(issuer).split())


def issuer_match(cited: str, candidate: str) -> int:
    """How well a citation's issuer fits a document's: 2 same, 1 one names part of the other, 0 no.

    "Ủy ban nhân dân tỉnh" fits "Ủy ban nhân dân tỉnh Hà Tĩnh" (the name was left implicit);
    "… huyện Đức Thọ" does not fit "… huyện Can Lộc".

    >>> issuer_match("UBND tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh")
    2
    >>> issuer_match("Tỉnh ủy Hà Tĩnh", "Ban Thường vụ Tỉnh ủy Hà Tĩnh"), issuer_match("UBND huyện Đức Thọ", "UBND huyện Can Lộc")
    (1, 0)
    """
    a, b = expand_key(cited), expand_key(candidate)
    if a == b:
        return 2
    short, long_ = sorted((a, b), key=len)
    return 1 if short and f" {short} " in f" {long_} " else 0  # whole words; no pattern built per pair


# An issuer named only by its kind and unit word, its place left to the reader: "UBND huyện", "Huyện ủy".
_GENERIC = re.compile(r"(^| )(tinh|huyen|quan|thi xa|thanh pho|xa|phuong|thi tran|tinh uy|huyen uy|quan uy|thi uy|"
                      r"thanh uy|dang uy|dang uy xa|dang uy phuong|dang uy thi tran)$")


def needs_context(citation: Citation) -> bool:
    """Whether the citation's issuer leaves its place to the reader ("của UBND huyện")."""
    return bool(citation.issuer) and bool(_GENERIC.search(expand_key(citation.issuer)))


def place_context(level: str | None, place: str | None, text: str | None = None) -> tuple[str, ...]:
    """The places a document sits in: its own, and (from the gazetteer) its district and province.

    >>> place_context("commune", "Hoàng Lâu")
    ('Hoàng Lâu', 'Tam Dương', 'Vĩnh Phúc')
    """
    from ..vietnamese.gazetteer import district_of, province_of

    if not place:
        return ()
    if level == Level.COMMUNE.value:
        unit = district_of(place, text)
        return (place, unit.name, unit.province) if unit else (place,)
    if level == Level.DISTRICT.value:
        province = province_of(place, text)
        return (place, province) if province else (place,)
    return (place,)


def _in_context(cited: str, candidate: str, context: tuple[str, ...]) -> bool:
    """"UBND huyện" written by a commune of Tam Dương, and the candidate is UBND huyện Tam Dương."""
    a, b = expand_key(cited), expand_key(candidate)
    if not b.startswith(a + " "):
        return False
    return b[len(a) + 1:] in {fold_key(c) for c in context}


def issuer_level(issuer: str | None) -> Level | None:
    """The level an issuer's name states, if it states one ("UBND huyện X" → district)."""
    if not issuer:
        return None
    key = expand_key(issuer)
    for pattern, level in _UNIT_LEVELS:
        if pattern.search(key):
            return level
    return None


def citation_levels(citation: Citation) -> frozenset[str] | None:
    """The levels the cited body may have: from a Party number's issuer code, else its name.

    >>> sorted(citation_levels(Citation("288-CV/HU", None, None, None, Relation.IMPLEMENTS, "", 0, 0)))
    ['district']
    """
    return _levels(citation.number, citation.issuer)


@lru_cache(maxsize=1 << 16)
def _levels(number: str | None, issuer: str | None) -> frozenset[str] | None:
    parts = parse_number(number) if number else None
    if parts is not None and parts.form == "party":
        for pattern, levels in _PARTY_LEVELS:
            if pattern.search(parts.issuer_code):
                return levels
    if parts is not None and _CENTRAL_CODE.match(fold(parts.issuer_code.split("-")[0]).upper()):
        return frozenset({"central"})  # 21/CT-TTg, 117/2020/NĐ-CP, 1234/BYT-DP
    level = issuer_level(issuer)
    return frozenset({level.value}) if level else None


def cited_year(citation: Citation) -> int | None:
    """The year of the cited document: its date, its stated year, else the year in its number."""
    if citation.date:
        return citation.date.year
    if citation.year:
        return citation.year
    parts = parse_number(citation.number) if citation.number else None
    return parts.year if parts else None


def external_key(citation: Citation) -> str:
    """The key of the external node for what a citation names, shared by citations naming the same thing.

    A normative number (``117/2020/NĐ-CP``) is unique in the country: the number is the key.
    Other numbers repeat, so the year and the issuer (when stated) are part of it.
    """
    if not citation.number:
        return "name:" + fold_key(citation.name or citation.text)
    key = number_key(citation.number)
    parts = parse_number(citation.number)
    if parts is not None and parts.form == "normative":
        return key
    issuer = expand_key(citation.issuer) if citation.issuer else ""
    return f"{key}|{cited_year(citation) or ''}|{issuer}"


def resolve(citation: Citation, citing: Citing, lookup: Lookup,
            decisions: Mapping[str, Decision] | None = None) -> Resolution:
    """The document ``citation`` names, or why none can be chosen (see the module docstring)."""
    decisions = decisions or {}
    found = [c for c in lookup(number_key(citation.number)) if c.id != citing.id] if citation.number else []
    ids = {c.id for c in found}
    confirmed = [d.dst for d in decisions.values() if d.confirmed and (d.pinned or d.dst in ids)]
    if confirmed:
        return Resolution(Status.CONFIRMED, confirmed[0], tuple(confirmed), "confirmed by a librarian")
    rejected = {d.dst for d in decisions.values() if not d.confirmed}
    said = _Said(cited_year(citation), citation_levels(citation))
    scored = sorted(
        ((s, c) for c in found if c.id not in rejected and (s := _support(citation, said, citing, c)) is not None),
        key=lambda sc: (-sc[0], sc[1].id),
    )
    if not scored and rejected & ids:
        return Resolution(Status.REJECTED, None, (), "the librarian rejected the document it seemed to name")
    if not scored:
        why = "no document with this number" if not found else f"{len(found)} with this number, none fits"
        return Resolution(Status.EXTERNAL, None, (), why)
    ranked = tuple(c.id for _, c in scored)
    if len(scored) == 1 or scored[0][0] > scored[1][0]:
        return Resolution(Status.RESOLVED, ranked[0], ranked, _why(scored))
    tied = tuple(c.id for s, c in scored if s == scored[0][0])
    return Resolution(Status.AMBIGUOUS, None, tied, f"{len(tied)} documents fit equally well")


@dataclass(frozen=True)
class _Said:
    """What a citation implies beyond its words, worked out once for all its candidates."""

    year: int | None
    levels: frozenset[str] | None


def _support(citation: Citation, said: _Said, citing: Citing, cand: Candidate) -> int | None:
    """The evidence for ``cand``, or None when some evidence rules it out."""
    if _after(cand, citing):
        return None  # a document cannot cite one issued after it
    score = 0
    year = said.year
    if year is not None and cand.year is not None:
        if year != cand.year:
            return None
        score += _YEAR
    elif year is None and cand.year is not None and cand.year == citing.year:
        score += _YEAR  # no year given: a document of the citing one's own year is the likelier (numbers restart yearly)
    if citation.date and cand.date:
        if citation.date != cand.date:
            return None
        score += _DATE_EXACT
    if citation.issuer and cand.issuer:
        fit = issuer_match(citation.issuer, cand.issuer)
        if fit == 0:
            return None
        score += _ISSUER_EXACT if fit == 2 else _ISSUER_COMPATIBLE
        if fit == 1 and citing.context and _in_context(citation.issuer, cand.issuer, citing.context):
            score += _CONTEXT
    levels = said.levels
    if levels is not None and cand.level:
        if cand.level not in levels:
            return None
        score += _LEVEL
    return score


def _after(cand: Candidate, citing: Citing) -> bool:
    if cand.date and citing.date:
        return cand.date > citing.date
    if cand.year and citing.year:
        return cand.year > citing.year
    return False


def _why(scored: list[tuple[int, Candidate]]) -> str:
    if len(scored) == 1:
        return "the only document with this number that fits"
    return f"best supported of {len(scored)} documents with this number"
