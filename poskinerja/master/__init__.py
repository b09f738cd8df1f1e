"""The master workbook (SOP step 1): reading and validating it, and writing a new one."""
