"""How Vietnamese a piece of text looks: the yardstick that picks an encoding.

A wrong decoding of Vietnamese bytes (TCVN3 read as cp1258, VNI read as UTF-16 …) still
gives letters, but not syllables: "Uûy ban" and "Ñy ban" are not Vietnamese words, "Ủy ban"
is. Counting words that are valid syllables *and* carry Vietnamese diacritics, against words
with foreign letters that are not syllables, ranks candidate decodings reliably.

>>> is_syllable("nghiêng"), is_syllable("thuyết"), is_syllable("Uûy"), is_syllable("hoạt")
(True, True, False, True)
>>> is_syllable("bàt")  # a stop coda takes only the sắc or nặng tone
False
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["is_syllable", "vietnamese_score", "implausible_text"]

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_TONES = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Vowel nuclei, with whether they may (True) or may not (False) be followed by a coda.
_OPEN_ONLY = frozenset({
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui",
    "uy", "ưa", "ưi", "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya",
    "uyu", "ươi", "ươu", "ueo",
})
_WITH_CODA = frozenset({
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe",
    "oo", "uâ", "uê", "uô", "uơ", "uy", "ươ", "uyê", "ua",
})
_NEEDS_CODA = frozenset({"ă", "â", "iê", "yê", "oă", "uâ", "uô", "ươ", "uyê", "oo"})
_CODAS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
_STOPS = frozenset({"c", "ch", "p", "t"})
_RHYME = re.compile(r"([aăâeêioôơuưy]+)([a-zđ]*)")
_WORD = re.compile(r"[^\W\d_]+")
# Frequent syllables of official Vietnamese: they break ties between two readings that both
# spell syllables ("của" in VNI against "cuỷa" from the same bytes read as TCVN3).
_COMMON = frozenset("""
của và các có được không người những trong đã theo với cho này là một số về để đến tại ngày
năm tháng huyện tỉnh xã ban nhân dân ủy hội đồng quyết định công văn chỉ thị thực hiện cơ quan
đơn vị phòng chống dịch tiêm vắc chủ tịch phó trưởng sở bộ chính phủ nghị kế hoạch thông báo tư
luật điều khoản quy kinh tế giáo dục đảng trung ương việt cộng hòa hoà độc lập tự hạnh phúc
kính gửi nơi nhận lưu việc tăng cường tiếp tục triển khai yêu cầu đảm bảo tình hình biện pháp
phát triển nội dung trên địa bàn thành phố ấp thôn tổ chức cá nhiệm vụ trách sự hướng dẫn
tổng hợp kết quả báo cáo đề nghị căn cứ thủ tướng thường trực lãnh đạo phối kiểm tra giám sát
""".split())
# Letters that only Vietnamese (among Latin scripts) writes: evidence a decoding is right.
_VIETNAMESE_MARKS = frozenset("ăâêôơưđ") | frozenset("\u0300\u0301\u0309\u0303\u0323\u0306\u0302\u031b")


# Which shape marks each base letter may carry: â ê ô, ă, ơ ư.
_SHAPES = {"a": "\u0302\u0306", "e": "\u0302", "o": "\u0302\u031b", "u": "\u031b"}


def _marks_fit(decomposed: str) -> bool:
    """Every combining mark sits where Vietnamese puts it: tones on vowels, shapes on a e o u."""
    base = ""
    for ch in decomposed:
        if not unicodedata.combining(ch):
            base = ch
        elif ch in _TONES:
            if base not in "aeiouy" or not base:
                return False
        elif ch not in _SHAPES.get(base, ""):
            return False  # ñ, ç, ï, å …: not Vietnamese letters
    return True


def _split_tone(word: str) -> tuple[str, str | None] | None:
    """Lower-case base letters and the one tone mark; None when the marks are not Vietnamese."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1 or not _marks_fit(decomposed):
        return None
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return base, (tones[0] if tones else None)


