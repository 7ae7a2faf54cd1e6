import numpy as np
import tensorflow as tf


def cross_entropy(Y, P):
    return tf.reduce_sum(Y)
