"""The directive generator: deterministic, valid numbering, chains that point back in time, truth that holds."""

from __future__ import annotations

import collections
import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generator import (
    FORMATS, GeneratedDoc, Generator, _register, build_world, encode, generate, term_start, write_corpus,
)
from vanthu.archive.numbers import parse_number
from vanthu.archive.types import LEVEL_RANK, Level

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def docs() -> list[GeneratedDoc]:
    return list(generate(1500, seed=11))


@pytest.fixture(scope="module")
def dirty_docs() -> list[GeneratedDoc]:
    return list(generate(3000, seed=4, dirty=True))


def _flat(text: str) -> str:
    """The text with line breaks and emphasis marks gone, for "is this phrase in it" checks."""
    return " ".join(text.replace("*", "").split())


def test_same_seed_same_documents():
    assert list(generate(120, seed=7)) == list(generate(120, seed=7))


def test_same_seed_same_documents_in_another_process():
    """No set or str-hash order leaks into the output: benchmarks rerun on the same corpus."""
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import sys, hashlib; sys.path.insert(0, %r); from benchmarks.generator import generate; "
            "print(hashlib.sha256(''.join(d.filename + d.text for d in generate(80, seed=3)).encode()).hexdigest())"
            % str(ROOT))
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": h}).stdout.strip() for h in ("1", "2")}
    here = hashlib.sha256("".join(d.filename + d.text for d in generate(80, seed=3)).encode()).hexdigest()
    assert digests == {here}


def test_other_seed_other_documents():
    a = [d.text for d in generate(50, seed=1)]
    b = [d.text for d in generate(50, seed=2)]
    assert a != b


def test_n_documents_in_date_order(docs):
    assert len(docs) == 1500
    dates = [d.truth.date for d in docs]
    assert dates == sorted(dates)
    assert len({d.filename for d in docs}) == len(docs)


@pytest.mark.parametrize("number, form, doc_type", [
    ("845/UBND-YT", "state", None),          # công văn: no type code, issuer and drafting unit
    ("27/KH-UBND", "state", "Kế hoạch"),      # a commune's plan
    ("8252/UBND-KT5", "state", None),        # a province numbering its units (Vĩnh Phúc)
    ("117/2020/NĐ-CP", "normative", "Nghị định"),  # normative: the year in the number
    ("288-CV/HU", "party", "Công văn"),       # Party: the type between serial and issuer
    ("96-TB/ĐU", "party", "Thông báo"),       # a commune Party committee
])
def test_number_forms_the_generator_writes_parse(number, form, doc_type):
    parts = parse_number(number)
    assert parts is not None and parts.form == form and parts.doc_type == doc_type


def test_every_number_is_valid_and_names_its_type(docs):
    for d in docs:
        parts = parse_number(d.truth.number)
        assert parts is not None, d.truth.number
        # A công văn of a state body has no type code; every other number names the document's type.
        assert parts.doc_type in (d.truth.doc_type, None), (d.truth.number, d.truth.doc_type)
        if parts.doc_type is None:
            assert d.truth.doc_type == "Công văn"


def test_number_date_and_subject_are_in_the_text(docs):
    for d in docs:
        flat = _flat(d.text)
        party = parse_number(d.truth.number).form == "party"
        assert (f"Số {d.truth.number}" if party else f"Số: {d.truth.number}") in flat
        assert f"năm {d.truth.year}" in flat
        assert d.truth.subject in flat, d.truth.subject
        assert d.truth.signer in d.text


def test_a_number_is_unique_per_issuer_and_year(docs):
    seen = collections.Counter((d.truth.issuer_id, d.truth.number, d.truth.year) for d in docs)
    assert max(seen.values()) == 1


def test_same_named_bodies_are_told_apart_by_id():
    world = build_world(20000, seed=0, years=5)
    names = collections.Counter(b.name for b in world.bodies)
    assert len({b.key for b in world.bodies}) == len(world.bodies)
    assert max(names.values()) > 1  # communes such as "xã Bình Thành" recur, as in life


def test_numbers_repeat_across_issuers(docs):
    issuers = collections.defaultdict(set)
    for d in docs:
        issuers[(d.truth.number, d.truth.year)].add(d.truth.issuer)
    shared = [k for k, v in issuers.items() if len(v) > 1]
    assert shared, "numbers such as 27/KH-UBND should recur across communes"
    assert any(parse_number(n).form == "state" for n, _ in shared)


def test_citations_point_to_earlier_documents(docs):
    for d in docs:
        for c in d.truth.cited:
            if c.date is not None:
                assert c.date < d.truth.date, (d.filename, c)


def test_every_document_cites_one_to_three_documents(docs):
    counts = collections.Counter(len([c for c in d.truth.cited if c.name is None]) for d in docs)
    assert set(counts) <= {0, 1, 2, 3, 4}
    # Only a central body with nothing above it yet rests on a law alone.
    assert counts[0] < 0.02 * len(docs)
    assert counts[1] + counts[2] + counts[3] > 0.97 * len(docs)


