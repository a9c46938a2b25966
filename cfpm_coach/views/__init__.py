"""Read models: plain, immutable views of the data that services build and the UI, the CLI,
the hub and reports show. Above the domain, below everything that renders or stores."""
