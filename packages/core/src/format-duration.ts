/** Durations for people: milliseconds shown as seconds, precise for short runs. */

/** "0.012 s" under 10 s, "42.5 s" above. @param ms a duration in milliseconds. */
export function formatDuration(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 3 : 1)} s`;
}
