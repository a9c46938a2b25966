"""Reusable pieces of the window: the checklist, the worker page, pickers, panels."""
