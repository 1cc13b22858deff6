/**
 * SQS queue URLs: recognising one, and reading the region and the queue name out of it. The
 * region in the URL is where the queue lives, so a client built for it needs no other setting.
 */

/** An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5` … */
const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** A queue name: 1 to 80 letters, digits, hyphens and underscores, with `.fifo` for FIFO queues. */
const queueNamePattern = /^[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/;

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * True when `value` looks like an SQS queue URL: `http(s)://<any host>/<12-digit account>/<queue
 * name>`. Any host is accepted (AWS's `sqs.<region>.amazonaws.com`, the legacy
 * `<region>.queue.amazonaws.com`, VPC endpoints, emulators such as fauxqs), so a CLI can tell a
 * queue URL from a local queue file path. Plain `http` is accepted for emulators on loopback.
 */
export function isSqsQueueUrl(value: string): boolean {
  const url = parseUrl(value);
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false;
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return false;
  const match = /^\/(\d{12})\/([^/]+)$/.exec(url.pathname);
  return match !== null && queueNamePattern.test(match[2] ?? '');
}

/**
 * The AWS region named by a queue URL's host — `sqs.<region>.amazonaws.com`,
 * `<region>.queue.amazonaws.com`, `vpce-….sqs.<region>.vpce.amazonaws.com`, or an emulator's
 * `sqs.<region>.localhost` — or undefined when the host names none (a custom endpoint).
 */
export function regionFromQueueUrl(queueUrl: string): string | undefined {
  const host = parseUrl(queueUrl)?.hostname.toLowerCase();
  if (host === undefined) return undefined;
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels[i + 1] ?? '';
    if (labels[i] === 'sqs' && regionPattern.test(candidate)) return candidate;
  }
  const [first, second] = labels;
  return second === 'queue' && first !== undefined && regionPattern.test(first) ? first : undefined;
}

/** The queue's name: the last segment of its URL (e.g. `jobs` or `jobs.fifo`). */
export function queueNameFromUrl(queueUrl: string): string {
  const path = parseUrl(queueUrl)?.pathname ?? queueUrl;
  return path.slice(path.lastIndexOf('/') + 1);
}
