/**
 * The dashboard's typed error: the CLI branches on `code` (a usage error exits 2), never on
 * message text, and every message is one line naming the option, the value and what is allowed.
 */

/** Every condition `startDashboard` reports, with what it means. */
export const dashboardErrorCodes = {
  /** An option is missing, malformed or out of range (a usage error). */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The host is not a loopback address and no token was given: the dashboard refuses to start. */
  TOKEN_REQUIRED: 'TOKEN_REQUIRED',
  /** The server could not listen on the host and port (in use, not permitted, no such address). */
  LISTEN_FAILED: 'LISTEN_FAILED',
} as const;

/** One of {@link dashboardErrorCodes}. */
export type DashboardErrorCode = (typeof dashboardErrorCodes)[keyof typeof dashboardErrorCodes];

/** The one error type the dashboard throws; `code` says which condition it is. */
export class DashboardError extends Error {
  /** Which condition this is; stable across versions. */
  readonly code: DashboardErrorCode;

  constructor(code: DashboardErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DashboardError';
    this.code = code;
  }
}

/** True when `error` is a {@link DashboardError}, optionally with the given code. */
export function isDashboardError(error: unknown, code?: DashboardErrorCode): error is DashboardError {
  return error instanceof DashboardError && (code === undefined || error.code === code);
}
