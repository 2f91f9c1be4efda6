"""`vanthu serve` in process (Starlette's TestClient): pages, the API's shapes against the CLI's,
safety (escaping, paths, write token, CSRF, busy archive, broken uploads) and a fuzz test.

The archive (benchmarks.screenshots.demo_archive): the sample chain (a commune's notice up to the
Government's resolutions), a directive whose text holds HTML, a script and a javascript: link, and
a department's letter citing a number two districts share (ambiguous).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("multipart", reason="the web extra (python-multipart) is not installed")

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from benchmarks.screenshots import demo_archive  # noqa: E402
from vanthu.archive.store import Archive  # noqa: E402
from vanthu.web.app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "thu-muc-van-thu-2021"




XSS = (ROOT / "tests/data/web/xa-thien-ke_99-CV-UBND_xss.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory) -> Path:
    return demo_archive(tmp_path_factory.mktemp("web") / "archive")


@pytest.fixture(scope="module")
def client(archive_dir) -> TestClient:
    """A read-only server (no write token)."""
    return TestClient(create_app(archive_dir), raise_server_exceptions=False)


@pytest.fixture
def writable(archive_dir, tmp_path) -> tuple[TestClient, Path]:
    """A server with a write token over a copy of the archive (writes leave the module's alone)."""
    copy = tmp_path / "archive"
    shutil.copytree(archive_dir, copy)
    return TestClient(create_app(copy, write_token=TOKEN), raise_server_exceptions=False), copy


def _cli_json(vanthu, archive: Path, *args: str):
    """What `vanthu ARGS --json` prints (the real command, run in this process)."""
    code, out, err = vanthu(*args, "--archive", str(archive), "--json")
    assert code == 0, err
    return json.loads(out)


def _doc_id(client: TestClient, ref: str) -> str:
    r = client.get("/api/show", params={"ref": ref, "text": "0"})
    assert r.status_code == 200, r.text
    return r.json()["id"]


def _signed_in(client: TestClient) -> str:
    """Sign in with the token; the CSRF token of the session, read off the librarian's page."""
    r = client.post("/librarian/sign-in", data={"token": TOKEN})
    assert r.status_code == 200 and "Đăng xuất" in r.text
    return re.search(r'name="csrf" value="([0-9a-f]+)"', r.text).group(1)


# -- reading ------------------------------------------------------------------------------------

SEARCHES = [
    ("tiem vac xin", "31/TB-UBND"),  # no diacritics finds "tiêm vắc xin"
    ("tiêm vắc xin", "27/KH-UBND"),  # with them, the same documents
    ("31/TB-UBND", "31/TB-UBND"),  # a number
]


@pytest.mark.parametrize("query, number", SEARCHES)
def test_search_page_finds_and_the_url_holds_the_query(client, query, number):
    r = client.get("/", params={"q": query, "level": "commune"})
    assert r.status_code == 200
    assert number in r.text
    assert 'name="level" value="commune"' in r.text  # the filter stays in the form and the URL
    assert "Loại văn bản" in r.text and "Cấp" in r.text  # facets with counts


def test_facets_count_what_the_search_finds(client):
    r = client.get("/", params={"q": "tiem vac xin"})
    facet = re.search(r"<h3>Năm</h3>\s*<ul>(.*?)</ul>", r.text, re.S).group(1)
    counts = [int(n) for n in re.findall(r'class="n">(\d+)<', facet)]
    total = int(re.search(r'class="count">(\d+) văn bản', r.text).group(1))
    assert sum(counts) == total  # every document found is counted under one year (or "chưa rõ")


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_the_warm_searcher_is_reused_until_the_index_changes_beside_the_server(writable, vanthu, tmp_path, engine):
    client, archive = writable
    if engine == "tantivy":
        code, _, err = vanthu("reindex", "--engine", "tantivy", "--archive", str(archive))
        assert code == 0, err
    warm = client.app.state.warm
    assert client.get("/api/search", params={"q": "100/CV-UBND"}).json()["total"] == 0
    searcher = warm._text
    client.get("/", params={"q": "tiem vac xin"})
    assert warm._text is searcher  # nothing changed on disk: the same searcher, not reopened
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "100-CV-UBND.txt").write_text(XSS.replace("99/CV-UBND", "100/CV-UBND"), encoding="utf-8")
    code, _, err = vanthu("import", str(folder), "--no-embed", "--archive", str(archive))  # another process's write
    assert code == 0, err
    assert client.get("/api/search", params={"q": "100/CV-UBND"}).json()["total"] == 1  # seen at the next search
    assert warm._text is not searcher


