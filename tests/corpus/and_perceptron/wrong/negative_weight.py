# weight1 negative: (1, 0) and (1, 1) both stay below 0, but (0, 1) fires.
# expect: weight1 pulls the sum down
weight1 = -1.0
weight2 = 2.0
bias = -1.5
