"""`vanthu suggest` and `vanthu tree --suggested`: candidates for the references the graph could not resolve.

For one document, the references to suggest for are its citations whose edge is external,
ambiguous or rejected (no number, a number not in the archive, or several documents with it),
and the references without a number that the citation extractor does not emit
(:func:`vanthu.graph.suggest.find_implicit`), their issuer expanded in the document's context
("UBND tỉnh" in a district of Vĩnh Phúc → Ủy ban nhân dân tỉnh Vĩnh Phúc). The archive's
documents are filtered and ranked by :mod:`vanthu.graph.suggest` on their vectors.

A suggestion is never an edge: `vanthu link SRC DST` makes one a confirmed edge, and a link the
librarian rejected (`vanthu unlink`) is never suggested again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..archive import graphstore
from ..archive.issuers import expand_issuer
from ..archive.store import Archive, StoredDocument, stored_date
from ..archive.types import Citation, Relation
from ..graph.resolve import citation_levels, issuer_level
from ..graph.suggest import Candidate, Citing, Ranked, Reference, clause_at, find_implicit, rank_candidates

if TYPE_CHECKING:
    from ..index.embed import Embedder
    from ..index.vectors import VectorStore

__all__ = ["Suggestions", "SuggestionGroup", "suggest", "suggest_for", "tree_suggester", "CANDIDATES"]

CANDIDATES = 5  # candidates shown per reference
_UNRESOLVED = ("external", "ambiguous", "rejected")


@dataclass(frozen=True)
class SuggestionGroup:
    """One unresolved reference and the archive documents that may be what it names, best first."""

    citation_text: str
    candidates: tuple[Ranked, ...]

    def to_json(self) -> dict[str, Any]:
        return {"citation_text": self.citation_text, "candidates": [
            {"id": r.candidate.id, "number": r.candidate.number, "issuer": r.candidate.issuer,
             "date": r.candidate.date.isoformat() if r.candidate.date else None, "score": round(r.score, 3)}
            for r in self.candidates]}


@dataclass(frozen=True)
class Suggestions:
    """`vanthu suggest --json`: DESIGN's shape."""

    ref: str
    doc_id: str
    groups: tuple[SuggestionGroup, ...]

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "suggestions": [g.to_json() for g in self.groups]}


@dataclass(frozen=True)
class _Ask:
    """A reference to rank for: what is shown, what is embedded, and the constraints."""

    shown: str
    query: str
    reference: Reference


def _unresolved_citations(archive: Archive, doc: StoredDocument) -> list[_Ask]:
    """The document's citations whose edge names no single document."""
    rows = graphstore.unresolved_citations(archive, doc.id, _UNRESOLVED)
    asks = []
    for row in rows:
        cite = Citation(row["number"], row["doc_type"], stored_date(row["date"]), row["issuer"], Relation.MENTIONS,
                        row["text"], row["start"], row["end"], row["year"], row["name"])
        only = None
        if row["status"] == "ambiguous":
            only = frozenset(graphstore.candidates_of_edges(archive, [row["id"]]).get(row["id"], ()))
        ref = Reference(row["text"], row["issuer"], citation_levels(cite), row["doc_type"], only)
        asks.append(_Ask(row["text"], clause_at(doc.text, row["start"], row["end"]) or row["text"], ref))
    return asks


def _implicit(archive: Archive, doc: StoredDocument) -> list[_Ask]:
    """References without a number that the extractor leaves out, issuers expanded in context."""
    spans = archive.citation_spans(doc.id)
    asks = []
    for found in find_implicit(doc.text, spans):
        issuer, level = expand_issuer(found.issuer_phrase, doc.meta, doc.text)
        level = level or issuer_level(issuer)
        ref = Reference(found.text, issuer, frozenset({level.value}) if level else None, found.doc_type)
        asks.append(_Ask(found.text, found.text, ref))
    return asks


def _excluded(archive: Archive, doc: StoredDocument) -> frozenset[str]:
    """Itself and its versions, what it already cites, and what a librarian rejected for it."""
    linked = graphstore.linked_targets(archive, doc.id)
    return frozenset(archive.versions_of(doc.id) | linked | graphstore.rejected_targets(archive, doc.id))


def _chain_issuers(archive: Archive, doc: StoredDocument, depth: int = 4) -> frozenset[str]:
    """Issuers of the documents ``doc`` cites (resolved or confirmed), and of what those cite, ``depth`` steps up."""
    seen, frontier, issuers = {doc.id}, [doc.id], set()
    for _ in range(depth):
        rows = graphstore.cited_issuers(archive, frontier)
        frontier = [r[0] for r in rows if r[0] not in seen]
        seen.update(frontier)
        issuers.update(r[1] for r in rows if r[1])
        if not frontier:
            break
    return frozenset(issuers)


