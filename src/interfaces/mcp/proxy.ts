import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, JSONRPCRequest, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, errorResponse, idKey, idOf, isJsonRpcMessage, sniffId } from './json-rpc.js';
import { LineReader } from './line-reader.js';
import { SENT, type RawLineSource } from './stdio-server.js';
import { decideToolCall, ToolCatalog, type GateOutcome, type ToolGateOptions } from './tool-gate.js';

/** Largest message accepted from the client; larger ones are refused, not buffered. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Wiring of one proxy session: the client's streams, the real server as an SDK transport, and the gate. */
export interface McpProxyOptions extends ToolGateOptions {
  /** What the MCP client writes (the proxy's stdin). */
  input: Readable;
  /** Where the client reads (the proxy's stdout). */
  output: Writable;
  /** The real server, not yet started (a `StdioServerProcess` in production, whose lines are relayed as they came). */
  child: Transport & Partial<RawLineSource>;
  maxMessageBytes?: number;
  /** One-line diagnostics (to stderr: stdout belongs to the protocol). */
  log?: (line: string) => void;
}

/** Exit codes of a proxy session. */
export const PROXY_EXIT = { clientClosed: 0, serverExited: 4 } as const;

/**
 * Relays JSON-RPC between an MCP client and the real server, message by message, deciding every `tools/call` on the way.
 * Resolves to the exit code once either side is gone and the other has been told or stopped.
 */
export class McpProxy {
  private readonly catalog = new ToolCatalog();
  // Client requests not yet answered, so the server's exit can answer them.
  private readonly pending = new Map<string, { id: RequestId; method: string }>();
  private readonly reader: LineReader;
  private state: 'running' | 'stopping' | 'done' = 'running';
  private finish: (code: number) => void = () => undefined;

  constructor(private readonly options: McpProxyOptions) {
    this.reader = new LineReader(options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES, {
      line: (text) => this.fromClient(text),
      oversize: (head, bytes) => this.refuseOversize(head, bytes),
    });
  }

  /** Starts the server and relays until the client or the server goes away. */
  async run(): Promise<number> {
    const done = new Promise<number>((resolve) => {
      this.finish = resolve;
    });
    const { child, input, output } = this.options;
    child.onmessage = (message) => this.fromServer(message);
    child.onerror = (error) => this.log(`mcp server transport error: ${error.message}`);
    child.onclose = () => this.serverClosed();
    output.on('error', () => void this.stop());
    await child.start();
    input.on('data', (chunk: Buffer | string) =>
      this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
    );
    input.once('end', () => this.clientClosed());
    input.once('close', () => this.clientClosed());
    input.once('error', () => this.clientClosed());
    return done;
  }

