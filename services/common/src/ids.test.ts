import { GraphQLError } from 'graphql';
import {
  ENTITY_TYPES,
  expectGlobalId,
  isJurisdictionCode,
  ownerOfId,
  parseGlobalId,
  parseTypedId,
  toGlobalId,
} from './ids';

const HEX = '0123456789abcdef01234567';

describe('toGlobalId / parseGlobalId', () => {
  test.each(ENTITY_TYPES.map((t) => [t]))('round-trips a %s id', (type) => {
    const id = toGlobalId('wujin.hutang', type, HEX);
    expect(id).toBe(`wujin.hutang:${type}:${HEX}`);
    expect(parseGlobalId(id)).toEqual({ jurisdiction: 'wujin.hutang', type, localId: HEX });
  });

  test.each([
    ['empty', ''],
    ['no separators', 'wujin'],
    ['two parts', `wujin:${HEX}`],
    ['four parts', `wujin:Team:${HEX}:x`],
    ['unknown type', `wujin:Truck:${HEX}`],
    ['type in lower case', `wujin:team:${HEX}`],
    ['upper-case jurisdiction', `Wujin:Team:${HEX}`],
    ['jurisdiction starting with a digit', `1wujin:Team:${HEX}`],
    ['empty jurisdiction', `:Team:${HEX}`],
    ['empty dotted segment', `wujin..hutang:Team:${HEX}`],
    ['trailing dot', `wujin.:Team:${HEX}`],
    ['local id too short', `wujin:Team:${HEX.slice(1)}`],
    ['local id too long', `wujin:Team:${HEX}0`],
    ['local id in upper case', `wujin:Team:${HEX.toUpperCase()}`],
    ['local id not hex', `wujin:Team:${'g'.repeat(24)}`],
    ['space inside', `wujin:Team: ${HEX.slice(1)}`],
    ['jurisdiction longer than 64', `${'a'.repeat(65)}:Team:${HEX}`],
  ])('%s → null', (_label, id) => {
    expect(parseGlobalId(id)).toBeNull();
  });

  test('a 64-character jurisdiction code is still accepted', () => {
    expect(parseGlobalId(`${'a'.repeat(64)}:Team:${HEX}`)?.jurisdiction).toBe('a'.repeat(64));
  });
});

describe('isJurisdictionCode', () => {
  test.each([
    ['wujin', true],
    ['wujin.hutang', true],
    ['changzhou', true],
    ['a1_b.c2', true],
    ['Wujin', false],
    ['wu jin', false],
    ['wujin-hutang', false],
    ['.wujin', false],
    ['wujin.', false],
    ['', false],
    ['武进', false],
  ])('%j → %s', (code, ok) => {
    expect(isJurisdictionCode(code)).toBe(ok);
  });
});

describe('ownerOfId', () => {
  test('reads the jurisdiction prefix of a global id', () => {
    expect(ownerOfId(`wujin:Team:${HEX}`)).toBe('wujin');
    expect(ownerOfId(`wujin.hutang:SocialForce:${HEX}`)).toBe('wujin.hutang');
  });

  test('needs only the prefix: the gateway routes ids it cannot otherwise parse to their owner', () => {
    expect(ownerOfId('jintan:Team:not-a-real-local-id')).toBe('jintan');
    expect(ownerOfId('jintan:')).toBe('jintan');
  });

  test.each([
    ['no colon', 'wujin'],
    ['empty', ''],
    ['leading colon', `:Team:${HEX}`],
    ['upper-case prefix', `WUJIN:Team:${HEX}`],
    ['prefix with a space', `wu jin:Team:${HEX}`],
    ['prefix with a slash', `../etc:Team:${HEX}`],
  ])('%s → null', (_label, id) => {
    expect(ownerOfId(id)).toBeNull();
  });
});

describe('expectGlobalId', () => {
  function errorOf(run: () => unknown): GraphQLError {
    try {
      run();
    } catch (e) {
      if (e instanceof GraphQLError) return e;
      throw e;
    }
    throw new Error('expected a throw');
  }

  test('returns the parts of a well-formed id of the asked type', () => {
    expect(expectGlobalId(`wujin:Depot:${HEX}`, 'Depot')).toEqual({
      jurisdiction: 'wujin',
      type: 'Depot',
      localId: HEX,
    });
  });

  test('a malformed id is BAD_USER_INPUT that shows the expected shape', () => {
    const e = errorOf(() => expectGlobalId('garbage', 'Team'));
    expect(e.extensions.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('<jurisdiction>:Team:<24 hex digits>');
  });

  test('an id of another type is BAD_USER_INPUT naming both types', () => {
    const e = errorOf(() => expectGlobalId(`wujin:Depot:${HEX}`, 'Team'));
    expect(e.extensions.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/Depot id, not a Team id/);
  });

  test('a very long id is truncated in the message', () => {
    const e = errorOf(() => expectGlobalId('x'.repeat(5000), 'Team'));
    expect(e.message.length).toBeLessThan(300);
    expect(e.message).toContain('…');
  });
});

describe("parseTypedId: the one parser for every service's ids", () => {
  test.each(['JointMeeting', 'ActionItem', 'ReinforcementRequest', 'Team'])('reads a %s id', (type) => {
    expect(parseTypedId(`wujin.hutang:${type}:${HEX}`, type)).toEqual({ jurisdiction: 'wujin.hutang', localId: HEX });
  });

  test.each([
    ['another type', `wujin:ActionItem:${HEX}`],
    ['four parts', `wujin:JointMeeting:${HEX}:A1`],
    ['bad jurisdiction', `Wujin:JointMeeting:${HEX}`],
    ['short local id', `wujin:JointMeeting:${HEX.slice(1)}`],
    ['upper-case local id', `wujin:JointMeeting:${HEX.toUpperCase()}`],
  ])('refuses %s', (_, id) => {
    expect(parseTypedId(id, 'JointMeeting')).toBeNull();
  });
});
