"""The JSON API (django-ninja, `/api/v1/`) and personal API tokens.

Endpoints are split by entity (catalog, learner, academy_admin, knowledge, engines); every one
calls the same access helpers, services and core functions as the pages.
"""