def test_facets_say_when_they_count_only_the_first_matches(client, monkeypatch):
    total = client.get("/api/search", params={"q": "ủy ban"}).json()["total"]
    assert total > 2 and "Đếm trên" not in client.get("/", params={"q": "ủy ban"}).text  # all counted: no note
    monkeypatch.setattr("vanthu.web.state.FACET_CAP", 2)
    r = client.get("/", params={"q": "ủy ban"})
    assert f"Đếm trên 2 văn bản tìm thấy đầu tiên (trong {total})" in r.text
    year = re.search(r"<h3>Năm</h3>\s*<ul>(.*?)</ul>", r.text, re.S).group(1)
    assert sum(int(n) for n in re.findall(r'class="n">(\d+)<', year)) == 2


def test_facets_are_sqls_counts_by_column_for_any_set_of_documents(archive_dir):
    with Archive.open(archive_dir, readonly=True) as store:
        ids = sorted(store.current_ids())
        for chosen in (ids, ids[::2], ids[:1], []):  # all, every other one, one, none
            counted = store.facet_counts(chosen, ("doc_type", "issuer_level", "year", "issuer"), limit=3)
            for column, counts in counted.items():  # the same as one GROUP BY a column, ordered by SQLite
                rows = store.conn.execute(
                    f"SELECT {column} AS k, count(*) AS n FROM documents WHERE id IN (SELECT value FROM json_each(?))"
                    " GROUP BY k ORDER BY n DESC, k LIMIT 3", (json.dumps(chosen),)).fetchall()
                assert counts == {("unknown" if k is None else str(k)): n for k, n in rows}, column
        with pytest.raises(ValueError):
            store.facet_counts(ids, ("text",))  # only the grouping columns


def test_pages_of_results(client):
    first = client.get("/", params={"q": "ủy ban", "page": "1"}).text
    second = client.get("/", params={"q": "ủy ban", "page": "2"}).text
    hits = lambda html: re.findall(r'<a class="title" href="/doc/(\w+)"', html)  # noqa: E731
    assert hits(first) and hits(second) and not set(hits(first)) & set(hits(second))


BAD_REQUESTS = [
    ("/?q=x&level=tinh-thanh", 400, "level"),  # a level that does not exist
    ("/?q=x&from=2021-13-01", 400, "--from"),  # a month 13
    ("/?q=x&page=0", 400, "page"),  # pages start at 1
    ("/?q=x&mode=guess", 400, "mode"),  # not a mode
    ("/doc/khong-co", 404, ""),  # no such document
    ("/api/tree?ref=31/TB-UBND&depth=99", 400, "depth"),  # depth is bounded
    ("/ref?ref=845/UBND-YT", 409, "845/UBND-YT"),  # two districts share the number: the candidates
    ("/api/show?ref=", 400, "ref"),
    ("/api/search?q=date:2021", 400, "date"),  # a field that cannot be searched
    ("/api/khong-co", 404, "openapi"),
]


