"""The demo organisation: a generator with business units planted in all four phases."""
