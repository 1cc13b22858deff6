/**
 * Which addresses are this machine only. Binding one of them exposes the dashboard to local
 * users alone; any other address needs a token.
 */

/** Loopback names besides 127.0.0.0/8: "localhost" and IPv6's ::1, with or without brackets. */
const loopbackNames = new Set(['localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

/** True when `host` (a host name or IP address, IPv6 with or without brackets) is a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase();
  if (loopbackNames.has(name)) return true;
  // 127.0.0.0/8 is loopback; each octet must be a number from 0 to 255.
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}
