"""Browser tests of the dashboard site: the real pages in headless Chromium (Playwright)."""
