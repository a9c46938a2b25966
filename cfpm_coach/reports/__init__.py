"""PDF coaching summaries (ReportLab) drawn from read models: no Qt, no SQL."""
