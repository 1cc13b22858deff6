/** `--notify-webhook` and `NotificationWebhook`: an http(s) URL, checked before anything starts. */
import { invalidOption } from '@watchbot/core';

/**
 * Checks a webhook URL given as `option`.
 * @throws WatchbotError INVALID_OPTION (a usage error): `--notify-webhook: "ftp://x" is not valid; expected an http or https URL …`.
 */
export function checkWebhookOption(option: string, value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw invalidOption(option, value, 'an http or https URL, e.g. https://hooks.slack.com/services/…');
  }
  return value;
}
