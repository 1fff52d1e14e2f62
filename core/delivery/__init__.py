"""Delivery: the notification outbox, webhook deliveries, the deadline sweep that fills the
outbox, and the scheduler that wakes the sweep."""
