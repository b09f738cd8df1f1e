"""Word documents drawn from the recap and the cycle: reports, PK, evaluation, LKj, and the print audit."""
