"""Performance benchmarks for Taper Planner: ``python -m benchmarks [--quick] [--json FILE]``."""
