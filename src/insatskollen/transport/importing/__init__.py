"""Import of carrier invoices (docs/transport-invoices.md): read → map columns → validate every row → match the lines
against the orders → write in one transaction, or refuse the file whole with every error named."""
