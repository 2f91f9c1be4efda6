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

__all__ = ["clean", "fold", "normalize", "canonical_tones", "prepare", "fold_key"]

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
    return _WORD.sub(lambda m: _retone_word(m.group()), text)


def normalize(text: str) -> str:
    """NFC with canonical tone placement: the form every stage stores and compares."""
    return canonical_tones(unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Remove all diacritics (đ → d), keeping case and everything else.

    >>> fold("Tiêm vắc xin, ĐỒNG THÁP")
    'Tiem vac xin, DONG THAP'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_key(text: str) -> str:
    """Lower-case, folded, whitespace-collapsed: a key for loose comparisons.

    >>> fold_key("  Ủy ban  nhân dân ")
    'uy ban nhan dan'
    """
    return " ".join(fold(text).lower().split())


# Clean-up of Word-to-text artefacts -------------------------------------------------

# Markdown emphasis: "**bold**", "*italic*", and the lone "*" separator line of Party letterheads
# is kept as a line break only.
_EMPHASIS = re.compile(r"\*+")
# Stray spaces around the slash of a number: "1187 /UBND", "45/ TB".
_NUMBER_SLASH = re.compile(r"(?<=\d) +/ *(?=[A-ZĐ0-9])|(?<=\d)/ +(?=[A-ZĐ])")
# "Covid -19", "SARS -CoV-2": a hyphen glued to what follows but not to what precedes.
_GLUED_HYPHEN = re.compile(r"(?<=\w) -(?=\w)")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy_code_hyphens(line: str) -> str:
    """Join "288 - CV/HU" and "/UBND -VP" but never "Độc lập - Tự do" or "kinh tế - xã hội"."""
    def join(match: re.Match[str]) -> str:
        before = line[max(0, match.start() - 12): match.start()]
        after = line[match.end(): match.end() + 12]
        # Only inside an upper-case code: the neighbours are capitals/digits of a ký hiệu.
        left = re.search(r"[0-9A-ZĐ]+$", before)
        right = re.match(r"[A-ZĐ0-9]+", after)
        if left and right and ("/" in before[-8:] or "/" in after[:12] or left.group().isdigit()):
            return "-"
        return match.group()
    return re.sub(r" *- *", join, line) if "-" in line else line


def clean(text: str) -> str:
    """Undo the artefacts of converted Word files; keeps line structure.

    >>> clean("**KT. CHỦ TỊCH**\\nSố: /UBND -VP\\nSố 288 - CV/HU, dịch Covid -19")
    'KT. CHỦ TỊCH\\nSố: /UBND-VP\\nSố 288-CV/HU, dịch Covid-19'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = []
    for line in text.split("\n"):
        line = _EMPHASIS.sub("", line)
        line = _SPACES.sub(" ", line).strip()
        line = _NUMBER_SLASH.sub("/", line)
        line = _tidy_code_hyphens(line)
        line = _GLUED_HYPHEN.sub("-", line)
        lines.append(line)
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def prepare(raw: str) -> str:
    """The text every stage works on: cleaned, NFC, canonical tones.

    Citation offsets, snippets and stored text all refer to this form.
    """
    return normalize(clean(raw))
