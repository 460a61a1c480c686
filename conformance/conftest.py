"""Shared fixtures: the real ticketmock binary on an ephemeral port, and its admin API."""
import os
import re
import signal
import subprocess
import tempfile
import time

import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _binary():
    return os.environ.get("TICKETMOCK_BINARY") or os.path.join(ROOT, ".build", "debug", "ticketmock")


class Server:
    """A running `ticketmock serve --port 0`, with a small admin client."""

    def __init__(self, *args, env=None):
        self.log = tempfile.NamedTemporaryFile(prefix="ticketmock-conformance-", suffix=".log", delete=False)
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("TICKETMOCK_")}
        full_env.update(env or {})
        self.proc = subprocess.Popen(
            [_binary(), "serve", "--host", "127.0.0.1", "--port", "0", *args],
            stdout=self.log, stderr=subprocess.STDOUT, env=full_env)
        deadline = time.time() + 10
        while time.time() < deadline:
            match = re.search(r"listening on http://[^:]+:(\d+)", open(self.log.name).read())
            if match:
                self.port = int(match.group(1))
                self.url = f"http://127.0.0.1:{self.port}"
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError("ticketmock did not start:\n" + open(self.log.name).read())

    def admin(self, method, path, **kwargs):
        return requests.request(method, self.url + path, timeout=10, **kwargs)

    def reset(self):
        assert self.admin("POST", "/_mock/reset").status_code == 200

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        os.unlink(self.log.name)


@pytest.fixture(scope="session")
def server():
    """One server for the whole session; tests reset it (or use their own namespace)."""
    running = Server()
    yield running
    running.stop()


@pytest.fixture
def fresh(server):
    """The shared server, reset before the test."""
    server.reset()
    return server


@pytest.fixture
def start_server():
    """Starts extra servers with their own flags (e.g. --auth strict); stopped after the test."""
    started = []

    def start(*args, env=None):
        instance = Server(*args, env=env)
        started.append(instance)
        return instance

    yield start
    for instance in started:
        instance.stop()
