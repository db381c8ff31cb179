import type { Rng } from './teamSeeder';

/**
 * Hostile and friendly text for the text-rule tests: a seeded generator of strings that mix plain
 * text, CJK (BMP and astral), emoji, control characters, NUL, lone surrogates, noncharacters,
 * bidirectional overrides and line breaks, and an oracle written from the rule's specification
 * (README "Text inputs"), independently of the services' implementation.
 */
export type Lines = 'single' | 'multi';

const cp = (n: number) => String.fromCodePoint(n);
const range = (rng: Rng, lo: number, hi: number) => cp(rng.int(lo, hi));

/** One code point (or one lone surrogate) of text that the rule allows anywhere. */
const CLEAN: ((rng: Rng) => string)[] = [
  (rng) => rng.pick('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')),
  (rng) => rng.pick([' ', '-', '_', '.', ',', '(', ')', '#', '"', "'", '\\', '/', '<', '>', '&', '%', '$', '{', '}']),
  (rng) => range(rng, 0x4e00, 0x9fff), // CJK unified ideographs
  (rng) => rng.pick('武进金坛钟楼天宁湖塘镇危化品救援队防汛物资仓库，。、：；「」【】（）'.split('')),
  (rng) => range(rng, 0x20000, 0x2a6df), // CJK Extension B (𠀀 …), astral
  (rng) => range(rng, 0x1f300, 0x1faff), // emoji, astral
  (rng) => rng.pick(['\u200d', '\ufe0f', '\u200e', '\u200f', '\u00a0', '\u3000', '\ufeff', '\ufffd']),
  (rng) => range(rng, 0xe000, 0xf8ff), // private use
  (rng) => rng.pick(['é', 'ß', 'Ω', 'ж', 'ع', 'ש', '한', 'ä', 'ñ']),
];

/** Line breaks and tabs: allowed in multi-line fields only (CR only before LF). */
const LAYOUT = ['\n', '\t', '\r\n', '\u2028', '\u2029'];

/** One character the rule forbids everywhere (or a piece holding one). */
const HOSTILE: ((rng: Rng) => string)[] = [
  () => '\u0000',
  (rng) => range(rng, 0x01, 0x08),
  (rng) => rng.pick(['\u000b', '\u000c', '\u000e', '\u001f', '\u0007']),
  () => '\u001b[31m',
  () => '\u007f',
  (rng) => range(rng, 0x80, 0x9f),
  () => '\u0085',
  (rng) => String.fromCharCode(rng.int(0xd800, 0xdbff)), // lone high surrogate
  (rng) => String.fromCharCode(rng.int(0xdc00, 0xdfff)), // lone low surrogate
  () => '\udc00\ud800', // a pair in the wrong order
  (rng) => range(rng, 0x202a, 0x202e), // bidi embeddings and overrides
  (rng) => range(rng, 0x2066, 0x2069), // bidi isolates
  (rng) => range(rng, 0xfdd0, 0xfdef),
  (rng) => rng.pick(['\ufffe', '\uffff', cp(0x1fffe), cp(0x2ffff), cp(0x10ffff)]),
  () => '\r', // a lone carriage return
];

/** Whitespace that trimming removes (and that therefore never makes a text bad at its edges). */
const EDGE = [' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\r\n', '\u2028', '\u000b'];

/**
 * @param max the field's longest text (code points).
 * @param hostile whether to mix in at least one forbidden piece.
 * @returns a random string: usually 1–24 code points, with whitespace around it now and then.
 */
export function randomText(rng: Rng, lines: Lines, hostile: boolean, max: number): string {
  const pieces: string[] = [];
  const n = rng.int(1, Math.min(24, max));
  for (let i = 0; i < n; i++) {
    if (lines === 'multi' && rng.chance(0.12)) pieces.push(rng.pick(LAYOUT));
    else pieces.push(rng.pick(CLEAN)(rng));
  }
  if (hostile) {
    const k = rng.int(1, 3);
    for (let i = 0; i < k; i++) {
      const bad = rng.chance(0.25) && lines === 'single' ? rng.pick(LAYOUT) : rng.pick(HOSTILE)(rng);
      pieces.splice(rng.int(0, pieces.length), 0, bad);
    }
  }
  // Keep the text within the field's length: count code points, keep whole pieces.
  const kept: string[] = [];
  let length = 0;
  for (const p of pieces) {
    const l = [...p].length;
    if (length + l > max) break;
    kept.push(p);
    length += l;
  }
  const core = kept.join('') || 'x';
  const before = rng.chance(0.15) ? rng.pick(EDGE) : '';
  const after = rng.chance(0.15) ? rng.pick(EDGE) : '';
  return before + core + after;
}

/** @returns `base` with one forbidden piece, a line break or a CJK character put in at a random place. */
export function hostilePiece(rng: Rng, base: string): string {
  const piece = rng.chance(0.7) ? rng.pick(HOSTILE)(rng) : rng.pick([...LAYOUT, '武', cp(0x20000), ' ']);
  const at = rng.int(0, base.length);
  return base.slice(0, at) + piece + base.slice(at);
}

/**
 * The text rule as specified, for the oracle: the trimmed text is refused when empty, longer than
 * `max` code points, or holding a forbidden character.
 * @returns true when a service must store `sent.trim()`, false when it must refuse it.
 */
export function textAllowed(sent: string, lines: Lines, max: number): boolean {
  const t = sent.trim();
  if (t.length === 0) return false;
  let count = 0;
  for (let i = 0; i < t.length; i++) {
    count++;
    const u = t.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const v = t.charCodeAt(i + 1);
      if (!(v >= 0xdc00 && v <= 0xdfff)) return false;
      i++;
      const c = ((u - 0xd800) << 10) + (v - 0xdc00) + 0x10000;
      if ((c & 0xffff) >= 0xfffe) return false;
      continue;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return false;
    if (u === 0x0d) {
      if (lines === 'single' || t.charCodeAt(i + 1) !== 0x0a) return false;
      continue;
    }
    if (u === 0x09 || u === 0x0a || u === 0x2028 || u === 0x2029) {
      if (lines === 'single') return false;
      continue;
    }
    if (u < 0x20 || (u >= 0x7f && u <= 0x9f)) return false;
    if ((u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069)) return false;
    if ((u >= 0xfdd0 && u <= 0xfdef) || u === 0xfffe || u === 0xffff) return false;
  }
  return count <= max;
}

/** @returns the string with every non-printable-ASCII code unit escaped, for failure messages. */
export function escaped(s: string | null | undefined): string {
  if (s == null) return String(s);
  return `"${[...s].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : `\\u{${c.codePointAt(0)!.toString(16)}}`)).join('')}"`;
}
