"""Short messages told "now" in the first person: everyday ones the alarm must not raise
alone, and dangers in the same shape it still raises (issue 11, alarm13)."""
