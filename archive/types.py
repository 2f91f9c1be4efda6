"""Values that flow between stages: frozen dataclasses, dicts only at the edges (JSON, SQLite)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Relation(str, Enum):
    """How a document relates to one it cites, read from the words around the reference."""

    IMPLEMENTS = "implements"  # thực hiện, triển khai, theo chỉ đạo
    BASIS = "basis"            # căn cứ
    REPLACES = "replaces"      # thay thế
    AMENDS = "amends"          # sửa đổi, bổ sung
    REPEALS = "repeals"        # bãi bỏ
    GUIDES = "guides"          # hướng dẫn
    MENTIONS = "mentions"      # any other reference


class Level(str, Enum):
    """Administrative level of an issuing body."""

    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


LEVEL_RANK = {Level.CENTRAL: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}


@dataclass(frozen=True)
class Citation:
    """One reference from a document to another, with its evidence span.

    ``start``/``end`` are character offsets into the prepared text
    (:func:`vanthu.vietnamese.text.prepare`), and ``text == prepared[start:end]``.
    ``issuer`` is as written by :func:`find_citations` ("UBND tỉnh") and expanded
    with the citing document's context by :func:`parse_document`
    ("Ủy ban nhân dân tỉnh Vĩnh Phúc").
    """

    number: str | None
    doc_type: str | None
    date: dt.date | None
    issuer: str | None
    relation: Relation
    text: str
    start: int
    end: int
    year: int | None = None
    name: str | None = None  # a document cited by name only: "Luật Phòng, chống bệnh truyền nhiễm năm 2007"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "doc_type": self.doc_type,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "relation": self.relation.value,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.name is not None:
            out["name"] = self.name
        return out


@dataclass(frozen=True)
class Document:
    """Metadata of one directive, as stated by its letterhead and signature block.

    Every field the text does not state is None (never a guess).
    """

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issuer_level: Level | None = None
    parent_body: str | None = None
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    subject: str | None = None
    urgency: str | None = None
    recipients: tuple[str, ...] = ()
    signer: str | None = None
    signer_title: str | None = None
    citations: tuple[Citation, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The `vanthu parse --json` shape of DESIGN.md."""
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "issuer_level": self.issuer_level.value if self.issuer_level else None,
            "parent_body": self.parent_body,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "year": self.year,
            "subject": self.subject,
            "urgency": self.urgency,
            "recipients": list(self.recipients),
            "signer": self.signer,
            "signer_title": self.signer_title,
            "citations": [c.to_json() for c in self.citations],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Document":
        """Inverse of :meth:`to_json` (used for stored rows and metadata overrides)."""
        cites = tuple(
            Citation(
                number=c.get("number"),
                doc_type=c.get("doc_type"),
                date=_date(c.get("date")),
                issuer=c.get("issuer"),
                relation=Relation(c.get("relation") or "mentions"),
                text=c.get("text") or "",
                start=int(c.get("start") or 0),
                end=int(c.get("end") or 0),
                year=c.get("year") or (_date(c.get("date")).year if c.get("date") else None),
                name=c.get("name"),
            )
            for c in data.get("citations") or ()
        )
        level = data.get("issuer_level")
        return cls(
            number=data.get("number"),
            doc_type=data.get("doc_type"),
            issuer=data.get("issuer"),
            issuer_level=Level(level) if level else None,
            parent_body=data.get("parent_body"),
            place=data.get("place"),
            date=_date(data.get("date")),
            year=data.get("year"),
            subject=data.get("subject"),
            urgency=data.get("urgency"),
            recipients=tuple(data.get("recipients") or ()),
            signer=data.get("signer"),
            signer_title=data.get("signer_title"),
            citations=cites,
        )


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
