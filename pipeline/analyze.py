"""The analyze stage: raw text → (prepared text, Document with metadata and citations).

Every file the importer reads goes through :func:`analyze`, in worker processes, so it is a
plain module-level function (picklable) with no state but the lazily loaded gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..archive.issuers import expand_issuer
from ..archive.parse import parse_document
from ..archive.types import Citation, Document
from ..graph.citations import find_citations
from ..vietnamese.layout import document_offsets
from ..vietnamese.text import fold_key, prepare

__all__ = ["analyze", "not_a_directive"]

# The national heading of a state document and the Party's heading, folded: a directive carries one.
_HEADINGS = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam", "viet nam dan chu cong hoa")  # the
# last: the national heading before 1976
_HEAD_CHARS = 3000
_SPACE = re.compile(r"[^\n]")  # the page's lines blanked, their breaks kept: offsets stay the text's

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
    start, end = document_offsets(text)  # a legal portal's page around the document cites nothing of its own
    cited = text if (start, end) == (0, len(text)) else _SPACE.sub(" ", text[:start]) + text[start:end]
    citations = find_citations(cited, doc.number, doc)  # the document's date and issuer tell a same-numbered one apart
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


def not_a_directive(text: str, doc: Document) -> str | None:
    """Why a file is plainly no directive (a README, notes), or None when it may be one.

    Plainly none: neither the national nor the Party heading in its first lines, and no number,
    type or issuer that the parser could find. Anything with a trace of administrative structure
    is imported (a blank số, a lost letterhead and an unknown type each still leave the others).

    >>> not_a_directive("# Samples\\nTwo sets of plain-text files.", Document())
    'not a directive: no national or Party heading, no number, type or issuer'
    """
    if doc.number or doc.doc_type or doc.issuer:  # what the parser found settles it without folding the head
        return None
    head = fold_key(text[:_HEAD_CHARS])
    if any(h in head for h in _HEADINGS):
        return None
    return "not a directive: no national or Party heading, no number, type or issuer"
