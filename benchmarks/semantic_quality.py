"""Search quality on real text: text, semantic and hybrid on the labelled set (issue 14).

    python -m benchmarks.semantic_quality [--variants shipped,subject,head,chunks] [--cutoff]
    python -m benchmarks.semantic_quality --variants head --cutoff --backend onnx-int8   # another backend's vectors

The archive holds the 65 real directives of tests/data/real/, the real dispatches of samples/ and
195 articles of the Legal Code (benchmarks/data/semantic_eval/corpus.jsonl); the queries and their
judged relevant documents and hard negatives are in :mod:`benchmarks.semantic_labels`. It is built
once under $VANTHU_CACHE/bench/semantic-eval/ (import, then vectors of each variant, cached).

For each variant of what a vector stands for — ``subject`` (the subject alone), ``head`` (the subject
and the body without its letterhead, cut at 512 tokens: what issue 6 shipped), ``chunks`` (passages
of the body without boilerplate, each prefixed by the subject, a document scored by its best
passage) — it prints nDCG@10, top-1 (the first answer is relevant) and the hard-negative rate (a
hard negative ranks in the top 3 above every relevant document) for text, semantic and hybrid,
with the vectors, bytes and seconds the variant cost. ``related`` is scored the same way: each
relevant document of a query with hard negatives asks for its neighbours.
"""

from __future__ import annotations

import argparse
import re
import json
import math
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from benchmarks.semantic_labels import QUERIES, Query
from vanthu.archive.store import Archive
from vanthu.index.embed import Embedder, passage_text
from vanthu.index.fulltext import FullTextIndex
from vanthu.index.hybrid import HYBRID_WEIGHTS, fuse
from vanthu.index.semantic import within_reach
from vanthu.pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "semantic_eval"
CACHE = Path(os.environ.get("VANTHU_CACHE", Path.home() / ".cache" / "vanthu")) / "bench" / "semantic-eval"
POOL = 100


# ------------------------------------------------------------------ the archive


def corpus_files(folder: Path) -> dict[str, str]:
    """Write the corpus articles as text files into ``folder``; file name → key."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for line in (DATA / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        name = "corpus__" + row["id"].replace("#", "__") + ".txt"
        path = folder / name
        if not path.exists():
            path.write_text(row["text"], encoding="utf-8")
        names[name] = "corpus:" + row["id"]
    return names


def build() -> tuple[Path, dict[str, str]]:
    """The imported archive and each document's key (by archive id)."""
    names = corpus_files(CACHE / "corpus")
    files = [CACHE / "corpus" / n for n in names]
    for path in sorted((ROOT / "tests" / "data" / "real").glob("*.txt")):
        names[path.name] = "real:" + path.stem
        files.append(path)
    for path in sorted((ROOT / "samples").rglob("*.txt")):
        names[path.name] = "sample:" + path.stem
        files.append(path)
    archive_dir = CACHE / "archive"
    with Archive.open(archive_dir) as archive:
        if archive.count() < len(files):
            ingest(archive, files, workers=2, keep_non_directives=True)
        keys = {doc_id: names[name] for doc_id, name in archive.conn.execute("SELECT doc_id, name FROM sources")
                if name in names}
    return archive_dir, keys


# ------------------------------------------------------------------ vectors

# The "chunks" variant, measured here and not shipped (BENCHMARKS.md, issue 14).
CHUNK_CHARS = 1200  # a passage of the body: about 400 tokens, with the subject under the model's 512
MAX_CHUNKS = 8      # passages a document gets at most (the first ~10,000 characters of its body)
_PREAMBLE = re.compile(r"^\s*(?:c[ăa]n\s+c[ứu]|x[ée]t\s+(?:đ|d)[ềe]\s+ngh[ịi]|theo\s+(?:đ|d)[ềe]\s+ngh[ịi])\b", re.IGNORECASE)
_SIGNATURE_LINE = 40  # after "Nơi nhận:", shorter lines are the list, titles and names
_CLOSING = re.compile(r"^\s*n[ơo]i\s+nh[ậa]n\s*:", re.IGNORECASE)  # "Nơi nhận:" opens the closing block

