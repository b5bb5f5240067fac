"""Poll results, coalesced: however many answers arrive, at most one `poll.results` event per
poll every QA_POLL_RESULTS_INTERVAL seconds, and always one after the last answer.

Each answer is committed before it asks for results (`results_wanted`). One request per
poll waits in this process at a time, on a thread of its own rather than behind the answers
queued on the write thread, so the bars move during a storm. It runs
`polls.announce_results`, which reads the counts under the room's lock and either records
them or says how long to wait, because another process announced them less than an
interval ago. An answer that arrives while
the request runs asks again, so the counts it changed are always announced.
"""

import asyncio
import logging
import weakref

from portal.db import on_pool_threads

from . import polls

logger = logging.getLogger(__name__)

_waiting = weakref.WeakKeyDictionary()  # event loop -> {poll id: task}
_tasks = weakref.WeakKeyDictionary()  # event loop -> every request not finished yet


def results_wanted(poll_id):
    """Ask for the poll's results to be announced soon (call after the answer committed)."""
    loop = asyncio.get_running_loop()
    waiting = _waiting.setdefault(loop, {})
    if poll_id in waiting:
        return
    task = waiting[poll_id] = asyncio.ensure_future(_announce(poll_id, waiting))
    running = _tasks.setdefault(loop, set())
    running.add(task)
    task.add_done_callback(running.discard)


async def settled():
    """Wait until every results request of this loop is done (a server shutting down, a test
    that ends): nothing is left to run against a database that goes away."""
    running = _tasks.get(asyncio.get_running_loop(), set())
    while running:
        await asyncio.gather(*list(running), return_exceptions=True)


async def _announce(poll_id, waiting):
    delay = 0.0
    this = asyncio.current_task()
    try:
        while True:
            if delay:
                await asyncio.sleep(delay)
            # From here on, a new answer asks again: the counts read now may not include it.
            if waiting.get(poll_id) is this:
                del waiting[poll_id]
            delay = await on_pool_threads(polls.announce_results)(poll_id)
            if not delay or poll_id in waiting:
                return  # done, or a newer request will come back for the counts
            waiting[poll_id] = this
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("Q&A could not announce the results of poll %s", poll_id)
        if waiting.get(poll_id) is this:
            del waiting[poll_id]
