import { Coverage, readCoverageReport } from './coverage';

/** Coverage merged from several parts of one answer (issue 11, defect 2). */
test('merging: a jurisdiction that failed anywhere is unavailable, never answered', () => {
  const c = new Coverage();
  c.ask('wujin');
  c.answer('wujin');
  c.merge({ asked: ['wujin', 'tianning'], answered: ['tianning'], unavailable: ['wujin'] });
  c.merge({ asked: ['jintan'], answered: ['jintan'], unavailable: [] });
  expect(c.toJSON()).toEqual({
    asked: ['jintan', 'tianning', 'wujin'],
    answered: ['jintan', 'tianning'],
    unavailable: ['wujin'],
  });
});

test.each([
  ['no extensions', undefined],
  ['no coverage', { other: 1 }],
  ['a list that is not one', { coverage: { asked: 'wujin', answered: [], unavailable: [] } }],
  ['a code that is not a string', { coverage: { asked: ['wujin'], answered: [1], unavailable: [] } }],
  ['a missing list', { coverage: { asked: ['wujin'], answered: ['wujin'] } }],
])('a subgraph answer with %s reports no coverage', (_label, extensions) => {
  expect(readCoverageReport(extensions as Record<string, unknown> | undefined)).toBeNull();
});

test('a well-formed report is read as it is', () => {
  const coverage = { asked: ['wujin', 'jintan'], answered: ['wujin'], unavailable: ['jintan'] };
  expect(readCoverageReport({ coverage })).toEqual(coverage);
});
