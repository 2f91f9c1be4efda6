"""Citation extraction: every reference a directive makes to another document.

:func:`find_citations` reads PREPARED text (:func:`vanthu.vietnamese.text.prepare`) and
returns one :class:`~vanthu.archive.types.Citation` per cited document, in text order:

>>> [c.number for c in find_citations(
...     "Thực hiện các Chỉ thị số 15/CT-TTg ngày 27/3/2020, số 16/CT-TTg ngày 31/3/2020 "
...     "và số 19/CT-TTg ngày 24/4/2020 của Thủ tướng Chính phủ")]
['15/CT-TTg', '16/CT-TTg', '19/CT-TTg']

How it works, in one pass over the document numbers (``NUMBER_RE``, and the old "73-CP"):

1. each number is read with what stands right before it (the type word, "số", the
   letterhead "Số:", and an issuer written first: "chỉ đạo của UBND tỉnh tại Công văn số …")
   and right after it (the date, "của" + issuer, which wins over one written first);
2. numbers joined by "," / "và" / "số" form an enumeration sharing type, relation and
   the issuer written after the last one;
3. a document introduced with its title before its date, as in the Bộ pháp điển
   ("Nghị định số 47/2011/NĐ-CP Quy định chi tiết … ngày 17/06/2011 của Chính phủ"),
   takes the first free "ngày D của X" later in the same paragraph;
4. laws cited by name and year ("Luật Đất đai năm 2013") are added with no number;
5. repeated mentions of one number are merged into one citation.

The issuer is kept as written ("UBND tỉnh"); expanding it needs the citing document's
context and is done by the analyze step.

Relations follow the rule table of issue 2 (the last relation word of the clause before the
reference wins); "tiếp theo Công văn số …" (further to an earlier letter, usually the writer's
own) is a follow-up: ``mentions``, not ``implements`` although it contains "theo".
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from ..archive.numbers import (
    NORMATIVE_TYPES, NUMBER_RE, OLD_NUMBER_RE, PARTY_TYPES, STATE_TYPES, NumberParts, canonical_number,
    number_key, parse_number, year_free_key,
)
from ..archive.issuers import expand_issuer, split_place
from ..archive.types import Citation, Document, Relation
from ..vietnamese.text import fold, fold_key

__all__ = ["find_citations"]

# Type words that introduce a reference, and the type name each one gives.
# Longest first, so that "Thông tư liên tịch" wins over "Thông tư".
_TYPE_NAMES: dict[str, str] = {
    name.lower(): canonical
    for name, canonical in [
        ("Văn bản hợp nhất", "Văn bản hợp nhất"), ("Văn bản", "Văn bản"), ("Công văn", "Công văn"),
        ("Nghị quyết liên tịch", "Nghị quyết liên tịch"), ("Nghị quyết", "Nghị quyết"),
        ("Quyết định", "Quyết định"), ("Chỉ thị", "Chỉ thị"), ("Kế hoạch", "Kế hoạch"),
        ("Thông báo kết luận", "Thông báo"), ("Thông báo", "Thông báo"),
        ("Công điện", "Công điện"), ("Kết luận", "Kết luận"),
        ("Hướng dẫn", "Hướng dẫn"), ("Thông tư liên tịch", "Thông tư liên tịch"),
        ("Thông tư", "Thông tư"), ("Nghị định", "Nghị định"), ("Bộ luật", "Luật"), ("Luật", "Luật"),
        ("Pháp lệnh", "Pháp lệnh"), ("Sắc lệnh", "Sắc lệnh"), ("Lệnh", "Lệnh"),
        ("Thông tri", "Thông tri"), ("Quy định", "Quy định"), ("Quy chế", "Quy chế"),
        ("Chương trình", "Chương trình"), ("Tờ trình", "Tờ trình"), ("Báo cáo", "Báo cáo"),
        ("Đề án", "Đề án"), ("Phương án", "Phương án"), ("Thông cáo", "Thông cáo"),
        ("Biên bản", "Biên bản"), ("Giấy mời", "Giấy mời"), ("Hiến pháp", "Hiến pháp"),
        ("Điện", "Công điện"),
    ]
}
# A hard-wrapped page may break a type word over lines ("Thực hiện Chỉ / thị số 8008/CT-TCTL"), and a
# web copy may lose its space ("Nghịquyết số 51/2001/QH10").
_TYPES = "|".join(sorted((re.escape(t).replace(r"\ ", r"\s*") for t in _TYPE_NAMES), key=len, reverse=True))
_SPACELESS_TYPES = {key.replace(" ", ""): name for key, name in _TYPE_NAMES.items()}
_CAP_TYPES = "Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Hiến pháp"

# Every number form of archive.numbers, with the pre-1992 form without a slash that only a
# type word can introduce: "Nghị định số 73-CP", "Quyết định số 119-TTg", "số 64B- HĐBT".
_OLD_FORM = OLD_NUMBER_RE.pattern
# The leading (?=[0-9]) changes nothing but lets the regex engine skip ahead: 3x faster.
_ANY_NUMBER_RE = re.compile(
    rf"(?=[0-9])(?:(?P<standard>{NUMBER_RE.pattern})|(?P<old>{_OLD_FORM}))", re.VERBOSE
)

_FOLDED_TYPES = {
    form: {fold(code).upper(): name for code, name in table.items()}
    for form, table in (("state", STATE_TYPES), ("party", PARTY_TYPES),
                        ("normative", {**STATE_TYPES, **NORMATIVE_TYPES}))
}

# What stands right before a number (searched in a short window that ends at the number).
# "Công văn số", "các Chỉ thị số", "Quyết định 1234/QĐ-UBND", "CÔNG ĐIỆN KHẨN SỐ".
_INTRO_RE = re.compile(
    rf"(?<!\w)(?P<type>{_TYPES})(?:\s+(?:hỏa tốc|thượng khẩn|khẩn|mật|liên tịch))?"
    r"\s*(?P<so>(?:số|so)\s*[:.]?\s*)?$",
    re.IGNORECASE,
)
# "Luật Giao thông đường thủy nội địa số 23/2004/QH11": a capitalised type, the name, then "số".
_NAMED_INTRO_RE = re.compile(
    rf"(?<!\w)(?P<type>{_CAP_TYPES})\s+(?P<name>[^\W\d_][^\n;:()\d]{{0,150}}?)\s+số\s*:?\s*$"
)
_SO_RE = re.compile(r"(?<!\w)(?:số|Số|SỐ)\s*:?\s*$")
# The letterhead line "Số: 254/TUBND-VP" (and the "| Số hiệu | …" of a Markdown table).
# A line that starts with a lower-case "số" continues the line above ("Thông tư liên tịch / số 11/…").
_LETTERHEAD_RE = re.compile(r"[\W_]*(?:Số|SỐ)(?:\s*hiệu)?[\W_]*")
_LETTERHEAD_SPAN = 1500
# Between two numbers of one enumeration: ", số", " và ", "; số", ", Chỉ thị số".
_CONTINUE_RE = re.compile(
    rf"\s*[,;]?\s*(?:(?:và|hoặc)\s+)?(?:(?:các\s+)?(?P<type>{_TYPES})\s*)?(?:số\s*:?\s*)?",
    re.IGNORECASE,
)

_DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d\d))(?!\d)"
)
# Right after the number: ", ngày 21/9/2021", " ban hành ngày 15 tháng 7 năm 2021".
_TAIL_DATE_RE = re.compile(rf"\s*[,(]?\s*(?:(?:ban hành|ký)\s+)?ngày\s*:?\s*{_DATE}", re.IGNORECASE)
_OF_RE = re.compile(r"\s*,?\s*của\s+", re.IGNORECASE)
# The issuer written before the reference: "Thực hiện chỉ đạo của UBND tỉnh tại Công văn số …".
# Only the words that name whose instruction the document states count ("chỉ đạo", "ý kiến" …),
# and the phrase must end right at "tại" before the type word; the clause may not end in between.
_LEAD_OF_RE = re.compile(
    r"(?<!\w)(?P<lead>(?:ý kiến\s+)?chỉ đạo|ý kiến(?:\s+kết luận)?|kết luận|yêu cầu|hướng dẫn|đề nghị|"
    r"đồng ý|thống nhất|giao nhiệm vụ)\s+của\s+(?P<issuer>[^\n;:.()]{1,160}?)\s*,?\s+tại\s+(?:các\s+)?$",
    re.IGNORECASE,
)
# A title between number and date (Bộ pháp điển): the date is the one followed by "của".
_DISTANT_RE = re.compile(rf"(?<!\w)ngày\s*{_DATE}\s*,?\s*của\s+")
_DISTANT_REACH = 800  # titles run long; a blank line still ends the search

# A law cited by name and year: "Luật Phòng, chống bệnh truyền nhiễm năm 2007",
# "Bộ luật Hình sự 2015", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015".
_NAMED_RE = re.compile(
    r"(?=[BLHP])(?<!\w)(?P<type>Bộ luật|Luật|Hiến pháp|Pháp lệnh)"
    # An amending law names the laws it amends: "Luật sửa đổi, bổ sung … của Luật A và Luật B".
    r"(?P<name>\s+sửa đổi,?\s+bổ sung[^;:()\n\d]{0,250}?"
    r"|(?:\s+(?!(?:năm|ngày|số|Luật|luật)\b)[^\s\d;:()\[\]“”\"]+){0,16}?)"
    rf"\s*,?\s+(?:năm\s+(?P<year>(?:19|20)\d\d)|(?P<bare>(?:19|20)\d\d)|ngày\s*{_DATE})(?!\d)"
)

# Relation words before a reference (in its clause). The last one before the reference wins.
_RELATION_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?P<implements2>theo\s+(?:đúng\s+)?(?:chỉ đạo|hướng dẫn|quy định|tinh thần|yêu cầu|nội dung|kế hoạch))"
    r"|(?P<guides>hướng dẫn(?:\s+(?:thi hành|thực hiện|triển khai))?|quy định chi tiết)"
    r"|(?P<implements>thực hiện|triển khai|quán triệt|thi hành)"
    r"|(?P<followup>tiếp theo)"  # "Tiếp theo Công văn số …": a follow-up to it, not carrying it out
    r"|(?<!kèm )(?P<theo>theo)(?!\s+(?:dõi|đề nghị))"  # "kèm theo" attaches, "theo dõi" monitors
    r"|(?P<basis>căn cứ)"
    r"|(?P<replaces>thay thế)"
    r"|(?P<amends>sửa đổi|bổ sung|đính chính)"
    r"|(?P<repeals>bãi bỏ|hủy bỏ)"
    r")(?!\w)",
    re.IGNORECASE,
)
_RELATIONS = {
    "implements2": Relation.IMPLEMENTS, "implements": Relation.IMPLEMENTS, "theo": Relation.IMPLEMENTS,
    "guides": Relation.GUIDES, "basis": Relation.BASIS, "replaces": Relation.REPLACES,
    "amends": Relation.AMENDS, "repeals": Relation.REPEALS, "followup": Relation.MENTIONS,
}
# "được sửa đổi, bổ sung bởi …": the cited document amends another one, not this one.
_PASSIVE_BEFORE = re.compile(r"(?<!\w)(?:được|bị)\s+(?:\w+(?:\s+\w+)?\s*,\s*)?$", re.IGNORECASE)
_PASSIVE_AFTER = re.compile(r"(?:[\s,]+\w+){0,3}?[\s,]+bởi(?!\w)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:\n!?]")
_RUN_ON = 16  # how far a relation phrase that begins before a reference may be read past its start
_THEO_REACH = 40  # a bare "theo" counts only right before the reference ("theo Công văn số …")
_WINDOW = 170

# The issuer phrase after "của": words until a verb, a preposition or punctuation starts.
_STOP_WORDS = frozenset(
    "về v/v V/v có đã được thì tại trong theo để nhằm với cho ngày trên đến là này đó kèm gồm "
    "như khi sau trước năm số đang sẽ vẫn cũng nêu gửi tới vào qua bằng từ do nhưng mà hoặc cùng "
    "hàng tháng quý các những mới phải cần sớm".split()
)
_STOP_PAIRS = frozenset([
    "quy định", "hướng dẫn", "ban hành", "phê duyệt", "triển khai", "thực hiện", "yêu cầu",
    "đề nghị", "tổ chức", "sửa đổi", "bổ sung", "thay thế", "bãi bỏ", "chỉ đạo", "đối với",
    "liên quan", "giao cho", "kết luận", "thông báo", "chấp thuận", "quyết định", "công bố",
])
_NEXT_REFERENCE = re.compile(rf"\s+(?:các\s+)?(?:{_TYPES})\s+(?:số\b|\d)", re.IGNORECASE)
_COMMA_CONTINUES = frozenset(["Thể", "Thương", "chống", "Chống"])
_TOKEN = re.compile(r"\S+")
_TRAIL = ",.;:)”\"'"
_MAX_ISSUER_WORDS = 16


@dataclass(frozen=True)
class _Mention:
    """One written mention of a number, before repeated mentions are merged."""

    citation: Citation
    chain: int          # enumeration it belongs to
    typed: bool         # introduced by its own type word
    direct_end: int     # end of number, date and issuer as written together
    word_type: str | None  # the type a word gave it (its own or its enumeration's)
    lead_issuer: str | None = None  # "chỉ đạo của X tại …": the issuer written before the chain


def find_citations(text: str, own_number: str | None = None, own: Document | None = None) -> list[Citation]:
    """Every reference in prepared ``text`` to another document, merged per document, in order.

    ``own_number`` (else the "Số: …" letterhead line) is the document itself and is skipped —
    unless a mention of that number names another document: numbers of local bodies repeat, and a
    commune's "Kế hoạch số 12/KH-UBND" may carry out "Kế hoạch số 12/KH-UBND … của UBND huyện".
    ``own`` (the document's parsed metadata) settles that by the date and issuer the mention states.
    """
    if not text:
        return []
    own_number = own_number or (own.number if own else None)
    own_key = number_key(own_number) if own_number else None
    mentions, own_key = _read_numbers(text, own_key)
    mentions = _share_issuers(mentions)
    mentions = _attach_distant_dates(text, mentions)
    if own_key is not None:
        own_year = own.year if own else None
        mentions = [m for m in mentions
                    if own_key not in (number_key(m.citation.number or ""),
                                       year_free_key(m.citation.number or "", own_year))
                    or _names_another(m.citation, own)]
    cites = [m.citation for m in mentions]
    cites += _named_laws(text, cites)
    return _merge(cites, text)


# 1. numbers and what is written around them -------------------------------------------

def _read_numbers(text: str, own_key: str | None) -> tuple[list[_Mention], str | None]:
    """Every number that may cite another document, with its words around it, in order; and the
    document's own number key (the letterhead's "Số:" line gives it when the caller did not)."""
    out: list[_Mention] = []
    for match in _ANY_NUMBER_RE.finditer(text):
        start, end = match.span()
        parts = _parts(match)
        if parts is None:
            continue
        if _is_standard_code(text, start):
            continue
        if _is_letterhead(text, start):
            own_key = own_key or number_key(parts.canonical)
            continue
        prev = out[-1] if out else None
        mention = _read_one(text, match, parts, prev)
        if mention is not None:
            out.extend(_bare_serials(text, start, parts, mention))
            out.append(mention)
    return out, own_key


# Bare serials sharing the ký hiệu of the number after them: "Chỉ thị 01, 13, 33/CT-UB", "các Quyết
# định số 05, 07 và 09/QĐ-UBND"; a type word or "số" stands right before the list.
_BARE_LIST = re.compile(r"(?:^|[\s(])(?:số|các|" + "|".join(
    sorted({re.escape(t) for table in (STATE_TYPES, PARTY_TYPES, NORMATIVE_TYPES) for t in table.values()},
           key=len, reverse=True)) + r")\s*:?\s*(?P<list>(?:\d{1,5}[a-z]?\s*(?:,|và)\s*)+)$", re.IGNORECASE)
_BARE_SERIAL = re.compile(r"\d{1,5}[a-z]?")


def _bare_serials(text: str, start: int, parts: NumberParts, mention: _Mention) -> list[_Mention]:
    """The members before a full number that share its ký hiệu, each with its own evidence span."""
    if parts.form == "old" or "/" not in parts.canonical:
        return []
    window = max(0, start - 80)
    m = _BARE_LIST.search(text, window, start)
    if m is None:
        return []
    suffix = parts.canonical[parts.canonical.index("/"):]
    cite = mention.citation
    return [replace(mention, citation=replace(cite, number=f"{serial.group()}{suffix}", date=None,
                                                  year=parts.year, text=text[serial.start():cite.end],
                                                  start=serial.start()))
            for serial in _BARE_SERIAL.finditer(text, m.start("list"), m.end("list"))]


def _names_another(cite: Citation, own: Document | None) -> bool:
    """Does a mention of the document's own number name another document? Only what it states
    decides: another date, or an issuer that is not the document's own (another level, another
    place). Without either it is the document itself ("Kèm theo Quyết định số …" of an annex)."""
    if own is None:
        return False
    if cite.date and own.date:
        return cite.date != own.date
    if cite.year and own.year and cite.year != own.year:
        return True
    if not (cite.issuer and own.issuer):
        return False
    name, level = expand_issuer(cite.issuer, own)
    if name is None or fold_key(name) == fold_key(own.issuer):
        return False
    if level and own.issuer_level and level != own.issuer_level:
        return True
    place, own_place = split_place(name)[2], split_place(own.issuer)[2]
    return bool(place and own_place and fold_key(place) != fold_key(own_place))


def _parts(match: re.Match[str]) -> NumberParts | None:
    """The parts of a matched number; the old "73-CP" form has only serial and code."""
    raw = canonical_number(match.group())
    if raw is None:
        return None
    return parse_number(raw)


def _is_standard_code(text: str, start: int) -> bool:
    """"QCVN 104:2019/BGTVT", "TCVN 5945:2005/BKHCN": a standard's year, not a document number."""
    return start >= 2 and text[start - 1] == ":" and text[start - 2].isdigit()


