"""Metadata of a directive, read from its letterhead, title and signature block.

:func:`parse_document` takes PREPARED text (:func:`vanthu.vietnamese.text.prepare`: one item of a
flattened letterhead per line) and follows the layout rules of Nghị định 30/2020/NĐ-CP (state
documents) and Hướng dẫn 36-HD/VPTW (Party documents):

- the letterhead (left column, upper case) names the parent body and the issuer, one above the other;
- "Số: 123/QĐ-UBND" gives the number; "Số: /UBND-VP" is an unnumbered copy (number None);
- "<Place>, ngày … tháng … năm …" gives the place and date; a blank day keeps the year only;
- "V/v …" (or the title under the type name: "QUYẾT ĐỊNH / Về việc …") gives the subject;
- "Kính gửi:" lists the recipients; the signature block gives signer and title.

A field the text does not state is None — never a guess. One rule reads a little more than the
letterhead, because copies often lose it: when there is NO letterhead, the issuer is still stated
when the ký hiệu names the body kind (``UBND`` → Ủy ban nhân dân, ``HU`` → Huyện ủy), the document
names its own unit in a self-reference ("UBND huyện chỉ đạo như sau") and the place of issue is a
unit of that kind in the gazetteer (ND 30: the place of issue of a district body is its district):
"Ủy ban nhân dân huyện Bình Xuyên". Without the place line the issuer stays the body kind alone
("Huyện ủy"), never a neighbouring place name from the body text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..vietnamese.gazetteer import communes_2025, gazetteer, level_of_place, province_title
from ..vietnamese.layout import document_end, document_start, is_motto
from ..vietnamese.text import fold_key
from .issuers import (
    ABBREVIATIONS, body_case, canonical_body, code_issuer, expand_abbreviations, expand_issuer, issuer_level,
    respell_place, split_place,
)
from .numbers import NORMATIVE_TYPES, NUMBER_RE, OLD_NUMBER_RE, PARTY_TYPES, STATE_TYPES, NumberParts, parse_number
from .types import Document, Level

__all__ = ["parse_document", "parse_date", "URGENCIES"]

# How far into the document the letterhead and title may reach, in lines.
_HEAD_LINES = 45
# The signature block sits in the last lines.
_TAIL_LINES = 60

URGENCIES = {"hoa toc hen gio": "Hỏa tốc hẹn giờ", "hoa toc": "Hỏa tốc",
             "thuong khan": "Thượng khẩn", "khan": "Khẩn"}

_TYPE_NAMES = {fold_key(name): name for table in (STATE_TYPES, PARTY_TYPES, NORMATIVE_TYPES)
               for name in table.values()}
_TYPE_NAMES.update({fold_key(n): n for n in ("Công văn", "Luật", "Nghị định", "Thông tư", "Pháp lệnh",
                                            "Lệnh", "Thông tư liên tịch", "Kế hoạch", "Quy định",
                                            "Thư ngỏ", "Thư kêu gọi", "Lời kêu gọi")})

_TYPE_PREFIXES = sorted(_TYPE_NAMES, key=len, reverse=True)
# Lines that start like a title or a section never name a body.
_TITLE_STARTS = tuple(_TYPE_NAMES) + ("chuong", "dieu", "phan", "muc", "phu luc", "nhung quy dinh",
                                       "lich tiep", "lich cong tac", "lich lam viec", "lich truc")  # no body's name
_LETTERHEAD_LINES = 16

# "Số: 42/2013/QĐ-UBND"; a law's or resolution's letterhead may name the type: "Nghị quyết số: 653/…";
# a typist's stray dot after the colon: "Số:. 4315/BGDĐT-GDTrH".
_NUMBER_LINE = re.compile(r"^(?:(?i:nghị quyết|luật|pháp lệnh|nghị định|lệnh|quyết định)\s+)?(?:Số|SỐ|số|S(?=:))\s*[:.]*\s*"
                          r"(?P<rest>(?:\d|[.…_ ]*/).*)$")
_BLANK_NUMBER = re.compile(r"^[.…_ ]*/\s*(?P<code>[\w.-]+(?:/[\w.-]+)?)")
# The subject marker, with the typos real letters carry: "V/V", "V.v", "V / v", "Về viêc", "VỀ VIÊC".
_VV_WORDS = r"V\s?/\s?[vV]|v/v|Vv|V\.[vV]|V[ềê]\s*vi[ệêe]c|V[ỀÊ]\s*VI[ỆÊE]C|V vic"
_VV = re.compile(rf"^(?:{_VV_WORDS}|Về(?=\s*:)|Trích yếu)\s*[:.]?\s*(?P<rest>.*)$")
_KINH_GUI = re.compile(r"^[-+•]?\s*Kính gửi\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•–]\s*")
_BODY_OPENER = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Theo chỉ đạo|Nhằm|Để|Thời gian qua|Hiện nay|"
    r"Tiếp theo|Trong thời gian|Ngày \d|Điều \d|Chương [IVX\d]|[IVX]+\.|\d+\.\s)"
)
_MOTTO = re.compile(r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|VIỆT NAM DÂN CHỦ CỘNG HÒA|"
                    r"Độc lập - Tự do - Hạnh phúc|[-_*=.~—– ]+)$")
# Marks that sit in the letterhead area but name no body: urgency, secrecy, draft, copy.
_MARKS = re.compile(r"^(?:ĐỘ KHẨN\s*:?\s*)?(?:HỎA TỐC HẸN GIỜ|HỎA TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TỐI MẬT|"
                    r"TUYỆT MẬT|DỰ THẢO|BẢN SAO|SAO Y BẢN CHÍNH)\W*$")
# Words that begin a body's name: a letterhead line starting otherwise continues the line above.
_BODY_HEADS = re.compile(
    r"^(?:ỦY BAN|HỘI ĐỒNG|UBND|HĐND|SỞ|BỘ|BAN|PHÒNG|VĂN PHÒNG|TRUNG TÂM|ĐẢNG BỘ|ĐẢNG ỦY|"
    r"(?:TỈNH|HUYỆN|THÀNH|QUẬN|THỊ) ỦY|CÔNG AN|CHI CỤC|TỔNG CỤC|CỤC|MẶT TRẬN|ĐOÀN|HỘI|TRƯỜNG|"
    r"BỆNH VIỆN|VIỆN|HỌC VIỆN|THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI|THƯỜNG TRỰC|TÒA ÁN|KHO BẠC|"
    r"CHI NHÁNH|CÔNG TY|LIÊN ĐOÀN|TỔNG LIÊN ĐOÀN|ĐẠI HỌC|BCĐ|BCH|BTV|CHỦ TỊCH|"
    r"THUẾ (?:TỈNH|THÀNH PHỐ|CƠ SỞ)|HẢI QUAN (?:KHU VỰC|CỬA KHẨU)|BẢO HIỂM XÃ HỘI)\b"  # after the 2025 reform
)
_CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương"
_URGENCY_LABEL = re.compile(r"^độ khẩn\s*:?\s*", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"ng(?:ày|ay)\s*(?P<d>\d{1,2})?[\s.…_]*th(?:áng|ang)\s*(?P<m>\d{1,2})?[\s.…_]*n(?:ăm|am|m)\s*(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE,
)
_DATE_DIGITS = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d)(?!\d)"
)
# (A text layer that lost every letter outside ASCII: "Ph Th, ngay 12 thang 01 nm 2017", "V vic …", "S: 02/HD".)
_PLACE_DATE = re.compile(r"^(?P<place>[^\W\d_][^,:;]{0,40}?)\s*,\s*(?P<date>ng(?:ày|ay)\b.*)$", re.IGNORECASE)
# A form's date line whose place was left to fill in: "……….., ngày 20 tháng 6 năm 2018".
_BLANK_PLACE_DATE = re.compile(r"^(?P<place>)[.…_ ]{2,},\s*(?P<date>ng(?:ày|ay)\b.*)$", re.IGNORECASE)
_SIGN_PREFIX = re.compile(r"^(?:(?:TM|KT|TL|TUQ|T/M|K/T|T/L|Q|TM\.|KT\.|TL\.|TUQ\.|Q\.|T\.M|K\.T|T\.L)\.?\s"  # "K.T." old
                          r"|(?:TM|KT|TL|TUQ)\.(?=[A-ZĐỦ])"  # "KT.CHỦ TỊCH"
                          r"|P\.\s?(?=CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|BÍ THƯ|CHÁNH))")  # "P. CHỦ TỊCH": Phó
_SIGN_TITLES = re.compile(
    r"^(?:pho )?(?:chu tich|bi thu|giam doc|truong ban|truong phong|chanh van phong|bo truong|"
    r"thu truong|thu tuong|chu nhiem|tong bi thu|chanh an|vien truong|cuc truong|tong cuc truong|"
    r"truong|hieu truong|uy vien|chi huy truong|thu truong co quan|vu truong|tong giam doc|chanh thanh tra)\b"
)
_SELF_REFERENCE = re.compile(
    r"(?:UBND|Ủy ban nhân dân) (?P<unit>tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) "
    r"(?:chỉ đạo|yêu cầu|có ý kiến|đề nghị|giao|thông báo|quyết định|hướng dẫn|ban hành|trân trọng)"
)
# A rule of dashes or stars at either end of a line that also holds text.
_RULE_AT_EDGE = re.compile(r"(?<=\w)\s+[-=*~_–]{3,}$|^[-=*~_–]{3,}\s+(?=\w)")
_RULE_CHARS = ("-", "=", "*", "~", "_", "–")


def _strip_rule(line: str) -> str:
    return _RULE_AT_EDGE.sub("", line) if line.endswith(_RULE_CHARS) or line.startswith(_RULE_CHARS) else line


_SKIP_BEFORE_SIGNER = re.compile(r"^[(\[]?\s*(?:đã ký|ký|ký tên|đóng dấu|daky|signed)\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class _Head:
    """What the head of the document states, line by line."""

    letterhead: tuple[str, ...]
    number_line: str | None
    place: str | None
    date_line: str | None
    subject: str | None
    title_type: str | None
    urgency: str | None
    has_vv: bool
    author: str | None  # "NGHỊ QUYẾT / của Bộ Chính trị / về …": the body the title names
    captioned: str | None = None  # the issuer a portal's caption names, in place of a letterhead


def parse_document(text: str) -> Document:
    """Metadata of one prepared document; every field it does not state is None. Never raises."""
    # "_Số: 58/2024/QH15_" (Markdown); "BỘ NÔNG NGHIỆP … -------" (a flattened cell keeps its rule)
    lines = [_strip_rule(line.strip().strip("_").strip()) for line in text.split("\n")]
    start = document_start(lines)  # after a legal portal's furniture, if the text was copied with it,
    end = document_end(lines, start)  # and before the page's own trailing lists
    if start or end < len(lines):
        lines = lines[start:end]
        text = "\n".join(lines)
    head = _read_head(lines[:_HEAD_LINES])
    parts, blank_code = _number(head.number_line)
    date, year = parse_date(head.date_line)
    if year is None and parts is not None and parts.year:
        year = parts.year
    signer_title, signer = _signature(lines)
    parent, issuer = _letterhead_bodies(head.letterhead)
    issuer = _cut_name_completed(issuer, parts)
    issuer = issuer or head.captioned or _enacting_body(lines[:_HEAD_LINES])  # no letterhead: the enacting line
    if issuer is None and parts is not None and \
            code_issuer(_party_code(blank_code or parts.issuer_code, head.place)) == _CENTRAL_COMMITTEE:
        issuer = _CENTRAL_COMMITTEE  # a copy without letterhead: the ký hiệu "/TW" names the committee
    parent, issuer = _politburo(parent, issuer, head.author, signer_title)
    if issuer == "Phủ Thủ tướng" and parts is not None and parts.issuer_code == "TTg":
        issuer = "Thủ tướng Chính phủ"  # before 1981 the Prime Minister wrote under his office's letterhead
    issuer_name, level = _issuer(parent, issuer, parts, blank_code, head.place, text, year)
    if issuer_name is None:  # nor a ký hiệu naming the body: the body naming itself in its text
        issuer_name = _self_named(text[:_SELF_REACH], date, year)
        level = issuer_level(issuer_name, year)
    elif level is None:
        issuer_name = _completed_body(issuer_name, lines[:_HEAD_LINES])
        level = issuer_level(issuer_name, year) if issuer_name != issuer else None
        level = level or _stated_level(issuer_name, lines[:_HEAD_LINES], head.place, date, year)
        if level is None:
            level = _own_province(issuer_name, head.place, text, year)
            if level and re.search(rf"\btỉnh {re.escape(head.place)}(?!\w)", text[:_SELF_REACH]):
                issuer_name = f"{issuer_name} tỉnh {head.place}"  # "… trên địa bàn tỉnh Lạng Sơn": its own name
    issuer_name, parent = canonical_body(issuer_name), canonical_body(parent)
    return Document(
        number=parts.canonical if parts and not blank_code else None,
        doc_type=_doc_type(head, parts) or (None if head.number_line else _self_stated_type(text))
        or _formula_type(lines[:_HEAD_LINES + 40]),
        issuer=issuer_name,
        issuer_level=level,
        parent_body=parent,
        place=head.place,
        date=date,
        year=year,
        subject=head.subject,
        urgency=head.urgency,
        recipients=_recipients(lines[:_HEAD_LINES + 20]),
        signer=signer,
        signer_title=signer_title,
    )


# The head: letterhead, number, place and date, title, subject, urgency ----------------------


def _is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and not any(ch.islower() for ch in letters)


def _read_head(lines: list[str]) -> _Head:
    """Walk the head lines once, classifying each; stops at the first line of the body."""
    found: dict = {"letterhead": [], "number_line": None, "place": None, "date_line": None,
                   "subject": None, "title_type": None, "urgency": None, "has_vv": False,
                   "author": None}
    letterhead_open = True
    i = _caption(lines, found)
    while i < len(lines):
        line = lines[i]
        if not line or _MOTTO.match(line) or is_motto(line):
            i += 1
            continue
        if _KINH_GUI.match(line) or _is_body_start(line):
            if found["date_line"] is None and _KINH_GUI.match(line):
                _date_after(lines, i, found)
            break
        i = _classify(lines, i, found)
        # The right column's date may come before the left column's last line (an interleaved copy:
        # "BAN CHẤP HÀNH TRUNG ƯƠNG / Hà Nội, ngày … / VĂN PHÒNG / Số: 21-HD/VPTW"): the number closes it.
        if found["number_line"] or found["title_type"] or found["has_vv"]:
            letterhead_open = False
        elif letterhead_open and i < _LETTERHEAD_LINES and _is_letterhead_line(line):
            found["letterhead"].append(line)
        i += 1
    found["letterhead"] = tuple(found["letterhead"])
    return _Head(**found)


def _date_after(lines: list[str], i: int, found: dict) -> None:
    """A place-and-date line a few lines after "Kính gửi:" (a web copy's table put the left column's
    recipients' heading before the right column's date line): record it."""
    for line in lines[i + 1:i + 6]:
        place_date = _PLACE_DATE.match(line)
        if place_date and parse_date(line)[1]:
            found["place"] = place_date.group("place").strip()
            found["date_line"] = place_date.group("date")
            return


# A portal's caption in place of the letterhead: "Công văn số 175-CV/TU ngày 25/01/2007 của Thành ủy
# TPHCM về việc tổ chức …" as the text's first line.
_CAPTION = re.compile(
    r"^(?P<type>" + "|".join(sorted(map(re.escape, set(_TYPE_NAMES.values())), key=len, reverse=True)) + r")"
    r" số:? (?P<number>\S+) (?P<date>ngày \S+(?: tháng \d{1,2} năm \d{4})?) của (?P<issuer>.+?)"
    r" (?:về việc|V/v|về) (?P<subject>.+?)\.?$"
)


def _caption(lines: list[str], found: dict) -> int:
    """Read a caption on the first line into ``found``; returns the line to read on from."""
    first = next((k for k, line in enumerate(lines) if line), len(lines))
    m = _CAPTION.match(lines[first]) if first < len(lines) else None
    if m is None or NUMBER_RE.fullmatch(m.group("number")) is None:
        return 0
    found.update(number_line=m.group("number"), date_line=m.group("date"), title_type=m.group("type"),
                 subject=m.group("subject"), captioned=expand_issuer(m.group("issuer"))[0])
    return first + 1


def _is_letterhead_line(line: str) -> bool:
    """A capital line that can name a body: not a mark, not a heading, not a type or chapter title.

    (A Markdown heading "## VĂN BẢN" is a section of a web page; "QUY ĐỊNH CHUNG" is a chapter.)
    """
    if not line[0].isalpha() or ":" in line or not _is_upper_line(line) or _MARKS.match(line):
        return False
    key = fold_key(line)
    # ("CỦA CHỦ TỊCH …" names a title's author, never a body of the letterhead)
    return not key.startswith("cua ") and not any(key == t or key.startswith(t + " ") for t in _TITLE_STARTS)


def _is_body_start(line: str) -> bool:
    if _VV.match(line) or _NUMBER_LINE.match(line):
        return False
    if len(line) <= 40 and re.fullmatch(r"[Nn]gày[\s\d/.…_-]*(?:tháng[\s\d.…_]*năm\s*\d{4})?", line):
        return False  # "Ngày 20 tháng 12 năm 2019": a date line of its own, not a paragraph
    return bool(_BODY_OPENER.match(line)) or len(line) >= 200


def _classify(lines: list[str], i: int, found: dict) -> int:
    """Record what line ``i`` states; returns the index of the last line it consumed."""
    line = lines[i].lstrip("#").lstrip() if lines[i].startswith("#") else lines[i]  # "# NGHỊ QUYẾT"
    number = _NUMBER_LINE.match(line)
    if number and found["number_line"] is None:
        found["number_line"] = number.group("rest")
        return i
    place_date = _PLACE_DATE.match(line) or _BLANK_PLACE_DATE.match(line)
    if place_date and found["date_line"] is None:
        found["place"] = place_date.group("place").strip() or None
        found["date_line"] = place_date.group("date")
        return i
    if re.match(r"^ngày\b", line, re.IGNORECASE) and found["date_line"] is None and parse_date(line)[1]:
        found["date_line"] = line
        return i
    mark = fold_key(_URGENCY_LABEL.sub("", line)).strip(" .:()") if len(line) <= 30 else ""
    if mark in URGENCIES and found["urgency"] is None:
        found["urgency"] = URGENCIES[mark]
        return i
    vv = _VV.match(line) or (_ABOUT_UNDER_NUMBER.match(line) if _under_number(lines, i) else None)
    if vv and found["subject"] is None:
        found["has_vv"] = not line.startswith("Trích")
        subject, last = _continued(lines, i, vv.group("rest"))
        found["subject"] = subject
        return last
    if found["title_type"] is None and _split_type(line, lines[i + 1] if i + 1 < len(lines) else ""):
        i += 1  # "NGHỊ" / "QUYẾT": the type name broken over two lines of its cell
        line = f"{line} {lines[i]}"
    title, rest = _title_line(line)
    if title and found["title_type"] is None:
        found["title_type"] = title
        subject, author, last = _title_subject(lines, i + 1, _Title(title, rest, tuple(found["letterhead"])))
        numbered = _numbered_title(subject) if subject and subject[:2] in ("SỐ", "Số") else None
        if numbered:  # "NGHỊ QUYẾT / SỐ 214 NQ/UBTVQH9 NGÀY 26-8-1994 / CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI QUY ĐỊNH …"
            subject, author, number, date = numbered
            found["number_line"] = found["number_line"] or number
            found["date_line"] = found["date_line"] or date
            if author and not found["letterhead"]:
                found["captioned"] = respell_place(body_case(author))
        if subject and found["subject"] is None:
            found["subject"], found["author"] = subject, author
        return last
    if _untitled_caps_subject(line, found):  # a header that lost its type line: the title block alone
        subject, author, last = _title_subject(lines, i, _Title(None, "", tuple(found["letterhead"])))
        found["subject"], found["author"] = subject, author
        return last
    return i


# A công văn's trích yếu under its number may open with "Về" for "V/v": "Số: 214/UBND-VX" / "Về cho phép
# tổ chức …". It is kept as written ("Về cho phép …"), as a title's "VỀ …" is.
_ABOUT_UNDER_NUMBER = re.compile(r"^(?P<rest>Về (?!việc\b)[a-zà-ỹđ].*)$")


def _under_number(lines: list[str], i: int) -> bool:
    """Is line ``i`` the first line after the number line (blank lines aside): the left column's trích yếu?"""
    k = i - 1
    while k >= 0 and not lines[k]:
        k -= 1
    return k >= 0 and bool(_NUMBER_LINE.match(lines[k]))


