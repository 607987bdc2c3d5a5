"""Checking people in: QR scans, roll call, self check-in and offline batches (the hot path)."""
