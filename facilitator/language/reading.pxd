# Cython declarations for reading.py, read only when setup.py compiles it (see native.py).
# Reading becomes an extension type and the per-sentence methods take C integers for
# offsets; the Python in reading.py is unchanged and runs the same without them.
import cython
from facilitator.language.compiled cimport Compiled

@cython.locals(i=Py_ssize_t, char=Py_UCS4, before=Py_UCS4, found=list)
cpdef list _word_starts_before(str text, Py_ssize_t low, Py_ssize_t at, Py_ssize_t count)

cdef class Reading:
    cdef public object checker, actors, text, norm, lowered, people, chat, keep, known
    cdef public list candidates
    cdef public object _points, match_lowered, low
    cdef public double deadline

    @cython.locals(size=Py_ssize_t, before=Py_ssize_t, at=Py_ssize_t, done=Py_ssize_t, hit=Py_ssize_t, compiled=Compiled)
    cpdef read(self, Py_ssize_t start, Py_ssize_t end, object by_rule)
    @cython.locals(lookback=Py_ssize_t, size=Py_ssize_t, pos=Py_ssize_t, at=Py_ssize_t, hit=Py_ssize_t, first=Py_ssize_t)
    cpdef _near_words(self, Compiled compiled, str masked, str low, Py_ssize_t offset, list hits)
    @cython.locals(span_start=Py_ssize_t, span_end=Py_ssize_t, a=Py_ssize_t, b=Py_ssize_t)
    cpdef bint add(self, Compiled compiled, object match, str masked, Py_ssize_t offset, Py_ssize_t end)
    cpdef tuple _actor(self, Compiled compiled, object match, str masked)
    @cython.locals(low=Py_ssize_t, high=Py_ssize_t)
    cpdef bint _blocked(self, Compiled compiled, str masked, Py_ssize_t start, Py_ssize_t end,
                        Py_ssize_t limit)
