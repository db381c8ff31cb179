/**
 * Masks a phone number for callers who may not see it whole (DESIGN.md section 5): the first
 * three and last four digits stay, e.g. 13812345678 → 138****5678, 0519-86661234 → 051*-****1234.
 * @returns the masked number; numbers of 7 digits or fewer keep only the last two digits.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  const keepHead = digits > 7 ? 3 : 0;
  const keepTail = digits > 7 ? 4 : 2;
  let index = 0;
  return phone.replace(/\d/g, (d) => {
    const i = index++;
    return i < keepHead || i >= digits - keepTail ? d : '*';
  });
}
