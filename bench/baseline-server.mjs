/**
 * The same-run baseline for the benchmarks: a bare Express app answering a small JSON body, with none of
 * the API's middleware. Whatever the API reaches is reported as a ratio of this.
 *
 *   PORT=0 node bench/baseline-server.mjs   → prints "listening <port>" and serves GET /json
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/json', (_req, res) => {
  res.json({ ok: true, items: [{ id: 1, name: 'baseline' }] });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (process.send) process.send({ port });
  console.log(`listening ${port}`);
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
