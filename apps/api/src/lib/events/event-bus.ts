/**
 * Order events fan-out. In-process by default; with Redis every process publishes to one channel and
 * every process delivers what it receives to its own local subscribers (SSE streams), so a client
 * connected to any process sees every change.
 */
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { guarded, redisUsable } from '../redis/redis-guard';

export interface OrderEvent {
  type: 'order.created' | 'order.updated';
  orderId: string;
  userId: string;
  storeId: string;
  status: string;
  etaMinutes?: number;
  at: string;
}

export type Listener = (event: OrderEvent) => void;

export interface EventBus {
  publish(event: OrderEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'ff:order-events';

export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE stream; thousands are expected, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(event: OrderEvent): Promise<void> {
    this.deliver(event);
  }

  deliver(event: OrderEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisEventBus extends LocalEventBus {
  private readonly subscriber: Redis;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {
    super();
    // The shared client refuses commands while connecting (enableOfflineQueue: false); the subscriber must
    // queue its SUBSCRIBE until connected, or it silently never subscribes (ioredis resubscribes on reconnect).
    // No command timeout here: a SUBSCRIBE queued while connecting must wait for the connection.
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    void this.subscriber.subscribe(CHANNEL).catch((err: unknown) => logger.warn({ err }, 'event bus subscribe failed'));
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.deliver(JSON.parse(message) as OrderEvent);
      } catch (err) {
        logger.warn({ err }, 'bad order event on the bus');
      }
    });
  }

  override async publish(event: OrderEvent): Promise<void> {
    try {
      if (!redisUsable(this.redis)) throw new Error('redis not usable');
      await guarded(this.redis, (r) => r.publish(CHANNEL, JSON.stringify(event)));
    } catch (err) {
      // Redis down: local subscribers still hear it, other processes catch up from the database.
      this.logger.warn({ err: (err as Error).message }, 'event bus publish fell back to local');
      this.deliver(event);
    }
  }

  override async close(): Promise<void> {
    await super.close();
    this.subscriber.disconnect();
  }
}
