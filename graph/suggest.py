"""Suggested links: references a document makes without a number, and how archive documents rank for them.

Half the references in real dispatches name no document: "Thực hiện chỉ đạo của UBND tỉnh về
việc triển khai tiêm vắc xin…", "theo chỉ đạo của Ban Thường vụ Huyện ủy", "Nghị quyết phiên họp
tháng 8 của Chính phủ". The citation extractor emits only what a number or a law's name pins down,
so :func:`find_implicit` reads these from the text: the clause (the evidence) and the phrase of
the issuing body.

Ranking is pure: the pipeline (:mod:`vanthu.pipeline.suggest`) passes in the archive documents
and their similarities, computed from vectors. A candidate must fit the text — the kind of document
it names (:func:`kind_fits`: a "Luật" is a law of the National Assembly, never a circular), the
body it names (its level, and its name where the phrase names one), dated no later than the citing
document, never lower than it — and the fitting ones are ranked by meaning: closeness to the clause and to
the citing document. The model's cosines sit in a narrow band (about 0.78–0.90), so scores rank
and are never compared with a fixed threshold.

>>> [r.issuer_phrase for r in find_implicit("Thực hiện chỉ đạo của UBND tỉnh về việc triển khai tiêm vắc xin, UBND huyện yêu cầu:")]
['UBND tỉnh']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..archive.types import LEVEL_RANK, Level
from ..vietnamese.text import fold_key
from .resolve import issuer_match

__all__ = ["ImplicitReference", "Reference", "Citing", "Candidate", "Ranked", "find_implicit", "clause_at",
           "admissible", "kind_fits", "rank_candidates", "SENTENCE_WEIGHT"]

# Weight of the clause's similarity against the citing document's: the clause says what is
# referred to; the citing document's subject says what the whole chain is about.
SENTENCE_WEIGHT = 0.6
# A candidate of the type the text names ("Kế hoạch", "Nghị quyết") gains this much: a tie-breaker
# within the model's narrow band, not a filter (texts call a plan "chỉ đạo" as often as "Kế hoạch").
TYPE_BONUS = 0.01
EVIDENCE_CHARS = 240

_TYPES = ("Nghị quyết", "Kết luận", "Chỉ thị", "Kế hoạch", "Công văn", "Văn bản", "Công điện", "Quyết định",
          "Hướng dẫn", "Thông báo", "Thông tư", "Nghị định")
_UNIT = r"(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)"
_NAME = r"(?:\s+(?-i:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-ỹ][\w-]*)){1,4}"  # a place name: capitalised words
_PARTY = r"(?:(?:Ban Thường vụ|Ban Chấp hành(?: Đảng bộ)?|Thường trực)\s+)?(?:Tỉnh|Huyện|Thành|Quận|Thị|Đảng) ủy"
_STATE = r"(?:(?:Chủ tịch|Thường trực)\s+)?(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)"
_BODY = (rf"(?:{_PARTY}(?:\s+{_UNIT})?(?:{_NAME})?"
         rf"|{_STATE}(?:\s+{_UNIT}(?:{_NAME})?)?"
         rf"|(?:BCĐ|Ban Chỉ đạo)(?:\s+[^,;:.\n]{{0,60}}?)?\s+{_UNIT}(?:{_NAME})?"
         r"|Thủ tướng Chính phủ|Chính phủ|Bộ Chính trị|Ban Bí thư|Quốc hội"
         r"|(?:Bộ|Sở)\s+(?-i:[A-ZĐ][\w]*)(?:\s+(?!(?:và|hoặc|theo|về|của|tại|trong|với|cho|để|năm)\b)(?-i:[a-zđà-ỹ]+)){0,3})")
_ISSUER = re.compile(rf"(?<!\w){_BODY}", re.IGNORECASE)
# "chỉ đạo của …", "ý kiến kết luận của …": a directive known by who gave it.
_BY_WHOM = re.compile(
    r"(?:(?:thực hiện|triển khai|theo|quán triệt|căn cứ)\s+)?(?:các\s+)?(?:văn bản\s+)?(?:ý kiến\s+)?"
    r"(?:chỉ đạo|kết luận|yêu cầu|hướng dẫn)\s+của\s+", re.IGNORECASE)
# "Thực hiện Nghị quyết phiên họp … Chính phủ": a type, capitalised as a document's name is, without
# "số" and a number; "thực hiện Công văn này" is the document speaking of itself.
_BY_TYPE = re.compile(
    rf"(?:thực hiện|triển khai|theo|quán triệt|căn cứ)\s+(?:các\s+)?((?-i:{'|'.join(_TYPES)}))\s+(?!số\b|này\b)",
    re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:\n]")
_JOINER = re.compile(r"^(?:\s*(?:,|và|của)\s*)+$", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"\s*(?:,|và\b|của\b|về\b|$)", re.IGNORECASE)
_NUMBER = re.compile(r"\d+\s*/|\d+-[A-ZĐ]")


@dataclass(frozen=True)
class ImplicitReference:
    """A clause that refers to a body's directive without its number."""

    text: str                 # the clause, from the trigger to its end (cut to EVIDENCE_CHARS)
    issuer_phrase: str        # as written: "UBND tỉnh", "Ban Thường vụ Huyện ủy", "Chính phủ"
    doc_type: str | None      # the type the clause names, if any ("Nghị quyết")
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """What a suggestion is for: the evidence, and the body it names, expanded in the citing document's context."""

    text: str
    issuer: str | None        # full name where known ("Ủy ban nhân dân tỉnh Vĩnh Phúc")
    levels: frozenset[str] | None   # the levels the issuer may have (None: the text does not say)
    doc_type: str | None = None
    only: frozenset[str] | None = None   # an ambiguous citation: only these documents fit its number


