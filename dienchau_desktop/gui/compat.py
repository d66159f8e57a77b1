"""Work-arounds for the Qt binding, applied once when the GUI package is imported.

WORKAROUND (PySide6 6.12.0 on CPython 3.11): every call of a Qt method that returns nothing
(``label.setText(...)``, ``timer.start()`` …) drops one reference to ``None`` that it never took,
and every signal emission does the same to ``True``. Python 3.12 made these singletons immortal
(PEP 683), so there the binding's missing ``Py_INCREF`` is harmless; on 3.11 ``None``'s count
reaches zero after a few thousand calls and the interpreter aborts ("Fatal Python error:
none_dealloc"). Measured here: ``QLabel.setText`` 200,000 times aborts on 3.11.7 and runs on
3.12.1 with the very same wheel. Until the program is built with Python 3.12+ (or the binding
is fixed), the counts of the three singletons are raised far out of reach, which is what 3.12
does for every interpreter. Nothing else is touched, and nothing at all on 3.12+.
"""

from __future__ import annotations

import sys

_done = False


def needs_singleton_guard() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def guard_singletons() -> None:
    """Give ``None``, ``True`` and ``False`` enough references to outlive the binding's bug."""
    global _done
    if _done or not needs_singleton_guard():
        return
    import ctypes  # only where needed (3.11): it costs start-up time

    headroom = 1 << 40 if ctypes.sizeof(ctypes.c_ssize_t) >= 8 else 1 << 28
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in CPython (Py_ssize_t).
        ctypes.c_ssize_t.from_address(id(obj)).value += headroom
    _done = True
