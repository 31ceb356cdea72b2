"""Plan-file product fields (device, splits, stock, compounding); optional: old files open."""

from __future__ import annotations

from typing import Any

from planner.files.reader import Reader
from planner.model import TaperPlan

MAX_PRODUCT_ENTRIES = 20
MAX_NAME_CHARS = 40


def products_to_dict(plan: TaperPlan) -> dict[str, Any]:
    """The plan's product choices as plan-file fields."""
    return {
        "device": plan.device,
        "splits": [
            {"drug": drug, "strength_mg": mg, "pieces": pieces} for drug, mg, pieces in plan.splits
        ],
        "stock": [{"drug": drug, "strength_mg": mg} for drug, mg in plan.stock],
        "compounded_step_mg": plan.compounded_step_mg,
    }


def products_from(body: Reader) -> dict[str, Any]:
    """TaperPlan fields read from a plan file's 'plan' object; absent fields keep the defaults.

    Raises:
        PlanFileError: naming the field that has the wrong shape.
    """
    splits = []
    for index, item in enumerate(body.items("splits", MAX_PRODUCT_ENTRIES)):
        entry = Reader(item, f"plan.splits[{index}].", body.name)
        entry.only({"drug", "strength_mg", "pieces"})
        pieces = entry.integer("pieces") or 0
        if pieces not in (1, 2, 4):
            raise entry.fail("pieces", "1, 2 or 4")
        splits.append(
            (
                entry.text("drug", limit=MAX_NAME_CHARS) or "",
                entry.number("strength_mg") or 0.0,
                pieces,
            )
        )
    stock = []
    for index, item in enumerate(body.items("stock", MAX_PRODUCT_ENTRIES)):
        entry = Reader(item, f"plan.stock[{index}].", body.name)
        entry.only({"drug", "strength_mg"})
        stock.append(
            (entry.text("drug", limit=MAX_NAME_CHARS) or "", entry.number("strength_mg") or 0.0)
        )
    return {
        "device": body.text("device", optional=True, limit=MAX_NAME_CHARS),
        "splits": tuple(splits),
        "stock": tuple(stock),
        "compounded_step_mg": body.number("compounded_step_mg", optional=True),
    }
