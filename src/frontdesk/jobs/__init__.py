"""Durable jobs: what runs later (reminders, notifications, webhook deliveries, callbacks).

:class:`~frontdesk.jobs.engine.Jobs` picks the engine — the in-process worker on SQLite, the
procrastinate queue on PostgreSQL — around one :class:`~frontdesk.jobs.runner.JobRunner`, so the
same job functions run the same way in both.
"""
