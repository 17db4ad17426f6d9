"""What the classifier decides beyond the gate and the rules: when a model guess acts, the
reasons shown, and a swindle's payment still worth stopping."""
