"""Vietnamese text normalisation shared by every stage.

Three ideas, each one function:

- :func:`normalize` — NFC with the tone mark in one canonical place, so that
  the old and new placements (``hoà``/``hòa``, ``thuỷ``/``thủy``) are one string;
- :func:`fold` — diacritics removed and ``đ`` → ``d``, for accent-insensitive matching;
- :func:`clean` — the artefacts that Word-to-text conversion leaves in real
  dispatches (``**bold**``, ``*italic*``, ``"Số: /UBND -VP"``, ``"Covid -19"``).

The canonical placement is the traditional one used by most state documents
("Ủy ban", "Cộng hòa", "thủy lợi"): in an open syllable ending in *oa*, *oe*
or *uy* the mark sits on the first vowel.

>>> normalize("Cộng hoà, thuỷ lợi, UỶ BAN")
'Cộng hòa, thủy lợi, ỦY BAN'
>>> fold("Phòng, chống dịch Đồng Tháp")
'Phong, chong dich Dong Thap'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .fold import fold, fold_key

__all__ = ["clean", "fold", "normalize", "canonical_tones", "prepare", "fold_key", "unflatten_letterhead"]

# Combining tone marks: huyền, sắc, hỏi, ngã, nặng.
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_TONE_SET = frozenset(_TONES)
# Vowels that carry a shape modifier (breve, circumflex, horn): they attract the tone.
_MODIFIED = frozenset("ăâêôơư")
_VOWELS = frozenset("aăâeêioôơuưy")

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")

# A "word" for tone purposes: letters only (Latin + Vietnamese), any case.
_WORD = re.compile(r"[^\W\d_]+")
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")


def _split_syllable(base: str) -> tuple[str, str, str] | None:
    """Split a toneless lower-case syllable into onset, vowel cluster and coda.

    Returns None when the word is not shaped like a Vietnamese syllable.
    """
    onset = ""
    for candidate in _ONSETS:
        if base.startswith(candidate):
            onset = candidate
            break
    rest = base[len(onset):]
    # "gì", "gìn": the i of gi is the vowel when nothing else follows.
    if onset == "gi" and (not rest or rest[0] not in _VOWELS):
        onset, rest = "g", base[1:]
    i = 0
    while i < len(rest) and rest[i] in _VOWELS:
        i += 1
    vowels, coda = rest[:i], rest[i:]
    if not vowels or len(vowels) > 3 or (coda and coda not in _CODAS):
        return None
    return onset, vowels, coda


def _tone_index(vowels: str, has_coda: bool) -> int:
    """Index in the vowel cluster that carries the tone (traditional placement)."""
    modified = [i for i, ch in enumerate(vowels) if ch in _MODIFIED]
    if modified:
        return modified[-1]  # ươ → ơ, iê → ê, ưu → ư
    if has_coda or len(vowels) == 1:
        return len(vowels) - 1  # hoàn, toán, huých
    if len(vowels) == 3:
        return 1  # oai → hoài, uya → khuya
    return 0  # open two-vowel syllable: hòa, thủy, mùa, kìa


# Documents repeat a few thousand syllables: each distinct word is re-toned once per process.
@lru_cache(maxsize=1 << 16)
def _retone_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_SET]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_SET))
    parts = _split_syllable(base.lower())
    if parts is None:
        return word
    onset, vowels, coda = parts
    target = len(onset) + _tone_index(vowels, bool(coda))
    toned = base[: target + 1] + tones[0] + base[target + 1:]
    return unicodedata.normalize("NFC", toned)


def canonical_tones(text: str) -> str:
    """Move every tone mark to its canonical (traditional) place; spelling is left alone.

    >>> canonical_tones("hoà thuỷ quý quí khoẻ")
    'hòa thủy quý quí khỏe'
    """
    parts = _WORD_SPLIT.split(text)  # non-word, word, non-word, …: re-tone the words only
    parts[1::2] = map(_retone_word, parts[1::2])
    return "".join(parts)


def normalize(text: str) -> str:
    """NFC with canonical tone placement: the form every stage stores and compares."""
    return canonical_tones(unicodedata.normalize("NFC", text))


# Clean-up of Word-to-text artefacts -------------------------------------------------

# Markdown emphasis: "**bold**", "*italic*", and the lone "*" separator line of Party letterheads
# is kept as a line break only.
_EMPHASIS = re.compile(r"\*+")
# Stray spaces around the slash of a number: "1187 /UBND", "45/ TB".
_NUMBER_SLASH = re.compile(r"(?<=\d) +/ *(?=[A-ZĐ0-9])|(?<=\d)/ +(?=[A-ZĐ])")
# "Covid -19", "SARS -CoV-2": a hyphen glued to what follows but not to what precedes.
# Between two numbers it is a range as written ("nhiệm kỳ 2021 -2026") and stays.
_GLUED_HYPHEN = re.compile(r"(?<=[^\W\d]) -(?=\w)|(?<=\d) -(?=[^\W\d])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy_code_hyphens(line: str) -> str:
    """Join "288 - CV/HU" and "/UBND -VP" but never "Độc lập - Tự do" or "kinh tế - xã hội"."""
    def join(match: re.Match[str]) -> str:
        before = line[max(0, match.start() - 12): match.start()]
        after = line[match.end(): match.end() + 12]
        # Only inside an upper-case code: the neighbours are capitals/digits of a ký hiệu.
        left = _CODE_END.search(before)
        right = _CODE_START.match(after)
        # "288 - CV/HU" joins; a range of numbers ("năm học 2020 - 2021") is written text and stays.
        party = left and right and left.group().isdigit() and right.group()[0].isalpha()
        if left and right and ("/" in before[-8:] or "/" in after[:12] or party):
            return "-"
        return match.group()
    return _SPACED_HYPHEN.sub(join, line) if "-" in line else line


_CODE_END = re.compile(r"[0-9A-ZĐ]+$")
_CODE_START = re.compile(r"[A-ZĐ0-9]+")
# A hyphen with a space on either side (one with none is left as it is by ``join`` anyway).
_SPACED_HYPHEN = re.compile(r" +- *|- +")


_WORD_SHAPE = re.compile(r"(?i)\b(?:straight (?:arrow )?connector|elbow connector|text box|rectangle|oval) \d+")
_CODE_AMPERSAND = re.compile(r"(\d/[A-ZĐ][\w-]*)&\s+(?=[A-ZĐ]{2})")
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|font|sup|sub)\b[^<>\n]{0,200}>", re.IGNORECASE)


def clean(text: str) -> str:
    """Undo the artefacts of converted Word files; keeps line structure.

    >>> clean("**KT. CHỦ TỊCH**\\nSố: /UBND -VP\\nSố 288 - CV/HU, dịch Covid -19")
    'KT. CHỦ TỊCH\\nSố: /UBND-VP\\nSố 288-CV/HU, dịch Covid-19'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if "\\r\\n" in text and text.count("\\r\\n") >= 3:  # a page's JSON copied with its escapes: "CỘNG\\r\\n HÒA"
        text = text.replace("\\r\\n", "\n")
    if "<" in text:  # a table cell copied from a web page keeps its line breaks as "<br>"
        text = _HTML_BREAK.sub("\n", text)
        if len(_INLINE_TAG.findall(text, 0, 20_000)) >= 4:  # a page copied with its markup: its emphasis
            text = _INLINE_TAG.sub("", text)  # ("<b>", "<i>" …) is no part of the words; a tag or two is text
    lines = []
    # Each substitution runs only on lines that contain what it looks for (prepare's hot loop).
    for line in text.split("\n"):
        if "*" in line:
            line = _EMPHASIS.sub("", line)
        if "  " in line or "\t" in line or "\u00a0" in line:
            line = _SPACES.sub(" ", line)
        line = line.strip()
        if " /" in line or "/ " in line:
            line = _NUMBER_SLASH.sub("/", line)
        if " -" in line or "- " in line:
            line = _GLUED_HYPHEN.sub("-", _tidy_code_hyphens(line))
        if "onnector" in line or "ext box" in line or "ectangle" in line:  # a Word file's drawing objects'
            line = _WORD_SHAPE.sub("", line)  # names in its text layer: "straight connector 2Số: 1551/…"
        if "& " in line:  # "15972/SXD-QLN& TTBĐS": a ký hiệu's "&" with a space after it
            line = _CODE_AMPERSAND.sub(r"\1&", line)
        lines.append(line)
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


