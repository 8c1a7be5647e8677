"""Code de procédure pénale: one module per article."""
