"""What a request asks, read from its query string the same way for pages and the API: one bad
value is a BadInput naming it (a 400), never a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlencode

from ..archive.errors import BadInput
from ..index.filters import Filters
from ..index.search import MODES

__all__ = ["SearchAsk", "search_ask", "int_param", "choice", "ID", "SHA256", "PAGE_SIZE", "MAX_QUERY"]

PAGE_SIZE = 10
MAX_PAGE = 50  # 500 results: past that, narrow the search (a facet, a date)
MAX_QUERY = 500  # characters
ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SEARCH_KEYS = ("q", "mode", "type", "issuer", "level", "from", "to", "sort")


def int_param(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise BadInput(f"{name} phải là số nguyên, không phải {value!r}") from None
    if not low <= number <= high:
        raise BadInput(f"{name} phải từ {low} đến {high} (nhận {number})")
    return number


def choice(params: Mapping[str, str], name: str, options: tuple[str, ...], default: str) -> str:
    value = params.get(name) or default
    if value not in options:
        raise BadInput(f"{name} phải là một trong: {', '.join(options)} (nhận {value!r})")
    return value


@dataclass(frozen=True)
class SearchAsk:
    """One search as the URL holds it: query, mode, filters, sort and page."""

    query: str
    mode: str
    filters: Filters
    sort: str
    page: int
    given: dict[str, str]

    def url(self, **change: Any) -> str:
        """This search's URL with some parameters changed (None removes one); back to page 1 unless given."""
        params = {**self.given, "page": ""}
        params.update({k: "" if v is None else str(v) for k, v in change.items()})
        return "/?" + urlencode({k: v for k, v in params.items() if v})

    @property
    def limit(self) -> int:
        return self.page * PAGE_SIZE


def search_ask(params: Mapping[str, str]) -> SearchAsk:
    given = {k: params[k].strip() for k in _SEARCH_KEYS if params.get(k, "").strip()}
    query = given.get("q", "")
    if len(query) > MAX_QUERY:
        raise BadInput(f"câu tìm dài quá {MAX_QUERY} ký tự")
    if "\x00" in query:
        raise BadInput("câu tìm có ký tự NUL")
    mode = choice(params, "mode", MODES, "text")
    sort = choice(params, "sort", ("relevance", "date"), "relevance")
    filters = Filters.from_options(doc_type=given.get("type"), issuer=given.get("issuer"), level=given.get("level"),
                                   date_from=given.get("from"), date_to=given.get("to"))
    page = int_param(params, "page", 1, 1, MAX_PAGE)
    if page > 1:
        given["page"] = str(page)
    return SearchAsk(query, mode, filters, sort, page, given)
