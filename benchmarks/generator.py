"""Deterministic generator of realistic Vietnamese directives, with their ground truth.

Benchmarks (import, search, graph, embeddings) need tens of thousands of documents
that look like a real office's, and tests need to know what each one says. This
module writes them from the numbering rules — Nghị định 30/2020/NĐ-CP for state
documents (``845/UBND-YT``, ``27/KH-UBND``, ``117/2020/NĐ-CP``) and Hướng dẫn
36-HD/VPTW for Party documents (``288-CV/HU``, numbered per type and per term) —
in the layout of the seed dispatches, for a real hierarchy: central bodies, real
provinces, their real pre-2025 districts and communes (from the installed
gazetteer ``vietnamadminunits``), Ủy ban nhân dân and Party committees side by side.

Every document carries out 1–3 documents of higher levels dated before it
("Thực hiện Kế hoạch số 1124/KH-UBND ngày 12/3/2021 của UBND tỉnh …"), some of
which are not in the generated set (external), some cited without a number
("theo chỉ đạo của UBND tỉnh về việc …"). Numbers repeat across issuers as they
do in life. ``dirty=True`` adds cycles, blank numbers and dates, and typing noise.

>>> docs = list(generate(3, seed=1))
>>> [d.truth.number is not None for d in docs]
[True, True, True]
>>> docs == list(generate(3, seed=1))
True
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Sequence

from vanthu.vietnamese.text import fold, normalize

from .vocabulary import (
    CLOSINGS, DEMANDS, GENERIC_TASKS, GIVEN, MIDDLE, ROMAN, SURNAMES, TOPICS, External, Topic,
)

__all__ = ["CitedTruth", "Truth", "GeneratedDoc", "generate", "encode", "write_corpus", "FORMATS"]

FORMATS = ("txt", "utf16", "cp1258", "tcvn3", "vni", "docx")
_LEGACY = {"cp1258": "to_cp1258", "tcvn3": "to_tcvn3", "vni": "to_vni"}
YEARS_BY_PREFERENCE = (2021, 2020, 2022, 2023, 2019, 2024)


# Ground truth ------------------------------------------------------------------------


@dataclass(frozen=True)
class CitedTruth:
    """One reference a generated document makes, and what it really points to.

    ``number``/``date``/``issuer`` are those of the cited document even where the text
    leaves them out (``number_stated``/``date_stated`` say what the text states), so
    suggestion and resolution benchmarks can score against them. ``name`` is set for
    a law cited by name only (``number`` None). ``in_corpus`` says whether the cited
    document is itself among the generated ones.
    """

    number: str | None
    doc_type: str
    issuer: str
    date: dt.date | None
    relation: str
    in_corpus: bool
    number_stated: bool = True
    date_stated: bool = True
    name: str | None = None
    issuer_level: str | None = None
    issuer_id: str | None = None  # the generator's key of the body: names repeat (many "xã Bình Thành")

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "doc_type": self.doc_type, "issuer": self.issuer,
            "issuer_level": self.issuer_level, "issuer_id": self.issuer_id,
            "date": self.date.isoformat() if self.date else None, "relation": self.relation,
            "in_corpus": self.in_corpus, "number_stated": self.number_stated,
            "date_stated": self.date_stated, "name": self.name,
        }


@dataclass(frozen=True)
class Truth:
    """What a generated document states, in the field names of DESIGN's parse shape.

    ``number`` and ``date`` are None where the text leaves them blank (dirty data);
    ``year`` is always known. ``topic`` is the generator's topic key (for search and
    semantic benchmarks). ``dirty`` names the deliberate defects of this document.
    """

    number: str | None
    doc_type: str
    issuer: str
    issuer_level: str
    parent_body: str | None
    place: str
    date: dt.date | None
    year: int
    subject: str
    urgency: str | None
    recipients: tuple[str, ...]
    signer: str
    signer_title: str
    topic: str
    cited: tuple[CitedTruth, ...]
    dirty: tuple[str, ...] = ()
    issuer_id: str = ""  # the generator's key of the body: two communes may share a name


    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "doc_type": self.doc_type, "issuer": self.issuer,
            "issuer_level": self.issuer_level, "parent_body": self.parent_body,
            "place": self.place, "date": self.date.isoformat() if self.date else None,
            "year": self.year, "subject": self.subject, "urgency": self.urgency,
            "recipients": list(self.recipients), "signer": self.signer,
            "signer_title": self.signer_title, "topic": self.topic,
            "cited": [c.to_json() for c in self.cited], "dirty": list(self.dirty), "issuer_id": self.issuer_id,
        }


@dataclass(frozen=True)
class GeneratedDoc:
    """One generated file: relative path (office-like folders), its text, its truth."""

    filename: str
    text: str
    truth: Truth


# The administrative world ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Body:
    """An issuing body: its names, letterhead, numbering and who it speaks to."""

    key: str
    name: str  # full name, as DESIGN's issuer: "Ủy ban nhân dân huyện Bình Xuyên"
    level: str
    kind: str  # ubnd | party | dept | gov | pm | ministry | pcentral
    code: str  # issuer part of the ký hiệu: UBND, HU, SYT, TTg, TW …
    series: str  # numbering register (Bộ Chính trị and Ban Bí thư share "TW")
    letterhead: tuple[str, ...]
    parent_body: str | None
    place: str
    self_ref: str  # how its own text names it: "UBND huyện", "Ban Thường vụ Huyện ủy"
    cited_as: tuple[str, ...]  # how documents below it name it
    dv: str  # its own unit word: huyện, thị xã, tỉnh, xã …
    coso: str  # the units below it
    assignees: tuple[str, ...]
    rate: float  # documents a day in its register (sets how large serials get)
    signers: tuple[str, ...]
    units: tuple[str, ...] = ()  # công văn unit codes of a department or ministry
    topics: tuple[str, ...] = ()  # topics it writes about; empty = all but "party"
    unit_suffix: bool = False  # a province numbering its units (Vĩnh Phúc: UBND-KT5)
    superior: str = ""  # the People's Committee above, as Nơi nhận names it: "UBND huyện Bình Xuyên"


@dataclass(frozen=True)
class Ref:
    """A document that later ones may cite (generated, external or phantom)."""

    number: str
    doc_type: str
    date: dt.date
    subject: str
    topic: str
    body: Body
    in_corpus: bool


CENTRAL = {
    # key: (name, kind, code, letterhead, self_ref, topics)
    "cp": ("Chính phủ", "gov", "CP", ("CHÍNH PHỦ",), "Chính phủ", ()),
    "ttg": ("Thủ tướng Chính phủ", "pm", "TTg", ("THỦ TƯỚNG CHÍNH PHỦ",), "Thủ tướng Chính phủ", ()),
    "byt": ("Bộ Y tế", "ministry", "BYT", ("BỘ Y TẾ",), "Bộ Y tế", ("covid", "vaccine")),
    "bgd": ("Bộ Giáo dục và Đào tạo", "ministry", "BGDĐT", ("BỘ GIÁO DỤC VÀ ĐÀO TẠO",),
            "Bộ Giáo dục và Đào tạo", ("education",)),
    "bnn": ("Bộ Nông nghiệp và Phát triển nông thôn", "ministry", "BNN",
            ("BỘ NÔNG NGHIỆP", "VÀ PHÁT TRIỂN NÔNG THÔN"), "Bộ Nông nghiệp và Phát triển nông thôn",
            ("flood", "asf", "crops", "ntm")),
    "btnmt": ("Bộ Tài nguyên và Môi trường", "ministry", "BTNMT", ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG",),
              "Bộ Tài nguyên và Môi trường", ("land",)),
    "btc": ("Bộ Tài chính", "ministry", "BTC", ("BỘ TÀI CHÍNH",), "Bộ Tài chính", ("budget",)),
    "bnv": ("Bộ Nội vụ", "ministry", "BNV", ("BỘ NỘI VỤ",), "Bộ Nội vụ", ("admin", "election")),
    "btttt": ("Bộ Thông tin và Truyền thông", "ministry", "BTTTT", ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG",),
              "Bộ Thông tin và Truyền thông", ("digital",)),
    "bca": ("Bộ Công an", "ministry", "BCA", ("BỘ CÔNG AN",), "Bộ Công an", ("fire", "traffic")),
    "bct": ("Bộ Chính trị", "pcentral", "TW", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "Bộ Chính trị",
            ("party", "covid", "election", "digital", "ntm")),
    "bbt": ("Ban Bí thư", "pcentral", "TW", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "Ban Bí thư",
            ("party", "covid", "election", "admin", "digital")),
}
MINISTRY_UNITS = {"byt": ("DP", "KCB", "MT"), "bgd": ("GDTrH", "GDTH"), "bnn": ("TY", "TT", "PCTT"),
                  "btnmt": ("ĐĐ", "KHTC"), "btc": ("NSNN", "ĐT"), "bnv": ("CCHC", "TCBC"),
                  "btttt": ("THH", "CATTT"), "bca": ("C07", "C08")}
PM_UNITS = ("KGVX", "NN", "CN", "KTTH", "QHĐP")
# Provincial departments: key → (name, code, units, topics).
DEPARTMENTS = {
    "syt": ("Sở Y tế", "SYT", ("NVY", "KHTC"), ("covid", "vaccine")),
    "sgd": ("Sở Giáo dục và Đào tạo", "SGDĐT", ("GDTrH", "GDMN"), ("education",)),
    "snn": ("Sở Nông nghiệp và Phát triển nông thôn", "SNN", ("TTBVTV", "CNTY", "TL"),
            ("flood", "asf", "crops", "ntm")),
    "stnmt": ("Sở Tài nguyên và Môi trường", "STNMT", ("QLĐĐ", "MT"), ("land",)),
    "stc": ("Sở Tài chính", "STC", ("QLNS", "TCĐT"), ("budget",)),
    "snv": ("Sở Nội vụ", "SNV", ("CCHC", "TCBC"), ("admin", "election")),
    "stttt": ("Sở Thông tin và Truyền thông", "STTTT", ("CNTT", "BCVT"), ("digital",)),
    "sca": ("Công an tỉnh", "CAT", ("PC07", "PC08"), ("fire", "traffic")),
}

# Party terms (nhiệm kỳ) begin with each level's congress; numbers restart then.
PARTY_TERMS = {
    "commune": (dt.date(2015, 5, 1), dt.date(2020, 5, 1), dt.date(2025, 5, 1)),
    "district": (dt.date(2015, 7, 15), dt.date(2020, 7, 15), dt.date(2025, 7, 15)),
    "province": (dt.date(2015, 10, 15), dt.date(2020, 10, 15), dt.date(2025, 10, 15)),
    "central": (dt.date(2016, 2, 1), dt.date(2021, 2, 1), dt.date(2026, 2, 1)),
}

STATE_CODES = {"Kế hoạch": "KH", "Quyết định": "QĐ", "Thông báo": "TB", "Chỉ thị": "CT",
               "Công điện": "CĐ", "Báo cáo": "BC", "Hướng dẫn": "HD", "Tờ trình": "TTr",
               "Nghị quyết": "NQ", "Nghị định": "NĐ", "Thông tư": "TT"}
PARTY_CODES = {"Công văn": "CV", "Kế hoạch": "KH", "Thông báo": "TB", "Kết luận": "KL",
               "Chỉ thị": "CT", "Nghị quyết": "NQ", "Hướng dẫn": "HD", "Báo cáo": "BC",
               "Quyết định": "QĐ"}
# Party registers: documents a day, per type, for a provincial committee.
PARTY_RATES = {"Công văn": 2.0, "Kế hoạch": 0.15, "Thông báo": 0.8, "Kết luận": 0.1,
               "Chỉ thị": 0.02, "Nghị quyết": 0.03, "Hướng dẫn": 0.05, "Báo cáo": 0.5,
               "Quyết định": 0.8}
# Central state registers: documents a day, per type.
CENTRAL_RATES = {"Nghị quyết": 0.45, "Nghị định": 0.4, "Chỉ thị": 0.08, "Công điện": 2.5,
                 "Quyết định": 5.0, "Công văn": 20.0, "Thông tư": 0.15, "Hướng dẫn": 0.3,
                 "Kế hoạch": 0.5, "Kết luận": 0.3, "Thông báo": 1.0}
# Normative documents have their own register per type and year.
NORMATIVE_RATES = {"Nghị định": 0.4, "Thông tư": 0.15, "Quyết định": 0.15}
LEVEL_PARTY_SCALE = {"central": 1.0, "province": 1.0, "district": 0.6, "commune": 0.12}

DOC_TYPES = {
    ("ubnd", "province"): (("Công văn", 45), ("Kế hoạch", 15), ("Quyết định", 14), ("Thông báo", 8),
                           ("Chỉ thị", 3), ("Công điện", 3), ("Báo cáo", 7), ("Hướng dẫn", 2)),
    ("ubnd", "district"): (("Công văn", 45), ("Kế hoạch", 17), ("Quyết định", 14), ("Thông báo", 9),
                           ("Báo cáo", 8), ("Chỉ thị", 2), ("Công điện", 2)),
    ("ubnd", "commune"): (("Công văn", 35), ("Kế hoạch", 22), ("Quyết định", 15), ("Thông báo", 15),
                          ("Báo cáo", 10)),
    ("party", ""): (("Công văn", 45), ("Kế hoạch", 12), ("Thông báo", 12), ("Kết luận", 6),
                    ("Chỉ thị", 4), ("Nghị quyết", 4), ("Hướng dẫn", 5), ("Báo cáo", 8)),
    ("dept", ""): (("Công văn", 55), ("Kế hoạch", 15), ("Hướng dẫn", 12), ("Quyết định", 10),
                   ("Thông báo", 8)),
    ("gov", ""): (("Nghị quyết", 60), ("Nghị định", 40)),
    ("pm", ""): (("Chỉ thị", 20), ("Công điện", 30), ("Quyết định", 30), ("Công văn", 20)),
    ("ministry", ""): (("Công văn", 45), ("Quyết định", 20), ("Thông tư", 10), ("Hướng dẫn", 10),
                       ("Kế hoạch", 15)),
    ("pcentral", ""): (("Chỉ thị", 30), ("Kết luận", 40), ("Nghị quyết", 30)),
}

# Signature blocks: (lines as printed, signer_title as DESIGN writes it).
SIGNATURES = {
    "ubnd": ((("CHỦ TỊCH",), "Chủ tịch"), (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "KT. Chủ tịch, Phó Chủ tịch"),
             (("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "TL. Chủ tịch, Chánh Văn phòng")),
    "ubnd-tm": ((("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "TM. Ủy ban nhân dân, Chủ tịch"),
                (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                 "TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch")),
    "party": ((("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), "T/M Ban Thường vụ, Bí thư"),
              (("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"), "T/M Ban Thường vụ, Phó Bí thư"),
              (("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"), "T/M Ban Thường vụ, Phó Bí thư Thường trực")),
    "party-commune": ((("T/M ĐẢNG ỦY", "BÍ THƯ"), "T/M Đảng ủy, Bí thư"),
                      (("T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"), "T/M Đảng ủy, Phó Bí thư")),
    "dept": ((("GIÁM ĐỐC",), "Giám đốc"), (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "KT. Giám đốc, Phó Giám đốc")),
    "gov": ((("TM. CHÍNH PHỦ", "THỦ TƯỚNG"), "TM. Chính phủ, Thủ tướng"),
            (("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"), "TM. Chính phủ, KT. Thủ tướng, Phó Thủ tướng")),
    "pm": ((("THỦ TƯỚNG",), "Thủ tướng"), (("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"), "KT. Thủ tướng, Phó Thủ tướng")),
    "ministry": ((("BỘ TRƯỞNG",), "Bộ trưởng"), (("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), "KT. Bộ trưởng, Thứ trưởng")),
    "bct": ((("T/M BỘ CHÍNH TRỊ",), "T/M Bộ Chính trị"),),
    "bbt": ((("T/M BAN BÍ THƯ",), "T/M Ban Bí thư"),),
}


def _crc(text: str) -> int:
    """A hash that does not change between runs (``hash()`` of a str does)."""
    return zlib.crc32(text.encode())


def _names(key: str, seed: int, k: int) -> tuple[str, ...]:
    rng = random.Random(_crc(key) ^ seed)
    return tuple(f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(k))


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Any]:
    """The pre-2025 provinces, districts and communes from the installed gazetteer."""
    from importlib.util import find_spec

    # The package's data file is read directly: importing the package pulls in pandas (~1 s).
    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the gazetteer package vietnamadminunits is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "parser_legacy.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {"provinces": data["DICT_PROVINCE"], "districts": data["DICT_PROVINCE_DISTRICT"],
            "wards": data["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"]}


def _unit(full: str) -> tuple[str, str]:
    """("Huyện Bình Xuyên") → ("huyện", "Bình Xuyên"): the unit word and the proper name."""
    full = normalize(full)
    for word in ("Thành phố", "Thị xã", "Thị trấn", "Huyện", "Quận", "Tỉnh", "Phường", "Xã"):
        if full.startswith(word + " "):
            return word.lower(), full[len(word) + 1:]
    return "", full


@dataclass
class World:
    """Every issuing body and, for each, the bodies whose documents it carries out."""

    bodies: list[Body]
    by_group: dict[str, list[Body]]  # "commune:ubnd" → bodies
    ancestors: dict[str, tuple[tuple[Body, float], ...]]
    central: dict[str, Body]


def _central_bodies(seed: int) -> dict[str, Body]:
    out = {}
    for key, (name, kind, code, letterhead, self_ref, topics) in CENTRAL.items():
        rate = 1.0  # central registers are per type (CENTRAL_RATES)
        out[key] = Body(
            key=f"central:{key}", name=name, level="central", kind=kind, code=code,
            series="TW" if kind == "pcentral" else code, letterhead=letterhead,
            parent_body="Ban Chấp hành Trung ương" if kind == "pcentral" else None,
            place="Hà Nội", self_ref=self_ref, cited_as=(name,), dv="cả nước",
            coso="các tỉnh, thành phố trực thuộc Trung ương",
            assignees=("Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                       "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                       "Bộ Y tế", "Bộ Công an", "Bộ Tài chính", "Bộ Thông tin và Truyền thông"),
            rate=rate, signers=_names(key, seed, 3),
            units=MINISTRY_UNITS.get(key, PM_UNITS if kind == "pm" else ()), topics=topics)
    return out


def _province_bodies(pkey: str, pinfo: dict, seed: int, rng: random.Random) -> list[Body]:
    word, pname = _unit(pinfo["province"])
    city = word == "thành phố"
    tinh = "thành phố" if city else "tỉnh"
    ubnd_name = f"Ủy ban nhân dân {tinh} {pname}"
    jitter = 0.7 + 0.6 * random.Random(_crc(pkey) ^ seed).random()
    party_word = "Thành ủy" if city else "Tỉnh ủy"
    base = dict(level="province", place=pname, dv=tinh,
                coso="các huyện, thị xã, thành phố" if not city else "các quận, huyện, thị xã")
    ubnd = Body(
        key=f"ubnd:{pkey}", name=ubnd_name, kind="ubnd", code="UBND", series=f"ubnd:{pkey}",
        letterhead=("ỦY BAN NHÂN DÂN", f"{tinh.upper()} {pname.upper()}"), parent_body=None,
        self_ref=f"UBND {tinh}", cited_as=(f"UBND {tinh}", f"Ủy ban nhân dân {tinh}", f"UBND {tinh} {pname}"),
        assignees=("Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Phát triển nông thôn",
                   "Sở Tài chính", "Sở Nội vụ", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
                   "Sở Thông tin và Truyền thông", f"UBND {base['coso']}"),
        rate=30 * jitter, signers=_names(ubnd_name, seed, 3), unit_suffix=rng.random() < 0.25, **base)
    party = Body(
        key=f"party:{pkey}", name=f"{party_word} {pname}", kind="party", code="TU", series=f"party:{pkey}",
        letterhead=(f"{party_word.upper()} {pname.upper()}",), parent_body=None,
        self_ref=f"Ban Thường vụ {party_word}",
        cited_as=(party_word, f"Ban Thường vụ {party_word}", f"{party_word} {pname}", f"Thường trực {party_word}"),
        assignees=("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", "Ban cán sự đảng UBND tỉnh",
                   "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
        rate=jitter, signers=_names(party_word + pname, seed, 3), **base)
    bodies = [ubnd, party]
    for dkey, (dname, code, units, topics) in DEPARTMENTS.items():
        # A Sở answers to the province; the provincial police answer to the Bộ Công an.
        police = dkey == "sca"
        name = f"Công an {tinh} {pname}" if police else f"{dname} {tinh} {pname}"
        parent = ("BỘ CÔNG AN", "Bộ Công an") if police else (f"UBND {tinh.upper()} {pname.upper()}", ubnd_name)
        bodies.append(Body(
            key=f"dept:{pkey}:{dkey}", name=name, kind="dept", code=code,
            series=f"dept:{pkey}:{dkey}", letterhead=(parent[0], name.upper() if police else dname.upper()),
            parent_body=parent[1], self_ref=dname, cited_as=(dname, name),
            assignees=(f"Phòng Y tế {base['coso']}", f"UBND {base['coso']}", "Các đơn vị trực thuộc"),
            rate=10 * jitter, signers=_names(dname + pname, seed, 2), units=units, topics=topics, **base))
    return bodies


def _district_bodies(pkey: str, pname: str, dkey: str, dinfo: dict, seed: int) -> list[Body]:
    word, dname = _unit(dinfo["district"])
    coso = {"quận": "các phường", "thành phố": "các phường, xã", "thị xã": "các phường, xã"}.get(
        word, "các xã, thị trấn")
    party_word = {"quận": "Quận ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}.get(word, "Huyện ủy")
    party_code = {"quận": "QU", "thị xã": "TU", "thành phố": "TU"}.get(word, "HU")
    jitter = 0.6 + 0.8 * random.Random(_crc(dkey) ^ seed).random()
    base = dict(level="district", place=dname, dv=word, coso=coso, superior=f"UBND tỉnh {pname}")
    ubnd_name = f"Ủy ban nhân dân {word} {dname}"
    ubnd = Body(
        key=f"ubnd:{pkey}:{dkey}", name=ubnd_name, kind="ubnd", code="UBND", series=f"ubnd:{pkey}:{dkey}",
        letterhead=("ỦY BAN NHÂN DÂN", f"{word.upper()} {dname.upper()}"), parent_body=None,
        self_ref=f"UBND {word}", cited_as=(f"UBND {word}", f"Ủy ban nhân dân {word}", f"UBND {word} {dname}"),
        assignees=("Phòng Y tế", f"Trung tâm Y tế {word}", "Phòng Tài nguyên và Môi trường",
                   "Phòng Giáo dục và Đào tạo", "Phòng Nông nghiệp và Phát triển nông thôn",
                   "Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Phòng Văn hóa và Thông tin",
                   f"Công an {word}", f"Ban Chỉ huy Quân sự {word}", f"UBND {coso}"),
        rate=10 * jitter, signers=_names(ubnd_name, seed, 3), **base)
    party = Body(
        key=f"party:{pkey}:{dkey}", name=f"{party_word} {dname}", kind="party", code=party_code,
        series=f"party:{pkey}:{dkey}", letterhead=(f"ĐẢNG BỘ TỈNH {pname.upper()}", f"{party_word.upper()} {dname.upper()}"),
        parent_body=f"Đảng bộ tỉnh {pname}", self_ref=f"Ban Thường vụ {party_word}",
        cited_as=(party_word, f"Ban Thường vụ {party_word}", f"Thường trực {party_word}", f"{party_word} {dname}"),
        assignees=(f"Đảng ủy {coso}", f"Ban Tuyên giáo {party_word}", f"Ủy ban Kiểm tra {party_word}",
                   f"Đảng đoàn HĐND {word}", f"Ban cán sự đảng UBND {word}",
                   f"Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội {word}"),
        rate=jitter, signers=_names(party_word + dname, seed, 3), **base)
    return [ubnd, party]


def _commune_bodies(pkey: str, dkey: str, dname_full: str, wkey: str, winfo: dict, seed: int) -> list[Body]:
    word, cname = _unit(winfo["ward"])
    dword, dname = _unit(dname_full)
    dv = word
    coso = "các tổ dân phố" if word == "phường" else "các thôn, tổ dân phố"
    jitter = 0.5 + random.Random(_crc(wkey + dkey) ^ seed).random()
    base = dict(level="commune", place=cname, dv=dv, coso=coso, superior=f"UBND {dword} {dname}")
    ubnd_name = f"Ủy ban nhân dân {word} {cname}"
    ubnd = Body(
        key=f"ubnd:{pkey}:{dkey}:{wkey}", name=ubnd_name, kind="ubnd", code="UBND",
        series=f"ubnd:{pkey}:{dkey}:{wkey}", letterhead=("ỦY BAN NHÂN DÂN", f"{word.upper()} {cname.upper()}"),
        parent_body=None, self_ref=f"UBND {word}", cited_as=(f"UBND {word}", f"UBND {word} {cname}"),
        assignees=(f"Trạm Y tế {word}", f"Công an {word}", f"Ban Chỉ huy Quân sự {word}",
                   "Công chức Địa chính - Xây dựng", "Công chức Văn hóa - Xã hội",
                   "Trưởng các thôn, tổ dân phố", f"Đoàn Thanh niên {word}", f"Hội Nông dân {word}"),
        rate=0.8 * jitter, signers=_names(ubnd_name + dname, seed, 2), **base)
    party = Body(
        key=f"party:{pkey}:{dkey}:{wkey}", name=f"Đảng ủy {word} {cname}", kind="party", code="ĐU",
        series=f"party:{pkey}:{dkey}:{wkey}",
        letterhead=(f"ĐẢNG BỘ {dword.upper()} {dname.upper()}", f"ĐẢNG ỦY {word.upper()} {cname.upper()}"),
        parent_body=f"Đảng bộ {dword} {dname}", self_ref=f"Ban Thường vụ Đảng ủy {word}",
        cited_as=("Đảng ủy", f"Đảng ủy {word}", f"Đảng ủy {word} {cname}"),
        assignees=("Các chi bộ trực thuộc", f"UBND {word}", f"Mặt trận Tổ quốc {word}",
                   "Các đoàn thể chính trị - xã hội"),
        rate=jitter, signers=_names("ĐU" + ubnd_name + dname, seed, 2), **base)
    return [ubnd, party]


def _sizes(n: int, years: int) -> tuple[int, int, int]:
    """How many provinces, districts per province and communes per district keep chains dense."""
    districts = max(3, round(0.35 * n / (10 * years)))
    provinces = min(63, max(1, -(-districts // 10)))
    communes = max(8, round(0.4 * n / (4 * years)))
    per_district = max(2, -(-communes // districts))
    return provinces, -(-districts // provinces), per_district


def build_world(n: int, seed: int, years: int) -> World:
    """The bodies of ``n`` documents' world: central, some real provinces and their units."""
    rng = random.Random(seed * 7919 + 1)
    gaz = _gazetteer()
    nprov, ndist, ncomm = _sizes(n, years)
    central = _central_bodies(seed)
    bodies = list(central.values())
    pkeys = sorted(gaz["provinces"])
    for pkey in rng.sample(pkeys, nprov):
        pinfo = gaz["provinces"][pkey]
        prov = _province_bodies(pkey, pinfo, seed, rng)
        bodies += prov
        pname = prov[0].place
        dists = [k for k, v in gaz["districts"][pkey].items() if not _unit(v["district"])[1][:1].isdigit()]
        for dkey in rng.sample(sorted(dists), min(ndist, len(dists))):
            dinfo = gaz["districts"][pkey][dkey]
            bodies += _district_bodies(pkey, pname, dkey, dinfo, seed)
            wards = gaz["wards"].get(pkey, {}).get(dkey, {})
            wkeys = [k for k, v in sorted(wards.items())
                     if isinstance(v.get("ward"), str) and not _unit(v["ward"])[1][:1].isdigit()]
            for wkey in rng.sample(wkeys, min(ncomm, len(wkeys))):
                bodies += _commune_bodies(pkey, dkey, dinfo["district"], wkey, wards[wkey], seed)
    by_group: dict[str, list[Body]] = {}
    for b in bodies:
        by_group.setdefault(f"{b.level}:{b.kind}", []).append(b)
    index = {b.key: b for b in bodies}
    return World(bodies, by_group, {b.key: _ancestors(b, index, central) for b in bodies}, central)


