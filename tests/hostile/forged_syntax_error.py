# At import, before its real answer, writes into its channel an import failure of its own: a
# SyntaxError whose caret is at column 999,999,999. The grader drew that caret under the line,
# a billion spaces: 12 GB in the grading process, then exit 3. It must be the learner's error,
# with its caret where the text is.
# verdict: error
# score: 0
# expect: SyntaxError on line 1
import json
import os
import stat
import struct

FORGED = {"import_error": {"type": "SyntaxError", "message": "invalid syntax", "frames": [],
                           "base": False, "line": 1, "offset": 999_999_999, "text": "x = (",
                           "msg": "invalid syntax"}}
payload = json.dumps(FORGED).encode()
for fd in range(3, 64):
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode):
            os.write(fd, struct.pack(">I", len(payload)) + payload)
            os._exit(0)
    except OSError:
        pass


def softmax(L):
    return L
