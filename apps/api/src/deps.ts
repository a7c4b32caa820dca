/**
 * The app's collaborators, built once at start and handed to every module. Tests build the same thing
 * against a throwaway database, so what they exercise is what production runs.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { Logger } from './lib/logger';
import { LocalEventBus, RedisEventBus, type EventBus } from './lib/events/event-bus';
import { Outbox, OutboxMailDriver, OutboxSmsDriver, type MailDriver, type SmsDriver } from './lib/mail/mail.driver';
import { Metrics } from './lib/metrics/metrics';
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './lib/rate-limit/rate-limit.store';

export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  redis: Redis | null;
  rateLimitStore: RateLimitStore;
  events: EventBus;
  outbox: Outbox;
  metrics: Metrics;
  mail: MailDriver;
  sms: SmsDriver;
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis unavailable, using local fallbacks'));
  return redis;
}

export async function createDeps(config: Config, database: Database, logger: Logger): Promise<AppDeps> {
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : null;
  const closers: Array<() => Promise<void> | void> = [];
  const events: EventBus = redis ? new RedisEventBus(redis, logger) : new LocalEventBus();
  const outbox = new Outbox(path.join(config.dataDir, 'outbox'));
  return {
    config,
    database,
    db: database.db,
    logger,
    redis,
    rateLimitStore: redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore(),
    events,
    outbox,
    metrics: new Metrics(config.env !== 'test'),
    mail: new OutboxMailDriver(outbox),
    sms: new OutboxSmsDriver(outbox),
    onClose: (fn) => {
      closers.push(fn);
    },
    close: async () => {
      await events.close();
      for (const close of closers.reverse()) await close();
      redis?.disconnect();
    },
  };
}
