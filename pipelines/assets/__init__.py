"""Assets by domain: ingestion (bundle + one staged table each), audit, reports."""
