"""Letterhead and signature layouts as real copies give them, brought to one form: column after column.

A directive's letterhead is a two-column table (left: the issuer and "Số:"; right: the national
motto and "<Place>, ngày …"), and so is its signature block (left: "Nơi nhận"; right: the
signer). Readers of Word files give it column after column, which is the form the parser reads.
Other copies do not:

- text copied from web pages keeps the table as "| cell | cell |" rows, or as cells each ended
  by a "|" line (:func:`untable`);
- a PDF's text layer puts the two columns side by side, separated by a run of spaces
  (:func:`split_wide_gaps`), or interleaves their lines (:func:`head_columns`);
- narrow cells and hard-wrapped pages break a field over lines: "ỦY" alone, "Hà" / "Nội, ngày",
  "Số:" / "42/2013/QĐ-UBND", "ngày 13" / "tháng 01 năm 2020" (:func:`join_broken_lines`).

Every function is idempotent, and none drops a word: they move line breaks and remove the
table's "|" marks only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .fold import fold_key

__all__ = ["is_motto", "split_wide_gaps", "untable", "join_broken_lines", "head_columns", "tail_columns"]

# The right column's fixed lines, compared folded with the dashes and spaces taken out, so that
# "Độc Lập - Tự Do - Hạnh Phúc", "ĐỘC LẬP – TỰ DO – HẠNH PHÚC" and the usual form are one.
# Before 1976 the national heading read "VIỆT NAM DÂN CHỦ CỘNG HÒA".
_MOTTO_KEYS = frozenset({"conghoaxahoichunghiavietnam", "doclaptudohanhphuc", "dangcongsanvietnam",
                         "vietnamdanchuconghoa"})
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_MOTTO_ENDS = ("NAM", "Nam", "húc", "HÚC", "hUC", "HÒA", "HOÀ", "hòa", "hoà")  # a cheap test before folding
# A line of rule marks under a letterhead column: "-------", "*****", "___".
_RULE = re.compile(r"^[-_*=.~—– ]+$")


@lru_cache(maxsize=1 << 12)  # letterhead lines repeat (each layout step asks about the same few)
def is_motto(line: str) -> bool:
    """Is the line the motto or the Party's name (the right column's first lines), in any case?

    >>> is_motto("Độc Lập – Tự Do – Hạnh Phúc"), is_motto("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    (True, True)
    """
    if len(line) >= 60 or not any(w in line for w in _MOTTO_ENDS):
        return False
    key = _NOT_LETTERS.sub("", fold_key(line))
    return key in _MOTTO_KEYS or key in _MOTTO_SLIPS


# The national heading as typists slip on it, one word lost: "CỘNG HÒA HỘI CHỦ NGHĨA VIỆT NAM".
_MOTTO_SLIPS = frozenset(
    "".join(words[:k] + words[k + 1:]) for words in (["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"],)
    for k in range(len(words)) if words[k] not in ("viet", "nam")
)


# A legal portal's page before the document ----------------------------------------------------

# What a portal prints above a document copied from its page: its metadata table's labels and its
# banners (thuvienphapluat.vn, luatvietnam.vn, hieuluat.vn, nhansu.vn …). Only lines like these,
# before the first motto, mark the page's furniture; the document starts at its letterhead after them.
_PORTAL_LABEL = re.compile(r"^[#*|\s]*(?:Số hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Người ký|Ngày ban hành|"
                           r"Ngày hiệu lực|Ngày công báo|Số công báo|Tình trạng(?: hiệu lực)?|Lĩnh vực|Ngày có hiệu lực|"
                           r"Áp dụng|Hiệu lực)\s*[*:]", re.IGNORECASE)
_PORTAL_MARK = re.compile(r"THƯ VIỆN PHÁP LUẬT|Đang tải văn bản|Bản dịch này thuộc quyền sở hữu|"
                          r"CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN|Click vào phần bôi vàng|"
                          r"Để sử dụng toàn bộ tiện ích|đăng ký gói cước|Vui lòng ĐĂNG NHẬP|Đang tải nội dung")
_PAGE_REACH = 250  # lines: a portal's furniture is long, but the letterhead follows it


def document_start(lines: list[str]) -> int:
    """Index of the line where the document itself begins: 0, unless a legal portal's furniture
    (its metadata table, its banners) stands before the letterhead; then the first line after the
    furniture that can open a letterhead (capitals, a table row of them)."""
    last = -1
    for i, line in enumerate(lines[:_PAGE_REACH]):
        if _is_right_column(line) or _NUMBER_CELL.match(line) or _PLACE_DATE.match(line.strip("|*_ ")):
            break  # the right column, the number or the date line: the furniture, if any, is above
        if _PORTAL_LABEL.match(line) or _PORTAL_MARK.search(line):
            last = i
    if last < 0:
        return _titled_page_start(lines)
    # The letterhead: the first capital line after the furniture with the motto or the "Số:" line
    # close below it (a summary the portal wrote may stand between, its heading marked "##").
    for k in range(last + 1, min(len(lines), last + _PAGE_REACH)):
        if _is_right_column(lines[k]) or _opens_letterhead(lines[k]) and any(
                _is_right_column(x) or _NUMBER_CELL.match(x) for x in lines[k:k + 12]):
            return k  # (a letterhead flattened onto one line holds the motto itself)
    k = last + 1  # no letterhead: the document starts after the last label's value ("Đã biết", "|")
    while k < min(len(lines), last + 6) and (not lines[k].strip("|*# ") or len(lines[k]) < 30
                                             and not _opens_letterhead(lines[k])):
        k += 1
    return k


_NUMBER_CELL = re.compile(r"^[|*\s]*(?:Số|SỐ)\s*:")


_NUMBER_VALUE = re.compile(r"^[|*\s]*(?:Số|SỐ)\s*:?\s*(?P<number>\d[\w./-]*/[\w./&-]+)")


# What a portal prints after the document: its "related documents", its notices, its account banners.
_PORTAL_END = re.compile(r"^[#*|\s]*(?:Văn bản này chưa cập nhật nội dung Tiếng Anh|FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN|"
                         r"Văn bản liên quan|VĂN BẢN LIÊN QUAN|Văn bản gốc|Mục lục văn bản|Lược đồ|Tải văn bản|"
                         r"Bài viết liên quan|Văn bản cùng lĩnh vực|Cảm ơn đã dùng ThuVienPhapLuat|"
                         r"Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi)\b")


def document_end(lines: list[str], start: int = 0) -> int:
    """Index of the first line after the document: where a legal portal's trailing furniture (its
    related documents, notices and banners) begins; the number of lines when there is none."""
    return next((k for k in range(start + 10, len(lines)) if _PORTAL_END.match(lines[k])), len(lines))


def document_offsets(text: str) -> tuple[int, int]:
    """(start, end) character offsets of the document inside a page copied with it."""
    lines = text.split("\n")
    start = document_start(lines)
    end = document_end(lines, start)
    if start == 0 and end == len(lines):
        return 0, len(text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets[start], min(offsets[end], len(text))


def _titled_page_start(lines: list[str]) -> int:
    """A page whose title and summary stand before the letterhead without a metadata table ("Quyết định
    06/2018/QĐ-UBND" / "Nội dung toàn văn …"): where they name the number the letterhead's "Số:" gives,
    the document starts at its letterhead. Else 0: nothing is set aside on a guess."""
    motto = next((k for k, line in enumerate(lines[:40]) if _is_right_column(line)), None)
    if not motto:
        return 0
    k = motto
    while k > 0 and motto - k < 8 and (_opens_letterhead(lines[k - 1]) or not lines[k - 1].strip("|*-_ ")
                                       or _NUMBER_CELL.match(lines[k - 1])):
        k -= 1
    while k < motto and not any(ch.isalpha() for ch in lines[k]):
        k += 1
    if k == 0:
        return 0
    number = next((m.group("number") for line in lines[k:motto + 8] if (m := _NUMBER_VALUE.match(line))), None)
    # (a title naming it, not another copy of the letterhead's own "Số:" line, as a page may repeat it)
    return k if number and any(number in line and not _NUMBER_CELL.match(line) for line in lines[:k]) else 0


def _is_right_column(line: str) -> bool:
    return "CỘNG HÒA XÃ HỘI" in line or "CỘNG HOÀ XÃ HỘI" in line or "ĐẢNG CỘNG SẢN" in line or is_motto(line.strip("|*# "))


def _opens_letterhead(line: str) -> bool:
    if line.startswith("#"):
        return False  # a page's heading ("## Cho phép …"), not a letterhead
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)  # "BỘ" / "CÔNG THƯƠNG"


# Side-by-side columns -------------------------------------------------------------------------

# A PDF's text layer (and fixed-width copies) keeps the two columns on one line, far apart.
_WIDE_GAP = re.compile(r"(?<=\S)[ \u00a0]{6,}(?=\S)")


def split_wide_gaps(text: str) -> str:
    """Give each of two side-by-side columns its own line: a run of six spaces separates them.

    >>> split_wide_gaps("UBND TỈNH KON TUM          Độc lập - Tự do - Hạnh phúc")
    'UBND TỈNH KON TUM\\nĐộc lập - Tự do - Hạnh phúc'
    """
    return _WIDE_GAP.sub("\n", text) if "      " in text or "\u00a0" in text else text


# "| … |" tables ---------------------------------------------------------------------------------

# How many lines a cell may run over (how far before the first "|" the first cell may start), and
# how long a line of a cell may be: a paragraph of the body is no letterhead or signature cell.
_CELL_LINES = 8
_CELL_LINE_CHARS = 120


def _in_cell(line: str) -> bool:
    return bool(line) and len(line) <= _CELL_LINE_CHARS


def _is_pipe_line(line: str) -> bool:
    return line.startswith("|") or line.endswith("|")


def untable(text: str) -> str:
    """Turn "| … |" table cells into lines: a two-column table column after column.

    Two forms occur in web copies: Markdown rows ("| ỦY BAN NHÂN DÂN | CỘNG HÒA … |") and cells
    each closed by a "|" (the whole table a stream of cells, left and right in turn).

    >>> untable("| UBND TỈNH KON TUM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\\n| Số: 42/QĐ-UBND | Kon Tum, ngày 9 |")
    'UBND TỈNH KON TUM\\nSố: 42/QĐ-UBND\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nKon Tum, ngày 9'
    """
    if "|" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for start, end in _table_blocks(lines):
        out.extend(lines[done:start])
        out.extend(_block_columns("\n".join(lines[start:end])))
        done = end
    out.extend(lines[done:])
    return "\n".join(out)


def _table_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the tables: pipe lines no more than a cell apart, no blank line
    between; a table whose cells are closed by "|" starts with the text above its first mark."""
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _is_pipe_line(lines[i]):
            i += 1
            continue
        start = i if lines[i].startswith("|") and len(lines[i]) > 1 else _cell_start(lines, i, blocks)
        end = _table_end(lines, i)
        blocks.append((start, end))
        i = end
    return blocks


def _table_end(lines: list[str], i: int) -> int:
    """Where the table whose first mark is on line ``i`` ends. Inside a Markdown row still open
    ("| Nơi nhận: …" with no closing "|" yet) a blank line or a mid-line "|" belongs to the row."""
    open_row = lines[i].startswith("|") and not lines[i].endswith("|")
    end = j = i + 1
    while j < len(lines) and j - end < _CELL_LINES:
        line = lines[j]
        if _is_pipe_line(line) or (open_row and "|" in line):
            end = j + 1
            open_row = (open_row or line.startswith("|")) and not line.endswith("|")
        elif not (_in_cell(line) or (open_row and not line)):
            break
        j += 1
    return end


def _cell_start(lines: list[str], i: int, blocks: list[tuple[int, int]]) -> int:
    """Where the first cell of a table begins: after the last blank line, table or rule above it."""
    floor = max(blocks[-1][1] if blocks else 0, i - _CELL_LINES)
    start = i
    while start > floor and _in_cell(lines[start - 1]):
        start -= 1
    return start


def _block_columns(block: str) -> list[str]:
    """The lines of a table block: its left cells, then the others (a data table row by row)."""
    rows = _rows(block)
    if any(len(row) > 2 for row in rows):
        return [line for row in rows for cell in row for line in _cell_lines(cell)]
    left = [cell for row in rows for cell in row[:1]]
    right = [cell for row in rows for cell in row[1:]]
    return [line for cell in left + right for line in _cell_lines(cell)]


def _rows(block: str) -> list[list[str]]:
    """Cells by row. A "|" at a line's end and one at the next line's start close a Markdown row;
    a stream of cells with no row marks is a two-column table read left, right, left, right."""
    parts = block.split("|")
    rows: list[list[str]] = [[]]
    for k, part in enumerate(parts):
        if not part.strip():
            if "\n" in part or k in (0, len(parts) - 1):
                if rows[-1]:
                    rows.append([])
                continue
        rows[-1].append(part)
    rows = [row for row in rows if row and not all(re.fullmatch(r"\s*:?-+:?\s*", c) for c in row)]
    if len(rows) == 1 and len(rows[0]) > 2:
        return [rows[0][k:k + 2] for k in range(0, len(rows[0]), 2)]
    return rows


def _cell_lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.strip().split("\n")]