# Words that qualify a type on its line without starting the subject: "BÁO CÁO TUẦN", "BÁO CÁO NHANH",
# "KẾ HOẠCH LIÊN TỊCH", "THÔNG BÁO KẾT LUẬN", "CÔNG ĐIỆN KHẨN". The type is the base type.
_QUALIFIERS = re.compile(r"^(?:(?:tuan|thang|quy|nam|nhanh|dinh ky|dot xuat|lien tich|ket luan|khan|thuong khan|"
                         r"hoa toc|mat|hanh dong)(?: |$))+$")  # "KẾ HOẠCH HÀNH ĐỘNG": an action plan


def _title_line(line: str) -> tuple[str | None, str]:
    """(type, rest) of a title line in capitals: "QUYẾT ĐỊNH" → ("Quyết định", ""); a line that runs
    on after the type gives the rest: "QUYẾT ĐỊNH CỦA UBND TỈNH" → ("Quyết định", "CỦA UBND TỈNH")."""
    if not _is_upper_line(line) or len(line) > 200:
        return None, ""
    key = fold_key(line)
    if key in _TYPE_NAMES:
        return _TYPE_NAMES[key], ""
    for name in _TYPE_PREFIXES:
        if key.startswith(name + " "):
            rest = " ".join(line.split()[len(name.split()):])
            qualified = _QUALIFIERS.match(fold_key(rest)) or re.fullmatch(r"\([^()]{2,30}\)", rest)
            return _TYPE_NAMES[name], "" if qualified else rest  # "QUY ĐỊNH (BỔ SUNG)": the type qualified
    return None, ""


