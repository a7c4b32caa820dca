/** Test shapes for zones. */
type Ring = Array<[number, number]>;

/** A square ring around (lng, lat), `d` degrees from the centre, counter-clockwise. */
export const square = (lng: number, lat: number, d: number): Ring => [
  [lng - d, lat - d],
  [lng + d, lat - d],
  [lng + d, lat + d],
  [lng - d, lat + d],
  [lng - d, lat - d],
];
