import type { ApolloServerPlugin } from '@apollo/server';
import { SHARD_EXTENSION } from '../../common/src/shardMeta';
import type { RegistryContext } from './context';

/** Puts the recorded sort keys into the response's extensions for the gateway's merge. */
export function shardMetaPlugin(): ApolloServerPlugin<RegistryContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || Object.keys(contextValue.shardMeta).length === 0) return;
          const body = response.body.singleResult;
          body.extensions = { ...body.extensions, [SHARD_EXTENSION]: contextValue.shardMeta };
        },
      };
    },
  };
}