@pytest.mark.parametrize("url, status, words", BAD_REQUESTS)
def test_bad_requests_get_a_clear_4xx(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert words in r.text
    assert "Traceback" not in r.text


def test_a_document_links_each_citation(client):
    doc = _doc_id(client, "2296/KH-UBND")
    page = client.get(f"/doc/{doc}").text
    resolved = re.findall(r'<a class="cite resolved" href="/doc/(\w+)"', page)
    assert resolved, "a resolved citation links to the cited document"
    assert all(client.get(f"/doc/{d}").status_code == 200 for d in resolved)
    law = client.get(f"/doc/{_doc_id(client, '21/NQ-CP')}").text
    assert 'class="cite external"' in law and "không có trong kho" in law  # a law the archive lacks: marked
    shared = client.get(f"/doc/{_doc_id(client, '150/SYT-NVY')}").text
    candidates = re.search(r'<span class="cite ambiguous">.*?</span></span>', shared, re.S).group(0)
    assert "Bình Xuyên" in candidates and "Tam Dương" in candidates  # both districts' 845/UBND-YT offered


def test_document_text_is_shown_as_text(client):
    doc = _doc_id(client, "99/CV-UBND")
    page = client.get(f"/doc/{doc}").text
    assert "&lt;script&gt;alert(" in page and "<script>alert" not in page
    assert "&lt;b&gt;in đậm&lt;/b&gt;" in page and "<b>in đậm" not in page
    assert 'href="javascript:' not in page and "<img src=x" not in page
    csp = client.get(f"/doc/{doc}").headers["content-security-policy"]
    assert "default-src 'self'" in csp  # and no inline script could run anyway


def test_tree_page_draws_svg_with_links_and_collapses(client):
    doc = _doc_id(client, "31/TB-UBND")
    page = client.get(f"/doc/{doc}/tree", params={"direction": "up", "depth": "5"}).text
    assert "<svg" in page and "21/NQ-CP" in page  # up to the Government's resolution
    keys = re.findall(r'href="/doc/{}/tree\?direction=up&amp;depth=5&amp;collapse=([^"]+)"'.format(doc), page)
    assert keys
    folded = client.get(f"/doc/{doc}/tree", params={"direction": "up", "depth": "5", "collapse": keys[0]}).text
    assert folded.count('class="node') < page.count('class="node')


@pytest.mark.parametrize("fmt, marker", [("dot", "digraph"), ("mermaid", "flowchart"), ("graphml", "<graphml"),
                                         ("json", '"direction"')])
def test_tree_downloads(client, fmt, marker):
    doc = _doc_id(client, "31/TB-UBND")
    r = client.get(f"/doc/{doc}/tree.{fmt}")
    assert r.status_code == 200 and marker in r.text
    assert r.headers["content-disposition"].startswith("attachment")


def test_overview_missing_check_and_librarian_pages(client):
    for url, words in (("/overview", "Theo năm"), ("/missing", "Luật"), ("/check", "Kiểm tra kho"),
                       ("/librarian", "chỉ đọc")):
        r = client.get(url)
        assert r.status_code == 200 and words in r.text, url


# -- the API: the CLI's shapes -------------------------------------------------------------------

SHAPES = [
    ("/api/search?q=tiem%20vac%20xin", ["search", "tiem vac xin"]),
    ("/api/show?ref=31/TB-UBND", ["show", "31/TB-UBND"]),
    ("/api/tree?ref=31/TB-UBND&direction=up", ["tree", "31/TB-UBND", "--up"]),
    ("/api/tree?ref=21/NQ-CP&direction=down", ["tree", "21/NQ-CP", "--down"]),
    ("/api/cited-by?ref=2296/KH-UBND", ["cited-by", "2296/KH-UBND"]),
    ("/api/chain?ref=31/TB-UBND", ["chain", "31/TB-UBND"]),
    ("/api/missing", ["missing"]),
    ("/api/stats", ["stats"]),
]


@pytest.mark.parametrize("url, command", SHAPES)
def test_api_answers_what_the_cli_prints(client, archive_dir, vanthu, url, command):
    assert client.get(url).json() == _cli_json(vanthu, archive_dir, *command)


def test_openapi_lists_the_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/search", "/api/show", "/api/tree", "/api/link", "/api/import"} <= set(paths)


# -- originals and paths -------------------------------------------------------------------------


def test_an_original_downloads_as_an_attachment_with_its_type(client, archive_dir):
    doc = client.get("/api/show", params={"ref": "31/TB-UBND", "text": "0"}).json()
    r = client.get(f"/doc/{doc['id']}/original/{doc['provenance']['sha256']}")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["content-type"].startswith("text/plain")
    assert r.content == (ROOT / "samples/chain/commune_ubnd-xa-thien-ke_31-TB-UBND_2021-04-16.txt").read_bytes()


PATHS = [
    "/doc/{id}/original/..%2F..%2Farchive.sqlite",  # encoded separators
    "/doc/{id}/original/../../archive.sqlite",  # dot segments
    "/doc/{id}/original/%2Fetc%2Fpasswd",  # an absolute path
    "/doc/{id}/original/" + "0" * 64,  # a well-formed hash this document does not list
    "/doc/{id}/original/{other}",  # another document's original
    "/doc/..%2F..%2Fetc/original/" + "0" * 64,
    "/static/..%2F..%2Farchive%2Fstore.py",
    "/static/%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("path", PATHS)
def test_no_request_path_reaches_the_file_system(client, path):
    doc = client.get("/api/show", params={"ref": "31/TB-UBND", "text": "0"}).json()
    other = client.get("/api/show", params={"ref": "2296/KH-UBND", "text": "0"}).json()
    url = path.format(id=doc["id"], other=other["provenance"]["sha256"])
    r = client.get(url)
    assert r.status_code in (400, 404), url
    assert b"root:" not in r.content and b"SQLite format" not in r.content and b"def " not in r.content


# -- writes --------------------------------------------------------------------------------------


def test_a_read_only_server_refuses_every_write(client):
    doc = _doc_id(client, "31/TB-UBND")
    for url, data in ((f"/doc/{doc}/link", {"dst": "21/NQ-CP"}), ("/librarian/undo", {"batch": "x"}),
                      ("/librarian/sign-in", {"token": TOKEN}), ("/api/link", {"src": doc, "dst": "21/NQ-CP"}),
                      (f"/doc/{doc}/correct", {"field": "signer", "value": "Nguyễn Văn Hùng"}),
                      (f"/api/documents/{doc}/corrections", {"field": "signer", "value": "Nguyễn Văn Hùng"})):
        r = client.post(url, data=data, headers={"Authorization": f"Bearer {TOKEN}"} if "api" in url else {})
        assert r.status_code == 403, url


def test_writes_need_the_token_and_the_session_s_csrf(writable):
    client, _ = writable
    doc = _doc_id(client, "31/TB-UBND")
    assert client.post(f"/doc/{doc}/link", data={"dst": "21/NQ-CP"}).status_code == 403  # not signed in
    assert client.post("/librarian/sign-in", data={"token": "sai-ma"}).status_code == 403
    _signed_in(client)
    assert client.post(f"/doc/{doc}/link", data={"dst": "21/NQ-CP", "csrf": "0" * 64}).status_code == 403
    assert client.post(f"/doc/{doc}/link", data={"dst": "21/NQ-CP"}).status_code == 403
    assert client.post("/api/link", json={"src": doc, "dst": "21/NQ-CP"},
                       headers={"Authorization": "Bearer sai-ma"}).status_code == 403


def test_a_field_corrected_in_the_form_shows_on_the_page_in_its_history_and_in_the_cli(writable, vanthu):
    client, archive = writable
    doc = _doc_id(client, "31/TB-UBND")
    assert 'id="correct-signer"' not in client.get(f"/doc/{doc}").text  # no form before signing in
    data = {"field": "signer", "value": "Nguyễn Văn Hùng", "by": "Trần Thị Lan"}
    assert client.post(f"/doc/{doc}/correct", data=data).status_code == 403  # not signed in
    csrf = _signed_in(client)
    assert client.post(f"/doc/{doc}/correct", data={**data, "csrf": "0" * 64}).status_code == 403  # a stale form
    page = client.get(f"/doc/{doc}").text
    assert 'id="correct-signer"' in page and 'id="correct-recipients"' in page  # one small form per field
    r = client.post(f"/doc/{doc}/correct", data={**data, "csrf": csrf})
    assert r.status_code == 200 and 'id="corrected"' in r.text
    assert "Nguyễn Văn Hùng" in r.text and "Văn thư Trần Thị Lan sửa signer = Nguyễn Văn Hùng" in r.text
    r = client.post(f"/doc/{doc}/correct", data={"field": "date", "value": "31/02/2021", "csrf": csrf})
    assert r.status_code == 400 and "bad date" in r.text and "Traceback" not in r.text  # refused, said why
    client.post(f"/doc/{doc}/correct", data={"field": "urgency", "value": "Hỏa tốc", "csrf": csrf})
    shown = _cli_json(vanthu, archive, "show", doc, "--no-text")
    assert shown["signer"] == "Nguyễn Văn Hùng" and shown["urgency"] == "Hỏa tốc"
    who = [json.loads(x)["who"] for x in (archive / "journal.jsonl").read_text(encoding="utf-8").splitlines()
           if json.loads(x)["kind"] == "correct"]
    assert who[-2:] == ["Trần Thị Lan", "web"]  # the name given in the form, else "web"


def test_the_api_corrects_with_the_bearer_token_in_the_cli_s_shape(writable, vanthu):
    client, archive = writable
    doc = _doc_id(client, "31/TB-UBND")
    url = f"/api/documents/{doc}/corrections"
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post(url, json={"field": "subject", "value": "x"}).status_code == 403  # no token
    r = client.post(url, json={"field": "subject", "value": "Kế hoạch tiêm chủng lưu động thôn Đồng Sài",
                               "by": "Lê Văn Thư"}, headers=bearer)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["by"] == "Lê Văn Thư" and body["reembed"] and body["changed"]
    cli = _cli_json(vanthu, archive, "correct", doc, "signer", "Phạm Quang Huy", "--by", "Lê Văn Thư")
    assert set(cli) == set(body)  # the same shape as `vanthu correct --json`
    hits = client.get("/api/search", params={"q": "luu dong thon dong sai"}).json()["results"]
    assert hits and hits[0]["id"] == doc  # re-indexed: the warm searcher finds the new subject
    for payload, message in (({"field": "ngay", "value": "1/1/2021"}, "unknown field"),
                             ({"field": "year", "value": "21"}, "bad year")):
        r = client.post(url, json=payload, headers=bearer)
        assert r.status_code == 400 and message in r.json()["error"]
    assert client.post("/api/documents/khong-co/corrections", json={"field": "signer", "value": "A"},
                       headers=bearer).status_code in (400, 404)


def test_a_confirmed_link_shows_in_the_tree(writable, vanthu):
    client, archive = writable
    csrf = _signed_in(client)
    src, dst = _doc_id(client, "31/TB-UBND"), _doc_id(client, "21/NQ-CP")
    before = client.get("/api/tree", params={"ref": src, "depth": "1"}).json()
    assert dst not in [c["id"] for c in before["root"]["children"]]
    r = client.post(f"/doc/{src}/link", data={"dst": "21/NQ-CP", "csrf": csrf})
    assert r.status_code == 200 and "văn thư xác nhận" in r.text
    after = client.get("/api/tree", params={"ref": src, "depth": "1"}).json()
    assert {"id": dst, "status": "confirmed"}.items() <= next(
        c for c in after["root"]["children"] if c["id"] == dst).items()
    assert "văn thư xác nhận" in client.get(f"/doc/{src}").text  # the history lists the decision
    assert _cli_json(vanthu, archive, "tree", src, "--up") == client.get("/api/tree", params={"ref": src}).json()


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def _wait(client: TestClient, job: str, timeout: float = 120.0) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = client.get(f"/api/import/{job}").json()
        if state["finished"]:
            return state
        time.sleep(0.2)
    raise AssertionError(f"import {job} did not finish in {timeout} s")


def test_an_uploaded_zip_imports_and_lists_its_broken_file(writable):
    client, archive = writable
    csrf = _signed_in(client)
    text = XSS.replace("99/CV-UBND", "100/CV-UBND").replace("ngày 20 tháng 4", "ngày 21 tháng 4")
    upload = _zip({"thon/100-CV-UBND.txt": text.encode(), "thon/hong.docx": b"PK\x03\x04 not a word file"})
    r = client.post("/librarian/import", data={"csrf": csrf}, files={"files": ("kho.zip", upload, "application/zip")})
    assert r.status_code == 200 and 'data-job="' in r.text  # the progress page
    job = re.search(r'data-job="(\w+)"', r.text).group(1)
    state = _wait(client, job)
    assert state["error"] is None and state["report"]["added"] == 1
    assert [f["path"].rsplit("/", 1)[-1] for f in state["report"]["failed"]] == ["hong.docx"]
    assert client.get("/api/search", params={"q": "100/CV-UBND"}).json()["total"] == 1  # searchable at once


def test_a_second_import_is_told_the_archive_is_busy(writable):
    client, archive = writable
    csrf = _signed_in(client)
    with Archive.open(archive) as other:  # another process's import, as far as the lock can tell
        other.acquire_lock()
        r = client.post("/librarian/import", data={"csrf": csrf}, files={"files": ("a.txt", XSS.encode())})
    assert r.status_code == 409 and "busy" in r.text
    assert not list((archive / "uploads").glob("*/*"))  # nothing kept of the refused upload


def test_a_broken_upload_imports_nothing(writable):
    client, archive = writable
    csrf = _signed_in(client)
    batches = client.get("/api/batches").json()
    body = (f'--XYZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n--XYZ\r\n'
            'Content-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nỦY BAN NHÂN DÂN xã').encode()
    r = client.post("/librarian/import", content=body,  # cut off mid-file: the client went away
                    headers={"content-type": "multipart/form-data; boundary=XYZ"})
    assert r.status_code == 400
    assert client.get("/api/batches").json() == batches
    assert not list((archive / "uploads").glob("*/*")) if (archive / "uploads").exists() else True


def test_an_upload_over_the_bound_is_refused_before_it_is_read(writable, monkeypatch):
    from vanthu.web import work

    client, _ = writable
    csrf = _signed_in(client)
    monkeypatch.setattr(work, "MAX_UPLOAD_BYTES", 1000)
    r = client.post("/librarian/import", data={"csrf": csrf}, files={"files": ("a.txt", b"x" * 5000)})
    assert r.status_code == 413


def test_undo_from_the_librarian_page(writable):
    client, _ = writable
    csrf = _signed_in(client)
    batch = client.get("/api/batches").json()[0]["id"]
    r = client.post("/librarian/undo", data={"batch": batch, "csrf": csrf})
    assert r.status_code == 200 and "Đã hoàn tác" in r.text
    assert client.get("/api/stats").json()["documents"] == 0


# -- never a crash ------------------------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(["/", "/api/search", "/api/tree", "/api/show", "/api/cited-by", "/api/missing", "/ref"]),
       params=st.dictionaries(st.sampled_from(["q", "ref", "mode", "type", "issuer", "level", "from", "to", "sort",
                                               "page", "limit", "depth", "direction", "year"]), _TEXT, max_size=5))
def test_fuzzed_requests_never_fail_the_server(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.text[:300])
    assert "Traceback" not in r.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segment=_TEXT.filter(lambda s: s not in ("", ".", "..")))