# Flattened two-column letterheads -----------------------------------------------------

# The right-hand column of a letterhead: national motto (state) or the Party's name.
# The motto in any case and with any dash: "Độc Lập - Tự Do - Hạnh Phúc", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC";
# a PDF's text layer may drop the dashes: "Độc lập  Tự do  Hạnh phúc".
_MOTTO = r"(?i:Độc lập\s*[-–—]?\s*Tự do\s*[-–—]?\s*Hạnh phúc)"
_RIGHT_COLUMN = re.compile(rf" *(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM|{_MOTTO})")
_MOTTO_RE = re.compile(_MOTTO)
# ("VIỆT NAM DÂN CHỦ CỘNG HÒA", the national heading before 1976, is one phrase.)
_AFTER_RIGHT_COLUMN = re.compile(r"(?:(?<=VIỆT NAM)(?! +DÂN CHỦ)|(?<=(?i:Hạnh phúc))) +(?=[^\W\d_])")
# ", ngày" of a place-and-date line: "Mai Sơn, ngày 09 tháng 9 năm 2021".
# A text layer that lost every letter outside ASCII writes "ngày" as "ngay": "Ph Th, ngay 12 thang 01 nm 2017".
_COMMA_NGAY = re.compile(r", ng(?:ày|ay)\b")
# "Số: 254/TUBND-VP", the blank "Số: /UBND-VP" or the old "Số: 97-CP" at the start of a line, and the
# rest of that line.
# A resolution's letterhead may name its type: "Nghị quyết số: 11-NQ/TW Hà Nội, ngày …".
_NUMBER_HEAD = re.compile(r"^((?:(?:Nghị quyết|Quyết định|Nghị định|Luật|Pháp lệnh|Lệnh) số|Số|S(?=:))\s*:?\s*"
                          r"(?:\S*/\S+|\d+[A-Za-z]?-\S+))\s+(.+)$")


