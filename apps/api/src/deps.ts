/**
 * The app's collaborators, built once at start and handed to every module. Tests build the same thing
 * against a throwaway database, so what they exercise is what production runs.
 */
import { Redis } from 'ioredis';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { Logger } from './lib/logger';
import path from 'node:path';
import { Metrics } from './lib/metrics/metrics';
import { createClock, type Clock } from './lib/clock/clock';
import {
  ACCOUNT_CHANNEL,
  LocalEventBus,
  RedisEventBus,
  RIDER_CHANNEL,
  type AccountEvent,
  type EventBus,
  type RiderEvent,
} from './lib/events/event-bus';
import { Outbox, type MailDriver, type SmsDriver } from './lib/mail/mail.driver';
import { createMailDriver, SmtpMailDriver } from './lib/mail/mail.drivers';
import { SmsGuard } from './lib/mail/sms-guard';
import { createSmsDriver } from './lib/mail/sms.drivers';
import { createPaymentsDriver, type PaymentsDriver } from './lib/payments/payments.driver';
import { RazorpayDriver } from './lib/payments/razorpay.driver';
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './lib/rate-limit/rate-limit.store';
import { createStorage, type StorageDriver } from './lib/storage/storage.driver';

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  redis: Redis | null;
  rateLimitStore: RateLimitStore;
  /** Order events fan-out (in-process, or Redis pub/sub across processes). */
  events: EventBus;
  /** Rider positions and shift/task changes (in-process, or Redis pub/sub across processes). */
  riderEvents: EventBus<RiderEvent>;
  /** Account changes that may end sessions (in-process, or Redis pub/sub across processes). */
  accountEvents: EventBus<AccountEvent>;
  /** Where outbox-driver mail and SMS land (DATA_DIR/outbox). */
  outbox: Outbox;
  mail: MailDriver;
  sms: SmsDriver;
  /** Allowed countries and daily caps, checked before every SMS (lib/mail/sms-guard). */
  smsGuard: SmsGuard;
  /** Card payments (Stripe) or a disabled driver when no keys are set. */
  payments: PaymentsDriver;
  /** UPI, cards, netbanking and wallets (Razorpay); `enabled` is false when its keys are not set. */
  razorpay: RazorpayDriver;
  /** Uploaded images: local disk (DATA_DIR/uploads) or Cloudinary when CLOUDINARY_URL is set. */
  storage: StorageDriver;
  metrics: Metrics;
  /** "Now" for hours, slots and caps: the system clock, movable outside production (lib/clock). */
  clock: Clock;
  /** Registers work to stop first on shutdown (background jobs, live streams), run by stopWork(). */
  onClose(fn: () => Promise<void> | void): void;
  /**
   * Ends background jobs and live streams, so the HTTP server can drain. Requests still running keep
   * their event bus, Redis and mail: those close in close().
   */
  stopWork(): Promise<void>;
  /** Work that outlives its response (the order-placed email): close() lets it finish first. */
  background(task: Promise<unknown>): void;
  /** stopWork(), background work, then the event bus, mail outbox/SMTP and Redis (not the database). */
  close(): Promise<void>;
}

function connectRedis(url: string, commandTimeoutMs: number, logger: Logger): Redis {
  const redis = new Redis(url, {
    // A frozen Redis accepts commands and never answers: give up quickly and use the local fallback
    // (lib/redis/redis-guard.ts), so no request waits on an optional dependency.
    commandTimeout: commandTimeoutMs,
    connectTimeout: 2000,
    keepAlive: 10_000,
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times) => Math.min(times * 500, 5000),
  });
  let warned = false;
  redis.on('error', (err) => {
    // Redis is optional: warn once per outage and keep serving with local fallbacks.
    if (!warned) logger.warn({ err: err.message }, 'redis unavailable, using local fallbacks');
    warned = true;
  });
  redis.on('ready', () => {
    if (warned) logger.info('redis connection restored');
    warned = false;
  });
  return redis;
}

export async function createDeps(config: Config, database: Database, logger: Logger): Promise<AppDeps> {
  const redis = config.redisUrl ? connectRedis(config.redisUrl, config.redisCommandTimeoutMs, logger) : null;
  const rateLimitStore: RateLimitStore = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore();
  const closers: Array<() => Promise<void> | void> = [];
  const events: EventBus = redis ? new RedisEventBus(redis, logger) : new LocalEventBus();
  const riderEvents: EventBus<RiderEvent> = redis
    ? new RedisEventBus<RiderEvent>(redis, logger, RIDER_CHANNEL)
    : new LocalEventBus<RiderEvent>();
  const accountEvents: EventBus<AccountEvent> = redis
    ? new RedisEventBus<AccountEvent>(redis, logger, ACCOUNT_CHANNEL)
    : new LocalEventBus<AccountEvent>();
  const outbox = new Outbox(path.join(config.dataDir, 'outbox'));
  const pending = new Set<Promise<unknown>>();
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    logger,
    redis,
    rateLimitStore,
    events,
    riderEvents,
    accountEvents,
    outbox,
    metrics: new Metrics(config.env !== 'test'),
    clock: createClock({ production: config.isProduction, ...(config.testClock ? { start: config.testClock } : {}) }),
    mail: createMailDriver(config, outbox),
    payments: createPaymentsDriver(config),
    razorpay: new RazorpayDriver(config.razorpay),
    sms: createSmsDriver(config, outbox),
    smsGuard: new SmsGuard(rateLimitStore, config.sms),
    storage: createStorage(config),
    onClose: (fn) => {
      closers.push(fn);
    },
    stopWork: async () => {
      // Newest first; each runs once even when stopWork() is called again by close().
      for (const stop of closers.splice(0).reverse()) await stop();
    },
    background: (task) => {
      pending.add(task);
      const done = () => pending.delete(task);
      task.then(done, done);
    },
    close: async () => {
      await deps.stopWork();
      await Promise.allSettled([...pending]);
      await events.close();
      await riderEvents.close();
      await accountEvents.close();
      await outbox.close();
      if (deps.mail instanceof SmtpMailDriver) deps.mail.close();
      redis?.disconnect();
    },
  };
  return deps;
}
