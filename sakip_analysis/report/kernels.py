"""Warm kernels with clean state: every notebook still gets a fresh kernel process, but it is
forked from a parent (the "zygote") that has already imported pandas, matplotlib, seaborn,
numpy, IPython and sakip_analysis, so a kernel is ready in a fraction of a second and the
notebook's import cell costs almost nothing.

Why a fork is clean: the zygote never runs notebook code, so every kernel starts from the same
pristine state (no global, rcParams or random state of an earlier report). The zygote creates
no thread and no ZMQ context before forking (both are checked; a zygote that finds one refuses
to fork and the worker falls back to stock kernels). The child starts its own session (its
own process group, so a kill reaches everything it started), dies with the zygote
(PR_SET_PDEATHSIG), and reseeds numpy's and Python's global random state from the OS, as a new
process would. The zygote reaps its children and reports their exit status.

papermill drives these kernels unchanged: they are launched through jupyter_client's kernel
provisioner interface (`ZygoteProvisioner`), selected by `WarmKernelManager`'s kernel spec.
On platforms without `os.fork` (Windows) or without `prctl` (macOS), stock kernels are used.

The zygote is a separate process started with `python -m sakip_analysis.report.kernels`, one
per worker process, and it exits when that worker exits.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: What a notebook imports, loaded once in the zygote. A module that fails to import is
#: skipped (the kernel then imports it itself, as a stock kernel would).
PRELOAD = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "seaborn",
    # what pandas.read_parquet imports on first use (0.1-0.3 s per kernel): loading only,
    # no thread and no file opened
    "pyarrow.parquet", "pyarrow.dataset",
    "IPython", "IPython.display", "ipykernel.kernelapp", "ipykernel.ipkernel",
    # what IPKernelApp.initialize imports in a kernel (0.6 s of a forked kernel's start)
    "ipykernel.debugger", "tornado.gen", "tornado.locks", "tornado.queues",
    "tornado.platform.asyncio", "sqlite3", "psutil", "pdb", "IPython.extensions",
    "sakip_analysis", "sakip_analysis.read.dataset", "sakip_analysis.report.plots",
    "sakip_analysis.report.views.common", "sakip_analysis.report.views.kecamatan",
    "sakip_analysis.report.views.cross", "sakip_analysis.report.views.review",
    "sakip_analysis.report.views.trends", "sakip_analysis.analysis.indicators",
    "sakip_analysis.analysis.compare",
)
KERNEL_OPTIONS = ("--HistoryManager.enabled=False",)
"""Options for every kernel the batch starts, warm or stock. A report's kernel has no use for
IPython's input history (nbclient already keeps it in memory, never on disk): without it, no
history thread and no SQLite write per cell (a third of a small cell's kernel CPU)."""
PROVISIONER_NAME = "sakip-zygote"
_IOPUB_PROBE = 0.02
"""Seconds a starting kernel's client waits for IOPub before asking kernel_info again."""
_RECONNECT_MS = 10
"""How soon a client's socket tries again to reach a kernel that is not listening yet (ZMQ's
default is 100 ms, and a forked kernel binds its ports some 40 ms after the client first
tries to connect: 0.15 s idle per notebook at every start)."""
_PR_SET_PDEATHSIG = 1
_READY_TIMEOUT = 120.0  # seconds for the zygote's imports on a cold, busy machine


def fork_supported() -> tuple[bool, str]:
    """(whether warm kernels can be used here, the reason when not), in Indonesian for the log."""
    if not hasattr(os, "fork"):
        return False, "os.fork tidak tersedia di sistem ini"
    if not sys.platform.startswith("linux"):
        return False, f"kernel hangat hanya untuk Linux (sistem ini {sys.platform})"
    return True, ""


def _prctl_pdeathsig(sig: int) -> None:
    """Ask the kernel to send `sig` to this process when its parent dies (Linux)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)


# --------------------------------------------------------------------------- the zygote

def _fork_kernel(request: dict[str, Any], listener: socket.socket,
                 conn: socket.socket) -> int:
    """Fork one kernel; returns its pid once it leads its own session (so killpg works)."""
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid:  # the zygote
        os.close(ready_w)
        os.read(ready_r, 1)  # the child has called setsid (or died: EOF)
        os.close(ready_r)
        return pid
    # ---- the kernel (child): never return into the zygote's loop
    try:
        os.close(ready_r)
        listener.close()
        conn.close()
        os.setsid()
        zygote = os.getppid()
        _prctl_pdeathsig(signal.SIGKILL)
        if os.getppid() != zygote:  # the zygote died between fork and prctl
            os._exit(1)
        os.write(ready_w, b"1")
        os.close(ready_w)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        import random

        random.seed()
        with contextlib.suppress(ImportError):
            import numpy

            numpy.random.seed()  # numpy's legacy global state: fresh entropy, as a new process
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=request["argv"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    os._exit(code)


def _native_threads() -> int | None:
    """Threads of this process, native ones included (None where /proc is missing)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def _clean_for_fork(native: int | None = None) -> str:
    """'' when forking is safe here; else why not (a thread or a ZMQ context exists, or more
    native threads than `native`, the count after the imports: numpy's BLAS and Arrow's
    allocator start theirs on import and are fork-aware, but nothing we run may add one)."""
    if threading.active_count() != 1:
        names = ", ".join(t.name for t in threading.enumerate())
        return f"zygote memiliki thread lain ({names})"
    now = _native_threads()
    if native is not None and now is not None and now > native:
        return f"zygote memulai {now - native} thread bawaan sesudah impor"
    zmq = sys.modules.get("zmq")
    if zmq is not None and getattr(zmq.Context, "_instance", None) is not None:
        return "zygote sudah membuat konteks ZMQ"
    return ""


#: Functions that fill caches a kernel would otherwise fill on its first chart or table
#: (fonts, glyphs, templates). They never run notebook code and touch no data.
WARM_UP = ("sakip_analysis.report.plots:warm_up", "sakip_analysis.report.views.common:warm_up")


def _warm_caches() -> list[str]:
    """Run the WARM_UP functions in the zygote; the ones that failed (skipped: their kernel
    then fills the cache itself, as a stock kernel does)."""
    import importlib

    failed = []
    for target in WARM_UP:
        module, _, function = target.partition(":")
        try:
            getattr(importlib.import_module(module), function)()
        except Exception:
            failed.append(target)
    return failed


def _preload_datasets(folders: Sequence[str]) -> list[str]:
    """Read the dataset folders ahead (`read.dataset.preload`); the ones read."""
    try:
        from sakip_analysis.read.dataset import preload
    except Exception:
        return []
    return [folder for folder in folders if preload(folder)]


def serve(socket_path: str, parent_pid: int, datasets: Sequence[str] = ()) -> None:
    """The zygote's loop: preload, then fork kernels on request until the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C is the batch's business
    # the same backend a stock kernel selects (ipykernel sets it before matplotlib is imported)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    started = time.perf_counter()
    missing = []
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:  # the kernel will import (and report) it itself
            missing.append(name)
    cold = _warm_caches()
    native = _native_threads()
    held = _preload_datasets(datasets)
    # Everything loaded so far lives as long as the zygote: out of the garbage collector's
    # sight, so no kernel's collection walks (and, through copy-on-write, copies) it again
    gc.collect()
    gc.freeze()
    preload_s = time.perf_counter() - started
    problem = _clean_for_fork(native)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path + ".tmp")
    os.rename(socket_path + ".tmp", socket_path)  # appears only when the zygote is ready
    listener.listen(8)
    exits: dict[int, int] = {}
    children: set[int] = set()

    def reap() -> None:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)
            exits[pid] = os.waitstatus_to_exitcode(status)

    try:
        while os.getppid() == parent_pid:
            readable, _, _ = select.select([listener], [], [], 0.2)
            reap()
            if not readable:
                continue
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(10)
                try:
                    request = json.loads(conn.makefile("r", encoding="utf-8").readline())
                except (OSError, ValueError):
                    continue
                reply: dict[str, Any]
                if request.get("cmd") == "hello":
                    reply = {"ok": not problem, "problem": problem, "missing": missing,
                             "cold": cold, "datasets": held, "preload_s": round(preload_s, 3),
                             "pid": os.getpid()}
                elif request.get("cmd") == "fork" and not problem:
                    pid = _fork_kernel(request, listener, conn)
                    children.add(pid)
                    reply = {"pid": pid}
                elif request.get("cmd") == "status":
                    reap()
                    pid = int(request["pid"])
                    reply = {"exit": exits.get(pid), "alive": pid in children}
                else:
                    reply = {"error": problem or f"perintah tidak dikenal: {request!r}"}
                with contextlib.suppress(OSError):
                    conn.sendall((json.dumps(reply) + "\n").encode())
    finally:
        for pid in children:  # the worker is gone: so are its kernels
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.unlink(socket_path)


# --------------------------------------------------------------------------- the worker's side

class Zygote:
    """A running zygote, as seen from the process that started it (which owns it: it stops
    when that process exits) or from a worker attached to it by its socket path."""

    def __init__(self, attach: str | None = None, datasets: Sequence[str] = ()) -> None:
        """Start a zygote (that reads `datasets`, folders, ahead for its kernels: see
        `read.dataset.preload`), or attach to the one listening at `attach`."""
        self.info: dict[str, Any] | None = None
        self.problem = ""
        self.process: subprocess.Popen | None = None
        if attach is not None:
            self.path, self.folder = attach, os.path.dirname(attach)
            return
        self.folder = tempfile.mkdtemp(prefix="sakip-zygote-")
        self.path = os.path.join(self.folder, "z.sock")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sakip_analysis.report.kernels", self.path,
             str(os.getpid()), *datasets],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, close_fds=True)

    @property
    def owned(self) -> bool:
        return self.process is not None

    def running(self) -> bool:
        return self.process.poll() is None if self.process is not None else True

    def _call(self, request: dict[str, Any], timeout: float = 30) -> dict[str, Any]:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(self.path)
            sock.sendall((json.dumps(request) + "\n").encode())
            line = sock.makefile("r", encoding="utf-8").readline()
        if not line:
            raise OSError("zygote menutup koneksi tanpa jawaban")
        return json.loads(line)

    def ready(self) -> bool:
        """Wait for the zygote's imports; False (with `problem` set) when it cannot fork."""
        if self.info is not None:
            return not self.problem
        deadline = time.monotonic() + _READY_TIMEOUT
        while not os.path.exists(self.path):
            if self.process is not None and self.process.poll() is not None:
                self.problem = f"zygote berhenti saat mulai (kode {self.process.returncode})"
                self.info = {}
                return False
            if time.monotonic() > deadline:
                self.problem = "zygote tidak siap dalam batas waktu"
                self.info = {}
                return False
            time.sleep(0.02)
        try:
            self.info = self._call({"cmd": "hello"})
            self.problem = str(self.info.get("problem") or "")
        except (OSError, ValueError) as exc:
            self.info, self.problem = {}, f"zygote tidak menjawab: {exc}"
        return not self.problem

    def fork(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """Fork a kernel that runs `IPKernelApp` with `argv` (e.g. ['-f', connection_file])."""
        reply = self._call({"cmd": "fork", "argv": list(argv), "cwd": cwd, "env": dict(env)})
        if "pid" not in reply:
            raise OSError(reply.get("error", "zygote menolak fork"))
        return int(reply["pid"])

    def exit_status(self, pid: int) -> int | None:
        """None while the kernel runs; its exit code once it ended (-N: killed by signal N)."""
        try:
            reply = self._call({"cmd": "status", "pid": pid}, timeout=10)
        except (OSError, ValueError):
            # zygote gone: its kernels died with it (PDEATHSIG); unknown code
            return None if _alive(pid) else -signal.SIGKILL
        if reply.get("exit") is not None:
            return int(reply["exit"])
        return None if reply.get("alive") or _alive(pid) else -signal.SIGKILL

    def stop(self) -> None:
        """Stop the zygote (its kernels die with it); a worker merely attached leaves it."""
        if self.process is None:
            return
        with contextlib.suppress(OSError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.rmdir(self.folder)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


_ZYGOTE: Zygote | None = None
_ZYGOTE_LOCK = threading.Lock()
#: pids (= process-group ids) of the kernels this worker has started, warm or stock
LIVE_KERNELS: set[int] = set()
#: CPU seconds of the last kernel this worker stopped ("last"), read from /proc before the
#: kill: the benchmark's breakdown (a forked kernel is not our child, rusage cannot see it)
KERNEL_CPU: dict[str, float] = {}


def _record_cpu(pid: int | None) -> None:
    if pid is None:
        return
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return
    ticks = os.sysconf("SC_CLK_TCK")
    KERNEL_CPU["last"] = sum(int(f) for f in fields[11:15]) / ticks  # utime stime cutime cstime


def start_zygote() -> Zygote | None:
    """This process's zygote: the one it was attached to, else its own, started on first call
    (None where fork is not supported)."""
    global _ZYGOTE
    if not fork_supported()[0]:
        return None
    with _ZYGOTE_LOCK:
        if _ZYGOTE is None or not _ZYGOTE.running():
            _ZYGOTE = Zygote()
        return _ZYGOTE


def attach_zygote(path: str) -> None:
    """Use the zygote listening at `path` (started by the batch's own process, shared by its
    workers: the imports are paid once per batch, not once per worker)."""
    global _ZYGOTE
    with _ZYGOTE_LOCK:
        _ZYGOTE = Zygote(attach=path)


def warm_status() -> tuple[bool, str]:
    """(warm kernels usable in this process, why not), waiting for the zygote's imports."""
    ok, why = fork_supported()
    if not ok:
        return False, why
    zygote = start_zygote()
    assert zygote is not None
    return (True, "") if zygote.ready() else (False, zygote.problem)


def stop_zygote() -> None:
    """Stop this process's zygote (its kernels die with it) and reap it."""
    global _ZYGOTE
    with _ZYGOTE_LOCK:
        if _ZYGOTE is not None:
            _ZYGOTE.stop()
            _ZYGOTE = None


def kill_kernels() -> None:
    """Kill every kernel (and its process group) and the zygote of this process: used when the
    batch is stopped or its parent died."""
    for pid in list(LIVE_KERNELS):
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    if _ZYGOTE is not None:
        _ZYGOTE.stop()


def watch_parent(pid: int) -> None:
    """Exit this worker (killing its kernels and zygote) as soon as process `pid` is gone, even
    by SIGKILL: a daemon thread waits on a pidfd (Linux), else polls every half second."""

    def wait_for_exit() -> None:
        try:
            fd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])
        else:
            while _alive(pid):
                time.sleep(0.5)
        kill_kernels()
        os._exit(1)

    if not _alive(pid):
        wait_for_exit()
    threading.Thread(target=wait_for_exit, name="sakip-parent-watch", daemon=True).start()


# --------------------------------------------------------------------------- jupyter_client side

def _provisioner_classes() -> tuple[type, type]:
    """Build (ZygoteProvisioner, WarmKernelManager) on first use: jupyter_client is imported
    by workers only, never by the zygote's preload or the `sakip` command's start."""
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_client.provisioning import LocalProvisioner
    from jupyter_client.utils import ensure_async

    class ForkedKernel:
        """The Popen-like handle LocalProvisioner expects, for a kernel that is the zygote's
        child rather than ours."""

        stdin = stdout = stderr = None

        def __init__(self, zygote: Zygote, pid: int) -> None:
            self.zygote, self.pid, self.returncode = zygote, pid, None

        def poll(self) -> int | None:
            if self.returncode is None:
                self.returncode = self.zygote.exit_status(self.pid)
                if self.returncode is not None:
                    LIVE_KERNELS.discard(self.pid)
            return self.returncode

        def wait(self, timeout: float | None = None) -> int:
            deadline = None if timeout is None else time.monotonic() + timeout
            while self.poll() is None:
                if deadline is not None and time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired("kernel", timeout or 0)
                time.sleep(0.05)
            return int(self.returncode or 0)

        def send_signal(self, signum: int) -> None:
            os.kill(self.pid, signum)

        def kill(self) -> None:
            self.send_signal(signal.SIGKILL)

        def terminate(self) -> None:
            self.send_signal(signal.SIGTERM)

    class Tracked(LocalProvisioner):
        """Records the kernel's process group (a stopped batch kills it) and its CPU time."""

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            info = await super().launch_kernel(cmd, **kwargs)
            LIVE_KERNELS.add(self.pid)
            return info

        async def shutdown_requested(self, restart: bool = False) -> None:
            _record_cpu(self.pid)
            await super().shutdown_requested(restart=restart)

        async def kill(self, restart: bool = False) -> None:
            _record_cpu(self.pid)
            await super().kill(restart=restart)

        async def cleanup(self, restart: bool = False) -> None:
            if self.pid is not None:
                LIVE_KERNELS.discard(self.pid)
            await super().cleanup(restart=restart)

    class ZygoteProvisioner(Tracked):
        """A kernel forked from this worker's zygote; the connection file, IPC paths, signals
        and shutdown are LocalProvisioner's own."""

        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            zygote = start_zygote()
            if zygote is None or not zygote.ready():
                return await super().launch_kernel(cmd, **kwargs)
            env = dict(kwargs.get("env") or os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = zygote.fork(_kernel_argv(cmd, self.parent.connection_file), cwd, env)
            LIVE_KERNELS.add(pid)
            self.process = ForkedKernel(zygote, pid)
            self.pid = self.pgid = pid
            self.cwd = cwd
            return self.connection_info

    class StockProvisioner(Tracked):
        """The stock launch: a new Python process per kernel."""

    _register(PROVISIONER_NAME, "ZygoteProvisioner")
    _register("sakip-stock", "StockProvisioner")

    class PromptClient(AsyncKernelClient):
        """jupyter_client's client, without its idle waits at start-up.

        After the kernel_info reply and one IOPub message (the channels are connected),
        `wait_for_ready` drains IOPub until 0.2 s pass with no message: a fifth of a second
        of idle time per notebook, two workers' worth of CPU left unused. nbclient ignores
        IOPub messages whose parent is not the cell it runs, so the drain serves nothing here:
        the same handshake, then what is queued now is drained without waiting.

        The handshake itself waited 0.2 s for IOPub after each reply; but the first reply's
        status message is nearly always published before the subscription has reached the
        kernel (ZMQ's slow joiner) and is lost, so every start sat out that wait and asked
        again. Asking again after `_IOPUB_PROBE` instead costs one more small request."""

        async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
                except Empty:
                    reply = None
                if reply is not None and reply["msg_type"] == "kernel_info_reply":
                    try:  # IOPub connected? (the kernel's status message for this request)
                        await ensure_async(self.iopub_channel.get_msg(timeout=_IOPUB_PROBE))
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(reply)
                        break
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            while True:
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0))
                except Empty:
                    return

        wait_for_ready = _async_wait_for_ready

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _prompt_reconnect(self.context)

    class WarmKernelManager(AsyncKernelManager):
        """python3's kernel spec, provisioned by `provisioner_name` (a class attribute), with
        a client and a shutdown that do not sit idle."""

        provisioner_name = PROVISIONER_NAME

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.client_factory = PromptClient
            _prompt_reconnect(self.context)

        async def _async_wait(self, pollinterval: float = 0.01) -> None:
            """After a kill, see the kernel gone within 10 ms rather than jupyter_client's
            100 ms polls (a tenth of a second idle per notebook)."""
            await super()._async_wait(pollinterval=pollinterval)

        @property
        def kernel_spec(self) -> Any:
            spec = super().kernel_spec
            if spec is not None:
                spec.metadata = dict(spec.metadata or {})
                spec.metadata["kernel_provisioner"] = {"provisioner_name":
                                                       self.provisioner_name, "config": {}}
            return spec

    class StockKernelManager(WarmKernelManager):
        provisioner_name = "sakip-stock"

    return (ZygoteProvisioner, StockProvisioner, WarmKernelManager, StockKernelManager)


