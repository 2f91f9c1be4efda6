"""The citation graph: references found in text, resolved to archive documents, walked as trees.

The verbs are exposed by name and imported on first use (see :mod:`vanthu._lazy`), so that
``import vanthu.graph`` does not import networkx:

>>> from vanthu.graph import find_citations, build_tree, update_edges

``resolve``, ``render`` and ``tree`` share their module's name and are imported from the module
(``from vanthu.graph.resolve import resolve``).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "find_citations": "citations",
    "Resolution": "resolve", "Status": "resolve", "Decision": "resolve",
    "update_edges": "edges", "rebuild_edges": "edges", "detach_documents": "edges", "link": "edges",
    "unlink": "edges",
    "fetch_subgraph": "subgraph", "cited_by": "subgraph", "missing": "subgraph", "archive_graph": "subgraph",
    "build_tree": "tree", "chains": "tree", "TreeNode": "tree",
    "find_implicit": "suggest", "rank_candidates": "suggest",
    "write_graph": "export", "graph_json": "export",
    "text_tree": "render",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
