"""The demo organisation: a generator with business units planted in all four phases."""

#: What ``write_demo`` writes: CSV, Parquet, or Parquet with the activity in monthly folders.
FORMATS = ("csv", "parquet", "partitioned")
#: The fewest employees (70 in each of the nine business units) and events of the demo.
MIN_EMPLOYEES, MIN_EVENTS = 630, 1000
