"""Pure functions from the dataset's frames to measures; nothing here reads or writes files."""