def test_fuzzed_paths_never_fail_the_server(client, segment):
    from urllib.parse import quote

    for url in (f"/doc/{quote(segment, safe='')}", f"/doc/{quote(segment, safe='')}/tree",
                f"/static/{quote(segment, safe='')}"):
        assert client.get(url).status_code < 500


def test_vanthu_help_does_not_load_the_web_stack():
    out = subprocess.run([sys.executable, "-c", "import sys, vanthu.cli.app; "
                          "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2') if m in sys.modules))"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_api_writes_with_the_bearer_token(writable, vanthu):
    client, archive = writable
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    src, dst = _doc_id(client, "31/TB-UBND"), _doc_id(client, "128/NQ-CP")
    r = client.post("/api/link", json={"src": src, "dst": "128/NQ-CP"}, headers=bearer)
    assert r.status_code == 200 and r.json()["decision"] == "confirmed"
    r = client.post("/api/unlink", json={"src": src, "dst": dst}, headers=bearer)
    assert r.json()["decision"] == "rejected"
    assert _cli_json(vanthu, archive, "tree", src, "--up") == client.get("/api/tree", params={"ref": src}).json()
    r = client.post("/api/import", files={"files": ("a.txt", XSS.replace("99/CV-UBND", "102/CV-UBND").encode())},
                    headers=bearer)
    assert r.status_code == 202
    assert _wait(client, r.json()["id"])["report"]["added"] == 1
