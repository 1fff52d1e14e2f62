"""The store: the SQLite file and its migrations, listings page by page, stored answers for
``Idempotency-Key``, and the identifiers the service hands out. It imports only the kernel."""
