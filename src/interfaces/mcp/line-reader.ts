/** Receives what a newline-delimited stream carries: whole lines, and lines refused for their size. */
export interface LineSink {
  line(text: string): void;
  /** A line longer than the limit was dropped; `head` is its first bytes, to find the request id. */
  oversize(head: string, bytes: number): void;
}

/** Splits a byte stream into lines without ever holding more than `maxBytes` of one line in memory. */
export class LineReader {
  private chunks: Buffer[] = [];
  private size = 0;
  // While a line is being discarded for its size: its first bytes and how many bytes it had.
  private skipping: { head: string; bytes: number } | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly sink: LineSink,
  ) {}

  /** Feeds one chunk read from the stream. */
  push(chunk: Buffer): void {
    let start = 0;
    for (let index = chunk.indexOf(10, start); index !== -1; index = chunk.indexOf(10, start)) {
      this.take(chunk.subarray(start, index));
      this.finishLine();
      start = index + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.size > 0 || this.skipping) this.finishLine();
  }

  private take(part: Buffer): void {
    if (part.length === 0) return;
    if (this.skipping) {
      this.skipping.bytes += part.length;
      return;
    }
    if (this.size + part.length > this.maxBytes) {
      const all = Buffer.concat([...this.chunks, part]);
      this.skipping = { head: all.subarray(0, 512).toString('utf8'), bytes: all.length };
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private finishLine(): void {
    if (this.skipping) {
      const { head, bytes } = this.skipping;
      this.skipping = undefined;
      this.sink.oversize(head, bytes);
      return;
    }
    const text = (this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks))
      .toString('utf8')
      .replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (text.trim() !== '') this.sink.line(text);
  }
}
