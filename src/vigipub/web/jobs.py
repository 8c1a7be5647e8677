"""Background jobs: a :class:`~vigipub.web.models.Job` row per unit of work, carried by django-q2.

The queue is django-q2's ORM broker, in the application's own database: the job row and its
queue message are written in the same transaction, so a job is never queued without its row
nor a row left without its message. A page never waits on a job; it shows ``Job.progress``.
A job's progress and error messages are records, written once in the agency's language
(``LANGUAGE_CODE``) like the timeline notes, whatever language the worker's command speaks.

Nothing is lost when a worker (or the whole server) is killed mid-job:

- a job being run sends a heartbeat every few seconds; a job marked ``running`` whose
  heartbeat is older than ``JOB_STALE_SECONDS`` belonged to a worker that died;
- such a job is queued again (:func:`reap_stale_jobs`, run by every ``vigipub worker`` when
  it starts and then every ``JOB_STALE_SECONDS``; django-q2 also redelivers its message once
  ``retry`` seconds have passed) and its new attempt starts from a fresh folder;
- after ``JOB_MAX_ATTEMPTS`` attempts it is marked ``failed`` with the reason, and what it
  was producing (capture, document, re-check) is marked failed too;
- a job that fails with an error is not retried: the error is shown as it was raised.

:func:`run_job` only runs a job it could *claim* (queued, or running with a stale heartbeat),
so a message delivered twice never runs the same job twice at once.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from vigipub.evidence.casework import AuditAction, JobKind, JobState
from vigipub.evidence.errors import VigipubError
from vigipub.pipeline import Step

from . import audit
from .errors import explain
from .models import Case, Job

log = logging.getLogger("vigipub.web.jobs")

Progress = Callable[[str], None]
Handler = Callable[[Job, Progress], dict[str, Any] | None]


def _handlers() -> dict[str, Handler]:
    from . import tasks

    return {JobKind.CAPTURE: tasks.capture, JobKind.RENDER: tasks.render, JobKind.RECHECK: tasks.recheck}


def _failure_hooks() -> dict[str, Callable[[Job, str], None]]:
    from . import tasks

    return {
        JobKind.CAPTURE: tasks.capture_failed,
        JobKind.RENDER: tasks.render_failed,
        JobKind.RECHECK: tasks.recheck_failed,
    }


def _push(job: Job) -> None:
    from django_q.tasks import async_task

    job.q_task = str(async_task("vigipub.web.jobs.run_job", job.pk, task_name=f"vigipub-job-{job.pk}-{job.kind}"))
    Job.objects.filter(pk=job.pk).update(q_task=job.q_task)


def enqueue(kind: JobKind, *, case: Case | None, params: dict[str, Any], user: Any = None) -> Job:
    """Create a job and its queue message in one transaction."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            case=case,
            params=params,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            progress="",
        )
        _push(job)
    return job


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _stale_before() -> Any:
    return timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS)


def _give_up_message(job: Job) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        message = gettext(
            "the worker running this job stopped %(attempts)s time(s) without finishing it "
            "(killed, out of memory or restarted)"
        ) % {"attempts": job.attempts}
        if job.progress:
            message += gettext("; last progress: %(progress)s") % {"progress": job.progress}
        return message


