import { randomBytes } from 'node:crypto';
import type { Model } from 'mongoose';
import { DEFAULT_TRAVEL_MODEL } from '../../services/common/src/geo';
import { createLogger } from '../../services/common/src/logger';
import { loadNetwork, type NetworkDirectory } from '../../services/common/src/network';
import type { RegistryStore } from '../../services/registry/src/models/store';
import { startRegistryNode, type RegistryNode } from '../../services/registry/src/registryNode';
import { CreateTestTeamDocument, type CreateTestTeamMutation, type TeamInput } from './__generated__/node-operations';
import { expectData, graphql } from './graphql';
import { AUDIENCE, ISSUER, publicKeys } from './tokens';

/** Starts real registry nodes in the test process, each on its own port and database. */
let network: NetworkDirectory | undefined;

export function testNetwork(): NetworkDirectory {
  network ??= loadNetwork();
  return network;
}

export function testMongoUrl(): string {
  const url = process.env.AIDNET_TEST_MONGODB_URL;
  if (!url) throw new Error('AIDNET_TEST_MONGODB_URL is unset: run the tests through npm test (jest globalSetup)');
  return url;
}

/**
 * Starts a node on a fresh database and a free port; pass the database and port of a stopped node
 * to start it again where it was (a process restart).
 */
export async function startTestNode(
  jurisdiction: string,
  at: { databaseName?: string; port?: number } = {},
): Promise<RegistryNode> {
  const tag = randomBytes(4).toString('hex');
  return startRegistryNode({
    jurisdiction,
    mongoUrl: testMongoUrl(),
    databaseName: at.databaseName ?? `aidnet_t${tag}_${jurisdiction.replace(/\./g, '_')}`,
    host: '127.0.0.1',
    port: at.port ?? 0,
    network: testNetwork(),
    publicKeys: publicKeys(),
    audience: AUDIENCE,
    issuer: ISSUER,
    travel: DEFAULT_TRAVEL_MODEL,
    bodyLimit: '256kb',
    logger: createLogger('registry-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
  });
}

/** Drops the node's test database and stops it. */
export async function stopTestNode(node: RegistryNode): Promise<void> {
  await node.store.conn.dropDatabase().catch(() => undefined);
  await node.stop();
}

/** One collection: its document count and its documents in _id order, as plain JSON. */
export interface CollectionState {
  count: number;
  docs: unknown;
}

/** One entry per model of the store, so a model added to RegistryStore must be added here too. */
export type DatabaseSnapshot = {
  [K in keyof RegistryStore as RegistryStore[K] extends Model<any> ? K : never]: CollectionState;
};

async function collectionState<T>(model: Model<T>): Promise<CollectionState> {
  const docs = await model.find().sort({ _id: 1 }).lean().exec();
  return { count: await model.countDocuments().exec(), docs: JSON.parse(JSON.stringify(docs)) as unknown };
}

/**
 * Every collection of the node (one per model of the store), documents in _id order as plain JSON
 * (ObjectIds and Dates as strings), with counts. Compare two snapshots to check that a request
 * changed nothing.
 */
export async function databaseSnapshot(store: RegistryStore): Promise<DatabaseSnapshot> {
  return {
    teams: await collectionState(store.teams),
    socialForces: await collectionState(store.socialForces),
    depots: await collectionState(store.depots),
    stockLines: await collectionState(store.stockLines),
    experts: await collectionState(store.experts),
    dutyShifts: await collectionState(store.dutyShifts),
    profile: await collectionState(store.profile),
  };
}

/**
 * Creates a valid team (water rescue, based in Wujin) named `name` in the node's own jurisdiction,
 * through its GraphQL API (registry.node.graphql, typed against the node's own schema).
 * @returns the created team, as CreateTestTeam selects it.
 */
export async function createTeam(node: RegistryNode, name: string, token: string): Promise<TestTeam> {
  const input: TeamInput = {
    name,
    type: 'water_rescue',
    kind: 'SPECIALIST',
    tier: 2,
    headcount: 25,
    base: { lat: 31.7, lng: 119.95 },
    readinessMinutes: 10,
    contact: { name: '郑队长', phone: '13812345678' },
  };
  return expectData(await graphql(node.url, CreateTestTeamDocument, { jurisdiction: node.jurisdiction, input }, token))
    .createTeam;
}

export type TestTeam = CreateTestTeamMutation['createTeam'];
