import { isUtf8 } from 'node:buffer';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { isJsonRpcMessage, sniffId } from './json-rpc.js';
import { LineReader } from './line-reader.js';

/** How to start the real server. */
export interface StdioServerParams {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Largest line accepted from the server; a longer one is dropped and reported. */
  maxMessageBytes: number;
  /** Called when the server wrote something that is not a JSON-RPC message (with the request id, if one shows). */
  onInvalid?: (why: string, id: string | number | null) => void;
}

/** A transport that can hand over the bytes a message arrived as, so it can be relayed without serialising it again. */
export interface RawLineSource {
  /** The line (with its newline) of the message being delivered to `onmessage` right now; undefined otherwise. */
  rawLineOf(message: JSONRPCMessage): Buffer | undefined;
}

/** What `send` returns for a message written at once: already settled, nothing can fail later, no need to watch it. */
export const SENT: Promise<void> = Promise.resolve();
const GRACE_MS = 2000;

/**
 * The real MCP server as a child process speaking newline-delimited JSON-RPC on stdio: the SDK's
 * `Transport` contract, like its `StdioClientTransport`, but each message from the server is checked
 * without building a validated copy, and its original bytes can be relayed unchanged (`rawLineOf`).
 */
export class StdioServerProcess implements Transport, RawLineSource {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private readonly reader: LineReader;
  // The message being delivered and its line. Held only during the `onmessage` call: a WeakMap from
  // message to line would keep every message and line alive through the next minor GC (V8 treats
  // ephemerons with young keys as live when scavenging), so all of them would be copied and promoted.
  private delivering: JSONRPCMessage | undefined;
  private deliveringRaw: Buffer | undefined;

  constructor(private readonly params: StdioServerParams) {
    this.reader = new LineReader(params.maxMessageBytes, {
      line: (text, raw) => this.fromServer(text, raw),
      oversize: (head, bytes) =>
        this.params.onInvalid?.(
          `a ${bytes}-byte message exceeds the limit of ${params.maxMessageBytes} bytes`,
          sniffId(head),
        ),
    });
  }

  /** The server's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The line (with its newline) of the message being delivered to `onmessage` right now; undefined otherwise. */
  rawLineOf(message: JSONRPCMessage): Buffer | undefined {
    return message === this.delivering ? this.deliveringRaw : undefined;
  }

  /** Starts the server; rejects when it cannot be started (for example, no such command). */
  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('the MCP server is already started'));
    return new Promise((resolve, reject) => {
      const child = spawn(this.params.command, this.params.args, {
        cwd: this.params.cwd,
        env: this.params.env,
        stdio: ['pipe', 'pipe', 'inherit'],
        shell: false,
        windowsHide: true,
      });
      this.child = child;
      child.on('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', () => {
        this.reader.end();
        this.child = undefined;
        this.onclose?.();
      });
      child.stdin.on('error', (error) => this.onerror?.(error));
      child.stdout.on('error', (error) => this.onerror?.(error));
      child.stdout.on('data', (chunk: Buffer) => this.reader.push(chunk));
    });
  }

  /** Writes one message to the server (resolves at once unless the pipe is full). */
  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin?.writable) return Promise.reject(new Error('the MCP server is not running'));
    if (stdin.write(`${JSON.stringify(message)}\n`)) return SENT;
    return new Promise((resolve) => stdin.once('drain', resolve));
  }

  /** Closes the server's stdin, then escalates to SIGTERM and SIGKILL if it does not exit. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const within = (ms: number): Promise<void> =>
      Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
    child.stdin.end();
    await within(GRACE_MS);
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await within(GRACE_MS);
    }
  }

  private fromServer(text: string, raw: Buffer): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.params.onInvalid?.('a line that is not JSON', sniffId(text.slice(0, 512)));
      return;
    }
    if (!isJsonRpcMessage(value)) {
      this.params.onInvalid?.('a message that is not JSON-RPC', sniffId(text.slice(0, 512)));
      return;
    }
    this.delivering = value;
    // Bytes that are not valid UTF-8 were read with replacement characters; the client must read what was
    // parsed here, so such a line is serialised again instead.
    this.deliveringRaw = isUtf8(raw) ? raw : undefined;
    try {
      this.onmessage?.(value);
    } finally {
      this.delivering = undefined;
      this.deliveringRaw = undefined;
    }
  }
}
