"""Text encodings of .txt/.md files: detection and conversion, legacy TCVN3/VNI tables included."""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vanthu.archive.errors import ReadError
from vanthu.archive.readers import decode_text, read_bytes, repair_font_text, to_cp1258, to_tcvn3, to_vni
from vanthu.archive.readers.legacy import _TCVN3_HIGH, decode_tcvn3, decode_vni
from vanthu.archive.readers.syllables import is_syllable, vietnamese_score
from vanthu.archive.readers.vietcodes import _VISCII_DECODE, to_viqr, to_viscii

LETTERHEAD = "ỦY BAN NHÂN DÂN HUYỆN ĐỨC THỌ\nSố: 845/UBND-YT\nV/v tăng cường phòng, chống dịch Covid-19"
SENTENCE = ("Thực hiện Công văn số 1367-CV/HU ngày 15/7/2021 của Ban Thường vụ Huyện ủy, "
            "Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị khẩn trương triển khai thực hiện.")

# (bytes as a file holds them, the encoding that must be reported, the text that must come out)
DETECTION = [
    (SENTENCE.encode("utf-8"), "utf-8", SENTENCE),  # UTF-8, what every modern editor writes
    (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8-sig", SENTENCE),  # Notepad's "UTF-8 with BOM"
    (SENTENCE.encode("utf-16"), "utf-16", SENTENCE),  # Notepad's "Unicode": UTF-16 with a BOM
    (SENTENCE.encode("utf-16-le"), "utf-16-le", SENTENCE),  # UTF-16 without BOM, little-endian
    (SENTENCE.encode("utf-16-be"), "utf-16-be", SENTENCE),  # UTF-16 without BOM, big-endian
    (SENTENCE.encode("utf-32"), "utf-32", SENTENCE),  # UTF-32 with BOM (rare, but exported by some tools)
    (to_cp1258(SENTENCE), "windows-1258", SENTENCE),  # Windows Vietnamese code page, combining tones
    (to_tcvn3(LETTERHEAD), "tcvn3", LETTERHEAD),  # TCVN3 (ABC, .VnTime), capitals at VN1 positions
    (to_tcvn3(LETTERHEAD, capitals=False), "tcvn3", LETTERHEAD),  # .VnTimeH headings use lower-case codes
    (to_tcvn3(SENTENCE), "tcvn3", SENTENCE),  # TCVN3 body text
    (to_vni(LETTERHEAD), "vni", LETTERHEAD),  # VNI-Times, capitals with capital mark bytes
    (to_vni(SENTENCE), "vni", SENTENCE),  # VNI body text
    (to_viscii(LETTERHEAD), "viscii", LETTERHEAD),  # VISCII: toned capitals on 0x80–0x9F and control codes
    (to_viscii(SENTENCE), "viscii", SENTENCE),  # VISCII body text (read as cp1252 it was "Huyžn")
    (to_viqr(LETTERHEAD).encode(), "viqr", LETTERHEAD),  # VIQR: "HUYE^.N DDU+'C THO.", marks after letters
    (to_viqr(SENTENCE).encode(), "viqr", SENTENCE),  # VIQR body text: the trailing "." stays a full stop
    (b"Cong van so 845/UBND-YT ve viec tiem vac xin", "utf-8", "Cong van so 845/UBND-YT ve viec tiem vac xin"),  # ASCII without diacritics
    ("Cộng hoà".encode("utf-8"), "utf-8", "Cộng hoà"),  # old tone placement stays as written (prepare() moves it)
]


@pytest.mark.parametrize(("data", "encoding", "text"), DETECTION)
def test_detection_table(data: bytes, encoding: str, text: str) -> None:
    assert decode_text(data) == (text, encoding)


# Real snippets as old files hold them: (byte characters, text)
TCVN3 = [
    ("Héi ®ång nh©n d©n tØnh Hµ TÜnh", "Hội đồng nhân dân tỉnh Hà Tĩnh"),  # plain .VnTime body text
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),  # national motto, old tone placement
    ("Thµnh phè Hå ChÝ Minh", "Thành phố Hồ Chí Minh"),  # ChÝ: Ý is 0xDD í
    ("§¶ng bé tØnh Nam §Þnh", "Đảng bộ tỉnh Nam Định"),  # § is Đ (0xA7)
    ("UBND HUYÖN XU¢N TR¦êNG", "UBND HUYỆN XUÂN TRƯỜNG"),  # .VnTimeH: lower-case codes in capitals
    ("\x93Chèng dÞch nh\xad chèng giÆc\x94", "“Chống dịch như chống giặc”"),  # cp1252 quotes around TCVN3; ư is 0xAD
    ("\x9ey ban nh©n d©n", "Ủy ban nhân dân"),  # VN1 capital Ủ at 0x9E starts a word
    ("v.v\x85 \x96 tiÕp tôc", "v.v… – tiếp tục"),  # 0x85 and 0x96 between words are … and –
]