def _has_lower(text: str) -> bool:
    return any(ch.islower() for ch in text)


def _place_start(line: str, comma: int) -> int | None:
    """Start of the place name that ends at ``comma``: the run of capitalised, not all-caps words.

    "HUYỆN ỦY XUÂN TRƯỜNG Xuân Trường, ngày" → the index of "Xuân"; None when there is no place.
    """
    words = list(re.finditer(r"\S+", line[:comma]))
    start = None
    for word in reversed(words[-5:]):
        w = word.group()
        title = w[0].isupper() and (_has_lower(w) or len(w) == 1 or w in ("TP.", "TP")) and "/" not in w \
            and ":" not in w  # "Số:3358/SGD&ĐT Phan Thiết": the number is no part of the place
        if not (title or w.isdigit() and len(w) <= 2):  # "Quận 5", not the year ending a trích yếu
            break
        start = word.start()
    return start


# "Số: 5556/QĐBYT", "Số 36-HD/VPTW" inside a flattened letterhead line: no lower case of the column's own.
_NUMBER_WORD = re.compile(r"\b(?:Số|SỐ)\s*:?\s*\S+")


def _split_right_column(line: str) -> str:
    """Put the motto / Party name on lines of their own when an all-caps left column shares the line."""
    def cut(match: re.Match[str]) -> str:
        before = line[: match.start()].rstrip()
        # Only a letterhead: what precedes is upper case (the issuer), another right-column phrase or
        # the left column's number ("VĂN PHÒNG * Số 36-HD/VPTW ĐẢNG CỘNG SẢN VIỆT NAM": one PDF line).
        if before and not _has_lower(_NUMBER_WORD.sub("", _MOTTO_RE.sub("", before))):
            return "\n" + match.group(1)
        return match.group()

    line = _RIGHT_COLUMN.sub(cut, line)
    # Upper-case text glued after the motto is the left column's next line ("… VIỆT NAM HUYỆN MAI SƠN").
    return _AFTER_RIGHT_COLUMN.sub(
        lambda m: "\n" if not _has_lower(line[m.end(): m.end() + 12].split(",")[0]) else m.group(), line
    )


