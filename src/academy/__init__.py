"""The Django shell of Threadlift Academy."""
