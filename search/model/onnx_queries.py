"""Questions embedded by ONNX Runtime: the same e5 weights, half the wait.

A search embeds one short question per call. Through PyTorch that forward pass took a
median 25-26 ms on one core of the development machine; the same graph exported to ONNX
and run by ONNX Runtime (one intra-op thread, all graph optimisations) took 12.8 ms, with
cosine >= 0.99999 to the PyTorch vector on every eval question
(``benchmarks/bench_encode.py`` prints both). Passages stay on PyTorch: a build encodes
in large batches, where the two engines are much closer and threads matter more.

The graph (the BERT encoder plus e5's mean pooling) is exported once per model into the
model's cache folder, written to a temporary name and renamed into place, so a crash or a
concurrent process never leaves a half-written file that later loads.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["ONNX_OPSET", "OnnxQueries", "export_queries"]

ONNX_OPSET = 17


def _mean_pooled(bert: Any) -> Any:
    """``bert`` wrapped so its output is the masked mean of the last hidden states (e5)."""
    import torch

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    return MeanPooled().eval()


def export_queries(model: Any, target: Path) -> Path:
    """Export a sentence-transformers model's encoder + mean pooling to ``target`` (once)."""
    if target.is_file():
        return target
    import torch

    print(f"dutygraph: exporting the question encoder to {target} (once)", file=sys.stderr)
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    sample = model.tokenizer(["query: 安全生产责任制"], return_tensors="pt")
    args = (sample["input_ids"], sample["attention_mask"])
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".onnx", dir=target.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")  # the exporter's notes on indexing and tracing
            torch.onnx.export(
                _mean_pooled(model[0].auto_model),
                args,
                tmp,
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "embedding": {0: "batch"},
                },
                opset_version=ONNX_OPSET,
                dynamo=False,
            )
        Path(tmp).chmod(0o644)  # mkstemp makes it private; the cache is shared like the model
        Path(tmp).replace(target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    print(f"dutygraph: exported in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return target


class OnnxQueries:
    """One ONNX Runtime session over an exported model, with the model's own tokenizer."""

    def __init__(self, path: Path, tokenizer: Any, max_length: int, threads: int = 1) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = tokenizer
        self.max_length = max_length

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of mean-pooled embeddings (not normalised) for already-prefixed texts."""
        feats = self.tokenizer(
            list(texts),
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="np",
        )
        inputs = {
            "input_ids": feats["input_ids"].astype(np.int64),
            "attention_mask": feats["attention_mask"].astype(np.int64),
        }
        return np.asarray(self.session.run(None, inputs)[0], dtype=np.float32)
