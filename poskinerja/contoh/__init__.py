"""The example institute: bundled demo, simulated staff filling their forms, archived earlier years."""
