"""Reference solution: the course's AND weights (1.0, 1.0, -2): only (1, 1) reaches the
boundary, and a sum of exactly 0 outputs 1."""

# The course's answer: only (1, 1) reaches 1 + 1 - 2 = 0.
weight1 = 1.0
weight2 = 1.0
bias = -2


# DON'T CHANGE ANYTHING BELOW
if __name__ == "__main__":
    import pandas as pd

    # Inputs and outputs
    test_inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    correct_outputs = [False, False, False, True]
    outputs = []

    # Generate and check output
    for test_input, correct_output in zip(test_inputs, correct_outputs, strict=True):
        linear_combination = weight1 * test_input[0] + weight2 * test_input[1] + bias
        output = int(linear_combination >= 0)
        is_correct_string = "Yes" if output == correct_output else "No"
        outputs.append([test_input[0], test_input[1], linear_combination, output,
                        is_correct_string])

    # Print output
    num_wrong = len([output[4] for output in outputs if output[4] == "No"])
    output_frame = pd.DataFrame(outputs, columns=["Input 1", "  Input 2", "  Linear Combination",
                                                  "  Activation Output", "  Is Correct"])
    if not num_wrong:
        print("Nice!  You got it all correct.\n")
    else:
        print(f"You got {num_wrong} wrong.  Keep trying!\n")
    print(output_frame.to_string(index=False))
