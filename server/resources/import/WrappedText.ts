/**
 * A paragraph, list entry or item title growing by wrapped lines (text
 * copied from a PDF breaks every few words), joined like `join` in
 * stages/participants.ts: a word hyphenated across the break is joined,
 * otherwise one space.
 *
 * Why not a plain string: deciding how to join looks at the end of the
 * text, and reading a long concatenated string makes V8 copy all of it into
 * one (flatten), so a paragraph of n wrapped lines cost O(n²). Here the text
 * is only ever concatenated while parsing; the tests read the last line and
 * a few characters kept from before it.
 */
export class WrappedText {
  /** Everything before `last`: concatenated, never read while parsing. */
  private head = '';
  /** The last characters of `head` (TAIL of them), for tests that look past `last`. */
  private headTail = '';
  /** The last line joined on. */
  private last: string;

  constructor(first: string) {
    this.last = first;
  }

  get text(): string {
    return this.head + this.last;
  }

  /** The last `n` (at most TAIL) characters of the text. */
  tail(n: number): string {
    return this.last.length >= n ? this.last.slice(-n) : (this.headTail + this.last).slice(-n);
  }

  /** The last `n` (at most TAIL) characters of the text without its trailing whitespace. */
  trimmedTail(n: number): string {
    const last = this.last.trimEnd();
    // Only a line of nothing but whitespace (which the parser never joins) needs the whole text.
    if (!last && this.head) return this.text.trimEnd().slice(-n);
    return last.length >= n ? last.slice(-n) : (this.headTail + last).slice(-n);
  }

  /** Joins the next line on: exactly `join(this.text, line)`. */
  append(line: string) {
    const right = line.trim();
    let left = this.last.trimEnd();
    if (!left && this.head) {
      // As above: only after a whitespace-only line; rare, so read the whole text.
      left = this.text.trimEnd();
      this.head = '';
      this.headTail = '';
    }
    if (!left) {
      this.last = right;
      return;
    }
    if (
      /\p{L}-$/u.test(left.length >= 3 ? left.slice(-3) : this.headTail + left) &&
      /^\p{Ll}/u.test(right) &&
      !/^(og|eller|samt|til)\b/.test(right)
    ) {
      this.toHead(left.slice(0, -1));
    } else {
      this.toHead(`${left} `);
    }
    this.last = right;
  }

  private toHead(s: string) {
    this.head += s;
    this.headTail = s.length >= TAIL ? s.slice(-TAIL) : (this.headTail + s).slice(-TAIL);
  }
}

/** How many characters of the text before the last line are kept for `tail`. */
const TAIL = 8;
