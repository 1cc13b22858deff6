/** A Server-Sent Events client over fetch, for tests: read events one at a time, then close. */

/** One event as received. */
export interface ReceivedEvent {
  readonly event: string;
  readonly data: unknown;
}

/** An open event stream. */
export interface EventStreamClient {
  readonly response: Response;
  /** Resolves with the next event that carries data (comments and `retry:` lines are skipped). */
  next(): Promise<ReceivedEvent>;
  /** Disconnects. */
  close(): void;
}

/** Opens the event stream at `url` with `headers`. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    response,
    async next() {
      if (reader === undefined) throw new Error('the response has no body');
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
          if (data.length === 0) continue;
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? 'message';
          return { event, data: JSON.parse(data.join('\n')) as unknown };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += value;
      }
    },
    close() {
      controller.abort();
      void reader?.cancel().catch(() => undefined);
    },
  };
}
