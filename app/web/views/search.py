"""条款检索 (landing page): a question, filters, result cards; state in ``?q=…``."""

from __future__ import annotations

import time
from pathlib import Path

import streamlit as st

from app.web.loaders import documents, role_names, searcher_or_note
from app.web.render import hit_card_html
from ingest.domain.levels import LEVELS, level_name
from search.errors import SearchError

EXAMPLES = (
    "安委会全体会议多久开一次",
    "分管安全生产的副区长要做什么",
    "发生事故后干部还能提拔吗",
    "镇党委书记每年要开几次常委会",
)
# Acquiring the searcher for longer than this means it was loaded for this question.
LOAD_SECONDS = 0.5
# widget key -> query parameter; the URL holds the whole state of the page
PARAMS = {"q": "q", "f_level": "level", "f_region": "region", "f_doc": "doc", "f_role": "role"}

params = st.query_params
if "clause" in params:  # ?doc=…&clause=… is a clause permalink: show it in its document
    st.switch_page(Path(__file__).with_name("documents.py"), query_params=params.to_dict())

docs = documents()
options = {
    "f_level": [""] + [lv for lv in LEVELS if any(d["level"] == lv for d in docs.values())],
    "f_region": ["", *sorted({d["region"] for d in docs.values() if d.get("region")})],
    "f_doc": ["", *docs],
    "f_role": ["", *role_names()],
}
for key, name in PARAMS.items():
    if key not in st.session_state:
        value = params.get(name, "")
        st.session_state[key] = value if key == "q" or value in options[key] else ""


def _ask(question: str) -> None:
    st.session_state["q"] = question


st.title("条款检索")
st.caption("用自己的话提问，例如“镇党委书记每年要开几次常委会？”，系统返回最相关的条款。")
query = st.text_input("问题", key="q", placeholder="请输入问题，按回车检索")
cols = st.columns([1, 1, 2, 1.4, 0.8])
level = cols[0].selectbox(
    "层级", options["f_level"], key="f_level", format_func=lambda v: level_name(v) if v else "全部"
)
region = cols[1].selectbox(
    "地区", options["f_region"], key="f_region", format_func=lambda v: v or "全部"
)
doc = cols[2].selectbox(
    "文档",
    options["f_doc"],
    key="f_doc",
    format_func=lambda v: docs[v]["title"] if v else "全部文档",
)
role = cols[3].selectbox("角色", options["f_role"], key="f_role", format_func=lambda v: v or "全部")
k = cols[4].selectbox("条数", [10, 20, 50], key="f_k")

wanted = {name: st.session_state[key] for key, name in PARAMS.items() if st.session_state[key]}
if wanted != params.to_dict():
    st.query_params.from_dict(wanted)

if not query.strip():
    st.write("试试这些问题：")
    ex_cols = st.columns(len(EXAMPLES))
    for col, example in zip(ex_cols, EXAMPLES, strict=True):
        col.button(example, on_click=_ask, args=(example,), width="stretch")
    st.stop()

# The shown time is what the user waited: a first search after start loads the index and the
# model (the loader's spinner says so), and that time is counted and named.
t0 = time.perf_counter()
engine = searcher_or_note("条款检索")
if engine is None:
    st.stop()
loaded = time.perf_counter() - t0
try:
    hits = engine.search(
        query, k=k, level=level or None, region=region or None, doc=doc or None, role=role or None
    )
except SearchError as exc:
    st.warning(f"检索暂不可用：{exc}")
    st.stop()
ms = (time.perf_counter() - t0) * 1000
load_note = f"（含首次加载索引和模型 {loaded:.1f} 秒）" if loaded >= LOAD_SECONDS else ""
st.caption(f"共 {len(hits)} 条结果 · 用时 {ms:.0f} 毫秒{load_note} · 相关度 0–1，越高越贴近问题")
if not hits:
    st.info("没有找到相关条款。换个说法，或放宽筛选条件再试。")
for rank, hit in enumerate(hits, 1):
    st.markdown(hit_card_html(hit, rank), unsafe_allow_html=True)