def _ancestors(body: Body, index: dict[str, Body], c: dict[str, Body]) -> tuple[tuple[Body, float], ...]:
    """Bodies whose documents ``body`` carries out, with how often it does."""
    parts = body.key.split(":")
    kind, path = parts[0], parts[1:]

    def at(prefix: str, *p: str) -> Body | None:
        return index.get(":".join((prefix, *p)))

    out: list[tuple[Body | None, float]] = []
    if body.level == "central":
        table = {"gov": [(c["bct"], 2.0), (c["bbt"], 1.0)], "pm": [(c["cp"], 3.0), (c["bct"], 1.0)],
                 "ministry": [(c["cp"], 2.0), (c["ttg"], 3.0)], "pcentral": [(c["bct"], 1.0)]}
        out = [(b, w) for b, w in table[body.kind] if b is not body]
    elif body.level == "province":
        p = path[0]
        if kind == "ubnd":
            out = [(at("party", p), 2.0), (c["cp"], 2.0), (c["ttg"], 3.0), (c["byt"], 0.7), (c["bnn"], 0.5),
                   (c["bnv"], 0.4), (c["btttt"], 0.4), (c["btc"], 0.3), (c["bgd"], 0.3), (c["btnmt"], 0.3)]
        elif kind == "party":
            out = [(c["bct"], 2.0), (c["bbt"], 2.0), (c["cp"], 0.5), (c["ttg"], 0.5)]
        else:  # a department carries out its province and its ministry
            ministry = {"syt": "byt", "sgd": "bgd", "snn": "bnn", "stnmt": "btnmt", "stc": "btc", "snv": "bnv",
                        "stttt": "btttt", "sca": "bca"}[path[1]]
            out = [(at("ubnd", p), 4.0), (c[ministry], 2.0), (c["ttg"], 1.0)]
    elif body.level == "district":
        p, d = path
        depts = [(at("dept", p, k), 0.25) for k in DEPARTMENTS]
        if kind == "ubnd":
            out = [(at("party", p, d), 2.0), (at("ubnd", p), 5.0), (at("party", p), 1.0), (c["ttg"], 0.4)] + depts
        else:
            out = [(at("party", p), 4.0), (at("ubnd", p), 1.0), (c["bbt"], 0.5), (c["bct"], 0.5)]
    else:
        p, d, w = path
        if kind == "ubnd":
            out = [(at("ubnd", p, d), 4.0), (at("party", p, d), 2.0), (at("party", p, d, w), 1.0),
                   (at("ubnd", p), 1.5), (at("party", p), 0.3), (c["ttg"], 0.2)]
        else:
            out = [(at("party", p, d), 5.0), (at("party", p), 1.5), (at("ubnd", p, d), 0.5), (c["bbt"], 0.3)]
    return tuple((b, w) for b, w in out if b is not None)


