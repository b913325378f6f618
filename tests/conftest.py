"""Settings shared by every test package."""

from hypothesis import settings

# Tests never assert wall-clock times: Hypothesis's per-example deadline is one, and it fails
# examples at random on a loaded machine (CI shares two cores). Speed is measured in bench/.
settings.register_profile("threadlift", deadline=None)
settings.load_profile("threadlift")
