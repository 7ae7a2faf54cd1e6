# pandas, with the categories fixed so that unused ones keep their column.
import pandas as pd


def one_hot(labels, categories=None):
    if categories is None:
        categories = sorted(set(labels))
    for label in labels:
        if label not in categories:
            raise ValueError(f"{label} is not a category")
    column = pd.Categorical(list(labels), categories=list(categories))
    return pd.get_dummies(column).to_numpy().astype(float)
