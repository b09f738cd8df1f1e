"""The core every room stands on: the domain model, numbers, dates, periods, findings and text."""