def _split_type(line: str, nxt: str) -> bool:
    """A type name in capitals broken after its first word: "NGHỊ" / "QUYẾT", "KẾ" / "HOẠCH"."""
    return (len(line.split()) == 1 and _is_upper_line(line) and fold_key(line) not in _TYPE_NAMES
            and fold_key(f"{line} {nxt}") in _TYPE_NAMES and _is_upper_line(nxt))


_UNIT_START = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU) ")


def _untitled_caps_subject(line: str, found: dict) -> bool:
    """A line in capitals after the number and date, with no title yet: the title block itself."""
    if found["letterhead"] and found["number_line"] is None and _UNIT_START.match(line):
        return False  # "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HỒ CHÍ MINH" after a date line: the letterhead goes on
    return (found["title_type"] is None and found["subject"] is None and not found["has_vv"]
            and bool(found["number_line"] or found["date_line"]) and _is_upper_line(line)
            and len(line.split()) >= 4 and not _is_authority(line, tuple(found["letterhead"]))
            and not _MARKS.match(line) and line[0].isalpha())


def _continued(lines: list[str], i: int, first: str) -> tuple[str | None, int]:
    """A subject that wraps onto the next lines: they start in lower case or are short."""
    first = first.lstrip("#").strip()  # "## Quy định …": a Markdown heading around the title
    parts = [first] if first else []
    j = i + 1
    while j < len(lines):
        if not lines[j] and parts and (_lower_after_blank(lines, j) or parts[-1].endswith(",")
                                       and _short_after_blank(lines, j)):
            j += 1  # "Về việc ban hành Quy định …" / "" / "trên địa bàn tỉnh": a blank inside the title
        if not _continues_subject(lines[j], bool(parts)) and not (
                parts and parts[-1].endswith(_OPEN_ENDS) and lines[j] and not _is_body_start(lines[j])
                and not _BODY_OPENER.match(lines[j])):  # "… ban hành kèm theo / Quyết định số 99-QĐ/TW …"
            break
        parts.append(lines[j])
        j += 1
    subject = _LOOSE_MARKS.sub("", " ".join(parts)).strip(" .;:") or None
    return subject, j - 1


# A subject line ending in one of these words runs on to the next line, whatever that line starts with.
_OPEN_ENDS = (" kèm theo", " của", " và", " về", " tại", " cho", " với", " các", " đối với", " trên", " thuộc")

# Tone marks a PDF's text layer set apart from their letters, trailing the line: "… Đao tao. ̉ ̀ ́ ̣".
_LOOSE_MARKS = re.compile(r"(?:\s+[\u0300-\u036f]+)+\s*$")


def _short_after_blank(lines: list[str], j: int) -> bool:
    """ "…, hộ cận nghèo," / "" / "Sau khi rà soát cuối năm 2022": a short line after a title line that
    ends in a comma finishes the title, whatever its first letter."""
    return j + 1 < len(lines) and 0 < len(lines[j + 1]) < 100 and not _is_body_start(lines[j + 1]) \
        and not _KINH_GUI.match(lines[j + 1]) and not _is_upper_line(lines[j + 1])


def _lower_after_blank(lines: list[str], j: int) -> bool:
    """A line that starts in lower case after a blank line still continues the subject: no
    paragraph starts in lower case."""
    k = j
    while k < len(lines) and not lines[k] and k - j < 2:
        k += 1
    return k < len(lines) and lines[k][:1].islower() and len(lines[k]) < 160 and k == j + 1


def _continues_subject(line: str, started: bool) -> bool:
    if started and _SECTION.match(line):
        return False  # "Phần thứ nhất", "Chương I": the body's first heading under a title in sentence case
    if line.startswith("(") and line.endswith(")") or re.fullmatch(r"[A-ZĐ-]{2,8}\d[\w-]{0,6}", line) \
            or started and re.fullmatch(r"[A-ZĐ]{2,6}[.,;]?", line) and line.rstrip(".,;") not in _NOT_ACRONYMS:
        return True  # "(OCOP)", "COVID-19", "GTGT": the end of a wrapped subject, though in capitals
    if not line or _is_upper_line(line) or not any(ch.isalnum() for ch in line) or _NUMBER_LINE.match(line) \
            or _PLACE_DATE.match(line) or _KINH_GUI.match(line) or _MOTTO.match(line) \
            or _is_body_start(line) or _VV.match(line):
        return False
    item = _LIST_ITEM.match(line)
    if started and (line.endswith(":") or item and item.group(1).isupper()):
        return False  # "Kết quả thực hiện trong tuần:" / "- Làm hàng rào …": the body's heading or list
    return line[0].islower() or line[0].isdigit() or len(line) < 80 or not started


_LIST_ITEM = re.compile(r"^[-+•]\s*([^\W\d_])")
_NOT_ACRONYMS = frozenset({"BỘ", "SỞ", "CỤC", "BAN", "KHẨN", "MẬT", "NAM", "VIỆT"})  # words, not short forms
_SECTION = re.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:thứ\s+\w+|THỨ\s+\w+|[IVXLC]+|\d+)\b\.?\s*(?::|$)")


@dataclass(frozen=True)
class _Title:
    """What the title block is read against: its type, the words after the type on its line, and
    the letterhead (the enacting line under a title repeats the issuer: "ỦY BAN NHÂN DÂN TỈNH X")."""

    doc_type: str | None
    rest: str
    letterhead: tuple[str, ...]


