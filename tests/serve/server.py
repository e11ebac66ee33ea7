"""Starts `tpp serve --port 0` for a test, reads the port it bound, stops it with SIGTERM and
checks that it stopped cleanly. Every wait has a timeout: a test never hangs."""
import http.client
import json
import os
import signal
import subprocess
import time
import urllib.request

# The tests talk to 127.0.0.1 only: a proxy from the environment must not be asked.
urllib.request.install_opener(urllib.request.build_opener(urllib.request.ProxyHandler({})))


class Server:
    def __init__(self, tpp, *args):
        self.proc = subprocess.Popen([tpp, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        line = ""
        while time.monotonic() < deadline and "listening on" not in line:
            line = self.proc.stdout.readline()
            if not line and self.proc.poll() is not None:
                raise RuntimeError("tpp serve exited: " + self.proc.stderr.read())
        if "listening on" not in line:
            raise RuntimeError("tpp serve did not say where it listens within 20 s")
        self.base = line.split("listening on ")[1].strip().rstrip("/")
        self.port = int(self.base.rsplit(":", 1)[1])

    def url(self, path):
        return self.base + path

    def request(self, method, path, body=None, headers=None, timeout=30):
        """(status, headers, body bytes); 4xx and 5xx are returned, not raised."""
        req = urllib.request.Request(self.url(path), data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                return res.status, res.headers, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, method, path, body=None, headers=None):
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data)

    def raw(self, data, timeout=10):
        """Sends raw bytes on a fresh connection; returns what came back until the server closed
        it or went quiet for a second after answering."""
        import socket
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed before reading it all
            out = b""
            while True:
                try:
                    chunk = s.recv(65536)
                except ConnectionResetError:
                    break
                except socket.timeout:
                    break
                if not chunk:
                    break
                out += chunk
                s.settimeout(1)
            return out

    def rss_kib(self, field="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        raise RuntimeError(field + " not found")

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM; the server must stop by itself within 15 s, exit 0 and say so."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise AssertionError("tpp serve did not stop within 15 s of SIGTERM")
        assert self.proc.returncode == 0, f"tpp serve exited {self.proc.returncode}: {err}"
        assert "stopped" in out, out
        return err

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
