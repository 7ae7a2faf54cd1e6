"""The trust boundary: learner code runs in a separate, limited process and only data crosses back."""
