"""tl-test stand-in HTTP server: same port and health path as the real service, nothing else.

STANDIN_SERVICE selects the service: element (Element web), hedgedoc (HedgeDoc 1.x), nextcloud.
`standin.py --check` probes the health path on localhost (used by the image's HEALTHCHECK).
"""
import http.server
import json
import os
import signal
import sys
import time
import urllib.request

SERVICE = os.environ.get("STANDIN_SERVICE", "")
SERVICES = {
    # name: (port env var, default port, health path)
    "element": ("ELEMENT_WEB_PORT", 80, "/config.json"),
    "hedgedoc": ("CMD_PORT", 3000, "/status"),
    "nextcloud": ("", 80, "/status.php"),
}
if SERVICE not in SERVICES:
    sys.exit(f"tl-test stand-in: STANDIN_SERVICE must be one of {sorted(SERVICES)}, got {SERVICE!r}")
PORT_ENV, DEFAULT_PORT, HEALTH_PATH = SERVICES[SERVICE]
PORT = int(os.environ.get(PORT_ENV, DEFAULT_PORT)) if PORT_ENV else DEFAULT_PORT
ELEMENT_CONFIG = "/app/config.json"
STARTED = time.time()


def route(path: str) -> tuple[int, str, bytes]:
    path = path.split("?", 1)[0]
    if SERVICE == "element":
        if path == "/config.json" and os.path.isfile(ELEMENT_CONFIG):
            with open(ELEMENT_CONFIG, "rb") as f:
                return 200, "application/json", f.read()
        if path in ("/", "/index.html", "/config.json"):
            # No mounted config: the health path falls back to the index, as the brief allows.
            return 200, "text/html", b"<!doctype html><title>Element (tl-test stand-in)</title>"
    elif SERVICE == "hedgedoc":
        if path == "/status":
            status = {"onlineNotes": 0, "onlineUsers": 0, "distinctOnlineUsers": 0,
                      "notesCount": 0, "registeredUsers": 0, "onlineRegisteredUsers": 0,
                      "distinctOnlineRegisteredUsers": 0, "isConnectionBusy": False,
                      "connectionSocketQueueLength": 0, "isDisconnectBusy": False,
                      "disconnectSocketQueueLength": 0, "uptimeSeconds": int(time.time() - STARTED)}
            return 200, "application/json", json.dumps(status).encode()
        if path == "/":
            return 200, "text/html", b"<!doctype html><title>HedgeDoc (tl-test stand-in)</title>"
    elif SERVICE == "nextcloud":
        if path == "/status.php":
            status = {"installed": True, "maintenance": False, "needsDbUpgrade": False,
                      "version": "0.0.0.0", "versionstring": "tl-test stand-in", "edition": "",
                      "productname": "Nextcloud (tl-test stand-in)", "extendedSupport": False}
            return 200, "application/json", json.dumps(status).encode()
        if path == "/":
            return 200, "text/html", b"<!doctype html><title>Nextcloud (tl-test stand-in)</title>"
    return 404, "text/plain", b"not found (tl-test stand-in)\n"


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = f"tl-test-{SERVICE}-standin"

    def do_GET(self) -> None:
        code, ctype, body = route(self.path)
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-TL-Test-Standin", SERVICE)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, fmt: str, *args: object) -> None:
        print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {SERVICE}-standin {self.address_string()} {fmt % args}",
              flush=True)


def check() -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{HEALTH_PATH}", timeout=2) as r:
            return 0 if r.status == 200 else 1
    except Exception as e:  # noqa: BLE001 - any failure means unhealthy
        print(f"unhealthy: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} tl-test {SERVICE} STAND-IN (not the real service) "
          f"listening on :{PORT}, health path {HEALTH_PATH}", flush=True)
    http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
