"""What a failed in-process run tells people: its steps' Indonesian failure messages."""

from __future__ import annotations


def step_failure_messages(result) -> list[str]:  # noqa: ANN001 - ExecuteInProcessResult
    """One message per failed step (duplicates dropped): the step's own Indonesian description,
    else the user-code exception under Dagster's wrapper, with how to see more."""
    messages = []
    for event in result.get_step_failure_events():
        data = event.step_failure_data
        if data.user_failure_data is not None and data.user_failure_data.description:
            messages.append(data.user_failure_data.description)
        else:
            err = data.error
            while err is not None and err.cause is not None:
                err = err.cause  # the user-code exception, not Dagster's wrapper
            detail = err.message.strip() if err else "tidak diketahui"
            messages.append(
                f"Langkah {event.step_key} gagal karena kesalahan internal: {detail}\n"
                "Jalankan ulang dengan KINERJA_DEBUG=1 untuk melihat rinciannya, lalu laporkan ke pengembang."
            )
    return list(dict.fromkeys(messages))
