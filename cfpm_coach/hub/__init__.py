"""The central hub: receives bundles from every laptop, merges them, reports fidelity."""
