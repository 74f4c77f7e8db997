"""A SCIM server built on the django-scim2 package (PyPI) with the smallest Django
project it needs: a user and a group model with its mixins, bearer-token auth, its
URLs. Used as a third-party server that `scimctl simulate` is judged against
(tests/third_party.rs).
    SCIM_TOKEN=secret python manage.py migrate && python manage.py runserver 127.0.0.1:PORT --noreload
"""
import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
