"""Where the triples live: an embedded Oxigraph store on disk, or a remote SPARQL endpoint."""
