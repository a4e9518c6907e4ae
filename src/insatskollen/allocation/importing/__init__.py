"""Imports of the schablon file (formats.md §5) and the measurement-date file (§6): read → map columns → validate
every row → write in one transaction, or refuse the file whole with every error named."""
