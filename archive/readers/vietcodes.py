"""Two more encodings of old Vietnamese files: VISCII (8-bit, RFC 1456) and VIQR (7-bit ASCII).

Python has no codec for either. VISCII's table is here, as glibc's ``iconv -f VISCII`` decodes
it (a test checks every byte against iconv): it puts the 134 toned letters on every byte above
0x7F and on six control codes that plain text never uses. VIQR writes a letter's marks as ASCII
after it — ``(`` breve, ``^`` circumflex, ``+`` horn, ``'`` ````` ``?`` ``~`` ``.`` the five
tones, ``dd`` for đ — so "Vie^.t Nam" is "Việt Nam"; a mark is read only where the result is a
Vietnamese syllable (or DD in a capitalised acronym: HDDND), so the "?" ending "Hà Nội?" stays a
question mark.

VPS, the other 8-bit code page some offices used, has no reference table that a test could
check against (no iconv, no Python package), so it is not decoded: such a file is recorded as
a failure because its text does not read as Vietnamese (:func:`~.syllables.implausible_text`).

>>> decode_viscii(to_viscii("Ủy ban nhân dân huyện Tam Dương").decode("latin-1"))
'Ủy ban nhân dân huyện Tam Dương'
>>> decode_viqr("U?y ban nha^n da^n huye^.n Tam Du+o+ng")
'Ủy ban nhân dân huyện Tam Dương'
"""

from __future__ import annotations

import re
import unicodedata

from .syllables import is_syllable

__all__ = ["decode_viscii", "to_viscii", "decode_viqr", "to_viqr"]

_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ"  # 0x80
    "ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"  # 0x90
    "Õắằặấầẩậẽẹếềểễệố"  # 0xA0
    "ồổỗỠƠộờởịỰỨỪỬơớƯ"  # 0xB0
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ"  # 0xC0
    "ĐứÒÓÔạỷừửÙÚỹỵÝỡư"  # 0xD0
    "àáâãảăữẫèéêẻìíĩỉ"  # 0xE0
    "đựòóôõỏọụùúũủýợỮ"  # 0xF0
)
_VISCII_LOW = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII_DECODE = {0x80 + i: ch for i, ch in enumerate(_VISCII_HIGH)} | _VISCII_LOW
_VISCII_ENCODE = {ch: bytes([b]) for b, ch in _VISCII_DECODE.items()}


def decode_viscii(chars: str) -> str:
    """VISCII byte characters (``data.decode("latin-1")``) → Unicode."""
    return chars.translate(_VISCII_DECODE)


def to_viscii(text: str) -> bytes:
    """Encode Unicode as VISCII bytes (for tests); a character VISCII lacks raises UnicodeEncodeError."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _VISCII_ENCODE.get(ch)
        out += code if code is not None else ch.encode("ascii")
    return bytes(out)


# VIQR ------------------------------------------------------------------------------------------

_SHAPE = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_TONE = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
_SHAPE_OF = {v: k for k, v in _SHAPE.items()}
_TONE_OF = {v: k for k, v in _TONE.items()}
# A word as VIQR writes it: letters, each vowel perhaps followed by a shape and a tone mark.
_VIQR_WORD = re.compile(r"[A-Za-z](?:[A-Za-z]|(?<=[aeiouyAEIOUY])[(^+]|(?<=[aeiouyAEIOUY(^+])['`?~.])*")
_INSIDE_MARK = re.compile(r"[aeiouyAEIOUY][(^+]|[aeiouyAEIOUY(^+]['`?~.](?=[A-Za-z])")
_VIQR_LETTER = re.compile(r"(dd|DD|Dd)|([aeiouyAEIOUY])([(^+]?)(['`?~.]?)")


def _viqr_letter(match: re.Match[str]) -> str:
    if match.group(1):
        return "Đ" if match.group(1)[0] == "D" else "đ"
    base, shape, tone = match.groups()[1:]
    return unicodedata.normalize("NFC", base + _SHAPE.get(shape, "") + _TONE.get(tone, ""))


def _viqr_word(match: re.Match[str]) -> str:
    """One word converted where the result is a Vietnamese syllable; a trailing . or ? that makes
    none is punctuation ("Nam." "nội?"); anything else stays as written."""
    word = match.group()
    if word.isalpha() and "DD" in word.upper() and (word.isupper() or word.lower() == "dd"):
        return word.replace("DD", "Đ").replace("Dd", "Đ").replace("dd", "đ")  # HĐND, BCĐ, đ/c
    splits = [(word, "")] + ([(word[:-1], word[-1])] if len(word) > 1 and word[-1] in ".?" else [])
    readings = [(_VIQR_LETTER.sub(_viqr_letter, body), body, rest) for body, rest in splits]
    for converted, body, rest in readings:
        if converted != body and is_syllable(converted):
            return converted + rest
    # A shape mark, or a tone inside the word, is VIQR whatever the word ("o^xy" is ôxy).
    for converted, body, rest in reversed(readings):
        if converted != body and _INSIDE_MARK.search(body):
            return converted + rest
    return word


def decode_viqr(text: str) -> str:
    """VIQR (ASCII with marks after the letters) → Unicode."""
    return _VIQR_WORD.sub(_viqr_word, text)


def to_viqr(text: str) -> str:
    """Unicode → VIQR (for tests): each letter followed by its shape and tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        shape = "".join(_SHAPE_OF.get(m, "") for m in decomposed[1:])
        tone = "".join(_TONE_OF.get(m, "") for m in decomposed[1:])
        out.append(decomposed[0] + shape + tone if shape or tone else ch)
    return "".join(out)