@dataclass(frozen=True)
class Citing:
    """The document that makes the reference."""

    id: str
    level: str | None
    date: dt.date | None
    year: int | None
    excluded: frozenset[str] = frozenset()   # itself, its versions, what it already cites, rejected links
    chain_issuers: frozenset[str] = frozenset()  # issuers of what it cites, and of what those cite …


@dataclass(frozen=True)
class Candidate:
    """An archive document that might be the one referred to, with its similarities (cosines)."""

    id: str
    number: str | None
    doc_type: str | None
    issuer: str | None
    level: str | None
    date: dt.date | None
    year: int | None
    not_before: dt.date | None = None  # an undated document is no older than what it cites
    to_text: float = 0.0      # against the clause (embedded as a query)
    to_citing: float = 0.0    # against the citing document


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float


def clause_at(text: str, start: int, end: int | None = None) -> str:
    """The clause of ``text`` around [start, end): from its start (after . ; : or a line break) to its end."""
    end = start if end is None else end
    left = max(text.rfind(ch, 0, start) for ch in ".;:\n") + 1
    stop = _CLAUSE_END.search(text, end)
    return " ".join(text[left: stop.start() if stop else len(text)].split())


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + "…"


def _issuers_after(text: str, pos: int, stop: int) -> list[re.Match]:
    """The issuer phrases from ``pos``: one, or several joined by "," "và" "của" ("Bộ Y tế và UBND tỉnh")."""
    found: list[re.Match] = []
    comma_only = False
    while pos < stop:
        m = _ISSUER.match(text, pos)
        if m is None or m.end() > stop:
            break
        # After a bare comma a body may begin the next clause ("…của Huyện ủy, Đảng ủy xã đề nghị"):
        # it belongs to the list only if the list goes on or ends there.
        if comma_only and not _LIST_GOES_ON.match(text, m.end(), stop):
            break
        found.append(m)
        joiner = re.match(r"(?:\s*(?:,|và|của)\s*)+", text[m.end():stop], re.IGNORECASE)
        if not joiner or not _JOINER.match(joiner.group()):
            break
        comma_only = joiner.group().strip() == ","
        pos = m.end() + joiner.end()
    return found


def find_implicit(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[ImplicitReference]:
    """References without a number in ``text``; a trigger inside a ``skip`` span (a citation) is left out."""
    found: dict[tuple[str, str | None], ImplicitReference] = {}
    for pattern in (_BY_WHOM, _BY_TYPE):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in skip):
                continue
            stop_m = _CLAUSE_END.search(text, m.end())
            stop = stop_m.start() if stop_m else len(text)
            doc_type = _canonical_type(m.group(1)) if pattern is _BY_TYPE else None
            issuers = _issuers_after(text, m.end(), stop) if pattern is _BY_WHOM else _issuer_in(text, m.end(), stop)
            clause = text[m.start():stop]
            if not issuers or _NUMBER.search(text[m.end():issuers[0].start()] if pattern is _BY_TYPE else ""):
                continue
            for issuer in issuers:
                phrase = " ".join(issuer.group().split())
                ref = ImplicitReference(_clip(clause), phrase, doc_type, m.start(), stop)
                key = (fold_key(phrase), doc_type)
                if key not in found or len(ref.text) > len(found[key].text):
                    found[key] = ref
    return sorted(found.values(), key=lambda r: r.start)


def _issuer_in(text: str, pos: int, stop: int) -> list[re.Match]:
    """The first issuer phrase within a few words after a type ("Nghị quyết phiên họp … của Chính phủ")."""
    near = _ISSUER.search(text, pos, min(stop, pos + 80))
    whole = _ISSUER.match(text, near.start()) if near else None  # the window must not cut a name short
    return [whole] if whole and whole.end() <= stop else []


def _canonical_type(word: str) -> str:
    return next(t for t in _TYPES if fold_key(t) == fold_key(word))


def _below(level: str | None, other: str | None) -> bool:
    """Whether ``level`` is a lower level than ``other`` (commune below district …); unknown: no."""
    try:
        return bool(level and other) and LEVEL_RANK[Level(level)] > LEVEL_RANK[Level(other)]
    except ValueError:
        return False