def _pool(archive: Archive) -> list[Candidate]:
    """Every current document as a candidate (similarities filled in later, for the admissible ones)."""
    return [Candidate(r[0], r[1], r[2], r[3], r[4], stored_date(r[5]), r[6], stored_date(r[7]))
            for r in archive.candidate_rows()]


class _Suggester:
    """Suggestions for any document of one archive: the pool, the store and the model loaded once."""

    def __init__(self, archive: Archive, embedder: "Embedder | None" = None, store: "VectorStore | None" = None):
        from ..graph.edges import ensure_edges
        from ..index.semantic import opened_store

        ensure_edges(archive)
        self.archive = archive
        self.store = store or opened_store(archive, embedder)
        self._embedder = embedder
        self._pool: list[Candidate] | None = None
        self._rows: dict[str, int] | None = None

    @property
    def embedder(self) -> "Embedder":
        if self._embedder is None:
            from ..index.embed import Embedder
            from ..index.semantic import checked_model

            self._embedder = Embedder()
            checked_model(self.store, self._embedder)
        return self._embedder

    def pool(self) -> list[Candidate]:
        if self._pool is None:
            self._pool = _pool(self.archive)
            self._rows = {doc_id: n for n, doc_id in enumerate(self.store.ids())}
        return self._pool

    def __call__(self, doc: StoredDocument, limit: int = CANDIDATES) -> tuple[SuggestionGroup, ...]:
        asks = _unresolved_citations(self.archive, doc) + _implicit(self.archive, doc)
        if not asks:
            return ()
        citing = Citing(doc.id, doc.meta.issuer_level.value if doc.meta.issuer_level else None, doc.meta.date,
                        doc.meta.year, _excluded(self.archive, doc), _chain_issuers(self.archive, doc))
        queries = self.embedder.encode_queries([a.query for a in asks])
        own = self._vector(doc)
        return tuple(SuggestionGroup(a.shown, tuple(self._ranked(a.reference, citing, q, own, limit)))
                     for a, q in zip(asks, queries))

    def _vector(self, doc: StoredDocument):
        from ..index.semantic import passage_of

        if doc.id in self.store:
            return self.store.get(doc.id)
        return self.embedder.encode_passages([passage_of(doc)])[0]

    def _ranked(self, ref: Reference, citing: Citing, query, own, limit: int) -> list[Ranked]:
        from ..graph.suggest import admissible

        pool = self.pool()
        fits = [c for c in pool if c.id in self._rows and admissible(ref, citing, c)]
        if not fits:
            return []
        matrix = self.store.matrix()[[self._rows[c.id] for c in fits]]
        to_text, to_citing = matrix @ query, matrix @ own
        scored = [dataclasses.replace(c, to_text=float(a), to_citing=float(b))
                  for c, a, b in zip(fits, to_text, to_citing)]
        return rank_candidates(ref, citing, scored, limit)


def suggest_for(archive: Archive, doc: StoredDocument, *, limit: int = CANDIDATES,
                embedder: "Embedder | None" = None) -> tuple[SuggestionGroup, ...]:
    """Ranked candidates for each unresolved reference of ``doc``."""
    return _Suggester(archive, embedder)(doc, limit)


def suggest(archive: Archive, ref: str, *, limit: int = CANDIDATES, embedder: "Embedder | None" = None) -> Suggestions:
    """`vanthu suggest REF`: the document ``ref`` names, and candidates for its unresolved references."""
    doc = archive.resolve_ref(ref)
    return Suggestions(ref, doc.id, suggest_for(archive, doc, limit=limit, embedder=embedder))


def tree_suggester(archive: Archive) -> Callable[[str], list[Any]] | None:
    """The hook of `vanthu tree --suggested`: doc id → the best
    candidate of each unresolved reference, or None where there are no vectors to rank with."""
    from ..graph.tree import Suggestion
    from ..index.semantic import reading_store
    from .semantic import semantic_available

    if not semantic_available() or not len(reading_store(archive)):
        return None
    suggester = _Suggester(archive)

    def suggestions(doc_id: str) -> list[Suggestion]:
        out = []
        for group in suggester(archive.get(doc_id), limit=1):
            for r in group.candidates:
                c = r.candidate
                out.append(Suggestion(group.citation_text, c.id, c.number, c.doc_type, c.issuer,
                                      c.date.isoformat() if c.date else None, round(r.score, 3)))
        return out

    return suggestions
