import {
  ErrorCode,
  JSONRPCMessageSchema,
  type JSONRPCMessage,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** A JSON-RPC error response; `id` null when the request's id could not be read. */
export function errorResponse(id: RequestId | null, code: number, message: string): JSONRPCMessage {
  // The SDK's type has no null id, but JSON-RPC requires one for parse errors.
  return { jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage;
}

/** A `tools/call` result that the agent reads as a failed tool call, with blastwall's reason as its text. */
export function toolErrorResult(id: RequestId, text: string, decision: string): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id,
    result: {
      content: [{ type: 'text', text }],
      isError: true,
      _meta: { 'dev.blastwall/decision': decision },
    },
  };
}

/** Finds the request id near the start of a message that could not be read whole (too large, invalid). */
export function sniffId(head: string): RequestId | null {
  const match = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")/.exec(head);
  if (!match?.[1]) return null;
  try {
    const value: unknown = JSON.parse(match[1]);
    return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? value : null;
  } catch {
    return null;
  }
}

/** The id of a request-shaped value that failed validation, so the error can answer it. */
export function idOf(value: unknown): RequestId | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}

/** A stable key for a request id, since `1` and `"1"` are different ids. */
export function idKey(id: RequestId): string {
  return typeof id === 'number' ? `n${id}` : `s${id}`;
}

export { ErrorCode };

const REQUEST_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const RESULT_KEYS = new Set(['jsonrpc', 'id', 'result']);

/**
 * Whether a parsed value is a JSON-RPC message the SDK's `JSONRPCMessageSchema` accepts. Requests,
 * notifications and results of the usual shape are checked by hand (the schema costs more per
 * message than the proxy's whole relay work); anything else is left to the schema, so the answer
 * is always the schema's.
 */
export function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  return isPlainMessage(value) || JSONRPCMessageSchema.safeParse(value).success;
}

// True only for shapes the schema certainly accepts; false means "ask the schema".
function isPlainMessage(value: unknown): boolean {
  if (!isRecord(value) || value.jsonrpc !== '2.0') return false;
  if ('method' in value) {
    if (typeof value.method !== 'string' || !onlyKeys(value, REQUEST_KEYS)) return false;
    if ('id' in value && !isRequestId(value.id)) return false;
    return value.params === undefined || (isRecord(value.params) && !('_meta' in value.params));
  }
  return (
    onlyKeys(value, RESULT_KEYS) &&
    isRequestId(value.id) &&
    isRecord(value.result) &&
    !('_meta' in value.result)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): boolean {
  return typeof value === 'string' || Number.isSafeInteger(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}