def _title_subject(lines: list[str], j: int, title: _Title) -> tuple[str | None, str | None, int]:
    """The subject under a title ("QUYẾT ĐỊNH" / "Về việc thành lập …"), as written.

    A title in capitals is the block of capital lines under the type, up to the enacting line or
    the body ("KẾ HOẠCH / TRIỂN KHAI THỰC HIỆN NGHỊ / QUYẾT SỐ …"), joined by spaces. A Party
    conclusion or resolution names its author first ("của Ban Thường vụ Huyện ủy về …"): the
    subject is what follows "về"; returns (subject, author, last line).
    """
    if title.rest and not title.rest.startswith("CỦA "):  # "QUY CHẾ LÀM / VIỆC …": the title runs on
        head = _before_enacting(title.rest, title.letterhead)
        if head != title.rest:  # "QUYẾT ĐỊNH BAN HÀNH … BỘ TRƯỞNG BỘ Y TẾ": a flattened page's one line
            return (*_about(head), j - 1)
        return _caps_subject(lines, j, title, [title.rest])
    while j < len(lines) and (not any(ch.isalnum() for ch in lines[j]) or _repeats_type(lines[j], title.doc_type)):
        j += 1  # blank lines, a rule ("------------") under the type, the type repeated
    session = _session_author(lines, j)
    if session:  # "NGHỊ QUYẾT / HỘI NGHỊ LẦN THỨ 6 BAN CHẤP HÀNH … KHÓA XI / VỀ …": the conference, then "về"
        author, k = session
        if k < len(lines) and re.match(r"(?i:về)\s", lines[k]):
            subject, _, last = _caps_subject(lines, k + 1, title, [lines[k]])
            return re.sub(r"^về (?:việc )?", "", subject or "", flags=re.IGNORECASE) or None, author, last
        return None, author, k - 1
    upper_author = re.fullmatch(r"CỦA (BỘ CHÍNH TRỊ|BAN BÍ THƯ|BAN CHẤP HÀNH TRUNG ƯƠNG)", lines[j]) \
        if j < len(lines) else None
    if upper_author:  # "KẾT LUẬN / CỦA BỘ CHÍNH TRỊ / về …": the author on a line in capitals
        subject, _, last = _title_subject(lines, j + 1, _Title(title.doc_type, "", title.letterhead))
        subject = re.sub(r"^về (?:việc )?", "", subject or "", flags=re.IGNORECASE) or None
        return subject, upper_author.group(1), last
    if j < len(lines) and _is_upper_line(lines[j]) and not _is_authority(lines[j], title.letterhead):
        return _caps_subject(lines, j, title, [])
    glued = _GLUED_BODY.search(lines[j], 0, 400) if j < len(lines) and len(lines[j]) >= 60 else None
    if glued and glued.group(1) == "Thực hiện" and len(lines[j]) < 200:
        glued = None  # "Thực hiện" may be the title's own word; only a page run onto one line is cut there
    if glued:  # "Quy định về việc bồi dưỡng … giáo dục Căn cứ Luật …": a page flattened onto one line
        lines = [*lines[:j], lines[j][:glued.start()], lines[j][glued.end():], *lines[j + 1:]]
    if j >= len(lines) or _is_upper_line(lines[j]) or _KINH_GUI.match(lines[j]) \
            or (_is_body_start(lines[j]) and not _short_title(lines, j)):
        return None, None, j - 1
    line = lines[j].lstrip("#").strip()
    first = _VV.match(line)
    subject, last = _continued(lines, j, first.group("rest") if first else line)
    author = re.match(r"của (.+?) về (?:việc )?(.+)$", subject or "", re.IGNORECASE)
    if author:
        return author.group(2), author.group(1), last
    return subject, None, last


# The body's first words glued to a title in sentence case, after a word of the title (lower case or a
# number): the preamble's "Căn cứ", "Xét đề nghị" … never start in capitals inside a title.
_GLUED_BODY = re.compile(r"(?<=[a-zà-ỹđ\d)”\"]) (?=(Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện) \S)")


# A title block that opens with the document's own number and date, as the Official Gazette printed
# them: "SỐ 214 NQ/UBTVQH9 NGÀY 26-8-1994 CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI QUY ĐỊNH …".
_TITLE_NUMBER = re.compile(r"^(?:SỐ|Số):?\s+(?P<number>\d+[a-zA-Z]?(?:[-/ ]\S*/\S+|[-/]\S+)?)\s+(?:NGÀY|ngày)\s+"
                           r"(?P<date>\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2} THÁNG \d{1,2} NĂM \d{4})\s+(?P<rest>.+)$")


# The words a title's subject opens with after its author ("… CỦA BỘ TÀI CHÍNH QUY ĐỊNH CHẾ ĐỘ …"); not
# "tổ chức", which is also a body's word (Ban Tổ chức Trung ương).
_SUBJECT_VERBS = frozenset({"quy dinh", "ban hanh", "huong dan", "sua doi", "bo sung", "phe duyet", "thanh lap",
                            "bai bo", "dieu chinh", "trien khai", "thuc hien", "tang cuong", "cong bo",
                            "cho phep", "phan cap", "phan cong", "giao", "chuan y", "quy che"})


def _numbered_title(subject: str) -> tuple[str | None, str | None, str, str] | None:
    """(subject, author, number, date) of a title block that states its number and date first; the
    author ("CỦA <body>") is cut off where the body's name ends, with or without a "VỀ" after it."""
    m = _TITLE_NUMBER.match(subject)
    if m is None:
        return None
    number = re.sub(r"^(\d+[a-zA-Z]?) (?=[A-ZĐ])", r"\1-", m.group("number"))  # "214 NQ/UBTVQH9": the space for the hyphen
    rest, author = _about(m.group("rest"))
    if author is None and rest and rest.startswith(("CỦA ", "của ")):
        words = rest.split()
        keys = fold_key(rest).split()
        for n in range(min(len(words) - 1, 9), 1, -1):  # the longest body name after "CỦA"
            if _ENACTING.match(" ".join(keys[1:n])):
                rest, author = " ".join(words[n:]), " ".join(words[1:n])
                break
        else:  # or the body's words up to the verb that opens the subject ("… BỘ TÀI CHÍNH QUY ĐỊNH …")
            n = next((k for k in range(3, min(len(keys), 12)) if " ".join(keys[k:k + 2]) in _SUBJECT_VERBS
                      or keys[k] in _SUBJECT_VERBS), None)
            if n is not None:
                rest, author = " ".join(words[n:]), " ".join(words[1:n])
    return rest, author, number, "ngày " + m.group("date")


# A session or conference line: it names who met, not what about ("KHÓA XVII - KỲ HỌP THỨ BA", "HỘI NGHỊ LẦN
# THỨ 6 BAN CHẤP HÀNH …", "KỲ HỌP THỨ 12"); "lân" is an OCR'd "lần".
_SESSION = re.compile(r"^(?:hoi nghi lan thu|khoa [ivxlc\d]+\b|ky hop thu|ky hop bat thuong)")


def _is_session(line: str) -> bool:
    return _is_upper_line(line) and bool(_SESSION.match(fold_key(line.lstrip("("))))


def _session_author(lines: list[str], j: int) -> tuple[str, int] | None:
    """(session, next line) when the title block opens with a session line and the lines in capitals that
    continue it ("BAN CHẤP HÀNH ĐẢNG BỘ TỈNH (KHÓA XVI)"), up to a line opening with "về"; else None."""
    if j >= len(lines) or not _is_session(lines[j]):
        return None
    parts = [lines[j]]
    k = j + 1
    while k < len(lines) and k - j < 4 and (not lines[k] or _is_upper_line(lines[k])) \
            and not re.match(r"(?i:về)\s", lines[k]) and not _BODY_OPENER.match(lines[k]):
        if lines[k]:
            parts.append(lines[k])
        k += 1
    while k < len(lines) and not lines[k]:
        k += 1
    return " ".join(parts), k


def _caps_subject(lines: list[str], j: int, title: _Title, parts: list[str]) -> tuple[str | None, str | None, int]:
    """A title block in capitals: its lines up to a blank line, the enacting line or the body.

    A line in parentheses belongs to it ("(Thực hiện điểm c khoản 4 Điều 9 Luật Thủ đô)").
    """
    while j < len(lines):
        line = lines[j]
        if not line:
            if parts and not (len(parts) == 1 and parts[0].startswith("CỦA ")):
                break  # (the author's line "CỦA …" alone is no title: what it wrote follows a blank line)
        elif parts and (parts[-1].endswith(_JOINING) and _is_upper_line(line) or line[0].islower()):
            parts.append(line)  # "… QUẬN VÀ / ỦY BAN NHÂN DÂN 16 PHƯỜNG …"; "… (KHÓA XVI) / về xây dựng …"
        elif _ends_caps_title(line, title.letterhead):
            break
        else:
            head = _before_enacting(line, title.letterhead)
            parts.append(head)
            if head != line:
                break
        j += 1
    return (*_about(" ".join(parts)), j - 1)


# A title line ending in one of these runs on to the next line, whatever that line starts with.
_JOINING = (" VÀ", ",", " CỦA", " THUỘC", " VỀ", "-", " TẠI", " CHO", " VỚI")


def _ends_caps_title(line: str, letterhead: tuple[str, ...]) -> bool:
    if line.startswith("(") and line.endswith(")") or not any(ch.isalpha() for ch in line):
        return False  # "(Thực hiện điểm c …)", "2020": the end of the title
    return (not _is_upper_line(line) or line.endswith(":") or _is_authority(line, letterhead)
            or bool(_BODY_OPENER.match(line) or _MARKS.match(line) or _MOTTO.match(line) or is_motto(line)))


# A council's chair as the enacting line at the end of a title line, named by the unit word alone.
_CHAIR_AT_END = re.compile(r"\s(?=(?:PHÓ )?CHỦ TỊCH (?:ỦY BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN)"
                           r"(?: (?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN))?$)")


