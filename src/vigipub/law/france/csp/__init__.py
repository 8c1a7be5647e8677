"""Code de la santé publique: one module per article (``l5122_3`` = L. 5122-3)."""
