"""Document numbers (số và ký hiệu): find, canonicalise, compare, and read the type from them.

Three forms, from Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW:

- state:       ``123/QĐ-UBND``, and a công văn has no type code: ``8252/UBND-KT5``;
- normative:   ``117/2020/NĐ-CP``, ``23/2021/QĐ-TTg``, ``59/2020/QH14``;
- Party:       ``288-CV/HU``, ``05-CT/TU``, ``02-KL/TW`` (the type sits between number and issuer).

>>> canonical_number("117 /2020/NĐ - CP")
'117/2020/NĐ-CP'
>>> number_key("845/ubnd-yt") == number_key("845/UBND - YT")
True
>>> parse_number("288-CV/HU").doc_type
'Công văn'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..vietnamese.text import fold

__all__ = [
    "NUMBER_RE",
    "OLD_NUMBER_RE",
    "NumberParts",
    "STATE_TYPES",
    "PARTY_TYPES",
    "NORMATIVE_TYPES",
    "canonical_number",
    "number_key",
    "parse_number",
    "type_for_code",
    "year_free_key",
]

# Nghị định 30/2020/NĐ-CP, Phụ lục III (and older codes that still occur).
STATE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
    # Older codes (Thông tư 01/2011/TT-BNV and before).
    "UQ": "Giấy ủy quyền", "NP": "Giấy nghỉ phép", "GN": "Giấy nghỉ phép", "TTh": "Thông tri",
    "BCK": "Bản cam kết", "CN": "Giấy chứng nhận",
}

# Normative documents (Luật Ban hành văn bản quy phạm pháp luật): the year sits in the number.
NORMATIVE_TYPES: dict[str, str] = {
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch", "PL": "Pháp lệnh", "L": "Luật", "QH": "Luật",
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "LCT": "Lệnh",
}

# Hướng dẫn 36-HD/VPTW: Party document types.
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "CT": "Chỉ thị", "QĐi": "Quy định", "QC": "Quy chế",
    "KL": "Kết luận", "TB": "Thông báo", "HD": "Hướng dẫn", "CV": "Công văn",
    "BC": "Báo cáo", "QĐ": "Quyết định", "KH": "Kế hoạch", "CTr": "Chương trình",
    "TT": "Thông tri", "QTr": "Quy trình", "TTr": "Tờ trình", "ĐA": "Đề án",
    "PA": "Phương án", "BB": "Biên bản", "TC": "Thông cáo", "CĐ": "Công điện",
}

_L = "A-Za-zĐđÐƯư"  # Ð (U+00D0): a look-alike typo of Đ that real documents contain; TƯ: Trung ương
# "&" occurs inside real ký hiệu: 16/2013/TTLT-BYT-BNN&PTNT, 05/2012/TT-BGD&ĐT.
# Old and local forms put a dot inside the code: 01/1999/QĐ.UB, 1659/VPCP-V.III, 931/TTr-PGD.Q8.
_DOT = r"(?:\.[A-ZĐƯ0-9&]+)*"
_CODE = rf"[{_L}][{_L}0-9&]*{_DOT}"
# A serial may carry a letter: 30c/NQ-CP, 36a/NQ-CP, 522b/NQ-UBTVQH13; in the 1980s a capital: 64B/HĐBT.
_SERIAL = r"\d{1,6}(?:[a-zđ]|[A-Z](?=\s?/))?"
# A number as written in cleaned text. Spaces around "/" and "-" are tolerated; clean() removes most.
# Joint normative numbers may separate type and issuers by "/": 235/2009/TTLT/BTC-BGTVT-BTT; so do some
# local ones: 06/HĐND/BCTT-PC.
_H = "[-\u2010-\u2014]"  # a hyphen, or the dash a word processor puts for " - "
# Web copies lose spaces: "số31-QĐ/TW", "10/2007/NQ-HĐNDngày 04": the number still stands between
# "số" and a lower-case word glued on (a ký hiệu ends in a capital or a digit there).
_GLUED_BEFORE = r"(?:(?<![\w/.-])|(?<=số)|(?<=Số)|(?<=SỐ)|(?<=\ss))"  # "Nghị định s20/2008/NĐ-CP": "số" lost its "ố"
_GLUED_AFTER = r"(?:(?![\w/]|-\w)|(?<=[A-ZĐ0-9])(?=ngày|của|về|năm|và|tại))"
# A PDF's text layer drops hyphens: "Nghị quyết số 20NQ/TW" for 20-NQ/TW. Glued to its serial, a Party
# type is read only before the ký hiệu of a Party committee, so "12QĐ/UBND" stays no number.
_GLUED_PARTY_TYPES = "NQ|CT|KL|QĐ|QĐi|HD|TB|CV|KH|BC|QC|CTr|ĐA"
_PARTY_BODIES = r"(?:TW|TƯ|TU|HU|QU|ĐU|TXU|ĐUK)(?![\w-])"
NUMBER_RE = re.compile(
    rf"""{_GLUED_BEFORE}
    (?:
        (?P<party>{_SERIAL}\s?{_H}\s?(?P<ptype>{_CODE})\s?/\s?(?P<pissuer>{_CODE}(?:\s?{_H}\s?[{_L}0-9&]+{_DOT})*))
      | (?P<glued>\d{{1,5}}(?P<gtype>{_GLUED_PARTY_TYPES})/(?P<gissuer>{_PARTY_BODIES}))
      | (?P<state>{_SERIAL}\s?/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?
           (?P<scode>(?:-(?=[A-ZĐ]))?{_CODE}(?:\s?{_H}\s?[{_L}0-9&]+{_DOT})*(?:/{_CODE}(?:\s?{_H}\s?[{_L}0-9&]+{_DOT})*)?))
    ){_GLUED_AFTER}""",
    re.VERBOSE,
)

# Before 1992 (and in copies of that time) a number has no slash: "51-HĐBT", "214-CP", "64B-HĐBT",
# "119-TTg". Only a "Số:" line or a type word may introduce it: on its own "3-KT" is no number.
OLD_NUMBER_RE = re.compile(r"(?<![\w/.-])\d{1,5}[A-Za-z]?\s?-\s?[A-ZĐ][A-Za-zĐđ]{0,5}(?![\w/-])")

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
                        "\u00d0": "Đ"})  # Ð → Đ: same letter to a reader


@dataclass(frozen=True)
class NumberParts:
    """A number split into its parts. ``form`` is ``state``, ``normative``, ``party`` or ``old``
    (no slash: "51-HĐBT")."""

    canonical: str
    serial: int
    year: int | None
    type_code: str | None
    issuer_code: str
    form: str

    @property
    def doc_type(self) -> str | None:
        return type_for_code(self.type_code, self.form)


def canonical_number(text: str | None) -> str | None:
    """The canonical form: NFC, no spaces, ASCII hyphens; the document's own letters kept."""
    if text is None:
        return None
    s = unicodedata.normalize("NFC", text).translate(_DASHES)
    s = _SPACE_RUN.sub("", s).strip(".,;:")
    return s or None


