"""Grading one submission: vet it, run the suite in a trusted worker, collect the results."""
