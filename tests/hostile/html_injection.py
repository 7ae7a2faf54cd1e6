# A wrong softmax that puts HTML and script tags everywhere the report shows text: its output,
# its exception messages, its type names and its return values.
# verdict: failed
# score: 0
# output: <script>alert("nn-xss")</script>
print('<script>alert("nn-xss")</script><img src=x onerror=alert("nn-xss")>')
print("</pre></details><h1>10 / 10 passed</h1>")

Sneaky = type('<script>alert("nn-xss")</script>', (), {})
calls = 0


def softmax(L):
    global calls
    calls += 1
    if calls % 3 == 0:
        raise ValueError('<img src=x onerror=alert("nn-xss")></pre>')
    if calls % 3 == 1:
        return '<script>alert("nn-xss")</script>'
    return Sneaky()
