import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('system routes', () => {
  it('when the process is up, then /api/health answers ok', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('when the database answers, then /api/ready is 200', async () => {
    const res = await t.client().get('/api/ready');
    expect(res.status).toBe(200);
  });

  it('when the database is gone, then /api/ready is 503 with the error shape', async () => {
    const other = await startTestApp();
    await other.database.close();
    const res = await other.client().get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('service_unavailable');
    await other.close().catch(() => undefined);
  }, 120_000);

  it('when an /api route does not exist, then 404 JSON names it', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'not_found' });
  });

  it('when a body is not JSON, then 400 invalid_json', async () => {
    const res = await t.client().post('/api/health', undefined, {
      raw: '{bad',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('when a body is over the limit, then 413', async () => {
    const res = await t.client().post('/api/health', { big: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('serves security headers on API responses', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('publishes an OpenAPI 3.1 document listing the routes, and a docs page', async () => {
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/health');
    const page = await t.client().get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('/api/ready');
  });
});

describe('metrics', () => {
  it('when scraped from loopback without a configured token, then Prometheus text with route labels', async () => {
    await t.client().get('/api/health');
    const res = await t.client().get('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('fatafat_http_requests_total{method="GET",route="/api/health",status="2xx"}');
  });

  it('when a token is configured, then a scrape without it is 401', async () => {
    const guarded = await startTestApp({ METRICS_TOKEN: 'scrape-secret-123' });
    try {
      expect((await guarded.client().get('/api/metrics')).status).toBe(401);
      const ok = await guarded.client().get('/api/metrics', { headers: { authorization: 'Bearer scrape-secret-123' } });
      expect(ok.status).toBe(200);
    } finally {
      await guarded.close();
    }
  }, 120_000);
});
