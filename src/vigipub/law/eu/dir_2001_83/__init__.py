"""Directive 2001/83/CE du 6 novembre 2001 (code communautaire des médicaments à usage humain)."""