def _valid_rhyme(rhyme: str, tone: str | None) -> bool:
    match = _RHYME.fullmatch(rhyme)
    if not match:
        return False
    nucleus, coda = match.groups()
    if coda not in _CODAS:
        return False
    if coda and nucleus not in _WITH_CODA:
        return False
    if not coda and (nucleus in _NEEDS_CODA or nucleus not in (_WITH_CODA | _OPEN_ONLY)):
        return False
    # Checked syllables (-p -t -c -ch) carry only the sắc or nặng tone.
    return not (coda in _STOPS and tone not in (_ACUTE, _DOT))


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable (any case, any tone placement)."""
    split = _split_tone(word)
    if split is None:
        return False
    base, tone = split
    for onset in _ONSETS:
        if base.startswith(onset) and _valid_rhyme(base[len(onset):], tone):
            return True
    # "gì", "gìn": the i of gi is the vowel.
    return base.startswith("gi") and _valid_rhyme(base[1:], tone)


def _has_vietnamese_mark(word: str) -> bool:
    return any(ch in _VIETNAMESE_MARKS for ch in unicodedata.normalize("NFD", word.lower()))


def vietnamese_score(text: str) -> float:
    """Per word: +1 for a valid syllable with Vietnamese diacritics (+1.5 for a frequent one), −1 for a word with foreign
    (non-ASCII) letters that is no syllable or is oddly cased; plain ASCII words count neither way.

    >>> vietnamese_score("Ủy ban nhân dân") > 0.5 > vietnamese_score("Uûy ban nhaân daân")
    True
    """
    words = _WORD.findall(text)
    return sum(map(_word_score, words)) / len(words) if words else 0.0


@lru_cache(maxsize=65536)
def _word_score(word: str) -> float:
    if word.isascii():
        return 0.0
    # "khÈn" (TCVN3 read as cp1258): a capital inside a lower-case word is no spelling.
    cased = word.islower() or word.isupper() or word[1:].islower()
    if not cased or not is_syllable(word):
        return -1.0
    if not _has_vietnamese_mark(word):
        return 0.0
    return 1.5 if word.lower() in _COMMON else 1.0


# Latin-1 and cp1252 symbols wedged between letters ("d¿´ng", "Huy‰n"): a byte of a Vietnamese
# letter shown in a Western code page, never a Vietnamese spelling.
_SYMBOLS = "[\u00a1-\u00bf\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
_STRAY = re.compile("(?<=[^\\W\\d_])" + _SYMBOLS + "+(?=[^\\W\\d_])")
_STRAY_CHAR = re.compile(_SYMBOLS)  # most texts hold none of them: one quick scan spares _STRAY's lookbehinds
_MOJIBAKE_SAMPLE = 64 * 1024
_MIN_WORDS = 4  # too few accented words to judge: a short note passes


def implausible_text(text: str) -> str | None:
    """Why ``text`` is not plausible Vietnamese (text decoded in the wrong encoding), or None.

    Mojibake spells words outside the syllable structure ("Huyžn", "á»¦y") or wedges symbols
    between letters ("d¿´ng"); real Vietnamese, even with a few foreign names, does neither
    for most of its accented words.

    >>> implausible_text("Ủy ban nhân dân huyện Tam Dương, thị trấn Hợp Hòa, xã Đạo Tú")
    >>> implausible_text("á»¦y ban nhÃ¢n dÃ¢n huyá»‡n Tam DÆ°Æ¡ng")
    'not readable as Vietnamese: 4 of 6 accented words are no Vietnamese syllable ("nhÃ", "dÃ", "DÆ")'
    """
    sample = text[:_MOJIBAKE_SAMPLE]
    all_words = _WORD.findall(sample)
    accented = [w for w in all_words if not w.isascii()]
    bad = [w for w in accented if _word_score(w) < 0]
    stray = _STRAY.findall(sample) if _STRAY_CHAR.search(sample) else []
    if len(accented) >= _MIN_WORDS and len(bad) * 2 > len(accented):
        shown = ", ".join(f'"{w}"' for w in bad[:3])
        return f"not readable as Vietnamese: {len(bad)} of {len(accented)} accented words are no Vietnamese syllable ({shown})"
    words = len(all_words)
    if len(stray) >= _MIN_WORDS and len(stray) * 20 > words:
        shown = ", ".join(f'"{m}"' for m in stray[:3])
        return f"not readable as Vietnamese: {len(stray)} symbols between letters ({shown})"
    return None
