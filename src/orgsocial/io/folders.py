"""Finding a dataset's files (light: no pandas, so quick checks stay quick)."""

from __future__ import annotations

from pathlib import Path

from orgsocial.errors import DatasetError
from orgsocial.io import contract as c


def locate_files(folder: Path) -> dict[str, Path]:
    """Find each contract file in ``folder`` as ``<name>.csv`` or ``<name>.parquet``.

    The activity may also be a folder ``activity/`` of Parquet files.

    Raises
    ------
    DatasetError
        When the folder or a required file is missing, or a name exists twice.
    """
    if not folder.exists():
        raise DatasetError(folder, "the dataset folder does not exist")
    if not folder.is_dir():
        raise DatasetError(folder, "is not a folder; give the dataset folder")
    found: dict[str, Path] = {}
    for name in c.FILE_ORDER:
        candidates = [folder / f"{name}{suffix}" for suffix in c.FILE_SUFFIXES]
        present = [path for path in candidates if path.is_file()]
        if name == c.ACTIVITY and (folder / name).is_dir():  # a folder of Parquet partitions
            present.append(folder / name)
        if len(present) > 1:
            raise DatasetError(
                folder, f"both {present[0].name} and {present[1].name} exist; keep one"
            )
        if present:
            found[name] = present[0]
        elif name in c.REQUIRED_FILES:
            raise DatasetError(
                folder, f"the required file {name}.csv (or {name}.parquet) is missing"
            )
    return found
