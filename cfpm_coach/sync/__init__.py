"""Export bundles: write, read, verify, seal, sign; outbox and transports. No Qt."""
