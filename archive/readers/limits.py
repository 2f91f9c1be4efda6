"""The bounds every file and zip is held to, so one hostile or broken input cannot exhaust a worker."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "MiB"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds on reading and walking; each failure message names the bound that stopped it."""

    max_file_bytes: int = 128 * MiB  # one file, or one zip member, as stored
    max_zip_total_bytes: int = 1024 * MiB  # all members of one zip, uncompressed, together
    max_ratio: int = 100  # uncompressed : compressed, per zip member (zip bombs)
    ratio_floor_bytes: int = 1 * MiB  # members smaller than this are never called bombs
    max_depth: int = 3  # zips inside zips
    max_members: int = 10_000  # entries in one zip
    timeout_s: float = 60.0  # one converter run (antiword, catdoc, pdftoppm, tesseract)
    ocr_max_pages: int = 30  # a longer scanned PDF is reported, not OCRed
    max_seconds: float = 300.0  # reading one file, all steps together (parsing gets as long again)
    max_memory_bytes: int = 4 * 1024 * MiB  # address space of one import worker process (RLIMIT_AS)
