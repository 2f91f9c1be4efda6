"""Bytes of a text file → Unicode, with the encoding named: BOMs, UTF-8, UTF-16, cp1258, TCVN3, VNI,
VISCII, and VIQR (ASCII with marks after the letters).

Order of evidence: a byte-order mark is certain; UTF-16 without one shows as zero bytes in every
other position; UTF-8 that decodes strictly and reads as Vietnamese is taken at once. Anything
else is decided by decoding a sample every plausible way and keeping the one that reads most
like Vietnamese (:func:`~.syllables.vietnamese_score`): TCVN3 read as cp1258 gives letters but
not syllables. :func:`repair_font_text` applies the same test to text that is already Unicode
but was typed in a legacy font (a .docx in ".VnTime": "Héi ®ång" stored as Latin-1 letters).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import ReadError
from .legacy import byte_chars, decode_cp1258, decode_tcvn3, decode_vni
from .syllables import vietnamese_score
from .vietcodes import decode_viqr, decode_viscii

__all__ = ["decode_text", "repair_font_text"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 64 * 1024
# Enough words to recognise ordinary UTF-8 Vietnamese at once (most files take this path).
_QUICK_SAMPLE = 8 * 1024
# UTF-8 that reads at least this Vietnamese is accepted without trying the legacy decodings.
_CONFIDENT = 0.3
# A legacy decoding must beat the text as it stands by this much to replace it.
_MARGIN = 0.2
_CONTROL_LIMIT = 0.05
# Control characters below the space other than \t \n \v \f \r: counted in one C-level pass.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _sample(text: str) -> str:
    return text[:_SAMPLE]


def _legacy_candidates(chars: str) -> dict[str, str]:
    """Every legacy reading of byte characters (a sample)."""
    return {"tcvn3": decode_tcvn3(chars), "vni": decode_vni(chars)}


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes fill one of the two byte positions."""
    sample = data[: _SAMPLE & ~1]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    zeros_even = sample[0::2].count(0) / pairs
    zeros_odd = sample[1::2].count(0) / pairs
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"invalid {encoding} text at byte {exc.start}") from None


def _check_text(text: str) -> str:
    """Reject binary data that happens to decode: many control characters is no text file."""
    sample = _sample(text)
    controls = len(_CONTROLS.findall(sample))
    if sample and controls / len(sample) > _CONTROL_LIMIT:
        raise ReadError(f"binary data, not text ({controls * 100 // len(sample)}% control bytes)")
    return unicodedata.normalize("NFC", text)


def _score(text: str) -> float:
    return vietnamese_score(text)


def _best_byte_decoding(data: bytes) -> tuple[str, str | None]:
    """The encoding whose decoding of a sample reads most like Vietnamese, and that decoding
    (the whole text when the sample is the whole file; else None)."""
    sample = data[:_SAMPLE]
    # On a tie (a few words) the first wins: cp1258 reads its Latin-1 letters as they are.
    readings = {"windows-1258": decode_cp1258(sample, "replace"),
                **_legacy_candidates(sample.decode("latin-1")),
                "utf-8-replace": sample.decode("utf-8", "replace"),
                "viscii": decode_viscii(sample.decode("latin-1"))}
    scores = {name: _score(text) for name, text in readings.items()}
    # UTF-8 with a few broken bytes (a truncated file) beats a legacy misreading.
    scores["utf-8-replace"] -= 0.05
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0:
        return _foreign_encoding(sample), None
    return best, (readings[best] if len(sample) == len(data) else None)


def _foreign_encoding(sample: bytes) -> str:
    """Not Vietnamese in any reading: cp1252 (Windows' Western code page, what an office in
    Vietnam writes besides Vietnamese) where it fits, else charset-normalizer's guess."""
    try:
        sample.decode("windows-1252")
        return "windows-1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    match = from_bytes(sample).best()
    return match.encoding if match is not None else "windows-1252"


def _decode_as(data: bytes, encoding: str) -> str:
    if encoding in ("tcvn3", "vni"):
        return _decode_legacy(data.decode("latin-1"), encoding)
    if encoding == "windows-1258":
        return decode_cp1258(data, "replace")
    if encoding == "viscii":
        return decode_viscii(data.decode("latin-1"))
    if encoding == "utf-8-replace":
        return data.decode("utf-8", "replace")
    return data.decode(encoding, "replace")


