import { maskPhone } from './phone';

describe('maskPhone', () => {
  test('a mobile number keeps its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('19900001111')).toBe('199****1111');
  });

  test('a landline with an area code and dash keeps the dash and masks digits only', () => {
    expect(maskPhone('0519-86661234')).toBe('051*-****1234');
    expect(maskPhone('0519-8666123')).toBe('051*-***6123');
  });

  test('spaces and a + sign stay where they are', () => {
    expect(maskPhone('138 1234 5678')).toBe('138 **** 5678');
    // 13 digits 8613812345678: 861 kept, 381234 masked, 5678 kept.
    expect(maskPhone('+86 13812345678')).toBe('+86 1******5678');
  });

  test('eight digits: three kept in front, four at the end', () => {
    expect(maskPhone('86661234')).toBe('866*1234');
  });

  test('numbers of 7 digits or fewer keep only the last two digits', () => {
    expect(maskPhone('8666123')).toBe('*****23');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('110')).toBe('*10');
    expect(maskPhone('12')).toBe('12');
  });

  test('a short number with separators masks digits only', () => {
    expect(maskPhone('866-1234')).toBe('***-**34');
  });

  test('the masked number has the same length and never reveals more than 7 digits', () => {
    for (const phone of ['13812345678', '0519-86661234', '+86 138 1234 5678', '12345', '8666123']) {
      const masked = maskPhone(phone);
      expect(masked).toHaveLength(phone.length);
      expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(7);
      expect(masked.replace(/[\d*]/g, '')).toBe(phone.replace(/\d/g, ''));
    }
  });

  test('an empty string stays empty', () => {
    expect(maskPhone('')).toBe('');
  });
});
