# expect: Your file does not define `bias`
weight1 = 0.0
weight2 = -2.0
