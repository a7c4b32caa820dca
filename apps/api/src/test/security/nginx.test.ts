/**
 * deploy/nginx.conf under a real nginx (Debian's package): the shipped file passes `nginx -t`, and
 * /api/metrics is refused in every spelling a client can send while the rest reaches the app. Only the
 * addresses change: the listen ports, the upstream (a tiny server recording what reaches it) and a
 * throwaway certificate. Skipped, saying so, where no nginx binary is installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lib/repo-root';

const NGINX = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nginx'))].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One GET through nginx over TLS, the raw path sent exactly as written. */
function get(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: rawPath, servername: 'localhost', headers: { host: 'shop.example.com' }, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!NGINX)(`deploy/nginx.conf under nginx${NGINX ? '' : ' (skipped: no nginx binary; apt-get install nginx)'}`, () => {
  let dir: string;
  let upstream: Server;
  let nginx: ChildProcess | undefined;
  let httpsPort: number;
  const reached: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-nginx-'));
    const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (cert.status !== 0) throw new Error(`openssl could not make the test certificate: ${cert.error?.message ?? cert.stderr}`);

    upstream = createServer((req, res) => {
      reached.push(req.url ?? '');
      res.end(`app saw ${req.url}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    httpsPort = await freePort();
    const httpPort = await freePort();

    const shipped = readFileSync(path.join(repoRoot(), 'deploy', 'nginx.conf'), 'utf8');
    const swaps: Array<[RegExp, string]> = [
      [/server 127\.0\.0\.1:5000;/, `server 127.0.0.1:${upstreamPort};`],
      [/listen 80;/, `listen 127.0.0.1:${httpPort};`],
      [/listen 443 /, `listen 127.0.0.1:${httpsPort} `],
      [/ssl_certificate +\S+;/, `ssl_certificate ${path.join(dir, 'cert.pem')};`],
      [/ssl_certificate_key +\S+;/, `ssl_certificate_key ${path.join(dir, 'key.pem')};`],
    ];
    let config = shipped;
    for (const [from, to] of swaps) {
      expect(config, `deploy/nginx.conf no longer has ${from}`).toMatch(from);
      config = config.replace(from, to);
    }
    writeFileSync(path.join(dir, 'site.conf'), config);
    // Everything nginx writes stays in the temp folder, so the test runs without root as well.
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${path.join(dir, k)};`).join(' ');
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `pid ${path.join(dir, 'nginx.pid')};\nerror_log ${path.join(dir, 'error.log')};\nevents {}\nhttp { access_log off; ${temp} include ${path.join(dir, 'site.conf')}; }\n`,
    );
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await new Promise((resolve) => upstream?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const args = () => ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
  /** nginx in the foreground, started once and ready for requests. */
  let running: Promise<void> | undefined;
  const started = () =>
    (running ??= (async () => {
      nginx = spawn(NGINX!, [...args(), '-g', 'daemon off;'], { stdio: 'ignore' });
      await waitForPort(httpsPort);
    })());

  it('when the shipped file is checked by nginx -t, then it passes', () => {
    const check = spawnSync(NGINX!, ['-t', ...args()], { encoding: 'utf8' });
    expect(check.stderr).toContain('test is successful');
    expect(check.status).toBe(0);
  });

  it('when /api/metrics is asked in any spelling, then nginx refuses it and the app never sees it', async () => {
    await started();
    const spellings = [
      '/api/metrics',
      '/api/Metrics',
      '/api/METRICS/',
      '/api/metrics/',
      '/API/metrics',
      '/api//metrics',
      '/api/%6Detrics',
      '/api/metrics?format=text',
      '/api/./metrics',
      '/api/x/../metrics',
    ];
    for (const p of spellings) expect((await get(httpsPort, p)).status, p).toBe(403);
    expect(reached.filter((u) => /metrics/i.test(decodeURIComponent(u)))).toEqual([]);
  });

  it('when other paths are asked, then they reach the app (the control)', async () => {
    await started();
    for (const p of ['/api/product', '/api/order/abc/stream', '/uploads/x.webp', '/', '/api/metricsboard']) {
      const res = await get(httpsPort, p);
      expect(res.status, p).toBe(200);
      expect(res.body, p).toBe(`app saw ${p}`);
    }
  });
});
