"""OR perceptron: choose the weights and the bias by hand.

A perceptron multiplies each input by its weight, adds the bias, and steps:

    output = 1  if  weight1 * x1 + weight2 * x2 + bias >= 0  else  0

Set the three numbers weight1, weight2 and bias so that the perceptron computes OR: the output
is 0 for the input (0, 0) and 1 for (0, 1), (1, 0) and (1, 1). The course's tip: OR looks like
AND with larger weights or a smaller (less negative) bias. Mind the >=: a sum of exactly 0
already gives 1.

Run this file to see your perceptron's table, then check your work with:
    grader check or_perceptron.py
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
    correct_outputs = [False, True, True, True]
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
