"""我的职责: the duties that bind a post where it serves, with frequency, source and consequences.

State in ``?role=…&place=…`` (or ``&level=…`` without a place). With a place the
answer is every duty binding that post there (its own documents, the regions'
above, national rules), each at its strictest; without one the page says that
the documents come from different regions. The .docx sheet and the .ics calendar
are made from the answer shown.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from app.outputs.sheets import consequence_words, duty_calendar_ics, duty_sheet_docx
from app.web.loaders import ask_graph, documents, role_names
from app.web.render import duty_card_html, esc
from graph.query.records import DutyRow
from ingest.domain.levels import KNOWN_LEVELS, level_name

params = st.query_params
roles = list(role_names())
docs = documents()
regions = sorted({d["region"] for d in docs.values() if d.get("region")})
defaults: dict[str, tuple[str, list[str] | None]] = {
    "m_role": (params.get("role", "党委主要负责人"), roles),
    "m_level": (params.get("level", "township"), list(KNOWN_LEVELS)),
    "m_place": (params.get("place", ""), None),
}
for key, (value, allowed) in defaults.items():
    if key not in st.session_state:
        st.session_state[key] = value if allowed is None or value in allowed else allowed[0]

st.title("我的职责")
st.caption("选择岗位和所在地，查看约束该岗位的全部安全生产职责、频次要求、出处和失职后果。")
c1, c2, c3 = st.columns([1.2, 1.6, 1])
role = c1.selectbox("岗位", roles, key="m_role")
place = c2.text_input(
    "所在地（乡镇、街道、县区、市或省）",
    key="m_place",
    placeholder="如：黄堡镇、王益区黄堡镇",
    help="按民政部行政区划查找所在地；同名地方请写明上级，如“王益区黄堡镇”。",
).strip()
level = c3.selectbox(
    "层级（未填所在地时）",
    list(KNOWN_LEVELS),
    key="m_level",
    format_func=level_name,
    disabled=bool(place),
)
if regions:
    st.caption("知识库中有文件的地区：" + "、".join(regions))
wanted = {"role": role} | ({"place": place} if place else {"level": level})
if wanted != params.to_dict():
    st.query_params.from_dict(wanted)

result = ask_graph(
    "职责清单", place, lambda g: g.duties(role, level=None if place else level, place=place or None)
)
duties = result.duties

if result.place:
    st.subheader(f"{role} · {result.place.describe()}")
elif result.note:
    st.info(result.note)
with st.expander(f"本答案依据的文件（{len(result.sources)} 份）"):
    for s in result.sources:
        where = "·".join(x for x in (level_name(s.level), s.region) if x)
        st.markdown(f"- 【{esc(where)}】《{esc(s.title)}》：{esc(s.why)}", unsafe_allow_html=True)

d1, d2, _ = st.columns([1, 1, 3])
if duties:
    where = result.place.describe() if result.place else ""
    d1.download_button(
        "下载职责清单 (.docx)",
        duty_sheet_docx(duties, role=role, level=result.level, where=where),
        file_name=f"{role}职责清单.docx",
    )
    d2.download_button(
        "下载提醒日历 (.ics)", duty_calendar_ics(duties, role=role), file_name=f"{role}.ics"
    )

if not duties:
    said = result.place.describe() if result.place else level_name(level)
    st.info(f"没有找到约束“{role}”在{said}的职责。")
    st.stop()

groups: dict[str, list[DutyRow]] = defaultdict(list)
for duty in duties:
    groups[duty.category or "其他"].append(duty)
conflicts = sum(bool(d.conflict) for d in duties)
st.caption(
    f"共 {len(duties)} 项职责，分 {len(groups)} 类"
    + (f"；{conflicts} 项存在层级冲突（按较严的要求执行）" if conflicts else "")
)
for category, items in sorted(groups.items(), key=lambda kv: kv[0] == "其他"):  # 其他 last
    st.subheader(f"{category}（{len(items)}）")
    for duty in items:
        st.markdown(
            duty_card_html(duty, consequence_words(duty.consequences)), unsafe_allow_html=True
        )
