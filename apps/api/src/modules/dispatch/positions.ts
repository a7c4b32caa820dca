/**
 * Rider positions, the hottest write in the system. A ping is checked (accuracy, an impossible jump, its
 * age) against the rider's last trusted position, then:
 * - the latest position is kept in Redis (a GEO set per store plus one small key per rider) when REDIS_URL is
 *   set, else in one upserted row per rider (rider_positions);
 * - while the rider carries orders, it goes onto the rider event bus for those orders' tracking streams (no
 *   database read per stream), and into a buffer appended to the orders' trails in one insert per second;
 * - the first ping within reach of a drop marks the rider as arrived there (the door wait starts).
 * What a process knows of a rider (shift, carried orders, last position) is cached and dropped when the
 * bus says the rider changed, so a ping reads the database only on a cache miss.
 */
import { ARRIVING_METRES, type LocationBody, type LocationResponse } from '@fatafat/contracts/dispatch';
import type { Redis } from 'ioredis';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import { guarded, redisUsable } from '../../lib/redis/redis-guard';
import { haversineKm } from '../stores/stores.service';
import { appendTrail, findRiderState, latestPositionsFromDb, markArrived, saveLatestPosition, type RiderState } from './dispatch.repository';

export interface RiderPosition {
  lat: number;
  lng: number;
  accuracy: number;
  heading: number | null;
  speed: number | null;
  at: Date;
}

/** Worse than this (metres) is not a position to show anyone. */
export const MAX_ACCURACY_M = 150;
/** Faster than this between two pings is a GPS jump, not a scooter. */
export const MAX_KMPH = 130;
/** Older than this on arrival is history, not a position. */
export const MAX_AGE_MS = 2 * 60_000;
/** Clocks drift: a little in the future is tolerated. */
export const MAX_FUTURE_MS = 30_000;

type Reason = NonNullable<LocationResponse['reason']>;

/** Whether a ping can be trusted, given the last trusted one. Pure, so the rules are table-tested. */
export function judgePosition(next: RiderPosition, last: RiderPosition | null, now: Date): Reason | null {
  if (next.accuracy > MAX_ACCURACY_M) return 'inaccurate';
  if (next.at.getTime() > now.getTime() + MAX_FUTURE_MS) return 'future';
  if (now.getTime() - next.at.getTime() > MAX_AGE_MS) return 'stale';
  if (last) {
    if (next.at.getTime() <= last.at.getTime()) return 'stale';
    const hours = (next.at.getTime() - last.at.getTime()) / 3_600_000;
    const km = haversineKm(last.lat, last.lng, next.lat, next.lng);
    // A few tens of metres are GPS noise whatever the interval.
    if (km > 0.05 && km / hours > MAX_KMPH) return 'jump';
  }
  return null;
}

const GEO_KEY = (storeId: string) => `ff:rider-geo:${storeId}`;
const POS_KEY = (riderId: string) => `ff:rider-pos:${riderId}`;
/** A latest position in Redis outlives a shift by a day at most. */
const POS_TTL_S = 24 * 3600;
const CACHE_MS = 60_000;
const TRAIL_FLUSH_MS = 1000;

interface Cached {
  state: RiderState;
  last: RiderPosition | null;
  fetchedAt: number;
}

type Deps = Pick<AppDeps, 'db' | 'redis' | 'riderEvents' | 'logger' | 'onClose'>;

