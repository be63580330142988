"""Every page of the Streamlit app, driven with AppTest on a small store built in a tmp dir.

The store is built by the real graph and search back ends (search with the
hashing encoder, so no model is loaded) and by the real parser when it is
there, else by the fake one from ``fake_pipeline``.
"""

from __future__ import annotations

import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

import ingest
import search.index.update
import search.model.encoder
from app.build import build
from app.review.findings import Kind
from app.store_files import load_doc_json, require_store
from ingest.domain.levels import level_name
from tests.app.fake_pipeline import install
from tests.conftest import ROOT

APP = str(ROOT / "app" / "web" / "streamlit_app.py")
SCRIPT_DOC = (
    "测试镇安全生产责任制实施意见\n"
    "第一条 为落实安全生产责任，制定本意见。<script>alert(1)</script>\n"
    "第二条 镇党委每季度至少召开1次会议研究安全生产工作。\n"
)
REAL_INGEST = all(hasattr(ingest, n) for n in ("parse_file", "to_json", "from_json"))


@pytest.fixture(scope="module")
def app_store(tmp_path_factory, seed_paths):
    """A store of seeds 000 and 001 and a document holding a <script> tag."""
    root = tmp_path_factory.mktemp("app")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in ("000", "001"):
        shutil.copy(seed_paths[seed], corpus / seed_paths[seed].name)
    (corpus / "script_test.txt").write_text(SCRIPT_DOC, encoding="utf-8")
    encoder = search.model.encoder.HashingEncoder()
    with pytest.MonkeyPatch.context() as mp:
        if not REAL_INGEST:
            install(mp, stages=False)
        mp.setattr(search.index.update, "load_encoder", lambda: encoder)
        build([corpus], root / "store")
        mp.setenv("DUTYGRAPH_HOME", str(root / "store"))
        yield root / "store"


