import numpy as np

print("loading my softmax")


def softmax(L):
    expL = np.exp(np.array(L, dtype=float))
    probabilities = expL / expL.sum()
    print("softmax of", L, "is", probabilities)
    return probabilities


if __name__ == "__main__":
    print(softmax([1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0]))
