const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Splits streamed text into lines, numbering them from 1. CRLF, LF and a lone CR (some Web
 * of Science RIS exports separate fields with bare CRs) all end a line, also when a CRLF
 * pair is cut between two chunks.
 */
export class LineSplitter {
  private carry = '';
  private lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  /** Feed the next chunk of decoded text. */
  push(text: string): void {
    let combined = this.carry + text;
    // Hold back a trailing CR: the LF that may complete it is in the next chunk.
    const heldCr = combined.endsWith('\r');
    if (heldCr) combined = combined.slice(0, -1);
    const parts = combined.split(LINE_BREAK);
    const last = parts.pop() ?? '';
    for (const line of parts) this.onLine(line, ++this.lineNo);
    this.carry = heldCr ? `${last}\r` : last;
  }

  /** Emit the final line, which need not end with a line break. */
  end(): void {
    const rest = this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry;
    if (this.carry.length > 0) this.onLine(rest, ++this.lineNo);
    this.carry = '';
  }

  /** Number of the last line emitted. */
  get lastLine(): number {
    return this.lineNo;
  }
}