def _page(name: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if name:
        at.switch_page(f"views/{name}.py")
    at.query_params.update(params)
    return at.run()


def _html(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_search_is_the_landing_page_with_question_box_filters_and_examples(app_store):
    at = _page()
    assert not at.exception
    assert [t.label for t in at.text_input] == ["问题"]
    assert [s.label for s in at.selectbox] == ["层级", "地区", "文档", "角色", "条数"]
    assert "安委会全体会议多久开一次" in [b.label for b in at.button]
    at.button[0].click().run()  # an example question fills the box and searches
    assert at.text_input[0].value and at.query_params["q"] == at.text_input[0].value
    assert 'class="dg-card"' in _html(at)


def test_permalink_query_shows_result_cards_with_time_and_links(app_store):
    at = _page(q="安委会全体会议多久开一次")
    assert not at.exception
    assert at.text_input[0].value == "安委会全体会议多久开一次"
    cards = [m.value for m in at.markdown if 'class="dg-card"' in m.value]
    assert cards and all("documents?doc=" in c and "clause=" in c for c in cards)
    assert any("用时" in c.value and "毫秒" in c.value for c in at.caption)


def test_filters_go_into_the_url_and_narrow_the_results(app_store):
    docs = require_store(app_store)["documents"]
    town = next(d for d, e in docs.items() if e["level"] == "township")
    at = _page(q="安全生产", doc=town)
    assert not at.exception and at.selectbox(key="f_doc").value == town
    cards = [m.value for m in at.markdown if 'class="dg-card"' in m.value]
    assert cards and all(f"doc={town}" in c for c in cards)
    at.selectbox(key="f_doc").set_value("").run()
    assert "doc" not in at.query_params


@pytest.mark.skipif(not REAL_INGEST, reason="needs the real parser for seed 000's 第十一条")
def test_real_search_finds_article_11_for_the_deputy_district_head(app_store):
    at = _page(q="分管安全生产的副区长要做什么")
    cards = [m.value for m in at.markdown if 'class="dg-card"' in m.value]
    assert any("第十一条" in c for c in cards[:5])


def test_documents_page_shows_the_clause_tree_and_escapes_script(app_store):
    doc_id = next(d for d in require_store(app_store)["documents"] if "script" in d)
    at = _page("documents", doc=doc_id)
    assert not at.exception
    html = _html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert at.radio(key="d_level").label == "按层级浏览"
    assert at.selectbox(key="d_doc").value == doc_id
    assert any("<script>alert(1)</script>" in t.value for t in at.text)  # 原文 tab, as text


def test_clause_permalink_on_the_landing_page_opens_the_clause(app_store):
    doc_id = next(d for d in require_store(app_store)["documents"] if "script" in d)
    cid = load_doc_json(app_store, doc_id)["clauses"][-1]["clause_id"]
    at = _page(None, doc=doc_id, clause=cid)  # the landing page hands it to 文档
    assert not at.exception
    assert "所选条款" in _html(at) and 'class="dg-clause dg-selected"' in _html(at)


def test_documents_page_without_a_document_lists_them_and_offers_upload(app_store):
    at = _page("documents")
    assert not at.exception
    assert at.dataframe and len(at.dataframe[0].value) == 3
    assert at.get("file_uploader") and [b.label for b in at.button] == ["加入知识库"]


@pytest.mark.parametrize(
    ("page", "widgets"),
    [
        (
            "compare",
            {
                "selectbox": ["角色"],
                "text_input": ["所在地（可选）"],
                "multiselect": ["层级（可选）", "限定文档（可选）"],
            },
        ),
        (
            "duties",
            {
                "selectbox": ["岗位", "层级（未填所在地时）"],
                "text_input": ["所在地（乡镇、街道、县区、市或省）"],
            },
        ),
        (
            "check",
            {
                "radio": ["草案来源"],
                "multiselect": ["参照文件（可选）"],
                "button": ["开始检查", "开始全库审查"],
            },
        ),
        ("study", {"selectbox": ["角色", "层级", "难度"], "multiselect": ["题型"]}),
        ("graph", {"selectbox": ["角色", "示例查询"], "text_area": ["SPARQL"]}),
    ],
)
def test_every_page_runs_with_its_widgets(app_store, page, widgets):
    at = _page(page)
    assert not at.exception, at.exception
    for kind, labels in widgets.items():
        assert [w.label for w in getattr(at, kind)] == labels


def test_comparison_table_has_a_column_per_level_and_escaped_cells(app_store):
    at = _page("compare", role="党委主要负责人")
    assert not at.exception
    table = next((m.value for m in at.markdown if 'class="dg-compare"' in m.value), None)
    if table is None:
        pytest.skip("the graph found no comparable duties for 党委主要负责人 in this small store")
    # each column names its level and the regions its clauses come from
    names = [f"<th>{level_name(lv)}（" for lv in ("county", "township")]
    assert all(n in table for n in names) and "<th>差异</th>" in table
    assert "王益区" in table and "大栗港镇" in table
    assert "<script" not in table
    # 王益区 (陕西) and 大栗港镇 (湖南) are no chain of levels: the page says 对标
    assert any("对标" in w.value for w in at.warning)


def test_comparison_for_a_place_is_one_chain_of_its_documents(app_store):
    at = _page("compare", role="党委主要负责人", place="黄堡镇")
    assert not at.exception and at.query_params["place"] == "黄堡镇"
    assert any("同一行政链" in i.value and "王益区" in i.value for i in at.info)
    table = next((m.value for m in at.markdown if 'class="dg-compare"' in m.value), "")
    assert "王益区" in table and "大栗港镇" not in table


def test_comparison_state_lives_in_the_url(app_store):
    at = _page("compare", role="政府主要负责人", level="county,township")
    assert not at.exception
    assert at.selectbox(key="c_role").value == "政府主要负责人"
    assert at.multiselect(key="c_levels").value == ["county", "township"]
    at.selectbox(key="c_role").set_value("党委主要负责人").run()
    assert at.query_params["role"] == "党委主要负责人"


def test_duties_page_lists_duties_from_the_graph(app_store):
    at = _page("duties", role="党委主要负责人", level="township")
    assert not at.exception
    assert at.query_params["level"] == "township"
    assert any("共" in c.value and "项职责" in c.value for c in at.caption) or at.info


def test_duties_page_for_a_place_shows_what_binds_the_post_there(app_store):
    at = _page("duties", role="党委主要负责人", place="黄堡镇")
    assert not at.exception
    assert at.text_input[0].value == "黄堡镇" and at.query_params["place"] == "黄堡镇"
    assert any("陕西省铜川市王益区" in h.value for h in at.subheader)
    cards = [m.value for m in at.markdown if 'class="dg-card"' in m.value]
    assert cards and all("王益区" in c for c in cards) and not any("大栗港镇" in c for c in cards)
    assert any("失职后果" in c and "第二十四条" in c for c in cards)
    visible = [re.sub(r"<[^>]+>", "", c) for c in cards]  # links keep ids in their href only
    assert not [v for v in visible if re.search(r"(?:chp|sec|art|item|sub|para)_\d", v)]


def test_duties_page_names_the_nearest_places_for_an_unknown_one(app_store):
    at = _page("duties", role="党委主要负责人", place="黄堡")
    assert not at.exception
    assert at.warning and "黄堡镇" in at.warning[0].value


def test_sparql_box_runs_a_read_only_query_and_refuses_an_update(app_store):
    at = _page("graph")
    assert not at.exception
    run = next(b for b in at.button if b.label == "运行查询")
    run.click().run()
    assert not at.exception and at.dataframe
    at.text_area[0].set_value("INSERT DATA { <urn:a> <urn:b> <urn:c> }").run()
    next(b for b in at.button if b.label == "运行查询").click().run()
    assert at.error and "查询失败" in at.error[0].value


def test_first_start_builds_the_store_with_a_progress_bar(tmp_path, monkeypatch):
    import app.build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "town.txt").write_text("某镇意见\n镇党委每季度研究安全生产\n", encoding="utf-8")
    install(monkeypatch)
    monkeypatch.setattr(app.build, "DEFAULT_CORPUS", corpus)
    monkeypatch.setenv("DUTYGRAPH_HOME", str(tmp_path / "fresh"))
    at = _page()
    assert not at.exception
    assert any("首次启动" in i.value for i in at.info)
    assert any("知识库已建立：1 份文档" in s.value for s in at.success)
    assert at.get("progress") and require_store(tmp_path / "fresh")["documents"]
    assert not _page().success  # the second start finds the store


def test_check_page_takes_pasted_text_and_groups_findings_by_kind(app_store):
    """A pasted township draft whose title names 王益区's 实施意见: references found in the
    store, findings under one heading per kind, most serious first, clauses by path."""
    draft = (ROOT / "eval" / "check_drafts" / "township_huangbao_plan.txt").read_text("utf-8")
    at = _page("check")
    at.radio(key="k_source").set_value("粘贴文本").run()
    at.text_area(key="k_text").input(draft).run()
    next(b for b in at.button if b.label == "开始检查").click().run(timeout=120)
    assert not at.exception, at.exception
    refs = at.dataframe[0].value
    assert refs["参照文件"].iloc[0].startswith("王益区落实")
    headings = [h.value for h in at.subheader]
    first = [next((n for n, h in enumerate(headings) if h.startswith(k.label)), None) for k in Kind]
    shown = [n for n in first if n is not None]
    assert len(shown) >= 3 and shown == sorted(shown)  # one heading per kind, in Kind order
    captions = " ".join(c.value for c in at.caption)
    assert "草案 四、" in captions and "sec_" not in captions
    assert [b.label for b in at.get("download_button")][:2] == [
        "下载检查报告 (.docx)",
        "下载检查报告 (.md)",
    ]


def test_audit_tab_runs_over_the_store_and_shows_its_table(app_store):
    at = _page("check")
    next(b for b in at.button if b.label == "开始全库审查").click().run(timeout=120)
    assert not at.exception, at.exception
    documents = len(require_store(app_store)["documents"])
    assert any(h.value.startswith(f"审查 {documents} 份文件") for h in at.subheader)
    assert any(b.label == "下载审查报告 (.docx)" for b in at.get("download_button"))


def test_uploaders_hold_the_stated_limit(app_store):
    from app.store_files import MAX_UPLOAD_MB

    for page in ("documents", "check"):
        at = _page(page)
        (uploader,) = at.get("file_uploader")
        assert uploader.proto.max_upload_size_mb == MAX_UPLOAD_MB
    at = _page("documents")
    assert any(f"不超过 {MAX_UPLOAD_MB} MB" in m.value for m in at.markdown)


def test_no_folder_named_pages_beside_the_app_script():
    """Streamlit serves the scripts of a ``pages`` folder by themselves (no style, English
    file names as menu) when a link to one is the first request after start."""
    app_dir = ROOT / "app" / "web"
    assert not (app_dir / "pages").exists()
    scripts = re.findall(r'UI / "(\w+\.py)"', (app_dir / "streamlit_app.py").read_text("utf-8"))
    assert scripts and all((app_dir / "views" / s).is_file() for s in scripts)


@pytest.mark.parametrize("name", ["duties", "compare"])
def test_an_unknown_place_gets_one_sentence_and_no_table(app_store, name):
    at = _page(name, role="党委主要负责人", place="子虚乌有镇")
    assert not at.exception
    assert [w.value for w in at.warning if "找不到所在地“子虚乌有镇”" in w.value]
    assert not [m for m in at.markdown if re.search(r"class=\"dg-(card|compare)\"", m.value)]
