"""What the pages and the API both need from the library, gathered once: a document's text cut at
its citations, its history, the facets of a search, the overview's numbers, an upload turned into
an import. Every rule here is the library's; this module only puts its answers together."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request

from ..archive import graphstore, journal, originals
from ..archive.errors import BadInput, NotFound
from ..archive.readers.limits import Limits
from ..archive.store import Archive, StoredDocument
from ..graph.tree import TreeNode, tree
from ..index.ranking import FACET_COLUMNS
from .queries import SearchAsk
from .state import ImportJob, Warm

__all__ = ["TREE_FORMATS", "Segment", "citation_segments", "document_history", "facets", "overview", "run_check",
           "start_upload", "tree_of", "editor", "MAX_UPLOAD_BYTES", "MAX_UPLOAD_FILES"]

def editor(by: str | None) -> str:
    """Who a correction made through the web is recorded as: the name given, else "web" (the CLI's
    default is $VANTHU_USER, else the system user)."""
    return (by or "").strip() or "web"


# Download name suffix and media type of each tree format the CLI renders.
TREE_FORMATS = {"json": ("json", "application/json"), "dot": ("dot", "text/vnd.graphviz; charset=utf-8"),
                "mermaid": ("mmd", "text/plain; charset=utf-8"), "graphml": ("graphml", "application/xml"),
                "text": ("txt", "text/plain; charset=utf-8")}
MAX_UPLOAD_FILES = 1000
MAX_UPLOAD_BYTES = Limits().max_zip_total_bytes  # one upload, all files together
_UNSAFE = re.compile(r"[\x00-\x1f/\\:]")


def tree_of(store: Archive, doc_id: str, direction: str, depth: int) -> TreeNode:
    return tree(store, doc_id, direction=direction, depth=depth)


@dataclass(frozen=True)
class Segment:
    """A run of a document's text: plain, or a citation with what it names."""

    text: str
    status: str | None = None  # None: plain text
    dst: str | None = None
    candidates: tuple[dict[str, Any], ...] = ()
    relation: str | None = None


def citation_segments(store: Archive, doc: StoredDocument) -> list[Segment]:
    """The text cut into plain runs and citations (resolved, ambiguous with candidates, external);
    a citation whose span does not hold its own text is left as plain text."""
    from ..graph.subgraph import citation_links

    out: list[Segment] = []
    pos = 0
    for c in citation_links(store, doc.id):
        if c.start < pos or doc.text[c.start:c.end] != c.text:
            continue
        if c.start > pos:
            out.append(Segment(doc.text[pos:c.start]))
        candidates = tuple(_summary(store, k) for k in c.candidates)
        out.append(Segment(c.text, c.status or "external", c.dst, candidates, c.relation))
        pos = c.end
    out.append(Segment(doc.text[pos:]))
    return out


def _summary(store: Archive, doc_id: str) -> dict[str, Any]:
    try:
        return store.get(doc_id).summary()
    except NotFound:
        return {"id": doc_id, "number": None, "issuer": None, "date": None}


def document_history(store: Archive, doc: StoredDocument) -> dict[str, Any]:
    """Earlier versions (newest first), the batches it came in, the librarian's decisions and corrections."""
    versions = []
    seen = {doc.id}
    current = doc
    while current.supersedes and current.supersedes not in seen:
        seen.add(current.supersedes)
        current = store.get(current.supersedes)
        versions.append({"id": current.id, "imported_at": current.created_at, "batch": current.batch_id,
                         "sha256": current.sha256})
    decisions = [dict(r) for r in graphstore.decisions_for(store, [doc.id])]
    shas = {row[0] for row in originals.of_document(store, doc.id)} | {doc.sha256}
    return {"versions": versions, "batch": doc.batch_id, "imported_at": doc.created_at, "sources": doc.sources,
            "decisions": decisions, "corrected": sorted(doc.overrides),
            "corrections": journal.corrections_of(store.root, doc.id, shas)}


FIELD_VI = {"number": "Số, ký hiệu", "doc_type": "Loại văn bản", "issuer": "Cơ quan ban hành",
            "issuer_level": "Cấp (central, province, district, commune)", "parent_body": "Cơ quan cấp trên",
            "place": "Địa danh", "date": "Ngày ban hành (DD/MM/YYYY)", "year": "Năm", "subject": "Trích yếu",
            "urgency": "Độ khẩn", "signer": "Người ký", "signer_title": "Chức vụ người ký",
            "recipients": "Nơi nhận (cách nhau bởi ;)"}


