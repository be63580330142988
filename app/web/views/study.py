"""学习资料: a role's handbook and exam paper with its key, to preview and download.

A trainer picks the role, the level, how many questions of which forms, the
difficulty and a seed (the same choices give the same paper); the page shows the
three parts in tabs and offers each as .docx, Markdown or printable HTML.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app.outputs.studypack import PARTS, render_study
from app.store_files import MANIFEST
from app.study.pack import study_pack
from app.study.records import DEFAULT_COUNT, FORM_ZH, FORMS, PaperOptions, StudyPack
from app.web.loaders import role_names, store_dir
from graph.errors import GraphError
from ingest.domain.levels import KNOWN_LEVELS, level_name

PART_ZH = {"handbook": "学习手册", "paper": "测试卷", "key": "答案与出处"}
FORMAT_ZH = {".docx": "Word", ".md": "Markdown", ".html": "打印版 HTML"}
DIFFICULTY_ZH = {
    "mixed": "混合",
    "easy": "较易（各级规定一致的内容）",
    "hard": "较难（优先各级规定不同的内容）",
}


@st.cache_resource(show_spinner="正在生成学习资料…", max_entries=16)
def _pack(
    store: str, stamp: int, role: str, level: str, count: int, forms: tuple[str, ...],
    difficulty: str, seed: int,
) -> StudyPack:  # fmt: skip
    """One pack per choice and build of the store (``stamp``: the manifest's mtime)."""
    options = PaperOptions(count, forms, difficulty, seed)  # type: ignore[arg-type]
    return study_pack(store, role, level or None, options=options)


params = st.query_params
roles = list(role_names())
if "s_role" not in st.session_state:
    wanted = params.get("role", "政府分管安全生产负责人")
    st.session_state["s_role"] = wanted if wanted in roles else roles[0]
if "s_level" not in st.session_state:
    wanted = params.get("level", "")
    st.session_state["s_level"] = wanted if wanted in KNOWN_LEVELS else ""

st.title("学习资料")
st.caption(
    "为培训准备：某一岗位的学习手册（职责、频次、时限、失职后果、术语）和测试卷（附答案与出处）。"
)
c1, c2 = st.columns(2)
role = c1.selectbox("角色", roles, key="s_role")
level = c2.selectbox(
    "层级", ["", *KNOWN_LEVELS], key="s_level", format_func=lambda v: level_name(v) or "全部"
)
c3, c4, c5, c6 = st.columns([1, 3, 2, 1])
count = int(c3.number_input("题量", min_value=5, max_value=60, value=DEFAULT_COUNT, step=1))
forms = c4.multiselect("题型", FORMS, default=list(FORMS), format_func=FORM_ZH.__getitem__)
difficulty = c5.selectbox("难度", list(DIFFICULTY_ZH), format_func=DIFFICULTY_ZH.__getitem__)
seed = int(c6.number_input("试卷编号", min_value=0, value=0, step=1, help="同一编号生成同一份试卷"))
if params.get("role") != role or params.get("level", "") != level:
    st.query_params.update({"role": role, "level": level})

if not forms:
    st.warning("请至少选择一种题型。")
    st.stop()
manifest = store_dir() / MANIFEST
stamp = manifest.stat().st_mtime_ns if manifest.exists() else 0
try:
    pack = _pack(str(store_dir()), stamp, role, level, count, tuple(forms), difficulty, seed)
except GraphError as exc:
    st.warning(f"学习资料暂不可用：{exc}")
    st.stop()

kinds = len({q.kind for q in pack.quiz})
levels = "、".join(dict.fromkeys(level_name(q.source.level) for q in pack.quiz))
st.caption(
    f"{len(pack.handbook)} 项职责 · {len(pack.glossary)} 个术语 · {len(pack.quiz)} 道题"
    f"（{kinds} 类知识点，出自{levels or '—'}文件）"
)
for part, tab in zip(PARTS, st.tabs([PART_ZH[p] for p in PARTS]), strict=True):
    with tab:
        cols = st.columns(len(FORMAT_ZH))
        for col, (suffix, name) in zip(cols, FORMAT_ZH.items(), strict=True):
            col.download_button(
                f"下载{PART_ZH[part]}（{name}）",
                partial(render_study, pack, suffix, (part,)),  # made when clicked
                file_name=f"{role}{PART_ZH[part]}{suffix}",
                key=f"dl_{part}_{suffix}",
            )
        st.markdown(str(render_study(pack, ".md", (part,))))
