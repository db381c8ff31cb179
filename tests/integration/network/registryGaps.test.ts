import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { REPO_ROOT } from '../../../services/common/src/paths';
import type { GraphQLResult } from '../../testkit/graphql';
import { ASSIGN, PROPOSE, SCHEDULE } from '../../testkit/conference';
import { startAidNetwork, type AidNetwork, type TestRole } from '../../testkit/mutualAid';
import { ACCEPT, data, INCIDENT, inMs, RESPOND, SUBMIT } from '../../testkit/requests';
import { buildTeam, seedTeams } from '../../testkit/teamSeeder';

/**
 * Issue 11, acceptance d: with one node stopped, every read of mutual aid and of the conference
 * that uses registry data answers with `extensions.coverage` naming that node as unavailable and a
 * JURISDICTION_UNAVAILABLE error with `extensions.jurisdiction`, and keeps the rest of its answer.
 * The reads are enumerated below, and a guard checks the enumeration against every Query field of
 * both subgraphs' SDL, so a new read cannot be forgotten.
 */
jest.setTimeout(120_000);

const DOWN = 'tianning';
const NEAR = INCIDENT.location;

let net: AidNetwork;
const ids = { request: '', meeting: '', team: '' };

interface Read {
  /** The root field read. */
  field: string;
  service: 'mutual-aid' | 'conference';
  what: string;
  as: [string, TestRole];
  query: string;
  variables?: () => Record<string, unknown>;
}

/** Every read that uses registry data: each asks for something of Tianning's node. */
const READS: Read[] = [
  {
    field: 'suggestReinforcements',
    service: 'mutual-aid',
    what: 'candidates (mutual aid asks the registry through the gateway)',
    as: ['wujin', 'commander'],
    query: `query($near: GeoPointInput!) { suggestReinforcements(needs: [{ teamType: "hazmat" }], near: $near) { candidates { resourceId jurisdiction { code } } } }`,
    variables: () => ({ near: NEAR }),
  },
  {
    field: 'suggestReinforcements',
    service: 'mutual-aid',
    what: "candidates with their team's registry record",
    as: ['wujin', 'commander'],
    query: `query($near: GeoPointInput!) { suggestReinforcements(needs: [{ teamType: "hazmat" }, { supplyItem: "woven_bag" }], near: $near, jurisdictions: ["wujin", "tianning"]) { candidates { name team { status headcount } } } }`,
    variables: () => ({ near: NEAR }),
  },
  {
    field: 'reinforcementRequest',
    service: 'mutual-aid',
    what: "a request view with the offered and assigned team's registry record",
    as: ['wujin', 'commander'],
    query: `query($id: ID!) { reinforcementRequest(id: $id) { number responses { offered { name team { status } } } assignments { name team { status } } } }`,
    variables: () => ({ id: ids.request }),
  },
  {
    field: 'reinforcementRequest',
    service: 'mutual-aid',
    what: "a request view with the targets' duty and place",
    as: ['wujin', 'commander'],
    query: `query($id: ID!) { reinforcementRequest(id: $id) { number targets { code name dutyNow { officer phone } location { lat lng } } } }`,
    variables: () => ({ id: ids.request }),
  },
  {
    field: 'reinforcementRequests',
    service: 'mutual-aid',
    what: 'the request list with registry fields of the responders and teams',
    as: ['wujin', 'commander'],
    query: `{ reinforcementRequests(filter: { direction: OUTGOING }) { totalCount edges { node { number responses { responder { code level } } assignments { team { status } } } } } }`,
  },
  {
    field: 'notifications',
    service: 'mutual-aid',
    what: 'notifications with their request and its team',
    as: [DOWN, 'commander'],
    query: `query($j: ID!) { notifications(jurisdiction: $j) { title jurisdiction { dutyNow { officer } } request { number assignments { team { status } } } } }`,
    variables: () => ({ j: DOWN }),
  },
  {
    field: 'meetings',
    service: 'conference',
    what: "meetings with the members' duty and place",
    as: ['wujin', 'secretariat'],
    query: `{ meetings { title members { code name location { lat lng } dutyNow { officer } } } }`,
  },
  {
    field: 'meeting',
    service: 'conference',
    what: "a meeting with the proposer's and attendees' registry fields",
    as: ['wujin', 'secretariat'],
    query: `query($id: ID!) { meeting(id: $id) { title agenda { title proposedBy { code level } } attendees { name jurisdiction { dutyNow { phone } } } actions { owner { code location { lat } } } } }`,
    variables: () => ({ id: ids.meeting }),
  },
  {
    field: 'actionItems',
    service: 'conference',
    what: "action items with the owner's duty and the related request's team",
    as: ['wujin', 'secretariat'],
    query: `{ actionItems { title owner { code dutyNow { officer phone } } relatedRequest { number assignments { team { status } } } } }`,
  },
  {
    field: 'myOpenActions',
    service: 'conference',
    what: "the owner's own open actions with its duty",
    as: [DOWN, 'commander'],
    query: `{ myOpenActions { title owner { code neighbors { code } dutyNow { officer } } } }`,
  },
];

/** Query fields that read no registry data at all (answered from the service's own records and the directory). */
const NO_REGISTRY_DATA: Record<string, string> = {
  meetingReport: 'Markdown built from the meeting, its actions and the directory’s names',
};