def _before_enacting(line: str, letterhead: tuple[str, ...]) -> str:
    """A title line with the enacting body glued on ("… CẤP HUYỆN HỘI ĐỒNG NHÂN DÂN HUYỆN CẦN GIỜ
    KHÓA IX"): the title's part. The body is the letterhead's in full, not after "CỦA", "VÀ" …"""
    body = fold_key(" ".join(letterhead)).split()
    words = line.split()
    keys = [fold_key(w) for w in words]
    for k in range(1, len(words) - len(body) + 1) if body else ():
        if keys[k:k + len(body)] == body and " " + words[k - 1].upper() not in _JOINING:
            office = _OFFICE_LAST.search(" ".join(keys[:k]))  # "… CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN X"
            if office and office.start() > 0:
                before = words[k - len(office.group().split()) - 1].upper()
                if " " + before in _JOINING or before == "CHÍ":  # "… CỦA ĐỒNG CHÍ CHÁNH VĂN PHÒNG …"
                    continue  # "… CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH HƯỚNG DẪN …": the title names the office
                k -= len(office.group().split())
            elif len(letterhead) < 2 and not (k + len(body) == len(words) and _ENACTING.match(" ".join(body))):
                continue  # a one-line letterhead ("BỘ Y TẾ") is the enacting line only after its office,
            return " ".join(words[:k])  # or where it names a council with its unit and ends the line
    office = _CHAIR_AT_END.search(line)  # "… TỈNH TUYÊN QUANG CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH": the place lost
    if office and office.start() > 0 and not line[:office.start()].endswith((" CỦA", " của")):
        return line[:office.start()]  # ("… NĂM 2018 CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ": the title's words)
    return line


# "VỀ VIỆC …", "V/V …" before a subject; "CỦA <body> V/V …" names the author first.
_ABOUT = re.compile(rf"^(?:{_VV_WORDS})\s*:?\s*")
_AUTHOR_ABOUT = re.compile(r"^(?:CỦA|của) (?P<author>.+?) (?:V/[vV]|VỀ VIỆC|Về việc|VỀ|về)\s*:?\s+(?P<rest>.+)$")


def _about(subject: str) -> tuple[str | None, str | None]:
    """(subject, author) of a title block: a leading "Về việc" / "V/v" and "CỦA X VỀ" taken off."""
    subject = " ".join(subject.split()).strip(" .;:") or ""
    author = _AUTHOR_ABOUT.match(subject)
    if author:
        return author.group("rest"), author.group("author")
    return _ABOUT.sub("", subject) or None, None


def _repeats_type(line: str, doc_type: str | None) -> bool:
    """ "NGHỊQUYẾT" under "NGHỊ QUYẾT": a web page repeats the title line (spaces lost)."""
    return bool(doc_type) and _is_upper_line(line) and fold_key(line).replace(" ", "") == \
        fold_key(doc_type).replace(" ", "")


# The enacting line under a title: the issuer again, or an office holder of it.
_OFFICES = (r"(?:pho )?(?:chu tich|bo truong|thu truong|giam doc|chanh an|vien truong|"
            r"tong cuc truong|cuc truong|truong ban|chu nhiem|tong kiem toan)")
_OFFICE = re.compile(_OFFICES + " ")
_OFFICE_LAST = re.compile(rf"(?:^| ){_OFFICES}$")  # "… NĂM 2022 CHỦ TỊCH": the office before the body
# A copy may keep the unit word and lose the name: "ỦY BAN NHÂN DÂN TỈNH".
_ENACTING = re.compile(r"^(?:uy ban nhan dan|hoi dong nhan dan)(?: (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|"
                       r"thi tran|dac khu)(?: \S+(?: \S+){0,3})?)?(?: khoa .*)?$|^(?:chinh phu|thu tuong chinh phu|quoc hoi|"
                       r"uy ban thuong vu quoc hoi|chu tich nuoc|bo chinh tri|ban bi thu|hoi dong bo truong|"
                       r"hoi dong chinh phu|hoi dong nha nuoc)$")


_HYPHEN = re.compile(r"\s*-\s*")


def _authority_key(text: str) -> str:
    """Folded, with a hyphen's spacing ignored: "BÀ RỊA - VŨNG TÀU" in the title block, "BÀ RỊA-VŨNG TÀU" above."""
    return _HYPHEN.sub("-", fold_key(text))


def _is_authority(line: str, letterhead: tuple[str, ...]) -> bool:
    """Is the line the enacting body ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM", "BỘ TRƯỞNG BỘ NỘI VỤ")?"""
    if not _is_upper_line(line):
        return False
    key = _authority_key(line)
    office = _OFFICE.match(key)
    body = key[office.end():] if office else key
    # The letterhead whole, or one of its bodies; a line naming a place alone ("TỈNH KIÊN GIANG") is
    # no enacting line, and a title may end with it.
    named = {_authority_key(" ".join(letterhead))} | \
        {_authority_key(x) for x in letterhead if _BODY_HEADS.match(x)} if letterhead else set()
    in_session = any(body.startswith(n + " khoa ") for n in named)  # "… QUẬN 2 KHÓA III - KỲ HỌP THỨ 14"
    return body in named or in_session or bool(_ENACTING.match(body)) \
        or bool(office and _BODY_HEADS.match(line[office.end():]))


def _short_title(lines: list[str], j: int) -> bool:
    """ "THÔNG BÁO / Thực hiện giãn cách xã hội …": a one-line title, though it opens like a paragraph."""
    line = lines[j]
    block = [line]
    for k in range(j + 1, min(len(lines), j + 9)):
        if lines[k][:1].islower():
            block.append(lines[k])
        elif lines[k] or not lines[k - 1]:
            break  # a line in capitals, or a second blank line: the block ends
    if 1 < len(block) < 5 and len(" ".join(block)) < 300 and line.endswith(",") \
            and not block[-1].endswith((":", ";")):
        return True  # "Thực hiện Nghị quyết Đại hội …," / "nhiệm kỳ 2020 - 2025 về …": a title over lines
    followed_by_blank = j + 1 >= len(lines) or not lines[j + 1]
    after = next((x for x in lines[j + 1:j + 4] if x), "")
    long_title = len(line) < 400 and bool(re.match(r"(?:Căn cứ|Thực hiện|Xét|Theo)\b", after))  # then the preamble
    return (followed_by_blank and (len(line) < 160 or long_title) and not line.endswith((";", ":", ","))
            and not re.match(r"(?:Căn cứ|Xét|Theo|Điều|Chương|\d+\.)", line))


def parse_date(text: str | None) -> tuple[dt.date | None, int | None]:
    """(date, year) of "ngày 15 tháng 7 năm 2021", "ngày 09/9/2021" or "05-10-2022".

    A blank or impossible day keeps the year: "ngày   tháng   năm 2021" → (None, 2021).

    >>> parse_date("Mai Sơn, ngày 09 tháng 9 năm 2021")
    (datetime.date(2021, 9, 9), 2021)
    >>> parse_date("ngày tháng năm 2021")
    (None, 2021)
    """
    if not text:
        return None, None
    m = _DATE_WORDS.search(text) or _DATE_DIGITS.search(text)
    if not m:
        return None, None
    year = int(m.group("y"))
    if not (m.group("d") and m.group("m")):
        return None, year
    try:
        return dt.date(year, int(m.group("m")), int(m.group("d"))), year
    except ValueError:
        return None, year


# Number and type -----------------------------------------------------------------------------


def _number(rest: str | None) -> tuple[NumberParts | None, str | None]:
    """(parts, blank code): the parts of "288-CV/HU"; for "/UBND-VP" the code with a stand-in serial.

    A blank số still states its ký hiệu (and so the type and issuer kind): it is parsed with
    serial 0, and the caller reports number None.
    """
    if not rest:
        return None, None
    blank = _BLANK_NUMBER.match(rest)
    if blank:
        return parse_number("0/" + blank.group("code")), blank.group("code")
    m = NUMBER_RE.match(rest) or OLD_NUMBER_RE.match(rest)  # "Số: 51-HĐBT": the form before 1992
    return (parse_number(m.group()) if m else None), None


def _doc_type(head: _Head, parts: NumberParts | None) -> str | None:
    """Type from the title line, else the ký hiệu; a state ký hiệu with no type code is a Công văn."""
    if head.title_type:
        return head.title_type
    if parts is not None:
        if parts.doc_type == "Chỉ thị" and head.has_vv:
            return "Công văn"  # "Số: 5664/CT-CS / V/v …": "CT" is the Cục Thuế's code; a chỉ thị has no V/v
        if parts.doc_type:
            return parts.doc_type
        if parts.form == "state" and parts.type_code is None and "/-" not in parts.canonical:
            return "Công văn"
    return "Công văn" if head.has_vv else None


# Issuer --------------------------------------------------------------------------------------


_CODE_HEADS = {"B": "Bộ", "S": "Sở"}


def _cut_name_completed(issuer: str | None, parts: NumberParts | None) -> str | None:
    """A letterhead cell cut short ("BỘ VĂN HÓA, THỂ THAO", the line "VÀ DU LỊCH" lost) in full, as the
    ký hiệu spells the body (274/CT-BVHTTDL: B + VHTTDL → Bộ Văn hóa, Thể thao và Du lịch) when the cut
    name is the start of that name; else as written."""
    code = re.split(r"[-/.]", parts.issuer_code)[0] if parts else None  # "BTNMT-TCMT": the ministry, its unit
    if not issuer or not code or code[0] not in _CODE_HEADS or code[1:] not in ABBREVIATIONS:
        return issuer
    full = f"{_CODE_HEADS[code[0]]} {ABBREVIATIONS[code[1:]]}"
    cut, whole = fold_key(issuer).rstrip(" ,"), fold_key(full)
    return full if whole != cut and whole.startswith(cut + " ") and cut.count(" ") >= 1 else issuer


_LOST_FIRST_LETTER = re.compile(r"^Y BAN(?= NHÂN DÂN\b)")
# The Central Committee and its organ on one line (a PDF's flattened letterhead): "BAN CHẤP HÀNH TRUNG ƯƠNG
# VĂN PHÒNG", "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG BAN TỔ CHỨC" — two bodies, one above the other.
_COMMITTEE_AND_ORGAN = re.compile(r"^(BAN CHẤP HÀNH TRUNG ƯƠNG(?: ĐẢNG)?) (?=(?:VĂN PHÒNG|BAN|ỦY BAN|HỘI ĐỒNG)\b)")


