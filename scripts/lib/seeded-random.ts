/** A reproducible pseudo-random sequence in [0, 1) (a linear congruential generator): the same seed gives
 * the same demo or benchmark data on every machine. Not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}