def _split_place_date(line: str) -> str:
    """Split "HUYỆN ỦY XUÂN TRƯỜNG Xuân Trường, ngày …" and "Số: 12/UBND-VP Mai Sơn, ngày …"."""
    comma = _COMMA_NGAY.search(line)
    head = _NUMBER_HEAD.match(line)
    if head:
        rest = head.group(2)
        if re.match(r"(?:V/v|Về việc)\b", rest) or (comma and _place_start(line, comma.start()) == head.start(2)) \
                or _CAPS_TITLE.match(rest):  # "Số: 15/2012/CT-UBND CHỈ THỊ VỀ VIỆC …": the title follows
            return head.group(1) + "\n" + rest
        return line
    if comma:
        start = _place_start(line, comma.start())
        before = line[:start].rstrip() if start else ""
        if before and (not _has_lower(_MOTTO_RE.sub("", before))  # the motto may precede: "… Hạnh phúc Sơn La, ngày"
                       or re.match(r"(?:V/v|V/V|Về việc)\s", before)):  # or the trích yếu: "V/v … Hà Nội, ngày"
            return before + "\n" + line[start:]
    return line


# "Nơi nhận: KT. CHỦ TỊCH": the recipients' heading and the signature block's first line.
_RECEIVED_SIGN = re.compile(r"^(Nơi nhận\s*:?)\s+((?:TM|KT|TL|TUQ|T/M|K/T|T/L|Q)\.?\s+\S.*)$")


def _split_received(line: str) -> str:
    m = _RECEIVED_SIGN.match(line)
    if m and not _has_lower(m.group(2)):
        return m.group(1) + "\n" + m.group(2)
    return line


def unflatten_letterhead(text: str) -> str:
    """Give each column of a flattened two-column letterhead its own line.

    Word-to-text conversion often puts the left column (issuer, số) and the right column
    (motto, place and date) on one line; the parser reads one item per line.
    Idempotent: an already split letterhead is unchanged.

    >>> unflatten_letterhead("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'ỦY BAN NHÂN DÂN\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'
    >>> unflatten_letterhead("Số: 12/UBND-VP Mai Sơn, ngày 09 tháng 9 năm 2021")
    'Số: 12/UBND-VP\\nMai Sơn, ngày 09 tháng 9 năm 2021'
    """
    if "NAM" not in text and "ngày" not in text and "húc" not in text and "HÚC" not in text \
            and "Số" not in text and "Nơi nhận" not in text:
        return text
    return "\n".join(_unflatten_line(line) if _UNFLATTEN_TRIGGER.search(line) else line for line in text.split("\n"))


# Every step below wants one of these in its line: a line without any is left as it is, and most lines
# of a document are body text without any (one C-level search instead of four tests in Python).
_UNFLATTEN_TRIGGER = re.compile(r"VIỆT NAM|húc|HÚC|Số|SỐ|, ngày|, ngay|S:|Nơi nhận")  # no "^": an anchor slows the search


