"""An optional low-rank adapter (LoRA) for the bundled e5, merged into its weights on load.

The adapter is trained on question-clause pairs made from the bundled corpus itself
(``search.model.pairs``; ``python -m search.model.train_adapter``) and shipped as
``search/data/e5-lora.safetensors``: for each adapted linear layer two small matrices
A (r x in) and B (out x r), and ``W + (alpha / r) * B @ A`` replaces its weight. Merging
keeps encoding as fast as the base model and needs no extra library at run time.
Without the file the base model is used unchanged; the adapter's hash is part of the
encoder name, so an index embedded with or without it is re-embedded when that changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

__all__ = ["ADAPTER", "adapter_tag", "merge_adapter"]

ADAPTER = Path(__file__).resolve().parent.parent / "data" / "e5-lora.safetensors"


def adapter_tag(path: Path | None = None) -> str | None:
    """A short hash of the adapter file (default: the shipped one), or None when there is none."""
    path = ADAPTER if path is None else path
    if not path.exists():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def merge_adapter(bert: Any, path: Path | None = None) -> int:
    """Add the adapter's low-rank updates to a ``BertModel``'s weights; returns layers changed."""
    import torch
    from safetensors.torch import load_file

    tensors = load_file(str(ADAPTER if path is None else path))
    scale = float(tensors.pop("scale").item())
    modules = dict(bert.named_modules())
    changed = 0
    for name in sorted({k.rsplit(".", 1)[0] for k in tensors}):
        a, b = tensors[f"{name}.lora_a"], tensors[f"{name}.lora_b"]
        layer = modules[name]
        with torch.no_grad():
            layer.weight += scale * (b @ a).to(layer.weight.dtype)
        changed += 1
    return changed
