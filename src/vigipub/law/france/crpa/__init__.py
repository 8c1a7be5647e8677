"""Code des relations entre le public et l'administration: one module per article."""
