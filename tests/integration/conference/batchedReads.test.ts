import { startAidNetwork, type AidNetwork } from '../../testkit/mutualAid';
import { data } from '../../testkit/requests';
import { ASSIGN, quarterlyMeeting, SCHEDULE } from '../../testkit/conference';
import { MeetingsWithActionsDocument } from '../../testkit/__generated__/gateway-operations';

/**
 * Issue 12, build item 5: the conference resolvers read through per-request DataLoaders, so a list
 * of meetings with their actions (and each action's meeting) costs a constant number of database
 * queries, not one per meeting or per action. Counted on the conference store's own connection
 * with Mongoose's debug hook, which sees every command sent to the database.
 */
jest.setTimeout(120_000);

const DAY = 86_400_000;

let net: AidNetwork;
const reads: string[] = [];

beforeAll(async () => {
  net = await startAidNetwork([], { conference: {} });
  net.conference!.deps.store.conn.set('debug', (collection: string, method: string) => {
    if (collection === 'meetings' || collection === 'actions') reads.push(`${collection}.${method}`);
  });
});

afterAll(async () => {
  await net?.stop();
});

async function addMeetings(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.now() + DAY + i * 60_000);
    const m = data(await net.as('wujin', 'secretariat', SCHEDULE, { input: quarterlyMeeting(at) })).scheduleMeeting;
    for (const owner of ['jintan', 'zhonglou']) {
      data(
        await net.as('wujin', 'secretariat', ASSIGN, {
          id: m.id,
          input: { title: `任务 ${i} ${owner}`, owner, dueDate: new Date(at.getTime() + 10 * DAY).toISOString() },
        }),
      );
    }
  }
}

/** @returns the database commands one `meetings { actions { meeting } }` read sent. */
async function queriesOfOneList(): Promise<{ meetings: number; actions: number; queries: string[] }> {
  reads.length = 0;
  const list = data(await net.as('wujin', 'commander', MeetingsWithActionsDocument, {})).meetings;
  return { meetings: list.length, actions: list.reduce((n, m) => n + m.actions.length, 0), queries: [...reads] };
}

test('meetings { actions { meeting } } costs the same few queries for 2 meetings as for 8', async () => {
  await addMeetings(2);
  const small = await queriesOfOneList();
  await addMeetings(6);
  const large = await queriesOfOneList();
  expect({ meetings: small.meetings, actions: small.actions }).toEqual({ meetings: 2, actions: 4 });
  expect({ meetings: large.meetings, actions: large.actions }).toEqual({ meetings: 8, actions: 16 });
  // One query for the meetings, one for all their actions, one for the actions' meetings.
  expect(small.queries).toEqual(['meetings.find', 'actions.find', 'meetings.find']);
  expect(large.queries).toEqual(small.queries);
});
