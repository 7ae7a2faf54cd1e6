"""The built-in course: its catalog, where its files are, its data generators and its suites."""
