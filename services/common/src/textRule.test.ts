import { parseInput, multilineText, text } from './inputs';
import { codePointLength, quoteInput, textProblem } from './textRule';

describe('the text rule', () => {
  test.each([
    ['NUL', 'a\u0000b', /control character U\+0000 \(character 2\)/],
    ['ESC', '\u001b[31m', /U\+001B/],
    ['DEL', '\u007f', /U\+007F/],
    ['C1 NEL', '\u0085', /U\+0085/],
    ['a lone high surrogate', 'a\ud800', /unpaired surrogate U\+D800/],
    ['a lone low surrogate', '\udc00a', /unpaired surrogate U\+DC00/],
    ['a reversed pair', '\udc00\ud800', /unpaired surrogate U\+DC00/],
    ['a right-to-left override', '\u202e', /bidirectional control U\+202E/],
    ['a first-strong isolate', '\u2068', /bidirectional control U\+2068/],
    ['U+FDD0', '\ufdd0', /noncharacter U\+FDD0/],
    ['U+FFFF', '\uffff', /noncharacter U\+FFFF/],
    ['U+1FFFE', '\u{1fffe}', /noncharacter U\+1FFFE/],
    ['U+10FFFF', '\u{10ffff}', /noncharacter U\+10FFFF/],
  ])('refuses %s everywhere', (_label, value, message) => {
    expect(textProblem(value, 'single')).toMatch(message);
    expect(textProblem(value, 'multi')).toMatch(message);
  });

  test.each(['\n', '\t', '\r\n', '\u2028', '\u2029'])('%j only in multi-line text', (brk) => {
    expect(textProblem(`a${brk}b`, 'single')).toMatch(/single line/);
    expect(textProblem(`a${brk}b`, 'multi')).toBeNull();
  });

  test('a carriage return only before a line feed', () => {
    expect(textProblem('a\rb', 'multi')).toMatch(/CRLF/);
    expect(textProblem('a\r', 'multi')).toMatch(/CRLF/);
    expect(textProblem('a\r\nb', 'multi')).toBeNull();
  });

  test('astral characters, joiners, marks and private use are text', () => {
    expect(textProblem('𠀀👩‍🚒⚠️\u200e\u200f\ue000\ufffd武进', 'single')).toBeNull();
    expect(codePointLength('𠀀𠀁a')).toBe(3);
    expect(codePointLength('\ud800a')).toBe(2);
  });

  test('text(max) trims, then counts code points', () => {
    expect(parseInput(text(3), ' 𠀀𠀁𠀂\n', 'name')).toBe('𠀀𠀁𠀂');
    expect(() => parseInput(text(2), '𠀀𠀁𠀂', 'name')).toThrow(/name: at most 2 characters/);
    expect(() => parseInput(text(9), ' \t ', 'name')).toThrow(/name: must not be empty/);
    expect(parseInput(multilineText(20), '\u3000一\r\n二\t三 ', 'minutes')).toBe('一\r\n二\t三');
  });

  test('a refusal names the field and never echoes the character', () => {
    try {
      parseInput(text(50), '队\u202e名', 'input.name');
      throw new Error('accepted');
    } catch (e) {
      const err = e as { message: string; extensions: { code: string; fields: { path: string }[] } };
      expect(err.extensions.code).toBe('BAD_USER_INPUT');
      expect(err.extensions.fields.map((f) => f.path)).toEqual(['input.name']);
      expect(err.message).not.toContain('\u202e');
    }
  });

  test('quoteInput shows forbidden characters as escapes', () => {
    expect(quoteInput('nar\u202enia\u0000')).toBe('"nar\\u202enia\\u0000"');
  });
});
