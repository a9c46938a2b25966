"""Every dialog: one module each, a form and its checks, no flow logic."""