def correctable(doc: StoredDocument) -> list[tuple[str, str, str]]:
    """(field, label, current value as typed in the form) of every field a librarian may correct."""
    from ..pipeline.metadata import FIELDS

    values = doc.meta.to_json()
    out = []
    for name in FIELDS:
        value = values.get(name)
        if name == "date" and value:
            value = "/".join(reversed(value.split("-")))
        shown = "; ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
        out.append((name, FIELD_VI.get(name, name), shown))
    return out


def facets(warm: Warm, ask: SearchAsk) -> tuple[dict[str, dict[str, int]], int]:
    """Counts by type, level, year and issuer of the documents the search finds (the text engine's
    matches: all of them with tantivy, at most FACET_CAP with Whoosh; for a search by meaning alone,
    its results), and how many were counted."""
    if ask.mode != "semantic":
        return warm.facet_counts(ask.query, ask.filters, FACET_COLUMNS)
    ids = [h.id for h in warm.search(ask.query, ask.mode, ask.filters, 100, ask.sort).results]
    return warm.archive().facet_counts(ids, FACET_COLUMNS), len(ids)


def overview(store: Archive) -> dict[str, Any]:
    from ..pipeline.stats import stats_json
    from ..graph.subgraph import missing

    stats = stats_json(store, top=15)
    by_year = sorted(((k, v) for k, v in stats["by_year"].items() if k != "unknown"), key=lambda kv: kv[0])
    statuses = graphstore.status_counts(store)
    linked = sum(statuses.get(s, 0) for s in graphstore.LINKED_STATUSES)
    return {
        "stats": stats, "by_year": by_year, "by_level": list(stats["by_level"].items()),
        "by_type": list(stats["by_type"].items())[:15], "by_issuer": list(stats["by_issuer"].items()),
        "citations": list(statuses.items()), "resolved_share": linked / max(1, sum(statuses.values())),
        "missing": missing(store, 10),
    }


def run_check(store: Archive):
    from ..pipeline.check import check_archive

    return check_archive(store, repair=False)


# -- uploads -----------------------------------------------------------------------------------


def _safe_name(name: str | None, index: int) -> str:
    """A file name of the upload made harmless: its last part only, no separators or control
    characters, never empty, "." or ".."; numbered so two files of one name both stay."""
    base = _UNSAFE.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return f"{index:04d}-{base or 'tep'}"


async def start_upload(request: Request) -> ImportJob:
    """Save an upload's files into a fresh folder and import it in the background.

    Checked before a byte is kept: the write permission and CSRF token, the declared size. The
    form is read whole before anything is imported, so a client that goes away mid-upload leaves
    nothing behind; each file must fit the importer's per-file bound (zips are then checked member
    by member by the importer itself: ratio, depth, total).
    """
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise HTTPException(411, "Cần Content-Length cho tệp tải lên")
    if int(declared) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"Tải lên quá lớn: tối đa {MAX_UPLOAD_BYTES // 2**20} MiB một lần")
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=20)
    except ClientDisconnect:
        raise HTTPException(400, "Máy khách ngắt kết nối giữa chừng: không nhập gì") from None
    except Exception as err:  # a malformed or truncated multipart body (MultiPartException and kin)
        raise HTTPException(400, f"Dữ liệu tải lên hỏng: {err}") from None
    try:
        request.app.state.auth.check_form(request, form)
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if not files:
            raise BadInput("chọn ít nhất một tệp (hoặc một tệp .zip) để nhập")
        limit = Limits().max_file_bytes
        for f in files:
            if (f.size or 0) > limit:
                raise BadInput(f"{f.filename}: {f.size} byte, quá giới hạn {limit} byte một tệp")
        warm: Warm = request.app.state.warm
        folder = warm.upload_dir / f"tai-len-{uuid.uuid4().hex[:10]}"
        await run_in_threadpool(_save, files, folder)
    finally:
        await form.close()
    return await run_in_threadpool(warm.start_import, folder, len(files), _run_import)


def _save(files: list[UploadFile], folder: Path) -> None:
    folder.mkdir(parents=True)
    for i, f in enumerate(files, 1):
        f.file.seek(0)
        with open(folder / _safe_name(f.filename, i), "wb") as out:
            while chunk := f.file.read(1 << 20):
                out.write(chunk)


def _run_import(store: Archive, job: ImportJob) -> dict[str, Any]:
    from ..pipeline.ingest import ingest

    def progress(p: Any) -> None:
        job.done, job.total, job.failed = p.done, p.total, p.failed

    def indexing(p: Any) -> None:
        job.stage = "index"

    report = ingest(store, [job.folder], on_progress=progress, on_index=indexing, embed=False)
    job.stage = "done"
    return report.to_json()
