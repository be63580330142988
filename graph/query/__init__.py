"""Read queries over the graph: duties, comparison across levels, chains, networkx views."""
