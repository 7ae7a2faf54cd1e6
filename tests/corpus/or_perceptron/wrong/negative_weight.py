# A minus sign slipped onto weight2.
# expect: weight2 pulls the sum down
# expect: OR needs positive weights
weight1 = 1.0
weight2 = -1.0
bias = -1.0
