"""Kompilasi (SOP step 4): merging the read forms against the master into the recap, one generation a run."""
