import { socialCapabilityByCode, supplyItemByCode, teamTypeByCode } from '../../../registry/src/catalogue';
import type { NeedRecord } from '../domain/records';

/** Chinese wording of timeline events and notifications (names come from NetworkDirectory.nameOf). */
export { formatChinaTime as formatTime } from '../../../common/src/chinaTime';

export function describeNeed(n: NeedRecord): string {
  if (n.teamType) return `${teamTypeByCode.get(n.teamType)?.nameZh ?? n.teamType} ${n.quantity} 支`;
  if (n.socialCapability) {
    return `${socialCapabilityByCode.get(n.socialCapability)?.nameZh ?? n.socialCapability}社会力量 ${n.quantity} 支`;
  }
  const item = supplyItemByCode.get(n.supplyItem ?? '');
  return `${item?.nameZh ?? n.supplyItem} ${n.quantity} ${item?.unit.split(' ')[0] ?? ''}`.trim();
}

export function describeNeeds(needs: readonly NeedRecord[]): string {
  return needs.map(describeNeed).join('、');
}

export const RESPONSE_WORDS = { OFFER: '提供', PROVISIONAL: '暂定提供', DECLINE: '无法提供' } as const;
