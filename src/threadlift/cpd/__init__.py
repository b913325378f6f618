"""Continuing professional development: the regulators' revalidation requirements as sourced
data, how a course's hours count (participatory or self-directed), and the statement of one
cycle's progress. Pure: the shell passes the learner's totals in."""
