import type { Terminal } from './terminal.js';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Progress on stderr: a spinner with the phase and elapsed seconds redrawn in place on a
 * terminal; plain, one-per-change lines otherwise (CI logs, pipes).
 */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private status = '';
  private readonly started = Date.now();

  constructor(private readonly terminal: Terminal) {}

  /** The current state, e.g. "Pending"; redrawn on a TTY, printed once otherwise. */
  update(status: string): void {
    if (status === this.status) return;
    this.status = status;
    if (!this.terminal.progressTTY) {
      this.terminal.stderr(`${this.elapsed()}  ${status}\n`);
      return;
    }
    this.draw();
    this.timer ??= setInterval(() => this.draw(), 100);
  }

  /** A line that stays (an event): printed above the spinner. */
  note(line: string): void {
    if (this.terminal.progressTTY) this.terminal.stderr('\r\u001b[2K');
    this.terminal.stderr(`${this.elapsed()}  ${line}\n`);
    if (this.terminal.progressTTY && this.timer) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.terminal.progressTTY) this.terminal.stderr('\r\u001b[2K');
  }

  seconds(): number {
    return (Date.now() - this.started) / 1000;
  }

  private elapsed(): string {
    return `[${this.seconds().toFixed(1).padStart(5)}s]`;
  }

  private draw(): void {
    this.frame = (this.frame + 1) % frames.length;
    this.terminal.stderr(`\r\u001b[2K${frames[this.frame]} ${this.status} ${this.elapsed()}`);
  }
}
