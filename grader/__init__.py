"""nn-grader: auto-graded exercises for a neural-networks-from-scratch course."""

__version__ = "0.1.0"
