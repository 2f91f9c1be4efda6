// vanthu: the one script — an upload's progress, polled from /api/import/<job> until it ends.
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box) { return; }
  var job = box.getAttribute("data-job");
  var bar = document.getElementById("bar"), status = document.getElementById("status");

  function text(el, value) { el.textContent = value; }  // never innerHTML: file names are untrusted

  function show(p) {
    if (p.total) { bar.max = p.total; bar.value = p.done; }
    var line = p.done + (p.total ? " / " + p.total : "") + " tệp · " + p.rate.toFixed(1) + " tệp/giây";
    if (p.seconds_left !== null && !p.finished) { line += " · còn khoảng " + Math.ceil(p.seconds_left) + " giây"; }
    if (p.failed) { line += " · " + p.failed + " lỗi"; }
    if (p.stage === "index") { line += " · đang cập nhật chỉ mục tìm kiếm"; }
    text(status, line);
    if (!p.finished) { return false; }
    var report = document.getElementById("report");
    report.hidden = false;
    if (p.error) { text(document.getElementById("summary"), "Không nhập được: " + p.error); return true; }
    var r = p.report;
    text(document.getElementById("summary"), "Xong lô " + r.batch + ": thêm " + r.added + ", cập nhật " + r.updated +
         ", trùng " + r.unchanged + ", lỗi " + r.failed.length + ".");
    var table = document.getElementById("failures");
    r.failed.forEach(function (f) {
      var row = table.insertRow(-1);
      text(row.insertCell(-1), f.path);
      text(row.insertCell(-1), f.error);
    });
    (r.skipped || []).forEach(function (f) {
      var row = table.insertRow(-1);
      text(row.insertCell(-1), f.path);
      text(row.insertCell(-1), "bỏ qua: " + f.reason);
    });
    bar.max = 1; bar.value = 1;
    return true;
  }

  function poll() {
    fetch("/api/import/" + encodeURIComponent(job), {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (p) { if (!show(p)) { setTimeout(poll, 400); } })
      .catch(function () { setTimeout(poll, 1500); });
  }
  poll();
}());
