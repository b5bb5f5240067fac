"""The bare ASGI app bench/pages.py measures the portal against: the ceiling Daphne itself sets.

    .venv/bin/daphne -b 127.0.0.1 -p 8001 bench.hello:application

Answers 200 "hello" (text/plain) to any GET or HEAD and 405 to anything else, with no
framework in between, so its throughput is what one Daphne process can serve at all.
"""

HELLO = b"hello"


async def application(scope, receive, send):
    if scope["type"] != "http":
        return
    # A GET may still carry a body: read it all so the connection stays reusable.
    message = await receive()
    while message.get("more_body"):
        message = await receive()
    if scope["method"] in ("GET", "HEAD"):
        status, body = 200, HELLO
    else:
        status, body = 405, b""
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
