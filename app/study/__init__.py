"""Study material: key clauses, glossary and quiz for a role."""
