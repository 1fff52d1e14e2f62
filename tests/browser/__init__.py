"""Pages tested in a real browser: Debian's Chromium, Playwright and axe-core."""