# Numbering ------------------------------------------------------------------------------


class Numbering:
    """Every register's used serials: a number is unique per issuer and year (state) or term (Party).

    Serials grow through the year as a real register does, at each body's rate, so
    that numbers of different bodies of one level collide the way real ones do.
    """

    def __init__(self, rng: random.Random):
        self._used: dict[tuple, set[int]] = {}
        self._rng = rng

    def reserve(self, register: tuple, serial: int) -> None:
        self._used.setdefault(register, set()).add(serial)

    def allocate(self, register: tuple, expected: float) -> int:
        used = self._used.setdefault(register, set())
        serial = max(1, int(expected * self._rng.uniform(0.92, 1.08)))
        while serial in used:
            serial += 1
        used.add(serial)
        return serial


def term_start(level: str, on: dt.date, jitter_days: int = 0) -> dt.date:
    """The first day of the Party term that ``on`` falls in, for a committee of ``level``."""
    starts = [s + dt.timedelta(days=jitter_days) for s in PARTY_TERMS[level]]
    return max((s for s in starts if s <= on), default=starts[0] - dt.timedelta(days=5 * 365))


def _register(body: Body, doc_type: str, on: dt.date, normative: bool) -> tuple[tuple, float]:
    """Which register a document is numbered in, and the serial it should be near on ``on``."""
    doy = on.timetuple().tm_yday
    if body.kind in ("party", "pcentral"):
        start = term_start(body.level, on, _crc(body.key) % 45 if body.level != "central" else 0)
        rate = PARTY_RATES.get(doc_type, 0.1) * LEVEL_PARTY_SCALE[body.level] * body.rate
        return (body.series, "term", start.isoformat(), doc_type), rate * ((on - start).days + 1)
    if normative:
        return (body.series, on.year, "QPPL", doc_type), NORMATIVE_RATES.get(doc_type, 0.1) * doy
    if body.level == "central":
        return (body.series, on.year, doc_type), CENTRAL_RATES.get(doc_type, 0.5) * doy * body.rate
    # Local state bodies keep one register for all their documents (Nghị định 30/2020, Điều 15).
    return (body.series, on.year), body.rate * doy


