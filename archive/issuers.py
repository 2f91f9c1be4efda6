"""Issuing bodies: expand abbreviations, restore the case of letterhead capitals, fill in the place.

Three pure functions that the parser (the document's own issuer) and the graph resolver (the
issuer of each citation) share:

- :func:`body_case` — "ỦY BAN NHÂN DÂN HUYỆN MAI SƠN" → "Ủy ban nhân dân huyện Mai Sơn";
- :func:`issuer_level` — the administrative level a full name states;
- :func:`expand_issuer` — a phrase as written ("UBND tỉnh", "huyện ủy Mai Sơn") → the body's full
  name and level, reading the missing place from the citing document: in a document of a district
  of Vĩnh Phúc, "UBND tỉnh" is "Ủy ban nhân dân tỉnh Vĩnh Phúc" (the gazetteer knows which
  province a district is in; the text does not say it).

A place is filled in only when the context settles it: an ambiguous district name, or a commune
document whose district is not stated, leaves the phrase as written. A commune document settles
its district by the district it reports to in Nơi nhận ("UBND huyện Bình Xuyên (b/c)"), else by
the gazetteer's only commune of that name, kind and spelling whose district and province can be
called what the text calls its superiors ("UBND thành phố" rules out a commune of a tỉnh).

A Party committee's standing organs sign for it, and their documents carry its number
(Ban Thường vụ Huyện ủy writes 288-CV/HU): "Ban Thường vụ / Thường trực / Ban Chấp hành
Huyện ủy X" is expanded to the body that numbers the document, "Huyện ủy X", which is what the
graph resolves against; the citation's evidence text keeps the words as written.

>>> expand_issuer("huyện ủy Mai Sơn", None)
('Huyện ủy Mai Sơn', <Level.DISTRICT: 'district'>)
>>> expand_issuer("Thủ tướng Chính phủ", None)[1].value
'central'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..vietnamese.gazetteer import (
    UNIT_WORDS, commune_province, commune_province_2025, district_of, gazetteer, level_of, province_of,
    province_title, two_level,
)
from ..vietnamese.text import fold_key
from .types import Document, Level

__all__ = [
    "canonical_body",
    "ABBREVIATIONS",
    "Places",
    "body_case",
    "code_issuer",
    "expand_abbreviations",
    "expand_issuer",
    "issuer_level",
    "places_of",
    "split_place",
]

# Abbreviations of body names, as they are written in letterheads and running text.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "BCĐ": "Ban Chỉ đạo",
    "BTV": "Ban Thường vụ",
    "BCH": "Ban Chấp hành",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "TT": "Thường trực",
    "TP": "thành phố",
    "TP.": "thành phố",
    "TX": "thị xã",  # "UBND TX. ĐỒNG XOÀI": a district-level town
    "TX.": "thị xã",
    "TPHCM": "thành phố Hồ Chí Minh",
    "TP.HCM": "thành phố Hồ Chí Minh",
}
# Short forms inside bodies' names ("BCĐ XD NÔNG THÔN MỚI", "Sở GD&ĐT", "Ban Chỉ đạo CCHC"): only those
# that stand for one phrase wherever a name uses them ("TT" is not here: Thường trực, or Thông tư …).
ABBREVIATIONS.update({
    "XD": "xây dựng", "NTM": "nông thôn mới", "KT-XH": "kinh tế - xã hội", "KTXH": "kinh tế - xã hội",
    "CCHC": "cải cách hành chính", "ATGT": "an toàn giao thông", "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo", "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "NN và PTNT": "Nông nghiệp và Phát triển nông thôn", "PTNT": "Phát triển nông thôn",
    "TN&MT": "Tài nguyên và Môi trường", "TNMT": "Tài nguyên và Môi trường",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội", "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "KH&ĐT": "Kế hoạch và Đầu tư", "KHĐT": "Kế hoạch và Đầu tư", "GTVT": "Giao thông vận tải",
    "TT&TT": "Thông tin và Truyền thông", "KH&CN": "Khoa học và Công nghệ",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch", "VHTTDL": "Văn hóa, Thể thao và Du lịch",
})
# "TƯ" is Trung ương only at the end of a name or before "Đảng": "SỞ TƯ PHÁP" is the Department of Justice,
# "BỘ KẾ HOẠCH VÀ ĐẦU TƯ" the Ministry of Planning and Investment.
_ABBREV_RE = re.compile(
    r"(?<![\w.])(" + "|".join(sorted((re.escape(k) for k in ABBREVIATIONS if k != "TƯ"), key=len, reverse=True))
    + r"|(?<!ĐẦU )(?<!Đầu )(?<!đầu )TƯ(?!\s+(?!ĐẢNG\b|Đảng\b)[^\W\d_]))(?![\w])"  # "ĐẦU TƯ": investment
)

# Issuer codes of a ký hiệu (the part after the type: 123/QĐ-UBND, 288-CV/HU) that name a body kind.
_CODE_BODIES: dict[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "HU": "Huyện ủy", "TU": "Tỉnh ủy",
    "QU": "Quận ủy", "TXU": "Thị ủy", "ĐU": "Đảng ủy", "TW": "Ban Chấp hành Trung ương",
    "TƯ": "Ban Chấp hành Trung ương",  # "TW" as OCR and some typists write it
    "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "BCĐ": "Ban Chỉ đạo", "QH": "Quốc hội",
    "HĐBT": "Hội đồng Bộ trưởng", "HĐNN": "Hội đồng Nhà nước",  # before 1992
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}
# The ministries by the ký hiệu of their documents (a copy that lost its letterhead keeps its number),
# each name as the Government spells it (canonical_body uses the same spellings).
_MINISTRY_CODES = {
    "BGDĐT": "Bộ Giáo dục và Đào tạo", "BYT": "Bộ Y tế", "BTC": "Bộ Tài chính", "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp", "BCT": "Bộ Công Thương", "BXD": "Bộ Xây dựng", "BQP": "Bộ Quốc phòng", "BCA": "Bộ Công an",
    "BNG": "Bộ Ngoại giao", "BKHĐT": "Bộ Kế hoạch và Đầu tư", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BTTTT": "Bộ Thông tin và Truyền thông", "BGTVT": "Bộ Giao thông vận tải", "BKHCN": "Bộ Khoa học và Công nghệ",
    "BDTTG": "Bộ Dân tộc và Tôn giáo", "NHNN": "Ngân hàng Nhà nước Việt Nam", "VPCP": "Văn phòng Chính phủ",
}
_CODE_BODIES.update(_MINISTRY_CODES)

_UNIT = "|".join(UNIT_WORDS)
# "... huyện Mai Sơn" at the end of a name, or a bare unit word ("UBND tỉnh").
_PLACE_RE = re.compile(rf"(?:^|\s)({_UNIT})(?:\s+([^\W\d_][\w.'-]*(?:\s+[\w.'-]+){{0,4}}|\d{{1,2}}))?$",
                       re.IGNORECASE)
# Party committees name their place without a unit word: "Huyện ủy Xuân Trường", "Tỉnh ủy Hà Tĩnh".
_COMMITTEE_RE = re.compile(r"\b(Tỉnh|Thành|Huyện|Quận|Thị) ủy(?:\s+(.+))?$")
_COMMITTEE_UNIT = {"tỉnh": "tỉnh", "thành": "thành phố", "huyện": "huyện", "quận": "quận", "thị": "thị xã"}
# The organs of a Party committee that sign for it: their documents carry the committee's number
# (Ban Thường vụ Huyện ủy writes 288-CV/HU), so a citation's issuer is the committee itself.
_COMMITTEE_ORGAN = re.compile(r"^(?:Ban Thường vụ|Thường trực|Ban Chấp hành)\s+(?=(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) ủy\b)")
# The district a commune reports to, as its Nơi nhận names it: "- UBND huyện Bình Xuyên (b/c);".
_REPORTS_TO = re.compile(
    r"(?:UBND|Ủy ban nhân dân)\s+(?P<unit>huyện|quận|thị xã|thành phố)\s+"
    r"(?P<name>[A-ZĐ\d][\w'-]*(?:\s+[A-ZĐ\d][\w'-]*){0,3})\s*\((?:b/c|để b/c|báo cáo)\)"
)
# Bodies above a commune named by their unit word alone ("UBND huyện", "Thành ủy"): what a commune
# document calls its own district and province, which settles a commune name several places share.
_BARE_SUPERIOR = re.compile(
    r"(?<!\w)(?:UBND|Ủy ban nhân dân|HĐND|Hội đồng nhân dân)\s+(?P<unit>tỉnh|thành phố|huyện|quận|thị xã)"
    r"(?!\s+[A-ZĐ\d])(?!\w)|(?<!\w)(?P<committee>Tỉnh|Thành|Huyện|Quận|Thị) ủy(?!\s+[A-ZĐ])(?!\w)"
)

# Phrases with a fixed spelling; the flag says whether the next word starts a proper name.
_CANON: dict[str, tuple[str, bool]] = {}
for _phrase, _then_name in (
    ("Ủy ban nhân dân", False), ("Hội đồng nhân dân", False), ("Ủy ban Mặt trận Tổ quốc", False),
    ("Mặt trận Tổ quốc", False), ("Việt Nam", False), ("Ban Chấp hành", False),
    ("Ban Thường vụ", False), ("Thường trực", False), ("Ban Chỉ đạo", False), ("Ban Chỉ huy", False),
    ("Bộ Chỉ huy", False), ("Văn phòng", False), ("Chính phủ", False), ("Thủ tướng", False),
    ("Quốc hội", False), ("Trung ương", False), ("Bộ Chính trị", False), ("Ban Bí thư", False),
    ("Đảng bộ", False), ("Đảng ủy", False), ("Chủ tịch", False), ("Bí thư", False),
    ("Giám đốc", False), ("Trưởng ban", False), ("Chánh Văn phòng", False), ("Bộ trưởng", False),
    ("Thứ trưởng", False), ("Vụ trưởng", False), ("Cục trưởng", False), ("Viện trưởng", False),
    ("Trưởng phòng", False), ("Chủ nhiệm", False), ("Tổng Bí thư", False),
    ("Covid-19", False), ("Quân sự", False), ("Công an", False), ("Tòa án nhân dân", False),
    ("Viện Kiểm sát nhân dân", False), ("Hội đồng Bộ trưởng", False), ("Hội đồng Chính phủ", False),
    ("Hội đồng Nhà nước", False), ("Đoàn TNCS Hồ Chí Minh", False),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", False),
    ("Huyện ủy", True), ("Tỉnh ủy", True), ("Thành ủy", True), ("Quận ủy", True), ("Thị ủy", True),
    ("Bộ", True), ("Sở", True), ("Phòng", True), ("Ban", True), ("Cục", True), ("Chi cục", True),
    ("Tổng cục", True), ("Trung tâm", True), ("Viện", True), ("Vụ", True), ("Ủy ban", True),
):
    _CANON[fold_key(_phrase)] = (_phrase, _then_name)
_CANON_MAX = max(len(k.split()) for k in _CANON)

# Bodies of the central level (folded prefixes, or the whole name).
_CENTRAL = re.compile(
    r"^(?:thu tuong|chinh phu|quoc hoi|uy ban thuong vu quoc hoi|chu tich nuoc|bo chinh tri|"
    # The Government and the collective head of state before 1992 (Hiến pháp 1959 and 1980).
    r"hoi dong bo truong|hoi dong chinh phu|hoi dong nha nuoc|"
    r"ban bi thu|ban chap hanh trung uong|van phong chinh phu|toa an nhan dan toi cao|"
    r"vien kiem sat nhan dan toi cao|kiem toan nha nuoc|ngan hang nha nuoc|tong cuc |cuc |"
    r"bo (?!chi huy)|ban chi dao (?:quoc gia|trung uong)|(?:.* )?trung uong(?: dang)?$|"
    # Before 1981 the Prime Minister's Office (Phủ Thủ tướng); a body named for the whole country
    # ("Bảo hiểm xã hội Việt Nam", "Thông tấn xã Việt Nam") is an agency of the Government.
    r"phu thu tuong|(?!.*\b(?:tinh|thanh pho|huyen|quan|xa(?! hoi)|phuong)\b).+ viet nam$)"
)


# The ministries and central bodies by their names as the Government spells them: a letterhead may lose
# a hyphen or a comma ("BỘ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI") or spell a capital its own way.
_CANON_BODIES = (*_MINISTRY_CODES.values(), "Bộ Văn hóa - Thông tin", "Ủy ban Dân tộc", "Thanh tra Chính phủ",
                 "Bảo hiểm xã hội Việt Nam")
_CANON_BODY_KEYS = {re.sub(r"[\W\d_]+", "", fold_key(name)): name for name in _CANON_BODIES}


def canonical_body(name: str | None) -> str | None:
    """A central body's name as the Government spells it, when ``name`` is that body written another
    way (punctuation, capitals); any other name unchanged.

    >>> canonical_body("Bộ Lao động thương binh và Xã hội")
    'Bộ Lao động - Thương binh và Xã hội'
    """
    if not name or not name.startswith(("Bộ", "Ủy", "Ngân", "Thanh", "Văn", "Bảo")):
        return name
    return _CANON_BODY_KEYS.get(re.sub(r"[\W\d_]+", "", fold_key(name)), name)


def expand_abbreviations(phrase: str) -> str:
    """UBND → Ủy ban nhân dân, HĐND → Hội đồng nhân dân, BCĐ → Ban Chỉ đạo … (whole words only).

    >>> expand_abbreviations("UBND huyện, BCĐ tỉnh")
    'Ủy ban nhân dân huyện, Ban Chỉ đạo tỉnh'
    """
    return _ABBREV_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], phrase)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _match_canon(words: list[str], i: int) -> tuple[str, bool, int] | None:
    """The longest fixed-spelling phrase starting at ``words[i]``: (spelling, then_name, length)."""
    for n in range(min(_CANON_MAX, len(words) - i), 0, -1):
        phrase = " ".join(words[i: i + n])
        hit = _CANON.get(fold_key(phrase))
        if hit and _same_marks(phrase, hit[0]):
            return hit[0], hit[1], n
    return None


def _same_marks(phrase: str, canon: str) -> bool:
    """The same letters and marks, wherever the tone mark sits ("uỷ ban" is "Ủy ban"): "THIỆU VIÊN"
    is a place, not the head "Viện", though both fold to "vien". A phrase with no marks at all (a copy
    that lost them) matches by its letters."""
    if phrase.isascii():
        return True
    return sorted(unicodedata.normalize("NFD", phrase.lower())) == sorted(unicodedata.normalize("NFD", canon.lower()))


def body_case(text: str) -> str:
    """Sentence case for a body name or title written in capitals, as DESIGN's examples spell them.

    Fixed phrases keep their spelling; a proper name (after a unit word, after Sở/Bộ/Ban …,
    after "và" or "-" inside such a name) is capitalised.

    >>> body_case("ỦY BAN NHÂN DÂN HUYỆN MAI SƠN")
    'Ủy ban nhân dân huyện Mai Sơn'
    >>> body_case("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
    'Sở Lao động - Thương binh và Xã hội'
    """
    original = text.split()
    words = text.lower().split()
    out: list[str] = []
    i, in_name, in_place = 0, False, False
    while i < len(words):
        word = words[i]
        hit = _match_canon(words, i)
        if in_place or (in_name and out and out[-1] in ("và", "-")):
            out.append(_cap(word))
            i += 1
            continue
        if re.fullmatch(r"[A-ZĐ]+[./][A-ZĐ./]*", original[i]):
            out.append(original[i])  # a signing prefix: TM., KT., TL., TUQ., T/M, K/T
            i += 1
            continue
        if hit and hit[2] == 1 and hit[1] and in_name:
            hit = None  # "SỞ NỘI VỤ": inside a department's name "vụ" is a word, not the head "Vụ"
        if hit:
            spelling, then_name, n = hit
            out.append(spelling if out or spelling[0].isupper() else _cap(spelling))
            i += n
            in_name = in_name and n == 1
            if then_name:
                in_name = True
                in_place = spelling.endswith(" ủy")  # "Huyện ủy Xuân Trường": the place follows
                if i < len(words) and not _match_canon(words, i) and words[i] not in UNIT_WORDS:
                    out.append(_cap(words[i]))
                    i += 1
            continue
        unit = next((u for u in UNIT_WORDS if " ".join(words[i: i + len(u.split())]) == u), None)
        if unit == "xã" and i + 1 < len(words) and words[i + 1] == "hội":
            unit = None  # "xã hội" (society), not a commune
        if unit and i + len(unit.split()) < len(words):
            out.append(unit if out else _cap(unit))
            i += len(unit.split())
            in_place = True
            continue
        if word == "phó":
            out.append("Phó")
            if i + 1 < len(words) and not _match_canon(words, i + 1):
                out.append(_cap(words[i + 1]))
                i += 1
        elif not out:
            out.append(_cap(word))
        else:
            out.append(word)
        i += 1
    return " ".join(out)


def _fix_case(phrase: str) -> str:
    """A name from running text: expand abbreviations, respell fixed phrases, capitalise the first letter."""
    if not any(ch.islower() for ch in phrase):
        return body_case(expand_abbreviations(phrase))
    words = expand_abbreviations(phrase).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = _match_canon(words, i)
        # Single words ("Ban", "Sở" …) are only respelled at the start: "ban" is also a plain noun.
        if hit and (hit[2] > 1 or i == 0):
            out.append(hit[0])
            i += hit[2]
        else:
            out.append(words[i])
            i += 1
    return _cap(" ".join(out))


def split_place(name: str) -> tuple[str, str | None, str | None]:
    """(body, unit word, place name) of a full name; unit and place are None where not stated.

    >>> split_place("Ủy ban nhân dân huyện Bình Xuyên")
    ('Ủy ban nhân dân', 'huyện', 'Bình Xuyên')
    >>> split_place("Huyện ủy Xuân Trường")
    ('Huyện ủy', 'huyện', 'Xuân Trường')
    """
    committee = _COMMITTEE_RE.search(name)
    if committee:
        body = name[: committee.start()] + committee.group(1) + " ủy"
        return body.strip(), _COMMITTEE_UNIT[committee.group(1).lower()], committee.group(2)
    m = _PLACE_RE.search(name)
    if not m:
        return name, None, None
    place = m.group(2)
    if place and not (place[0].isupper() or place.isdigit()):
        return name, None, None  # "huyện chỉ đạo": a verb, not a place
    return name[: m.start()].strip(), m.group(1).lower(), place


def respell_place(name: str) -> str:
    """A full name with its place spelled as the gazetteer spells it (capitals lost in a letterhead).

    >>> respell_place("Huyện ủy Đắk R'lấp")
    "Huyện ủy Đắk R'Lấp"
    """
    place = split_place(name)[2]
    if not place or not name.endswith(place):
        return name
    spelled = gazetteer().spelling(place)
    return name if spelled == place else name[: len(name) - len(place)] + spelled


def issuer_level(name: str | None, year: int | None = None) -> Level | None:
    """The level a full name states; None when the name does not state one.

    >>> issuer_level("Ủy ban nhân dân thành phố Cần Thơ").value
    'province'
    """
    if not name:
        return None
    key = fold_key(name)
    body, unit, place = split_place(name)
    if _CENTRAL.match(key) and not (unit and key.startswith("bo ")):
        return Level.CENTRAL
    if unit:
        level = level_of(unit, place, year)
        return Level(level) if level else None
    if key.startswith("so "):
        return Level.PROVINCE  # Sở: a department of a province
    if key.startswith("phong "):
        return Level.DISTRICT  # Phòng: a department of a district
    return None


@dataclass(frozen=True)
class Places:
    """Where a document's issuer sits: its province, district (with kind) and commune, where known."""

    province: str | None = None
    district: str | None = None
    district_kind: str | None = None
    commune: str | None = None
    commune_kind: str | None = None


def places_of(doc: Document | None, hint_text: str | None = None) -> Places:
    """The places a document's issuer and parent body state, with the province from the gazetteer."""
    if doc is None:
        return Places()
    found: dict[str, str | None] = {}
    for name in (doc.parent_body, doc.issuer):
        if not name:
            continue
        _, unit, place = split_place(name)
        level = level_of(unit, place, doc.year) if unit and place else None
        if level == "province":
            found["province"] = place
        elif level == "district":
            found["district"], found["district_kind"] = place, unit
        elif level == "commune":
            found["commune"], found["commune_kind"] = place, unit
    hint = " ".join(x for x in (doc.parent_body, hint_text) if x)
    if two_level(doc.date, doc.year):  # from 1 July 2025 a commune lies directly in its (new) province
        if found.get("commune") and not found.get("province"):
            found["province"] = commune_province_2025(found["commune"], hint, found.get("commune_kind"))
        return Places(**found)
    if found.get("commune") and not found.get("district"):
        found.update(_commune_district(found["commune"], found.get("commune_kind"), hint))
    if found.get("district") and not found.get("province"):
        found["province"] = province_of(found["district"], hint, found.get("district_kind"))
    return Places(**found)


def _commune_district(commune: str, kind: str | None, hint: str) -> dict[str, str]:
    """District (and province) of a commune document that does not name its district in its head.

    The district it reports to in Nơi nhận ("UBND huyện Bình Xuyên (b/c)") is stated, so it wins;
    else the gazetteer's only commune of that name and kind, or the only one that fits the text's
    district names and the unit words it calls its superiors by ("UBND thành phố", "Huyện ủy").
    """
    reported = {(m.group("unit"), m.group("name")) for m in _REPORTS_TO.finditer(hint)}
    if len(reported) == 1:
        unit, name = reported.pop()
        out = {"district": name, "district_kind": unit}
        province = province_of(name, hint, unit)
        return {**out, "province": province} if province else out
    district = district_of(commune, hint, kind, _superiors(hint))
    if district is None:  # two districts have a commune of that name: one province may still hold both
        province = commune_province(commune, kind)
        return {"province": province} if province else {}
    return {"district": district.name, "district_kind": district.kind, "province": district.province}


def _superiors(text: str) -> frozenset[str]:
    """The unit words of the bodies a text names by unit word alone: {"huyện", "thành phố"}."""
    words = set()
    for m in _BARE_SUPERIOR.finditer(text):
        words.add(m.group("unit") or _COMMITTEE_UNIT[m.group("committee").lower()])
    return frozenset(words)


def _province_city(places: Places, year: int | None) -> bool:
    """Is the document's province a province-level city (Hà Nội, Hồ Chí Minh …)?"""
    return bool(places.province) and level_of("thành phố", places.province, year) == "province"


def _with_place(body: str, unit: str, places: Places, year: int | None) -> tuple[str, Level | None]:
    """Fill the place of "<body> <unit>" ("Ủy ban nhân dân tỉnh") from the document's own places."""
    level = Level(level_of(unit, None, year) or "district") if unit != "thành phố" else None
    name: str | None = None
    if unit == "tỉnh" and places.province:
        title = province_title(places.province, year)
        name = title.split(" ", 1)[1] if title and title.startswith("tỉnh ") else None
        if title and not title.startswith("tỉnh "):  # "UBND tỉnh" of a province-level city is unusual
            name = None
    elif unit in ("huyện", "quận", "thị xã", "thành phố") and places.district and places.district_kind == unit:
        name = places.district
        level = Level.DISTRICT
    elif unit == "thành phố" and _province_city(places, year):
        name, level = places.province, Level.PROVINCE  # "UBND thành phố" in a district of Hà Nội
    elif unit in ("xã", "phường", "thị trấn") and places.commune and places.commune_kind == unit:
        name = places.commune
    full = f"{body} {unit}".strip() + (f" {name}" if name else "")
    return full, level


def expand_issuer(phrase: str, context: Document | None = None,
                  hint_text: str | None = None) -> tuple[str | None, Level | None]:
    """Full name and level of an issuer phrase, read in the context of the document that writes it.

    ``hint_text`` (the document's text) may settle a district name several provinces share.
    Returns (None, None) for an empty phrase; a phrase it cannot place keeps its words, level None.

    >>> ctx = Document(issuer="Ủy ban nhân dân huyện Bình Xuyên", year=2021)
    >>> expand_issuer("UBND tỉnh", ctx)
    ('Ủy ban nhân dân tỉnh Vĩnh Phúc', <Level.PROVINCE: 'province'>)
    """
    if not phrase or not phrase.strip():
        return None, None
    name = _fix_case(" ".join(phrase.split()).strip(" ,.;:-"))
    name = _COMMITTEE_ORGAN.sub("", name)  # "Thường trực Huyện ủy X" → "Huyện ủy X": who numbers it
    if not name:
        return None, None
    year = context.year if context else None
    body, unit, place = split_place(name)
    if place or _CENTRAL.match(fold_key(name)):
        return respell_place(name), issuer_level(name, year)
    places = places_of(context, hint_text)
    committee = _COMMITTEE_RE.search(name)
    if committee:
        return _committee_with_place(name, committee.group(1).lower(), places, year)
    if name == "Đảng ủy" and places.commune:  # a commune's document: its own Party committee
        return f"Đảng ủy {places.commune_kind} {places.commune}", Level.COMMUNE
    if unit:
        return _with_place(body, unit, places, year)
    if fold_key(name).startswith("so ") and places.province:
        return f"{name} {province_title(places.province, year)}", Level.PROVINCE
    return name, issuer_level(name, year)


def _committee_with_place(name: str, kind: str, places: Places,
                          year: int | None) -> tuple[str, Level | None]:
    """ "Huyện ủy" / "Tỉnh ủy" without a place: the document's own district or province."""
    if kind == "tỉnh":
        title = province_title(places.province, year) if places.province else None
        if title and title.startswith("tỉnh "):
            return f"{name} {places.province}", Level.PROVINCE
        return name, Level.PROVINCE
    if kind == "thành":
        # The document's own city: its district-level city if it lies in one, else its province-level city.
        if places.district and places.district_kind == "thành phố":
            return f"{name} {places.district}", Level.DISTRICT
        if _province_city(places, year):
            return f"{name} {places.province}", Level.PROVINCE
        return name, None
    unit = _COMMITTEE_UNIT[kind]
    if places.district and places.district_kind == unit:
        return f"{name} {places.district}", Level.DISTRICT
    return name, Level.DISTRICT


def code_issuer(code: str | None) -> str | None:
    """The body kind a ký hiệu's issuer code names: "UBND-VP" → "Ủy ban nhân dân", "HU" → "Huyện ủy"."""
    if not code:
        return None
    head = code.split("-", 1)[0]
    found = _CODE_BODIES.get(head) or _CODE_BODIES.get(head.upper())
    if found is None and head[-1:].isdigit():  # "UBTVQH15": the legislature's term after the body
        found = _CODE_BODIES.get(head.rstrip("0123456789"))
    return found
