"""A large corpus of varied copies of ``corpus/`` for the graph benchmark.

Each copy gets its own file name (so its own doc id), its own region name in
place of the source's (so its own document IRI, posts and region nodes), and
some frequencies changed (每季度 <-> 每月, 1次 -> 2次), so duty groups and
comparisons have real differences to find. Deterministic for a given seed.

``python -m benchmarks.make_corpus OUT_DIR [N]``
"""

from __future__ import annotations

import functools
import random
import re
import sys
from pathlib import Path

__all__ = ["make_corpus"]

ROOT = Path(__file__).resolve().parent.parent
_NAME_CHARS = "东南西北安平和宁泰丰兴华新永长清明阳山河临江武昌德惠"
# the source's own region: the first place name of its first lines
_REGION = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治区|省|市|区|县|旗|镇)")
# frequency variations: (pattern, replacement), each applied to some occurrences
_VARIATIONS = ((r"每季度", "每月"), (r"每月", "每季度"), (r"至少1次", "至少2次"))


def _maybe(match: re.Match[str], repl: str, rng: random.Random) -> str:
    """``repl`` for about 30% of the occurrences, else the occurrence unchanged."""
    return repl if rng.random() < 0.3 else match.group(0)


def _vary(text: str, rng: random.Random) -> str:
    for pattern, repl in _VARIATIONS:
        text = re.sub(pattern, functools.partial(_maybe, repl=repl, rng=rng), text)
    return text


def make_corpus(out_dir: Path, n: int = 1000, seed: int = 7) -> list[Path]:
    """Write ``n`` varied copies of the corpus files into ``out_dir``; returns their paths."""
    rng = random.Random(seed)
    sources = sorted((ROOT / "corpus").glob("*.txt"))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        m = _REGION.search("\n".join(text.splitlines()[:5]))
        if m:
            region = m.group(0)
            suffix = next(
                s for s in ("自治区", "省", "市", "区", "县", "旗", "镇") if region.endswith(s)
            )
            name = "".join(rng.sample(_NAME_CHARS, 2)) + suffix
            text = text.replace(region, name)
        path = out_dir / f"{src.stem}_v{i:04d}.txt"
        path.write_text(_vary(text, rng), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    paths = make_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
    print(f"{len(paths)} files written to {sys.argv[1]}")