_TITLE_ENDS_TYPE = re.compile(r"(?:quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|ke hoach|cong van|thong bao|"
                              r"quy dinh|ket luan|huong dan)$")


def _is_letterhead(text: str, start: int) -> bool:
    """Whether the number stands alone after "Số:" on a line of the document's head."""
    if start > _LETTERHEAD_SPAN:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if not _LETTERHEAD_RE.fullmatch(text, line_start, start):
        return False
    # "… BAN HÀNH KÈM THEO QUYẾT ĐỊNH / SỐ 4631/QĐ-UBND NGÀY …": a title broken before the number it cites
    above = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)].split()
    return not (len(above) > 2 and _TITLE_ENDS_TYPE.search(fold_key(" ".join(above[-3:]))))


def _read_one(
    text: str, match: re.Match[str], parts: NumberParts, prev: _Mention | None
) -> _Mention | None:
    """One mention: type and evidence start from before the number, date and issuer after it."""
    start, end = match.span()
    window_start = max(0, start - _WINDOW)
    doc_type, name, ev_start, typed = _introducer(text, window_start, start)
    lead_issuer = None
    if prev is not None and _continues(text, prev, start):
        # Enumeration member: "…, số 16/CT-TTg ngày 31/3/2020 và số 19/CT-TTg": same clause.
        chain, relation, lead_issuer = prev.chain, prev.citation.relation, prev.lead_issuer
        doc_type = doc_type or prev.word_type
        if not typed:
            so = _SO_RE.search(text, prev.citation.end, start)
            ev_start = so.start() if so else start
    else:
        chain = prev.chain + 1 if prev else 0
        if not typed:
            so = _SO_RE.search(text, window_start, start)
            if parts.form == "old":  # only a type word introduces "73-CP": right before it, or its clause's
                doc_type = _clause_type(text, window_start, so.start()) if so else None
                if doc_type is None:
                    return None
            elif so is None and not _plausible_bare(parts):
                return None
            ev_start = so.start() if so else start
        lead = _issuer_before(text, max(window_start, prev.citation.end if prev else 0), ev_start)
        if lead is not None:  # the evidence reads "chỉ đạo của UBND tỉnh tại Công văn số …"
            lead_issuer, ev_start = lead
        relation = _relation(text, ev_start)
    date, pos = _date_after(text, end, parts.year)
    issuer, pos = _issuer_after(text, pos)
    if issuer and date is None:  # "Công văn số 12/UBND-VP của UBND tỉnh ngày 5/9/2021"
        date, pos = _date_after(text, pos, parts.year)
    citation = Citation(
        number=parts.canonical, doc_type=_cited_type(doc_type, parts), date=date,
        issuer=issuer or lead_issuer, relation=relation, text=text[ev_start:pos], start=ev_start, end=pos,
        year=date.year if date else parts.year, name=name,
    )
    return _Mention(citation, chain, typed, pos, doc_type, lead_issuer)


