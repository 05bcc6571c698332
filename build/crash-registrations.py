"""A check, not a test (it kills a process and waits out the claim window): registration must never burn a loginId.

Starts the local host (Release build) on a scratch data folder, sends N registrations at once, kills the host with
SIGKILL while they are in flight, starts it again on the same folder and then checks every loginId: either its
investor can sign in with the password it registered with, or the loginId is free (a new registration of it
succeeds once a claim left without its investor is older than the 30 s completion window).

    python3 build/crash-registrations.py [registrations=200] [kill-after-seconds=1.0]
"""
import concurrent.futures
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "src/OkCow.LocalHost/bin/Release/net10.0/OkCow.LocalHost.dll")
CLAIM_WINDOW_SECONDS = 31


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data, port):
    env = dict(os.environ, OKCOW_DATA_DIR=data, OKCOW_OPERATOR_PASSWORD="crash-check-operator",
               OkCow__Security__SignInPermitsPerMinute="0", OkCow__Security__PasswordIterations="1000")
    host = subprocess.Popen(["dotnet", DLL, f"--urls=http://127.0.0.1:{port}"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/mcpi", timeout=2)
            return host
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    host.kill()
    sys.exit("the local host did not start within 90 s")


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None  # the host died under the request


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    kill_after = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    if not os.path.exists(DLL):
        sys.exit(f"build first: dotnet build OkCow.sln -c Release ({DLL} is missing)")
    data = tempfile.mkdtemp(prefix="okcow-crash-")
    port = free_port()
    people = [(f"crash_{i:04d}", f"password-{i:04d}") for i in range(count)]
    try:
        host = start(data, port)
        with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
            sent = [pool.submit(post, port, "/api/investors", {"name": f"Crash {i}", "loginId": login, "password": pw})
                    for i, (login, pw) in enumerate(people)]
            time.sleep(kill_after)
            host.send_signal(signal.SIGKILL)
            host.wait()
            answers = [f.result() for f in sent]
        print(f"before the kill: {answers.count(201)} registered, {answers.count(None)} cut off, "
              f"{len(answers) - answers.count(201) - answers.count(None)} other answers")

        host = start(data, port)
        usable, free, burned = 0, 0, []
        pending = []
        for login, pw in people:
            if post(port, "/api/sessions", {"loginId": login, "password": pw}) == 200:
                usable += 1
            else:
                pending.append((login, pw))
        if pending:
            time.sleep(CLAIM_WINDOW_SECONDS)
        for login, pw in pending:
            status = post(port, "/api/investors", {"name": "Again", "loginId": login, "password": pw + "-again"})
            if status == 201 and post(port, "/api/sessions", {"loginId": login, "password": pw + "-again"}) == 200:
                free += 1
            else:
                burned.append((login, status))
        host.send_signal(signal.SIGTERM)
        host.wait()
        print(f"after the restart: {usable} usable by their investor, {free} free (registered again), {len(burned)} burned")
        for login, status in burned:
            print(f"  BURNED {login}: a new registration answered {status}")
        print(f"{usable + free} passed, {len(burned)} failed")
        return 1 if burned else 0
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
