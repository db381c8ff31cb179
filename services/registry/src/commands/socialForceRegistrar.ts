import { hasAnyRole } from '../../../common/src/auth';
import { badInput, ERRORS } from '../../../common/src/errors';
import type { RegistryContext } from '../context';
import {
  parseInput,
  ReviewGradesModel,
  ReviewNoteModel,
  SocialForceInputModel,
  SocialForceUpdateModel,
} from '../domain/inputs';
import { authorizeWrite, ownsSocialForce, WRITERS } from '../domain/policy';
import { decideManualStatus, expectVersion } from '../domain/reservation';
import type { ResourceStatus } from '../models/fragments';
import type { CapabilityRecord, SocialForceRecord, VerificationStatus } from '../models/SocialForce';
import { expectOwnJurisdiction, ownLocalId } from '../routing';
import { creationStamp, unheld } from './creationStamp';
import { insertRecord, updateRecord } from '../models/registryRecords';

/**
 * Registration of social emergency forces (社会应急力量) and their review by the jurisdiction.
 * A registration is always PENDING; only VERIFIED forces are offered to other jurisdictions.
 */

type Decision = 'VERIFY' | 'REJECT' | 'SUSPEND';
const DECISION_STATUS: Record<Decision, VerificationStatus> = {
  VERIFY: 'VERIFIED',
  REJECT: 'REJECTED',
  SUSPEND: 'SUSPENDED',
};

const DUPLICATE_KEY = 11000;

function withDefaults(
  caps: {
    capability: string;
    grade?: CapabilityRecord['grade'] | null;
    assessedAt?: Date | null;
    validUntil?: Date | null;
  }[],
): CapabilityRecord[] {
  return caps.map((c) => ({
    capability: c.capability,
    grade: c.grade ?? 'UNGRADED',
    assessedAt: c.assessedAt ?? null,
    validUntil: c.validUntil ?? null,
  }));
}

/** @returns the new registration, PENDING review. @throws CONFLICT for a credit code already registered here. */
export async function registerSocialForce(
  ctx: RegistryContext,
  jurisdiction: string,
  input: unknown,
): Promise<SocialForceRecord> {
  expectOwnJurisdiction(ctx, jurisdiction);
  authorizeWrite(ctx.principal, jurisdiction, WRITERS.registerSocialForce, 'register social forces');
  const v = parseInput(SocialForceInputModel, input, 'input');
  try {
    return await insertRecord(ctx.store, 'socialForces', {
      ...v,
      capabilities: withDefaults(v.capabilities),
      equipment: v.equipment ?? [],
      verification: 'PENDING',
      status: 'AVAILABLE',
      owner: { sub: ctx.principal.sub, org: ctx.principal.org ?? null },
      ...unheld(),
      ...creationStamp(ctx),
    });
  } catch (e) {
    if ((e as { code?: number }).code === DUPLICATE_KEY) {
      throw ERRORS.CONFLICT.err(`A social force with credit code ${v.creditCode} is already registered here`, {
        reason: 'DUPLICATE_CREDIT_CODE',
      });
    }
    throw e;
  }
}

async function loadForAuthorisation(ctx: RegistryContext, id: string) {
  const localId = ownLocalId(ctx, id, 'SocialForce');
  const current = await ctx.loaders.socialForce.load(localId);
  if (!current) throw ERRORS.NOT_FOUND.err('No social force with this id');
  return { localId, current };
}

/** The group itself, or the jurisdiction's registrars and commanders. */
function authorizeEdit(
  ctx: RegistryContext,
  force: SocialForceRecord,
  roles: readonly ('registrar' | 'commander' | 'duty_officer')[],
  action: string,
): void {
  if (ownsSocialForce(ctx.principal, force.owner)) return;
  if (hasAnyRole(ctx.principal, ['social_org'])) {
    throw ERRORS.FORBIDDEN.err(`A social group may ${action} only its own registration`);
  }
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, roles, action);
}

/** Edits a registration; new capabilities of a VERIFIED force send it back to PENDING review. */
export async function updateSocialForce(
  ctx: RegistryContext,
  id: string,
  input: unknown,
  expectedVersion: number,
): Promise<SocialForceRecord> {
  const { localId, current } = await loadForAuthorisation(ctx, id);
  authorizeEdit(ctx, current, WRITERS.review, 'edit social force registrations');
  const v = parseInput(SocialForceUpdateModel, input, 'input');
  const { capabilities, ...rest } = v;
  const set: Partial<SocialForceRecord> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined && value !== null),
  );
  return updateRecord(ctx.store, 'socialForces', localId, (latest) => {
    expectVersion(latest.version, expectedVersion);
    if (capabilities) {
      set.capabilities = withDefaults(capabilities);
      if (latest.verification === 'VERIFIED') set.verification = 'PENDING';
    }
    return { kind: 'set', set };
  });
}

/** Verifies (with assessed grades), rejects or suspends a registration. */
export async function reviewSocialForce(
  ctx: RegistryContext,
  id: string,
  decision: Decision,
  note: unknown,
  grades: unknown,
): Promise<SocialForceRecord> {
  const localId = ownLocalId(ctx, id, 'SocialForce');
  authorizeWrite(ctx.principal, ctx.node.jurisdiction.code, WRITERS.review, 'review social forces');
  const reviewNote = parseInput(ReviewNoteModel, note, 'note') ?? null;
  const assessed = parseInput(ReviewGradesModel, grades, 'grades');
  if (assessed && decision !== 'VERIFY') {
    throw badInput('grades are given only with decision VERIFY', [{ path: 'grades', message: 'only with VERIFY' }]);
  }
  const now = new Date();
  return updateRecord(ctx.store, 'socialForces', localId, (current) => {
    let capabilities = current.capabilities;
    if (assessed) {
      const byCode = new Map(withDefaults(assessed).map((g) => [g.capability, g]));
      const unknown = [...byCode.keys()].filter((c) => !current.capabilities.some((k) => k.capability === c));
      if (unknown.length > 0) {
        throw badInput(`The force did not register ${unknown.join(', ')}`, [
          { path: 'grades', message: 'capability not registered by the force' },
        ]);
      }
      capabilities = current.capabilities.map((c) => {
        const g = byCode.get(c.capability);
        return g ? { ...g, assessedAt: g.assessedAt ?? now } : c;
      });
    }
    return {
      kind: 'set',
      set: {
        verification: DECISION_STATUS[decision],
        reviewNote,
        reviewedAt: now,
        reviewedBy: ctx.principal.sub,
        capabilities,
      },
    };
  });
}

/** The group or the jurisdiction's staff mark a force AVAILABLE, STANDBY or OUT_OF_SERVICE. */
export async function setSocialForceStatus(
  ctx: RegistryContext,
  id: string,
  status: ResourceStatus,
  expectedVersion: number,
): Promise<SocialForceRecord> {
  const { localId, current } = await loadForAuthorisation(ctx, id);
  authorizeEdit(ctx, current, WRITERS.resourceStatus, 'change social force status');
  return updateRecord(ctx.store, 'socialForces', localId, (latest) =>
    decideManualStatus(latest, status, expectedVersion),
  );
}
