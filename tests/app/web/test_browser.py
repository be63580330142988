"""The app in a real browser: Debian's Chromium driven by Playwright (marked ``browser``).

The set-up installs Chromium with apt where it is missing and that is possible,
else the tests skip saying why. A small store (three seeds and a document with
a ``<script>`` tag) is built once; search runs on BM25 alone so no model loads.
Screenshots go to ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from app.build import build
from app.cli.serve import streamlit_command
from app.store_files import require_store
from ingest.domain.levels import level_name
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCRIPT_DOC = (
    "测试镇安全生产责任制实施意见\n"
    "第一条 为落实安全生产责任，制定本意见。<script>alert(1)</script>\n"
    "第二条 镇党委每季度至少召开1次会议研究安全生产工作。\n"
)
WAIT_MS = 120_000  # generous: a loaded 2-core machine can take a minute per page


def _ensure_chromium() -> Path:
    """Debian's Chromium, installed with apt when missing and we may; else skip."""
    if CHROMIUM.exists():
        return CHROMIUM
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip("Chromium is not installed and apt-get (as root) is not available")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            pytest.skip(f"could not install Chromium ({' '.join(cmd[1:])}): {done.stderr[-300:]}")
    if not CHROMIUM.exists():
        pytest.skip("apt-get installed chromium but /usr/bin/chromium is missing")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser_store(tmp_path_factory, seed_paths):
    import search.index.update

    root = tmp_path_factory.mktemp("browser")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in ("000", "001", "004"):
        shutil.copy(seed_paths[seed], corpus)
    (corpus / "script_test.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search.index.update, "load_encoder", lambda: None)  # BM25 alone, no model
        build([corpus], root / "store")
    return root / "store"


@pytest.fixture(scope="module")
def app_url(browser_store):
    port = _free_port()
    env = {**os.environ, "DUTYGRAPH_HOME": str(browser_store), "DUTYGRAPH_MODEL": "none"}
    cmd = [*streamlit_command(port), "--server.fileWatcherType", "none"]
    log = (browser_store.parent / "streamlit.log").open("w")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"streamlit did not start: {(browser_store.parent / 'streamlit.log')}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    executable = _ensure_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    p = context.new_page()
    p.set_default_timeout(WAIT_MS)
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    yield p
    context.close()


def _stage_ok(store: Path, stage: str) -> bool:
    return require_store(store)["stages"].get(stage, {}).get("status") == "ok"


def test_typing_a_question_shows_result_cards(page, app_url):
    page.goto(app_url + "/")
    box = page.get_by_label("问题")
    box.fill("镇党委书记每年要开几次常委会")
    box.press("Enter")
    page.locator(".dg-card").nth(2).wait_for()  # cards arrive one after another
    assert page.locator(".dg-card").count() >= 3
    assert "q=" in page.url
    page.screenshot(path=ARTIFACTS / "search_typed.png", full_page=True)


def test_permalink_question_finds_the_quarterly_committee_meeting(page, app_url, browser_store):
    if not _stage_ok(browser_store, "search"):
        pytest.skip("the search back end is not built in this store")
    page.goto(app_url + "/?q=" + quote("安委会全体会议多久开一次"))
    page.locator(".dg-card").first.wait_for()
    cards = page.locator(".dg-card").all_inner_texts()
    assert any("每季度至少召开1次" in c for c in cards[:5]), cards[:5]
    page.screenshot(path=ARTIFACTS / "search.png", full_page=True)


def test_comparison_for_party_secretaries_shows_the_table(page, app_url, browser_store):
    if not _stage_ok(browser_store, "graph"):
        pytest.skip("the graph back end is not built in this store")
    page.goto(app_url + "/compare?role=" + quote("党委主要负责人"))
    page.get_by_text("跨层级对比").first.wait_for()
    table = page.locator("table.dg-compare")
    table.first.wait_for()
    page.wait_for_timeout(1500)  # let the chart draw before the screenshot
    page.screenshot(path=ARTIFACTS / "compare.png", full_page=True)
    header = table.first.locator("th").all_inner_texts()
    assert header[:2] == ["类别", "职责"] and header[-1] == "差异" and len(header) >= 4
    assert table.first.locator("tr").count() >= 2


def test_my_duties_for_a_place_lists_what_binds_the_post_there(page, app_url, browser_store):
    """我的职责 with 黄堡镇: the 王益区 document's duties (000 is in this store), each with its
    source by clause path and its consequences; nothing from the 湖南 township notice."""
    if not _stage_ok(browser_store, "graph"):
        pytest.skip("the graph back end is not built in this store")
    page.goto(app_url + "/duties?role=" + quote("党委主要负责人") + "&place=" + quote("黄堡镇"))
    page.get_by_text("陕西省铜川市王益区").first.wait_for()
    cards = page.locator(".dg-card")
    cards.first.wait_for()
    texts = cards.all_inner_texts()
    assert texts and all("王益区" in t for t in texts)
    assert not any("大栗港镇" in t for t in texts)
    assert any("每月至少1次" in t for t in texts)  # 000 第十六条, the township committee
    assert all("失职后果" in t for t in texts)
    cards.first.locator("summary").first.click()  # the consequences open under the card
    assert "第五章" in cards.first.inner_text()
    page.screenshot(path=ARTIFACTS / "duties_place.png", full_page=True)


def test_comparison_names_the_region_of_every_column(page, app_url, browser_store):
    if not _stage_ok(browser_store, "graph"):
        pytest.skip("the graph back end is not built in this store")
    page.goto(app_url + "/compare?role=" + quote("党委主要负责人"))
    table = page.locator("table.dg-compare")
    table.first.wait_for()
    header = table.first.locator("th").all_inner_texts()
    levels = header[2:-1]
    assert levels and all("（" in h and h.endswith("）") for h in levels), header
    assert any("王益区" in h for h in levels) and any("大栗港镇" in h for h in levels)
    assert page.get_by_text("对标").count() >= 1  # unrelated regions, not a hierarchy
    page.screenshot(path=ARTIFACTS / "compare_regions.png", full_page=True)


def _true(frame, expression: str) -> bool:
    try:
        return bool(frame.evaluate(expression))
    except Exception:  # a frame still loading or already gone
        return False


def test_graph_page_keeps_the_role_network_in_view(page, app_url, browser_store):
    """The role network settles, stops moving and fits the canvas: every node is inside."""
    if not _stage_ok(browser_store, "graph"):
        pytest.skip("the graph back end is not built in this store")
    page.goto(app_url + "/graph")
    page.get_by_role("tab", name="角色·职责·追责").click()
    page.get_by_text("蓝色：角色").first.wait_for()
    has_roles = (
        "typeof dgNetwork === 'object'"
        " && dgNetwork.body.nodeIndices.some(i => i.startsWith('role:'))"
    )
    frame = None
    for _ in range(240):  # the role network's frame (the chain tab has its own network)
        frame = next((f for f in page.frames if _true(f, has_roles)), None)
        if frame is not None:
            break
        page.wait_for_timeout(500)
    assert frame is not None, "no role network drawn"
    frame.wait_for_function("dgNetwork.physics.options.enabled === false", timeout=WAIT_MS)
    inside = frame.evaluate(
        """() => {
        const box = dgNetwork.canvas.frame.getBoundingClientRect();
        const pos = dgNetwork.getPositions();
        return Object.keys(pos).map(id => {
            const p = dgNetwork.canvasToDOM(pos[id]);
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
        });
    }"""
    )
    assert inside and all(inside), inside
    page.wait_for_timeout(1500)
    again = frame.evaluate("JSON.stringify(dgNetwork.getPositions())")
    page.wait_for_timeout(1500)
    assert frame.evaluate("JSON.stringify(dgNetwork.getPositions())") == again  # no drift
    page.get_by_role("tab", name="SPARQL 查询").click()
    page.get_by_role("button", name="运行查询").click()
    grid = page.locator('[data-testid="stDataFrame"]')
    grid.first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=ARTIFACTS / "graph_sparql.png", full_page=True)
    shown = grid.first.text_content() or ""  # the grid draws on a canvas; its a11y table holds text
    assert "标题" in shown and "层级" in shown and "title" not in shown
    assert any(level_name(lv) in shown for lv in ("county", "township", "national"))


