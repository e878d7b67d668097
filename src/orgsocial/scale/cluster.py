"""The one way orgsocial connects to a Dask scheduler (``--executor dask --scheduler
ADDRESS``): the partition-wise sums and the report runner both use :func:`dask_client`, so a
scheduler that cannot be reached is one short message and exit 2, never a traceback."""

from __future__ import annotations

from orgsocial.errors import ParameterError

#: Seconds to wait for the scheduler to answer (distributed waits 30 s by default): a
#: scheduled run whose cluster is down fails fast.
CONNECT_TIMEOUT = 10


def dask_client(scheduler: str):
    """A ``distributed.Client`` connected to ``scheduler`` (a context manager).

    Raises
    ------
    ParameterError
        ``scheduler`` is not an address, or nothing answered there within
        :data:`CONNECT_TIMEOUT` seconds.
    """
    from distributed import Client

    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT)
    except ValueError as error:  # e.g. "missing port number in address 'host'"
        raise ParameterError(
            f"--scheduler {scheduler!r} is not a Dask scheduler address ({error}); "
            "give one such as tcp://host:8786"
        ) from None
    except (OSError, TimeoutError) as error:
        raise ParameterError(
            f"cannot reach the Dask scheduler at {scheduler} (waited {CONNECT_TIMEOUT:g} s): "
            f"{error}; is it running? (--scheduler)"
        ) from None
