"""Access: who calls (API keys, organisations, what each may see), the audit log, and what
a request may not carry (personnummer detection, text normalisation, the inspection policy)."""