def test_citations_go_up_the_hierarchy(docs):
    rank = {lv.value: r for lv, r in LEVEL_RANK.items()}
    for d in docs:
        for c in d.truth.cited:
            if c.relation in ("implements", "basis") and c.issuer_level:
                assert rank[c.issuer_level] <= rank[d.truth.issuer_level], (d.filename, c)


def test_cited_numbers_are_written_in_the_text(docs):
    for d in docs:
        flat = _flat(d.text)
        for c in d.truth.cited:
            if c.number and c.number_stated:
                assert c.number in flat, (d.filename, c.number)
            if c.name:
                assert c.name in flat


def test_cited_documents_in_the_corpus_exist_earlier(docs):
    issued = {(d.truth.number, d.truth.issuer_id, d.truth.date) for d in docs}
    cited = [c for d in docs for c in d.truth.cited if c.in_corpus]
    assert len(cited) > len(docs) // 2  # chains are dense
    for c in cited:
        assert (c.number, c.issuer_id, c.date) in issued


def test_some_citations_are_external(docs):
    external = [c for d in docs for c in d.truth.cited if c.number and not c.in_corpus]
    assert len(external) > len(docs) // 10
    assert any(c.number == "15/CT-TTg" or c.number == "117/2020/NĐ-CP" for c in external)  # real central ones


def test_references_without_a_number_for_suggestions(docs):
    unnumbered = [(d, c) for d in docs for c in d.truth.cited if c.number and not c.number_stated]
    assert unnumbered
    for d, c in unnumbered:
        assert "chỉ đạo của" in d.text
        assert c.in_corpus  # the suggestion benchmark scores against the document it really is


def test_enumerations_share_one_type_and_issuer(docs):
    found = 0
    for d in docs:
        flat = _flat(d.text)
        if "các Chỉ thị số 15/CT-TTg" in flat:
            numbers = {c.number for c in d.truth.cited}
            assert "15/CT-TTg" in numbers and numbers & {"16/CT-TTg", "19/CT-TTg"}
            found += 1
    assert found


def test_relations_are_those_of_the_parse_contract(docs):
    relations = collections.Counter(c.relation for d in docs for c in d.truth.cited)
    assert set(relations) <= {"implements", "basis", "replaces", "amends", "repeals", "guides", "mentions"}
    assert relations["implements"] and relations["basis"] and relations["mentions"]


def test_issuers_are_real_places_at_every_level(docs):
    levels = collections.Counter(d.truth.issuer_level for d in docs)
    assert set(levels) == {lv.value for lv in Level}
    issuers = {d.truth.issuer for d in docs}
    assert any(i.startswith("Ủy ban nhân dân xã") or i.startswith("Ủy ban nhân dân phường") for i in issuers)
    assert any(i.startswith(("Huyện ủy", "Quận ủy", "Thị ủy", "Thành ủy")) for i in issuers)
    for d in docs:
        assert unicodedata.is_normalized("NFC", d.text)


def test_district_names_come_from_the_gazetteer():
    from benchmarks.generator import _gazetteer, _unit

    world = build_world(2000, seed=3, years=2)
    real = {_unit(v["district"])[1] for p in _gazetteer()["districts"].values() for v in p.values()}
    districts = [b for b in world.bodies if b.level == "district"]
    assert districts and all(b.place in real for b in districts)


