"""Train the e5 adapter (``search.model.adapter``) on pairs made from ``corpus/``.

``python -m search.model.train_adapter [--steps 40] [--batch 16] [--out PATH]`` writes
``search/data/e5-lora.safetensors`` (or PATH) and its log beside it (``.log``). LoRA
(rank 8, alpha 16) on the query and value projections of every layer, the rest frozen;
loss: in-batch negatives (each question against every passage of its batch, softmax
at temperature 0.05), as e5 itself was trained. Seeded, CPU only: 40 steps took
23 minutes on two cores shared with other work (docs/search-adapter.md).
One pair in ten is held out and scored (in-batch accuracy) before and after, so the
log says whether the adapter learned anything; whether it helps *search* is for
``python -m eval search`` to say, on sets it never saw.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import torch
from safetensors.torch import save_file

import ingest
from search.model.adapter import ADAPTER
from search.model.e5convert import ensure_converted
from search.model.encoder import _sentence_transformer, cache_dir
from search.model.pairs import make_pairs

ROOT = Path(__file__).resolve().parents[2]
TEMPERATURE = 0.05


class LoraLinear(torch.nn.Module):
    """A frozen linear layer plus a trainable low-rank update."""

    def __init__(self, base: torch.nn.Linear, r: int, alpha: float) -> None:
        super().__init__()
        self.base = base
        self.scale = alpha / r
        self.lora_a = torch.nn.Parameter(torch.randn(r, base.in_features) / r)
        self.lora_b = torch.nn.Parameter(torch.zeros(base.out_features, r))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + self.scale * (x @ self.lora_a.T @ self.lora_b.T)


def _embed(model, texts: list[str]) -> torch.Tensor:
    features = model.tokenize(texts)
    out = model(features)["sentence_embedding"]
    return torch.nn.functional.normalize(out, dim=-1)


def _accuracy(model, pairs: list[tuple[str, str]], batch: int) -> float:
    right = total = 0
    with torch.no_grad():
        for i in range(0, len(pairs) - batch + 1, batch):
            chunk = pairs[i : i + batch]
            q = _embed(model, ["query: " + a for a, _ in chunk])
            p = _embed(model, ["passage: " + b for _, b in chunk])
            right += int((q @ p.T).argmax(dim=1).eq(torch.arange(len(chunk))).sum())
            total += len(chunk)
    return right / max(total, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--rank", type=int, default=8)
    ap.add_argument("--alpha", type=float, default=16.0)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--max-len", type=int, default=128, help="tokens kept per text")
    ap.add_argument("--out", type=Path, default=ADAPTER, help="where to write the adapter")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    log_lines: list[str] = []

    def log(line: str) -> None:
        print(line, flush=True)
        log_lines.append(line)

    docs = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        doc = ingest.parse_file(path)
        docs.append((doc, ingest.extract_facts(doc)))
    pairs = make_pairs(docs, args.seed)
    held, train = pairs[: len(pairs) // 10], pairs[len(pairs) // 10 :]
    log(
        f"pairs: {len(pairs)} from {len(docs)} corpus documents "
        f"({len(train)} train, {len(held)} held out)"
    )
    model = _sentence_transformer(str(ensure_converted(cache_dir())))
    model.max_seq_length = args.max_len
    bert = model[0].auto_model
    for p in bert.parameters():
        p.requires_grad_(False)
    adapted: dict[str, LoraLinear] = {}
    for i, layer in enumerate(bert.encoder.layer):
        for part in ("query", "value"):
            lora = LoraLinear(getattr(layer.attention.self, part), args.rank, args.alpha)
            setattr(layer.attention.self, part, lora)
            adapted[f"encoder.layer.{i}.attention.self.{part}"] = lora
    params = [p for m in adapted.values() for p in (m.lora_a, m.lora_b)]
    settings = {**vars(args), "out": args.out.name}  # no machine path in the log
    log(f"trainable parameters: {sum(p.numel() for p in params)}; {settings}")
    model.eval()
    log(f"held-out in-batch accuracy before: {_accuracy(model, held, args.batch):.3f}")
    optim = torch.optim.AdamW(params, lr=args.lr)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    for step in range(1, args.steps + 1):
        chunk = rng.sample(train, args.batch)
        q = _embed(model, ["query: " + a for a, _ in chunk])
        p = _embed(model, ["passage: " + b for _, b in chunk])
        loss = torch.nn.functional.cross_entropy(q @ p.T / TEMPERATURE, torch.arange(len(chunk)))
        optim.zero_grad()
        loss.backward()
        optim.step()
        if step % 10 == 0 or step == 1:
            log(f"step {step} loss {loss.item():.4f} ({time.perf_counter() - t0:.0f} s)")
    log(f"held-out in-batch accuracy after: {_accuracy(model, held, args.batch):.3f}")
    tensors = {"scale": torch.tensor(args.alpha / args.rank)}
    for name, m in adapted.items():
        tensors[f"{name}.lora_a"] = m.lora_a.detach().contiguous()
        tensors[f"{name}.lora_b"] = m.lora_b.detach().contiguous()
    save_file(tensors, str(args.out))
    log(f"wrote {args.out.name} ({args.out.stat().st_size // 1024} KB)")
    args.out.with_suffix(".log").write_text("\n".join(log_lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
