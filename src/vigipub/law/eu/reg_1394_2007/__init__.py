"""Règlement (CE) n° 1394/2007 du 13 novembre 2007 (médicaments de thérapie innovante)."""
