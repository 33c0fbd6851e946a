"""Never-healthy stand-in for a bad Synapse release (tl-test rollback tests): 503 on port 8008."""
import http.server
import signal
import sys

PORT = 8008


class Handler(http.server.BaseHTTPRequestHandler):
    def _fail(self) -> None:
        body = b'{"errcode":"M_UNKNOWN","error":"tl-test broken image: never healthy"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_HEAD = _fail

    def log_message(self, fmt: str, *args: object) -> None:
        print("tl-test synapse-broken: %s %s" % (self.address_string(), fmt % args), flush=True)


signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print(f"tl-test synapse-broken: listening on :{PORT}, answering 503 to everything", flush=True)
http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