def _prompt_reconnect(context: Any) -> None:
    """Make the sockets `context` creates from now on retry a refused connection after
    `_RECONNECT_MS` rather than ZMQ's 100 ms: the client connects as soon as the kernel it
    started is listening, not up to a tenth of a second later."""
    import zmq

    context.setsockopt(zmq.RECONNECT_IVL, _RECONNECT_MS)


def _kernel_argv(cmd: list[str], connection_file: str) -> list[str]:
    """The kernel's own arguments from the stock launch command (`python -m ipykernel_launcher
    -f FILE --HistoryManager.hist_file=:memory: …`): the same kernel options, warm."""
    for i, part in enumerate(cmd):
        if part.endswith("ipykernel_launcher") or part.endswith("ipykernel_launcher.py"):
            return list(cmd[i + 1:])
    return ["-f", connection_file]


def _register(name: str, attribute: str) -> None:
    """Make provisioner `name` known to jupyter_client without installing an entry point."""
    from importlib.metadata import EntryPoint

    from jupyter_client.provisioning.factory import KernelProvisionerFactory

    factory = KernelProvisionerFactory.instance()
    factory.provisioners[name] = EntryPoint(
        name=name, value=f"{__name__}:{attribute}", group=KernelProvisionerFactory.GROUP_NAME)


_CLASSES: tuple[type, ...] | None = None


def kernel_manager_class(warm: bool) -> type:
    """The KernelManager class nbclient (and so papermill) should use."""
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _provisioner_classes()
    return _CLASSES[2] if warm else _CLASSES[3]


def __getattr__(name: str) -> Any:
    """`ZygoteProvisioner` and `StockProvisioner` for jupyter_client's entry-point loader."""
    global _CLASSES
    if name in ("ZygoteProvisioner", "StockProvisioner"):
        if _CLASSES is None:
            _CLASSES = _provisioner_classes()
        return _CLASSES[0] if name == "ZygoteProvisioner" else _CLASSES[1]
    raise AttributeError(name)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
