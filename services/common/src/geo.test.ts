import { DEFAULT_TRAVEL_MODEL, etaMinutes, greatCircleKm, isValidPoint, travelMinutes } from './geo';

/**
 * Reference values computed by hand, independently of the module:
 *
 * Changzhou city (31.811, 119.974) → Jintan (31.73, 119.59):
 *   Δlat = 0.081°, Δlng = 0.384°, mean latitude 31.7705°, cos = 0.85013.
 *   One degree of arc on R = 6371 km is 2π·6371/360 = 111.1949 km.
 *   north–south 0.081 × 111.1949 = 9.0068 km; east–west 0.384 × 111.1949 × 0.85013 = 36.2993 km.
 *   √(9.0068² + 36.2993²) = √(81.122 + 1317.64) = √1398.76 = 37.400 km
 *   (a flat approximation; the haversine value is 37.4017 km, equal to 0.01 km).
 */
const CHANGZHOU = { lat: 31.811, lng: 119.974 };
const JINTAN = { lat: 31.73, lng: 119.59 };
const DEGREE_KM = (2 * Math.PI * 6371) / 360; // 111.19492664…

describe('greatCircleKm', () => {
  test('Changzhou city to Jintan is about 37.40 km', () => {
    expect(greatCircleKm(CHANGZHOU, JINTAN)).toBeCloseTo(37.4, 1);
    expect(Math.abs(greatCircleKm(CHANGZHOU, JINTAN) - 37.4017)).toBeLessThan(0.001);
  });

  test('is symmetric and zero for the same point', () => {
    expect(greatCircleKm(JINTAN, CHANGZHOU)).toBe(greatCircleKm(CHANGZHOU, JINTAN));
    expect(greatCircleKm(CHANGZHOU, CHANGZHOU)).toBe(0);
  });

  test('one degree along the equator or a meridian is 2πR/360 with R = 6371 km', () => {
    expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(DEGREE_KM, 6);
    expect(greatCircleKm({ lat: 31, lng: 120 }, { lat: 32, lng: 120 })).toBeCloseTo(DEGREE_KM, 6);
  });

  test('equator to pole is a quarter of the circumference; antipodes half of it', () => {
    expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 90, lng: 0 })).toBeCloseTo(90 * DEGREE_KM, 6);
    expect(greatCircleKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6371, 6);
    expect(greatCircleKm({ lat: 31.8, lng: 119.9 }, { lat: -31.8, lng: -60.1 })).toBeCloseTo(Math.PI * 6371, 6);
  });

  test('crossing the antimeridian takes the short way', () => {
    expect(greatCircleKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).toBeCloseTo(DEGREE_KM, 6);
  });

  test('a degree of longitude shrinks with cos(latitude)', () => {
    // Short east–west step at 60°N: ≈ half a degree's length at the equator.
    const d = greatCircleKm({ lat: 60, lng: 10 }, { lat: 60, lng: 10.01 });
    expect(d).toBeCloseTo(0.01 * DEGREE_KM * 0.5, 4);
  });
});

describe('travelMinutes and etaMinutes', () => {
  test('the default model is road factor 1.3 at 50 km/h', () => {
    expect(DEFAULT_TRAVEL_MODEL).toEqual({ roadFactor: 1.3, speedKmh: 50 });
  });

  test('travel = ceil(60 × 1.3 × d / 50): exact values stay, anything above rounds up', () => {
    expect(travelMinutes(0)).toBe(0);
    expect(travelMinutes(50)).toBe(78); // exactly 78.0
    expect(travelMinutes(50.01)).toBe(79);
    expect(travelMinutes(0.001)).toBe(1); // 0.00156 minutes is still a minute
    expect(travelMinutes(25)).toBe(39); // exactly 39.0
    expect(travelMinutes(10)).toBe(16); // 15.6
  });

  test('Changzhou → Jintan: 1.56 × 37.4017 = 58.35 → 59 minutes of travel; ETA adds readiness', () => {
    const d = greatCircleKm(CHANGZHOU, JINTAN);
    expect(travelMinutes(d)).toBe(59);
    expect(etaMinutes(15, d)).toBe(74);
    expect(etaMinutes(0, d)).toBe(59);
  });

  test('readiness is added whole, after rounding the travel time', () => {
    expect(etaMinutes(10, 0)).toBe(10);
    expect(etaMinutes(10, 0.001)).toBe(11);
    expect(etaMinutes(7, 10)).toBe(7 + 16);
  });

  test('a custom model: road factor 1 at 60 km/h is one minute per km, rounded up', () => {
    const model = { roadFactor: 1, speedKmh: 60 };
    expect(travelMinutes(12, model)).toBe(12);
    expect(travelMinutes(12.2, model)).toBe(13);
    expect(etaMinutes(5, 12.2, model)).toBe(18);
  });

  test('the result is always a whole number of minutes, never less than the exact time', () => {
    for (let km = 0; km < 200; km += 0.37) {
      const t = travelMinutes(km);
      expect(Number.isInteger(t)).toBe(true);
      expect(t).toBeGreaterThanOrEqual((60 * 1.3 * km) / 50 - 1e-9);
      expect(t - (60 * 1.3 * km) / 50).toBeLessThan(1);
    }
  });
});

describe('isValidPoint', () => {
  test.each([
    [{ lat: 0, lng: 0 }, true],
    [{ lat: 90, lng: 180 }, true],
    [{ lat: -90, lng: -180 }, true],
    [{ lat: 90.0001, lng: 0 }, false],
    [{ lat: 0, lng: -180.0001 }, false],
    [{ lat: Number.NaN, lng: 0 }, false],
    [{ lat: 0, lng: Number.POSITIVE_INFINITY }, false],
  ])('%j → %s', (p, ok) => {
    expect(isValidPoint(p)).toBe(ok);
  });
});