def body_chunks(subject: str | None, text: str, size: int = CHUNK_CHARS, most: int = MAX_CHUNKS) -> list[str]:
    """Passages of a document's operative body, each prefixed by its subject (at least one).

    The body is :func:`vanthu.index.embed.passage_text`'s, without the legal basis ("Căn cứ …",
    "Xét đề nghị …", the same in every decision) and the closing block ("Nơi nhận:", signatures);
    it is cut at line breaks into pieces of about ``size`` characters (a line longer than that is cut at
    spaces), at most ``most`` of them.
    """
    body = passage_text(None, text, limit=len(text)).split("\n")
    lines = [line for line in _without_closing(body) if not _PREAMBLE.match(line)]
    head = subject.strip() + "\n" if subject and subject.strip() else ""
    chunks: list[str] = []
    current = ""
    for line in lines:
        for piece in _cut(line, size):
            if current and len(current) + 1 + len(piece) > size:
                chunks.append(current)
                if len(chunks) == most:
                    return [head + c for c in chunks]
                current = piece
            else:
                current = f"{current}\n{piece}" if current else piece
    if current or not chunks:
        chunks.append(current)
    return [(head + c).strip() for c in chunks]


def _cut(line: str, size: int) -> list[str]:
    """A line of at most ``size`` characters, or its pieces cut at spaces."""
    pieces = []
    while len(line) > size:
        cut = line.rfind(" ", 0, size)
        cut = cut if cut > size // 2 else size
        pieces.append(line[:cut])
        line = line[cut:].lstrip()
    return pieces + [line] if line else pieces


def _without_closing(lines: list[str]) -> list[str]:
    """Drop the closing block: "Nơi nhận:", its "- …;" list and the short signature lines after it.

    What follows it in a decision (the attached plan or rules) is body again, from its first long line.
    """
    kept: list[str] = []
    closing = False
    for line in lines:
        if _CLOSING.match(line):
            closing = True
        elif closing and (line[0] in "-+•–" or len(line) < _SIGNATURE_LINE):
            continue
        else:
            closing = False
            kept.append(line)
    return kept





def passages(variant: str, doc) -> list[str]:
    """What the vectors of one document stand for, in ``variant``."""
    subject = doc.meta.subject
    if variant == "subject":
        return [subject or passage_text(None, doc.text).split("\n", 1)[0]]
    if variant == "head":
        return [passage_text(subject, doc.text)]
    if variant == "chunks":
        return body_chunks(subject, doc.text)
    raise ValueError(variant)


class Vectors:
    """The vectors of one variant: a matrix of passages, each with the document it belongs to."""

    def __init__(self, matrix: np.ndarray, owner: np.ndarray, ids: list[str], seconds: float):
        self.matrix, self.owner, self.ids, self.seconds = matrix, owner, ids, seconds

    def scores(self, query: np.ndarray) -> np.ndarray:
        """One score per document: its best passage (max-sim)."""
        sims = self.matrix @ query
        best = np.full(len(self.ids), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.owner, sims)
        return best

    def rank(self, query: np.ndarray) -> list[tuple[str, float]]:
        best = self.scores(query)
        order = np.argsort(-best, kind="stable")
        return [(self.ids[i], float(best[i])) for i in order]


def vectors(archive_dir: Path, variant: str, embedder: Embedder, tag: str = "") -> Vectors:
    cached = CACHE / f"vectors-{variant}{tag}.npz"
    with Archive.open(archive_dir) as archive:
        docs = list(archive.iter_documents())
    ids = [d.id for d in docs]
    if cached.exists():
        data = np.load(cached, allow_pickle=False)
        if list(data["ids"]) == ids:
            return Vectors(data["matrix"], data["owner"], ids, float(data["seconds"]))
    texts, owner = [], []
    for n, doc in enumerate(docs):
        for text in passages(variant, doc):
            texts.append(text)
            owner.append(n)
    start = time.process_time()
    matrix = embedder.encode_passages(texts)
    seconds = time.process_time() - start
    np.savez(cached, matrix=matrix, owner=np.array(owner), ids=np.array(ids), seconds=seconds)
    return Vectors(matrix, np.array(owner), ids, seconds)


