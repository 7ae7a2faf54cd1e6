# One np.random.rand() per unit, unit by unit; the output and the mask come back as nested lists.
import numpy as np


def dropout(activations, keep_prob):
    if keep_prob > 1 or keep_prob <= 0:
        raise ValueError("keep_prob must be in (0, 1]")
    flat = np.asarray(activations, dtype=float).ravel()
    output = np.zeros(flat.size)
    mask = []
    for i in range(flat.size):
        keep = np.random.rand() < keep_prob
        mask.append(keep)
        if keep:
            output[i] = flat[i] / keep_prob
    shape = np.shape(activations)
    return output.reshape(shape).tolist(), np.array(mask).reshape(shape).tolist()


def dropout_backward(d_out, mask, keep_prob):
    flat_d = np.asarray(d_out, dtype=float).ravel()
    flat_mask = np.asarray(mask).ravel()
    result = [flat_d[i] / keep_prob if flat_mask[i] else 0.0 for i in range(flat_d.size)]
    return np.array(result).reshape(np.shape(d_out))