def _decode_legacy(chars: str, encoding: str) -> str:
    return decode_tcvn3(chars) if encoding == "tcvn3" else decode_vni(chars)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file; returns (NFC text, encoding name). Raises ReadError for binary data.

    >>> decode_text("Hội đồng nhân dân".encode("utf-8"))
    ('Hội đồng nhân dân', 'utf-8')
    >>> decode_text(b"H\\xe9i \\xae\\xe5ng nh\\xa9n d\\xa9n")
    ('Hội đồng nhân dân', 'tcvn3')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(_decode_strict(data, encoding)), encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _check_text(data.decode(utf16)), utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        encoding, text = _best_byte_decoding(data)
        if text is None:
            text = _decode_as(data, encoding)
        return _check_text(text), encoding.replace("-replace", "")
    if text.isascii():
        viqr = _score(decode_viqr(text[:_QUICK_SAMPLE])) >= _CONFIDENT
        return (_check_text(decode_viqr(text)), "viqr") if viqr else (_check_text(text), "utf-8")
    if _score(text[:_QUICK_SAMPLE]) >= _CONFIDENT:
        return _check_text(text), "utf-8"
    repaired, legacy = repair_font_text(text)
    return _check_text(repaired), legacy or "utf-8"


def _has_beyond_latin1(line: str) -> bool:
    return any("\u0100" <= ch <= "\u01b0" or "\u1ea0" <= ch <= "\u1ef9" for ch in line)


def _mostly_latin1(sample: str) -> bool:
    """Legacy-font text is Latin-1 letters only: Vietnamese letters beyond it (ư ơ ă đ ạ …)
    are under 5 % of its letters above ASCII (a few may come from a Unicode heading)."""
    beyond = sum(1 for ch in sample if "\u0100" <= ch <= "\u01b0" or "\u1ea0" <= ch <= "\u1ef9")
    latin1 = sum(1 for ch in sample if "\u0080" <= ch <= "\u00ff")
    return beyond * 20 < latin1


def _convert_if_better(text: str, margin: float, floor: float) -> tuple[str, str | None]:
    """The best legacy reading of ``text`` when it beats the text as it stands by ``margin``."""
    sample = _sample(text)
    as_is = _score(sample)
    candidates = {name: _score(decoded)
                  for name, decoded in _legacy_candidates(byte_chars(sample)).items()}
    best = max(candidates, key=candidates.__getitem__)
    if candidates[best] < as_is + margin or candidates[best] <= floor:
        return text, None
    return _decode_legacy(byte_chars(text), best), best


def _repair_lines(text: str) -> tuple[str, str | None]:
    """Mixed documents (a Unicode letterhead over a body pasted from a .VnTime file): each line
    with several Latin-1 letters is judged alone, more strictly than a whole document."""
    found = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        # Legacy-font text holds no letter beyond Latin-1: one such letter rules the line out.
        if sum(1 for ch in line if "\u0080" <= ch <= "\u00ff") < 3 or _has_beyond_latin1(line):
            continue
        lines[i], legacy = _convert_if_better(line, 2 * _MARGIN, 2 * _MARGIN)
        found = found or legacy
    return ("\n".join(lines), found) if found else (text, None)


def repair_font_text(text: str) -> tuple[str, str | None]:
    """Convert Unicode text typed in a TCVN3 or VNI font; returns (text, "tcvn3"/"vni" or None).

    >>> repair_font_text("Uûy ban nhaân daân huyeän")
    ('Ủy ban nhân dân huyện', 'vni')
    >>> repair_font_text("Ủy ban nhân dân huyện")
    ('Ủy ban nhân dân huyện', None)
    >>> repair_font_text("ỦY BAN NHÂN DÂN HUYỆN\\nThùc hiÖn C«ng v¨n sè 845/UBND-YT")
    ('ỦY BAN NHÂN DÂN HUYỆN\\nThực hiện Công văn số 845/UBND-YT', 'tcvn3')
    """
    text = unicodedata.normalize("NFC", text)  # cp1258's combining tones must not look Latin-1
    sample = _sample(text)
    if sample.isascii():
        return text, None
    if _mostly_latin1(sample):
        converted, legacy = _convert_if_better(text, _MARGIN, 0.0)
        if legacy:
            return converted, legacy
    return _repair_lines(text)