# A type word earlier in the clause, with no number after it: "nghị quyết của Hội đồng Chính phủ (số 103-CP".
_CLAUSE_TYPE_RE = re.compile(rf"(?<!\w)(?P<type>{_TYPES})(?=[^;.:\n\d]*$)", re.IGNORECASE)


def _clause_type(text: str, lo: int, so_start: int) -> str | None:
    """The type an earlier word of the clause gives a number introduced by "số" alone, or None."""
    found = None
    for m in _CLAUSE_TYPE_RE.finditer(text, lo, so_start):
        found = m
    return _type_name(found.group("type")) if found else None


def _issuer_before(text: str, lo: int, ev_start: int) -> tuple[str, int] | None:
    """(issuer, evidence start) of "chỉ đạo của <issuer> tại" right before a reference, else None.

    The phrase must be a whole issuer as :func:`_issuer_span` reads one: "chỉ đạo của UBND tỉnh
    về việc … tại" names a subject, not an issuer, and is left alone.
    """
    lead = _LEAD_OF_RE.search(text, lo, ev_start)
    if lead is None:
        return None
    span = _issuer_span(text, lead.start("issuer"))
    if span is None or span[1] != lead.end("issuer"):
        return None
    return text[span[0]:span[1]], lead.start()


def _introducer(text: str, window_start: int, start: int) -> tuple[str | None, str | None, int, bool]:
    """Type, name and evidence start from the words right before a number."""
    intro = _INTRO_RE.search(text, window_start, start)
    if intro:  # "Công văn số 1367-CV/HU", "các Chỉ thị số", "Quyết định 1234/QĐ-UBND"
        return _type_name(intro.group("type")), None, intro.start(), True
    named = _NAMED_INTRO_RE.search(text, window_start, start)
    if named and named.group("name")[0].isupper():
        # "Luật Giao thông đường thủy nội địa số 23/2004/QH11"
        kind = named.group("type")
        return _TYPE_NAMES[kind.lower()], f"{kind} {named.group('name')}", named.start(), True
    return None, None, start, False


