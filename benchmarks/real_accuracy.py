"""Field accuracy and citation precision/recall on the real-document set (issue 12).

Every ``tests/data/real/<slug>.txt`` goes through :func:`vanthu.pipeline.analyze.analyze`, the
function the importer runs (prepare → parse_document → find_citations), and is compared with its
hand labels ``<slug>.json`` (format: the labelling rules of issue 12).

Comparison rules:

- ``number``, ``doc_type``, ``issuer_level``, ``date``: exact;
- ``issuer``, ``place``, ``signer``: after NFC, canonical tone placement, casefold, collapsed
  whitespace and one dash for "-", "–" and "—" (typographic variants of one name); ``subject`` likewise, also ignoring a leading "về việc"/"v/v" and trailing
  punctuation;
- a null label is right only when vanthu gives null (and a stated label is wrong when it does).

Citations: micro precision and recall over the distinct numbers each document cites, matched
with :func:`vanthu.archive.numbers.number_key` (the key the resolver links by); the document's
own labelled number is left out of both sides.

    .venv/bin/python -m benchmarks.real_accuracy [--json] [--show-errors] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

from vanthu.archive.numbers import number_key
from vanthu.pipeline.analyze import analyze
from vanthu.vietnamese.text import normalize

REAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
FIELDS = ("number", "doc_type", "issuer", "issuer_level", "date", "place", "subject", "signer")
_EXACT = frozenset({"number", "doc_type", "issuer_level", "date"})
_ABOUT = re.compile(r"^(?:về việc|v/v)\b[\s:.]*")
_TRAILING = re.compile(r"[\s.,;:!?…\-–—]+$")


@dataclass(frozen=True)
class RealDoc:
    """One document of the real set: its published text and its hand labels."""

    name: str
    text: str
    label: dict


@dataclass(frozen=True)
class Mismatch:
    """A field (or a citation) where vanthu and the label disagree."""

    file: str
    field: str
    label: object
    got: object


@dataclass(frozen=True)
class DocScore:
    """What one document scored: fields right, citations labelled/found/both."""

    name: str
    layout: tuple[str, ...]
    right: tuple[str, ...]
    mismatches: tuple[Mismatch, ...]
    cited: int
    found: int
    matched: int


def load_real(directory: Path = REAL_DIR) -> list[RealDoc]:
    """Every labelled document of ``directory`` (a .json with its .txt), in name order."""
    docs = []
    for label_path in sorted(directory.glob("*.json")):
        text_path = label_path.with_suffix(".txt")
        if text_path.exists():
            label = json.loads(label_path.read_text(encoding="utf-8"))
            docs.append(RealDoc(label_path.stem, text_path.read_text(encoding="utf-8"), label))
    return docs


_DASHES = str.maketrans({"–": "-", "—": "-"})


def _loose(value: str) -> str:
    return " ".join(normalize(value).casefold().translate(_DASHES).split())


def _subject_key(value: str) -> str:
    return _TRAILING.sub("", _ABOUT.sub("", _loose(value)))


def field_right(field: str, label: object, got: object) -> bool:
    """Whether vanthu's value of ``field`` counts as the labelled one (the rules above)."""
    if label is None or got is None:
        return label is None and got is None
    if field in _EXACT:
        return label == got
    if field == "subject":
        return _subject_key(label) == _subject_key(got)
    return _loose(label) == _loose(got)


def _cited_keys(numbers, own: str | None) -> set[str]:
    own_key = number_key(own) if own else None
    return {key for key in map(number_key, filter(None, numbers)) if key and key != own_key}


