import type { MutualAidDeps } from '../commands/deps';
import { escalate } from '../commands/escalate';
import { toRequestId } from '../domain/requestIds';
import type { MutualAidJobs } from '../jobs/mutualAidJobs';
import { requestsOwingNodes, requestsWithTimer } from '../models/requestRecords';
import type { SagaRunner } from './sagaRunner';

/**
 * The bridge between the request documents and Redis. Every few seconds it makes sure that each
 * request owing node calls has its saga job and each pending escalation has its timer job — they
 * may be missing after Redis was down or lost its data. While Redis is down it does the due work
 * itself, so neither a node call nor a deadline waits for Redis.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: MutualAidDeps,
    private readonly jobs: MutualAidJobs,
    private readonly saga: SagaRunner,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass; concurrent calls share the pass in progress. */
  sweepOnce(): Promise<void> {
    this.running ??= this.sweep().finally(() => (this.running = null));
    return this.running;
  }

  private async sweep(): Promise<void> {
    const { deps } = this;
    try {
      const owing = await requestsOwingNodes(deps.store);
      for (const r of owing) {
        const id = toRequestId(r.requester, r._id);
        if (!(await this.jobs.enqueueSaga(id))) await this.saga.drive(r._id, { dueOnly: true });
      }
      const timed = await requestsWithTimer(deps.store);
      for (const r of timed) {
        if (!r.timer) continue;
        const id = toRequestId(r.requester, r._id);
        const dueAt = new Date(r.timer.dueAt);
        const held = await this.jobs.hasEscalation(id, r.timer.ring);
        if (held === false) await this.jobs.scheduleEscalation(id, r.timer.ring, dueAt);
        else if (held === null && dueAt <= deps.now()) await escalate(deps, id, r.timer.ring);
      }
    } catch (e) {
      deps.logger.error({ err: e }, 'sweep failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
