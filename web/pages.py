"""The HTML pages: search, a document, its tree, the overview, the acquisition list, the check,
and the librarian's page (upload, batches, undo, link decisions). Each reads the request, makes
one library call (or a few, for a page that shows several things) and renders a template."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from ..archive import originals
from ..archive.errors import BadInput, NotFound, VanthuError
from ..archive.store import StoredDocument
from ..graph.tree import Node
from ..index.results import snippet_parts
from . import svg
from .auth import SESSION_COOKIE
from .queries import ID, PAGE_SIZE, SHA256, SearchAsk, choice, int_param, search_ask
from .work import (TREE_FORMATS, citation_segments, correctable, document_history, editor, facets, overview, run_check,
                   start_upload, tree_of)

__all__ = ["routes", "render"]

FACETS = (("doc_type", "type", "Loại văn bản"), ("issuer_level", "level", "Cấp"), ("year", "year", "Năm"),
          ("issuer", "issuer", "Cơ quan ban hành"))
MEDIA = {"txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "doc": "application/msword", "rtf": "application/rtf", "html": "text/plain; charset=utf-8",
         "htm": "text/plain; charset=utf-8", "zip": "application/zip"}


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    """A page, with what every page needs: whether this visitor may write, and its CSRF token."""
    auth = request.app.state.auth
    session = request.cookies.get(SESSION_COOKIE)
    base = {"request": request, "writes_enabled": auth.enabled, "may_write": auth.may_write(request),
            "csrf": auth.csrf(session), "relation_vi": svg.RELATION_VI, "level_vi": svg.LEVEL_VI,
            "status_vi": svg.STATUS_VI, "snippet_parts": snippet_parts}
    return request.app.state.templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def _doc(request: Request, doc_id: str) -> StoredDocument:
    if not ID.match(doc_id):
        raise BadInput("mã văn bản không hợp lệ")
    return request.app.state.warm.archive().get(doc_id)


# -- reading ---------------------------------------------------------------------------------


def search_page(request: Request) -> Response:
    ask = search_ask(request.query_params)
    context: dict[str, Any] = {"ask": ask, "results": None, "facets": [], "page_size": PAGE_SIZE}
    if ask.query:
        warm = request.app.state.warm
        results = warm.search(ask.query, ask.mode, ask.filters, ask.limit, ask.sort, offset=ask.limit - PAGE_SIZE)
        context["results"] = results
        context["hits"] = results.results
        context["facets"], context["facets_counted"] = _facets(request, ask)
        context["pages"] = _pages(ask, results.total)
    return render(request, "search.html", context)


def _facets(request: Request, ask: SearchAsk) -> tuple[list[dict[str, Any]], int]:
    counted, documents = facets(request.app.state.warm, ask)
    out = []
    for column, param, title in FACETS:
        rows = [(value, n, _facet_url(ask, param, value)) for value, n in counted[column].items()]
        out.append({"title": title, "rows": rows, "param": param})
    return out, documents


def _facet_url(ask: SearchAsk, param: str, value: str) -> str | None:
    if value == "unknown":
        return None
    if param == "year":
        return ask.url(**{"from": value, "to": value})
    return ask.url(**{param: value})


def _pages(ask: SearchAsk, total: int) -> list[tuple[int, str, bool]]:
    from .queries import MAX_PAGE

    last = min(MAX_PAGE, max(1, -(-total // PAGE_SIZE)))
    shown = sorted({1, last, *range(max(1, ask.page - 3), min(last, ask.page + 3) + 1)})
    return [(p, ask.url(page=p), p == ask.page) for p in shown] if last > 1 else []


def ref_page(request: Request) -> Response:
    """A document number typed as a reference: its page, or the candidates when several share it."""
    params = request.query_params
    ref = (params.get("ref") or "").strip()
    if not ref:
        raise BadInput("cho số hoặc mã văn bản (ref=845/UBND-YT)")
    year = int_param(params, "year", 0, 0, 3000) or None
    doc = request.app.state.warm.archive().resolve_ref(ref, issuer=params.get("issuer") or None, year=year)
    return RedirectResponse(f"/doc/{doc.id}", status_code=303)


def document_page(request: Request) -> Response:
    warm = request.app.state.warm
    doc = _doc(request, request.path_params["doc_id"])
    store = warm.archive()
    from ..graph.subgraph import cited_by

    context = {
        "doc": doc, "meta": doc.meta, "segments": citation_segments(store, doc),
        "cited_by": cited_by(store, doc.id), "originals": originals.of_document(store, doc.id),
        "history": document_history(store, doc), "related": _related(warm, doc), "correctable": correctable(doc),
    }
    return render(request, "document.html", context)


def _related(warm, doc: StoredDocument) -> dict[str, Any]:
    """The closest documents by meaning. A document not embedded yet is embedded now by the warm model
    (the library's fallback would load a model for every such page: seconds each)."""
    from ..index.semantic import related

    try:
        return {"results": related(warm.archive(), doc.id, limit=5, embedder=warm.embedder()).results, "error": None}
    except VanthuError as err:
        return {"results": [], "error": str(err)}


def tree_page(request: Request) -> Response:
    doc = _doc(request, request.path_params["doc_id"])
    params = request.query_params
    direction = choice(params, "direction", ("up", "down"), "up")
    depth = int_param(params, "depth", 3, 1, 10)
    collapsed = {k for k in params.get("collapse", "").split(",") if k}
    t = tree_of(request.app.state.warm.archive(), doc.id, direction, depth)

    def toggle(key: str) -> str:
        keys = collapsed ^ {key}
        query = f"direction={direction}&depth={depth}"
        return f"/doc/{doc.id}/tree?{query}" + (f"&collapse={','.join(sorted(keys))}" if keys else "")

    def href(node: Node) -> str | None:
        return f"/doc/{node.id}" if node.in_archive and node.id else None

    picture = svg.tree_svg(t, collapsed=collapsed, href=href, toggle=toggle)
    return render(request, "tree.html", {"doc": doc, "tree": t, "svg": picture, "direction": direction,
                                          "depth": depth, "formats": TREE_FORMATS})


def tree_download(request: Request) -> Response:
    from ..graph.render import render as render_tree

    doc = _doc(request, request.path_params["doc_id"])
    fmt = request.path_params["fmt"]
    if fmt not in TREE_FORMATS:
        raise HTTPException(404, f"không có định dạng {fmt!r} (có: {', '.join(TREE_FORMATS)})")
    params = request.query_params
    direction = choice(params, "direction", ("up", "down"), "up")
    depth = int_param(params, "depth", 10, 0, 50)
    t = tree_of(request.app.state.warm.archive(), doc.id, direction, depth)
    body = render_tree(t, direction, fmt)
    name = f"cay-{doc.id}-{direction}.{TREE_FORMATS[fmt][0]}"
    return Response(body, media_type=TREE_FORMATS[fmt][1],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def original_download(request: Request) -> Response:
    """An original file, as an attachment with its stored type: only a hash this document lists
    is ever turned into a path, and only by the archive."""
    doc = _doc(request, request.path_params["doc_id"])
    sha = request.path_params["sha"]
    if not SHA256.match(sha):
        raise BadInput("mã băm SHA-256 không hợp lệ")
    store = request.app.state.warm.archive()
    listed = {row[0]: row for row in originals.of_document(store, doc.id)}
    if sha not in listed:
        raise NotFound("văn bản này không có bản gốc với mã băm đó")
    fmt = (listed[sha][2] or "bin").lower()
    name = f"{doc.id}-{sha[:12]}.{fmt}"
    return FileResponse(store.object_path(sha), media_type=MEDIA.get(fmt, "application/octet-stream"),
                        filename=name, content_disposition_type="attachment",
                        headers={"X-Content-Type-Options": "nosniff"})


def overview_page(request: Request) -> Response:
    numbers = overview(request.app.state.warm.archive())
    charts = {
        "Theo năm": svg.bar_chart(numbers["by_year"], href=lambda y: f"/?q=&from={y}&to={y}"),
        "Theo cấp": svg.bar_chart([(svg.LEVEL_VI.get(k, k), n) for k, n in numbers["by_level"]]),
        "Theo loại": svg.bar_chart(numbers["by_type"]),
        "Cơ quan ban hành nhiều nhất": svg.bar_chart(numbers["by_issuer"], label_width=300),
        "Trích dẫn": svg.bar_chart([(svg.STATUS_VI.get(k, k), n) for k, n in numbers["citations"]]),
    }
    return render(request, "overview.html", {"numbers": numbers, "charts": charts})


def missing_page(request: Request) -> Response:
    from ..graph.subgraph import missing

    limit = int_param(request.query_params, "limit", 50, 1, 1000)
    return render(request, "missing.html", {"rows": missing(request.app.state.warm.archive(), limit)})


def check_page(request: Request) -> Response:
    return render(request, "check.html", {"report": run_check(request.app.state.warm.archive())})


# -- the librarian ---------------------------------------------------------------------------


def librarian_page(request: Request) -> Response:
    from ..pipeline.importer import list_batches

    rows = list_batches(request.app.state.warm.archive())
    return render(request, "librarian.html", {"batches": rows})


def batch_page(request: Request) -> Response:
    from ..pipeline.importer import batch_failures

    batch = request.path_params["batch"]
    if not ID.match(batch):
        raise BadInput("mã lô không hợp lệ")
    failures = batch_failures(request.app.state.warm.archive(), batch)
    return render(request, "batch.html", {"batch": batch, "failures": failures})


async def sign_in(request: Request) -> Response:
    form = await request.form()
    auth = request.app.state.auth
    if not auth.enabled:
        raise HTTPException(403, "Máy chủ chỉ cho đọc (khởi động với --write-token để văn thư làm việc)")
    if not auth.token_ok(form.get("token") if isinstance(form.get("token"), str) else None):
        raise HTTPException(403, "Mã văn thư không đúng")
    response = RedirectResponse("/librarian", status_code=303)
    response.set_cookie(SESSION_COOKIE, auth.sign_in(), httponly=True, samesite="strict")
    return response


async def sign_out(request: Request) -> Response:
    form = await request.form()
    request.app.state.auth.check_form(request, form)
    request.app.state.auth.sign_out(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/librarian", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


async def upload(request: Request) -> Response:
    job = await start_upload(request)
    if "application/json" in request.headers.get("accept", ""):
        from starlette.responses import JSONResponse

        return JSONResponse(job.to_json(), status_code=202)
    return RedirectResponse(f"/librarian/import/{job.id}", status_code=303)


def import_page(request: Request) -> Response:
    job = request.app.state.warm.jobs.get(request.path_params["job"])
    if job is None:
        raise NotFound("không có lần nhập này (máy chủ đã khởi động lại?)")
    return render(request, "import.html", {"job": job})


async def undo(request: Request) -> Response:
    from ..pipeline.ingest import undo as undo_batch

    form = await request.form()
    request.app.state.auth.check_form(request, form)
    batch = str(form.get("batch") or "")
    if not ID.match(batch):
        raise BadInput("mã lô không hợp lệ")
    report = await run_in_threadpool(request.app.state.warm.write, lambda store: undo_batch(store, batch))
    return render(request, "done.html", {"title": "Đã hoàn tác lô nhập",
                                         "lines": [f"Lô {report.batch}: bỏ {len(report.removed)} văn bản, giữ "
                                                   f"{len(report.kept)} (cũng có trong lô khác), khôi phục "
                                                   f"{len(report.restored)} phiên bản trước"],
                                         "back": "/librarian"})


async def decide(request: Request) -> Response:
    """Confirm (link) or reject (unlink) that this document cites another."""
    from ..graph.edges import link, unlink

    form = await request.form()
    request.app.state.auth.check_form(request, form)
    decision = request.path_params["decision"]
    if decision not in ("link", "unlink"):
        raise HTTPException(404, "Không có trang này")
    dst_ref = str(form.get("dst") or "").strip()
    if not dst_ref:
        raise BadInput("cho văn bản được dẫn chiếu (mã hoặc số)")

    def act():  # on a worker thread: reading and writing block
        src = _doc(request, request.path_params["doc_id"])
        dst = request.app.state.warm.archive().resolve_ref(dst_ref)
        return src, request.app.state.warm.write(
            lambda store: link(store, src.id, dst.id) if decision == "link" else unlink(store, src.id, dst.id))

    src, result = await run_in_threadpool(act)
    return RedirectResponse(f"/doc/{src.id}?decided={result.decision}", status_code=303)


async def correct(request: Request) -> Response:
    """Correct one field of this document (`vanthu correct`); "by" is the name given in the form, else "web"."""
    from ..pipeline.correct import correct_field

    form = await request.form()
    request.app.state.auth.check_form(request, form)
    field, value, by = (str(form.get(k) or "") for k in ("field", "value", "by"))

    def act():  # on a worker thread: reading and writing block
        doc = _doc(request, request.path_params["doc_id"])
        return request.app.state.warm.write(
            lambda store: correct_field(store, doc.id, field, value, by=editor(by)))

    result = await run_in_threadpool(act)
    return RedirectResponse(f"/doc/{result.id}?corrected={result.field}", status_code=303)


def routes() -> list[Route]:
    return [
        Route("/", search_page),
        Route("/ref", ref_page),
        Route("/doc/{doc_id}", document_page),
        Route("/doc/{doc_id}/tree", tree_page),
        Route("/doc/{doc_id}/tree.{fmt}", tree_download),
        Route("/doc/{doc_id}/original/{sha}", original_download),
        Route("/doc/{doc_id}/correct", correct, methods=["POST"]),
        Route("/doc/{doc_id}/{decision:str}", decide, methods=["POST"]),
        Route("/overview", overview_page),
        Route("/missing", missing_page),
        Route("/check", check_page),
        Route("/librarian", librarian_page),
        Route("/librarian/batch/{batch}", batch_page),
        Route("/librarian/sign-in", sign_in, methods=["POST"]),
        Route("/librarian/sign-out", sign_out, methods=["POST"]),
        Route("/librarian/import", upload, methods=["POST"]),
        Route("/librarian/import/{job}", import_page),
        Route("/librarian/undo", undo, methods=["POST"]),
    ]