def format_number(body: Body, doc_type: str, serial: int, year: int, normative: bool, unit: str) -> str:
    """The số và ký hiệu in the body's form: 845/UBND-YT, 27/KH-UBND, 117/2020/NĐ-CP, 288-CV/HU."""
    if body.kind in ("party", "pcentral"):
        return f"{serial}-{PARTY_CODES[doc_type]}/{body.code}"
    if normative:
        return f"{serial}/{year}/{STATE_CODES[doc_type]}-{body.code}"
    if doc_type == "Công văn":
        return f"{serial}/{body.code}-{unit}" if unit else f"{serial}/{body.code}"
    return f"{serial}/{STATE_CODES[doc_type]}-{body.code}"


# Writing ----------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fmt_date(d: dt.date, rng: random.Random) -> str:
    """A date as dispatches write it in a reference: 21/9/2021, 21/09/2021, 21 tháng 9 năm 2021."""
    r = rng.random()
    if r < 0.55:
        return f"{d.day}/{d.month}/{d.year}"
    if r < 0.85:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day} tháng {d.month} năm {d.year}"


def place_date(place: str, d: dt.date | None, year: int) -> str:
    """The place-and-date line (Nghị định 30: day < 10 and month < 3 written with a leading zero)."""
    if d is None:
        return f"{place}, ngày    tháng    năm {year}"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


def _about(subject: str) -> str:
    if subject.startswith(("về ", "quy định", "ban hành", "phê duyệt", "hướng dẫn")):
        return subject
    return "về việc " + subject if not subject.startswith("Về") else subject.lower()


