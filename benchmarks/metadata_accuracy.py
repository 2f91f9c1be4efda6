"""Metadata and citation accuracy of the analyze stage against the generator's ground truth.

Two measures, both on :func:`benchmarks.generator.generate` documents:

- metadata: every field of ``parse_document(prepare(text))`` against ``truth``, strings compared
  with whitespace collapsed;
- cited issuers: for every reference whose number the text states, the issuer ``analyze`` gives
  (expanded in the citing document's context) against the cited body's full name; and the
  relation against the truth's relation.

    .venv/bin/python -m benchmarks.metadata_accuracy [--docs 600] [--seed 3] [--show 20]
"""

from __future__ import annotations

import argparse
import collections
from typing import Iterable

from vanthu.archive.numbers import number_key
from vanthu.archive.parse import parse_document
from vanthu.pipeline.analyze import analyze
from vanthu.vietnamese.text import prepare

from .generator import GeneratedDoc, generate


FIELDS = ("number", "doc_type", "issuer", "issuer_level", "parent_body", "place", "date", "year", "subject",
          "urgency", "recipients", "signer", "signer_title")


def _same(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def _collapsed(value):
    if isinstance(value, str):
        return " ".join(value.split())
    return [_collapsed(v) for v in value] if isinstance(value, list) else value


def metadata_misses(docs: Iterable[GeneratedDoc]) -> dict[str, list[tuple[str, object, object]]]:
    """Per field, the documents whose parsed value differs from the truth: (filename, got, truth)."""
    misses: dict[str, list] = {field: [] for field in FIELDS}
    for doc in docs:
        got, truth = parse_document(prepare(doc.text)).to_json(), doc.truth.to_json()
        for field in FIELDS:
            if _collapsed(got[field]) != _collapsed(truth[field]):
                misses[field].append((doc.filename, got[field], truth[field]))
    return misses


def cited_pairs(docs: Iterable[GeneratedDoc]):
    """(document, truth of a cited document, the citation analyze found or None), numbered references only."""
    for doc in docs:
        _, parsed = analyze(doc.text)
        found = {number_key(c.number): c for c in parsed.citations if c.number}
        for cited in doc.truth.cited:
            if cited.number and cited.number_stated:
                yield doc, cited, found.get(number_key(cited.number))


def cited_accuracy(docs: list[GeneratedDoc]) -> dict:
    """Counts of numbered references found, with the right issuer and the right relation; the misses."""
    counts = collections.Counter()
    misses: list[tuple[str, str, str, str | None, str]] = []
    for doc, truth, cite in cited_pairs(docs):
        counts["stated"] += 1
        if cite is None:
            misses.append(("not found", doc.filename, truth.number, None, truth.issuer))
            continue
        counts["found"] += 1
        if _same(cite.issuer, truth.issuer):
            counts["issuer"] += 1
        else:
            misses.append(("issuer", doc.filename, truth.number, cite.issuer, truth.issuer))
        if cite.relation.value == truth.relation:
            counts["relation"] += 1
        else:
            misses.append(("relation", doc.filename, truth.number, cite.relation.value, truth.relation))
    return {"counts": counts, "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--dirty", action="store_true")
    ap.add_argument("--show", type=int, default=20, help="misses to print")
    args = ap.parse_args()
    docs = list(generate(args.docs, seed=args.seed, dirty=args.dirty))
    wrong = {field: misses for field, misses in metadata_misses(docs).items() if misses}
    print(f"metadata: {len(docs)} documents, every field right but "
          + (", ".join(f"{field} {len(m)}" for field, m in wrong.items()) or "none"))
    for field, misses in wrong.items():
        for _, got, want in misses[: min(3, args.show)]:
            print(f"      {field}: got {got!r}  want {want!r}")
    result = cited_accuracy(docs)
    c = result["counts"]
    print(f"{args.docs} documents, seed {args.seed}{' dirty' if args.dirty else ''}: "
          f"{c['stated']} numbered references, {c['found']} found, issuer right {c['issuer']}, "
          f"relation right {c['relation']}")
    kinds = collections.Counter((m[0], m[3], m[4]) for m in result["misses"])
    for (kind, got, want), n in kinds.most_common(args.show):
        print(f"{n:5d}  {kind:9s} got {got!r}  want {want!r}")


if __name__ == "__main__":
    main()
