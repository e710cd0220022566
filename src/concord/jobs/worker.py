"""The jobs worker process: `python -m concord.jobs` (or `concord jobs work`).

Each round delivers due webhooks from the outbox, raises overdue alerts for requests and hits,
reminds owners of review dates and archives expired items; queued long jobs (call-record
analyses uploaded on the /cdr page) run beside the rounds. Several workers may run at once:
outbox rows and jobs are claimed with row locks and leases, alerts are unique per object.
"""

from __future__ import annotations

import argparse
import logging
import signal
from types import FrameType

from concord.services.outbox import Worker, work_once
from concord.services.runtime import start
from concord.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m concord.jobs", description=__doc__)
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between rounds")
    parser.add_argument("--once", action="store_true", help="run one round and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    runtime = start(Settings())
    if args.once:
        print(work_once(runtime).model_dump_json())
        return 0
    worker = Worker(runtime, interval=args.interval)

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        worker.stop()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    worker.run()
    return 0
