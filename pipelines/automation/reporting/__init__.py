"""Periodic reports: the quarterly and annual schedules and the job they run (from the warehouse)."""
