"""Time from exec to the first full frame, and peak memory, of the real binary in a
pseudo-terminal, against the minimal ratatui app of benches/minimal_tui.rs measured
in the same run (starts interleaved, so load affects both alike).

Run after `cargo build --release --bin trustbook --example minimal_tui`:
    python3 benches/startup.py [runs] [other trustbook binaries...]
Other binaries (say, a copy of an earlier build) are started in turn with the two,
so that a change is measured in the same minutes as what it changed.
Prints, per app, the median and range of the time to the first frame over `runs`
starts (default 20), each trustbook start with a fresh data folder, the median CPU
time the process had used when its first frame came (all its threads, from
/proc/PID/task/*/schedstat: unlike the wall time, hardly moved by other work on the
machine), the median peak resident memory (VmHWM, 0.1 s after the first frame), and
the ratios.
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

TRUSTBOOK = "target/release/trustbook"
MINIMAL = "target/release/examples/minimal_tui"
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
OTHERS = sys.argv[2:]


def cpu_ms(pid):
    """CPU time in ms used so far by every thread of process `pid`."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
            total += int(stat.read().split()[0])
    return total / 1e6


def start(argv, env, first_frame):
    """(ms from fork to the first frame's words, peak resident KiB, CPU ms at the
    first frame) of one start."""
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    while first_frame not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit(f"{argv[0]}: no first frame within 5 s")
        seen += os.read(fd, 65536)
    ms = (time.perf_counter() - t0) * 1000
    cpu = cpu_ms(pid)
    # Peak memory once the first frame is out and the app has settled: VmHWM of its
    # own address space (getrusage would count the forked Python too).
    select.select([fd], [], [], 0.1)
    with open(f"/proc/{pid}/status") as status:
        kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    os.write(fd, b"\x11")  # Ctrl+Q
    while True:  # read until the pty closes, so the app is never blocked writing
        ready, _, _ = select.select([fd], [], [], 5)
        try:
            if not ready or not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    return ms, kib, cpu


def trustbook(binary=TRUSTBOOK):
    # Named, so the welcome menu is the first frame (a first run would ask a name).
    env = {"TRUSTBOOK_DATA_DIR": tempfile.mkdtemp()}
    return start([binary, "--profile", "bench"], env, b"Start from the beginning")


def minimal():
    # ratatui skips the blank cells between words: the first word marks the frame.
    return start([MINIMAL], {}, b"minimal")


ours, base = [], []
others = {path: [] for path in OTHERS}
starts = [(base, minimal), (ours, trustbook)] + [
    (others[path], lambda path=path: trustbook(path)) for path in OTHERS
]
for i in range(RUNS):
    # Each round starts with the next app: a start costs less right after another one
    # (0.4 ms a place in one run), so a fixed order would favour whoever comes later.
    for runs, run in starts[i % len(starts):] + starts[:i % len(starts)]:
        runs.append(run())


def summary(name, runs):
    ms = [r[0] for r in runs]
    kib = statistics.median(r[1] for r in runs)
    cpu = statistics.median(r[2] for r in runs)
    print(f"{name}: first frame median {statistics.median(ms):.2f} ms "
          f"(min {min(ms):.2f}, max {max(ms):.2f}), CPU {cpu:.2f} ms, "
          f"peak memory {kib / 1024:.1f} MiB")
    return statistics.median(ms), kib, cpu


t_ours, m_ours, c_ours = summary("trustbook", ours)
t_base, m_base, c_base = summary("minimal ratatui app", base)
print(f"ratio: time {t_ours / t_base:.2f}x, CPU {c_ours / c_base:.2f}x, "
      f"memory {m_ours / m_base:.2f}x (n={RUNS}, load {os.getloadavg()[0]:.1f})")
for path, runs in others.items():
    t, m, c = summary(path, runs)
    print(f"  {path} against the minimal app: time {t / t_base:.2f}x, CPU {c / c_base:.2f}x, "
          f"memory {m / m_base:.2f}x")
