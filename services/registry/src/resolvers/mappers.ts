import type { DepotRecord } from '../models/Depot';
import type { DutyShiftRecord } from '../models/DutyShift';
import type { ExpertRecord } from '../models/Expert';
import type { SocialForceRecord } from '../models/SocialForce';
import type { StockLineRecord } from '../models/StockLine';
import type { TeamRecord } from '../models/Team';

/** GraphQL type → what its resolvers receive as parent (codegen `mappers`). */
export type TeamParent = TeamRecord;
export type SocialForceParent = SocialForceRecord;
export type DepotParent = DepotRecord;
export type StockLineParent = StockLineRecord & { distanceKm?: number | null };
export type ExpertParent = ExpertRecord;
export type DutyShiftParent = DutyShiftRecord;
/** Jurisdictions are described by the network directory; resolvers look the code up there. */
export type JurisdictionParent = { code: string };
