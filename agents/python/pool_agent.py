#!/usr/bin/env python3
"""A ResourcePool agent over HTTPS, in Python's standard library only.

It enrols once with a join token (making its key and certificate request with the `openssl` command), then,
authenticated by the certificate the hub issued, heartbeats, long-polls for work, runs each task as a process
group, streams its output and reports its result until the hub has stored it. It renews its certificate, with a
new key, when a third of its life is left or when the hub asks. See README.md.
"""

import argparse
import base64
import http.client
import json
import logging
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse

log = logging.getLogger("pool-agent")
CHUNK_BYTES = 8192
RENEWAL_RETRY_SECONDS = 60


class HubError(Exception):
    """The hub refused a request: the HTTP status and the RFC 9457 problem's detail."""

    def __init__(self, status, detail):
        super().__init__(f"{status}: {detail}")
        self.status = status


class Hub:
    """Requests to the hub's HTTPS API: one connection per request, checked against the hub's CA.

    Given several addresses (hubs of one pool, sharing their database and CA), it sends to one of them until that one
    cannot be reached or says another hub holds this node; it then moves on to the next, and the caller tries again."""

    def __init__(self, urls, cacert, cert=None, key=None, hub_cas=None, at=0):
        self.urls = urls
        for url in urls:
            if urllib.parse.urlsplit(url).scheme != "https":
                raise SystemExit("--hub must be an https:// URL")
        self.at = at % len(urls)
        self.moving = threading.Lock()
        self.context = ssl.create_default_context(cafile=cacert)
        if hub_cas and os.path.exists(hub_cas):
            # the CAs the hub named at the last renewal: after a CA rotation its certificate comes from the new one
            self.context.load_verify_locations(cafile=hub_cas)
        self.context.minimum_version = ssl.TLSVersion.TLSv1_2
        if cert:
            self.context.load_cert_chain(cert, key)

    @property
    def url(self):
        return self.urls[self.at]

    def pass_over(self, url, why):
        """Moves on from this address to the next, if there is one and no other request moved on already."""
        with self.moving:
            if len(self.urls) > 1 and url == self.url:
                self.at = (self.at + 1) % len(self.urls)
                log.warning("%s; trying hub %s next", why, self.url)

    def call(self, method, path, body=None, timeout=30):
        url = self.url
        try:
            return self.send(url, method, path, body, timeout)
        except OSError as e:
            self.pass_over(url, f"cannot reach hub {url}: {e}")
            raise
        except HubError as e:
            if e.status == 429 and "held by hub" in str(e):
                self.pass_over(url, f"hub {url} refused: {e}")
            raise

    def send(self, url, method, path, body, timeout):
        parsed = urllib.parse.urlsplit(url)
        connection = http.client.HTTPSConnection(parsed.hostname, parsed.port or 443, context=self.context, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, None if body is None else json.dumps(body), headers)
            response = connection.getresponse()
            data = response.read()
            answer = json.loads(data) if data else {}
            if response.status >= 300:
                raise HubError(response.status, answer.get("detail", response.reason))
            return answer
        finally:
            connection.close()


