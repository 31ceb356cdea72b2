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
    they leave as garbage is kept. When objects are set aside already, this does nothing:
    inside another such block, the outer one puts them back; in the app, whose start-up sets
    its own objects aside for good once the window has painted (ui/window/collector_pause.py),
    they stay aside, and only what was made since (the caseload window) is walked.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
