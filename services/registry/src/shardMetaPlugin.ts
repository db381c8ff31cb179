import type { ApolloServerPlugin } from '@apollo/server';
import { encodeShardSummary, SHARD_EXTENSION, SHARD_HEADER, type ShardMeta } from '../../common/src/shardMeta';
import type { RegistryContext } from './context';

/**
 * Puts the recorded sort keys into the response's extensions for the gateway's merge, and a
 * summary of them (no cursors) into a header, so the gateway reads them without parsing the body.
 */
export function shardMetaPlugin(): ApolloServerPlugin<RegistryContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const meta = contextValue.shardMeta;
          if (response.body.kind !== 'single' || Object.keys(meta).length === 0) return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, [SHARD_EXTENSION]: meta };
          const fields: ShardMeta = {};
          for (const [key, { cursors: _cursors, ...rest }] of Object.entries(meta)) fields[key] = rest;
          const header = encodeShardSummary({ fields, errors: (body.errors?.length ?? 0) > 0 });
          if (header !== undefined) response.http.headers.set(SHARD_HEADER, header);
        },
      };
    },
  };
}
