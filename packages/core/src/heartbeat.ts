/**
 * The heartbeat: while a worker runs, its message's invisibility is extended so no other
 * consumer receives it — but never past the queue's ceiling on total invisibility
 * (12 h on SQS, counted from the receive), which the original ignored.
 */

/** How a running message is kept invisible. */
export interface HeartbeatPolicy {
  /** How often to extend, in seconds. */
  readonly intervalSeconds: number;
  /** Each extension makes the message invisible for this many seconds from now. */
  readonly extendSeconds: number;
}

/** Derives the heartbeat from the receive visibility: extend to it every third of it. */
export function toHeartbeatPolicy(visibilityTimeoutSeconds: number): HeartbeatPolicy {
  return {
    intervalSeconds: Math.max(1, Math.floor(visibilityTimeoutSeconds / 3)),
    extendSeconds: visibilityTimeoutSeconds,
  };
}

/**
 * The visibility timeout (seconds from now) for the next extension, or null when the ceiling
 * leaves no room for one. Keeps one second of margin below the ceiling, because the queue
 * measures from its own receive time, a little before ours.
 * @param receivedAtMs when this receive happened, ms since the epoch.
 * @param nowMs the current time, ms since the epoch.
 * @param maxVisibilitySeconds the queue's ceiling on total invisibility since the receive.
 */
export function planHeartbeat(receivedAtMs: number, nowMs: number, policy: HeartbeatPolicy, maxVisibilitySeconds: number): number | null {
  const elapsedSeconds = Math.ceil((nowMs - receivedAtMs) / 1000);
  const room = maxVisibilitySeconds - elapsedSeconds - 1;
  if (room <= 0) return null;
  return Math.min(policy.extendSeconds, room);
}

/** Caps a visibility change so total invisibility since the receive stays under the ceiling. */
export function capVisibility(seconds: number, receivedAtMs: number, nowMs: number, maxVisibilitySeconds: number): number {
  const elapsedSeconds = Math.ceil((nowMs - receivedAtMs) / 1000);
  return Math.max(0, Math.min(seconds, maxVisibilitySeconds - elapsedSeconds - 1));
}
