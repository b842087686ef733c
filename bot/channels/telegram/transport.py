"""HTTP to the Bot API: a connection pool that queues the surplus itself, first come first
served.

httpcore's own queue of waiting requests is scanned in full for every connection that frees
up, which gets slow and unfair with hundreds of waiting requests (a crowd of people answered
at once); a semaphore in front keeps that queue empty. 32 connections carry far more than
Telegram's 30 messages a second.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.request import BaseRequest, HTTPXRequest, RequestData

CONNECTIONS = 32


class QueuedRequest(HTTPXRequest):
    def __init__(self, connections: int = CONNECTIONS, **options: Any) -> None:
        super().__init__(connection_pool_size=connections, **options)
        self._slots = asyncio.Semaphore(connections)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        async with self._slots:
            return await super().do_request(
                url,
                method,
                request_data=request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