def score_document(doc: RealDoc) -> DocScore:
    """Run the importer's analysis on ``doc`` and compare every field and citation with its label."""
    _, parsed = analyze(doc.text)
    got = parsed.to_json()
    right, misses = [], []
    for field in FIELDS:
        if field_right(field, doc.label[field], got[field]):
            right.append(field)
        else:
            misses.append(Mismatch(doc.name, field, doc.label[field], got[field]))
    own = doc.label["number"]
    labelled = _cited_keys((c["number"] for c in doc.label["citations"]), own)
    found = _cited_keys((c.number for c in parsed.citations), own)
    misses += [Mismatch(doc.name, "citation", key, None) for key in sorted(labelled - found)]
    misses += [Mismatch(doc.name, "citation", None, key) for key in sorted(found - labelled)]
    return DocScore(doc.name, tuple(doc.label["layout"]), tuple(right), tuple(misses),
                    len(labelled), len(found), len(labelled & found))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _source_site(source: str) -> str:
    """The site or repository a label's source names (``github:owner/repo:path`` → owner/repo)."""
    if source.startswith("github:"):
        return source[len("github:"):].split(":")[0]
    return urlparse(source).netloc.removeprefix("www.") or source


def summarise(scores: list[DocScore], labels: list[dict] = ()) -> dict:
    """Accuracy per field, overall and per layout class; citation precision and recall (micro);
    from the labels, how many sources and documents of each level the set has."""
    per_field = Counter(field for s in scores for field in s.right)
    layouts: dict[str, list[DocScore]] = {}
    for s in scores:
        for layout in s.layout:
            layouts.setdefault(layout, []).append(s)
    cited, found, matched = (sum(getattr(s, k) for s in scores) for k in ("cited", "found", "matched"))
    return {
        "documents": len(scores),
        "sources": len({_source_site(label["source"]) for label in labels}),
        "levels": dict(Counter(label["issuer_level"] or "none" for label in labels).most_common()),
        "fields": {f: _ratio(per_field[f], len(scores)) for f in FIELDS},
        "overall": _ratio(sum(len(s.right) for s in scores), len(FIELDS) * len(scores)),
        "layouts": {name: {"documents": len(group),
                           "accuracy": _ratio(sum(len(s.right) for s in group), len(FIELDS) * len(group))}
                    for name, group in sorted(layouts.items())},
        "citations": {"labelled": cited, "found": found, "matched": matched,
                      "precision": _ratio(matched, found), "recall": _ratio(matched, cited)},
    }


def _pct(value: float | None) -> str:
    return "  n/a" if value is None else f"{100 * value:5.1f}"


def render(report: dict) -> str:
    """The report as plain-text tables."""
    levels = ", ".join(f"{level} {n}" for level, n in report["levels"].items())
    lines = [f"{report['documents']} documents from {report['sources']} sources ({levels})", "",
             "field          accuracy %"]
    lines += [f"{field:14s} {_pct(value)}" for field, value in report["fields"].items()]
    lines += [f"{'overall':14s} {_pct(report['overall'])}", "", "layout class               docs  accuracy %"]
    lines += [f"{name:26s} {row['documents']:4d}  {_pct(row['accuracy'])}" for name, row in report["layouts"].items()]
    c = report["citations"]
    lines += ["", f"citations: {c['labelled']} labelled, {c['found']} found, {c['matched']} both: "
                  f"precision {_pct(c['precision'])} %, recall {_pct(c['recall'])} %"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=REAL_DIR, help="folder of <slug>.txt + <slug>.json")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--show-errors", action="store_true", help="print every mismatch: file, field, label, got")
    args = ap.parse_args(argv)
    docs = load_real(args.dir)
    if not docs:
        print(f"no labelled documents in {args.dir}", file=sys.stderr)
        return 1
    scores = [score_document(doc) for doc in docs]
    report = summarise(scores, [doc.label for doc in docs])
    if args.show_errors:
        report["mismatches"] = [asdict(m) for s in scores for m in s.mismatches]
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(render(report))
    if args.show_errors:
        print("\nfile\tfield\tlabel\tgot")
        for m in report["mismatches"]:
            print(f"{m['file']}\t{m['field']}\t{m['label']!r}\t{m['got']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