def test_script_in_a_document_is_shown_as_text_and_never_runs(page, app_url, browser_store):
    doc_id = next(d for d in require_store(browser_store)["documents"] if "script" in d)
    page.goto(f"{app_url}/documents?doc={doc_id}&clause=art_1")
    page.get_by_text("所选条款").first.wait_for()
    shown = page.get_by_text("<script>alert(1)</script>", exact=False)
    shown.first.wait_for()
    page.wait_for_timeout(1000)
    assert page.dialogs == []
    assert page.evaluate("document.querySelectorAll('.dg-clause script').length") == 0
    page.screenshot(path=ARTIFACTS / "document_script.png", full_page=True)


def test_upload_adds_a_document_and_refuses_an_empty_file(page, app_url, browser_store, tmp_path):
    good = tmp_path / "upload_town.txt"
    good.write_text(
        "上传镇安全生产责任制实施意见\n第一条 镇长每周至少检查1次安全生产工作。\n", "utf-8"
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    page.goto(f"{app_url}/documents")
    page.get_by_role("tab", name="上传新文档").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([good, empty])
    page.get_by_role("button", name="加入知识库").click()
    page.get_by_text("知识库已更新").wait_for()
    assert page.get_by_text("empty.txt：文件是空的").count() == 1
    page.screenshot(path=ARTIFACTS / "upload.png", full_page=True)
    docs = require_store(browser_store)["documents"]
    assert any(e["title"].startswith("上传镇") for e in docs.values())


def test_draft_check_groups_findings_and_offers_the_report(page, app_url, tmp_path):
    """A township draft uploaded with no reference picked: the store finds 王益区's 实施意见
    from its title, the findings come under one heading per kind, and the report downloads."""
    draft = ROOT / "eval" / "check_drafts" / "township_huangbao_plan.txt"
    page.goto(f"{app_url}/check")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(draft)
    page.get_by_role("button", name="开始检查").click()
    page.get_by_text("处差异").first.wait_for()
    page.wait_for_timeout(1000)
    body = page.locator("body").inner_text()
    assert "王益区落实" in body  # the reference the store resolved
    headings = [
        h for h in page.locator("h3").all_inner_texts() if "处，" in h
    ]  # one per kind: 规定不一致（1 处，须修改）…
    assert len(headings) >= 3 and headings[0].startswith("规定不一致")
    assert "sec_" not in body and "草案 四、" in body
    with page.expect_download() as download:
        page.get_by_text("下载检查报告 (.docx)").click()
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    page.screenshot(path=ARTIFACTS / "check.png", full_page=True)


def test_study_page_previews_the_paper_and_downloads_it(page, app_url, browser_store):
    if not _stage_ok(browser_store, "graph"):
        pytest.skip("the graph back end is not built in this store")
    page.goto(f"{app_url}/study?role={quote('党委主要负责人')}&level=township")
    page.get_by_role("tab", name="测试卷").click()
    page.get_by_text("单选题").first.wait_for()
    assert page.get_by_text("知识测试卷").count() >= 1
    with page.expect_download() as info:
        page.get_by_role("button", name="下载测试卷（Word）").click()
    download = info.value
    assert download.suggested_filename.endswith("测试卷.docx")
    assert download.path().read_bytes()[:2] == b"PK"
    page.get_by_role("tab", name="答案与出处").click()
    page.get_by_text("依据《").first.wait_for()
    page.screenshot(path=ARTIFACTS / "study.png", full_page=True)


def test_every_page_opens_without_an_error(page, app_url):
    last = {  # what each page shows once its script has finished
        "duties": "text=项职责",
        "check": "text=开始检查",
        "study": "text=下载学习手册",  # the first tab's buttons: the others are hidden
        "graph": "text=个文件节点",
        "documents": '[data-testid="stDataFrame"]',
    }
    for path, selector in last.items():
        page.goto(f"{app_url}/{path}")
        page.locator(selector).first.wait_for()
        page.wait_for_timeout(800)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        page.screenshot(path=ARTIFACTS / f"page_{path}.png", full_page=True)


if __name__ == "__main__":  # pragma: no cover - run by hand: python tests/app/test_browser.py
    sys.exit(pytest.main([__file__, "-v"]))


def test_a_file_that_cannot_be_read_gets_one_chinese_sentence(
    page, app_url, browser_store, tmp_path
):
    fake = tmp_path / "fake_notice.pdf"
    fake.write_bytes("这不是PDF文件".encode())
    before = require_store(browser_store)
    page.goto(f"{app_url}/documents")
    page.get_by_role("tab", name="上传新文档").click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([fake])
    page.get_by_role("button", name="加入知识库").click()
    error = page.locator('[data-testid="stAlertContentError"]')
    error.first.wait_for()
    page.screenshot(path=ARTIFACTS / "upload_refused.png", full_page=True)
    assert error.count() == 1
    text = error.inner_text()
    assert text.startswith("fake_notice.pdf：") and text.endswith("未加入。")
    assert "PDF header" not in text and "not a valid" not in text
    assert page.get_by_text("知识库已更新").count() == 0
    after = require_store(browser_store)
    assert after == before and "fake_notice" not in json.dumps(after, ensure_ascii=False)


def test_the_file_uploader_speaks_chinese(page, app_url):
    """Streamlit's own English (Upload, 20MB per file) is drawn at size 0 under Chinese words."""
    page.goto(f"{app_url}/check")
    parts = """[...document.querySelectorAll('[data-testid="stFileUploaderDropzone"] button p,'
        + '[data-testid="stFileUploaderDropzoneInstructions"] span')]"""
    # The page's style sheet may arrive just after the uploader: wait for it to apply.
    page.wait_for_function(
        f"{parts}.length == 2 && {parts}.every(e => getComputedStyle(e).fontSize == '0px')",
        timeout=15000,
    )
    shown = page.evaluate(
        f"{parts}.map(e => getComputedStyle(e, '::after')).map(a => [a.content, a.fontSize])"
    )
    for words, size in shown:
        assert size != "0px" and any("\u4e00" <= ch <= "\u9fff" for ch in words), words
