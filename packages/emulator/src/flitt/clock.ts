/** The emulator's time: the real clock (or an injected one) plus whatever tests advanced it by. */
export class FlittClock {
  private offset = 0;
  private readonly listeners: Array<(now: number) => void> = [];

  constructor(private readonly base: () => number = () => Math.floor(Date.now() / 1000)) {}

  /** Unix seconds. */
  now(): number {
    return this.base() + this.offset;
  }

  /** Moves time forward and lets everything due (scheduled charges, expiries) happen. */
  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('The clock only moves forward by a finite number of seconds.');
    this.offset += Math.floor(seconds);
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }

  onTick(listener: (now: number) => void): void {
    this.listeners.push(listener);
  }
}
