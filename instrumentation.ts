/**
 * Next.js calls register() once when a server starts. It starts resolving saves the last process
 * did not live through (lib/save/recovery) without awaiting it: reading nodes can take a node's
 * read timeout, and every change to nodes and the live view's drift await it anyway.
 * It also starts the always-on watch of directors whose checks keepalived runs (health, events).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { recoveryDone } = await import('./lib/save/recovery');
  void recoveryDone();
  const [{ liveMonitor }, { superviseAlwaysOn }] = await Promise.all([import('./lib/monitor'), import('./lib/monitor/always-on')]);
  superviseAlwaysOn(liveMonitor());
}
