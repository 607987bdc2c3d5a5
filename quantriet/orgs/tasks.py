"""Background steps of a member-list import; the work and the progress live in `importing`."""

from django_tasks import task

from quantriet.orgs.importing import jobs


@task()
def validate_import(job_id: int) -> str:
    """Dry run: check every row of the job's file and record the errors or the planned counts."""
    return jobs.run_validation(job_id)


@task()
def apply_import(job_id: int) -> str:
    """Write a job the user confirmed: all rows or none."""
    return jobs.run_apply(job_id)
