"""A killed report build leaves no process behind: not its notebook workers, not their
kernels (which Jupyter starts in sessions of their own), whether it was killed with
SIGKILL, which it cannot see, or SIGTERM, which it handles by cleaning up."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from analysis import paths

TOKEN = "ANALYSIS_KILLED_BUILD_TEST"


def _processes_with(tag: str) -> dict[int, str]:
    """Every live process (zombies are dead) whose environment holds TOKEN=`tag`: every
    descendant of the build inherits it, even once its parent is gone. pid: command."""
    needle = f"{TOKEN}={tag}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or needle not in (entry / "environ").read_bytes():
                continue
            state = (entry / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # ended while being read
            continue
        if state != "Z":
            found[int(entry.name)] = command.strip()
    return found


def _wait_for(condition: str, tag: str, seconds: float) -> dict[int, str]:
    """Poll the build's processes until `condition`: 'kernel' (a kernel running, and the
    build with both its workers: under load the second worker may start after the first
    kernel) or 'none' left."""
    deadline = time.monotonic() + seconds
    while True:
        found = _processes_with(tag)
        kernel = any("ipykernel_launcher" in command for command in found.values())
        ready = kernel and len(found) >= 4 if condition == "kernel" else not found
        if ready or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


@pytest.mark.skipif(
    sys.platform != "linux", reason="reads /proc; the parent-death signal is Linux's"
)
@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_build_leaves_no_process_behind(tmp_path: Path, sent: signal.Signals) -> None:
    tag = uuid.uuid4().hex
    output = tmp_path / "site" / "report"
    scratch = tmp_path / "tmp"  # the build's temporary folder (the kernels' sockets)
    scratch.mkdir()
    # A file, not a pipe: a process left behind would hold a pipe open, and reading it hang.
    log = (tmp_path / "stderr.txt").open("w+", encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", "--output", str(output)],
        cwd=paths.ROOT,
        env={**os.environ, TOKEN: tag, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        running = _wait_for("kernel", tag, seconds=60)
        # The build, its two workers and at least one kernel: there is something to leave.
        assert len(running) >= 4, running
        build.send_signal(sent)
        build.wait(timeout=10)
        left = _wait_for("none", tag, seconds=3)
        assert left == {}, f"still running after {sent.name}: {left}"
    finally:
        for pid in _processes_with(tag):  # never leave a failed test's processes running
            os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
            build.wait()
        log.close()
    if sent == signal.SIGTERM:  # it cleaned up: no staging folder, no kernel sockets
        assert build.returncode == 128 + signal.SIGTERM
        assert "stopped by SIGTERM" in (tmp_path / "stderr.txt").read_text(encoding="utf-8")
        assert list(output.parent.iterdir()) == []
        assert list(scratch.iterdir()) == []
    else:
        assert build.returncode == -signal.SIGKILL
