# expect: `bias` is the text '-1'. A number is written without quotes
weight1 = 1.0
weight2 = 1.0
bias = "-1"
