"""Files: the data contract, reading and validating a dataset, writing results."""
