"""The build's Ray path and graph-store option, with a stand-in Ray and fake front doors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

from app import store_files as store
from app.build import build
from app.cli.main import main
from app.cluster import Cluster, ClusterEncoder
from tests.app.fake_pipeline import install
from tests.app.test_build import _corpus


class _Ref:
    def __init__(self, value: Any) -> None:
        self.value = value


class FakeRay:
    """Runs "remote" calls at once, in this process: what Cluster asks of Ray."""

    def __init__(self) -> None:
        self.tasks = 0
        self.fail: set[str] = set()  # file names whose task dies

    def remote(self, **_: Any):
        def wrap(fn):
            class Remote:
                def remote(_self, *args):
                    self.tasks += 1
                    if args and args[0] in self.fail:
                        return _Ref(RuntimeError("worker died"))
                    return _Ref(fn(*args))

            return Remote()

        return wrap

    def wait(self, refs, num_returns=1):
        return refs[:num_returns], refs[num_returns:]

    def get(self, ref):
        if isinstance(ref.value, Exception):
            raise ref.value
        return ref.value

    def cluster_resources(self):
        return {"CPU": 2.0}

    def shutdown(self):
        pass


def test_cluster_ingest_ships_bytes_keeps_order_sources_and_failures(tmp_path, monkeypatch):
    fake = install(monkeypatch, stages=False)
    corpus = _corpus(tmp_path / "c")
    (corpus / "broken.txt").write_text("BROKEN\n", "utf-8")
    ray = FakeRay()
    ray.fail.add("wangyi.txt")
    done: list[int] = []
    files = sorted(corpus.glob("*.txt"))
    results = list(Cluster(ray).ingest(files, done.append))
    assert ray.tasks == len(files) and done == [1, 2, 3]
    by_name = dict(zip([f.name for f in files], results, strict=True))
    doc, _ = by_name["daligang.txt"]
    assert doc.source == str(corpus / "daligang.txt")  # not the worker's temporary copy
    assert "no numbered clauses" in by_name["broken.txt"]
    assert "worker died" in by_name["wangyi.txt"]  # a lost task fails its file alone
    assert sorted(fake.parsed) == ["broken.txt", "daligang.txt"]


def test_cluster_encoder_spreads_batches_and_keeps_passage_order():
    class Actor:
        def __init__(self, k: int) -> None:
            self.k = k
            self.encode = self
            self.calls = 0

        def remote(self, batch):
            self.calls += 1
            return _Ref(np.array([[float(t.split()[1]), self.k] for t in batch]))

    actors = [Actor(0), Actor(1)]
    enc = ClusterEncoder(FakeRay(), actors, "m", 2)
    out = enc.encode_passages([f"t {i}" for i in range(300)])
    assert out[:, 0].tolist() == list(range(300))  # every passage's row, in input order
    assert actors[0].calls and actors[1].calls  # both actors worked
    assert set(out[:, 1]) == {0.0, 1.0}


def test_graph_store_is_recorded_kept_and_moved_back(tmp_path, monkeypatch):
    fake = install(monkeypatch)
    corpus, st = _corpus(tmp_path / "c"), tmp_path / "store"
    url = "sparql+http://127.0.0.1:9/query"
    build([corpus], st, graph_store=url)
    assert store.read_manifest(st)["graph_store"] == url and fake.graph_stores == [url]
    (corpus / "daligang.txt").write_text("大栗港镇通知\n镇党委每季度研究安全生产\n", "utf-8")
    build([corpus], st)  # no option: the graph stays where the last build put it
    assert fake.graph_stores[-1] == url and fake.graph_calls[-1][0] == ["daligang"]
    build([corpus], st, graph_store="local")  # moved: every document is written again
    assert fake.graph_stores[-1] is None and sorted(fake.graph_calls[-1][0]) == [
        "daligang",
        "wangyi",
    ]
    assert store.read_manifest(st)["graph_store"] is None


def test_ray_option_without_ray_names_the_extra(tmp_path, monkeypatch, capsys):
    install(monkeypatch)
    monkeypatch.setitem(sys.modules, "ray", None)  # as on a clone without the cluster extra
    corpus = _corpus(tmp_path / "c")
    code = main(["--store", str(tmp_path / "s"), "build", str(corpus), "--ray", "auto"])
    assert code == 2 and "[cluster]" in capsys.readouterr().err
    assert not (Path(tmp_path / "s") / store.MANIFEST).exists()
    code = main(["--store", str(tmp_path / "s"), "build", str(corpus), "--graph-store", "ftp://x"])
    assert code == 2
