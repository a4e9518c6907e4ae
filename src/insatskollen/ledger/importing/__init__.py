"""Import of ledger actuals (formats.md §2) and net budgets (§3): read → map columns → validate every row → write.

The same guarantees as the register import: a file with any error is refused whole, a dry run writes nothing,
and importing the same file again changes nothing.
"""
