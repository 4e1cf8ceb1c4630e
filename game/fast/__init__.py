"""Fast backends: the pack compiled to integer form, emitted code and a flat-state simulator."""
