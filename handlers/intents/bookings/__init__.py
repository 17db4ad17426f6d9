"""What a resident does with a booking once it is made (cancel it); the booking dialog itself
is handlers.intents.appointment."""