# ------------------------------------------------------------------ measures


def ndcg(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    gain = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return gain / ideal if ideal else 0.0


def hard_above(ranked: list[str], relevant: set[str], hard: set[str], k: int = 3) -> bool:
    """A hard negative in the top ``k`` above every relevant document."""
    for key in ranked[:k]:
        if key in relevant:
            return False
        if key in hard:
            return True
    return False


def measure(ranked: dict[str, list[list[str]]], queries=QUERIES) -> dict[str, dict[str, float]]:
    out = {}
    for mode, lists in ranked.items():
        rows = [(ndcg(r, set(q.relevant)), float(bool(r) and r[0] in q.relevant), hard_above(r, set(q.relevant), set(q.hard)))
                for r, q in zip(lists, queries)]
        out[mode] = {"nDCG@10": round(statistics.mean(r[0] for r in rows), 3),
                     "top1": round(statistics.mean(r[1] for r in rows), 3),
                     "hard_in_top3": round(statistics.mean(r[2] for r in rows), 3)}
    return out


def text_rankings(archive_dir: Path, keys: dict[str, str]) -> list[list[tuple[str, float]]]:
    with Archive.open(archive_dir) as archive, FullTextIndex.open(archive.fulltext_dir, create=False).searcher() as s:
        return [[(h.id, h.score) for h in s.search(q.text, limit=POOL, suggest=False).results] for q in QUERIES]


def keyed(pairs: list[tuple[str, float]], keys: dict[str, str]) -> list[str]:
    return [keys.get(i, i) for i, _ in pairs]


def evaluate(vecs: Vectors, queries: np.ndarray, text: list[list[tuple[str, float]]], keys: dict[str, str],
             cut: Callable[[list[tuple[str, float]]], list[tuple[str, float]]] | None = None) -> dict:
    ranked: dict[str, list[list[str]]] = {"text": [], "semantic": [], "hybrid": []}
    for q, t in zip(queries, text):
        meaning = vecs.rank(q)[:POOL]
        if cut:
            meaning = cut(meaning)
        ranked["text"].append(keyed(t, keys))
        ranked["semantic"].append(keyed(meaning, keys))
        fused = fuse([[i for i, _ in t], [i for i, _ in meaning]], weights=HYBRID_WEIGHTS)
        ranked["hybrid"].append(keyed(fused, keys))
    return measure(ranked)


def related_quality(vecs: Vectors, keys: dict[str, str]) -> dict:
    """Each relevant document of a query with hard negatives, asking for its 3 nearest documents."""
    by_key = {k: i for i, k in keys.items()}
    rows = []
    seen = set()
    for q in QUERIES:
        if not q.hard:
            continue
        for key in q.relevant:
            if key in seen or key not in by_key:
                continue
            seen.add(key)
            doc = vecs.ids.index(by_key[key])
            own = vecs.matrix[vecs.owner == doc]
            best = np.max(vecs.matrix @ own.T, axis=1)  # passage-to-passage max-sim
            scores = np.full(len(vecs.ids), -np.inf, dtype=np.float32)
            np.maximum.at(scores, vecs.owner, best)
            scores[doc] = -np.inf
            top = [keys.get(vecs.ids[i], "") for i in np.argsort(-scores)[:3]]
            rows.append((sum(t in q.relevant for t in top) / 3, hard_above(top, set(q.relevant), set(q.hard))))
    return {"seeds": len(rows), "P@3": round(statistics.mean(r[0] for r in rows), 3),
            "hard_in_top3": round(statistics.mean(r[1] for r in rows), 3)}


def cost(vecs: Vectors) -> dict:
    return {"vectors": int(len(vecs.matrix)), "per_document": round(len(vecs.matrix) / len(vecs.ids), 2),
            "disk_bytes_float16": int(vecs.matrix.size * 2), "embed_cpu_s": round(vecs.seconds, 1),
            "cpu_s_per_document": round(vecs.seconds / len(vecs.ids), 3)}


CUTS = (0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05)
FLOORS = (0.0, 0.83, 0.84, 0.85, 0.86, 0.87, 0.88)


def answer_sets(vecs: Vectors, queries: np.ndarray, keys: dict[str, str], cut: float, floor: float) -> list[set[str]]:
    return [{keys.get(i, i) for i, _ in within_reach(vecs.rank(q), cut, floor)} for q in queries]


def set_quality(sets: list[set[str]], picked: list[int]) -> dict:
    """Precision, recall, F1 of the returned sets, and how often a hard negative is returned, over ``picked`` queries."""
    rows = []
    for n in picked:
        q, got = QUERIES[n], sets[n]
        hit = len(got & set(q.relevant))
        p, r = hit / len(got) if got else 0.0, hit / len(q.relevant)
        rows.append((p, r, 2 * p * r / (p + r) if p + r else 0.0, bool(got & set(q.hard)), len(got)))
    return {"precision": round(statistics.mean(x[0] for x in rows), 3), "recall": round(statistics.mean(x[1] for x in rows), 3),
            "F1": round(statistics.mean(x[2] for x in rows), 3),
            "hard_returned": round(statistics.mean(x[3] for x in rows), 3),
            "returned_median": statistics.median(x[4] for x in rows)}


def calibrate(vecs: Vectors, queries: np.ndarray, keys: dict[str, str]) -> dict:
    """The relative cut and absolute floor that maximise F1 on the even queries, checked on the odd ones (held out)."""
    even, odd = list(range(0, len(QUERIES), 2)), list(range(1, len(QUERIES), 2))
    table = {(c, f): answer_sets(vecs, queries, keys, c, f) for c in CUTS for f in FLOORS}
    fit = {pair: set_quality(sets, even) for pair, sets in table.items()}
    best = max(table, key=lambda pair: (fit[pair]["F1"], -pair[0], -pair[1]))
    return {"grid_on_calibration_half": {f"cut {c}, floor {f}": fit[(c, f)] for c, f in table},
            "chosen": {"cut": best[0], "floor": best[1]}, "calibration_half": fit[best],
            "held_out_half": set_quality(table[best], odd), "all": set_quality(table[best], even + odd)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variants", default="subject,head,chunks")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cutoff", action="store_true", help="calibrate the relative cut-off and measure with it")
    parser.add_argument("--backend", default="torch", help="document embedding backend (index/embed.py BACKENDS); "
                                                           "its vectors are cached apart")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    archive_dir, keys = build()
    embedder = Embedder(backend=args.backend, threads=args.threads)
    tag = "" if args.backend == "torch" else f"-{args.backend}"
    queries = embedder.encode_queries([q.text for q in QUERIES])
    text = text_rankings(archive_dir, keys)
    report = {"machine": f"{platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", "backend": args.backend,
              "documents": len(keys), "queries": len(QUERIES), "with_hard_negatives": sum(1 for q in QUERIES if q.hard),
              "variants": {}}
    for variant in args.variants.split(","):
        print(f"embedding {variant} …", file=sys.stderr)
        vecs = vectors(archive_dir, variant, embedder, tag)
        report["variants"][variant] = {"cost": cost(vecs), "search": evaluate(vecs, queries, text, keys),
                                       "related": related_quality(vecs, keys)}
        if args.cutoff:
            calibration = calibrate(vecs, queries, keys)
            chosen = calibration["chosen"]
            report["variants"][variant]["cutoff"] = calibration
            report["variants"][variant]["search with the cut"] = evaluate(
                vecs, queries, text, keys, cut=lambda ranking: within_reach(ranking, chosen["cut"], chosen["floor"]))
        print(json.dumps(report["variants"][variant], ensure_ascii=False), file=sys.stderr)
    report["load_after"] = round(os.getloadavg()[0], 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
