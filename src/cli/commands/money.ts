/** A run's cost as the generate commands print it; unknown when a model has no price. */
export const money = (c: number | undefined) =>
  c === undefined ? 'unknown (model not in the price list)' : `$${c.toFixed(4)}`;
