"""What a resident says about a ticket already open: answers to an officer, supplements."""