def _type_name(written: str) -> str:
    """The type name of a type word as written, with its words broken or glued: "Chỉ / thị" → "Chỉ thị"."""
    return _SPACELESS_TYPES["".join(written.split()).lower()]


def _continues(text: str, prev: _Mention | None, start: int) -> bool:
    """Whether only an enumeration joint (", số", " và ") lies between ``prev`` and ``start``."""
    if prev is None or start - prev.citation.end > 60:
        return False
    joint = _CONTINUE_RE.fullmatch(text, prev.citation.end, start)
    if joint is None:
        return False
    kind = joint.group("type")
    return kind is None or _type_name(kind) == prev.citation.doc_type


def _plausible_bare(parts: NumberParts) -> bool:
    """A number with no type word or "số" before it must look like a ký hiệu, not "12/ha"."""
    code = parts.issuer_code if parts.type_code is None else parts.type_code
    letters = sum(ch.isalpha() for ch in code)
    return letters >= 2 and code[0].isupper() and (parts.form != "state" or "-" in parts.canonical
                                                   or code.isupper())


def _cited_type(written: str | None, parts: NumberParts) -> str | None:
    """The type the words give, made specific by the ký hiệu when they name its general kind:
    "Thông tư số 03/2008/TTLT-BYT-BNV" cites a Thông tư liên tịch."""
    coded = _type_from_number(parts)
    if written is None or (coded and coded != written and coded.startswith(written + " ")):
        return coded
    return written


