/**
 * Prometheus metrics: request counts and latency by route, orders placed, stock reservations refused.
 * Each process keeps its own registry; Prometheus scrapes every process (or the cluster primary
 * aggregates its workers, see cluster.ts).
 */
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'fatafat_http_requests_total',
    help: 'HTTP requests by method, route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'fatafat_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly ordersPlaced = new Counter({
    name: 'fatafat_orders_placed_total',
    help: 'Orders placed, by payment method',
    labelNames: ['payment_method'] as const,
    registers: [this.registry],
  });

  readonly reservationsFailed = new Counter({
    name: 'fatafat_stock_reservations_failed_total',
    help: 'Checkouts refused because a line was out of stock',
    registers: [this.registry],
  });

  constructor(collectDefaults = true) {
    if (collectDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'fatafat_' });
  }

  /** Times every request; the route label is the matched pattern, never the raw URL (bounded cardinality). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        const pattern = req.route?.path as string | undefined;
        const route = pattern ? `${req.baseUrl}${pattern}` : req.originalUrl.startsWith('/api') ? 'unmatched' : 'static';
        end({ method: req.method, route });
        this.httpRequests.inc({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
      });
      next();
    };
  }
}