@lru_cache(maxsize=1 << 12)  # a pure function of the line: letterhead lines repeat within a document (the
def _unflatten_line(line: str) -> str:  # head is un-flattened again after joining) and across documents
    # Each step runs only where its phrase occurs: most lines of a document are body text.
    parts = [line]
    for wanted, split in _UNFLATTEN_STEPS:
        parts = [piece for part in parts for piece in (split(part).split("\n") if wanted(part) else [part])]
    return "\n".join(parts)


# "… VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 42/2013/QĐ-UBND …": the left column's "Số:" glued on.
_NUMBER_INSIDE = re.compile(r"(?<=\S) +(?=(?:Số|SỐ)\s*:?\s*(?:\d|[.…_ ]*/))")


def _split_number(line: str) -> str:
    """Put a letterhead's "Số: …" on a line of its own when capitals (or the motto) precede it."""
    m = _NUMBER_INSIDE.search(line)
    if m and not _has_lower(_MOTTO_RE.sub("", line[:m.start()])):
        return line[:m.start()] + "\n" + line[m.end():]
    return line


# "Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010 V/v báo cáo … Kính gửi: - …": a head flattened onto one
# line runs from the date into the subject and the recipients.
_AFTER_DATE = re.compile(r"(, ngày[^\n]{0,30}?năm\s*\d{4}\.?)\s+(?=(?:V/v|V/V|Về việc)\s)")
# "Hà Nội, ngày 04 tháng 12 năm 2021 QUYẾT ĐỊNH VỀ VIỆC …": a PDF page flattened onto one line runs from
# the date into the title in capitals.
_DATE_THEN_CAPS = re.compile(r"(, ngày[^\n]{0,30}?năm\s*\d{4}\.?)\s+(?=(?P<word>[^\W\d_]{2,})\s+\S)")
_DATE_THEN_NUMBER = re.compile(r"(, ngày[^\n]{0,30}?năm\s*\d{4}\.?)\s+(?=(?P<word>Số|SỐ)\s*:)")
# The type names that open a title in capitals: where the title block and the body share a line, the
# block is the run of capital words after it ("QUYẾT ĐỊNH BAN HÀNH … TỈNH TRÀ VINH Căn cứ Luật …").
_CAPS_TITLE = re.compile(r"^(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|CHỈ THỊ|KẾ HOẠCH|HƯỚNG DẪN|THÔNG BÁO|THÔNG TƯ|"
                         r"BÁO CÁO|QUY ĐỊNH|QUY CHẾ|TỜ TRÌNH|KẾT LUẬN|CHƯƠNG TRÌNH|ĐỀ ÁN|CÔNG ĐIỆN|"
                         r"PHÁP LỆNH|LUẬT|LỆNH)(?=\s)")
_BEFORE_RECIPIENTS = re.compile(r"^((?:V/v|V/V|Về việc)\s.{4,400}?)\s+(?=Kính gửi\s*:)")


def _split_date_title(line: str) -> str:
    """ "…, ngày 04 tháng 12 năm 2021 QUYẾT ĐỊNH …" → the date line, then the title (or the left
    column's number, when the right column came first: "An Giang, ngày 05 tháng 10 năm 2012 Số: 15/…")."""
    m = _DATE_THEN_CAPS.search(line) or _DATE_THEN_NUMBER.search(line)
    if m is None or not m.group("word").isupper() and m.re is _DATE_THEN_CAPS:
        return line
    return line[:m.end(1)] + "\n" + line[m.end():]


def _split_caps_title(line: str) -> str:
    """ "HƯỚNG DẪN thể thức …", "QUYẾT ĐỊNH BAN HÀNH … Căn cứ Luật …": the title in capitals, then
    the words that follow it, on a line of their own."""
    words = line.split(" ")
    k = next((i for i, w in enumerate(words) if _has_lower(w)), len(words))
    if k == len(words):
        return line
    return " ".join(words[:k]) + "\n" + " ".join(words[k:])