class Task:
    """One attempt of a job: a process group, its output sent as it comes, its result sent until stored."""

    def __init__(self, agent, work):
        self.agent, self.work = agent, work
        self.job, self.attempt = work["jobId"], work["attempt"]
        self.ending = None  # "CANCELLED" or "TIMED_OUT" once the agent kills it
        self.forgotten = False  # the hub gave it up: its result is not sent
        self.process = None
        self.sent = 0  # output bytes sent, stdout and stderr together, against the job's cap
        self.sent_lock = threading.Lock()
        self.truncated = False

    def start(self):
        threading.Thread(target=self.run, name=f"task-{self.job}", daemon=True).start()

    def cancel(self):
        self.kill("CANCELLED")

    def forget(self):
        self.forgotten = True
        self.kill("CANCELLED")

    def kill(self, ending):
        if self.ending is None:
            self.ending = ending
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def run(self):
        try:
            result = self.execute()
        except OSError as e:
            result = {"state": "FAILED", "reason": f"the agent could not start the command: {e.strerror}"}
        result["attempt"] = self.attempt
        result["outputTruncated"] = self.truncated
        self.agent.report(self, result)

    def execute(self):
        if self.work.get("image"):
            return {"state": "FAILED", "reason": "this agent runs no container images"}
        home = os.path.join(self.agent.state_dir, "jobs", f"{self.job}-{self.attempt}")
        os.makedirs(home, mode=0o700, exist_ok=True)
        home = os.path.realpath(home)
        cwd = os.path.realpath(os.path.join(home, self.work.get("workingDirectory") or "."))
        if os.path.commonpath([cwd, home]) != home:
            return {"state": "FAILED", "reason": "workingDirectory leaves the job's directory"}
        os.makedirs(cwd, exist_ok=True)
        self.process = subprocess.Popen(self.work["command"], cwd=cwd, env=self.work.get("environment") or {},
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        start_new_session=True)
        if self.ending:  # cancelled while starting
            self.kill(self.ending)
        readers = [threading.Thread(target=self.forward, args=(pipe, name), daemon=True)
                   for pipe, name in ((self.process.stdout, "stdout"), (self.process.stderr, "stderr"))]
        for reader in readers:
            reader.start()
        timeout = self.work.get("timeoutMillis", 0) / 1000 or None
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill("TIMED_OUT")
            code = self.process.wait()
        self.kill(self.ending)  # whatever the command left running goes with it
        for reader in readers:
            reader.join()
        if self.ending:
            return {"state": self.ending, "reason": "cancelled" if self.ending == "CANCELLED" else "timed out"}
        # a command killed by a signal N reports 128 + N, as a shell does
        return {"state": "SUCCEEDED" if code == 0 else "FAILED", "exitCode": code if code >= 0 else 128 - code}

    def forward(self, pipe, channel):
        cap = self.work.get("outputCapBytes", 0) or sys.maxsize
        while data := os.read(pipe.fileno(), CHUNK_BYTES):
            with self.sent_lock:
                chunk = data[:max(0, cap - self.sent)]
                self.sent += len(chunk)
                first_cut = len(chunk) < len(data) and not self.truncated
                self.truncated = self.truncated or first_cut
            if first_cut:  # the rest is read and dropped, so the command is never blocked on a full pipe
                chunk += f"\n[output truncated: over {cap} bytes]\n".encode()
            if chunk:
                self.send_output(channel, chunk)

    def send_output(self, channel, chunk):
        try:
            self.agent.hub.call("POST", f"/v1/agents/jobs/{self.job}/output",
                                {"attempt": self.attempt, "channel": channel,
                                 "data": base64.b64encode(chunk).decode("ascii")})
        except (OSError, HubError) as e:
            log.warning("output of job %s not sent: %s", self.job, e)


