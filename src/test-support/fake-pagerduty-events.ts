import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Events API received. */
export interface ReceivedEvent {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** What the fake answers next: a status (with `Retry-After` seconds), or no answer at all. */
export type FakeReply = { status: number; retryAfter?: number } | 'hang';

/** A local HTTP server that speaks PagerDuty's Events API v2 change endpoint, for tests (never the real one). */
export interface FakeEventsApi {
  url: string;
  received: ReceivedEvent[];
  /** Replies to use, in order, before falling back to PagerDuty's normal behaviour. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/**
 * Starts the fake on a free port. Like PagerDuty: `POST /v2/change/enqueue` with a JSON body that has a
 * `routing_key` and a `payload` with `summary` and `source` gets 202 `{"status":"success"}`; anything else
 * 400 `{"status":"invalid event"}`; other paths 404.
 */
export async function startFakeEventsApi(): Promise<FakeEventsApi> {
  const received: ReceivedEvent[] = [];
  const scripted: FakeReply[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      received.push({ path: request.url ?? '', contentType: request.headers['content-type'], body });
      const reply = scripted.shift();
      if (reply === 'hang') {
        hanging.add(response);
        return;
      }
      if (reply) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
        response.writeHead(reply.status, headers).end(JSON.stringify({ status: 'scripted' }));
        return;
      }
      answer(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (...replies) => scripted.push(...replies),
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(request: IncomingMessage, response: ServerResponse, body: unknown): void {
  const json = (status: number, value: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  if (request.method !== 'POST' || request.url !== '/v2/change/enqueue')
    return json(404, { status: 'not found' });
  const event = body as { routing_key?: unknown; payload?: { summary?: unknown; source?: unknown } };
  const valid =
    typeof event?.routing_key === 'string' &&
    event.routing_key.length > 0 &&
    typeof event.payload?.summary === 'string' &&
    typeof event.payload.source === 'string';
  if (!valid)
    return json(400, {
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ['routing_key, payload.summary and payload.source are required'],
    });
  json(202, { status: 'success', message: 'Change event processed' });
}