def claim(job_id: int) -> Job | None:
    """Mark the job running for this process, or None when it is not ours to run."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            log.warning("job %s does not exist (deleted?)", job_id)
            return None
        stale = job.state == JobState.RUNNING and (job.heartbeat_at is None or job.heartbeat_at < _stale_before())
        if job.state != JobState.QUEUED and not stale:
            log.info("job %s is %s: not run again", job_id, job.state)
            return None
        if job.attempts >= settings.JOB_MAX_ATTEMPTS:
            _fail(job, _give_up_message(job))
            return None
        now = timezone.now()
        job.attempts += 1
        job.state = JobState.RUNNING
        job.started_at = now
        job.heartbeat_at = now
        job.worker = _worker_name()
        job.error = ""
        job.save(update_fields=["attempts", "state", "started_at", "heartbeat_at", "worker", "error"])
        return job


def _fail(job: Job, message: str) -> None:
    """Mark ``job`` failed with ``message`` (one line) and what it produced failed too."""
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            state=JobState.FAILED, error=message[:4000], finished_at=timezone.now()
        )
        job.state = JobState.FAILED
        job.error = message
        hook = _failure_hooks().get(job.kind)
        if hook is not None:
            hook(job, message)
        audit.record(
            "system",
            AuditAction.JOB_FAILED,
            case=job.case.reference if job.case is not None else "",
            subject=f"job {job.pk} ({job.kind})",
            details={"error": message[:500], "attempts": job.attempts},
        )


class _Heartbeat(threading.Thread):
    """Touches ``Job.heartbeat_at`` while the job runs (from its own database connection)."""

    def __init__(self, job_id: int) -> None:
        super().__init__(name=f"heartbeat-{job_id}", daemon=True)
        self.job_id = job_id
        self.stop = threading.Event()
        self.every = max(0.5, settings.JOB_STALE_SECONDS / 4)

    def run(self) -> None:
        try:
            while not self.stop.wait(self.every):
                try:
                    Job.objects.filter(pk=self.job_id, state=JobState.RUNNING).update(heartbeat_at=timezone.now())
                except Exception:  # a busy database: the next beat will do
                    log.debug("heartbeat of job %s failed", self.job_id, exc_info=True)
        finally:
            connection.close()


def _progress(job: Job) -> Progress:
    last = [0.0]

    def say(message: str) -> None:
        now = time.monotonic()
        if now - last[0] < 0.3:
            return
        last[0] = now
        if isinstance(message, Step):  # a pipeline step: in the agency's language
            message = gettext(message.template).format(**message.values)
        message = " ".join(str(message).split())[:500]
        Job.objects.filter(pk=job.pk).update(progress=message, heartbeat_at=timezone.now())
        job.progress = message

    return say


def run_job(job_id: int) -> str:
    """What a worker runs for a queue message: claim the job, run its handler, record the outcome.

    (django-q2 closes stale database connections before each task.)"""
    job = claim(job_id)
    if job is None:
        return "skipped"
    beat = _Heartbeat(job.pk)
    beat.start()
    try:
        # the job's messages are records shown to the agency: written in its language
        with translation.override(settings.LANGUAGE_CODE):
            result = _handlers()[job.kind](job, _progress(job)) or {}
    except VigipubError as exc:
        with translation.override(settings.LANGUAGE_CODE):
            _fail(job, explain(exc))
        return "failed"
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(job, f"{type(exc).__name__}: {exc}".splitlines()[0])
        return "failed"
    finally:
        beat.stop.set()
        beat.join(timeout=5)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE, finished_at=timezone.now(), progress=str(result.get("progress", job.progress))[:500]
    )
    return "done"


def reap_stale_jobs() -> dict[str, int]:
    """Requeue the jobs whose worker died (or fail them after their last attempt)."""
    requeued = failed = 0
    for job in Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=_stale_before()).select_related("case"):
        with transaction.atomic():
            fresh = Job.objects.select_for_update().filter(pk=job.pk).first()
            if fresh is None or fresh.state != JobState.RUNNING or (
                fresh.heartbeat_at is not None and fresh.heartbeat_at >= _stale_before()
            ):
                continue
            if fresh.attempts >= settings.JOB_MAX_ATTEMPTS:
                _fail(fresh, _give_up_message(fresh))
                failed += 1
            else:
                fresh.state = JobState.QUEUED
                with translation.override(settings.LANGUAGE_CODE):
                    fresh.progress = gettext(
                        "queued again after its worker stopped (attempt %(attempt)s of %(attempts)s)"
                    ) % {"attempt": fresh.attempts, "attempts": settings.JOB_MAX_ATTEMPTS}
                fresh.save(update_fields=["state", "progress"])
                _push(fresh)
                requeued += 1
    if requeued or failed:
        log.warning("stale jobs: %s queued again, %s failed", requeued, failed)
    return {"requeued": requeued, "failed": failed}


def run_due_rechecks() -> int:
    """Queue the compliance re-checks whose date has come (run by every worker, each minute)."""
    from . import services

    return services.queue_due_rechecks()
