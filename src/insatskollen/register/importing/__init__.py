"""Import of the register of decisions (formats.md §1): read → map columns → validate every row → plan → write."""