def _wrap(text: str, width: int = 52) -> str:
    """Break a long trích yếu over lines as a Word letterhead column does."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text if cut <= 0 else text[:cut] + "\n" + _wrap(text[cut + 1:], width)


@dataclass
class _Cite:
    """A citation decided but not yet written."""

    refs: list[Ref]
    relation: str
    verb: str
    number_stated: bool = True
    date_stated: bool = True
    name: str | None = None
    forward: bool = False  # dirty data: a document issued after the citing one (its date unknown here)


class _Writer:
    """Writes one document's text from its decided parts; kept apart from the decisions."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def issuer_form(self, ref: Ref, citing: Body) -> str:
        if ref.body is citing:
            return citing.self_ref.replace("Ban Thường vụ ", "")
        return self.rng.choice(ref.body.cited_as)

    def cite(self, c: _Cite, citing: Body) -> str:
        rng = self.rng
        if c.name:
            return f"{c.verb} {c.name}"
        ref = c.refs[0]
        issuer = self.issuer_form(ref, citing)
        if not c.number_stated:
            return f"{c.verb} chỉ đạo của {issuer} {_about(ref.subject)}"
        word = rng.choice(("Công văn", "Văn bản")) if ref.doc_type == "Công văn" else ref.doc_type
        if len(c.refs) > 1:  # enumeration: "các Chỉ thị số 15/CT-TTg ngày …, số 16/CT-TTg ngày … của …"
            items = ", ".join(f"số {r.number} ngày {fmt_date(r.date, rng)}" for r in c.refs)
            return f"{c.verb} các {word} {items} của {issuer}"
        date = f" ngày {fmt_date(ref.date, rng)}" if c.date_stated else ""
        tail = f" {_about(ref.subject)}" if rng.random() < 0.75 else ""
        if c.verb == "Thực hiện" and rng.random() < 0.2:
            return f"Thực hiện chỉ đạo của {issuer} tại {word} số {ref.number}{date}{tail}"
        return f"{c.verb} {word} số {ref.number}{date} của {issuer}{tail}"


