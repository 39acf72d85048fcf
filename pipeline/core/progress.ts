// Progress on a terminal, silence otherwise (CI logs and pipes stay clean).
const tty = Boolean(process.stderr.isTTY) && !process.env.CI;

export function step(message: string): void {
  if (tty) process.stderr.write(`contrechamp: ${message}\n`);
}

/** A counter that redraws one line at most ~10 times a second. */
export function counter(label: string, total: number): { tick(n?: number): void; done(): void } {
  let k = 0;
  let last = 0;
  return {
    tick(n = 1) {
      k += n;
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && k < total) return;
      last = now;
      process.stderr.write(`\rcontrechamp: ${label} ${k}/${total} (${Math.round((100 * k) / Math.max(total, 1))}%)`);
    },
    done() {
      if (tty) process.stderr.write(`\rcontrechamp: ${label} ${total}/${total} (100%)\n`);
    },
  };
}