export class RiderPositions {
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<Cached>>();
  private trail: Array<{ orderId: string; riderId: string; lat: number; lng: number; at: Date }> = [];
  private flushing: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: Deps) {
    this.unsubscribe = deps.riderEvents.subscribe((event) => {
      if (event.type === 'rider.changed') this.forget(event.riderId);
    });
    this.timer = setInterval(() => void this.flush(), TRAIL_FLUSH_MS);
    this.timer.unref();
    deps.onClose(async () => {
      clearInterval(this.timer);
      this.unsubscribe();
      await this.flush();
    });
  }

  /** Drops what this process knows of the rider (their shift or tasks changed). */
  forget(riderId: string): void {
    this.cache.delete(riderId);
  }

  private async known(riderId: string): Promise<Cached> {
    const hit = this.cache.get(riderId);
    if (hit && Date.now() - hit.fetchedAt < CACHE_MS) return hit;
    let pending = this.loading.get(riderId);
    if (!pending) {
      pending = (async () => {
        const state = await findRiderState(this.deps.db, riderId);
        const last = (await this.latest(state.storeId ? [{ riderId, storeId: state.storeId }] : [])).get(riderId) ?? null;
        const entry = { state, last: hit?.last && (!last || hit.last.at > last.at) ? hit.last : last, fetchedAt: Date.now() };
        this.cache.set(riderId, entry);
        return entry;
      })().finally(() => this.loading.delete(riderId));
      this.loading.set(riderId, pending);
    }
    return pending;
  }

  /** One ping from the rider app. Off duty: 409 (the app stops sharing). */
  async ping(riderId: string, body: LocationBody, now = new Date()): Promise<LocationResponse & { onDuty: boolean }> {
    const entry = await this.known(riderId);
    if (!entry.state.shiftId || !entry.state.storeId) return { accepted: false, reason: null, onDuty: false };
    const next: RiderPosition = {
      lat: body.lat,
      lng: body.lng,
      accuracy: body.accuracy,
      heading: body.heading ?? null,
      speed: body.speed ?? null,
      at: new Date(body.at),
    };
    const reason = judgePosition(next, entry.last, now);
    if (reason) return { accepted: false, reason, onDuty: true };
    entry.last = next;
    await this.saveLatest(riderId, entry.state.storeId, next);

    const carried = entry.state.orders;
    if (carried.length) {
      const at = next.at.toISOString();
      await this.deps.riderEvents
        .publish({ type: 'rider.position', riderId, orderIds: carried.map((o) => o.orderId), lat: next.lat, lng: next.lng, at })
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'rider position publish failed'));
      for (const o of carried) {
        if (o.state !== 'picked_up') continue;
        this.trail.push({ orderId: o.orderId, riderId, lat: next.lat, lng: next.lng, at: next.at });
        if (!o.arrived && o.dropLat !== null && o.dropLng !== null) {
          const metres = haversineKm(next.lat, next.lng, o.dropLat, o.dropLng) * 1000;
          if (metres <= ARRIVING_METRES) {
            o.arrived = true;
            // The door wait runs on the server clock, whatever the phone says.
            await markArrived(this.deps.db, o.orderId, riderId, now);
          }
        }
      }
    }
    return { accepted: true, reason: null, onDuty: true };
  }

  private async saveLatest(riderId: string, storeId: string, p: RiderPosition): Promise<void> {
    const redis = this.deps.redis;
    if (redisUsable(redis)) {
      try {
        await guarded(redis, (r) =>
          r
            .multi()
            .geoadd(GEO_KEY(storeId), p.lng, p.lat, riderId)
            .set(POS_KEY(riderId), JSON.stringify({ ...p, at: p.at.toISOString() }), 'EX', POS_TTL_S)
            .exec(),
        );
        return;
      } catch (err) {
        this.deps.logger.warn({ err: (err as Error).message }, 'rider position kept in the database, redis failed');
      }
    }
    await saveLatestPosition(this.deps.db, riderId, p);
  }

  /** The latest trusted positions of these riders (Redis when it answers, else the database). */
  async latest(riders: Array<{ riderId: string; storeId: string }>, db: DbOrTx = this.deps.db): Promise<Map<string, RiderPosition>> {
    const out = new Map<string, RiderPosition>();
    if (!riders.length) return out;
    const redis = this.deps.redis;
    if (redisUsable(redis)) {
      try {
        const values = await guarded(redis, (r: Redis) => r.mget(riders.map((x) => POS_KEY(x.riderId))));
        values.forEach((v, i) => {
          if (!v) return;
          const p = JSON.parse(v) as Omit<RiderPosition, 'at'> & { at: string };
          out.set(riders[i]!.riderId, { ...p, at: new Date(p.at) });
        });
        // Positions written while Redis was down live in the database: take whichever is newer.
        const stored = await latestPositionsFromDb(db, riders.map((x) => x.riderId));
        for (const [id, p] of stored) if (!out.has(id) || out.get(id)!.at < p.at) out.set(id, p);
        return out;
      } catch {
        // fall through to the database
      }
    }
    return latestPositionsFromDb(db, riders.map((x) => x.riderId));
  }

  /** Appends the buffered trail points in one insert. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (!this.trail.length) return;
    const batch = this.trail;
    this.trail = [];
    this.flushing = appendTrail(this.deps.db, batch)
      .catch((err: unknown) => this.deps.logger.warn({ err, points: batch.length }, 'rider trail append failed'))
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }
}
