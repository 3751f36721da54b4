/** Receives what a newline-delimited stream carries: whole lines, and lines refused for their size. */
export interface LineSink {
  /**
   * One line: its text (without the newline and a `\r` before it), and its bytes as they arrived,
   * ending with the newline (one is added to a last line that had none), for relaying unchanged.
   * The bytes are a view of what was read, valid for as long as the caller keeps them.
   */
  line(text: string, raw: Buffer): void;
  /** A line longer than the limit was dropped; `head` is its first bytes, to find the request id. */
  oversize(head: string, bytes: number): void;
}

const NEWLINE = 10;
const RETURN = 13;
const NEWLINE_BYTES = Buffer.from('\n');

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
    for (let index = chunk.indexOf(NEWLINE, start); index !== -1; index = chunk.indexOf(NEWLINE, start)) {
      if (this.size === 0 && this.skipping === undefined && index - start <= this.maxBytes) {
        // The usual case, a whole line inside one chunk: handed on as a view, nothing copied.
        this.emit(chunk.subarray(start, index + 1));
      } else {
        this.take(chunk.subarray(start, index));
        this.finishLine(chunk.subarray(index, index + 1));
      }
      start = index + 1;
    }
    if (start < chunk.length) this.take(chunk.subarray(start));
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.size > 0 || this.skipping) this.finishLine(NEWLINE_BYTES);
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

  private finishLine(newline: Buffer): void {
    if (this.skipping) {
      const { head, bytes } = this.skipping;
      this.skipping = undefined;
      this.sink.oversize(head, bytes);
      return;
    }
    const raw = Buffer.concat([...this.chunks, newline]);
    this.chunks = [];
    this.size = 0;
    this.emit(raw);
  }

  // `raw` ends with the newline.
  private emit(raw: Buffer): void {
    let end = raw.length - 1;
    if (end > 0 && raw[end - 1] === RETURN) end--;
    if (end === 0) return;
    const text = raw.toString('utf8', 0, end);
    // Nearly every line starts with `{`; only other lines pay for the check that they are not blank.
    if (raw[0] !== 0x7b && text.trim() === '') return;
    this.sink.line(text, raw);
  }
}
