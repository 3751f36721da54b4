import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../adapters/attest/key.js';
import { flushOutbox, outboxFile, type FlushResult, type QueuedLine } from '../adapters/attest/outbox.js';
import { readConfigFile } from '../adapters/config/load-config.js';
import { callServer, ServerRefusal, serverSettings, type ServerSettings } from './approval-client.js';

// Sends the records the hooks queued (attest-record.ts) to the blastwall server of their workspace: run by a
// flusher the hook starts off its own path, by the warm hook daemon, and by `blastwall attest flush`/`push`.

/** At most this many records, or bytes of them, per request (the server's body limit is 1 MiB by default). */
const BATCH_RECORDS = 200;
const BATCH_BYTES = 512 * 1024;

/** What a send did, with the records the server refused (they stay in the local store) and why. */
export interface SendResult extends FlushResult {
  refused: string[];
  /** Why a server could not take its records (they were queued again). */
  failed: string[];
}

/**
 * Sends every queued record to its workspace's server (the hook's `BLASTWALL_SERVER_URL`/`BLASTWALL_TOKEN`, else
 * `server:` of its blastwall.yaml). Records of a workspace with no server are dropped from the queue (they stay in
 * the local store); those a server could not take are queued again; a record the server refused (it names an
 * agent, person or session the token does not speak for) is reported and not sent again.
 */
export async function sendQueuedAttestations(
  env: Record<string, string | undefined>,
  options: { timeoutMs?: number } = {},
): Promise<SendResult> {
  const refused: string[] = [];
  const failed: string[] = [];
  const result = await flushOutbox(outboxFile(dataDir(env)), async (entries) => {
    const groups = new Map<string, { settings: ServerSettings | undefined; entries: QueuedLine[] }>();
    for (const entry of entries) {
      const key = JSON.stringify([entry.workspace, entry.config, entry.server, entry.token]);
      let group = groups.get(key);
      if (!group) {
        group = { settings: settingsOf(entry), entries: [] };
        groups.set(key, group);
      }
      group.entries.push(entry);
    }
    const left: QueuedLine[] = [];
    for (const { settings, entries: batch } of groups.values()) {
      if (!settings) continue;
      try {
        refused.push(...(await sendBatches(settings, batch, options.timeoutMs ?? 10_000)));
      } catch (error) {
        // A refusal of the whole request (a bad token, a server without the route) is retried later too: the
        // records are kept until a person fixes the configuration.
        failed.push(
          error instanceof ServerRefusal
            ? `${settings.url} refused (${error.status} ${error.code}: ${error.message})`
            : (error as Error).message,
        );
        left.push(...batch);
      }
    }
    return left;
  });
  return { ...result, refused, failed };
}

function settingsOf(entry: QueuedLine): ServerSettings | undefined {
  // What the hook's environment said wins, as it does for the hook's own calls (serverSettings).
  const env = { BLASTWALL_SERVER_URL: entry.server, BLASTWALL_TOKEN: entry.token };
  const path = entry.config ?? join(entry.workspace, 'blastwall.yaml');
  return serverSettings(existsSync(path) ? readConfigFile(path) : undefined, env);
}

async function sendBatches(settings: ServerSettings, entries: readonly QueuedLine[], timeoutMs: number) {
  const refused: string[] = [];
  let batch: unknown[] = [];
  let bytes = 0;
  const send = async () => {
    if (batch.length === 0) return;
    const answer = (await callServer(settings, timeoutMs, 'POST', '/v1/attestations', {
      records: batch,
    })) as { refused?: { index: number; code: string; message: string }[] };
    for (const why of answer.refused ?? []) refused.push(`${why.code}: ${why.message}`);
    batch = [];
    bytes = 0;
  };
  for (const entry of entries) {
    let record: unknown;
    try {
      record = JSON.parse(entry.line);
    } catch {
      continue;
    }
    if (batch.length >= BATCH_RECORDS || bytes + entry.line.length > BATCH_BYTES) await send();
    batch.push(record);
    bytes += entry.line.length;
  }
  await send();
  return refused;
}
