"""Every screen and dialog rendered to PNG, in every look (`make screenshots`)."""
