"""The 8-bit Vietnamese encodings of old office files: TCVN3 (ABC, ".VnTime") and VNI, and cp1258.

No maintained Python package converts them, so the tables are here. TCVN3 is TCVN 5712:1993:
the VN3 subset that the ".VnTime" fonts draw (lower-case letters and Ă Â Ê Ô Ơ Ư Đ at
0xA1–0xFE) plus the VN1 positions of the toned capitals (0x80–0x9F, a few gaps above 0xA0 and
control codes 0x01–0x17); the table agrees with glibc's ``iconv -f TCVN5712-1`` (a test checks
it). VNI ("VNI-Times") writes a base letter followed by a byte for the mark(s): "Uûy ban nhaân
daân" is "Ủy ban nhân dân".

Each decoder works on *byte characters*: a ``str`` whose characters below U+0100 stand for the
byte of the same value (cp1252's “ ” – … mapped back to 0x93 0x94 0x96 0x85). That covers raw
bytes (``data.decode("latin-1")``) and, just as well, the text of a .docx or .html whose runs
were typed in a .VnTime or VNI-Times font and so hold "Uû ban" as Unicode Latin-1 letters.

>>> decode_vni(to_vni("Ủy ban nhân dân tỉnh Vĩnh Phúc").decode("latin-1"))
'Ủy ban nhân dân tỉnh Vĩnh Phúc'
>>> decode_tcvn3("Héi ®ång nh©n d©n tØnh")
'Hội đồng nhân dân tỉnh'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .syllables import is_syllable

__all__ = ["byte_chars", "decode_tcvn3", "decode_vni", "decode_cp1258",
           "to_tcvn3", "to_vni", "to_cp1258", "LEGACY_ENCODINGS"]

LEGACY_ENCODINGS = ("tcvn3", "vni", "windows-1258")

# cp1252's printable characters in 0x80–0x9F (quotes, dashes, …) and their bytes.
_CP1252_HIGH = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_HIGH[ord(bytes([_b]).decode("cp1252"))] = chr(_b)
    except UnicodeDecodeError:
        pass
_CP1252_CHAR = {byte: chr(code) for code, byte in _CP1252_HIGH.items()}


def byte_chars(text: str) -> str:
    """Map cp1252's special characters back to their byte value (“ → '\\x93'); the rest stays."""
    return text.translate(_CP1252_HIGH)


def _cp1252(byte_char: str) -> str:
    """The character cp1252 shows for a byte character in 0x80–0x9F (itself where undefined)."""
    return _CP1252_CHAR.get(byte_char, byte_char)


# TCVN3 --------------------------------------------------------------------------------------

_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
# VN1 puts twelve more capitals on control codes that plain text never uses (not \t \n \r).
_TCVN3_LOW = {0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự",
              0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ"}
# 0x80–0x9F are capitals in TCVN 5712 but quotes and dashes in the cp1252 that Windows saved
# the text in; decode them to markers first and settle each by the word it sits in.
_MARK_BASE = 0xF780
_TCVN3_DECODE = {0x80 + i: ch for i, ch in enumerate(_TCVN3_HIGH)}
_TCVN3_DECODE.update(_TCVN3_LOW)
_TCVN3_DECODE.update({b: chr(_MARK_BASE + b) for b in range(0x80, 0xA0)})
_TCVN3_CHARMAP = "".join(_TCVN3_DECODE.get(b, chr(b)) for b in range(256))
_MARKER = re.compile("[\uf800-\uf81f]")
# Only short lines (letterheads, headings) are searched for all-caps words: body text is typed
# in the lower-case font, and a per-word pass over a long file would cost seconds per MB.
_HEADING = 200
_CHUNK = 1 << 20
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W\d_]+")


def _is_marker(ch: str) -> bool:
    return "\uf800" <= ch <= "\uf81f"


def _is_punctuation_byte(ch: str) -> bool:
    """Whether a marker's byte is punctuation in cp1252 (“ ” – … •), not a letter or a hole."""
    shown = _cp1252(chr(ord(ch) - _MARK_BASE))
    return shown != chr(ord(ch) - _MARK_BASE) and not shown.isalnum()


