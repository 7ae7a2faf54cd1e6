"""NOT perceptron: choose the weights and the bias by hand.

A perceptron multiplies each input by its weight, adds the bias, and steps:

    output = 1  if  weight1 * x1 + weight2 * x2 + bias >= 0  else  0

The NOT operation cares about one input only: here it negates the SECOND input, x2, and
ignores the first. Set weight1, weight2 and bias so that the output is 1 when x2 is 0 and 0
when x2 is 1, whatever x1 is: (0, 0) -> 1, (0, 1) -> 0, (1, 0) -> 1, (1, 1) -> 0. Mind the
>=: a sum of exactly 0 already gives 1.

Run this file to see your perceptron's table, then check your work with:
    grader check not_perceptron.py
"""

# TODO: Set weight1, weight2, and bias
weight1 = 0.0
weight2 = 0.0
bias = 0.0


# DON'T CHANGE ANYTHING BELOW
if __name__ == "__main__":
    import pandas as pd

    # Inputs and outputs
    test_inputs = [(0, 0), (0, 1), (1, 0), (1, 1)]
    correct_outputs = [True, False, True, False]
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
