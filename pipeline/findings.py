"""What one check of `vanthu check` found: a value every stage's check returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """The outcome of one check; ``repaired`` says whether --repair fixed it."""

    check: str
    ok: bool
    detail: str
    repaired: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"check": self.check, "ok": self.ok, "detail": self.detail, "repaired": self.repaired}
