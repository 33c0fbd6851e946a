/**
 * The browser's wall clock, read here only (the lint fence on `new Date()`, as the server's Clock):
 * pure functions take `now` as a parameter, so their unit tests pin it. `now` is reactive and moves
 * every `everyMs`, so texts such as "3 minutes ago" stay true while the page is open.
 */
export class Ticker {
  now = $state(readClock());
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(everyMs = 30_000) {
    this.timer = setInterval(() => (this.now = readClock()), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function readClock(): Date {
  // eslint-disable-next-line no-restricted-syntax -- the one read of the browser's clock
  return new Date();
}