def _type_from_number(parts: NumberParts) -> str | None:
    """The type read from the ký hiệu when no word gives it."""
    if parts.doc_type:
        return parts.doc_type
    if parts.type_code:  # typed without diacritics: "198/2026/ND-CP"
        table = _FOLDED_TYPES.get(parts.form, _FOLDED_TYPES["state"])
        return table.get(fold(parts.type_code).upper())
    # A state number with no type code is a công văn (Nghị định 30/2020, Phụ lục III).
    return "Công văn" if parts.form == "state" else None


def _date_after(text: str, pos: int, year: int | None) -> tuple[dt.date | None, int]:
    """The date written right after a number, unless it contradicts the number's year.

    A normative number carries its year of signing: in "… Thông tư số 03/2014/TT-BKHCN
    ngày 26/07/2023 của Bộ …" the date belongs to the document whose title this is.
    """
    match = _TAIL_DATE_RE.match(text, pos)
    if match is None:
        return None, pos
    date = _to_date(match)
    if date is None or (year is not None and date.year != year):
        return None, pos
    return date, match.end()


def _to_date(match: re.Match[str]) -> dt.date | None:
    """The date of a ``_DATE`` match; None for an impossible one ("31/02/2021")."""
    d, m, y = (match.group("d"), match.group("m"), match.group("y"))
    if d is None:
        d, m, y = match.group("d2"), match.group("m2"), match.group("y2")
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer phrase after "của" at ``pos``, as written, and where it ends."""
    lead = _OF_RE.match(text, pos)
    if lead is None:
        return None, pos
    span = _issuer_span(text, lead.end())
    if span is None:
        return None, pos
    return text[span[0]:span[1]], span[1]


def _issuer_span(text: str, pos: int) -> tuple[int, int] | None:
    """Where the issuer phrase starting at ``pos`` ends: before a verb, preposition or stop."""
    line_end = text.find("\n", pos)
    limit = min(len(text), pos + 200, line_end if line_end >= 0 else len(text))
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, pos, limit)]
    end = None
    for i, (at, raw) in enumerate(tokens[:_MAX_ISSUER_WORDS]):
        word = raw.rstrip(_TRAIL)
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if _stops_issuer(word, nxt, tokens[i - 1][1] if i else ""):
            break
        if word.lower() == "và" and _NEXT_REFERENCE.match(text, at + len(raw)):
            break  # "của Thường trực Huyện ủy và Công văn số 105-CV/ĐU": the next reference, not a body
        if word:
            end = at + len(word)
        if word != raw:  # punctuation ends the phrase, except inside "Văn hóa, Thể thao"
            if raw[len(word)] != "," or nxt.rstrip(_TRAIL) not in _COMMA_CONTINUES:
                break
    return (pos, end) if end else None


def _stops_issuer(word: str, nxt: str, before: str) -> bool:
    """Whether ``word`` (followed by ``nxt``) no longer belongs to a body's name."""
    if not word or word[0] in "(“\"'":
        return True
    if word.isupper():  # a line in capitals: "… CỦA UBND TỈNH VỀ VIỆC"
        word, nxt, before = word.lower(), nxt.lower() if nxt.isupper() else nxt, before.lower()
    if any(ch.isdigit() for ch in word) and not re.fullmatch(r"[^\W\d_]+-\d+", word) \
            and not _numbered_place(word, before):
        return True  # a number or date, not a name ("Covid-19" is one)
    if word in _STOP_WORDS:
        return True
    pair = f"{word} {nxt.rstrip(_TRAIL)}"
    if pair in _STOP_PAIRS and not (pair == "chỉ đạo" and before in ("Ban", "ban")):
        return True
    return word == "và" and not nxt[:1].isupper()


