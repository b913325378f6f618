"""Ralph's LRS for the tests, run by Ralph's own interpreter (.tools/ralph/bin/python), not ours.

Usage: ralph_server.py PORT. The configuration comes from RALPH_* variables (lrs.py sets them).
Ralph 5.1.0's file-system LRS backend writes each statement with its default operation (create):
the first statement creates the file and every later one is refused ("already exists and
overwrite is not allowed"), so the backend is told to append, as a file-system LRS must.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
