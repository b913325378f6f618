import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "academy.settings")
application = get_wsgi_application()

# Validate and load the knowledge base (about 0.4 s) when the server starts, not on the first
# request that needs it; a broken data file then stops the deploy instead of a page.
from threadlift.knowledge import load_knowledge  # noqa: E402

load_knowledge()