# Fields broken over lines -----------------------------------------------------------------------

# Fixed phrases of letterheads that narrow cells break: "ỦY" / "BAN NHÂN DÂN", "CỘNG HÒA XÃ" / "HỘI …".
_PHRASES = tuple(p.split() for p in (
    "uy ban nhan dan", "hoi dong nhan dan", "cong hoa xa hoi chu nghia viet nam", "thu tuong chinh phu",
    "chinh phu", "quoc hoi", "uy ban thuong vu quoc hoi", "ban chap hanh trung uong", "dang cong san viet nam",
    "doc lap - tu do - hanh phuc", "mat tran to quoc", "van phong chinh phu", "ban thuong vu",
    "thanh pho", "ho chi minh", "trung uong",
))
# Each phrase cut in two: the words that end a line → the words the next line must start with.
_CUTS: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
for _phrase in _PHRASES:
    for _k in range(1, len(_phrase)):
        _CUTS.setdefault(tuple(_phrase[:_k]), []).append(tuple(_phrase[_k:]))
_LONGEST_CUT = max(map(len, _CUTS))
_LONGEST_PHRASE = max(map(len, _PHRASES))
# A body's head word alone on a line ("BỘ" / "Y TẾ"): a name never ends there.
_LONE_HEADS = frozenset({"bo", "so", "uy", "cuc", "ban", "phong", "tong cuc", "chi cuc", "tinh", "huyen"})
# The last words of a line that a break may follow (a cheap test before the phrases are compared).
_CUT_ENDS = frozenset(cut[-1] for cut in _CUTS) | frozenset(h.split()[-1] for h in _LONE_HEADS)
_ALONE_SO = re.compile(r"^(?:Số|SỐ)\s*[:.]?$")
_NUMBER_START = re.compile(r"^[\d.…_]*\s*/|^\d")
# "Hà Nội, ngày" / "28 tháng 02 năm 2017", "Long An, ngày 14" / "tháng 01 năm 2025".
_DATE_OPEN = re.compile(r"(?:^|,\s*)[Nn]gày(?:\s+\d{1,2})?(?:\s+tháng(?:\s+\d{1,2})?)?$")
_DATE_REST = re.compile(r"^(?:\d{1,2}\s+)?(?:tháng\b|năm\b)")
# "Hà Nội, ngày 21 tháng 11 năm" / "2025": the year on a line of its own.
_DATE_OPEN_YEAR = re.compile(r"(?:^|,\s*)[Nn]gày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm$")
# "Hà" / "Nội, ngày …": the place of the date line broken ("Quảng Bình," / "ngày 25 …" too; a word
# processor's stray space before the comma: "Hà" / "Tĩnh , ngày").
_PLACE_TAIL = re.compile(r"^(?:[^\W\d_][\w.]*\s+){0,3}(?:[^\W\d_][\w.]*|\d{1,2})\s?,\s*ngày\b")  # "Tĩnh , ngày",
# and "Quận / 5, ngày": a district's number ends its name
# The letterhead and the date line sit in the first lines; a signature in the last ones.
_HEAD = 40


