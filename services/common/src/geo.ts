/** Great-circle distance and travel-time estimates (DESIGN.md section 4.1). */

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** How travel time is estimated from straight-line distance; configurable per deployment. */
export interface TravelModel {
  /** Road distance ÷ great-circle distance. */
  roadFactor: number;
  /** Average road speed, km/h. */
  speedKmh: number;
}

export const DEFAULT_TRAVEL_MODEL: TravelModel = { roadFactor: 1.3, speedKmh: 50 };

const EARTH_RADIUS_KM = 6371;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** @returns the haversine great-circle distance in km (R = 6371 km). */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** @returns travel minutes over `distanceKm`, rounded up: ceil(60 × roadFactor × d / speed). */
export function travelMinutes(distanceKm: number, model: TravelModel = DEFAULT_TRAVEL_MODEL): number {
  return Math.ceil((60 * model.roadFactor * distanceKm) / model.speedKmh);
}

/** @returns readiness plus travel minutes: the estimated time of arrival in minutes. */
export function etaMinutes(
  readinessMinutes: number,
  distanceKm: number,
  model: TravelModel = DEFAULT_TRAVEL_MODEL,
): number {
  return readinessMinutes + travelMinutes(distanceKm, model);
}

/** @returns true for a point with latitude in [-90, 90] and longitude in [-180, 180]. */
export function isValidPoint(p: GeoPoint): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}
