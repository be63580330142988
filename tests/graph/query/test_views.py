"""networkx views read from the RDF graph."""

from __future__ import annotations

from graph import open_graph, update_graph
from graph.query.views import chain_of, one_level_duties, roles_by_sanctions


def test_views_from_the_store(tmp_path, samples):
    update_graph(tmp_path, samples, [], validate_shapes=False)
    gs = open_graph(tmp_path)
    chain = gs.chain_view()
    steps = chain_of(chain, "county_wangyi_2018_leader_responsibility_draft")
    assert [s["level"] for s in steps] == ["county", "city", "province", "national"]
    assert any(d["relation"] == "cites" for _, _, d in chain.edges(data=True))

    net = gs.duty_network()
    kinds = {d["kind"] for _, d in net.nodes(data=True)}
    assert kinds == {"role", "duty", "sanction"}
    single = one_level_duties(net)
    assert {
        "role": "政府分管安全生产负责人",
        "activity": "召开安委会全体会议",
        "category": "会议研究",
        "level": "county",
    } in single
    assert not any(r["role"] == "党委主要负责人" and r["category"] == "会议研究" for r in single)
    assert roles_by_sanctions(net) == [("党委", 1)]