@pytest.mark.parametrize(("chars", "text"), TCVN3)
def test_tcvn3_table(chars: str, text: str) -> None:
    assert decode_tcvn3(chars) == unicodedata.normalize("NFC", text)


VNI = [
    ("UÛy ban nhaân daân tænh Vónh Phuùc", "Ủy ban nhân dân tỉnh Vĩnh Phúc"),  # Ủ: U + capital hook byte
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),  # national motto
    ("Ñaûng boä huyeän Xuaân Tröôøng", "Đảng bộ huyện Xuân Trường"),  # Ñ is Đ, ö ô are ư ơ
    ("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),  # all capitals
    ("Quyeát ñònh soá 15/QÑ-UBND", "Quyết định số 15/QĐ-UBND"),  # ò is ị
    ("khaån tröông, kòp thôøi, tieâm vaéc xin", "khẩn trương, kịp thời, tiêm vắc xin"),  # breve + acute is é
]


@pytest.mark.parametrize(("chars", "text"), VNI)
def test_vni_table(chars: str, text: str) -> None:
    assert decode_vni(chars) == unicodedata.normalize("NFC", text)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_tcvn3_table_agrees_with_glibc_iconv() -> None:
    result = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"],
                            input=bytes(range(0x80, 0x100)).replace(b"\xb0\xb1\xb2\xb3\xb4", b""),
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    expected = unicodedata.normalize("NFC", result.stdout.decode("utf-8"))
    ours = unicodedata.normalize("NFC", _TCVN3_HIGH.replace("\u0300\u0309\u0303\u0301\u0323", ""))
    assert ours == expected


