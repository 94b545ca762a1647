# Cython declarations for actors.py, read only when setup.py compiles it (see native.py).
# Actors becomes an extension type whose word memo is a C field, and the backwards
# reading of a subject works on C integers; the Python in actors.py runs the same.
import cython

cdef class Actors:
    cdef public object words
    cdef public dict _memo, _known_words

    @cython.locals(low=Py_ssize_t, i=Py_ssize_t, end=Py_ssize_t, first=Py_ssize_t,
                   last=Py_ssize_t, chunks=list, known=dict)
    cpdef object _simple_subject(self, str text, Py_ssize_t pos, Py_ssize_t region_start)
    cpdef tuple _learn(self, str word)
    cpdef str classify(self, object span, object people=*, bint chat=*, bint human_only=*)
