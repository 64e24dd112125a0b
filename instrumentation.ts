/**
 * Next.js calls register() once when a server starts. It starts resolving saves the last process
 * did not live through (lib/save/recovery) without awaiting it: reading nodes can take a node's
 * read timeout, and every change to nodes and the live view's drift await it anyway. It also
 * starts the alert dispatcher (lib/alerts), which sends the deliveries left pending, and the
 * always-on watch of directors whose checks keepalived runs (health, events), the drain watch and
 * the split-brain alarm.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { recoveryDone } = await import('./lib/save/recovery');
  void recoveryDone();
  // Pending alert deliveries survive restarts as rows; the dispatcher sends what the last process did not.
  const { ensureDispatcher } = await import('./lib/alerts/dispatcher');
  ensureDispatcher();
  const [{ liveMonitor }, { superviseAlwaysOn }] = await Promise.all([import('./lib/monitor'), import('./lib/monitor/always-on')]);
  superviseAlwaysOn(liveMonitor());
  // Open drains are watched to their end (idle or deadline) whether or not anyone looks.
  const { superviseDrains } = await import('./lib/admin-state/watch');
  superviseDrains(liveMonitor());
  // Two candidates holding one VIP is an alarm, recorded (and alerted) once per episode.
  const { superviseSplitBrain } = await import('./lib/monitor/split-brain');
  superviseSplitBrain(liveMonitor());
}