beforeAll(async () => {
  net = await startAidNetwork(['wujin', DOWN], { conference: {} });
  [ids.team] = (await seedTeams(net.nodes.get(DOWN)!, [
    buildTeam({ name: '天宁区危化品应急救援队', type: 'hazmat', base: { lat: 31.78, lng: 119.98 } }),
  ])) as [string];
  await seedTeams(net.nodes.get('wujin')!, [buildTeam({ name: '武进区危化品救援队', type: 'hazmat' })]);

  // Wujin asks Tianning, Tianning offers its team, Wujin accepts: a response and an assignment.
  const input = {
    requester: 'wujin',
    incident: INCIDENT,
    needs: [{ teamType: 'hazmat', quantity: 1 }],
    targets: [DOWN],
    respondBy: inMs(600_000),
  };
  const r = data(
    await net.as('wujin', 'commander', SUBMIT, {
      input,
      key: 'registry-gaps-0001',
    }),
  ).submitReinforcementRequest;
  ids.request = r.id;
  const offer = { kind: 'OFFER' as const, offers: [{ needId: r.needs[0]!.id, resourceId: ids.team }] };
  data(await net.as(DOWN, 'commander', RESPOND, { id: r.id, input: offer }));
  const accepted = data(
    await net.as('wujin', 'commander', ACCEPT, {
      id: r.id,
      ids: [ids.team],
    }),
  ).acceptOffer;
  expect(accepted.assignments).toHaveLength(1);

  // A joint meeting of Wujin and Tianning: an item Tianning proposed, an action Tianning owns.
  const meeting = data(
    await net.as('wujin', 'secretariat', SCHEDULE, {
      input: {
        title: '武进、天宁区域应急联动联席会议',
        scheduledAt: inMs(86_400_000),
        location: '武进区应急管理局三楼会议室',
        host: 'wujin',
        members: ['wujin', DOWN],
        attendees: [{ name: '赵敏', title: '科长', jurisdiction: DOWN }],
      },
    }),
  ).scheduleMeeting;
  ids.meeting = meeting.id;
  data(await net.as(DOWN, 'commander', PROPOSE, { id: meeting.id, input: { title: '汛期物资互借与归还办法' } }));
  data(
    await net.as('wujin', 'secretariat', ASSIGN, {
      id: meeting.id,
      input: { title: '完善危化品跨区增援清单', owner: DOWN, dueDate: inMs(7 * 86_400_000), relatedRequestId: r.id },
    }),
  );
});

afterAll(async () => {
  await net?.stop();
});

const ask = (read: Read): Promise<GraphQLResult> =>
  net.as(read.as[0], read.as[1], read.query, read.variables?.() ?? {});

const label = (r: Read) => `${r.field}: ${r.what}`;

test('the enumeration names every Query field of mutual aid and the conference', () => {
  const queryFields = (file: string) =>
    parse(readFileSync(path.join(REPO_ROOT, 'schema', file), 'utf8'))
      .definitions.filter(
        (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query',
      )
      .flatMap((d) => (d.fields ?? []).map((f) => f.name.value));
  const all = [...queryFields('mutual-aid.graphql'), ...queryFields('conference.graphql')].sort();
  const listed = [...new Set([...READS.map((r) => r.field), ...Object.keys(NO_REGISTRY_DATA)])].sort();
  expect(listed).toEqual(all);
});

describe('all nodes up: each read asks the node and reports it answered', () => {
  test.each(READS.map((r) => [label(r), r] as const))('%s', async (_label, read) => {
    const res = await ask(read);
    expect(res.errors).toBeUndefined();
    const coverage = res.extensions?.coverage as { answered: string[]; unavailable: string[] };
    expect(coverage.answered).toContain(DOWN);
    expect(coverage.unavailable).toEqual([]);
  });
});

describe(`${DOWN}'s node stopped: each read names it and keeps the rest of the answer`, () => {
  beforeAll(async () => {
    const node = net.nodes.get(DOWN)!;
    await node.store.conn.dropDatabase();
    await node.stop();
    net.nodes.delete(DOWN); // stopped here; the network's stop must not stop it again
  });

  test.each(READS.map((r) => [label(r), r] as const))('%s', async (_label, read) => {
    const res = await ask(read);
    expect(res.status).toBe(200);
    expect(res.extensions?.coverage).toMatchObject({ unavailable: [DOWN] });
    expect((res.extensions?.coverage as { asked: string[] }).asked).toContain(DOWN);
    const gaps = (res.errors ?? []).filter((e) => e.extensions?.code === 'JURISDICTION_UNAVAILABLE');
    expect(gaps.map((e) => e.extensions?.jurisdiction)).toContain(DOWN);
    // Only gaps: nothing else went wrong, and the field itself is still answered.
    expect((res.errors ?? []).map((e) => e.extensions?.code)).toEqual(gaps.map(() => 'JURISDICTION_UNAVAILABLE'));
    expect(res.data?.[read.field]).toBeTruthy();
  });

  test(`with ${DOWN}'s node stopped, its directory facts are still answered; only its duty is missing`, async () => {
    const res = await net.as<{ meetings: { members: Record<string, unknown>[] }[] }>(
      'wujin',
      'secretariat',
      `{ meetings { members { code name level parent { code } location { lat lng } neighbors { code } dutyNow { officer } } } }`,
    );
    const entry = net.directory.get(DOWN)!;
    const member = res.data!.meetings[0]!.members.find((m) => m.code === DOWN);
    expect(member).toEqual({
      code: DOWN,
      name: entry.name,
      level: entry.level,
      parent: entry.parent ? { code: entry.parent } : null,
      location: entry.location,
      neighbors: entry.neighbors.filter((c) => net.directory.has(c)).map((code) => ({ code })),
      dutyNow: null,
    });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.jurisdiction])).toEqual([
      ['JURISDICTION_UNAVAILABLE', DOWN],
    ]);
  });
});
