"""The analyze stage: raw text → (prepared text, Document with metadata and citations).

Every file the importer reads goes through :func:`analyze`, in worker processes, so it is a
plain module-level function (picklable) with no state but the lazily loaded gazetteer.
"""

from __future__ import annotations

from dataclasses import replace

from ..archive.issuers import expand_issuer
from ..archive.parse import parse_document
from ..archive.types import Citation, Document
from ..graph.citations import find_citations
from ..vietnamese.text import prepare

__all__ = ["analyze"]

# How much of the text may settle an ambiguous district name ("tỉnh Trà Vinh" in the body):
# the head of a directive, where its own province is named, without folding megabytes per citation.
_HINT_CHARS = 20_000


def analyze(raw: str) -> tuple[str, Document]:
    """Prepare the text, parse its metadata, find its citations and name each cited issuer in full.

    A cited issuer is expanded in the document's own context ("UBND tỉnh" in a document of a
    district of Vĩnh Phúc → "Ủy ban nhân dân tỉnh Vĩnh Phúc"); one that cannot be expanded keeps
    the phrase as written. Citation offsets refer to the returned prepared text.
    """
    text = prepare(raw)
    doc = parse_document(text)
    citations = find_citations(text, doc.number)
    return text, replace(doc, citations=_expand_issuers(citations, doc, text[:_HINT_CHARS]))


def _expand_issuers(citations: list[Citation], doc: Document, hint: str) -> tuple[Citation, ...]:
    expanded: dict[str, str] = {}  # one document repeats the same few issuers
    out = []
    for cite in citations:
        if cite.issuer:
            if cite.issuer not in expanded:
                expanded[cite.issuer] = expand_issuer(cite.issuer, doc, hint)[0] or cite.issuer
            cite = replace(cite, issuer=expanded[cite.issuer])
        out.append(cite)
    return tuple(out)
