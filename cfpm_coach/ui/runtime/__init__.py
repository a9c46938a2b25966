"""What runs under the window: the database worker thread, the collector, the platform's file opener."""
