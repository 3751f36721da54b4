import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  JSONRPCMessageSchema,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, errorResponse, idKey, idOf, sniffId } from './json-rpc.js';
import { LineReader } from './line-reader.js';
import { decideToolCall, ToolCatalog, type ToolGateOptions } from './tool-gate.js';

/** Largest message accepted from the client; larger ones are refused, not buffered. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Wiring of one proxy session: the client's streams, the real server as an SDK transport, and the gate. */
export interface McpProxyOptions extends ToolGateOptions {
  /** What the MCP client writes (the proxy's stdin). */
  input: Readable;
  /** Where the client reads (the proxy's stdout). */
  output: Writable;
  /** The real server, not yet started (a `StdioClientTransport` in production). */
  child: Transport;
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
    if (!JSONRPCMessageSchema.safeParse(value).success) {
      this.refuseInvalid(value);
      return;
    }
    // The original value is forwarded, not the schema's output, so nothing the client sent is dropped.
    const message = value as JSONRPCMessage;
    if ('method' in message && 'id' in message) {
      this.pending.set(idKey(message.id), { id: message.id, method: message.method });
      if (message.method === 'tools/call') void this.gateToolCall(message);
      else this.toServer(message);
      return;
    }
    this.toServer(message);
  }

  private async gateToolCall(request: JSONRPCRequest): Promise<void> {
    const outcome = await decideToolCall(request, this.catalog, this.options).catch((error: unknown) => ({
      forward: false as const,
      response: errorResponse(
        request.id,
        ErrorCode.InternalError,
        `blastwall could not check this tool call, so it was not run: ${String(error)}`,
      ),
    }));
    if (outcome.forward) {
      this.toServer(request);
      return;
    }
    this.pending.delete(idKey(request.id));
    this.toClient(outcome.response);
  }

  private fromServer(message: JSONRPCMessage): void {
    if (('result' in message || 'error' in message) && message.id !== undefined) {
      const key = idKey(message.id);
      const request = this.pending.get(key);
      if (request) {
        this.pending.delete(key);
        if (request.method === 'tools/list' && 'result' in message) this.catalog.remember(message.result);
      }
    }
    this.toClient(message);
  }

  private toServer(message: JSONRPCMessage): void {
    if (this.state !== 'running') return;
    this.options.child.send(message).catch((error: unknown) => {
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

  private toClient(message: JSONRPCMessage): void {
    if (this.state === 'done') return;
    this.options.output.write(`${JSON.stringify(message)}\n`);
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
