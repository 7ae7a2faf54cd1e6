"""XOR: a two-layer network of perceptrons.

XOR is 1 when exactly one input is 1: (0, 0) -> 0, (0, 1) -> 1, (1, 0) -> 1, (1, 1) -> 0. No
single perceptron computes it, because no straight line separates (0, 1) and (1, 0) from (0, 0)
and (1, 1). Two layers can: two hidden step units, then one output unit that combines them.
With step(t) = 1 if t >= 0 else 0, the network computes

    hidden = step(x @ hidden_weights.T + hidden_bias)     # the two hidden outputs
    output = step(hidden @ output_weights + output_bias)

Set hidden_weights (2x2: one row per hidden unit, one column per input), hidden_bias (two
numbers, one per hidden unit), output_weights (two numbers, one per hidden unit) and output_bias
(one number). Idea: make each hidden unit a gate you already know, then combine the two.

Run this file to see your network's table, then check your work with:
    grader check xor_perceptron.py
"""

# TODO: Set the weights and biases of both layers
hidden_weights = [[0.0, 0.0],
                  [0.0, 0.0]]
hidden_bias = [0.0, 0.0]
output_weights = [0.0, 0.0]
output_bias = 0.0


# DON'T CHANGE ANYTHING BELOW
if __name__ == "__main__":
    import numpy as np
    import pandas as pd

    # Inputs and outputs
    test_inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    correct_outputs = [False, True, True, False]
    outputs = []

    # Generate and check output
    for test_input, correct_output in zip(test_inputs, correct_outputs, strict=True):
        hidden_sums = np.array(test_input) @ np.array(hidden_weights).T + hidden_bias
        hidden = (hidden_sums >= 0).astype(int)
        linear_combination = hidden @ np.array(output_weights) + output_bias
        output = int(linear_combination >= 0)
        is_correct_string = "Yes" if output == correct_output else "No"
        outputs.append([test_input[0], test_input[1], hidden[0], hidden[1], linear_combination,
                        output, is_correct_string])

    # Print output
    num_wrong = len([output[6] for output in outputs if output[6] == "No"])
    output_frame = pd.DataFrame(outputs, columns=["Input 1", "  Input 2", "  Hidden 1",
                                                  "  Hidden 2", "  Linear Combination",
                                                  "  Activation Output", "  Is Correct"])
    if not num_wrong:
        print("Nice!  You got it all correct.\n")
    else:
        print(f"You got {num_wrong} wrong.  Keep trying!\n")
    print(output_frame.to_string(index=False))