def _settle(token: str) -> str:
    """A byte 0x80–0x9F is a TCVN capital where it makes a capitalised syllable or where cp1252
    has no punctuation there; else it is the punctuation Windows saved (“Ủy” → quote, Ủ, y)."""
    if not any(_is_marker(ch) and _is_punctuation_byte(ch) for ch in token):
        return "".join(_TCVN3_HIGH[ord(ch) - _MARK_BASE - 0x80] if _is_marker(ch) else ch
                       for ch in token)
    capitals = "".join(_TCVN3_HIGH[ord(ch) - _MARK_BASE - 0x80] if _is_marker(ch) else ch
                       for ch in token)
    first_only = not any(_is_marker(ch) for ch in token[1:])
    if len(token) > 1 and is_syllable(capitals) and (first_only or capitals.isupper()):
        return capitals
    if _is_marker(token[0]) and _is_punctuation_byte(token[0]):
        return _cp1252(chr(ord(token[0]) - _MARK_BASE)) + _settle(token[1:])
    if _is_marker(token[-1]) and _is_punctuation_byte(token[-1]):
        return _settle(token[:-1]) + _cp1252(chr(ord(token[-1]) - _MARK_BASE))
    return "".join(_cp1252(chr(ord(ch) - _MARK_BASE)) if _is_marker(ch) and _is_punctuation_byte(ch)
                   else _TCVN3_HIGH[ord(ch) - _MARK_BASE - 0x80] if _is_marker(ch) else ch
                   for ch in token)


def _restore_capitals(match: re.Match[str]) -> str:
    """".VnTimeH" (the capitals font) reuses the lower-case codes: "HUYÖN" reads "HUYệN".

    A capital after the first letter and no plain lower-case letter marks an all-caps word;
    "Sè" stays "Số" (it may have been "SỐ", but nothing tells).
    """
    word = match.group()
    if _ASCII_UPPER.search(word, 1) and not _ASCII_LOWER.search(word) and not word.isupper():
        return word.upper()
    return word


def _is_word_char(ch: str) -> bool:
    return ch.isalpha() or _is_marker(ch)


def _settle_markers(text: str) -> str:
    """Settle every word (or lone character) that holds a marker; the rest is copied."""
    out, pos = [], 0
    for match in _MARKER.finditer(text):
        start = match.start()
        if start < pos:
            continue  # inside the word settled last
        left, right = start, start + 1
        while left > pos and _is_word_char(text[left - 1]):
            left -= 1
        while right < len(text) and _is_word_char(text[right]):
            right += 1
        out += (text[pos:left], _settle(text[left:right]))
        pos = right
    out.append(text[pos:])
    return "".join(out)


def _by_chunks(decode, chars: str) -> str:
    """Decode a long text a megabyte at a time (cut at line ends): bounded intermediate memory."""
    if len(chars) <= _CHUNK:
        return decode(chars)
    parts, start = [], 0
    while start < len(chars):
        end = chars.find("\n", start + _CHUNK)
        end = len(chars) if end < 0 else end + 1
        parts.append(decode(chars[start:end]))
        start = end
    return "".join(parts)


