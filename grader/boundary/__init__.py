"""The trust boundary: learner code runs in a separate, limited process; only data comes back."""
