"""``dutygraph build`` on a folder of every format: each readable file built, each other named.

Real readers and parser; the graph and search stages are the fakes of
``fake_pipeline`` and the scan is read by the scripted OCR engine, so the test
is about ingestion alone. Each fixture is copied under its own name, since a
document's id comes from its file name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import stages
from app.cli.main import main
from ingest.read import ocr_text
from ingest.read.office_text import LIBREOFFICE_MISSING, libreoffice
from tests.app.fake_pipeline import FakePipeline
from tests.conftest import FIXTURES
from tests.ingest.read.ocr_fakes import ScriptedEngine, inked_page, set_lines

COPIES = {
    "seed001.utf8.txt": "daligang_txt.txt",
    "seed001.docx": "daligang_docx.docx",
    "seed001.doc": "daligang_doc.doc",
    "seed001.wps": "daligang_wps.wps",
    "seed001.ofd": "daligang_ofd.ofd",
    "seed001.pdf": "daligang_pdf.pdf",
    "seed001.html": "daligang_html.html",
    "truncated.docx": "broken_docx.docx",
    "junk.txt": "broken_txt.txt",
}
BROKEN = {"broken_docx.docx": "not a valid .docx", "broken_txt.txt": "binary"}


@pytest.mark.skipif(libreoffice() is None, reason=LIBREOFFICE_MISSING)
def test_build_on_a_folder_of_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakePipeline()
    monkeypatch.setattr(stages, "update_graph", fake.update_graph)
    monkeypatch.setattr(stages, "update_index", fake.update_index)
    body = (FIXTURES / "seed001_body.utf8.txt").read_text(encoding="utf-8")
    paras = [ln.strip() for ln in body.split("\n") if ln.strip()]
    engine = ScriptedEngine([set_lines(paras[:12])])
    monkeypatch.setattr(ocr_text, "scan_engine", lambda path, given: given or engine)
    folder = tmp_path / "in"
    folder.mkdir()
    for src, name in COPIES.items():
        shutil.copy(FIXTURES / src, folder / name)
    inked_page(folder / "daligang_scan.png")
    store = tmp_path / "store"
    assert main(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    err = capsys.readouterr().err
    built = set(fake.index_calls[-1])
    readable = {Path(n).stem for n in COPIES.values() if n not in BROKEN} | {"daligang_scan"}
    assert built == readable
    for name, why in BROKEN.items():
        (line,) = [ln for ln in err.splitlines() if name in ln]
        assert why in line and line.endswith("(skipped)")
    assert f"{len(readable)} documents" in err and f"{len(BROKEN)} failed" in err
