/**
 * A key's value when the object has it as its own property; undefined otherwise. Names in recipes,
 * settings and data (`constructor`, `toString`, `hasOwnProperty`…) are ordinary keys: reading one the
 * object lacks must give undefined, not Object.prototype's member.
 */
export function own<T>(o: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return o != null && Object.hasOwn(o, key) ? o[key] : undefined;
}
