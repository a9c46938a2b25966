"""The window's frame: start-up, the main window, its actions and state, locks and notices."""
