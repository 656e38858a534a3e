"""Knowledge: ingestion (parse, chunk, embed, write), search (vector, full text, hybrid, graph) under RLS."""