def join_broken_lines(text: str) -> str:
    """Join the head's fields that a narrow cell or a hard wrap broke over two lines.

    >>> join_broken_lines("ỦY\\nBAN NHÂN DÂN\\nTỈNH SƠN LA\\nSố:\\n42/QĐ-UBND\\nSơn\\nLa, ngày 13\\ntháng 01 năm 2020")
    'ỦY BAN NHÂN DÂN\\nTỈNH SƠN LA\\nSố: 42/QĐ-UBND\\nSơn La, ngày 13 tháng 01 năm 2020'
    """
    lines = text.split("\n")
    head, rest = lines[:_HEAD], lines[_HEAD:]
    out: list[str] = []
    for line in head:
        if out and line and out[-1] and _broken(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out + rest)


def _broken(line: str, nxt: str) -> bool:
    """Does ``nxt`` finish what ``line`` left unfinished?"""
    if line == "Kính":
        return nxt.startswith("gửi")  # "Kính" / "gửi:": the recipients' heading broken in its cell
    if _ALONE_SO.match(line):
        return bool(_NUMBER_START.match(nxt))  # "Số:" / "42/2013/QĐ-UBND"
    if _DATE_OPEN.search(line):
        return bool(_DATE_REST.match(nxt))  # "Hà Nội, ngày" / "28 tháng 02 năm 2017"
    if _DATE_OPEN_YEAR.search(line):
        return bool(re.match(r"(?:19|20)\d\d\b", nxt))
    if "ngày" in nxt[:40] and _place_words(line):
        return nxt.startswith("ngày") if line.endswith(",") else bool(_PLACE_TAIL.match(nxt))
    if _RIGHT_START.match(nxt):
        return False  # the right column's motto never continues a left-column line
    if len(line) < 60 and len(nxt) < 90 and _fold_word(line.rsplit(None, 1)[-1]) in _CUT_ENDS:
        left, right = line.split()[-_LONGEST_CUT:], nxt.split()[:_LONGEST_PHRASE]  # the words around the break
        return _straddles(fold_key(" ".join(left)).split(), fold_key(" ".join(right)).split(), len(line.split()))
    return False


