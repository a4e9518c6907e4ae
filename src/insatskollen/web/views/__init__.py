"""The web UI's views, one module per topic. Every view checks the role via accounts.access and the client's
team via register.selectors (a client outside the user's teams is a 404: its existence is not revealed)."""
