"""How the app looks: palette, style sheet, fonts, text size, density, icons."""
