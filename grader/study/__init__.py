"""The learner's workflow: workspace, progress, watch, next, hints and solutions."""