@pytest.mark.skipif(shutil.which("iconv") is None, reason="glibc iconv not installed")
def test_viscii_table_agrees_with_glibc_iconv() -> None:
    result = subprocess.run(["iconv", "-f", "VISCII", "-t", "UTF-8"], input=bytes(range(256)),
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("this iconv has no VISCII")
    expected = result.stdout.decode("utf-8")
    assert "".join(_VISCII_DECODE.get(b, chr(b)) for b in range(256)) == expected


@pytest.mark.parametrize("encode,name", [
    (lambda t: t.encode("utf-8"), "utf-8"),
    (lambda t: t.encode("utf-16"), "utf-16"),
    (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    (to_cp1258, "windows-1258"),
    (to_tcvn3, "tcvn3"),
    (to_vni, "vni"),
    (lambda t: to_viscii(_plain_punctuation(t)), "viscii"),
    (lambda t: to_viqr(_plain_punctuation(t)).encode(), "viqr"),
])
def test_seeds_round_trip(seed_files, encode, name) -> None:
    """Unicode → legacy bytes through the table → detection → back: the seeds come out unchanged."""
    for path in seed_files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        extracted = read_bytes(encode(text), path.name)
        assert extracted.encoding == name, path.name
        expected = _plain_punctuation(text) if name in ("viscii", "viqr") else text
        assert extracted.text == expected, path.name


def _plain_punctuation(text: str) -> str:
    """VISCII has no byte left for “ ” – …, and VIQR is ASCII: the files wrote plain ones."""
    return text.translate(str.maketrans({"“": '"', "”": '"', "–": "-", "…": "...", "’": "'", "‘": "'"}))


_LONE_VN1_CAPITAL = re.compile("(?<!\\w)[" + _TCVN3_HIGH[:32] + "](?!\\w)")


def _corpus_passages(limit: int) -> list[str]:
    corpus = pytest.importorskip("benchmarks.corpus")
    if not corpus.corpus_available():
        pytest.skip("shared corpus not on this machine")
    return [unicodedata.normalize("NFC", text) for _, text in corpus.iter_passages(limit)]


@pytest.mark.parametrize("encode,name", [(to_cp1258, "windows-1258"), (to_tcvn3, "tcvn3"), (to_vni, "vni")])
def test_corpus_passages_round_trip(encode, name) -> None:
    """Real legal passages survive every legacy encoding; those with characters the encoding
    lacks (≤, ², …) are left out, and must be few."""
    passages = _corpus_passages(300)
    tried = 0
    for text in passages:
        if name == "tcvn3" and _LONE_VN1_CAPITAL.search(text):
            continue  # "… này. Ị": a lone capital on 0x80–0x9F reads as cp1252 punctuation
        try:
            data = encode(text)
        except UnicodeEncodeError:
            continue
        tried += 1
        assert decode_text(data) == (text, name), text[:80]
    assert tried > len(passages) * 0.8


# Detection must not mistake ordinary text for a legacy encoding.
NOT_LEGACY = [
    ("Café, résumé, naïve, à la carte".encode("cp1252"), "Café, résumé, naïve, à la carte"),  # French in cp1252
    ("À bientôt, où est le café ?".encode("utf-8"), "À bientôt, où est le café ?"),  # French in UTF-8
    ("Cà phê sáng ở Hà Nội".encode("utf-8"), "Cà phê sáng ở Hà Nội"),  # Vietnamese with many Latin-1 letters
    ("Giá 100 € – © 2021".encode("utf-8"), "Giá 100 € – © 2021"),  # symbols TCVN3 would reuse
]


@pytest.mark.parametrize(("data", "text"), NOT_LEGACY)
def test_ordinary_text_is_not_taken_for_legacy(data: bytes, text: str) -> None:
    decoded, encoding = decode_text(data)
    assert decoded == text
    assert encoding not in ("tcvn3", "vni")


FONT_TEXT = [
    ("Uûy ban nhaân daân huyeän", "Ủy ban nhân dân huyện", "vni"),  # .docx run in VNI-Times
    ("Héi ®ång nh©n d©n tØnh", "Hội đồng nhân dân tỉnh", "tcvn3"),  # .docx run in .VnTime
    ("Ủy ban nhân dân huyện", "Ủy ban nhân dân huyện", None),  # already Unicode
    ("Annual report © 2020", "Annual report © 2020", None),  # English with a symbol
    ("ỦY BAN NHÂN DÂN\nThùc hiÖn C«ng v¨n sè 845/UBND-YT", "ỦY BAN NHÂN DÂN\nThực hiện Công văn số 845/UBND-YT",
     "tcvn3"),  # Unicode heading over a pasted TCVN3 line: only the line is converted
    ("Cà phê sáng\nBáo cáo tháng", "Cà phê sáng\nBáo cáo tháng", None),  # Unicode lines with Latin-1 letters only
]


@pytest.mark.parametrize(("text", "expected", "encoding"), FONT_TEXT)
def test_repair_font_text(text: str, expected: str, encoding: str | None) -> None:
    assert repair_font_text(text) == (expected, encoding)


def test_binary_data_is_not_text() -> None:
    with pytest.raises(ReadError, match="binary data"):
        decode_text(bytes(range(32)) * 50)


SYLLABLES = [
    ("nghiêng", True),  # longest onset
    ("khuyết", True),  # u-y-ê cluster with a stop coda and sắc
    ("gì", True),  # gi as onset + i
    ("quốc", True),  # qu onset
    ("hoạt", True),  # stop coda with nặng
    ("hoạn", True),  # nasal coda takes any tone
    ("bàt", False),  # stop coda with huyền is impossible
    ("Uûy", False),  # VNI read as Latin-1
    ("nh©n", False),  # TCVN3 read as Latin-1
    ("ăn", True),  # ă with a coda …
    ("ă", False),  # … but never alone
]


@pytest.mark.parametrize(("word", "valid"), SYLLABLES)
def test_is_syllable(word: str, valid: bool) -> None:
    assert is_syllable(word) is valid


def test_score_ranks_right_decoding_first() -> None:
    right = vietnamese_score(SENTENCE)
    for wrong in (to_vni(SENTENCE).decode("cp1252"), to_tcvn3(SENTENCE).decode("latin-1")):
        assert vietnamese_score(wrong) < right - 0.5


# Hypothesis: codecs round-trip on any text over their alphabet; detection on any sentence.
_LOWER = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
_ALPHABET = _LOWER + _LOWER.upper() + "0123456789 .,;:-/()\n"


@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_vni_codec_round_trips(text: str) -> None:
    assert decode_vni(to_vni(text).decode("latin-1")) == unicodedata.normalize("NFC", text)


@given(st.text(alphabet=_LOWER + "0123456789 .,;:-/()\n", max_size=200))
def test_tcvn3_codec_round_trips_lower_case(text: str) -> None:
    assert decode_tcvn3(to_tcvn3(text).decode("latin-1")) == text


@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_cp1258_codec_round_trips(text: str) -> None:
    assert unicodedata.normalize("NFC", to_cp1258(text).decode("cp1258")) == unicodedata.normalize("NFC", text)


_WORDS = sorted(set(SENTENCE.lower().replace(",", " ").replace(".", " ").split()) - {"1367-cv/hu", "15/7/2021"})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=40),
       st.sampled_from(["windows-1258", "tcvn3", "vni", "utf-16-le", "utf-8"]))
def test_detection_round_trips(words: list[str], encoding: str) -> None:
    text = " ".join(words)
    if not any(not w.isascii() for w in words):
        return  # nothing Vietnamese to detect: any ASCII-compatible answer is right
    encode = {"windows-1258": to_cp1258, "tcvn3": to_tcvn3, "vni": to_vni,
              "utf-16-le": lambda t: t.encode("utf-16-le"), "utf-8": lambda t: t.encode("utf-8")}[encoding]
    assert decode_text(encode(text)) == (text, encoding)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_text_never_raises_anything_but_read_error(data: bytes) -> None:
    try:
        text, encoding = decode_text(data)
    except ReadError:
        return
    assert isinstance(text, str) and encoding
    assert text == unicodedata.normalize("NFC", text)