def _numbered_place(word: str, before: str) -> bool:
    """ "Quận 3", "Phường 12", "xã Thường Phước 1": a one- or two-digit number ends a place's name."""
    return len(word) <= 2 and word.isdigit() and bool(before) and (
        before[0].isupper() or before.lower() in ("quận", "phường"))


def _relation(text: str, start: int) -> Relation:
    """The relation stated by the last relation word before ``start`` in its clause."""
    lo = max(0, start - _WINDOW * 2)
    cut = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    clause_start = cut[-1] if cut else lo
    # Words may run on past ``start`` ("theo | đề nghị", "theo | chỉ đạo của X tại"): matched in full,
    # but only those that begin before the reference count.
    found = _RELATION_RE.finditer(text, clause_start, min(len(text), start + _RUN_ON))
    for match in reversed([m for m in found if m.start() < start]):
        if _PASSIVE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            continue
        if _PASSIVE_AFTER.match(text, match.end(), start):
            continue
        if match.lastgroup == "theo" and start - match.end() > _THEO_REACH:
            continue
        return _RELATIONS[match.lastgroup]
    return Relation.MENTIONS


# 2. enumerations share the issuer written after the last member -----------------------

def _share_issuers(mentions: list[_Mention]) -> list[_Mention]:
    """Members of one enumeration and type take the issuer written after the last of them."""
    out = list(mentions)
    for i in range(len(out) - 1, 0, -1):
        cur, prev = out[i], out[i - 1]
        if cur.chain != prev.chain or cur.citation.issuer is None or prev.citation.issuer is not None:
            continue
        if prev.citation.doc_type == cur.citation.doc_type:
            out[i - 1] = replace(prev, citation=replace(prev.citation, issuer=cur.citation.issuer))
    return out