# The patterns of the number helpers below, compiled once: the parser and the citation finder call
# them a few dozen times a document, where re's cache lookup cost more than the match.
_SPACE_RUN = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")
_DIGITS = re.compile(r"\d+")
_CODE_SEPARATOR = re.compile(r"([-/.])")
_ASSEMBLY = re.compile(r"(QH|UBTVQH)\d*")
_STATE_CODES_UPPER = frozenset(code.upper() for code in STATE_TYPES)  # "qđ-UBND": a type code in any case


def number_key(text: str) -> str:
    """Key for matching numbers however typed: folded, lower case, no leading zeros.

    >>> number_key("05-CT/TU") == number_key("5-ct/tu")
    True
    """
    s = _TU.sub("TW", canonical_number(text) or "")  # "TƯ" typed (or read by OCR) for "TW"
    return _LEADING_ZEROS.sub("", fold(s).lower())


_TU = re.compile(r"(?<![^\W\d_])TƯ(?![^\W\d_])")


def year_free_key(text: str, year: int | None) -> str | None:
    """The key of a number written with ``year`` in it, that year taken out: "1114/2003/QĐ-UB" and
    2003 → the key of "1114/QĐ-UB" (an annex naming its own decision with the year added); None where
    the number does not hold that year."""
    if year is None or f"/{year}/" not in (canonical_number(text) or ""):
        return None
    return number_key(canonical_number(text).replace(f"/{year}/", "/", 1))


def type_for_code(code: str | None, form: str = "state") -> str | None:
    """The Vietnamese type name for a ký hiệu type code, by the form's table."""
    if not code:
        return None
    table = {"party": PARTY_TYPES, "normative": NORMATIVE_TYPES}.get(form, STATE_TYPES)
    for candidate in (code, code.upper()):
        if candidate in table:
            return table[candidate]
    if form == "normative":
        return STATE_TYPES.get(code)
    return None


def parse_number(text: str) -> NumberParts | None:
    """Split a number into serial, year, type code and issuer code; None if it is not one."""
    canonical = canonical_number(text)
    if not canonical:
        return None
    m = NUMBER_RE.fullmatch(canonical)
    serial_match = _DIGITS.match(canonical)
    if not m:
        if serial_match and OLD_NUMBER_RE.fullmatch(canonical):  # 51-HĐBT: serial and issuer only
            return NumberParts(canonical, int(serial_match.group()), None, None, canonical.split("-", 1)[1], "old")
        return None
    serial = int(serial_match.group())  # 30c/NQ-CP: the serial is 30
    if m.group("party"):
        return NumberParts(canonical, serial, None, m.group("ptype"), m.group("pissuer"), "party")
    if m.group("glued"):  # 20NQ/TW: a Party number whose hyphen a text layer lost
        return NumberParts(canonical, serial, None, m.group("gtype"), m.group("gissuer"), "party")
    year = int(m.group("year")) if m.group("year") else None
    code = m.group("scode")
    if code.startswith("-"):  # "1281/-UBND": a copy lost the type code before the hyphen; the issuer's stays
        return NumberParts(canonical, serial, year, None, code[1:], "normative" if year else "state")
    # "QĐ-UBND", "QĐ/UBND" and the old "QĐ.UB": the type code, then the issuer's.
    head, _, tail = _CODE_SEPARATOR.split(code, maxsplit=1) if _CODE_SEPARATOR.search(code) else (code, "", "")
    if year is not None:
        # 117/2020/NĐ-CP: type-issuer; 59/2020/QH14: issuer only (a law of the National Assembly).
        if tail:
            return NumberParts(canonical, serial, year, head, tail, "normative")
        qh = _ASSEMBLY.fullmatch(head)
        return NumberParts(canonical, serial, year, "QH" if qh and head.startswith("QH") else None, head, "normative")
    if tail and head in STATE_TYPES or (tail and head.upper() in _STATE_CODES_UPPER):
        return NumberParts(canonical, serial, None, head, tail, "state")
    # Công văn: no type code, the whole ký hiệu names the issuer and the drafting unit.
    return NumberParts(canonical, serial, None, None, code, "state")
