"""The JSON API under /api/: the CLI's commands with the CLI's JSON shapes (DESIGN.md), made by the
same library functions. Reads are open; writes need ``Authorization: Bearer <write token>``.

| GET /api/search?q=&mode=&type=&issuer=&level=&from=&to=&sort=&limit= | `search --json` |
| GET /api/show?ref=[&issuer=&year=&text=0] | `show --json` |
| GET /api/tree?ref=&direction=up|down&depth= | `tree --format json` |
| GET /api/cited-by?ref= · /api/chain?ref= · /api/related?ref=&limit= | `cited-by`, `chain`, `related --json` |
| GET /api/missing?limit= · /api/stats · /api/batches · /api/batches/{id} · /api/check | the same commands' JSON |
| GET /api/import/{job} | an upload's progress, then its `import --json` report |
| POST /api/link · /api/unlink (src, dst) · /api/undo (batch) | `link`, `unlink`, `undo --json` |
| POST /api/documents/{id}/corrections (field, value, by) | `correct --json` |
| GET /api/openapi.json | this list as OpenAPI |
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.schemas import SchemaGenerator

from ..archive.errors import BadInput, NotFound
from .queries import ID, int_param, search_ask

__all__ = ["routes"]


class _Json(JSONResponse):
    """JSON as the CLI prints it: UTF-8, not ASCII-escaped; dates as strings."""

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")


def _ref(request: Request):
    params = request.query_params
    ref = (params.get("ref") or "").strip()
    if not ref:
        raise BadInput("ref is required (an archive id or a number such as 845/UBND-YT)")
    year = int_param(params, "year", 0, 0, 3000) or None
    return request.app.state.warm.archive().resolve_ref(ref, issuer=params.get("issuer") or None, year=year)


def search(request: Request) -> _Json:
    """
    summary: "Search the archive (the shape of `vanthu search --json`)"
    parameters: [{name: q, in: query, required: true}, {name: mode, in: query}, {name: limit, in: query}]
    """
    ask = search_ask(request.query_params)
    if not ask.query:
        raise BadInput("q is required")
    limit = int_param(request.query_params, "limit", 10, 1, 500)
    return _Json(request.app.state.warm.search(ask.query, ask.mode, ask.filters, limit, ask.sort).to_json())


def show(request: Request) -> _Json:
    """
    summary: "One document (the shape of `vanthu show --json`)"
    """
    from ..archive.store import document_json

    return _Json(document_json(_ref(request), with_text=request.query_params.get("text") != "0"))


def tree_json(request: Request) -> _Json:
    """
    summary: "The citation tree (the shape of `vanthu tree --format json`)"
    """
    from ..graph.render import to_json
    from ..graph.tree import tree
    from .queries import choice

    doc = _ref(request)
    direction = choice(request.query_params, "direction", ("up", "down"), "up")
    depth = int_param(request.query_params, "depth", 10, 0, 50)
    return _Json(to_json(tree(request.app.state.warm.archive(), doc.id, direction=direction, depth=depth), direction))


def cited_by(request: Request) -> _Json:
    """
    summary: "The documents citing one (the shape of `vanthu cited-by --json`)"
    """
    from ..graph.subgraph import cited_by as citing, cited_by_json

    doc = _ref(request)
    return _Json(cited_by_json(doc, citing(request.app.state.warm.archive(), doc.id)))


def chain(request: Request) -> _Json:
    """
    summary: "The chains of instruction up to the centre (the shape of `vanthu chain --json`)"
    """
    from ..graph.tree import chains, chains_json

    doc = _ref(request)
    g, paths = chains(request.app.state.warm.archive(), doc.id)
    return _Json(chains_json(doc, g, paths))


def related(request: Request) -> _Json:
    """
    summary: "Documents closest in meaning (the shape of `vanthu related --json`)"
    """
    import dataclasses

    from ..index.semantic import related as closest

    doc = _ref(request)
    limit = int_param(request.query_params, "limit", 10, 1, 100)
    warm = request.app.state.warm
    results = closest(warm.archive(), doc.id, limit=limit, embedder=warm.embedder())  # the warm model, if needed
    return _Json(dataclasses.replace(results, query=request.query_params["ref"]).to_json())


def missing(request: Request) -> _Json:
    """
    summary: "The acquisition list (the shape of `vanthu missing --json`)"
    """
    from ..graph.subgraph import missing as lacking, missing_json

    limit = int_param(request.query_params, "limit", 50, 1, 1000)
    return _Json(missing_json(lacking(request.app.state.warm.archive(), limit)))


def stats(request: Request) -> _Json:
    """
    summary: "Counts of the archive (the shape of `vanthu stats --json`)"
    """
    from ..pipeline.stats import stats_json

    return _Json(stats_json(request.app.state.warm.archive()))


def batches(request: Request) -> _Json:
    """
    summary: "Import batches (the shape of `vanthu batches --json`)"
    """
    from ..pipeline.importer import list_batches

    return _Json(list_batches(request.app.state.warm.archive()))


def batch(request: Request) -> _Json:
    """
    summary: "One batch's failures (the shape of `vanthu batches BATCH --json`)"
    """
    from ..pipeline.importer import batch_failures

    batch_id = request.path_params["batch"]
    if not ID.match(batch_id):
        raise BadInput("not a batch id")
    failures = batch_failures(request.app.state.warm.archive(), batch_id)
    return _Json([{"path": f.path, "error": f.error} for f in failures])


def check(request: Request) -> _Json:
    """
    summary: "Verify the archive (the shape of `vanthu check --json`; never repairs)"
    """
    from .work import run_check

    return _Json(run_check(request.app.state.warm.archive()).to_json())


async def upload(request: Request) -> _Json:
    """
    summary: "Import uploaded files (multipart field 'files'; .zip allowed); answers the job to poll"
    """
    from .work import start_upload

    return _Json((await start_upload(request)).to_json(), status_code=202)


def import_job(request: Request) -> _Json:
    """
    summary: "An upload's import: progress, then its report (the shape of `vanthu import --json`)"
    """
    job = request.app.state.warm.jobs.get(request.path_params["job"])
    if job is None:
        raise NotFound("no such import (was the server restarted?)")
    return _Json(job.to_json())


async def _write_form(request: Request) -> dict[str, str]:
    """The fields of a write (form or JSON body), after the write permission is checked."""
    if "application/json" in request.headers.get("content-type", ""):
        try:
            body = await request.json()
        except ValueError:
            raise BadInput("the body is not JSON") from None
        if not isinstance(body, dict):
            raise BadInput("the body must be a JSON object")
        fields = {k: v for k, v in body.items() if isinstance(v, str)}
    else:
        fields = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    request.app.state.auth.check_form(request, fields)
    return fields


async def decide(request: Request) -> _Json:
    """
    summary: "Confirm (link) or reject (unlink) that src cites dst (the shape of `vanthu link --json`)"
    """
    from starlette.concurrency import run_in_threadpool

    from ..graph.edges import link, unlink

    fields = await _write_form(request)
    warm = request.app.state.warm

    def act() -> dict[str, Any]:
        store = warm.archive()
        src, dst = store.resolve_ref(fields.get("src", "")), store.resolve_ref(fields.get("dst", ""))
        confirm = request.url.path.endswith("/link")
        result = warm.write(lambda w: link(w, src.id, dst.id) if confirm else unlink(w, src.id, dst.id))
        return result.__dict__

    return _Json(await run_in_threadpool(act))


async def undo(request: Request) -> _Json:
    """
    summary: "Undo an import batch (the shape of `vanthu undo --json`)"
    """
    from starlette.concurrency import run_in_threadpool

    from ..pipeline.ingest import undo as undo_batch

    fields = await _write_form(request)
    batch_id = fields.get("batch", "")
    if not ID.match(batch_id):
        raise BadInput("batch is required (see /api/batches)")
    report = await run_in_threadpool(request.app.state.warm.write, lambda store: undo_batch(store, batch_id))
    return _Json(report.to_json())


async def correct(request: Request) -> _Json:
    """
    summary: "Correct one field of a document (field, value, by; the shape of `vanthu correct --json`)"
    """
    from starlette.concurrency import run_in_threadpool

    from ..pipeline.correct import correct_field

    fields = await _write_form(request)
    doc_id = request.path_params["doc_id"]
    if not ID.match(doc_id):
        raise BadInput("not a document id")
    from .work import editor

    by = editor(fields.get("by"))
    result = await run_in_threadpool(request.app.state.warm.write, lambda store: correct_field(
        store, doc_id, fields.get("field", ""), fields.get("value", ""), by=by))
    return _Json(result.to_json())


_SCHEMAS = SchemaGenerator({"openapi": "3.0.0", "info": {"title": "vanthu", "version": "1"}})


def openapi(request: Request) -> _Json:
    return _Json(_SCHEMAS.get_schema(routes=request.app.routes))


def not_found(request: Request) -> _Json:
    raise HTTPException(404, f"no API at {request.url.path} (see /api/openapi.json)")


def routes() -> list[Route]:
    return [
        Route("/search", search), Route("/show", show), Route("/tree", tree_json), Route("/cited-by", cited_by),
        Route("/chain", chain), Route("/related", related), Route("/missing", missing), Route("/stats", stats),
        Route("/batches", batches), Route("/batches/{batch}", batch), Route("/check", check),
        Route("/import", upload, methods=["POST"]), Route("/import/{job}", import_job),
        Route("/link", decide, methods=["POST"]), Route("/unlink", decide, methods=["POST"]),
        Route("/undo", undo, methods=["POST"]),
        Route("/documents/{doc_id}/corrections", correct, methods=["POST"]),
        Route("/openapi.json", openapi, include_in_schema=False),
        Route("/{rest:path}", not_found, include_in_schema=False),
    ]