def _decode_tcvn3_chunk(chars: str) -> str:
    try:  # raw bytes: the C charmap codec
        text = codecs.charmap_decode(chars.encode("latin-1"), "strict", _TCVN3_CHARMAP)[0]
    except UnicodeEncodeError:  # text of a document, with real Unicode beside the font text
        text = chars.translate(_TCVN3_DECODE)
    if _MARKER.search(text):
        text = _settle_markers(text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(_WORD.sub(_restore_capitals, line) if len(line) <= _HEADING else line
                     for line in text.split("\n"))


def decode_tcvn3(chars: str) -> str:
    """Decode TCVN3 byte characters to NFC Unicode, restoring capitals of all-caps headings."""
    return _by_chunks(_decode_tcvn3_chunk, chars)


_TCVN3_ENCODE = {ch: bytes([0x80 + i]) for i, ch in enumerate(_TCVN3_HIGH) if ch != "\u00a0"}
_TCVN3_ENCODE.update({ch: bytes([b]) for b, ch in _TCVN3_LOW.items()})
# Bytes that are letters in TCVN3: a cp1252 character on one of them cannot be written.
_TCVN3_BYTES = frozenset(range(0xA0, 0x100)) | frozenset(
    b for b in range(0x80, 0xA0) if not _is_punctuation_byte(chr(_MARK_BASE + b)))


def _cp1252_byte(ch: str, text: str, taken: frozenset[int]) -> bytes:
    """``ch`` as its cp1252 byte, refusing a byte the legacy encoding uses for a letter."""
    code = ch.encode("cp1252")
    if code[0] in taken:
        position = text.find(ch)
        raise UnicodeEncodeError("cp1252", text, position, position + 1,
                                 f"{ch!r} shares its byte with a Vietnamese letter")
    return code


def to_tcvn3(text: str, capitals: bool = True) -> bytes:
    """Encode Unicode as TCVN3 bytes (for tests and generators of legacy files).

    ``capitals=False`` writes toned capitals with the lower-case codes, as text typed in the
    ".VnTimeH" font is stored. Characters with no TCVN3 or cp1252 byte raise UnicodeEncodeError.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if not capitals and ch.isupper() and ch.lower() in _TCVN3_ENCODE and ch not in "ĂÂÊÔƠƯĐ":
            ch = ch.lower()
        code = _TCVN3_ENCODE.get(ch)
        out += code if code is not None else _cp1252_byte(ch, text, _TCVN3_BYTES)
    return bytes(out)


# VNI ----------------------------------------------------------------------------------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VIETNAMESE_MARKS = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT, _CIRCUMFLEX, _BREVE, _HORN))
_TONE_OF = {"\xf9": _ACUTE, "\xf8": _GRAVE, "\xfb": _HOOK, "\xf5": _TILDE, "\xef": _DOT}
_CIRC_OF = {"\xe2": "", "\xe1": _ACUTE, "\xe0": _GRAVE, "\xe5": _HOOK, "\xe3": _TILDE, "\xe4": _DOT}
_BREVE_OF = {"\xea": "", "\xe9": _ACUTE, "\xe8": _GRAVE, "\xfa": _HOOK, "\xfc": _TILDE, "\xeb": _DOT}
# Letters VNI writes as one byte (lower-case; the capital is the byte 0x20 lower).
_VNI_SINGLE = {"\xed": "í", "\xec": "ì", "\xe6": "ỉ", "\xf3": "ĩ", "\xf2": "ị", "\xee": "ỵ",
               "\xf4": "ơ", "\xf6": "ư", "\xf1": "đ"}


def _with_capitals(table: dict[str, str]) -> dict[str, str]:
    return {**table, **{chr(ord(k) - 0x20): v for k, v in table.items()}}


_VNI_TONE, _VNI_CIRC, _VNI_BREVE = (_with_capitals(t) for t in (_TONE_OF, _CIRC_OF, _BREVE_OF))
_VNI_LETTER = {**_VNI_SINGLE, **{chr(ord(k) - 0x20): v.upper() for k, v in _VNI_SINGLE.items()}}
_VNI_MARKS = "".join(sorted(set(_VNI_TONE) | set(_VNI_CIRC) | set(_VNI_BREVE)))
_VNI_BYTES = frozenset(ord(ch) for ch in _VNI_MARKS + "".join(_VNI_LETTER))
_VNI_PATTERN = re.compile("([aeiouyAEIOUY\xf4\xd4\xf6\xd6])([" + _VNI_MARKS + "])|([" +
                          "".join(_VNI_LETTER) + "])")


def _vni_pair(base: str, mark: str) -> str | None:
    """The letter a VNI base plus mark byte stands for, or None where the pair is no letter."""
    base = _VNI_LETTER.get(base, base)
    if mark in _VNI_TONE:
        return base + _VNI_TONE[mark]
    if mark in _VNI_CIRC and base in "aeoAEO":
        return base + _CIRCUMFLEX + _VNI_CIRC[mark]
    if mark in _VNI_BREVE and base in "aA":
        return base + _BREVE + _VNI_BREVE[mark]
    return None


def _decode_vni_match(match: re.Match[str]) -> str:
    base, mark, single = match.groups()
    if single:
        return _VNI_LETTER[single]
    pair = _vni_pair(base, mark)
    if pair is None:
        return _VNI_LETTER.get(base, base) + _cp1252(mark)
    return pair


# Every pair and single letter the pattern can match, decoded once: the per-match work is then
# one dict lookup (VNI text has a mark byte after nearly every vowel).
_VNI_DECODED: dict[str, str] = {}


def _vni_lookup(match: re.Match[str]) -> str:
    key = match.group()
    value = _VNI_DECODED.get(key)
    if value is None:
        value = _VNI_DECODED[key] = unicodedata.normalize("NFC", _decode_vni_match(match))
    return value


_CP1252_RANGE = re.compile("[\x80-\x9f]")


def _decode_vni_chunk(chars: str) -> str:
    text = _VNI_PATTERN.sub(_vni_lookup, chars)
    text = _CP1252_RANGE.sub(lambda m: _cp1252(m.group()), text)  # few: quotes, dashes
    return unicodedata.normalize("NFC", text)


def decode_vni(chars: str) -> str:
    """Decode VNI byte characters to NFC Unicode."""
    return _by_chunks(_decode_vni_chunk, chars)


_VNI_TONE_BYTE = {v: k for k, v in _TONE_OF.items()}
_VNI_CIRC_BYTE = {v: k for k, v in _CIRC_OF.items()}
_VNI_BREVE_BYTE = {v: k for k, v in _BREVE_OF.items()}
_VNI_SINGLE_BYTE = {v: k for k, v in _VNI_SINGLE.items()}


def _vni_letter(ch: str) -> str:
    """One Unicode letter as VNI byte characters (lower-case marks follow a lower-case base)."""
    upper = ch.isupper()
    lower = ch.lower()
    if lower in _VNI_SINGLE_BYTE:
        out = _VNI_SINGLE_BYTE[lower]
        return chr(ord(out) - 0x20) if upper else out
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    tone = next((m for m in marks if m in (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT)), "")
    shape = next((m for m in marks if m in (_CIRCUMFLEX, _BREVE, _HORN)), "")
    if shape == _HORN:
        base, mark = unicodedata.normalize("NFC", base + _HORN), _VNI_TONE_BYTE.get(tone, "")
        base = _VNI_SINGLE_BYTE[base]
    elif shape == _CIRCUMFLEX:
        mark = _VNI_CIRC_BYTE[tone]
    elif shape == _BREVE:
        mark = _VNI_BREVE_BYTE[tone]
    else:
        mark = _VNI_TONE_BYTE[tone]
    if upper:
        base, mark = base.upper() if base.isascii() else chr(ord(base) - 0x20), mark.upper()
    return base + mark


def _is_vietnamese_letter(ch: str) -> bool:
    """A vowel with Vietnamese marks only, or đ: the letters VNI writes with mark bytes."""
    if ch in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", ch.lower())
    return (decomposed[0] in "aeiouy" and len(decomposed) > 1
            and all(m in _VIETNAMESE_MARKS for m in decomposed[1:]))


def to_vni(text: str) -> bytes:
    """Encode Unicode as VNI bytes (for tests and generators of legacy files)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        elif _is_vietnamese_letter(ch):
            out.append(_vni_letter(ch))
        else:
            out.append(_cp1252_byte(ch, text, _VNI_BYTES).decode("latin-1"))
    return "".join(out).encode("latin-1")


# cp1258 ------------------------------------------------------------------------------------

def decode_cp1258(data: bytes, errors: str = "strict") -> str:
    """cp1258 writes most tones as combining marks after the letter: NFC joins them."""
    return unicodedata.normalize("NFC", data.decode("cp1258", errors))


def to_cp1258(text: str) -> bytes:
    """Encode Unicode as cp1258 the way Windows does: precomposed where the code page has the
    letter, else the letter without its tone followed by a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in (_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))
        rest = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out += rest.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)
