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

/**
 * What riders do that other processes must hear: a trusted position (to the tracking streams of the orders
 * the rider carries), and a change of their shift or tasks (processes drop what they cached about them).
 */
export type RiderEvent =
  | { type: 'rider.position'; riderId: string; orderIds: string[]; lat: number; lng: number; at: string }
  | { type: 'rider.changed'; riderId: string };

/**
 * An account changed in a way that may end its sessions (blocked, role or store changed, logged out,
 * password changed or reset). Every process forgets what it remembered about the account and re-checks the
 * live streams it holds for it. `sessionId` names the one session that ended, when only one did.
 */
export interface AccountEvent {
  type: 'account.changed';
  userId: string;
  reason: 'access' | 'logout' | 'password';
  sessionId?: string;
}

export type Listener<E = OrderEvent> = (event: E) => void;

export interface EventBus<E = OrderEvent> {
  publish(event: E): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: Listener<E>): () => void;
  /**
   * Runs `fn` each time the bus is listening again after it could not hear (a Redis subscriber that
   * reconnected and re-subscribed). Whatever was published meanwhile is lost to this process, so the
   * listener re-reads what it shows from the database. Returns the unsubscribe function.
   */
  onReconnect(fn: () => void): () => void;
  close(): Promise<void>;
}

export const ORDER_CHANNEL = 'ff:order-events';
export const RIDER_CHANNEL = 'ff:rider-events';
export const ACCOUNT_CHANNEL = 'ff:account-events';

export class LocalEventBus<E = OrderEvent> implements EventBus<E> {
  protected readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE stream; thousands are expected, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(event: E): Promise<void> {
    this.deliver(event);
  }

  deliver(event: E): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: Listener<E>): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** An in-process bus never misses an event, so it never reconnects. */
  onReconnect(fn: () => void): () => void {
    this.emitter.on('reconnect', fn);
    return () => this.emitter.off('reconnect', fn);
  }

  protected reconnected(): void {
    this.emitter.emit('reconnect');
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisEventBus<E = OrderEvent> extends LocalEventBus<E> {
  private readonly subscriber: Redis;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly channel: string = ORDER_CHANNEL,
  ) {
    super();
    // The shared client refuses commands while connecting (enableOfflineQueue: false); the subscriber must
    // queue its SUBSCRIBE until connected, or it silently never subscribes (ioredis resubscribes on reconnect).
    // No command timeout here: a SUBSCRIBE queued while connecting must wait for the connection.
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
    this.subscriber.on('error', () => undefined);
    void this.subscriber.subscribe(channel).catch((err: unknown) => {
      // Closed before the SUBSCRIBE went out (a process that hangs up right after its start work): the
      // refusal is our own hang-up, not a Redis fault.
      if (!this.closed) logger.warn({ err }, 'event bus subscribe failed');
    });
    // Messages published while the subscriber was away are gone (pub/sub keeps nothing). 'ready' comes
    // before ioredis re-sends SUBSCRIBE, so ask again and announce the reconnect once that reply is in: a
    // database re-read started then cannot miss a change published after it. The first connection counts
    // too: a process that started while Redis was down has not heard anything yet either.
    let connections = 0;
    this.subscriber.on('ready', () => {
      connections += 1;
      const again = connections > 1;
      this.subscriber
        .subscribe(channel)
        .then(() => {
          if (again) logger.info({ channel }, 'event bus reconnected');
          this.reconnected();
        })
        .catch((err: unknown) => {
          if (!this.closed) logger.warn({ err }, 'event bus resubscribe failed');
        });
    });
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.deliver(JSON.parse(message) as E);
      } catch (err) {
        logger.warn({ err, channel }, 'bad event on the bus');
      }
    });
  }

  override async publish(event: E): Promise<void> {
    try {
      if (!redisUsable(this.redis)) throw new Error('redis not usable');
      await guarded(this.redis, (r) => r.publish(this.channel, JSON.stringify(event)));
    } catch (err) {
      // Redis down: local subscribers still hear it, other processes catch up from the database.
      this.logger.warn({ err: (err as Error).message }, 'event bus publish fell back to local');
      this.deliver(event);
    }
  }

  override async close(): Promise<void> {
    this.closed = true;
    await super.close();
    this.subscriber.disconnect();
  }
}
