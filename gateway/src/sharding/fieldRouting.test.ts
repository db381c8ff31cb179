import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, parse } from 'graphql';
import { loadNetwork } from '../../../services/common/src/network';
import { REPO_ROOT } from '../../../services/common/src/paths';
import { planMutation, planQueryField } from './fieldRouting';
import { analyzeOperation, effectiveVariables } from './operationAnalysis';
import { readShardingPlan, readShardingPlanFile, type ShardingPlan } from './shardingPlan';

const network = loadNetwork();
const NODES = ['wujin', 'wujin.hutang', 'wujin.niutang'];
const PLAN = readShardingPlanFile();

/** @returns each root field's plan for `query`, as the data source computes it. */
function route(query: string, variables?: Record<string, unknown>, plan: ShardingPlan = PLAN) {
  const analysis = analyzeOperation(parse(query));
  const effective = effectiveVariables(analysis, variables);
  return analysis.rootFields.map((f) => {
    const p = planQueryField(f, effective, network, NODES, plan);
    return { key: p.field.responseKey, merge: p.merge, targets: p.targets, ...('connection' in p ? p : {}) };
  });
}

function mutationTarget(query: string, variables?: Record<string, unknown>): string {
  const analysis = analyzeOperation(parse(query));
  return planMutation(analysis.rootFields, effectiveVariables(analysis, variables), NODES, PLAN);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    expect((e as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (e as GraphQLError).message;
  }
  throw new Error('not refused');
}

describe('routing registry queries by the plan', () => {
  test('JURISDICTION and OWNER_OF_ID fields go to the one node they name (literals, variables, defaults)', () => {
    expect(
      route(
        'query($j: ID! = "wujin.niutang", $d: ID!) { a: jurisdiction(jurisdiction: $j) { code } team(id: "wujin.hutang:Team:1") { id } depot(id: $d) { id } }',
        { d: 'wujin:Depot:2' },
      ),
    ).toEqual([
      { key: 'a', merge: 'single', targets: ['wujin.niutang'] },
      { key: 'team', merge: 'single', targets: ['wujin.hutang'] },
      { key: 'depot', merge: 'single', targets: ['wujin'] },
    ]);
  });

  test('LISTED fields go to the listed nodes, or every node; connections carry their SDL shape', () => {
    const [teams, experts] = route(
      '{ teams(jurisdictions: ["wujin", "wujin.niutang", "changzhou"]) { totalCount } experts { id } }',
    );
    expect(teams).toMatchObject({ merge: 'connection', targets: ['wujin', 'wujin.niutang'] });
    expect(teams).toHaveProperty('connection', { typename: 'TeamConnection', defaultFirst: 20 });
    expect(experts).toEqual({ key: 'experts', merge: 'list', targets: NODES });
  });

  test('catalogues and __typename go to any one node (the data source picks it)', () => {
    expect(route('{ __typename teamTypes { code } }')).toEqual([
      { key: '__typename', merge: 'any', targets: [] },
      { key: 'teamTypes', merge: 'any', targets: [] },
    ]);
  });

  test('unknown jurisdictions, jurisdictions without a node and malformed ids are BAD_USER_INPUT', () => {
    expect(refusal(() => route('{ teams(jurisdictions: ["atlantis"]) { totalCount } }'))).toBe(
      'Unknown jurisdiction(s): atlantis',
    );
    expect(refusal(() => route('{ jurisdiction(jurisdiction: "jintan") { code } }'))).toMatch(
      /^No node serves "jintan"/,
    );
    expect(refusal(() => route('{ team(id: "nonsense") { id } }'))).toMatch(/^No node serves "nonsense"/);
  });
});

describe('routing registry mutations by the plan', () => {
  test('a mutation goes to the node of its jurisdiction, or of the owner of its id', () => {
    expect(mutationTarget('mutation { setDutyRegime(jurisdiction: "wujin.hutang", regime: NORMAL) { code } }')).toBe(
      'wujin.hutang',
    );
    expect(
      mutationTarget('mutation($d: ID!) { __typename setStock(depotId: $d, item: "x", quantity: 1) { id } }', {
        d: 'wujin.niutang:Depot:1',
      }),
    ).toBe('wujin.niutang');
  });

  test('an operation writing to two jurisdictions, or none, is refused', () => {
    expect(
      refusal(() =>
        mutationTarget(
          'mutation { a: setDutyRegime(jurisdiction: "wujin", regime: NORMAL) { code } b: deployTeam(id: "wujin.hutang:Team:1", requestId: "r") { id } }',
        ),
      ),
    ).toMatch(/^One operation may write to one jurisdiction only; this one names wujin, wujin.hutang/);
    expect(refusal(() => mutationTarget('mutation { __typename }'))).toBe('The mutation names no jurisdiction');
    expect(
      refusal(() => mutationTarget('mutation { setDutyRegime(jurisdiction: "jintan", regime: NORMAL) { code } }')),
    ).toMatch(/^No node serves "jintan"/);
  });
});

describe('routing follows the declaration, with no gateway code change', () => {
  const sdl = readFileSync(path.join(REPO_ROOT, 'schema/registry.graphql'), 'utf8');
  const redeclare = (from: string, to: string) => {
    expect(sdl).toContain(from);
    return readShardingPlan(sdl.replace(from, to));
  };

  test('a catalogue declared EVERY/LIST is asked of every node and merged as a list', () => {
    const plan = redeclare(
      'teamTypes: [TeamType!]! @shard(route: "ANY", merge: "SINGLE")',
      'teamTypes: [TeamType!]! @shard(route: "EVERY", merge: "LIST")',
    );
    expect(route('{ teamTypes { code } }', undefined, plan)).toEqual([
      { key: 'teamTypes', merge: 'list', targets: NODES },
    ]);
  });

  test('a new default page size in the SDL is the one the merge uses', () => {
    const plan = redeclare(
      'first: Int = 20\n    after: String\n    jurisdictions: [ID!]\n  ): TeamConnection!',
      'first: Int = 7\n    after: String\n    jurisdictions: [ID!]\n  ): TeamConnection!',
    );
    expect(route('{ teams { totalCount } }', undefined, plan)[0]).toHaveProperty('connection', {
      typename: 'TeamConnection',
      defaultFirst: 7,
    });
  });
});
