"""Reading what residents type without a Chinese input method back into characters."""
