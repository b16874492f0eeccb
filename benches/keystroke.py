"""Keystroke latency in a pseudo-terminal: time from a typed key to the app's
output, typing at the end of a 64 KiB and a 1 MiB answer, against the minimal
ratatui app of benches/minimal_tui.rs measured in the same run.

Run after `cargo build --release --bin trustbook --example minimal_tui`:
    python3 benches/keystroke.py
Prints the p50 and p99 of 200 keys per case, and the ratios to the minimal app.
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

TRUSTBOOK = "target/release/trustbook"
MINIMAL = "target/release/examples/minimal_tui"
KEYS = 200


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def drain(fd, quiet):
    """Reads until the app has been silent for `quiet` seconds; returns what came."""
    seen = b""
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return seen
        try:
            seen += os.read(fd, 1 << 20)
        except OSError:  # the app has exited and the pty is closed
            return seen


def wait_for(fd, text, limit=30):
    seen = b""
    end = time.perf_counter() + limit
    while text not in seen:
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.perf_counter()))
        if not ready:
            sys.exit(f"never saw {text!r}")
        seen += os.read(fd, 1 << 20)


def prose(size):
    para = ("I keep coming back to the evening we talked about the move, "
            "and how I did not say what I felt. ")
    out, n = [], 0
    total = 0
    while total < size:
        out.append(para)
        total += len(para)
        n += 1
        if n % 6 == 0:
            out.append("\n")
    return "".join(out)


def time_keys(fd):
    """p50 and p99 in ms of a key until the first byte of the redraw."""
    times = []
    for i in range(KEYS):
        key = b"a" if i % 2 == 0 else b"\x7f"
        t0 = time.perf_counter()
        os.write(fd, key)
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("no redraw within 5 s")
        times.append((time.perf_counter() - t0) * 1000)
        drain(fd, 0.03)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99)]


def trustbook(size):
    # Named, so it opens on the welcome menu (a first run would ask a name).
    pid, fd = spawn([TRUSTBOOK, "--profile", "bench"], {"TRUSTBOOK_DATA_DIR": tempfile.mkdtemp()})
    wait_for(fd, b"Start from the beginning")
    os.write(fd, b"s")
    drain(fd, 0.3)
    # The first start shows "Before you start", then the chapter's introduction:
    # Enter goes on until the first exercise's answer box is on screen.
    for _ in range(3):
        os.write(fd, b"\r")
        if b"Your answer" in drain(fd, 0.5):
            break
    else:
        sys.exit("never saw b'Your answer'")
    # The first exercises may be a scale or a list: Tab on to the first text answer,
    # whose footer names the typing keys (Ctrl+P, not p, for private).
    for _ in range(12):
        os.write(fd, b"\t")
        if b"Ctrl+P" in drain(fd, 0.5):
            break
    else:
        sys.exit("never reached a text exercise")
    # The answer arrives as one bracketed paste, as a big paste would.
    os.write(fd, b"\x1b[200~" + prose(size).encode() + b"\x1b[201~")
    wait_for(fd, "↑".encode())  # the box now scrolls: the paste is in
    drain(fd, 1.0)
    result = time_keys(fd)
    os.write(fd, b"\x11")  # Ctrl+Q
    drain(fd, 0.5)
    os.waitpid(pid, 0)
    return result


def minimal(size):
    pid, fd = spawn([MINIMAL], {})
    drain(fd, 0.3)
    # The yardstick's text stays short: it measures the terminal round trip.
    result = time_keys(fd)
    os.write(fd, b"\x11")
    drain(fd, 0.3)
    os.waitpid(pid, 0)
    return result


for name, size in [("64 KiB", 64 * 1024), ("1 MiB", 1024 * 1024)]:
    base, base99 = minimal(size)
    ours, ours99 = trustbook(size)
    print(f"{name}: trustbook p50 {ours:.2f} ms, p99 {ours99:.2f}; "
          f"minimal ratatui app p50 {base:.2f} ms, p99 {base99:.2f}; "
          f"ratio p50 {ours / base:.2f}x, p99 {ours99 / base99:.2f}x "
          f"(load {os.getloadavg()[0]:.1f})")