  /** Stops the server and ends the session (client gone, or a signal). */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    try {
      await endRemoteSession(this.options.child, this.log.bind(this));
      await this.options.child.close();
    } finally {
      this.end(PROXY_EXIT.clientClosed);
    }
  }

  private clientClosed(): void {
    this.reader.end();
    void this.stop();
  }

  private fromClient(text: string): void {
    if (this.state !== 'running') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.toClient(errorResponse(null, ErrorCode.ParseError, `Parse error: ${(error as Error).message}`));
      return;
    }
    if (!isJsonRpcMessage(value)) {
      this.refuseInvalid(value);
      return;
    }
    // The parsed value is forwarded, re-serialised: the server reads exactly what was decided
    // (a raw relay would let duplicate keys mean one thing here and another to the server).
    const message = value;
    if ('method' in message && 'id' in message) {
      this.pending.set(idKey(message.id), { id: message.id, method: message.method });
      if (message.method === 'tools/call') this.gateToolCall(message);
      else this.toServer(message);
      return;
    }
    this.toServer(message);
  }

  private gateToolCall(request: JSONRPCRequest): void {
    let outcome: GateOutcome | Promise<GateOutcome>;
    try {
      outcome = decideToolCall(request, this.catalog, this.options);
    } catch (error) {
      outcome = uncheckable(request, error);
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (settled) => this.settle(request, settled),
        (error: unknown) => this.settle(request, uncheckable(request, error)),
      );
    } else {
      this.settle(request, outcome);
    }
  }

  private settle(request: JSONRPCRequest, outcome: GateOutcome): void {
    if (outcome.forward) {
      this.toServer(request);
      return;
    }
    this.pending.delete(idKey(request.id));
    this.toClient(outcome.response);
  }

  /** The server wrote something unreadable; the request it answered (if it shows) gets an error instead of a hang. */
  serverSentInvalid(why: string, id: RequestId | null): void {
    this.log(`dropped ${why} from the MCP server ${this.options.server}`);
    if (id === null) return;
    const key = idKey(id);
    const request = this.pending.get(key);
    if (!request) return;
    this.pending.delete(key);
    this.toClient(
      errorResponse(
        request.id,
        ErrorCode.InternalError,
        `the MCP server ${this.options.server} answered with ${why}, which blastwall did not relay`,
      ),
    );
  }

  private fromServer(message: JSONRPCMessage): void {
    if (('result' in message || 'error' in message) && message.id !== undefined) {
      const key = idKey(message.id);
      const request = this.pending.get(key);
      if (request) {
        this.pending.delete(key);
        if (request.method === 'tools/list' && 'result' in message) {
          this.catalog.remember(message.result);
          // Serialised from what the catalog read, not relayed as the server wrote it: with duplicate keys a
          // client's parser could otherwise see other tools or annotations than blastwall did.
          this.toClient(message, true);
          return;
        }
        // An HTTP transport sends the negotiated version with every request after initialize.
        if (request.method === 'initialize' && 'result' in message) {
          const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
          if (typeof version === 'string') this.options.child.setProtocolVersion?.(version);
        }
      }
    }
    this.toClient(message);
  }

  private toServer(message: JSONRPCMessage): void {
    if (this.state !== 'running') return;
    const sent = this.options.child.send(message);
    // Written at once (the usual case): no handler to attach, no microtask to run.
    if (sent === SENT) return;
    sent.catch((error: unknown) => {
      if (!('id' in message) || !('method' in message)) return;
      this.pending.delete(idKey(message.id));
      this.toClient(
        errorResponse(
          message.id,
          ErrorCode.ConnectionClosed,
          `the MCP server ${this.options.server} could not be reached: ${String(error)}`,
        ),
      );
    });
  }

  private toClient(message: JSONRPCMessage, reserialise = false): void {
    if (this.state === 'done') return;
    // A server message is relayed as the bytes it arrived as (no decoding, copying or serialising
    // again); only the proxy's own answers, and tool lists, are serialised.
    const raw = reserialise ? undefined : this.options.child.rawLineOf?.(message);
    this.options.output.write(raw ?? `${JSON.stringify(message)}\n`);
  }

  private serverClosed(): void {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    this.log(
      `mcp server ${this.options.server} exited; answering ${this.pending.size} pending request(s) with errors`,
    );
    for (const { id } of this.pending.values()) {
      this.toClient(
        errorResponse(
          id,
          ErrorCode.ConnectionClosed,
          `the MCP server ${this.options.server} exited before answering`,
        ),
      );
    }
    this.pending.clear();
    this.end(PROXY_EXIT.serverExited);
  }

  private refuseInvalid(value: unknown): void {
    const isRequestLike =
      Array.isArray(value) || (value !== null && typeof value === 'object' && 'method' in value);
    if (!isRequestLike && idOf(value) !== null) {
      // An invalid response to a server request: JSON-RPC never answers a response.
      this.log('dropped an invalid JSON-RPC response from the client');
      return;
    }
    this.toClient(
      errorResponse(
        idOf(value),
        ErrorCode.InvalidRequest,
        'Invalid Request: not a JSON-RPC 2.0 message this proxy accepts',
      ),
    );
  }

  private refuseOversize(head: string, bytes: number): void {
    const max = this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.log(`refused a ${bytes}-byte message from the client (limit ${max})`);
    this.toClient(
      errorResponse(
        sniffId(head),
        ErrorCode.InvalidRequest,
        `Invalid Request: message of ${bytes} bytes exceeds the limit of ${max} bytes`,
      ),
    );
  }

  private end(code: number): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.finish(code);
  }

  private log(line: string): void {
    this.options.log?.(`blastwall mcp-proxy: ${line}`);
  }
}

function uncheckable(request: JSONRPCRequest, error: unknown): GateOutcome {
  return {
    forward: false,
    response: errorResponse(
      request.id,
      ErrorCode.InternalError,
      `blastwall could not check this tool call, so it was not run: ${String(error)}`,
    ),
  };
}

/** How long ending a remote session may hold up the proxy's exit. */
const SESSION_DELETE_MS = 2000;

/**
 * A Streamable HTTP server keeps a session until told it is over: the MCP spec asks a client that goes away to
 * send `DELETE` with its `Mcp-Session-Id`. The SDK's transport does that in `terminateSession()` (a 405 from a
 * server that does not allow it is fine); `close()` alone does not. Bounded, so a dead server cannot hold the exit.
 */
async function endRemoteSession(child: Transport, log: (line: string) => void): Promise<void> {
  const remote = child as Transport & { terminateSession?: () => Promise<void> };
  if (typeof remote.terminateSession !== 'function' || remote.sessionId === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log('mcp server did not answer the session DELETE in time; closing anyway');
      resolve();
    }, SESSION_DELETE_MS);
  });
  try {
    await Promise.race([
      remote.terminateSession().catch((error: Error) => log(`mcp session DELETE failed: ${error.message}`)),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
