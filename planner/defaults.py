"""One default per plan parameter, shared by the window and the command line."""

from __future__ import annotations

from planner.model import Method, TaperPlan

# Every other default is a field default of TaperPlan; this is the one place both read.
DEFAULT_PLAN = TaperPlan()
# The hyperbolic method's step is in occupancy points, not percent of the dose: 5 points,
# as the command line and README always documented. The window used to start at 0.5 (its
# spin box's minimum, by accident), a ten-times slower taper nobody chose.
HYPERBOLIC_STEP_POINTS = 5.0


def default_reduction_percent(method: Method) -> float:
    """The default cut per step for a method (hyperbolic: occupancy points per step).

    Args:
        method: the taper method.

    Returns:
        The value both the window and the command line start from.
    """
    if method is Method.HYPERBOLIC:
        return HYPERBOLIC_STEP_POINTS
    return DEFAULT_PLAN.reduction_percent