_RIGHT_START = re.compile(r"(?i:cộng hòa xã hội|đảng cộng sản|độc lập\s*[-–—]|việt nam dân chủ)")
_fold_word = lru_cache(maxsize=1 << 14)(fold_key)  # letterheads repeat a few hundred words


def _place_words(line: str) -> bool:
    """One to four capitalised words, not all in capitals: the start of a place name ("TP Hồ Chí",
    "Thành phố Hồ Chí")."""
    words = line.rstrip(",").split()
    if words in (["TP."], ["TP"], ["Tp."], ["TX."]):
        return True  # "TP." / "Hồ Chí Minh, ngày …"
    return 0 < len(words) <= 4 and not _upper(line) and all(
        (w[0].isupper() or w in ("phố", "xã", "-")) and (w == "-" or w.replace(".", "").isalpha())
        for w in words)  # "Bà Rịa -" / "Vũng Tàu, ngày …"


def _upper(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and not any(ch.islower() for ch in letters)


def _straddles(left: list[str], right: list[str], words: int) -> bool:
    """Whether a fixed phrase runs across the break, or the line (of ``words`` words) is a body's
    head word alone."""
    if words <= 2 and " ".join(left) in _LONE_HEADS:
        return True
    for k in range(1, min(len(left), _LONGEST_CUT) + 1):
        for rest in _CUTS.get(tuple(left[-k:]), ()):
            if tuple(right[:len(rest)]) == rest:
                return True
    return False


# Interleaved columns -----------------------------------------------------------------------------

_PLACE_DATE = re.compile(r"^[^\W\d_][^,:;]{0,40}?,\s*ngày\b")


def head_columns(text: str) -> str:
    """Put an interleaved letterhead in column order: the left column's lines, then the right one's.

    A PDF gives the rows of the letterhead table one after the other ("ỦY BAN NHÂN DÂN",
    "CỘNG HÒA …", "TỈNH KON TUM", "Độc lập …", "Số: …", "Kon Tum, ngày …"); the right column is the
    motto (or the Party's name), its rule and the place-and-date line, which closes the letterhead.

    >>> head_columns("UBND TỈNH KON TUM\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nSố: 4/QĐ-UBND\\nKon Tum, ngày 9")
    'UBND TỈNH KON TUM\\nSố: 4/QĐ-UBND\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nKon Tum, ngày 9'
    """
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[:25]) if _PLACE_DATE.match(line)), None)
    if end is None:
        return text
    left: list[str] = []
    right: list[str] = []
    side = left
    for line in lines[:end + 1]:
        if line and not _RULE.match(line):  # a blank or a rule stays with the line above it
            side = right if is_motto(line) or _PLACE_DATE.match(line) else left
        side.append(line)
    return "\n".join(left + right + lines[end + 1:])


