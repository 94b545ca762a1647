# Cython declarations for compiled.py, read only when setup.py compiles it (see native.py).
# Compiled becomes an extension type: the reading loop reads these fields straight from
# the object instead of looking each name up, and the flags are C booleans.
cdef class Compiled:
    cdef public object rule, regex, exceptions, match, requires, exception, category, also
    cdef public object message, suggestion, self_message, self_suggestion, person_message
    cdef public object person_suggestion, id, who_groups, agent_after
    cdef public Py_ssize_t lookback
    cdef public bint on_lower, exception_on_lower, trusted, flag, passive, near, bounded
    cdef public bint needs_person, skip_first_person, human_only, subject, actor_matters
