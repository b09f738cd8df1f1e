"""The office set-up: the year folder, the check that this PC is ready, the offline install."""
