"""CFPM Coach: offline-first field coaching for California's Child and Family Practice Model."""

__version__ = "0.1.0"
APP_NAME = "CFPM Coach"
APP_ID = "cfpm-coach"