# 3. "… Quy định chi tiết … ngày 17/06/2011 của Chính phủ" ---------------------------

def _attach_distant_dates(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """A typed reference with neither date nor issuer takes the first free "ngày D của X" after it."""
    direct = sorted((m.citation.start, m.direct_end) for m in mentions)
    starts = [s for s, _ in direct]
    claimed: set[int] = set()
    out = list(mentions)
    for i in range(len(out) - 1, -1, -1):
        c = out[i].citation
        if not out[i].typed or c.date or c.issuer:
            continue
        found = _free_date(text, c.end, c.year, direct, starts, claimed)
        if found is None:
            continue
        claimed.add(found.start())
        date = _to_date(found)
        span = _issuer_span(text, found.end())
        end = span[1] if span else found.end("y") if found.group("y") else found.end("y2")
        out[i] = replace(out[i], citation=replace(
            c, date=date, year=date.year, issuer=text[span[0]:span[1]] if span else None,
            end=end, text=text[c.start:end]))
    return out


def _free_date(text: str, pos: int, year: int | None, direct: list[tuple[int, int]],
               starts: list[int], claimed: set[int]) -> re.Match[str] | None:
    """The first "ngày D của" after ``pos`` in its paragraph that no other reference owns."""
    para_end = text.find("\n\n", pos, pos + _DISTANT_REACH)
    limit = min(len(text), pos + _DISTANT_REACH, para_end if para_end >= 0 else len(text))
    for match in _DISTANT_RE.finditer(text, pos, limit):
        inside = bisect.bisect_right(starts, match.start()) - 1
        if inside >= 0 and direct[inside][0] <= match.start() < direct[inside][1]:
            continue  # the date of a nested reference
        date = _to_date(match)
        if match.start() in claimed or date is None or (year is not None and date.year != year):
            continue
        return match
    return None


# 4. laws cited by name ----------------------------------------------------------------

def _named_laws(text: str, numbered: list[Citation]) -> list[Citation]:
    """Laws cited by name and year that no numbered reference already covers."""
    spans = sorted((c.start, c.end) for c in numbered)
    starts = [s for s, _ in spans]
    out = []
    for match in _NAMED_RE.finditer(text):
        name_words = match.group("name").strip()
        if match.group("type") != "Hiến pháp" and not (
                name_words[:1].isupper() or name_words.startswith("sửa đổi")):
            continue  # "Luật này …" is not a name
        if _overlaps(match.start(), match.end(), spans, starts):
            continue
        of = _OF_RE.match(text, match.end())
        if of and not text.startswith("Quốc hội", of.end()):
            continue  # "… của Luật Bưu chính ngày 17/06/2011 của Chính phủ": another's date
        out.append(_named_citation(text, match))
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether [start, end) overlaps one of the nearest numbered references before ``end``."""
    i = bisect.bisect_left(starts, end)
    return any(s < end and start < e for s, e in spans[max(0, i - 3):i])


def _named_citation(text: str, match: re.Match[str]) -> Citation:
    """A law cited by name: no number; the name is kept with its year unless a date follows."""
    kind = match.group("type")
    date = _to_date(match) if (match.group("y") or match.group("y2")) else None
    # An impossible date ("ngày 31/02/2021") still states the year.
    year = int(match.group("year") or match.group("bare") or match.group("y") or match.group("y2"))
    name_end = match.end() if date is None else match.start("name") + len(match.group("name"))
    return Citation(
        number=None, doc_type=_TYPE_NAMES[kind.lower()], date=date, issuer=None,
        relation=_relation(text, match.start()), text=match.group(), start=match.start(),
        end=match.end(), year=year, name=text[match.start():name_end].strip(),
    )


# 5. one citation per document -----------------------------------------------------------

def _cut_short(text: str, end: int, rest: str) -> bool:
    """Does a number's code stop at ``end`` short of ``rest``: where the copy stops ("… số 2629/QĐ-T"),
    or with the rest of its word after a space ("01/2016/TT-BGD ĐT")? ("12/QĐ-UB" is a number of its own.)"""
    after = text[end:end + len(rest) + 2]
    return not text[end:].strip() or (after[:1] == " " and fold(after[1:]).lower().startswith(rest))


def _merge(cites: list[Citation], text: str) -> list[Citation]:
    """Merge repeated mentions of one document: the most complete evidence, gaps filled."""
    groups: dict[str, list[Citation]] = {}
    for c in sorted(cites, key=lambda c: c.start):
        # "36/2009/TT-BGD&ĐT" and "36/2009/TT-BGDĐT" in one text: one circular, spelled two ways
        key = number_key(c.number).replace("&", "") if c.number else f"name:{fold_key(c.name or '')}:{c.year}"
        groups.setdefault(key, []).append(c)
    for key in sorted(groups, key=len):  # a code cut inside a word: that number
        whole = next((k for k in groups if len(k) > len(key) and k.startswith(key) and "/" in key
                      and key[-1].isalpha() and k[len(key)].isalpha()
                      and all(_cut_short(text, c.end, k[len(key):]) for c in groups[key])), None)
        if whole is not None:
            groups[whole] = sorted(groups.pop(key) + groups[whole], key=lambda c: c.start)
    merged = [_merge_group(group) for group in groups.values()]
    return sorted(merged, key=lambda c: (c.start, c.end))


def _merge_group(group: list[Citation]) -> Citation:
    """One citation from mentions of one number."""
    def completeness(c: Citation) -> int:
        return (c.date is not None) + (c.issuer is not None)

    best = max(group, key=completeness)  # max keeps the first of equals
    date = best.date or next((c.date for c in group if c.date), None)
    issuer = best.issuer or next((c.issuer for c in group if c.issuer), None)
    relation = best.relation
    if relation is Relation.MENTIONS:
        relation = next((c.relation for c in group if c.relation is not Relation.MENTIONS), relation)
    year = date.year if date else best.year
    return replace(best, date=date, issuer=issuer, relation=relation, year=year,
                   doc_type=best.doc_type or next((c.doc_type for c in group if c.doc_type), None))