def test_documents_are_of_realistic_length(docs):
    words = sorted(len(d.text.split()) for d in docs)
    assert 300 <= words[len(words) // 2] <= 800
    assert words[0] >= 150


def test_topics_are_varied(docs):
    topics = collections.Counter(d.truth.topic for d in docs)
    assert len(topics) >= 10
    assert max(topics.values()) < 0.4 * len(docs)


def test_party_numbers_restart_with_each_term():
    world = build_world(300, seed=0, years=2)
    committee = next(b for b in world.bodies if b.kind == "party" and b.level == "district")
    before, _ = _register(committee, "Công văn", dt.date(2020, 3, 1), False)
    after, expected = _register(committee, "Công văn", dt.date(2020, 12, 1), False)
    assert before != after  # a new register when the new term begins
    assert term_start("district", dt.date(2020, 12, 1), 0) == dt.date(2020, 7, 15)
    _, late = _register(committee, "Công văn", dt.date(2024, 12, 1), False)
    assert expected < late  # serials keep growing through a term, not through a year


def test_state_registers_restart_each_year():
    world = build_world(300, seed=0, years=2)
    ubnd = next(b for b in world.bodies if b.kind == "ubnd" and b.level == "district")
    dec, high = _register(ubnd, "Công văn", dt.date(2021, 12, 30), False)
    jan, low = _register(ubnd, "Công văn", dt.date(2022, 1, 3), False)
    assert dec != jan and low < high


def test_clean_data_has_no_defects(docs):
    assert not any(d.truth.dirty for d in docs)


def test_dirty_data_has_cycles(dirty_docs):
    by_number = {(d.truth.number, d.truth.issuer_id): d for d in dirty_docs if d.truth.number}
    cycles = 0
    for d in dirty_docs:
        if "cycle" not in d.truth.dirty:
            continue
        for c in d.truth.cited:
            target = by_number.get((c.number, c.issuer_id))
            if target and any(back.number == d.truth.number and back.issuer_id == d.truth.issuer_id
                              for back in target.truth.cited):
                cycles += 1
    assert cycles >= 1
    kinds = collections.Counter(k for d in dirty_docs for k in d.truth.dirty)
    assert kinds["blank-number"] and kinds["blank-date"] and kinds["noise"]


def test_blank_number_and_date_are_blank_in_text(dirty_docs):
    for d in dirty_docs:
        if "blank-number" in d.truth.dirty:
            assert d.truth.number is None
            assert "Số: /" in d.text or "Số -" in d.text
        if "blank-date" in d.truth.dirty:
            assert d.truth.date is None and f"năm {d.truth.year}" in d.text


def test_write_corpus_office_folders_and_truth(tmp_path):
    truth = tmp_path / "truth.jsonl"
    paths = write_corpus(tmp_path / "kho", 40, seed=5, truth_file=truth)
    assert len(paths) == 40 and all(p.is_file() for p in paths)
    rel = paths[0].relative_to(tmp_path / "kho")
    assert len(rel.parts) == 3 and rel.parts[0].isdigit()  # year/issuer/file
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 40
    assert rows[0]["number"] in paths[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_round_trips(fmt):
    doc = next(generate(1, seed=9))
    name, data = encode(doc, fmt)
    if fmt == "docx":
        import io

        from docx import Document as Docx

        text = "\n".join(p.text for p in Docx(io.BytesIO(data)).paragraphs)
        assert doc.truth.number in text and name.endswith(".docx")
        return
    if fmt in ("txt", "utf16", "cp1258"):
        decoded = data.decode({"txt": "utf-8", "utf16": "utf-16", "cp1258": "cp1258"}[fmt])
        assert unicodedata.normalize("NFC", decoded) == doc.text
    # The readers detect the encoding and give the text back (they tidy spaces, not words).
    from vanthu.archive.readers import read_bytes

    extracted = read_bytes(data, name)
    assert extracted.text.split() == doc.text.split()
    assert extracted.encoding == {"txt": "utf-8", "utf16": "utf-16", "cp1258": "windows-1258",
                                  "tcvn3": "tcvn3", "vni": "vni"}[fmt]


def test_unknown_format_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        write_corpus(tmp_path, 1, formats=("pdf",))
    with pytest.raises(ValueError, match="no format"):
        write_corpus(tmp_path, 1, formats=())


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        list(generate(-1))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(min_value=0, max_value=60), seed=st.integers(min_value=0, max_value=2**32),
       dirty=st.booleans())
def test_any_seed_gives_valid_documents(n, seed, dirty):
    docs = list(generate(n, seed, dirty=dirty))
    assert len(docs) == n
    for d in docs:
        assert d.truth.number is None or parse_number(d.truth.number) is not None
        assert d.truth.issuer and d.truth.year and d.text.endswith("\n")


def test_generator_world_grows_with_n():
    small = Generator(300, 0, False).world
    large = Generator(20000, 0, False).world
    assert len(large.bodies) > 2 * len(small.bodies)


# analyze (pipeline/analyze.py) against the truth -------------------------------------------


def _analyze():
    mod = pytest.importorskip("vanthu.pipeline.analyze")
    return mod.analyze


def _matches(d: GeneratedDoc, doc) -> list[str]:
    """The fields where analyze disagrees with the generator's truth."""
    t, bad = d.truth, []
    if doc.number != t.number:
        bad.append(f"number {doc.number!r} != {t.number!r}")
    if doc.doc_type != t.doc_type:
        bad.append(f"type {doc.doc_type!r} != {t.doc_type!r}")
    if doc.date != t.date:
        bad.append(f"date {doc.date} != {t.date}")
    want = {c.number for c in t.cited if c.number and c.number_stated}
    got = {c.number for c in doc.citations if c.number}
    if not want <= got:
        bad.append(f"cited {sorted(want - got)} missing")
    return bad


def test_analyze_recovers_the_truth():
    """analyze finds number, type, date and every cited number on at least 95 % of documents."""
    analyze = _analyze()
    docs = list(generate(300, seed=21))
    failures = {}
    for d in docs:
        _, doc = analyze(d.text)
        bad = _matches(d, doc)
        if bad:
            failures[d.filename] = bad
    rate = 1 - len(failures) / len(docs)
    assert rate >= 0.95, f"{rate:.1%} recovered; first mismatches: {list(failures.items())[:8]}"
