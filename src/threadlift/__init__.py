"""Threadlift core: knowledge, anatomy, planning and assessment. Imports no Django."""
