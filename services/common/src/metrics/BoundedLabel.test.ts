import { BoundedLabel } from './BoundedLabel';

test('the first names keep their value; later, malformed and missing ones collapse', () => {
  const names = new BoundedLabel(3);
  expect(names.of('TeamSearch')).toBe('TeamSearch');
  expect(names.of(undefined)).toBe('unnamed');
  expect(names.of('')).toBe('unnamed');
  expect(names.of('req-8f3a')).toBe('other'); // not a GraphQL name
  expect(names.of('x'.repeat(65))).toBe('other');
  expect(names.of('OnDuty')).toBe('OnDuty');
  expect(names.of('Suggest')).toBe('Suggest');
  expect(names.of('Fourth')).toBe('other');
  expect(names.of('TeamSearch')).toBe('TeamSearch');
});

test('a flood of distinct names yields at most capacity + 2 label values', () => {
  const names = new BoundedLabel(100);
  const values = new Set(Array.from({ length: 10_000 }, (_, i) => names.of(i % 7 ? `Op${i}` : null)));
  expect(values.size).toBe(102);
});
