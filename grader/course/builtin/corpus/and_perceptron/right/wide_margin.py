# Unequal weights, with every sum well away from 0.
weight1 = 3.0
weight2 = 2.0
bias = -4.5
