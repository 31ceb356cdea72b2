"""Python's full garbage collections set aside while a whole folder is read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def objects_set_aside() -> Iterator[None]:
    """Leave the objects made so far out of garbage collections until the block ends.

    A full collection walks every object of the process (a window's worth: well over
    100 000), and reading thousands of plans sets off one or two, each 100-180 ms. The
    objects are put back however the block ends (done, closed part-way, failed), so none
    they leave as garbage is kept. Inside another such block this does nothing: the outer
    one puts them back.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
