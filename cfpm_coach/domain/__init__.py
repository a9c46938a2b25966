"""Pure Python: instruments, scales, scoring. No Qt, no SQL, no I/O beyond reading instrument files."""
