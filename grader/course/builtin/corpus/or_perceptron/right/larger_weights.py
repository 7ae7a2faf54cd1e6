# The course's tip: AND's bias with larger weights.
weight1 = 2.0
weight2 = 2.0
bias = -2.0
