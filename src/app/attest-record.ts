import { readFileSync } from 'node:fs';
import { appendAttestation } from '../adapters/attest/append.js';
import { attestPaths } from '../adapters/attest/key.js';
import { queueLine, type QueuedLine } from '../adapters/attest/outbox.js';
import { writtenLineHashes } from '../core/provenance/attestation.js';

// The hook's half of attestation, apart from the check's half so the hook bundle carries no git reading.

/** One file write an agent's hook allowed, as read from its payload. */
export interface AgentWrite {
  /** Absolute path of the file written. */
  file: string;
  /** The text the agent writes (a Write's content, an Edit's new_string, a patch's added lines). */
  text: string;
  /** Text it replaces (an Edit's old_string); `'file'` for a whole-file write, whose current content is read. */
  replaces?: string | 'file';
}

/** Who made the writes. */
export interface WriteOrigin {
  agent: string;
  tool: string;
  sessionId?: string;
  onBehalfOf?: string;
}

/**
 * Signs and stores one record per written file with new lines, and queues it in `outbox` (outbox.ts) when a
 * server is configured: sending is left to a flush, off the hook's path. Throws when the store cannot be written.
 */
export function recordWrites(
  writes: readonly AgentWrite[],
  origin: WriteOrigin,
  env: Record<string, string | undefined>,
  now: Date = new Date(),
  outbox?: { file: string; entry: Omit<QueuedLine, 'line'> },
): number {
  const paths = attestPaths(env);
  let recorded = 0;
  for (const write of writes) {
    const before = write.replaces === 'file' ? currentText(write.file) : (write.replaces ?? '');
    const lines = writtenLineHashes(write.text, before);
    if (lines.length === 0) continue;
    const line = appendAttestation(paths, {
      v: 1,
      file: write.file,
      lines,
      agent: origin.agent,
      tool: origin.tool,
      ...(origin.sessionId !== undefined && { session: origin.sessionId }),
      ...(origin.onBehalfOf !== undefined && { onBehalfOf: origin.onBehalfOf }),
      at: now.toISOString(),
    });
    if (outbox !== undefined) queueLine(outbox.file, { ...outbox.entry, line });
    recorded++;
  }
  return recorded;
}

function currentText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
