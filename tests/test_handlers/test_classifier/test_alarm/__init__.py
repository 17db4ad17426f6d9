"""The emergency side of the classifier: the gate's cues and frames, the alarm's opinion and
its own raises, in every register."""
