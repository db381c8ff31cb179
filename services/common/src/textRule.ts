/**
 * The one text rule of every string input of every service (names, titles, notes, reasons,
 * minutes, filter strings). Text is stored exactly as sent, after one normalisation: surrounding
 * whitespace is trimmed (`String.prototype.trim`). What remains must be clean Unicode:
 *
 * - no C0 control (U+0000–U+001F), DEL (U+007F) or C1 control (U+0080–U+009F): they are invisible,
 *   terminal escapes (`\u001b[31m`) or truncate text in C and in FerretDB (NUL);
 * - no unpaired surrogate: such a string has no UTF-8 form, and the database would silently store
 *   U+FFFD instead;
 * - no noncharacter (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF of every plane): reserved for a program's
 *   internal use, never for interchange;
 * - no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069): they reorder what a
 *   reader sees, so that a team or jurisdiction name can pose as another (name spoofing);
 * - line breaks and tabs only in multi-line fields (notes, summaries, minutes, resolutions): LF,
 *   CRLF, TAB, U+2028 and U+2029. A carriage return stands only in CRLF, the line break of
 *   Windows clients and of HTML form submission; alone it moves a terminal's cursor back to the
 *   start of the line and overwrites what was printed (log and report spoofing).
 *
 * Everything else is text: CJK (including Extension B and beyond, e.g. 𠀀), emoji and their joiners
 * (U+200D) and variation selectors, left-to-right and right-to-left marks (U+200E, U+200F).
 * Lengths count Unicode code points, so 𠀀 is one character, as a reader counts it.
 */

export type TextLines = 'single' | 'multi';

/** @returns `U+0041`, the usual way to name a code point in a message. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
const isBidiControl = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
const isControl = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
/** Line breaks and the tab: allowed in multi-line fields only (CR only as part of CRLF). */
const isLayout = (cp: number) => cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x2028 || cp === 0x2029;

/**
 * @param value the text after trimming.
 * @returns what is wrong with the first offending character (a message fragment in the style of
 * the input models: "must not contain …"), or null when the text is clean.
 */
export function textProblem(value: string, lines: TextLines): string | null {
  let position = 0;
  for (let i = 0; i < value.length; i++) {
    position++;
    const cp = value.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    const at = ` (character ${position})`;
    if (isSurrogate(cp)) {
      return `must not contain an unpaired surrogate ${codePointName(cp)}: it is not valid Unicode${at}`;
    }
    if (isLayout(cp)) {
      if (lines === 'single') return `must be a single line: no line break or tab (${codePointName(cp)})${at}`;
      if (cp === 0x0d && value.charCodeAt(i + 1) !== 0x0a) {
        return `a carriage return (U+000D) is allowed only in a CRLF line break${at}`;
      }
      continue;
    }
    if (isControl(cp)) return `must not contain the control character ${codePointName(cp)}${at}`;
    if (isBidiControl(cp)) {
      return `must not contain the bidirectional control ${codePointName(cp)}: it can disguise the text${at}`;
    }
    if (isNoncharacter(cp)) return `must not contain the noncharacter ${codePointName(cp)}${at}`;
  }
  return null;
}

/** @returns the length in Unicode code points (what a reader counts as characters). */
export function codePointLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * @returns `value` (at most `max` code points) in double quotes, for echoing input in a message:
 * every character the text rule forbids is shown as an escape (\u202e), never as itself.
 */
export function quoteInput(value: string, max = 64): string {
  let out = '';
  let n = 0;
  for (const ch of value) {
    if (++n > max) return `"${out}…"`;
    const cp = ch.codePointAt(0) as number;
    const shown =
      isSurrogate(cp) || isLayout(cp) || isControl(cp) || isBidiControl(cp) || isNoncharacter(cp) || ch === '"'
        ? `\\u${cp.toString(16).padStart(4, '0')}`
        : ch;
    out += shown;
  }
  return `"${out}"`;
}
