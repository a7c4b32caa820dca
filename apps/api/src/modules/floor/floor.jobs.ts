/**
 * The floor's background work, safe in every process: substitutes nobody answered in time lapse (their
 * units go back to the shelf; the line is refunded at packing). All state is in the database, so a
 * restart loses nothing: the next pass, in whichever process, lets them lapse.
 */
import type { AppDeps } from '../../deps';
import { every } from '../../lib/every';
import { expireOverdueSubstitutions } from './substitutions.service';

export const SUBSTITUTION_SWEEP_MS = 5_000;

export function startFloorJobs(deps: AppDeps): void {
  every(deps, 'substitution expiry', SUBSTITUTION_SWEEP_MS, () => expireOverdueSubstitutions(deps));
}
