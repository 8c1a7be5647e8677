"""Fixtures of the web application's tests.

Django is configured here, before any test runs: a temporary data folder, captures allowed on
127.0.0.1 (the demo sites), no browser for captures in client tests. With
``VIGIPUB_TEST_DATABASE=postgresql`` (``scripts/test.sh`` second run) a real PostgreSQL
server is started in a temporary folder and the whole web suite runs on it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

DATA = Path(tempfile.mkdtemp(prefix="vigipub-web-tests-"))
atexit.register(shutil.rmtree, DATA, ignore_errors=True)
os.environ["VIGIPUB_DATA"] = str(DATA)
os.environ["VIGIPUB_ALLOW_PRIVATE"] = "1"
os.environ["VIGIPUB_CAPTURE_BROWSER"] = "0"
os.environ["VIGIPUB_TEMPLATE_INVALID"] = "!!INVALID:%s!!"
os.environ.pop("VIGIPUB_PRODUCTION", None)
os.environ.pop("DATABASE_URL", None)

DATABASE = os.environ.get("VIGIPUB_TEST_DATABASE", "sqlite")
PG = None
if DATABASE == "postgresql":
    from vigipub.web.pgserver import TemporaryPostgres

    PG = TemporaryPostgres().start()
    atexit.register(PG.stop)
    os.environ["DATABASE_URL"] = PG.url("vigipub")
elif DATABASE != "sqlite":
    raise RuntimeError(f"VIGIPUB_TEST_DATABASE={DATABASE!r}: sqlite or postgresql")

os.environ["DJANGO_SETTINGS_MODULE"] = "vigipub.web.settings"
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# client tests log in with force_login; the one test of the real login uses the real hasher
settings.PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

PASSWORD = "correct-horse-battery-staple"


def pytest_report_header() -> str:
    return f"vigipub web tests on {DATABASE}"


@pytest.fixture(scope="session")
def database_kind() -> str:
    return DATABASE


@pytest.fixture(scope="session")
def pg_server():
    """The PostgreSQL server of this run (None on SQLite): subprocess tests make their own database on it."""
    return PG


@pytest.fixture(scope="session")
def demo_site():
    from vigipub.demo import serve_demo_sites

    with serve_demo_sites(host="127.0.0.1") as urls:
        yield urls


@pytest.fixture(scope="session")
def demo_dossier(tmp_path_factory, demo_site) -> Path:
    """An investigation of the dendritic-cell demo clinic (French pages), made once."""
    from vigipub import pipeline

    out = tmp_path_factory.mktemp("dossier") / "dendritic"
    pipeline.investigate(
        demo_site["dendritic-clinic"].rstrip("/") + "/fr/",
        out,
        pipeline.InvestigateOptions(capture={"allow_private": True, "browser": False, "max_pages": 14}),
    )
    return out


def make_user(name: str, *roles: str, title: str = "", full_name: str = ""):
    from django.contrib.auth import get_user_model

    from vigipub.evidence.casework import Role
    from vigipub.web.auth import set_roles
    from vigipub.web.models import Profile

    first, _, last = full_name.partition(" ")
    user = get_user_model().objects.create_user(name, password=PASSWORD, first_name=first, last_name=last)
    set_roles(user, {Role(r) for r in roles})
    Profile.objects.create(user=user, title=title)
    return user


@pytest.fixture(autouse=True)
def data_dir(request, tmp_path):
    """Each test's files (dossiers, documents) in its own data folder, as its database rows
    are its own (ids are reused after a rollback)."""
    from django.conf import settings as django_settings

    before = django_settings.DATA_DIR
    django_settings.DATA_DIR = tmp_path / "data"
    django_settings.DATA_DIR.mkdir()
    yield django_settings.DATA_DIR
    django_settings.DATA_DIR = before


@pytest.fixture
def users(db):
    return {
        "inspector": make_user("ines", "inspector", full_name="Inès Durand"),
        "legal": make_user("louis", "legal_reviewer", full_name="Louis Bernard"),
        "signatory": make_user(
            "diane", "signatory", title="Directrice générale de l'Agence", full_name="Diane Lefèvre"
        ),
        "admin": make_user("adam", "administrator"),
    }


@pytest.fixture
def client_as(db):
    """A browser of its own for each user (a test may hold several at once)."""
    from django.test import Client

    def login(user):
        browser = Client()
        browser.force_login(user)
        return browser

    return login


@pytest.fixture
def case_with_capture(users, demo_dossier, demo_site, data_dir):
    """A case of the demo clinic whose capture is done (the session's dossier, copied in)."""
    from vigipub.cases.leads import leads_from_urls
    from vigipub.evidence.casework import JobState
    from vigipub.web import services
    from vigipub.web.models import Capture

    url = demo_site["dendritic-clinic"].rstrip("/") + "/fr/"
    case = services.create_cases(users["inspector"], leads_from_urls(url)).created[0]
    website = case.websites.get()
    capture = Capture.objects.create(case=case, website=website, seed_url=url, state=JobState.RUNNING)
    target = data_dir / "cases" / case.reference / "captures" / f"{capture.pk}-fixture"
    shutil.copytree(demo_dossier, target)
    services.import_dossier(capture, target)
    case.refresh_from_db()
    return case
