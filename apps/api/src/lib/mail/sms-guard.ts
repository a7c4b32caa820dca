/**
 * Against SMS pumping (bots asking for codes to premium or foreign numbers, billed to the shop): only
 * numbers in the allowed countries, and daily caps per number, per client address and in all. Counted in
 * the shared rate-limit store, so in Redis across every process when REDIS_URL is set.
 */
import type { Config } from '../../config';
import type { RateLimitStore } from '../rate-limit/rate-limit.store';
import { toE164 } from './sms.drivers';

const DAY_SECONDS = 24 * 60 * 60;

export type SmsCap = 'number' | 'ip' | 'global';
export type SmsAdmission = { ok: true } | { ok: false; cap: SmsCap; retryAfter: number };

export class SmsGuard {
  constructor(
    private readonly store: RateLimitStore,
    private readonly settings: Pick<Config['sms'], 'daily' | 'allowedCallingCodes'>,
  ) {}

  /** Calling codes are prefix-free (E.164), so a prefix match names the country exactly. */
  allows(mobile: string): boolean {
    const e164 = toE164(mobile);
    return this.settings.allowedCallingCodes.some((code) => e164.startsWith(`+${code}`));
  }

  /**
   * Counts one send against the caps, most specific first, and stops at the first one that is full: a
   * refused request never counts against a wider cap, so one address over its cap cannot use up the
   * global budget by asking again and again. One address gets at most half of a number's day, so a
   * stranger asking for someone's number cannot lock its owner out until tomorrow. `source` is null for
   * sends no client asked for (notices).
   */
  async admit(mobile: string, source: string | null): Promise<SmsAdmission> {
    const { daily } = this.settings;
    const number = toE164(mobile);
    const caps: Array<[SmsCap, string, number]> = [
      ...(source === null
        ? []
        : ([
            ['ip', `sms-day:ip:${source}`, daily.perIp],
            ['number', `sms-day:number-ip:${number}:${source}`, Math.ceil(daily.perNumber / 2)],
          ] as Array<[SmsCap, string, number]>)),
      ['number', `sms-day:number:${number}`, daily.perNumber],
      ['global', 'sms-day:global', daily.global],
    ];
    for (const [cap, key, limit] of caps) {
      const hit = await this.store.hit(key, DAY_SECONDS);
      if (hit.count > limit) return { ok: false, cap, retryAfter: hit.resetInSeconds };
    }
    return { ok: true };
  }
}