# The signature block: "Nơi nhận" and its bullets on the left; the signing title, "(đã ký)" and the
# signer's name on the right.
_RECEIVED = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—+•]")
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã ký|ký|ký tên|đóng dấu)\b", re.IGNORECASE)
_TAIL = 40
_SIGNATURE_LINES = 20  # the recipients' list and the signature beside it


def tail_columns(text: str) -> str:
    """Put an interleaved signature block in column order: "Nơi nhận" and its list, then the
    signing title and the name ("Nơi nhận:", "GIÁM ĐỐC", "- Như trên;", "(đã ký)", "- Lưu: VT.",
    "Lê Hồng Sơn" → the list, then "GIÁM ĐỐC", "(đã ký)", "Lê Hồng Sơn").

    >>> tail_columns("Nơi nhận:\\nGIÁM ĐỐC\\n- Như trên;\\nLê Hồng Sơn\\n- Lưu: VT.")
    'Nơi nhận:\\n- Như trên;\\n- Lưu: VT.\\nGIÁM ĐỐC\\nLê Hồng Sơn'
    """
    lines = text.split("\n")
    start = next((i for i in range(len(lines) - 1, max(-1, len(lines) - _TAIL - 1), -1)
                  if _RECEIVED.match(lines[i])), None)
    if start is None:
        return text
    block = lines[start + 1:start + 1 + _SIGNATURE_LINES]  # what follows (an annex) is left alone
    right = [_signing(line) for line in block]
    last_left = max((k for k, line in enumerate(block) if _BULLET.match(line)), default=-1)
    if not any(right[:last_left]):
        return text  # already in column order (or no signature beside the list)
    left_lines = [line for line, r in zip(block, right) if not r]
    right_lines = [line for line, r in zip(block, right) if r]
    return "\n".join(lines[:start + 1] + left_lines + right_lines + lines[start + 1 + _SIGNATURE_LINES:])


def _signing(line: str) -> bool:
    """A line of the signature column: a title in capitals, "(đã ký)", or a person's name."""
    if not line or _BULLET.match(line):
        return False
    words = line.split()
    name = 2 <= len(words) <= 6 and all(w[0].isupper() and w.isalpha() and not w.isupper() for w in words)
    return _upper(line) or bool(_SIGNED.match(line)) or name
