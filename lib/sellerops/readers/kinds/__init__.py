"""The report kinds the readers know, one module per family of exports."""
