"""RDF: the vocabulary's ontology and shapes, one named graph per document, links between them."""
