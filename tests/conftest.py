"""Hypothesis profiles: a modest budget for the normal run, more on demand.

``HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py`` runs
each property on 30 times as many examples (no time limit per example).
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
