/** The words keepalived.conf is made of, checked: shared by the virtual_server and VRRP renderers. */

const WORD = /^[A-Za-z0-9._:/=,;@%&()*+~$?-]+$/;

/** A word keepalived's parser reads literally (no space, quote, `#`, `!` or backslash), or a throw. */
export function assertConfWord(w: string): string {
  if (!WORD.test(w)) throw new Error(`refusing keepalived.conf word ${JSON.stringify(w)}`);
  return w;
}

/** Milliseconds as keepalived's TIMER (fractional seconds): 1000 → "1", 250 → "0.25". */
export function timer(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`bad timer ${ms}`);
  return String(ms / 1000);
}
