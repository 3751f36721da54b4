import { ErrorCode, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';

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