def _split_after_date(line: str) -> str:
    line = _AFTER_DATE.sub(lambda m: m.group(1) + "\n", line, count=1)
    first, _, rest = line.partition("\n")
    if not rest:
        return _BEFORE_RECIPIENTS.sub(lambda m: m.group(1) + "\n", first, count=1)
    return first + "\n" + _BEFORE_RECIPIENTS.sub(lambda m: m.group(1) + "\n", rest, count=1)


# A letterhead flattened onto one line keeps the rules under its cells: "Số: 28/2014/TT-BGDĐT ------ Hà Nội,
# ngày …", "… Hạnh phúc -------- --------------- An Giang, ngày …": a rule between words ends a cell.
_INNER_RULES = re.compile(r"(?<=\S)\s+[-_=*~–—]{3,}(?:\s+[-_=*~–—]{3,})*\s+(?=\S)")


def _split_rules(line: str) -> str:
    return _INNER_RULES.sub("\n", line)


_UNFLATTEN_STEPS = (
    (lambda p: "---" in p or "___" in p or "***" in p or "===" in p, _split_rules),
    (lambda p: "VIỆT NAM" in p or "húc" in p or "HÚC" in p, _split_right_column),
    (lambda p: "Số" in p[1:] or "SỐ" in p[1:], _split_number),
    (lambda p: ", ngày" in p and ("V/" in p or "Về việc" in p), _split_after_date),
    (lambda p: ", ngày" in p or p.startswith("Số") or ", ngay" in p, _split_place_date),
    (lambda p: ", ngày" in p and "năm" in p, _split_date_title),
    (lambda p: p[:1].isupper() and _CAPS_TITLE.match(p) is not None, _split_caps_title),
    (lambda p: p.startswith("Nơi nhận"), _split_received),
)


def prepare(raw: str) -> str:
    """The text every stage works on: cleaned, NFC, canonical tones, letterhead columns in order.

    Every layout of a letterhead (Word table, "| … |" cells, side-by-side or interleaved PDF
    columns, fields broken over lines) becomes the left column's lines, then the right column's
    (:mod:`vanthu.vietnamese.layout`). Citation offsets, snippets and stored text refer to this form.
    """
    from .layout import document_start, head_columns, join_broken_lines, split_wide_gaps, tail_columns, untable

    # A portal page's furniture is set aside first: its table is no part of the letterhead's.
    page, text = _page_furniture(normalize(clean(split_wide_gaps(raw))), document_start)
    text = untable(unflatten_letterhead(text))
    head, body = _head_and_body(text)
    # Joining a broken field may give a line that holds both columns again ("Số: 12/UBND-VP Mai Sơn, ngày").
    for _ in range(3):  # joining and splitting settle in a pass or two; stop when they do (idempotence)
        head, before = head_columns(unflatten_letterhead(join_broken_lines(head))), head
        if head == before:
            break
    text = page + head + body
    return _BLANK_LINES.sub("\n\n", tail_columns(text)).strip("\n")


def _page_furniture(text: str, start_of) -> tuple[str, str]:
    """(a portal page's lines above the document, with their line break; the document): the page's
    lines are kept as they are, and the letterhead's columns are put in order where the document starts."""
    lines = text.split("\n", _PAGE_LINES)
    start = start_of(lines[:_PAGE_LINES])
    if start == 0:
        return "", text
    cut = sum(len(line) + 1 for line in lines[:start])
    return text[:cut], text[cut:]


_PAGE_LINES = 260


def _head_and_body(text: str, lines: int = 40) -> tuple[str, str]:
    """The first ``lines`` lines (where the letterhead is) and the rest, with its line break."""
    cut = -1
    for _ in range(lines):
        cut = text.find("\n", cut + 1)
        if cut < 0:
            return text, ""
    return text[:cut], text[cut:]