class Agent:
    def __init__(self, args):
        self.args = args
        self.state_dir = os.path.abspath(args.state_dir)
        self.hostname = args.hostname or socket.gethostname()
        self.labels = dict(label.split("=", 1) for label in args.label)
        self.tasks = {}  # (jobId, attempt) -> Task, until its result is stored or the hub disowns it
        self.lock = threading.Lock()
        self.interval = 5.0
        self.grace = None  # seconds the hub waits for a silent agent before it gives its tasks up
        self.heard = time.monotonic()
        self.hub = None
        self.registered_at = None  # the hub address that answered the last heartbeat
        self.node = None
        self.cert_validity = None  # (notBefore, notAfter) of the certificate presented, seconds since the epoch
        self.renewal_retry = 0.0  # time.monotonic() before which a failed renewal is not tried again
        self.restarted = True  # until the hub answers a heartbeat of this process: it ran nothing an earlier one was given

    def files(self):
        return tuple(os.path.join(self.state_dir, name) for name in ("agent.crt", "agent.key"))

    def hub_cas(self):
        return os.path.join(self.state_dir, "hub-cas.pem")

    def connect(self):
        """A client presenting the certificate and key on disk now."""
        cert, key = self.files()
        self.cert_validity = validity(cert)
        self.hub = Hub(self.args.hub, self.args.cacert, cert, key, self.hub_cas(), self.hub.at if self.hub else 0)

    def enrol(self):
        """Makes a key and CSR with openssl, spends the join token, keeps the certificate the hub signed."""
        token = os.environ.get("POOL_JOIN_TOKEN", "")
        if self.args.join_token_file:
            with open(self.args.join_token_file) as f:
                token = f.read().strip()
        if not token:
            raise SystemExit("not enrolled yet: give a join token in POOL_JOIN_TOKEN or with --join-token-file")
        cert, key = self.files()
        csr = subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                              "-nodes", "-keyout", key, "-subj", "/CN=" + self.hostname],
                             check=True, capture_output=True, text=True).stdout
        os.chmod(key, 0o600)
        hub = Hub(self.args.hub, self.args.cacert)
        for tries_left in reversed(range(len(hub.urls))):
            try:
                enrolled = hub.call("POST", "/v1/agents/enrol", {"joinToken": token, "csr": csr, "hostname": self.hostname})
                break
            except OSError:
                if not tries_left:
                    raise
        with open(cert, "w") as f:
            f.write(enrolled["certificateChain"])
        log.info("enrolled as node %s", enrolled["nodeId"])

    def heartbeat(self):
        with self.lock:
            held = [{"jobId": job, "attempt": attempt} for job, attempt in self.tasks]
        hub = self.hub.url
        answer = self.hub.call("POST", "/v1/agents/heartbeat", {
            "hostname": self.hostname, "resources": resources(self.state_dir), "labels": self.labels,
            "sandbox": "process (no isolation: the agent's own user)", "tasks": held, "restarted": self.restarted})
        self.restarted = False
        self.interval = answer["heartbeatIntervalMillis"] / 1000
        self.grace = answer["graceMillis"] / 1000
        self.heard = time.monotonic()
        self.node = answer["nodeId"]
        if hub != self.registered_at:
            log.info("registered as node %s at %s", self.node, hub)
            self.registered_at = hub
        for gone in answer["disowned"]:
            with self.lock:
                task = self.tasks.pop((gone["jobId"], gone["attempt"]), None)
            if task:
                log.info("the hub gave up job %s attempt %s: stopping it", task.job, task.attempt)
                task.forget()
        return answer

    def heartbeats(self):
        while True:
            time.sleep(self.interval)
            try:
                answer = self.heartbeat()
                self.renew_if_due(answer)
            except HubError as e:
                if e.status == 401:
                    log.error("the hub refused this agent: %s", e)
                    os._exit(1)
                log.warning("heartbeat refused: %s", e)
            except OSError as e:
                log.warning("heartbeat failed: %s", e)
            if self.grace and time.monotonic() - self.heard > self.grace:
                self.give_up()

    def renew_if_due(self, answer):
        """Renews when the hub asks, or once a third of the certificate's life is left; a failure is tried again later."""
        start, end = self.cert_validity
        asked = answer.get("renewNow", False)
        if (not asked and end - time.time() > (end - start) / 3) or time.monotonic() < self.renewal_retry:
            return
        if asked:
            log.info("the hub asks for a renewal now: %s", answer.get("renewReason", ""))
        try:
            self.renew()
        except (OSError, HubError, subprocess.CalledProcessError, KeyError) as e:
            self.renewal_retry = time.monotonic() + RENEWAL_RETRY_SECONDS
            log.warning("certificate not renewed yet (it expires %s; trying again in %d s): %s", iso(end), RENEWAL_RETRY_SECONDS, e)

    def renew(self):
        """Makes a new key and CSR with openssl, has the hub sign it, installs the pair, and registers with it.

        The new files are written beside the old ones and renamed over them, key first; a crash in between is finished
        at the next start (see finish_renewal). The hub accepts the old certificate until this one is used."""
        cert, key = self.files()
        csr = subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                              "-nodes", "-keyout", key + ".new", "-subj", "/CN=" + self.node],
                             check=True, capture_output=True, text=True).stdout
        os.chmod(key + ".new", 0o600)
        try:
            renewed = self.hub.call("POST", "/v1/agents/renew", {"csr": csr})
        except BaseException:
            os.remove(key + ".new")
            raise
        write_private(self.hub_cas() + ".new", renewed["trustedCas"])
        os.replace(self.hub_cas() + ".new", self.hub_cas())
        write_private(cert + ".part", renewed["certificateChain"])
        os.replace(cert + ".part", cert + ".new")  # from here on the pair is complete: finish_renewal installs it
        os.replace(key + ".new", key)
        os.replace(cert + ".new", cert)
        self.connect()
        log.info("renewed the certificate of node %s (expires %s)", self.node, iso(self.cert_validity[1]))
        self.heartbeat_quietly()

    def finish_renewal(self):
        """Completes a renewal cut short between its renames; drops a new key the hub never certified."""
        cert, key = self.files()
        if os.path.exists(cert + ".new"):
            if os.path.exists(key + ".new"):
                os.replace(key + ".new", key)
            os.replace(cert + ".new", cert)
            for path in (key, cert):
                os.chmod(path, 0o600)
            log.info("finished installing the renewed certificate of an earlier run")
        elif os.path.exists(key + ".new"):
            os.remove(key + ".new")
        if os.path.exists(cert + ".part"):
            os.remove(cert + ".part")

    def give_up(self):
        """Cut off for longer than the grace: the hub has given this agent's tasks up, so it stops them."""
        with self.lock:
            stopped = list(self.tasks.values())
            self.tasks.clear()
        for task in stopped:
            log.warning("no word from the hub for %.0f s: stopping job %s", self.grace, task.job)
            task.forget()

    def report(self, task, result):
        """Sends the result until the hub has stored it, or says the attempt is no longer this agent's."""
        while not task.forgotten:
            try:
                self.hub.call("POST", f"/v1/agents/jobs/{task.job}/result", result)
                log.info("job %s attempt %s ended %s", task.job, task.attempt, result["state"])
                break
            except HubError as e:
                if e.status == 409 and "not registered" in str(e):
                    self.heartbeat_quietly()
                elif e.status < 500 and e.status != 429:
                    log.warning("result of job %s refused: %s", task.job, e)
                    break
            except OSError as e:
                log.warning("result of job %s not sent yet: %s", task.job, e)
            time.sleep(1)
        with self.lock:
            self.tasks.pop((task.job, task.attempt), None)

    def heartbeat_quietly(self):
        try:
            self.heartbeat()
        except (OSError, HubError) as e:
            log.warning("heartbeat failed: %s", e)

    def run(self):
        os.umask(0o077)
        os.makedirs(self.state_dir, mode=0o700, exist_ok=True)
        cert, key = self.files()
        self.finish_renewal()
        if not os.path.exists(cert):
            self.enrol()
        self.connect()
        while True:
            try:
                self.heartbeat()
                break
            except OSError as e:
                log.warning("cannot reach the hub yet: %s", e)
                time.sleep(2)
            except HubError as e:
                if e.status < 500 and e.status != 429:
                    raise
                log.warning("not registered yet: %s", e)
                time.sleep(2)
        threading.Thread(target=self.heartbeats, name="heartbeats", daemon=True).start()
        while True:
            try:
                work = self.hub.call("GET", "/v1/agents/work?waitSeconds=20", timeout=40)["work"]
            except HubError as e:
                log.warning("poll refused: %s", e)
                if e.status == 409:  # the hub dropped this agent: register again, with the tasks it holds
                    self.heartbeat_quietly()
                else:
                    time.sleep(2)
                continue
            except OSError as e:
                log.warning("poll failed: %s", e)
                time.sleep(2)
                continue
            for item in work:
                self.take(item)

    def take(self, item):
        with self.lock:
            if item["type"] == "task":
                task = Task(self, item)
                self.tasks[(task.job, task.attempt)] = task
                log.info("running job %s attempt %s", task.job, task.attempt)
                task.start()
            else:
                for task in [t for (job, _), t in self.tasks.items() if job == item["jobId"]]:
                    log.info("cancelling job %s", task.job)
                    task.cancel()


