"""The case-management web application: a thin Django layer over :mod:`vigipub.cases`
(procedure table, deadlines, audit chain) and :mod:`vigipub.pipeline` (capture, detection,
registers, qualification, documents). Long work runs in django-q2 workers (``jobs.py``).

    settings.py   configuration from the environment (embedded default, production)
    models.py     storage; audit.py the hash-chained log; auth.py roles
    services.py   every action a user can take, checked and audited
    jobs.py       the background jobs (capture, document rendering, re-checks)
    views/        pages; templates/ and static/ in the French State design system (DSFR)
"""
