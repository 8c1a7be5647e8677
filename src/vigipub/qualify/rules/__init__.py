"""Legal rules as code: :mod:`.eu` (shared EU level) and :mod:`.fr` (France)."""
