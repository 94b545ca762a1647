"""Blameless-language checker: finds blame and counterfactual wording in debrief notes."""