# What a type stated in the citation admits (folded), and the one body that issues it, if only one
# does: a "Luật Tổ chức Chính phủ 2015" is a law of the National Assembly, never a circular or a
# decree. A plan, rules or a conclusion often come attached to a decision or a notice, so those are
# admitted too. "Công văn", "Văn bản" and unknown types say nothing about the kind.
_KINDS: dict[str, tuple[frozenset[str], str | None]] = {
    "luat": (frozenset({"luat", "bo luat"}), "Quốc hội"),
    "bo luat": (frozenset({"luat", "bo luat"}), "Quốc hội"),
    "hien phap": (frozenset({"hien phap"}), "Quốc hội"),
    "phap lenh": (frozenset({"phap lenh"}), "Ủy ban Thường vụ Quốc hội"),
    "nghi dinh": (frozenset({"nghi dinh"}), "Chính phủ"),
    "thong tu": (frozenset({"thong tu", "thong tu lien tich"}), None),
    "thong tu lien tich": (frozenset({"thong tu", "thong tu lien tich"}), None),
    "nghi quyet": (frozenset({"nghi quyet"}), None),
    "chi thi": (frozenset({"chi thi"}), None),
    "quyet dinh": (frozenset({"quyet dinh"}), None),
    "ke hoach": (frozenset({"ke hoach", "quyet dinh"}), None),
    "quy dinh": (frozenset({"quy dinh", "quyet dinh"}), None),
    "quy che": (frozenset({"quy che", "quyet dinh"}), None),
    "ket luan": (frozenset({"ket luan", "thong bao"}), None),
    "thong bao": (frozenset({"thong bao", "ket luan"}), None),
    "huong dan": (frozenset({"huong dan"}), None),
    "cong dien": (frozenset({"cong dien"}), None),
}
# Types only central bodies issue: a candidate of a known lower level cannot be one.
_CENTRAL_KINDS = frozenset({"luat", "bo luat", "hien phap", "phap lenh", "nghi dinh", "thong tu", "thong tu lien tich"})


def kind_fits(stated: str | None, cand: Candidate) -> bool:
    """Whether a document of ``cand``'s type and issuer can be the ``stated`` type (unknowns fit).

    >>> law = Candidate("x", "24/2020/TT-BTC", "Thông tư", "Bộ Tài chính", "central", None, 2020)
    >>> kind_fits("Luật", law), kind_fits("Thông tư", law), kind_fits("Văn bản", law)
    (False, True, True)
    """
    if not stated:
        return True
    key = fold_key(stated)
    kinds, issuer = _KINDS.get(key, (None, None))
    if kinds is not None and cand.doc_type and fold_key(cand.doc_type) not in kinds:
        return False
    if key in _CENTRAL_KINDS and cand.level and cand.level != "central":
        return False
    return not (issuer and cand.issuer and issuer_match(issuer, cand.issuer) != 2)


def admissible(ref: Reference, citing: Citing, cand: Candidate) -> bool:
    """Whether ``cand`` may be what ``ref`` names: not excluded, not later, the named body and kind, not lower."""
    if cand.id == citing.id or cand.id in citing.excluded:
        return False
    if not kind_fits(ref.doc_type, cand):
        return False
    if ref.only is not None and cand.id not in ref.only:
        return False
    if _later(cand, citing):
        return False
    if ref.levels is not None:
        if cand.level not in ref.levels:
            return False
    elif _below(cand.level, citing.level):
        return False  # the phrase states no level: a directive comes from the citing level or above
    if ref.issuer and cand.issuer and issuer_match(ref.issuer, cand.issuer) == 0:
        return False
    return _fits_chain(ref, citing, cand)


def _fits_chain(ref: Reference, citing: Citing, cand: Candidate) -> bool:
    """A name without its place ("UBND huyện") means the body up the document's own chain of instruction.

    A commune's "chỉ đạo của UBND huyện" is its own district's, and the documents it already cites
    say which district that is when its letterhead does not.
    """
    if not ref.issuer or not cand.issuer:
        return True
    known = [i for i in citing.chain_issuers if issuer_match(ref.issuer, i) == 1 and len(i) > len(ref.issuer)]
    return not known or any(issuer_match(i, cand.issuer) == 2 for i in known)


def _later(cand: Candidate, citing: Citing) -> bool:
    if cand.date and citing.date:
        return cand.date > citing.date
    if cand.not_before and citing.date and cand.not_before > citing.date:
        return True
    cand_year = cand.year or (cand.date.year if cand.date else None)
    citing_year = citing.year or (citing.date.year if citing.date else None)
    return bool(cand_year and citing_year and cand_year > citing_year)


def score(ref: Reference, cand: Candidate) -> float:
    """Closeness in meaning: mostly to the clause, partly to the citing document; the named type breaks ties."""
    value = SENTENCE_WEIGHT * cand.to_text + (1 - SENTENCE_WEIGHT) * cand.to_citing
    if ref.doc_type and cand.doc_type and fold_key(ref.doc_type) == fold_key(cand.doc_type):
        value += TYPE_BONUS
    return value


def rank_candidates(ref: Reference, citing: Citing, candidates: Iterable[Candidate], limit: int = 5) -> list[Ranked]:
    """The admissible candidates, best first (ties: earlier id), at most ``limit``."""
    ranked = [Ranked(c, score(ref, c)) for c in candidates if admissible(ref, citing, c)]
    ranked.sort(key=lambda r: (-r.score, r.candidate.id))
    return ranked[:limit]
