"""Where a batch's outputs go, decided for every input before anything is written.

Each input gets one path per format, ``FOLDER/<stem>.<extension>``. Refused,
and so never converted: an input whose output would leave the output folder
or overwrite an input (both judged on real paths, every link followed), and
two inputs that would write the same file (neither is converted: which of
them was meant cannot be known). Deciding all of this first is what lets the
conversion itself run in any order, on any number of workers.
"""

from __future__ import annotations

from pathlib import Path

from ._files import RealPaths, output_path
from ._inputs import Input

__all__ = ["plan_outputs", "overwrites_input"]

Plans = dict[Input, "list[Path] | None"]


def overwrites_input(path: Path) -> str:
    return f"output {path} would overwrite an input; choose another output folder with -o"


def plan_outputs(inputs: list[Input], folder: Path, extensions: list[str],
                 real_paths: RealPaths) -> tuple[Plans, list[tuple[str, str]]]:
    """Output paths per input (None: not to be converted), and the refusals
    as ``(input name, message)``, in input order."""
    reading = {item.real for item in inputs if item.real is not None}
    plans: Plans = {}
    refusals: list[tuple[str, str]] = []
    claimed: dict[str, Input] = {}
    for item in inputs:
        try:
            placed = [output_path(folder, item.stem, extension, real_paths)
                      for extension in extensions]
        except ValueError as error:
            refusals.append((item.name, str(error)))
            plans[item] = None
            continue
        plans[item] = [path for path, _ in placed]
        for path, resolved in placed:
            if resolved in reading:
                refusals.append((item.name, overwrites_input(path)))
                plans[item] = None
            elif resolved in claimed:  # the first claimant, even if already refused
                other = claimed[resolved]
                clash = f"{other.name} and {item.name} would both be written to {path}; " \
                        f"neither is converted"
                refusals.append((item.name, clash))
                if plans.get(other) is not None:
                    refusals.append((other.name, clash))
                plans[item] = plans[other] = None
            claimed.setdefault(resolved, item)
    return plans, refusals
