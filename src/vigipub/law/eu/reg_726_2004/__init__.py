"""Règlement (CE) n° 726/2004 du 31 mars 2004 (procédure centralisée, EMA)."""
