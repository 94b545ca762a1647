# Cython declarations for checker.py, read only when setup.py compiles it (see native.py).
# The trigger scan keeps its offsets as C integers and calls Reading.read directly.
import cython
from facilitator.language.reading cimport Reading

@cython.locals(at=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, memo=dict)
cpdef _scan(object triggers, Reading reading, str lowered)
