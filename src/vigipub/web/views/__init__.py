"""Pages of the case application, one module per area."""
