"""What a person reads at 80 and 120 columns (issue 13, item 8): identifiers and markers are never
cut, only free text gives way; a search result takes a few lines, not seventeen."""

from __future__ import annotations

import json
import re

import pytest

from vanthu.archive.store import Archive
from vanthu.pipeline.ingest import ingest

WIDTHS = [80, 120]


@pytest.fixture(scope="module")
def archive(tmp_path_factory, samples_dir):
    """samples/chain imported: trees with documents both in and out of the archive."""
    root = tmp_path_factory.mktemp("archive")
    with Archive.open(root, create=True) as store:
        ingest(store, [samples_dir / "chain"], workers=1)
    return root


@pytest.mark.parametrize("width", WIDTHS)
def test_batch_ids_are_whole(archive, vanthu, width):
    _, listing, _ = vanthu("batches", "--archive", str(archive), "--json")
    ids = [b["id"] for b in json.loads(listing)]
    _, out, _ = vanthu("batches", "--archive", str(archive), columns=width)
    words = out.split()
    assert ids and all(i in words for i in ids)  # copied from here into `undo` or `import --failed`


TREES = [
    ("31/TB-UBND", "--up"),  # up to the centre: three laws cited, not in the archive
    ("21/NQ-CP", "--down"),  # down: deep lines, documents shown before referred back to
]


def _numbers(node: dict) -> list[str]:
    return [node["number"]] * bool(node.get("number")) + [n for c in node["children"] for n in _numbers(c)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ref, direction", TREES)
def test_tree_lines_keep_numbers_and_markers(archive, vanthu, width, ref, direction):
    _, wide, _ = vanthu("tree", ref, direction, "--archive", str(archive))  # a pipe: whole lines
    _, data, _ = vanthu("tree", ref, direction, "--archive", str(archive), "--json")
    _, out, _ = vanthu("tree", ref, direction, "--archive", str(archive), columns=width, tty=True)
    lines = out.splitlines()
    assert len(lines) == len(wide.splitlines())  # one line a node: nothing wrapped at these widths
    assert all(len(line) <= width for line in lines)
    for marker in ("(not in archive)", "(already in this tree)"):
        assert out.count(marker) == wide.count(marker)
    for number in _numbers(json.loads(data)["root"]):
        assert re.search(rf"(?<!\S){re.escape(number)}(?!\S)", out), number


def _long_subject_archive(root):
    from vanthu.index.fulltext import FullTextIndex, IndexDoc

    Archive.open(root, create=True).close()
    body = "Ủy ban nhân dân huyện đề nghị các đơn vị tổ chức tiêm vắc xin phòng Covid-19 cho người dân. " * 20
    FullTextIndex.open(root / "fulltext").update([
        IndexDoc(id=f"doc{i}", number=f"{845 + i}/UBND-YT", doc_type="Công văn",
                 issuer="Ban Chỉ đạo phòng, chống dịch Covid-19 Ủy ban nhân dân huyện Bình Xuyên tỉnh Vĩnh Phúc",
                 date=None, year=2021, body=body,
                 subject="về việc tiếp tục tăng cường các biện pháp phòng, chống dịch Covid-19 trên địa bàn huyện "
                         "trong tình hình mới, tổ chức tiêm vắc xin cho người dân")
        for i in range(3)])


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_take_a_few_lines(tmp_path, vanthu, width):
    _long_subject_archive(tmp_path)
    code, out, _ = vanthu("search", "tiem vac xin", "-n", "2", "--archive", str(tmp_path),
                       columns=width)
    head, *results = out.strip().split("\n\n")
    assert code == 0 and head == "tiem vac xin — 2 of 3 documents"  # the header counts what is shown
    assert len(results) == 2
    for block in results:
        assert len(block.splitlines()) <= 7  # was 17 and more at 80 columns
        assert re.search(r"\b84[5-7]/UBND-YT\b", block) and re.search(r"\bdoc[0-2]\b", block)  # number, id whole
