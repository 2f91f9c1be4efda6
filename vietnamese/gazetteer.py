"""Vietnamese administrative units before and after the reform of 1 July 2025.

Before it, three levels: 63 provinces, ~700 districts, ~10,000 communes (the "legacy" table of
the maintained package ``vietnamadminunits``: province → district → commune). From 1 July 2025,
two: 34 provinces (most of them mergers of old ones) and ~3,300 communes, with no districts
(the package's ``admin_units`` table and its old → new province mapping). Both are read once,
lazily, from the package's bundled data; a document is read against the map of its date
(:func:`two_level`): "UBND xã Bình Xuyên, tỉnh Phú Thọ" in 2025 is a commune of Phú Thọ, while
the huyện Bình Xuyên of 2021 was in Vĩnh Phúc.

It answers the questions the parser and the issuer expander ask:

- which province a district (or commune) belongs to — ``province_of("Bình Xuyên")`` is
  "Vĩnh Phúc"; a name that several provinces share ("Châu Thành", "Tân Uyên") is resolved only
  by a clue in ``hint_text`` ("tỉnh Trà Vinh", "Đảng bộ tỉnh Nam Định"), else None;
- the level of "thành phố X": a province-level city (Hà Nội, Hải Phòng, Đà Nẵng, Cần Thơ,
  Hồ Chí Minh; Huế from 2025) or a district-level one (thành phố Tân Uyên of Bình Dương).

Names are compared by :func:`fold_key`, so "Vinh Phuc", "VĨNH PHÚC" and "Vĩnh Phúc" are one.

>>> province_of("Mai Sơn")
'Sơn La'
>>> level_of("thành phố", "Cần Thơ"), level_of("thành phố", "Tân Uyên")
('province', 'district')
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text import fold_key

__all__ = [
    "Gazetteer",
    "Unit",
    "UNIT_WORDS",
    "gazetteer",
    "province_of",
    "district_of",
    "commune_province",
    "level_of",
    "is_province",
    "province_title",
    "REFORM_DATE",
    "two_level",
    "commune_province_2025",
    "new_province_of",
    "merged_into",
    "level_of_place",
    "communes_2025",
]

# Unit words as written before a name, longest first (so "thành phố" wins over "phố").
# "đặc khu": the special zones (Phú Quốc, Côn Đảo …) that are communes of the 2025 map.
UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã")

# Thừa Thiên Huế became the province-level city of Huế on 1 January 2025; documents before that
# name the province "tỉnh Thừa Thiên Huế", and "thành phố Huế" was one of its district-level cities.
_HUE_CITY_YEAR = 2025
_PROVINCE_ALIASES = {"thua thien hue": "Huế", "tp hcm": "Hồ Chí Minh", "tp. hcm": "Hồ Chí Minh",
                     "thanh pho ho chi minh": "Hồ Chí Minh", "sai gon": "Hồ Chí Minh"}


@dataclass(frozen=True)
class Unit:
    """One administrative unit: its short name, kind ("huyện", "thành phố" …) and province."""

    name: str
    kind: str
    province: str
    district: str | None = None
    district_kind: str | None = field(default=None, repr=False)  # a commune's: two districts may share a name


class Gazetteer:
    """Lookup tables built once from vietnamadminunits' legacy (pre-2025) data."""

    def __init__(self, rows: list[tuple[str, str, str, str | None, str | None]]) -> None:
        self.provinces: dict[str, str] = {}          # key → short name
        self.province_cities: set[str] = set()       # keys of province-level cities
        self.districts: dict[str, list[Unit]] = {}   # key → districts of that name
        self.communes: dict[str, list[Unit]] = {}    # key → communes of that name
        seen: set[tuple[str, ...]] = set()
        key = lru_cache(maxsize=None)(fold_key)  # names repeat a lot: fold each once
        for province_full, province, district, kind, ward_row in rows:
            district = _plain(district)
            if province not in self.provinces.values() and key(province) not in self.provinces:
                self._add_province(province_full, province)
            dkey = (province, district, kind)  # Cao Lãnh the huyện and Cao Lãnh the thành phố
            if dkey not in seen:
                seen.add(dkey)
                self.districts.setdefault(key(district), []).append(Unit(district, kind.lower(), province))
            if ward_row:
                ward, ward_kind = ward_row.split("\t")
                ward = _plain(ward)
                self.communes.setdefault(key(ward), []).append(
                    Unit(ward, ward_kind.lower(), province, district, kind.lower()))
        for alias, province in _PROVINCE_ALIASES.items():
            self.provinces.setdefault(alias, province)

    def spelling(self, name: str) -> str:
        """The gazetteer's own capitals for a place name: "Đắk R'lấp" → "Đắk R'Lấp"; else ``name``.

        Letterheads are in capitals, so a name's inner capitals are lost there; the gazetteer keeps them.
        """
        key, low = fold_key(name), name.lower()
        found = {u.name for u in (*self.districts.get(key, ()), *self.communes.get(key, ())) if u.name.lower() == low}
        province = self.provinces.get(key)
        if province and province.lower() == low:
            found.add(province)
        return found.pop() if len(found) == 1 else name

    def _add_province(self, full: str, short: str) -> None:
        key = fold_key(short)
        if key in self.provinces:
            return
        self.provinces[key] = short
        if full.lower().startswith("thành phố"):
            self.province_cities.add(key)

    def province(self, name: str) -> str | None:
        """Short name of the province called ``name`` (with or without "tỉnh"/"thành phố")."""
        key = fold_key(_strip_unit(name))
        return self.provinces.get(key) or self.provinces.get(fold_key(name))