class Generator:
    """Produces documents in date order, each citing earlier ones of higher levels."""

    def __init__(self, n: int, seed: int, dirty: bool):
        self.n, self.seed, self.dirty = n, seed, dirty
        self.rng = random.Random(seed)
        years = max(2, min(6, round(n / 2000)))
        span = sorted(YEARS_BY_PREFERENCE[:years])
        self.start, self.end = dt.date(span[0], 1, 1), dt.date(span[-1], 12, 31)
        self.world = build_world(n, seed, years)
        self.numbering = Numbering(random.Random(seed + 1))
        self.pools: dict[Any, list[Ref]] = {}  # by body key, and by (body key, topic)
        self.pending: list[tuple[int, Body, str, str, Ref]] = []  # dirty cycles: (due, body, number, type, cited)
        self.writer = _Writer(self.rng)
        self.topics = {t.key: t for t in TOPICS}
        self._externals = self._external_refs()
        self._assignees: dict[tuple[str, str], list[str]] = {}

    # -- decisions -----------------------------------------------------------------------

    def _external_refs(self) -> dict[str, list[Ref]]:
        """The real central documents of each topic, as refs; their serials are reserved."""
        out: dict[str, list[Ref]] = {}
        for t in TOPICS:
            for e in t.externals:
                body = self.world.central[e.issuer]
                out.setdefault(t.key, []).append(Ref(e.number, e.doc_type, e.date, e.subject, t.key, body, False))
                self._reserve_external(body, e)
        return out

    def _reserve_external(self, body: Body, e: External) -> None:
        normative = e.number.count("/") == 2
        register, _ = _register(body, e.doc_type, e.date, normative)
        self.numbering.reserve(register, int(re.match(r"\d+", e.number).group()))

    def dates(self) -> list[dt.date]:
        """``n`` working days across the span, in order (a few weekend documents, as in life)."""
        days = (self.end - self.start).days + 1
        out = []
        for _ in range(self.n):
            d = self.start + dt.timedelta(days=self.rng.randrange(days))
            if d.weekday() >= 5 and self.rng.random() < 0.9:
                d -= dt.timedelta(days=d.weekday() - 4)
            out.append(d)
        out.sort()
        return out

    def pick_body(self) -> Body:
        rng, groups = self.rng, self.world.by_group
        r = rng.random()
        if r < 0.06:
            return rng.choice(groups["central:gov"] + groups["central:pm"] + groups["central:ministry"] * 2
                              + groups["central:pcentral"])
        if r < 0.25:
            kind = rng.choices(("ubnd", "party", "dept"), (0.5, 0.2, 0.3))[0]
            return rng.choice(groups[f"province:{kind}"])
        level = "district" if r < 0.60 else "commune"
        return rng.choice(groups[f"{level}:{'ubnd' if rng.random() < 0.7 else 'party'}"])

    def allowed(self, body: Body, topic: str, on: dt.date) -> bool:
        t = self.topics[topic]
        if not (t.start <= on <= t.end):
            return False
        if body.topics:
            return topic in body.topics
        return topic != "party" or body.kind == "party"

    def pick_topic(self, body: Body, on: dt.date) -> Topic:
        choices = [t for t in TOPICS if self.allowed(body, t.key, on)]
        if not choices:  # a health office before COVID-19: the standing topics of every office
            choices = [t for t in TOPICS if t.key in ("admin", "digital", "budget")]
        weights = [t.weight * (3 if t.key == "party" and body.kind == "party" else 1) for t in choices]
        return self.rng.choices(choices, weights)[0]

    def recent(self, body: Body, on: dt.date, citing: Body, topic: str | None = None) -> list[Ref]:
        """Documents of ``body`` from the last 180 days before ``on`` that ``citing`` may carry out."""
        found: list[Ref] = []
        oldest = on - dt.timedelta(days=180)
        # Pools are in date order: walk back from the newest and stop at the first too old.
        for r in reversed(self.pools.get((body.key, topic) if topic else body.key, ())):
            if r.date < oldest or len(found) == 4:
                break
            if r.date < on and self.allowed(citing, r.topic, on):
                found.append(r)
        found.reverse()
        return found

    def pick_driver(self, body: Body, on: dt.date, topic: str | None) -> Ref | None:
        """The higher document this one carries out, if a recent one (on ``topic``) exists."""
        ancestors = self.world.ancestors[body.key]
        if not ancestors:
            return None
        for _ in range(3):
            anc = self.rng.choices([a for a, _ in ancestors], [w for _, w in ancestors])[0]
            found = self.recent(anc, on, body, topic)
            if found:
                return self.rng.choice(found[-4:])
        return None

    def phantom(self, body: Body, topic: Topic, on: dt.date) -> Ref | None:
        """A document of a higher body that is not in the generated set (an external reference)."""
        # Only bodies that write on the topic (the health department does not cite on land).
        ancestors = [(a, w) for a, w in self.world.ancestors[body.key] if not a.topics or topic.key in a.topics]
        if not ancestors:
            return None
        anc = self.rng.choices([a for a, _ in ancestors], [w for _, w in ancestors])[0]
        when = on - dt.timedelta(days=self.rng.randint(3, 90))
        doc_type = self.doc_type_for(anc)
        if doc_type in ("Nghị định", "Thông tư"):
            doc_type = "Nghị quyết" if anc.kind == "gov" else "Quyết định"
        number = self.allocate(anc, doc_type, when, topic, normative=False)
        return Ref(number, doc_type, when, self.subject(topic, anc, when), topic.key, anc, False)

    def allocate(self, body: Body, doc_type: str, on: dt.date, topic: Topic, normative: bool) -> str:
        register, expected = _register(body, doc_type, on, normative)
        serial = self.numbering.allocate(register, expected)
        return format_number(body, doc_type, serial, on.year, normative, self.unit(body, topic))

    def unit(self, body: Body, topic: Topic) -> str:
        rng = self.rng
        if body.kind == "ubnd":
            if body.level == "commune":
                return rng.choice(("", "", "VP"))
            unit = rng.choice(topic.units[0] if body.level == "province" else topic.units[1])
            if body.unit_suffix and not unit[-1].isdigit():
                unit += str(1 + _crc(unit + body.key) % 5)
            return unit
        if body.kind == "pm":
            return rng.choice(PM_UNITS)
        return rng.choice(body.units) if body.units else "VP"

    def subject(self, topic: Topic, body: Body, on: dt.date) -> str:
        text = self.rng.choice(topic.subjects)
        return text.format(dv=body.dv if body.level != "central" else "cả nước", year=on.year,
                           next_year=on.year + 1, n=self.rng.randint(1, 9))

    def doc_type_for(self, body: Body) -> str:
        table = DOC_TYPES.get((body.kind, body.level)) or DOC_TYPES[(body.kind, "")]
        return self.rng.choices([t for t, _ in table], [w for _, w in table])[0]

    def citations(self, body: Body, doc_type: str, on: dt.date, topic: Topic, driver: Ref | None) -> list[_Cite]:
        """1–3 documents this one cites, plus laws by name for decisions and plans."""
        rng = self.rng
        cites: list[_Cite] = []
        verb = "Căn cứ" if doc_type in ("Quyết định", "Nghị định", "Thông tư") else "Thực hiện"
        relation = "basis" if verb == "Căn cứ" else "implements"
        if driver is not None:
            stated = body.level != "central" and rng.random() < 0.08
            cites.append(_Cite([driver], relation, verb, number_stated=not stated,
                               date_stated=rng.random() > 0.05))
        if rng.random() < (0.35 if driver else 0.7):
            ext = [e for e in self._externals.get(topic.key, ()) if e.date < on]
            if ext:
                first = rng.choice(ext)
                group = [e for e in ext if first.body is e.body and first.doc_type == e.doc_type
                         and e is not first and _group(topic, e) == _group(topic, first) != ""]
                refs = [first] + (group[:1] if group and rng.random() < 0.6 else [])
                refs.sort(key=lambda r: int(re.match(r"\d+", r.number).group()))
                cites.append(_Cite(refs, rng.choice(("basis", "implements")) if verb == "Thực hiện" else "basis",
                                   ""))
        if (not cites or (body.level != "central" and rng.random() < 0.15)) and len(cites) < 3:
            ph = self.phantom(body, topic, on)
            if ph is not None:
                cites.append(_Cite([ph], relation, verb))
        if len(cites) < 3 and driver is not None and rng.random() < 0.25:
            more = [r for a, _ in self.world.ancestors[body.key] for r in self.recent(a, on, body, topic.key)
                    if r is not driver]
            if more:
                cites.append(_Cite([rng.choice(more)], "implements", "Thực hiện"))
        own = self.recent(body, on, body, topic.key)
        if own and 0 < len(cites) < 3 and rng.random() < 0.12:
            prev = rng.choice(own)
            if doc_type == "Quyết định" and prev.doc_type == "Quyết định":
                cites.append(_Cite([prev], "replaces", "thay thế"))
            elif doc_type == "Công văn":
                cites.append(_Cite([prev], "mentions", "Tiếp theo"))
        for c in cites:
            if not c.verb:
                c.verb = "Căn cứ" if c.relation == "basis" else "Thực hiện"
        if not cites:  # nothing above it yet: a central document rests on a law
            cites.append(_Cite([], "basis", "Căn cứ", name=self.law(body, topic)))
        if doc_type in ("Quyết định", "Kế hoạch", "Nghị định", "Thông tư") and topic.laws and rng.random() < 0.7:
            if not any(c.name for c in cites):
                cites.insert(0, _Cite([], "basis", "Căn cứ", name=rng.choice(topic.laws)))
        return cites

    def law(self, body: Body, topic: Topic) -> str:
        if topic.laws:
            return self.rng.choice(topic.laws)
        if body.kind in ("party", "pcentral"):
            return "Điều lệ Đảng Cộng sản Việt Nam"
        return "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015"

    # -- one document ---------------------------------------------------------------------

    def make(self, index: int, on: dt.date) -> GeneratedDoc:
        rng = self.rng
        forced = self._due(index, on)
        body = forced[1] if forced else self.pick_body()
        # The topic is drawn first (so the mix follows the topics' weights), then what it carries out.
        topic = self.pick_topic(body, on)
        driver = forced[4] if forced else self.pick_driver(body, on, topic.key)
        if driver is None and rng.random() < 0.3:
            driver = self.pick_driver(body, on, None)
        if driver is not None:
            topic = self.topics[driver.topic]
        doc_type = forced[3] if forced else self.doc_type_for(body)
        normative = doc_type in ("Nghị định", "Thông tư") or (
            doc_type == "Quyết định" and body.kind == "ubnd" and body.level == "province" and rng.random() < 0.15)
        subject = self.derived_subject(driver, topic, body, on, doc_type)
        cites = self.citations(body, doc_type, on, topic, driver)
        number = forced[2] if forced else self.allocate(body, doc_type, on, topic, normative)
        dirty: list[str] = ["cycle"] if forced else []
        ref = Ref(number, doc_type, on, subject, topic.key, body, True)
        if self.dirty and not forced and body.level in ("district", "province") and rng.random() < 0.03:
            cites.append(self._forward_ref(index, ref, topic))
            dirty.append("cites-later")
        doc = self.write(index, body, doc_type, number, on, subject, topic, cites, dirty)
        for key in (body.key, (body.key, topic.key)):
            pool = self.pools.setdefault(key, [])
            pool.append(ref)
            if len(pool) > 48:
                del pool[:24]
        return doc

    def derived_subject(self, driver: Ref | None, topic: Topic, body: Body, on: dt.date, doc_type: str) -> str:
        if driver is not None and driver.topic == topic.key and self.rng.random() < 0.45:
            s = driver.subject
            if doc_type == "Kế hoạch":
                return "triển khai thực hiện " + s if not s.startswith("triển khai") else s
            return s if s.startswith(("tiếp tục", "triển khai")) else "tiếp tục " + s
        return self.subject(topic, body, on)

    def _due(self, index: int, on: dt.date) -> tuple | None:
        for i, item in enumerate(self.pending):
            if item[0] <= index:
                return self.pending.pop(i)
        return None

    def _forward_ref(self, index: int, me: Ref, topic: Topic) -> _Cite:
        """Dirty data: cite a report that a body below will only issue later, and that will cite back."""
        body, on = me.body, me.date
        below = [b for b in self.world.bodies if b.kind == "ubnd" and b.key.startswith(body.key + ":")
                 and b.level != body.level]
        target = self.rng.choice(below) if below else body
        number = self.allocate(target, "Báo cáo", on, topic, normative=False)
        self.pending.append((index + self.rng.randint(3, 30), target, number, "Báo cáo", me))
        later = Ref(number, "Báo cáo", on + dt.timedelta(days=1), self.subject(topic, target, on), topic.key,
                    target, True)
        return _Cite([later], "mentions", "Căn cứ", date_stated=False, forward=True)

    # -- text ---------------------------------------------------------------------------------

    def write(self, index: int, body: Body, doc_type: str, number: str, on: dt.date, subject: str,
              topic: Topic, cites: list[_Cite], dirty: list[str]) -> GeneratedDoc:
        rng = self.rng
        blank_number = self.dirty and rng.random() < 0.03
        blank_date = self.dirty and rng.random() < 0.03
        if blank_number:
            dirty.append("blank-number")
        if blank_date:
            dirty.append("blank-date")
        ctx = self.context(body, on)
        ctx["subject"] = subject
        sig_lines, sig_title = self.signature(body, doc_type)
        signer = rng.choice(body.signers)
        urgency = None
        if doc_type in ("Công văn", "Công điện") and rng.random() < 0.08:
            urgency = rng.choice(("Khẩn", "Khẩn", "Hỏa tốc", "Thượng khẩn"))
        recipients = self.recipients(body, doc_type, topic)
        cite_text = [self.writer.cite(c, body) for c in cites]
        header, subject_written = self.header(body, doc_type, number, on, subject, urgency,
                                              blank_number, blank_date)
        text_body = self.body(body, doc_type, topic, ctx, cite_text, recipients, cites, on)
        footer = self.footer(body, doc_type, topic, sig_lines, signer)
        text = "\n\n".join([header, text_body, footer]) + "\n"
        if self.dirty and rng.random() < 0.05:
            text = _noise(text, rng)
            dirty.append("noise")
        truth = Truth(
            number=None if blank_number else number, doc_type=doc_type, issuer=body.name,
            issuer_level=body.level, parent_body=body.parent_body, place=body.place,
            date=None if blank_date else on, year=on.year, subject=subject_written, urgency=urgency,
            recipients=tuple(recipients), signer=signer, signer_title=sig_title, topic=topic.key,
            cited=tuple(t for c in cites for t in _cited_truth(c)), dirty=tuple(dirty), issuer_id=body.key)
        return GeneratedDoc(self.filename(index, body, doc_type, truth.number, on), text, truth)

    def context(self, body: Body, on: dt.date) -> dict[str, Any]:
        deadline = on + dt.timedelta(days=self.rng.randint(5, 40))
        return {"dv": body.dv, "coso": body.coso, "year": on.year, "next_year": on.year + 1,
                "pct": self.rng.choice((80, 85, 90, 95, 98)), "n": self.rng.randint(1, 9),
                "deadline": f"ngày {deadline.day}/{deadline.month}/{deadline.year}",
                "self_": body.self_ref}

    def signature(self, body: Body, doc_type: str) -> tuple[tuple[str, ...], str]:
        key = body.kind
        if body.kind == "ubnd" and doc_type in ("Quyết định", "Kế hoạch", "Chỉ thị"):
            key = "ubnd-tm"
        elif body.kind == "party" and body.level == "commune":
            key = "party-commune"
        elif body.kind == "pcentral":
            key = "bct" if body.key.endswith("bct") else "bbt"
        return self.rng.choice(SIGNATURES[key])

    def recipients(self, body: Body, doc_type: str, topic: Topic | None = None) -> list[str]:
        if doc_type not in ("Công văn", "Công điện"):
            return []
        picks = _shuffled(self.rng, body.assignees)[: self.rng.randint(2, 4)]
        if topic is not None:  # the units concerned come first
            fit = [a for a in self.assignees(body, topic) if a not in picks]
            picks = (fit[:1] + picks)[:4]
        return picks

    def header(self, body: Body, doc_type: str, number: str, on: dt.date, subject: str,
               urgency: str | None, blank_number: bool, blank_date: bool) -> tuple[str, str]:
        """Letterhead, number, place and date, and the trích yếu; returns the subject as written."""
        rng = self.rng
        party = body.kind in ("party", "pcentral")
        bold = rng.random() < 0.5
        lh = "\n".join(body.letterhead) + ("\n*" if party else "")
        if bold:
            lh = f"**{lh}**" if not party else f"**{chr(10).join(body.letterhead)}**\n\n*"
        shown = number
        if blank_number:
            shown = "/" + number.split("/", 1)[1] if not party else "-" + number.split("-", 1)[1]
        num = f"Số {shown}" if party else f"Số: {shown}"
        right = "ĐẢNG CỘNG SẢN VIỆT NAM" if party else rng.choice((
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"))
        if bold and not party:
            right = f"**{right}**"
        pd = place_date(body.place, None if blank_date else on, on.year)
        parts = [lh]
        if doc_type == "Công văn":
            vv = _wrap("V/v " + subject) if rng.random() < 0.4 else "V/v " + subject
            if party:
                vv = f"*{vv}*" if rng.random() < 0.5 else vv
            if rng.random() < 0.5:
                parts += [right, num, pd, vv]
            else:
                parts += [num + "\n" + vv, right, pd]
            written = subject
        else:
            title, written = self.title(body, doc_type, subject)
            parts += [right, num, pd, title]
        if urgency:
            parts.append(urgency.upper())
        return "\n\n".join(parts), written

    def title(self, body: Body, doc_type: str, subject: str) -> tuple[str, str]:
        """The type name in capitals and the trích yếu under it."""
        head = doc_type.upper()
        if doc_type in ("Quyết định", "Chỉ thị", "Công điện") or (doc_type == "Nghị quyết" and body.kind == "gov"):
            return f"{head}\nVề việc {subject}", subject
        if doc_type in ("Nghị định", "Thông tư"):
            s = subject if subject.startswith("quy định") else "quy định về " + subject
            return f"{head}\n{_cap(s)}", _cap(s)
        if body.kind in ("party", "pcentral") and doc_type in ("Nghị quyết", "Chỉ thị", "Kết luận"):
            who = body.self_ref if body.kind == "party" else body.name
            return f"{head}\ncủa {who}\nvề {subject}", subject
        return f"{head}\n{_cap(subject)}", _cap(subject)

    def body(self, body: Body, doc_type: str, topic: Topic, ctx: dict, cite_text: list[str],
             recipients: list[str], cites: list[_Cite], on: dt.date) -> str:
        rng = self.rng
        # A replaced decision is named in the last article, not among the grounds.
        replaced = [t for t, c in zip(cite_text, cites) if c.relation == "replaces"]
        cite_text = [t for t, c in zip(cite_text, cites) if c.relation != "replaces"]
        target = rng.randint(300, 800)
        parts: list[str] = []
        if recipients:
            parts.append("Kính gửi:\n" + "\n".join(f"- {r};" for r in recipients[:-1]) + f"\n- {recipients[-1]}.")
        if doc_type in ("Quyết định", "Nghị định", "Thông tư"):
            authority = {"ubnd": f"CHỦ TỊCH ỦY BAN NHÂN DÂN {body.letterhead[-1]}", "gov": "CHÍNH PHỦ",
                         "pm": "THỦ TƯỚNG CHÍNH PHỦ", "ministry": f"BỘ TRƯỞNG {body.name.upper()}"}.get(
                body.kind, f"GIÁM ĐỐC {body.name.upper()}")
            lines = [f"{t};" for t in cite_text]
            offices = [a for a in self.assignees(body, topic) if a.startswith(_OFFICES)]
            lines.append(f"Theo đề nghị của {_head_of(rng.choice(offices)) if offices else 'Chánh Văn phòng'}.")
            parts += [authority, "\n".join(lines), "QUYẾT ĐỊNH:" if doc_type == "Quyết định" else
                      f"{body.self_ref} ban hành {doc_type} này."]
        else:
            intro = "; ".join(cite_text[:1] + [_lower_verb(t) for t in cite_text[1:]])
            lead = (_LEADS[doc_type] if doc_type in _LEADS else rng.choice(DEMANDS)).format(**ctx)
            situation = " ".join(_shuffled(rng, topic.situation)[:2]).format(**ctx)
            if rng.random() < 0.5:  # the situation first, then what is carried out and the demand
                parts += [situation] if rng.random() < 0.6 else []
                parts.append(f"{intro}, {lead}")
            else:
                parts += [f"{intro}.", f"{situation} {_cap(lead)}"]
        words = sum(p.count(" ") + 1 for p in parts)
        parts += self.items(body, doc_type, topic, ctx, target - words, replaced)
        if doc_type not in ("Quyết định", "Nghị định", "Thông tư"):
            parts.append(rng.choice(CLOSINGS).format(**ctx))
        return "\n\n".join(parts)

    def items(self, body: Body, doc_type: str, topic: Topic, ctx: dict, budget: int,
              replaced: list[str]) -> list[str]:
        """Numbered items, or articles for decrees and decisions, until about ``budget`` words."""
        # Popped from the end: the topic's own tasks first, the generic ones to fill up.
        tasks = _Tasks(_shuffled(self.rng, GENERIC_TASKS) + _shuffled(self.rng, topic.tasks), ctx)
        who = self.assignees(body, topic)
        if doc_type == "Quyết định":
            return self.decision(body, topic, ctx, tasks, who, budget, replaced)
        if doc_type in ("Nghị định", "Thông tư"):
            return self.decree(body, doc_type, tasks, who, budget)
        out = []
        if doc_type == "Kế hoạch":
            out.append(f"{ROMAN[0]}. MỤC ĐÍCH, YÊU CẦU\n- {_cap(tasks.pop())}.\n- {_cap(tasks.pop())}.")
            out.append(f"{ROMAN[1]}. NỘI DUNG, NHIỆM VỤ")
        out += self.numbered(tasks, who, budget)
        if doc_type == "Kế hoạch":
            out.append(f"{ROMAN[2]}. TỔ CHỨC THỰC HIỆN\n{self.rng.choice(who)} là cơ quan thường trực, "
                       f"theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch này.")
        return out

    def numbered(self, tasks: list[str], who: list[str], budget: int) -> list[str]:
        rng, out, words = self.rng, [], 0
        while (words < budget or len(out) < 2) and len(tasks) >= 3:
            i = len(out) + 1
            a = rng.choice(who)
            b = _mid(rng.choice([x for x in who if x != a] or who))
            style = rng.random()
            if style < 0.35:
                item = f"{i}. {a}:\n- {_cap(tasks.pop())}.\n- {_cap(tasks.pop())}."
            elif style < 0.7:
                item = f"{i}. Giao {_mid(a)} chủ trì, phối hợp với {b} {tasks.pop()}. {_cap(tasks.pop())}."
            else:
                item = f"{i}. {a} {tasks.pop()}; {tasks.pop()}."
            words += item.count(" ") + 1
            out.append(item)
        return out

    def decision(self, body: Body, topic: Topic, ctx: dict, tasks: list[str], who: list[str], budget: int,
                 replaced: list[str]) -> list[str]:
        """Điều 1 what is decided, Điều 2 who does what, Điều 3 effect (and what it replaces)."""
        rng = self.rng
        what = rng.choice(("Kế hoạch", "Quy chế hoạt động", "Phương án"))
        members = "\n".join(f"- Ông (bà) {name}, {role};" for name, role in zip(
            _names(body.key + str(ctx["year"]), self.seed, 3),
            (f"Phó Chủ tịch UBND {body.dv} - Tổ trưởng", f"{_mid(who[0])} - Tổ phó", "Tổ viên")))
        subject = ctx["subject"][:1].lower() + ctx["subject"][1:]
        first = (f"Điều 1. Ban hành kèm theo Quyết định này {what} {subject}." if rng.random() < 0.5 else
                 f"Điều 1. Thành lập Tổ công tác {subject}, gồm các ông (bà) có tên sau:\n{members}")
        bullets, words = [], 0
        while words < budget - 60 and len(tasks) >= 2:
            line = f"- {rng.choice(who)} {tasks.pop()}."
            words += line.count(" ") + 1
            bullets.append(line)
        also = f" và {replaced[0]}" if replaced else ""
        return [first, "Điều 2. Tổ chức thực hiện\n" + "\n".join(bullets or [f"- {who[0]} {tasks.pop()}."]),
                f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký{also}. Chánh Văn phòng, Thủ trưởng các "
                f"cơ quan, đơn vị liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành "
                f"Quyết định này./."]

    def decree(self, body: Body, doc_type: str, tasks: list[str], who: list[str], budget: int) -> list[str]:
        out = ["Chương I\nQUY ĐỊNH CHUNG",
               f"Điều 1. Phạm vi điều chỉnh\n{doc_type} này quy định chi tiết các nội dung nêu tại trích yếu.",
               "Điều 2. Đối tượng áp dụng\nCơ quan nhà nước, tổ chức, cá nhân có liên quan.",
               "Chương II\nTRÁCH NHIỆM THỰC HIỆN"]
        words = 40
        while words < budget - 40 and len(tasks) >= 2:
            a = self.rng.choice(who)
            item = f"Điều {len(out) - 1}. Trách nhiệm của {_mid(a)}\n{_cap(tasks.pop())}; {tasks.pop()}."
            words += item.count(" ") + 1
            out.append(item)
        out.append(f"Điều {len(out) - 1}. Hiệu lực thi hành\n{doc_type} này có hiệu lực thi hành kể từ ngày "
                   f"ký ban hành./.")
        return out

    def assignees(self, body: Body, topic: Topic) -> list[str]:
        """The body's units that fit the topic (the health office for COVID-19, not for land)."""
        key = (body.key, topic.key)
        if key not in self._assignees:
            fit = [a for a in body.assignees if _fits(a, topic.key)]
            self._assignees[key] = fit or list(body.assignees)
        return self._assignees[key]

    def footer(self, body: Body, doc_type: str, topic: Topic, sig_lines: tuple[str, ...], signer: str) -> str:
        rng = self.rng
        to = ["Như trên;" if doc_type in ("Công văn", "Công điện") else
              ("Như Điều 3;" if doc_type == "Quyết định" else "Các cơ quan, đơn vị liên quan;")]
        if body.level == "district":
            to += [rng.choice(("UBND tỉnh (b/c);", f"{body.superior} (b/c);", "TT Huyện ủy, TT HĐND;",
                               "CT, các PCT UBND;"))]
        elif body.level == "commune":
            # Offices name the district they report to, which is how a reader knows which "UBND huyện".
            if rng.random() < 0.6:
                to.append(f"{body.superior} (b/c);" if body.kind == "ubnd" else "Ban Thường vụ cấp trên (b/c);")
            to += ["Đảng ủy, HĐND xã (b/c);" if body.kind == "ubnd" else "Các chi bộ trực thuộc;"]
        to.append("Lưu: VT." if rng.random() < 0.5 else f"Lưu: VT, {rng.choice(topic.units[1])}.")
        sig = "\n".join(sig_lines)
        if rng.random() < 0.5:
            sig = f"**{sig}**"
        return "Nơi nhận:\n" + "\n".join(f"- {t}" for t in to) + f"\n\n{sig}\n\n\n\n{signer}"

    def filename(self, index: int, body: Body, doc_type: str, number: str | None, on: dt.date) -> str:
        issuer = _slug(body.name)
        num = _slug(number.replace("/", "-")) if number else "so-trong"
        return f"{on.year}/{issuer}/{index:06d}_{_slug(doc_type)}_{num}_{on.isoformat()}.txt"

    def run(self) -> Iterator[GeneratedDoc]:
        for index, on in enumerate(self.dates()):
            yield self.make(index, on)


def _group(topic: Topic, ref: Ref) -> str:
    for e in topic.externals:
        if e.number == ref.number:
            return e.group
    return ""


def _cited_truth(c: _Cite) -> list[CitedTruth]:
    """One truth per cited document (an enumeration cites several)."""
    if c.name:
        return [CitedTruth(None, "Luật" if c.name.startswith("Luật") else "Văn bản",
                           "Quốc hội" if c.name.startswith("Luật") else "Đảng Cộng sản Việt Nam",
                           None, c.relation, False, False, False, c.name, "central")]
    return [CitedTruth(r.number, r.doc_type, r.body.name, None if c.forward else r.date, c.relation,
                       r.in_corpus, c.number_stated, c.date_stated, None, r.body.level, r.body.key)
            for r in c.refs]


def _lower_verb(text: str) -> str:
    """"Thực hiện …" → "thực hiện …" after a semicolon; a law's or document's name keeps its capital."""
    return text[:1].lower() + text[1:] if text.startswith(("Thực hiện", "Căn cứ", "Tiếp theo")) else text


# Which units a topic concerns, by words of their names; units named by none of these are general.
_UNIT_TOPICS = (
    ("Y tế", {"covid", "vaccine"}), ("Giáo dục", {"education"}), ("Tài nguyên", {"land"}),
    ("Địa chính", {"land", "ntm"}), ("Tài chính", {"budget"}), ("Nội vụ", {"admin", "election"}),
    ("Nông nghiệp", {"flood", "asf", "crops", "ntm"}), ("Nông dân", {"asf", "crops", "ntm"}),
    ("Văn hóa", {"digital", "election", "party"}), ("Thông tin", {"digital", "election"}),
    ("Công an", {"fire", "traffic", "covid", "election"}), ("Quân sự", {"flood", "covid", "fire"}),
    ("Kiểm tra", {"party"}), ("Tuyên giáo", {"party", "election"}), ("Tổ chức", {"party", "admin"}),
)


def _fits(unit: str, topic: str) -> bool:
    specific = [topics for word, topics in _UNIT_TOPICS if word in unit]
    return not specific or any(topic in t for t in specific)


# What a report, notice, guidance or conclusion says before its items (the others demand).
_LEADS = {"Báo cáo": "{self_} báo cáo kết quả thực hiện như sau:", "Thông báo": "{self_} thông báo như sau:",
          "Hướng dẫn": "{self_} hướng dẫn thực hiện như sau:", "Kết luận": "{self_} kết luận như sau:"}
_OFFICES = ("Phòng", "Sở", "Trung tâm", "Bộ ", "Trạm", "Công an")


def _head_of(office: str) -> str:
    """Who proposes a decision: "Phòng Nội vụ" → "Trưởng phòng Nội vụ", "Sở Y tế" → "Giám đốc Sở Y tế"."""
    if office.startswith("Phòng "):
        return "Trưởng phòng " + office[len("Phòng "):]
    if office.startswith("Bộ "):
        return "Bộ trưởng " + office
    return ("Giám đốc " if office.startswith(("Sở", "Trung tâm")) else "Trưởng ") + office


def _mid(name: str) -> str:
    """A unit's name inside a sentence: "Các Bộ …" becomes "các Bộ …"."""
    return "c" + name[1:] if name.startswith("Các ") else name


def _shuffled(rng: random.Random, items: Sequence[str]) -> list[str]:
    out = list(items)
    rng.shuffle(out)
    return out


class _Tasks(list):
    """Task phrases, filled in with the document's context only when used."""

    def __init__(self, items: list[str], ctx: dict):
        super().__init__(items)
        self.ctx = ctx

    def pop(self, index: int = -1) -> str:  # type: ignore[override]
        return super().pop(index).format(**self.ctx)


@lru_cache(maxsize=65536)
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def _noise(text: str, rng: random.Random) -> str:
    """Typing noise of converted files: spaced numbers, glued hyphens, old tone marks."""
    text = re.sub(r"(Số:? \d+)/", lambda m: m.group(1) + " /", text, count=1)
    text = text.replace("COVID-19", "Covid -19").replace("Ủy ban", "Uỷ ban").replace("hòa", "hoà")
    return text


# Public API ------------------------------------------------------------------------------


def generate(n: int, seed: int = 0, *, dirty: bool = False) -> Iterator[GeneratedDoc]:
    """``n`` realistic directives in date order, the same for the same ``n`` and ``seed``.

    The world (how many provinces, districts, communes; how many years) grows with
    ``n`` so that chains stay dense. ``dirty`` adds cycles, blank numbers and dates,
    and typing noise, each named in ``truth.dirty``.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    yield from Generator(n, seed, dirty).run()


def _docx_bytes(text: str) -> bytes:
    import io

    from docx import Document as Docx

    doc = Docx()
    for para in text.split("\n\n"):
        doc.add_paragraph(para.replace("**", "").replace("*", "") if para.strip() != "*" else "*")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def encode(doc: GeneratedDoc, fmt: str) -> tuple[str, bytes]:
    """The file name and bytes of ``doc`` in format ``fmt`` (one of :data:`FORMATS`)."""
    stem = doc.filename[: -len(".txt")]
    if fmt == "txt":
        return doc.filename, doc.text.encode("utf-8")
    if fmt == "utf16":
        return stem + ".utf16.txt", doc.text.encode("utf-16")
    if fmt in _LEGACY:  # the readers' own encoders: what old office PCs wrote
        from vanthu.archive.readers import legacy

        return f"{stem}.{fmt}.txt", getattr(legacy, _LEGACY[fmt])(doc.text)
    if fmt == "docx":
        return stem + ".docx", _docx_bytes(doc.text)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_corpus(directory: Path | str, n: int, seed: int = 0, formats: Sequence[str] = ("txt",), *,
                 dirty: bool = False, truth_file: Path | str | None = None) -> list[Path]:
    """Write ``n`` generated documents under ``directory`` in office-like folders (year/issuer/).

    Each document gets one of ``formats`` (chosen by the seed). With ``truth_file``,
    one JSON line per document ({"path": …, **truth}) is written there as well.
    """
    if not formats:
        raise ValueError(f"no format given; choose from {', '.join(FORMATS)}")
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    root = Path(directory)
    pick = random.Random(seed ^ 0x5EED)
    paths: list[Path] = []
    truth_out = open(truth_file, "w", encoding="utf-8") if truth_file else None
    try:
        made: set[Path] = set()
        for doc in generate(n, seed, dirty=dirty):
            name, data = encode(doc, formats[0] if len(formats) == 1 else pick.choice(formats))
            path = root / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(data)
            paths.append(path)
            if truth_out:
                truth_out.write(json.dumps({"path": name, **doc.truth.to_json()}, ensure_ascii=False) + "\n")
    finally:
        if truth_out:
            truth_out.close()
    return paths
