"""The rest of the SOP cycle: tracker, evidence, internal evaluation, LKE, recommendations, history, next year."""
