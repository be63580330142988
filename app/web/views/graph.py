"""知识图谱: the implementation chain, a role's duties and sanctions, a read-only SPARQL box."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v1 as components

from app.web.loaders import doc_json, documents, graph_or_note, graph_view, role_names
from app.web.network import LEVEL_COLOURS, citation_chain, role_view, to_pyvis_html
from app.web.render import sparql_table
from graph.errors import GraphError
from ingest.domain.levels import level_name

PREFIXES = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dg: <https://w3id.org/dutygraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
EXAMPLES = {
    "各文件及其层级": PREFIXES
    + """SELECT ?title ?level WHERE {
  ?doc a dg:CorpusDocument ; eli:title ?title ; dg:level ?level .
} ORDER BY ?level LIMIT 100""",
    "实施链（属性路径 eli:implements+）": PREFIXES
    + """SELECT ?title ?upperTitle ?upperLevel WHERE {
  ?doc dg:docId ?id ; eli:title ?title ; eli:implements+ ?upper .
  ?upper eli:title ?upperTitle ; dg:level ?upperLevel .
} LIMIT 100""",
    "某角色的职责与每年次数": PREFIXES
    + """SELECT ?activity ?perYear ?docTitle WHERE {
  ?duty dg:role ?role ; dg:activity ?activity ; dg:inClause/dg:inDocument ?doc .
  ?role skos:prefLabel "政府分管安全生产负责人"@zh .
  ?doc eli:title ?docTitle .
  OPTIONAL { ?duty dg:frequency/dg:perYear ?perYear }
} LIMIT 100""",
    "三元组数量": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
}

st.title("知识图谱")
chain_tab, role_tab, sparql_tab = st.tabs(["实施链", "角色·职责·追责", "SPARQL 查询"])
g = graph_or_note("知识图谱")

with chain_tab:
    st.caption("文件之间的贯彻实施（实线）与引用（虚线）关系；颜色表示层级：")
    st.markdown(
        " ".join(
            f'<span class="dg-level" style="background:{c};color:#fff">{level_name(lv)}</span>'
            for lv, c in LEVEL_COLOURS.items()
        ),
        unsafe_allow_html=True,
    )
    if g is not None and hasattr(g, "chain_view"):
        chain = graph_view("chain_view")
    else:  # before the graph is built: the citations the parser found
        chain = citation_chain({i: doc_json(i) or {} for i in documents()})
    if chain.number_of_nodes():
        components.html(to_pyvis_html(chain), height=580)
        st.caption(f"{chain.number_of_nodes()} 个文件节点，{chain.number_of_edges()} 条关系")
    else:
        st.info("知识库中还没有文件。")

with role_tab:
    roles = list(role_names())
    if st.session_state.get("g_role") not in roles:
        st.session_state["g_role"] = "党委主要负责人" if "党委主要负责人" in roles else roles[0]
    role = st.selectbox("角色", roles, key="g_role")
    if g is not None:
        network = role_view(graph_view("duty_network"), role)
        if network.number_of_nodes():
            st.caption("蓝色：角色；绿色：职责（按类别）；红色：追责方式。")
            components.html(to_pyvis_html(network), height=580)
        else:
            st.info(f"图谱中还没有“{role}”的职责。")

with sparql_tab:
    st.caption("只读查询：修改数据的语句（INSERT/DELETE 等）会被拒绝。")
    example = st.selectbox("示例查询", list(EXAMPLES), key="g_example")
    query = st.text_area("SPARQL", EXAMPLES[example], height=160, key=f"g_query_{example}")
    if g is None:
        st.info("知识图谱未就绪，暂不能查询。")
    elif st.button("运行查询", type="primary"):
        try:
            rows = g.sparql(query)
        except GraphError as exc:
            st.error(f"查询失败：{exc}")
        else:
            if "results" in rows:  # SELECT: Chinese headers and values
                st.dataframe(sparql_table(rows), width="stretch")
            elif "boolean" in rows:
                st.write("是" if rows["boolean"] else "否")
            else:
                st.code(rows.get("data", ""), language="turtle")
