"""Bookings: the appointment dialog, its stations and places, and cancelling."""
