# Label encoding, that is each label's column number, not a one-hot row.
def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    return [categories.index(label) for label in labels]

# expect: these are the labels' column numbers (an integer encoding)
# ceiling: 0