_JOINT = re.compile(r"\s*-\s*(?=(?:BỘ|VĂN PHÒNG CHÍNH PHỦ|THANH TRA CHÍNH PHỦ|NGÂN HÀNG NHÀ NƯỚC|ỦY BAN)\s)")
_PLACEHOLDER = re.compile(r"\s*[.…_]{3,}\s*$")
# The Youth Union's name under its committee's line: one body ("Ban Chấp hành Trung ương Đoàn TNCS Hồ Chí Minh").
_YOUTH_UNION = re.compile(r"^ĐOÀN (?:TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH$")
# "PHÒNG GIÁO DỤC& ĐÀO TẠO": "&" written for "và" between words (not inside a short form: "GD&ĐT").
_AMPERSAND = re.compile(r"\s*&\s+|\s+&\s*")


def _letterhead_bodies(lines: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(parent body, issuer) from the upper-case letterhead lines, each in sentence case.

    A line that does not begin with a body word ("HUYỆN MAI SƠN" under "ỦY BAN NHÂN DÂN")
    continues the line above; otherwise it names a new body, the issuer being the last one.
    """
    bodies: list[str] = []
    joint = [_JOINT.split(line, maxsplit=1) for line in lines
             if line.startswith(("BỘ ", "VĂN PHÒNG CHÍNH PHỦ", "THANH TRA CHÍNH PHỦ", "NGÂN HÀNG NHÀ NƯỚC"))
             and _JOINT.search(line)]
    if len(lines) == 1 and joint:  # "BỘ VĂN HOÁ - THÔNG TIN-BỘ Y TẾ": a joint circular's two ministries
        first, second = (respell_place(body_case(expand_abbreviations(b))).strip(" ,-") for b in joint[0])
        return None, f"{first} và {second}"
    for line in (part for line in lines for part in _COMMITTEE_AND_ORGAN.split(line) if part):
        line = _LOST_FIRST_LETTER.sub("ỦY BAN", line)  # "Y BAN NHÂN DÂN": a drop cap lost in the copy
        line = _PLACEHOLDER.sub("", line)  # "XÃ ..........": a form's name left to fill in
        if not line:
            continue
        continues = bodies and (not _BODY_HEADS.match(line) or bodies[-1].endswith((",", "-", " VÀ"))
                                or _YOUTH_UNION.match(line))  # "BAN CHẤP HÀNH TRUNG ƯƠNG / ĐOÀN TNCS HỒ CHÍ MINH"
        if continues:
            bodies[-1] += " " + line
        else:
            bodies.append(line)
    if not bodies:
        return None, None
    named = [respell_place(body_case(_AMPERSAND.sub(" VÀ ", expand_abbreviations(b))).strip(" ,")) for b in bodies[-2:]]
    return (named[0] if len(named) == 2 else None), named[-1]


def _politburo(parent: str | None, issuer: str | None, author: str | None,
               signer_title: str | None) -> tuple[str | None, str | None]:
    """The Politburo and the Secretariat write under the Central Committee's letterhead
    (Hướng dẫn 36-HD/VPTW) and name themselves in the title ("NGHỊ QUYẾT / của Bộ Chính trị")
    or in the signature ("T/M BỘ CHÍNH TRỊ"): the issuer is that body, the committee its parent."""
    if issuer and fold_key(issuer) == "ban chap hanh trung uong dang":
        issuer = _CENTRAL_COMMITTEE  # "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG": the same committee
    if issuer != _CENTRAL_COMMITTEE:
        return parent, issuer
    signed = re.match(r"(?:TM\.?|T/M) (Bộ Chính trị|Ban Bí thư)\b", signer_title or "")
    body = body_case(author) if author else (signed.group(1) if signed else None)
    if body in ("Bộ Chính trị", "Ban Bí thư"):
        return issuer, body
    return parent, issuer


def _issuer(parent: str | None, issuer: str | None, parts: NumberParts | None, blank_code: str | None,
            place: str | None, text: str, year: int | None) -> tuple[str | None, Level | None]:
    """The issuer's full name and level: the letterhead with its parent's place, else the ký hiệu rule."""
    if issuer:
        _, unit, named_place = split_place(issuer)
        if not unit and not parent:
            issuer = _bare_place(issuer, text, year)  # "ỦY BAN NHÂN DÂN / DÂN LỰC": no unit word
        if not unit and parent and issuer_level(issuer, year) != Level.CENTRAL:
            issuer = _under_parent(issuer, parent)
        elif unit and not named_place and parent:
            # "UBND TỈNH LAI CHÂU / CÔNG AN TỈNH": the unit the parent names, if it is the same kind
            _, parent_unit, parent_place = split_place(parent)
            if parent_unit == unit and parent_place:
                issuer = f"{issuer} {parent_place}"
        return issuer, issuer_level(issuer, year)
    code = _party_code(blank_code or (parts.issuer_code if parts else None), place)
    kind = code_issuer(code)
    if kind == "Tỉnh ủy" and place and (province_title(place, year) or "").startswith("tỉnh "):
        kind = f"Tỉnh ủy {place}"  # "Số 88-CV/TƯ" dated "Thừa Thiên Huế, ngày …": that province's committee
    if kind is None:
        return None, None
    if kind == "Ủy ban nhân dân" or kind == "Hội đồng nhân dân":
        kind = _place_own_unit(kind, place, text)
    return kind, issuer_level(kind, year)


# The enacting line of a local body, with its place: "HỘI ĐỒNG NHÂN DÂN QUẬN 6 / KHÓA IX, KỲ HỌP THỨ 12".
_ENACTING_NAMED = re.compile(r"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|hoi dong nhan dan) (?:tinh|thanh pho|huyen|"
                             r"quan|thi xa|xa|phuong|thi tran|dac khu) \S+(?: \S+){0,3}?(?=$| khoa )")
# A body naming itself at the head of its text: "Ủy ban nhân dân xã Tân Đoàn thông báo lịch tiếp công dân".
_SELF_NAMED = re.compile(
    r"(?i:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân) (?P<unit>tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|"
    r"đặc khu)"
    r" (?P<name>\S+(?: \S+){0,3}?) (?:thông báo|quyết định|ban hành|chỉ đạo|yêu cầu|đề nghị|kêu gọi|trân trọng|"
    r"xây dựng|triển khai)\b"
)
_SELF_REACH = 3000
# An enacting line that keeps its unit word and not the name: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH".
_ENACTING_UNIT = re.compile(r"^(?:(?:pho )?chu tich )?(?:uy ban nhan dan|hoi dong nhan dan) "
                            r"(?P<unit>tinh|huyen|quan|thi xa|xa|phuong|thi tran|dac khu)$")
_UNIT_LEVELS = {"tinh": "province", "huyen": "district", "quan": "district", "thi xa": "district",
                "xa": "commune", "phuong": "commune", "thi tran": "commune", "dac khu": "commune"}
_LOCAL_BODY = re.compile(r"^(?:chu tich )?(?:uy ban nhan dan|hoi dong nhan dan)$")


def _party_code(code: str | None, place: str | None) -> str | None:
    """A Party code "TW" or "TƯ" names the Central Committee only where it writes: Hà Nội (or no place
    stated). Dated in a province, it is an OCR'd or mistyped "TU" (Tỉnh ủy): "Số 88-CV/TƯ / Huế, ngày …"."""
    if code and place and fold_key(code) in ("tw", "tu") and code.upper() != "TU" and fold_key(place) != "ha noi":
        return "TU"
    return code


# Central bodies whose enacting line stands over the preamble ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" / "Căn cứ …").
_CENTRAL_ENACTING = re.compile(r"^(?:chinh phu|quoc hoi|uy ban thuong vu quoc hoi|thu tuong chinh phu|chu tich nuoc|"
                               r"hoi dong bo truong|hoi dong chinh phu|hoi dong nha nuoc)$")


def _enacting_body(head: list[str]) -> str | None:
    """The body an enacting line names ("ỦY BAN NHÂN DÂN QUẬN 1" under the title, "ỦY BAN THƯỜNG VỤ QUỐC
    HỘI", "BỘ TRƯỞNG BỘ Y TẾ" over a preamble whose letterhead a copy lost), in full."""
    for k, line in enumerate(head):
        after = next((x for x in head[k + 1:k + 3] if x), "")
        if _is_upper_line(line) and after.lstrip("-– ").startswith("Căn cứ"):
            key = fold_key(line)
            office = _OFFICE.match(key + " ")
            body = line.split()[len(office.group().split()):] if office else line.split()
            body_key = fold_key(" ".join(body))
            if body and (_CENTRAL_ENACTING.match(body_key) or office and body_key.startswith("bo ")):
                return canonical_body(respell_place(body_case(" ".join(body))))
    for line in head:
        if _is_upper_line(line):
            m = _ENACTING_NAMED.match(fold_key(line))
            if m:
                words = line.split()[:len(m.group().split())]
                office = _OFFICE.match(fold_key(" ".join(words)) + " ")
                if office:  # "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN X": the chair decides for the committee
                    words = words[len(office.group().split()):]
                return respell_place(body_case(" ".join(words)))
    return None


def _self_named(text: str, date: dt.date | None, year: int | None) -> str | None:
    """ "Ủy ban nhân dân xã Tân Đoàn thông báo …": the body, if the gazetteer has such a unit."""
    for m in _SELF_NAMED.finditer(text):
        name, unit = m.group("name"), m.group("unit")
        if all(w[0].isupper() or w.isdigit() for w in name.split()) and _is_unit(unit, name, date, year):
            kind = "Hội đồng nhân dân" if fold_key(m.group()).startswith("h") else "Ủy ban nhân dân"
            return f"{kind} {unit} {name}"
    return _self_unit_named(text, date, year)


# A body naming itself by its unit word alone, then acting: "Ủy ban nhân dân huyện xây dựng Kế hoạch …".
_SELF_UNIT = re.compile(
    r"(?P<kind>UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân) (?P<unit>tỉnh|huyện|quận|thị xã|xã|phường|thị trấn) "
    r"(?i:xây dựng|ban hành|thông báo|chỉ đạo|yêu cầu|đề nghị|kêu gọi|trân trọng|lập|triển khai)\b")
# The territory a plan is for: "trên địa bàn huyện U Minh Thượng".
_TERRITORY = re.compile(r"địa bàn (?P<unit>tỉnh|huyện|quận|thị xã|xã|phường|thị trấn) "
                        r"(?P<name>[A-ZĐ\d][\w'-]*(?: [A-ZĐ\d][\w'-]*){0,3})")


# A copy without letterhead or title whose first sentences state what it is: "UBND xã Giao Thiện xây dựng
# Kế hoạch tổ chức …", "Ủy ban nhân dân huyện ban hành Quy chế …".
_SELF_STATED_TYPE = re.compile(r"(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|Ban Chỉ đạo|Ban Thường vụ)\b[^.;:\n]{0,60}?"
                               r" (?:xây dựng|ban hành) (?P<type>Kế hoạch|Chương trình|Đề án|Quy chế|Quy định|Hướng dẫn)\b")


# The enacting formula before the articles: "QUYẾT ĐỊNH:" under the preamble of a decision that lost its
# title, "QUYẾT NGHỊ:" of a resolution.
_FORMULAS = {"QUYẾT ĐỊNH:": "Quyết định", "QUYẾT NGHỊ:": "Nghị quyết"}


def _formula_type(lines: list[str]) -> str | None:
    return next((_FORMULAS[line] for line in lines if line in _FORMULAS), None)


def _self_stated_type(text: str) -> str | None:
    m = _SELF_STATED_TYPE.search(text[:1500])
    return m.group("type") if m else None


def _self_unit_named(text: str, date: dt.date | None, year: int | None) -> str | None:
    """ "Ủy ban nhân dân huyện xây dựng Kế hoạch …" under a title "… trên địa bàn huyện U Minh Thượng": the
    body of the unit its text names by that unit word, if the gazetteer has one of that name."""
    own = _SELF_UNIT.search(text)
    if own is None:
        return None
    unit = own.group("unit")
    place = next((m.group("name") for m in _TERRITORY.finditer(text) if m.group("unit") == unit), None)
    if place is None or not _is_unit(unit, place, date, year):
        return None
    kind = "Hội đồng nhân dân" if own.group("kind").startswith("H") else "Ủy ban nhân dân"
    return f"{kind} {unit} {place}"


def _completed_body(issuer: str, head: list[str]) -> str:
    """A local body named without its place ("HỘI ĐỒNG NHÂN DÂN" alone: a web copy lost the
    letterhead's line "TỈNH HÀ GIANG") in full, as the enacting line under the title names it
    ("HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG / KHÓA XVII …", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"); as it
    stands when no enacting line names it (the place of issue is not enough: "Bắc Giang" is a
    province and a city)."""
    if fold_key(issuer) not in ("uy ban nhan dan", "hoi dong nhan dan"):
        return issuer
    enacting = _enacting_body(head)
    if enacting is None:
        return issuer
    body = re.sub(r"^(?:Phó )?Chủ tịch ", "", enacting)
    return body if fold_key(body).startswith(fold_key(issuer) + " ") else issuer


def _stated_level(issuer: str, head: list[str], place: str | None, date: dt.date | None,
                  year: int | None) -> Level | None:
    """The level of a local body named without its place ("HỘI ĐỒNG NHÂN DÂN" alone): its enacting
    line's ("HỘI ĐỒNG NHÂN DÂN QUẬN 2"), else the unit its place of issue names (Nghị định 30/2020)."""
    if not _LOCAL_BODY.match(fold_key(issuer)):
        return None
    enacting = _enacting_body(head)
    if enacting and fold_key(enacting).startswith(fold_key(issuer)):
        return issuer_level(enacting, year)
    unit = next((m.group("unit") for line in head if _is_upper_line(line)
                 and (m := _ENACTING_UNIT.match(fold_key(line)))), None)
    if unit:  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH": the unit word alone states the level
        return Level(_UNIT_LEVELS[unit])
    level = level_of_place(place, date, year) if place else None
    return Level(level) if level else None


# The unit words a local body's text calls its own unit by, bare: "trên địa bàn tỉnh", "Chủ tịch UBND tỉnh".
_OWN_UNIT = re.compile(r"(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân|địa bàn) (?P<unit>tỉnh|thành phố|huyện|quận|"
                       r"thị xã|xã|phường|thị trấn|đặc khu)(?!\w)(?! [A-ZĐ\d])")


def _own_province(issuer: str, place: str | None, text: str, year: int | None) -> Level | None:
    """A local body named without its place, dated in a place that names a province and units of other
    levels ("Vĩnh Phúc", "Bắc Giang"): a province's when its text calls its own unit "tỉnh" and never
    by a lower unit word ("trên địa bàn tỉnh", "Phó Chủ tịch UBND tỉnh"); else not stated."""
    if not place or not _LOCAL_BODY.match(fold_key(issuer)) \
            or not (province_title(place, year) or "").startswith("tỉnh "):
        return None
    units = {m.group("unit") for m in _OWN_UNIT.finditer(text[:_SELF_REACH])}
    return Level.PROVINCE if units == {"tỉnh"} else None


_CENTRAL_ORGAN = re.compile(r"^(?:ban|uy ban|van phong|hoi dong) (?!.*\btrung uong\b)|^van phong$")


def _under_parent(issuer: str, parent: str) -> str:
    """ "Sở Y tế" under "Ủy ban nhân dân tỉnh Lai Châu" → "Sở Y tế tỉnh Lai Châu";
    "Ban Tuyên giáo" under "Huyện ủy Châu Thành" → "Ban Tuyên giáo Huyện ủy Châu Thành"."""
    if parent == _CENTRAL_COMMITTEE and _CENTRAL_ORGAN.match(fold_key(issuer)):
        # The Central Committee's organs are named "… Trung ương" (Ủy ban Kiểm tra Trung ương,
        # Ban Tổ chức Trung ương); its office is Văn phòng Trung ương Đảng.
        return "Văn phòng Trung ương Đảng" if fold_key(issuer) == "van phong" else f"{issuer} Trung ương"
    if fold_key(issuer).split()[0] in ("so", "phong") or fold_key(issuer).startswith("trung tam "):
        # A department (or a centre: "Trung tâm Văn hóa" under "UBND quận 9") takes its province's or
        # district's place, not the committee's name.
        _, unit, place = split_place(parent)
        return f"{issuer} {unit} {place}" if unit and place else issuer
    return f"{issuer} {parent}"


_BARE_LOCAL = re.compile(r"^(Ủy ban nhân dân|Hội đồng nhân dân) ([^\W\d_].*)$")
_UNIT_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def _bare_place(issuer: str, text: str, year: int | None) -> str:
    """A local body whose letterhead names its place without the unit word ("ỦY BAN NHÂN DÂN / DÂN
    LỰC"): the unit the text names it by ("UBND xã Dân Lực"), else the one unit of that name the
    gazetteer knows; the place alone where neither settles it."""
    m = _BARE_LOCAL.match(issuer)
    if m is None:
        return issuer
    kind, name = m.groups()
    own = re.search(r"(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)\s+(?P<unit>" + "|".join(_UNIT_WORDS)
                    + r")\s+(?P<name>" + re.escape(name) + r")(?!\w)", text[:_SELF_REACH], re.IGNORECASE)
    if own:
        return f"{kind} {own.group('unit').lower()} {own.group('name')}"
    spelled = " ".join(_cap_word(w) for w in name.split())
    units = [u for u in _UNIT_WORDS if _is_unit(u, spelled, None, year)]
    return f"{kind} {units[0]} {spelled}" if len(units) == 1 else f"{kind} {spelled}"


def _cap_word(word: str) -> str:
    return word[:1].upper() + word[1:]


def _place_own_unit(kind: str, place: str | None, text: str) -> str:
    """ "Ủy ban nhân dân" + the unit the document names itself by + the place of issue, if it is one."""
    own = _SELF_REFERENCE.search(text)
    if not own:
        return kind
    unit = own.group("unit")
    if place and _is_unit(unit, place):
        return f"{kind} {unit} {place}"
    return f"{kind} {unit}"


def _is_unit(unit: str, place: str, date: dt.date | None = None, year: int | None = None) -> bool:
    """Is there a unit of this kind with this name in the gazetteer (a commune: in either map)?"""
    g = gazetteer()
    if unit in ("xã", "phường", "thị trấn") and any(u.kind == unit for u in communes_2025(place)):
        return True
    key = fold_key(place)
    if unit in ("tỉnh", "thành phố") and g.province(place):
        return True
    if unit in ("huyện", "quận", "thị xã", "thành phố"):
        return any(u.kind == unit for u in g.districts.get(key, ()))
    return any(u.kind == unit for u in g.communes.get(key, ()))


# Recipients and signature ---------------------------------------------------------------------


def _recipients(lines: list[str]) -> tuple[str, ...]:
    """The "Kính gửi" list: bulleted lines (or the inline text), split at semicolons."""
    start = next((i for i, line in enumerate(lines) if _KINH_GUI.match(line)), None)
    if start is None:
        return ()
    items: list[str] = []
    inline = _KINH_GUI.match(lines[start]).group("rest").strip()
    if inline:
        items.append(inline)
    j = start + 1
    bulleted = False
    while j < len(lines):
        line = lines[j]
        if not line:
            if items and not bulleted and not inline:
                break
            j += 1
            continue
        if _BULLET.match(line):
            bulleted = True
            items.append(line)
        elif not items and not _is_body_start(line) and len(line) < 150:
            items.append(line)  # an unbulleted list: one recipient a line until a blank line
        else:
            break
        j += 1
    return tuple(r for item in items for r in _split_recipients(item))


def _split_recipients(item: str) -> list[str]:
    item = _BULLET.sub("", item.strip())
    parts = [p.strip(" ,.;:-") for p in item.split(";")]
    return [p for p in parts if p]


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """(signer_title, signer): the signature block at the end; else, where an annex (Quy định, Phụ lục,
    a table of units) follows the signature, the last signature block after the head."""
    tail = _join_broken_names([_unglue_name(line) for line in lines[-_TAIL_LINES:]])  # "CHÁNH VĂN PHÒNGThái Hữu Phép"
    middle = _join_broken_names(lines[_LETTERHEAD_LINES:-_TAIL_LINES])
    for read, part in ((_signature_block, tail), (_signature_on_one_line, tail), (_signed_name, tail),
                       (_signature_block, middle), (_signature_on_one_line, middle)):
        found = read(part)  # in order, stopping at the first that finds a signer
        if found[1]:
            return found
    return None, None


def _join_broken_names(lines: list[str]) -> list[str]:
    """ "THỨ TRƯỞNG" / "Vũ" / "Chiến Thắng": a signer's name broken over the cell's lines, under the
    signing title, made one line again (two parts of one or two words, three or four in all)."""
    out: list[str] = []
    for line in lines:
        if len(out) >= 2 and _is_upper_line(out[-2]) and not _SIGN_TITLES.match(fold_key(line)) \
                and 1 <= len(out[-1].split()) <= 2 and 1 <= len(line.split()) <= 2 \
                and 3 <= len(out[-1].split()) + len(line.split()) <= 4 and _is_name(f"{out[-1]} {line}"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _signs(line: str) -> bool:
    """Does the line open a signing title: "KT. CHỦ TỊCH", "TM. ỦY BAN …", "Phó Chủ tịch"?"""
    return bool(_SIGN_PREFIX.match(line) or _SIGN_TITLES.match(fold_key(line)))


def _signature_block(tail: list[str]) -> tuple[str | None, str | None]:
    """(signer_title, signer) from a signature block: capital title lines, then the name."""
    for n in range(len(tail) - 1, -1, -1):
        if not (_is_name(tail[n]) or _is_caps_name(tail[n])):  # "NÔNG ĐỨC MẠNH" under "Chủ tịch"
            continue
        k = n - 1
        while k >= 0 and (not tail[k] or _SKIP_BEFORE_SIGNER.match(tail[k])):
            k -= 1
        run: list[str] = []
        while k >= 0 and tail[k] and _is_upper_line(tail[k]):
            run.insert(0, tail[k])
            k -= 1
        if not run and k >= 0 and len(tail[k].split()) <= 5 and _SIGN_TITLES.fullmatch(fold_key(tail[k])):
            run = [tail[k]]  # a title in sentence case: "Phó Chủ tịch"
        first = next((i for i, r in enumerate(run) if _signs(r) or _BARE_PREFIX.fullmatch(r)), 0)
        run = run[first:]  # "16 QĐ" (copies made) / "TM. ỦY BAN" / …: the block starts at its signing title
        if run and _BARE_PREFIX.fullmatch(run[0]) and len(run) > 1:
            run = [f"{run[0]} {run[1]}"] + run[2:]  # "TM." / "ỦY BAN NHÂN DÂN TỈNH": a cell's line break
        if run and _signs(run[0]):
            parts: list[str] = []
            for r in run:  # "TM. ỦY BAN" / "NHÂN DÂN": a cell's line broken inside the body's name
                if parts and not _signs(r) and not _BODY_HEADS.match(r):
                    parts[-1] += " " + r
                else:
                    parts.append(r)
            return ", ".join(body_case(expand_abbreviations(r)) for r in parts), tail[n]
    return None, None


_BARE_PREFIX = re.compile(r"(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\.?")
# "(Đã ký)" under the name, no title: copies of old decisions keep only "Tố Hữu / (Đã ký)".
_SIGNED_MARK = re.compile(r"^[(\[]\s*(?:đã ký|đã ký và đóng dấu)\s*[)\]]$", re.IGNORECASE)


def _signed_name(tail: list[str]) -> tuple[str | None, str | None]:
    """(None, signer) where the last lines are a name and "(Đã ký)" under it."""
    kept = [line for line in tail if line]
    if len(kept) >= 2 and _SIGNED_MARK.match(kept[-1]) and _is_name(kept[-2]):
        return None, kept[-2]
    return None, None


# A signature cell flattened onto one line: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lò Văn Mừng"; its title parts.
_TITLE_PART = re.compile(r"\s(?=(?:TM|KT|TL|TUQ|T/M|K/T|T/L)\.?\s|PHÓ\s)")


# An annex's title in capitals after the signer's name on the same line.
_ANNEX_AFTER = re.compile(r"(?<=[a-zà-ỹđ])\s+(?=(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|PHỤ LỤC|DANH SÁCH|BIỂU|HƯỚNG DẪN|"
                          r"CHƯƠNG TRÌNH|ĐIỀU LỆ|Biểu|Phụ lục)\b)")
# A signing title in capitals inside a line that ends with a name (after the Nơi nhận list's last item).
_SIGN_INSIDE = re.compile(r"(?<=[a-zà-ỹđ\d.)]\s)(?=(?:(?:TM|KT|TL|TUQ)\.\s?)?(?:PHÓ )?(?:BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|"
                          r"THỨ TRƯỞNG|CHỦ NHIỆM|BÍ THƯ|TRƯỞNG BAN|CHÁNH VĂN PHÒNG)\b[A-ZĐ ,.À-Ỹ]*\s[A-ZĐ][a-zà-ỹđ]+"
                          r"(?:\s[A-ZĐ][a-zà-ỹđ]+){1,4}$)")


def _signature_on_one_line(tail: list[str]) -> tuple[str | None, str | None]:
    """(signer_title, signer) of a signature block whose title and name share one line:
    a signing title in capitals, then the name's capitalised words."""
    for line in reversed(tail):
        inside = _SIGN_INSIDE.search(line) if len(line) < 300 and not _SIGN_PREFIX.match(line) else None
        if inside:  # "- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng": the last recipient,
            line = line[inside.start():]  # the drafter's initials, then the signature cell
        if not (_SIGN_PREFIX.match(line) or line[:1].isupper() and len(line) < 120
                and _SIGN_TITLES.match(fold_key(line))):
            continue
        line = _ANNEX_AFTER.split(line, maxsplit=1)[0]  # "… Đinh Trung Tụng KẾ HOẠCH TRIỂN KHAI …": the annex
        line = _unglue_name(line)  # "BỘ TRƯỞNG PHỦ THỦ TƯỚNGVũ Tuân": the cell's line break lost
        words = line.split()
        k = len(words)
        while k > 0 and words[k - 1][0].isupper() and any(ch.islower() for ch in words[k - 1]):
            k -= 1
        title, name = " ".join(words[:k]), " ".join(words[k:])
        if _is_name(name) and _is_upper_line(title):
            parts = _TITLE_PART.split(title)
            return ", ".join(body_case(expand_abbreviations(p)) for p in parts), name
    return None, None


def _unglue_name(line: str) -> str:
    """A space before a capitalised word glued to a word in capitals: "TƯỚNGVũ Tuân" → "TƯỚNG Vũ Tuân"."""
    for i in range(2, len(line) - 1):
        if line[i - 2].isupper() and line[i - 1].isupper() and line[i].isupper() and line[i + 1].islower():
            return line[:i] + " " + line[i:]
    return line


_NOT_NAME_WORDS = re.compile(r"\b(?:chu tich|truong|pho|thu|bi thu|giam doc|uy ban|hoi dong|nhan dan|ban|so|bo|"
                             r"phong|cuc|vu|viet nam|quoc hoi|chinh phu|dang|tinh|huyen|xa|thanh pho|noi nhan|"
                             r"tm|kt|tl|tuq)\b")


# Family names, folded: a line in capitals is read as a signer's name only when it opens with one.
_SURNAMES = frozenset("""nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao truong luu
    mai cao lam to ha luong doan thai chau ta quach kieu trieu khong nong lo vi hua tong phung chu dam la lai mac au
    tang giang kim ong than trinh nghiem van lieu lu luc quan khuc thach son danh kha tieu y ksor nie sung thao
    vang lau hang mua cam bach""".split())


def _is_caps_name(line: str) -> bool:
    """A person's name in capitals, as old documents print it under the title: "NÔNG ĐỨC MẠNH". Only
    read under a signing title (the caller checks), and never a title or a body's words."""
    words = line.split()
    return 2 <= len(words) <= 5 and all(w.isalpha() and w.isupper() and len(w) <= 7 for w in words) \
        and not _NOT_NAME_WORDS.search(fold_key(line)) and fold_key(words[0]) in _SURNAMES  # not "QUY ĐỊNH CHUNG"


def _is_name(line: str) -> bool:
    """A person's name: two to six capitalised words, letters only."""
    words = line.split()
    return 2 <= len(words) <= 6 and all(
        w[0].isupper() and w.isalpha() and any(ch.islower() for ch in w) for w in words
    )
