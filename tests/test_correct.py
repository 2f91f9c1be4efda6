"""`vanthu correct REF FIELD VALUE`: one field of one document corrected by a librarian — the metadata
CSV's rules, kept over re-imports, shown by `show`, found by search, journaled with who and when.

The archive: the sample chain (samples/chain), a commune's notice 31/TB-UBND up to the Government's
resolutions.
"""

from __future__ import annotations

import json
import random
import shutil
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from vanthu.archive import journal
from vanthu.archive.errors import BadInput
from vanthu.archive.store import Archive
from vanthu.pipeline.correct import correct_field
from vanthu.pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
CHAIN = ROOT / "samples" / "chain"
NOTICE = "31/TB-UBND"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("correct") / "archive"
    with Archive.open(root) as store:
        ingest(store, [CHAIN], workers=1)
    return root


@pytest.fixture(scope="module")
def shared(built, tmp_path_factory) -> Path:
    """One copy for the table of corrections (each row corrects its own field of the notice)."""
    copy = tmp_path_factory.mktemp("correct-table") / "archive"
    shutil.copytree(built, copy)
    return copy


@pytest.fixture(scope="module")
def notice_id(shared) -> str:
    with Archive.open(shared) as store:
        return store.resolve_ref(NOTICE).id


@pytest.fixture
def archive_dir(built, tmp_path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(built, copy)
    return copy


def _json(vanthu, archive: Path, *args: str):
    code, out, err = vanthu(*args, "--archive", str(archive), "--json")
    assert code == 0, err
    return json.loads(out)


def _notice_id(vanthu, archive: Path) -> str:
    return _json(vanthu, archive, "show", NOTICE, "--no-text")["id"]


CORRECTIONS = [
    ("signer", "Nguyễn Văn Hùng", "Nguyễn Văn Hùng"),  # a signer's name misread
    ("signer_title", unicodedata.normalize("NFD", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"), "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),  # typed decomposed (NFD), stored NFC
    ("date", "18/04/2021", "2021-04-18"),  # typed as on paper, stored ISO
    ("number", "32 /TB–UBND", "32/TB-UBND"),  # spaces and an en dash: the canonical number
    ("issuer_level", "Commune", "commune"),  # any case
    ("recipients", "UBND huyện Bình Xuyên; Trạm Y tế xã Thiện Kế;", ["UBND huyện Bình Xuyên", "Trạm Y tế xã Thiện Kế"]),
    ("subject", "Về việc tổ chức tiêm chủng vắc xin phòng COVID-19 đợt 3", "Về việc tổ chức tiêm chủng vắc xin phòng COVID-19 đợt 3"),
    ("urgency", "Hỏa tốc", "Hỏa tốc"),  # the urgency stamp the parser missed
    ("parent_body", "UBND huyện Bình Xuyên", "UBND huyện Bình Xuyên"),
]


@pytest.mark.parametrize("field, typed, stored", CORRECTIONS)
def test_a_correction_is_stored_as_the_csv_would_and_shown(vanthu, shared, notice_id, field, typed, stored):
    doc_id = notice_id  # by id: the number row changes the number
    result = _json(vanthu, shared, "correct", doc_id, field, typed, "--by", "Trần Thị Lan")
    assert result["field"] == field and result["value"] == stored and result["by"] == "Trần Thị Lan"
    assert result["changed"] and result["at"]
    shown = _json(vanthu, shared, "show", doc_id, "--no-text")
    assert shown[field] == stored and field in shown["provenance"]["overridden"]
    assert result["reembed"] == (field == "subject")  # only the subject is what the vector stands for


BAD = [
    ("ngay", "16/04/2021", "unknown field 'ngay'"),  # the Vietnamese word, not the field name
    ("date", "31/02/2021", "bad date"),  # no 31 February
    ("date", "tháng 4 năm 2021", "bad date"),  # words, not a date
    ("year", "21", "bad year"),  # two digits
    ("issuer_level", "xã", "bad issuer_level"),  # the level's names are English (central … commune)
    ("signer", "   ", "give a value"),  # nothing
    ("subject", "x" * 2001, "too long"),  # beyond any subject
]


@pytest.mark.parametrize("field, value, message", BAD)
def test_a_bad_field_or_value_exits_2_with_one_line_and_writes_nothing(vanthu, archive_dir, field, value, message):
    before = journal.journal_path(archive_dir).read_bytes() if journal.journal_path(archive_dir).exists() else b""
    code, out, err = vanthu("correct", NOTICE, field, value, "--archive", str(archive_dir))
    assert code == 2 and message in err and err.count("\n") == 1 and "Traceback" not in err
    after = journal.journal_path(archive_dir).read_bytes() if journal.journal_path(archive_dir).exists() else b""
    assert after == before


def test_a_correction_survives_a_reimport_and_is_searched_and_journaled(vanthu, archive_dir, monkeypatch):
    doc_id = _notice_id(vanthu, archive_dir)
    _json(vanthu, archive_dir, "correct", NOTICE, "subject", "Kế hoạch tiêm chủng lưu động tại thôn Đồng Sài",
          "--by", "Lê Văn Thư")
    monkeypatch.setenv("VANTHU_USER", "vanthu-xa")
    _json(vanthu, archive_dir, "correct", doc_id, "signer", "Phạm Quang Huy")
    code, _, err = vanthu("import", str(CHAIN), "--no-embed", "--archive", str(archive_dir))  # the same files again
    assert code == 0, err
    shown = _json(vanthu, archive_dir, "show", doc_id, "--no-text")
    assert shown["subject"] == "Kế hoạch tiêm chủng lưu động tại thôn Đồng Sài" and shown["signer"] == "Phạm Quang Huy"
    hits = _json(vanthu, archive_dir, "search", "luu dong thon dong sai")["results"]  # no diacritics
    assert hits and hits[0]["id"] == doc_id
    lines = [json.loads(x) for x in journal.journal_path(archive_dir).read_text(encoding="utf-8").splitlines()]
    mine = [e for e in lines if e["kind"] == "correct" and e["documents"]["doc"]["id"] == doc_id]
    assert [e["who"] for e in mine] == ["Lê Văn Thư", "vanthu-xa"]  # --by, then $VANTHU_USER
    assert all(e["at"] and e["t"] for e in mine)
    assert mine[-1]["values"]["overrides"]["signer"] == "Phạm Quang Huy"
    history = journal.corrections_of(archive_dir, doc_id, set())
    assert [h["fields"] for h in history] == [{"subject": "Kế hoạch tiêm chủng lưu động tại thôn Đồng Sài"},
                                               {"signer": "Phạm Quang Huy"}]


def test_a_corrected_date_carries_its_year_and_the_same_value_twice_changes_nothing(vanthu, archive_dir):
    first = _json(vanthu, archive_dir, "correct", NOTICE, "date", "05/01/2022")
    assert first["changed"] and _json(vanthu, archive_dir, "show", NOTICE, "--no-text")["year"] == 2022
    lines = journal.journal_path(archive_dir).read_bytes().count(b"\n")
    again = _json(vanthu, archive_dir, "correct", NOTICE, "date", "2022-01-05")
    assert not again["changed"] and journal.journal_path(archive_dir).read_bytes().count(b"\n") == lines


def test_a_corrected_number_is_what_a_reference_finds(vanthu, archive_dir):
    doc_id = _notice_id(vanthu, archive_dir)
    _json(vanthu, archive_dir, "correct", doc_id, "number", "131/TB-UBND")
    assert _json(vanthu, archive_dir, "show", "131/TB-UBND", "--no-text")["id"] == doc_id
    code, _, err = vanthu("show", NOTICE, "--archive", str(archive_dir))
    assert code != 0 and "Traceback" not in err


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(["subject", "signer", "date", "year", "issuer_level", "recipients"]),
       value=st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_value_is_stored_or_refused_never_a_crash_never_a_loss(archive_dir, field, value):
    # Hypothesis seeds the global random alike for every example, and Whoosh names each new index
    # segment from it: without a fresh seed, two examples' segments would get the same name.
    random.seed(time.time_ns())
    with Archive.open(archive_dir) as store:
        doc_id = store.resolve_ref(NOTICE).id
        before = store.get(doc_id)
        try:
            result = correct_field(store, doc_id, field, value, by="hypothesis")
        except BadInput:
            assert store.get(doc_id).overrides == before.overrides  # refused: nothing written
            return
        after = store.get(doc_id)
        assert after.overrides[field] == result.value
        assert after.text == before.text and after.sha256 == before.sha256  # the text is never touched
        assert {k: v for k, v in after.overrides.items() if k != field} == \
            {k: v for k, v in before.overrides.items() if k != field}
