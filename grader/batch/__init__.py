"""Grading a whole class: `grader report SUBMISSIONS -o OUT` (see run.py for the order of work)."""
