"""Files on disk: atomic writes, backups, reading and writing xlsx/ods, the bundled resources."""
