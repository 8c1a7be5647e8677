"""A quote shown between « » loses the marks the page put around the whole sentence, not others."""

from __future__ import annotations

import pytest

from vigipub.evidence.french import unwrap_quote


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("« Notre fille dort enfin toute la nuit. »", "Notre fille dort enfin toute la nuit."),
        ("\"I can walk again\"", "I can walk again"),
        ("„Ich kann wieder gehen“", "Ich kann wieder gehen"),
        ("« Il a dit « oui » hier »", "Il a dit « oui » hier"),
        ("GMP Laboratuvarımız |", "GMP Laboratuvarımız"),
        # two quotations, or one inside the sentence: the marks are part of the words
        ("« a » et « b »", "« a » et « b »"),
        ("« Je marche », dit Laura.", "« Je marche », dit Laura."),
        ("Il dit « je marche ».", "Il dit « je marche »."),
    ],
)
def test_unwrap_quote(text: str, shown: str) -> None:
    assert unwrap_quote(text) == shown
