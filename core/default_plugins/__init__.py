"""Core behaviour written as plugins, registered before any agreement plugin."""