def write_private(path, text):
    """Writes a file only its owner may read, whatever the umask."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as f:
        f.write(text)
    os.chmod(path, 0o600)


def validity(cert):
    """The certificate's start and end, in seconds since the epoch, read by openssl."""
    lines = subprocess.run(["openssl", "x509", "-noout", "-startdate", "-enddate", "-in", cert],
                           check=True, capture_output=True, text=True).stdout.splitlines()
    dates = dict(line.split("=", 1) for line in lines if "=" in line)
    return ssl.cert_time_to_seconds(dates["notBefore"]), ssl.cert_time_to_seconds(dates["notAfter"])


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def resources(state_dir):
    """What this machine has and how busy it is, from os and /proc where there is one."""
    cpus = os.cpu_count() or 1
    memory = {}
    try:
        with open("/proc/meminfo") as f:
            memory = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in f}
    except OSError:
        pass
    disk = shutil.disk_usage(state_dir)
    return {"logicalCpus": cpus, "cpuLoad": min(1.0, os.getloadavg()[0] / cpus),
            "memoryTotalBytes": memory.get("MemTotal", 0), "memoryAvailableBytes": memory.get("MemAvailable", 0),
            "storageTotalBytes": disk.total, "storageAvailableBytes": disk.free}


def main():
    parser = argparse.ArgumentParser(description="Join a ResourcePool hub over HTTPS and run its jobs.")
    parser.add_argument("--hub", required=True, action="append", help="the hub's HTTPS address, for example"
                        " https://hub.example:7080; repeatable for several hubs of one pool, tried in turn")
    parser.add_argument("--cacert", help="the CA certificate (PEM) to check the hub's with: the hub's tls/ca.pem,"
                        " or the CA of the operator's certificate (default: the system's trusted CAs)")
    parser.add_argument("--state-dir", required=True, help="where the agent keeps its key, certificate and jobs")
    parser.add_argument("--hostname", help="the name the agent gives the hub (default: this machine's)")
    parser.add_argument("--label", action="append", default=[], help="a label key=value (repeatable)")
    parser.add_argument("--join-token-file", help="a file holding the join token (or set POOL_JOIN_TOKEN)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        Agent(args).run()
    except HubError as e:
        raise SystemExit(f"pool-agent: the hub refused: {e}")
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
