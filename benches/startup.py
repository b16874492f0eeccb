"""Time from exec to the first full frame of the real binary in a pseudo-terminal.

Run after `cargo build --release`:  python3 benches/startup.py [path-to-binary]
Prints the median of 20 starts, each with a fresh data folder.
"""
import fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/trustbook"
times = []
for _ in range(20):
    data = tempfile.mkdtemp()
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TRUSTBOOK_DATA_DIR"] = data
        os.environ["TERM"] = "xterm-256color"
        # Named, so the welcome menu is the first frame (a first run would ask a name).
        os.execv(binary, ["trustbook", "--profile", "bench"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    while b"Start from the beginning" not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("no first frame within 5 s")
        seen += os.read(fd, 65536)
    times.append((time.perf_counter() - t0) * 1000)
    os.write(fd, b"\x11")  # Ctrl+Q
    os.waitpid(pid, 0)
print(f"exec to first frame: median {statistics.median(times):.1f} ms "
      f"(min {min(times):.1f}, max {max(times):.1f}, n={len(times)})")
