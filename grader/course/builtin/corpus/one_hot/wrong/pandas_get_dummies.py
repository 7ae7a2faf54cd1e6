# pandas does one-hot encoding, but returns a DataFrame.
import pandas as pd


def one_hot(labels, categories=None):
    return pd.get_dummies(labels)

# expect: pd.get_dummies returns a DataFrame
# ceiling: 0
