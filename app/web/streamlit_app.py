"""The Streamlit front end: ``streamlit run app/web/streamlit_app.py`` (or ``dutygraph app``).

The store comes from ``$DUTYGRAPH_HOME``; on first start it is built from the
bundled corpus with a progress bar. Each page is a script in ``app/web/views/`` with
its own URL, and keeps its state in the query string so a link reproduces it. The folder
must not be called ``pages``: Streamlit would serve a script there on its own (no style,
file names as menu) when a link to it is the first request after start.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # streamlit puts app/ on the path, the packages live above it
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app.web.loaders import documents, ensure_store  # noqa: E402
from app.web.render import CSS  # noqa: E402

UI = Path(__file__).resolve().parent / "views"
PAGES = [
    st.Page(
        UI / "search.py",
        title="条款检索",
        icon=":material/search:",
        url_path="search",
        default=True,
    ),
    st.Page(
        UI / "compare.py", title="跨层级对比", icon=":material/compare_arrows:", url_path="compare"
    ),
    st.Page(
        UI / "duties.py", title="我的职责", icon=":material/assignment_ind:", url_path="duties"
    ),
    st.Page(UI / "check.py", title="草案检查", icon=":material/fact_check:", url_path="check"),
    st.Page(UI / "study.py", title="学习资料", icon=":material/school:", url_path="study"),
    st.Page(UI / "graph.py", title="知识图谱", icon=":material/hub:", url_path="graph"),
    st.Page(
        UI / "documents.py", title="文档", icon=":material/library_books:", url_path="documents"
    ),
]

st.set_page_config(page_title="安全生产责任制知识库", page_icon=":material/shield:", layout="wide")
st.markdown(CSS, unsafe_allow_html=True)
page = st.navigation(PAGES)
ensure_store()
with st.sidebar:
    docs = documents()
    clauses = sum(d.get("clauses", 0) for d in docs.values())
    st.caption(f"安全生产责任制知识库 · {len(docs)} 份文件 · {clauses} 个条款")
    st.caption("党政同责 一岗双责 齐抓共管 失职追责")
page.run()
