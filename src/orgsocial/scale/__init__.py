"""Large activity logs: partitions, the CSV cache, partition-wise sums and the
vectorised helpers they use."""

#: Rows per partition of a large activity log (``--partition-rows``): one file with
#: more rows is summed piece by piece.
PARTITION_ROWS = 1_000_000
#: The smallest partition allowed (smaller ones cost more than they save).
MIN_PARTITION_ROWS = 1000
