"""Reference solution: XOR = AND(OR(x1, x2), NAND(x1, x2)) as a 2-2-1 network of step units."""

# Hidden unit 1 is OR, hidden unit 2 is NAND; the output unit is AND of the two.
hidden_weights = [[1.0, 1.0],
                  [-1.0, -1.0]]
hidden_bias = [-1.0, 1.5]
output_weights = [1.0, 1.0]
output_bias = -2.0


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
