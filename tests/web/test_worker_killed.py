"""No job is lost when a worker is killed mid-job: it is run again, or marked failed with why.

Real processes: ``vigipub worker`` (a django-q2 cluster) capturing a slow site served here,
killed with SIGKILL (the whole process group: cluster, workers, browser if any) while the job
runs; the next worker finds the job's heartbeat stale and queues it again.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .live import LiveApp

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

PAGES = 6


class SlowSite:
    """A small clinic site whose pages take ``delay`` seconds each (long enough to kill mid-crawl)."""

    def __init__(self) -> None:
        self.delay = 0.8
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                if path in ("/robots.txt", "/sitemap.xml", "/sitemap_index.xml", "/favicon.ico"):
                    self.send_error(404)
                    return
                time.sleep(site.delay)
                n = int(path.strip("/").removeprefix("p") or 0) if path.strip("/").removeprefix("p").isdigit() else 0
                links = "".join(f'<a href="/p{i}">page {i}</a> ' for i in range(PAGES))
                body = (
                    f"<!DOCTYPE html><html lang=fr><head><title>Clinique {n}</title></head><body>"
                    f"<h1>Thérapie par cellules souches {n}</h1><p>Nos cellules souches guérissent la sclérose "
                    f"en plaques. Réservez votre séjour : 9 500 €.</p>{links}</body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def slow_site():
    site = SlowSite()
    yield site
    site.close()


def test_a_killed_worker_s_job_is_retried_or_failed_after_its_last_attempt(tmp_path, pg_server, slow_site):
    app = LiveApp(tmp_path / "live", pg_server, VIGIPUB_JOB_STALE="2", VIGIPUB_JOB_MAX_ATTEMPTS="2",
                  VIGIPUB_JOB_TIMEOUT="120", VIGIPUB_WORKERS="1")
    def capture_job(url: str) -> int:
        return int(app.python(
            "from django.contrib.auth.models import User\n"
            "from vigipub.web import services\n"
            "from vigipub.web.auth import set_roles\n"
            "from vigipub.evidence.casework import Role\n"
            "from vigipub.cases.leads import leads_from_urls\n"
            "u = User.objects.filter(username='ines').first() or User.objects.create_user('ines')\n"
            "set_roles(u, {Role.INSPECTOR})\n"
            f"case = services.create_cases(u, leads_from_urls('{url}')).created[0]\n"
            "print(services.request_capture(u, case, case.websites.first(), max_pages=6).job_id)\n"
        ))

    try:
        first = capture_job(slow_site.url)
        # job 1: killed while capturing, then run again to the end by the next worker
        worker = app.start("worker", log="worker1")
        app.wait(lambda: app.job(first)["state"] == "running", 60, "job 1 to start")
        time.sleep(0.5)
        app.kill(worker)
        assert app.job(first)["state"] == "running"  # nobody finished it: it is not lost, only orphaned
        slow_site.delay = 0.05
        worker = app.start("worker", log="worker2")
        done = app.wait(lambda: app.job(first) if app.job(first)["state"] in ("done", "failed") else None, 90,
                        "job 1 to be retried", every=0.5)
        assert done["state"] == "done", (done, app.log("worker2"))
        assert done["attempts"] == 2
        # its capture folder of the killed attempt is left aside, the second attempt's is imported
        dossiers = app.query("SELECT dossier FROM vigipub_capture WHERE job_id = ?", (first,))
        assert dossiers[0][0].endswith("-attempt2")

        # job 2: killed at its last attempt (the next worker allows one), then marked failed with why
        slow_site.delay = 0.8
        second = capture_job(slow_site.url + "p1")
        app.wait(lambda: app.job(second)["state"] == "running", 60, "job 2 to start")
        time.sleep(0.5)
        app.kill(worker)
        worker = app.start("worker", log="worker3", VIGIPUB_JOB_MAX_ATTEMPTS="1")
        failed = app.wait(lambda: app.job(second) if app.job(second)["state"] == "failed" else None, 60,
                          "job 2 to be failed", every=0.5)
        # in French, the agency's language, although the worker's command line speaks English
        assert "s’est arrêté 1 fois sans la terminer" in failed["error"] and failed["attempts"] == 1, failed
        assert app.query("SELECT state FROM vigipub_capture WHERE job_id = ?", (second,))[0][0] == "failed"
        actions = [a for (a,) in app.query("SELECT action FROM vigipub_auditentry ORDER BY seq")]
        assert "capture.done" in actions and "job.failed" in actions
        assert app.run("audit", "verify").returncode == 0
    finally:
        app.stop_all()
