// Progress on stderr for long runs: a live line on a terminal, otherwise a plain line every few seconds.

export interface Progress {
  update(phase: string): void;
  stop(): void;
}

const QUIET_MS = 1500;
const PLAIN_EVERY_MS = 5000;

export function startProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let phase = "starting";
  let lastPlain = 0;
  const tty = stream.isTTY === true;
  const tick = () => {
    const elapsed = Date.now() - started;
    if (elapsed < QUIET_MS) return;
    const text = `${phase} (${Math.round(elapsed / 1000)} s)`;
    if (tty) stream.write(`\r\u001b[2K${text}`);
    else if (elapsed - lastPlain >= PLAIN_EVERY_MS) {
      lastPlain = elapsed;
      stream.write(`preview: ${text}\n`);
    }
  };
  const timer = setInterval(tick, tty ? 200 : 1000);
  timer.unref();
  return {
    update: (p) => {
      phase = p;
    },
    stop: () => {
      clearInterval(timer);
      if (tty && Date.now() - started >= QUIET_MS) stream.write("\r\u001b[2K");
    },
  };
}
