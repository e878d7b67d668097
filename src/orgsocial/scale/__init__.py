"""Large activity logs: partitions, the CSV cache, partition-wise sums and the
vectorised helpers they use."""