def _package_root() -> Path:
    """Where vietnamadminunits' data lies."""
    # find_spec locates the package without importing it (its import parses 4 MB of JSON: 0.4 s).
    from importlib.util import find_spec

    spec = find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits is not installed (pip install vietnamadminunits)")
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use (~0.1 s) and shared by every later call."""
    db = _package_root() / "data" / "dataset.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT DISTINCT province, provinceShort, districtShort, districtType,"
            " CASE WHEN wardShort IS NULL THEN NULL ELSE wardShort || char(9) || wardType END"
            " FROM admin_units_legacy"
        ).fetchall()
    # The package writes traditional tone placement already; NFC guards against stray decomposed rows.
    return Gazetteer([tuple(unicodedata.normalize("NFC", c) if c else c for c in r) for r in rows])


def _plain(name: str) -> str:
    """ "Cao Lãnh (Huyện)" → "Cao Lãnh": the package tells apart two units of one name by a
    bracketed kind, which no document writes (the kind already stands before the name)."""
    return re.sub(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận|Xã|Phường|Thị trấn)\)$", "", name)


def _strip_unit(name: str) -> str:
    """ "tỉnh Vĩnh Phúc" → "Vĩnh Phúc"; "TP. Hồ Chí Minh" → "Hồ Chí Minh"."""
    s = re.sub(r"^(?:tp\.?|t\.p\.?)\s*", "", name.strip(), flags=re.IGNORECASE)
    low = s.lower()
    for word in UNIT_WORDS:
        if low.startswith(word + " "):
            rest = s[len(word) + 1:].strip()
            return s if rest.isdigit() else rest  # "Quận 3", "Phường 12": the number is no name
    return s


def _names(hint_text: str | None, name: str | None) -> bool:
    """Does the hint text name this place? Compared folded, as whole words ("Châu Thành, tỉnh …")."""
    return bool(hint_text and name) and _words(name) in _words(hint_text)


@lru_cache(maxsize=64)
def _words(text: str) -> str:
    """Folded words between single spaces, punctuation dropped (a hint is folded once, not per candidate)."""
    return " " + " ".join(re.findall(r"\w+", fold_key(text))) + " "


def _hinted(candidates: list[Unit], hint_text: str | None, attr: str) -> Unit | None:
    """The one candidate whose province (or district) the hint text names, else None."""
    if len(candidates) == 1:
        return candidates[0]
    if not hint_text or not candidates:
        return None
    named = [u for u in candidates if _names(hint_text, getattr(u, attr))]
    # Two provinces may each have a district of the named name ("Châu Thành"): then it settles nothing.
    return named[0] if len({(u.province, getattr(u, attr)) for u in named}) == 1 else None


def province_of(district: str, hint_text: str | None = None, kind: str | None = None) -> str | None:
    """Province (short name) of a pre-2025 district; None when unknown or ambiguous.

    ``kind`` ("huyện", "thị xã", "thành phố", "quận") narrows a shared name; ``hint_text`` (other
    text of the document) must name the province to settle a name several provinces share.

    >>> province_of("Châu Thành") is None, province_of("Châu Thành", "trong đó có tỉnh Trà Vinh")
    (True, 'Trà Vinh')
    """
    units = gazetteer().districts.get(fold_key(_strip_unit(district)), [])
    if kind:
        units = [u for u in units if u.kind == kind.lower()] or units
    unit = _hinted(units, hint_text, "province")
    return unit.province if unit else None


def district_of(commune: str, hint_text: str | None = None, kind: str | None = None,
                superiors: frozenset[str] = frozenset()) -> Unit | None:
    """The district (as a Unit, with its kind) a commune belongs to; None when unknown or not settled.

    ``kind`` ("xã", "phường", "thị trấn") and ``superiors`` narrow a name several districts share:
    the unit words the document uses for the bodies above it ("UBND huyện", "Thành ủy" →
    {"huyện", "thành phố"}). Only the candidates that fit every one of them stay; a name is
    settled when one candidate (or one that ``hint_text`` names) is left.

    >>> district_of("Thọ An")
    Unit(name='Đan Phượng', kind='huyện', province='Hà Nội', district=None)
    >>> district_of("Ngọc Hòa") is None, district_of("Ngọc Hòa", superiors=frozenset({"thành phố"})).name
    (True, 'Chương Mỹ')
    """
    name = _strip_unit(commune)
    units = gazetteer().communes.get(fold_key(name), [])
    # Folding joins different names ("Thượng Thanh", "Thường Thạnh"): the spelling written wins.
    units = [u for u in units if u.name.lower() == name.lower()] or units
    if kind:
        units = [u for u in units if u.kind == kind.lower()] or units
    if superiors and len(units) > 1:
        units = [u for u in units if _fits_superiors(u, superiors)] or units
    unit = _hinted(units, hint_text, "district")
    if unit is None and units:
        # The named district may lie in several provinces ("Châu Thành"): then the province decides,
        # among the communes of that district; it settles it only if one commune of the name lies there.
        units = [u for u in units if _names(hint_text, u.district)] or units
        unit = _hinted(units, hint_text, "province")
        if unit is not None:
            same = [u for u in units if u.province == unit.province]
            unit = same[0] if len(same) == 1 else None
    if unit is None or not unit.district:
        return None
    return Unit(unit.district, unit.district_kind or "", unit.province)


def commune_province(commune: str, kind: str | None = None) -> str | None:
    """The province of a pre-2025 commune when every commune of that name (and kind) lies in it,
    though in different districts; else None.

    >>> commune_province("Bình Xuyên", "xã")
    'Hải Dương'
    """
    name = _strip_unit(commune)
    units = [u for u in gazetteer().communes.get(fold_key(name), []) if u.name.lower() == name.lower()]
    if kind:
        units = [u for u in units if u.kind == kind.lower()]
    provinces = {u.province for u in units}
    return provinces.pop() if len(provinces) == 1 else None


def _fits_superiors(commune: Unit, words: frozenset[str]) -> bool:
    """Can a commune's district and province be called by all these unit words?

    "tỉnh" needs a province that is not a city; "thành phố" a province-level city or a
    district-level one; "huyện", "quận", "thị xã" the district's own kind.
    """
    city = fold_key(commune.province) in gazetteer().province_cities
    kinds = {commune.district_kind}
    for word in words:
        if word == "tỉnh" and city:
            return False
        if word == "thành phố" and not (city or "thành phố" in kinds):
            return False
        if word in ("huyện", "quận", "thị xã") and word not in kinds:
            return False
    return True


def is_province(name: str) -> bool:
    """True for a province or province-level city name ("Vĩnh Phúc", "thành phố Hà Nội")."""
    return gazetteer().province(name) is not None


def province_title(name: str, year: int | None = None) -> str | None:
    """The province with its unit word, as a document writes it: "tỉnh Vĩnh Phúc", "thành phố Hà Nội".

    Before 2025 Huế's province was "tỉnh Thừa Thiên Huế" (``year`` None counts as today).
    """
    short = gazetteer().province(name)
    if short is None:
        return None
    if short == "Huế" and year is not None and year < _HUE_CITY_YEAR:
        return "tỉnh Thừa Thiên Huế"
    kind = "thành phố" if fold_key(short) in gazetteer().province_cities else "tỉnh"
    return f"{kind} {short}"


def level_of(unit_word: str, name: str | None = None, year: int | None = None) -> str | None:
    """Level ("province", "district", "commune") of "<unit word> <name>"; None if not a unit word.

    A thành phố is a province only when the gazetteer says so; Huế is one from 2025
    (``year`` None counts as today), a district-level city before.
    """
    word = unit_word.lower().strip()
    if word == "tỉnh":
        return "province"
    if word in ("huyện", "quận", "thị xã"):
        return "district"
    if word in ("xã", "phường", "thị trấn", "đặc khu"):
        return "commune"
    if word in ("thành phố", "tp", "tp."):
        if not name:
            return None
        key = fold_key(_strip_unit(name))
        if key == "hue":
            return "province" if (year is None or year >= _HUE_CITY_YEAR) else "district"
        return "province" if key in gazetteer().province_cities or key in ("ho chi minh", "hcm") \
            else "district"
    return None


# The two-level local government (Nghị quyết 202/2025/QH15 and the Luật Tổ chức chính quyền địa
# phương 2025) took effect on 1 July 2025.
REFORM_DATE = dt.date(2025, 7, 1)


def two_level(on: dt.date | None, year: int | None = None) -> bool:
    """Is a document of this date (else year) read against the 2025 map? A 2025 document with no
    day stated could be of either map: it keeps the old one."""
    if on is not None:
        return on >= REFORM_DATE
    return year is not None and year > REFORM_DATE.year


@dataclass(frozen=True)
class _Map2025:
    """The 2025 units: provinces (key → short name), communes (key → units), old → new provinces."""

    provinces: dict[str, str]
    communes: dict[str, list[Unit]]
    new_of_old: dict[str, str]  # folded old province name → its 2025 province


@lru_cache(maxsize=1)
def _map_2025() -> _Map2025:
    import json

    root = _package_root()
    with sqlite3.connect(f"file:{root / 'data' / 'dataset.db'}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT DISTINCT provinceShort, provinceKey, wardShort, wardType FROM admin_units").fetchall()
        old = dict(conn.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy").fetchall())
    provinces: dict[str, str] = {}
    keys: dict[str, str] = {}  # the package's province key → short name
    communes: dict[str, list[Unit]] = {}
    for province, pkey, ward, kind in (tuple(unicodedata.normalize("NFC", c) for c in r) for r in rows):
        provinces[fold_key(province)] = keys[pkey] = province
        communes.setdefault(fold_key(ward), []).append(Unit(ward, kind.lower(), province))
    merged = json.loads((root / "data" / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    new_of_old = {fold_key(unicodedata.normalize("NFC", old[o])): keys[new]
                  for new, olds in merged.items() for o in olds if o in old and new in keys}
    return _Map2025(provinces, communes, new_of_old)


def commune_province_2025(commune: str, hint_text: str | None = None, kind: str | None = None) -> str | None:
    """The 2025 province of a commune of the two-level map; None when unknown or not settled.

    >>> commune_province_2025("Bình Xuyên", kind="xã")
    'Phú Thọ'
    """
    name = _strip_unit(commune)
    units = _map_2025().communes.get(fold_key(name), [])
    units = [u for u in units if u.name.lower() == name.lower()] or units
    if kind:
        units = [u for u in units if u.kind == kind.lower()] or units
    unit = _hinted(units, hint_text, "province")
    return unit.province if unit else None


def new_province_of(province: str) -> str | None:
    """The 2025 province an old province became part of: "Vĩnh Phúc" → "Phú Thọ".

    >>> new_province_of("tỉnh Vĩnh Phúc"), new_province_of("Hà Nội")
    ('Phú Thọ', 'Hà Nội')
    """
    short = gazetteer().province(province) or _strip_unit(province)  # "Thừa Thiên Huế" is "Huế"
    return _map_2025().new_of_old.get(fold_key(short))


def merged_into(province: str) -> tuple[str, ...]:
    """The old (pre-2025) provinces that make up a 2025 province, the province itself included
    when it kept its name; () for a name that is no 2025 province.

    A search for everything a territory issued names the new province and should find the
    documents of every old province in it.

    >>> merged_into("Phú Thọ")
    ('Hòa Bình', 'Phú Thọ', 'Vĩnh Phúc')
    """
    m = _map_2025()
    new = m.provinces.get(fold_key(_strip_unit(province)))
    if new is None:
        return ()
    spelled = {fold_key(p): p for p in gazetteer().provinces.values()}
    return tuple(sorted(spelled.get(old, old) for old, into in m.new_of_old.items() if into == new))


def communes_2025(name: str) -> list[Unit]:
    """The communes of the 2025 map called ``name`` (with or without its unit word)."""
    return list(_map_2025().communes.get(fold_key(_strip_unit(name)), ()))


def level_of_place(place: str, on: dt.date | None = None, year: int | None = None) -> str | None:
    """The level of the unit a place of issue names, in the map of the document's date, when only
    one level has a unit of that name: a local body writes its own unit's name (Nghị định 30/2020).

    >>> level_of_place("Gia Lai", dt.date(2025, 11, 20)), level_of_place("Bình Chánh", None, 2017)
    ('province', None)
    """
    name = _strip_unit(place)
    key = fold_key(name)
    if two_level(on, year):
        m = _map_2025()
        found = {"province"} if key in m.provinces else set()
        found |= {"commune"} if _spelled(m.communes.get(key, ()), name) else set()
    else:
        g = gazetteer()
        found = {"province"} if g.province(place) else set()
        found |= {"district"} if _spelled(g.districts.get(key, ()), name) else set()
        found |= {"commune"} if _spelled(g.communes.get(key, ()), name) else set()
    return found.pop() if len(found) == 1 else None


def _spelled(units, name: str) -> list[Unit]:
    """The units spelled as ``name`` is ("Thanh Hóa" is not "Thạnh Hóa"); all of them for a name
    written without diacritics."""
    if fold_key(name) == name.lower():
        return list(units)
    return [u for u in units if u.name.lower() == name.lower()]
