"""Dangers told now that resemble what the gate defuses, and the look-alikes it must defuse."""
