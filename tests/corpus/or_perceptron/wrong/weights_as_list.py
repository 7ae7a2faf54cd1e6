# Both weights in one list under another name.
# expect: Your file does not define `weight1`
weights = [1.0, 1.0]
bias = -1.0
