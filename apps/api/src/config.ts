/**
 * The one place that reads process.env. Every setting is validated with Zod at start so a wrong value
 * stops the server with a message naming the variable, instead of failing later in a request.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from './lib/repo-root';
import { StartupError } from './lib/startup-error';

const bool = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const intFrom = (def: number) => z.coerce.number().int().positive().default(def);

/** The names Express (proxy-addr) accepts for groups of addresses in `trust proxy`. */
const PROXY_GROUPS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet as address/prefix or IPv4 address/netmask, as Express reads it. */
function isProxyAddress(entry: string): boolean {
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/**
 * TRUST_PROXY in the forms Express takes: true/false, a number of hops, or a comma-separated list of
 * addresses, subnets and the names loopback, linklocal, uniquelocal. Checked here because Express only
 * throws on a bad list when the app is built, after migrations have already run.
 */
function parseTrustProxy(value: string | undefined, ctx: z.RefinementCtx): boolean | number | string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const bad = v.split(',').map((e) => e.trim()).filter((e) => !PROXY_GROUPS.has(e) && !isProxyAddress(e));
  if (bad.length === 0) return v;
  ctx.addIssue({
    code: 'custom',
    message: `not understood: ${bad.map((b) => JSON.stringify(b)).join(', ')}; use true, false, a number of proxies (e.g. 1), or addresses and subnets (e.g. loopback, 10.0.0.0/8)`,
  });
  return z.NEVER;
}

/**
 * SMS_ALLOWED_COUNTRIES as country calling codes (+91,+971). India is always allowed: the shop's own
 * numbers are Indian. Letters (IN, AE) are refused with a hint rather than guessed at, since one calling
 * code can serve several countries (+1) and a table of them would drift.
 */
function parseCallingCodes(value: string | undefined, ctx: z.RefinementCtx): string[] {
  const codes = (value ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const bad = codes.filter((c) => !/^\+?[1-9]\d{0,2}$/.test(c));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `not understood: ${bad.map((b) => JSON.stringify(b)).join(', ')}; give country calling codes, e.g. +91,+971`,
    });
    return z.NEVER;
  }
  return [...new Set(['91', ...codes.map((c) => c.replace(/^\+/, ''))])];
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  /** Default: every interface in production (a container, behind a proxy), loopback otherwise. */
  HOST: z.string().optional(),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.url().optional(),
  DATABASE_POOL_SIZE: intFrom(10),
  /** The longest one query may take on the PostgreSQL server before it is cancelled and the request answers 503. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100, 'must be at least 100 (milliseconds)')
    .max(600_000, 'must be at most 600000 (10 minutes)')
    .default(10_000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: intFrom(15 * 60),
  STREAM_RECHECK_SECONDS: intFrom(30),
  STREAM_RESYNC_SECONDS: intFrom(30),
  REFRESH_TOKEN_TTL_DAYS: intFrom(30),
  CORS_ORIGINS: z.string().default(''),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: z.string().optional().transform((v, ctx) => parseTrustProxy(v, ctx)),
  REDIS_URL: z.url().optional(),
  /** How long one Redis command may take before the local fallback is used (a frozen Redis never answers). */
  REDIS_COMMAND_TIMEOUT_MS: intFrom(250),
  /** Below this much free space under DATA_DIR readiness answers 503 (writes would start failing). */
  MIN_FREE_DISK_MB: z.coerce.number().min(0).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RATE_LIMIT_AUTH: intFrom(30),
  RATE_LIMIT_API: intFrom(1200),
  /** bcrypt cost; tests may lower it (min 4), production refuses anything under 10. */
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  SEED_DEMO: bool.optional(),
  ADMIN_EMAIL: z.email().default('admin@fatafat.local'),
  ADMIN_PASSWORD: z.string().min(8).default('admin12345'),
  MAIL_FROM: z.string().default('Fatafat <hello@fatafat.local>'),
  SMTP_URL: z.string().optional(),
  RESEND_API_KEY: z.string().optional(),
  /** Where SMS go: the outbox file (development, tests) or Twilio. */
  SMS_DRIVER: z.enum(['outbox', 'twilio']).default('outbox'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID (AC followed by 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  /** The sender: a Twilio number in E.164 (+1…) or an alphanumeric sender ID. */
  TWILIO_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID (MG followed by 32 hex digits)').optional(),
  /** Points the Twilio SDK at another host (tests use a local fake of the Messages endpoint). */
  TWILIO_API_BASE: z.url().optional(),
  /**
   * Caps on codes sent by SMS per 24 hours, against SMS pumping: per number (one address may use at most
   * half of it), per client address, and in all.
   */
  SMS_DAILY_PER_NUMBER: intFrom(10),
  SMS_DAILY_PER_IP: intFrom(20),
  SMS_DAILY_GLOBAL: intFrom(1000),
  /** Country calling codes SMS may go to besides India's (+91), e.g. +971,+44. */
  SMS_ALLOWED_COUNTRIES: z.string().optional().transform((v, ctx) => parseCallingCodes(v, ctx)),
  CLOUDINARY_URL: z.string().optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Points the Stripe SDK at another host (tests use a local fake of the PaymentIntent endpoints). */
  STRIPE_API_BASE: z.url().optional(),
  /** Razorpay (UPI, cards, netbanking, wallets): the key id is public (Checkout needs it), the secret is not. */
  RAZORPAY_KEY_ID: z.string().regex(/^rzp_(test|live)_\w+$/, 'must be a Razorpay key id (rzp_test_… or rzp_live_…)').optional(),
  RAZORPAY_KEY_SECRET: z.string().optional(),
  RAZORPAY_WEBHOOK_SECRET: z.string().optional(),
  /** Points the Razorpay SDK at another host (tests use a local fake of the Orders and Refunds endpoints). */
  RAZORPAY_API_BASE: z.url().optional(),
  DELIVERY_SIMULATOR: bool.optional(),
  /** Dispatch: how long a rider has to answer an offer, how near two drops must be to share a rider, when a wait is a breach. */
  DISPATCH_OFFER_SECONDS: intFrom(30),
  DISPATCH_BATCH_KM: z.coerce.number().min(0).max(50).default(1.5),
  DISPATCH_BREACH_SECONDS: intFrom(120),
  /** How long a rider waits at the door before "customer unreachable" opens. */
  DISPATCH_UNREACHABLE_WAIT_SECONDS: intFrom(300),
  /** Rider route trails are pruned after this many days. */
  RIDER_TRAIL_DAYS: intFrom(7),
  /** Map tiles for the tracking map and the admin zone editor (OpenStreetMap by default), and their attribution. */
  MAP_TILE_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template with {z}, {x} and {y}')
    .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  METRICS_TOKEN: z.string().optional(),
  WEB_DIST_DIR: z.string().optional(),
  /** Starts the app's clock at this instant (it then runs on); refused in production. For testing hours. */
  TEST_CLOCK: z.iso.datetime({ offset: true }).optional(),
  /** How long before its window a slotted order enters the pick queue. */
  SLOT_LEAD_MINUTES: z.coerce.number().int().min(0).max(240).default(30),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** Per-query limit on the PostgreSQL server (db/client.ts); PGlite has none. */
  databaseStatementTimeoutMs: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  /** How often a live stream's session is checked again (account events end it at once regardless). */
  streamRecheckSeconds: number;
  /**
   * How often open order streams compare their orders with the database and send what changed, so an
   * event lost on the bus (Redis away, a dropped message) is healed without waiting for the next one.
   */
  streamResyncSeconds: number;
  refreshTokenTtlDays: number;
  corsOrigins: string[];
  publicUrl: string;
  /** Express `trust proxy`: all (true), none (false), a number of hops, or addresses and subnets. */
  trustProxy: boolean | number | string | undefined;
  redisUrl: string | undefined;
  redisCommandTimeoutMs: number;
  minFreeDiskBytes: number;
  logLevel: Env['LOG_LEVEL'];
  rateLimit: { auth: number; api: number };
  bcryptRounds: number;
  seedDemo: boolean;
  admin: { email: string; password: string };
  mail: { from: string; smtpUrl: string | undefined; resendApiKey: string | undefined };
  sms: {
    driver: 'outbox' | 'twilio';
    twilio: {
      accountSid: string;
      authToken: string;
      from: string | undefined;
      messagingServiceSid: string | undefined;
      apiBase: string | undefined;
    } | null;
    /** Sends per 24 hours. */
    daily: { perNumber: number; perIp: number; global: number };
    /** Country calling codes without the plus; always includes 91. */
    allowedCallingCodes: string[];
  };
  storage: { cloudinaryUrl: string | undefined };
  stripe: {
    secretKey: string | undefined;
    publishableKey: string | undefined;
    webhookSecret: string | undefined;
    apiBase: string | undefined;
  };
  razorpay: {
    keyId: string | undefined;
    keySecret: string | undefined;
    webhookSecret: string | undefined;
    apiBase: string | undefined;
  };
  deliverySimulator: boolean;
  dispatch: {
    offerSeconds: number;
    batchKm: number;
    breachSeconds: number;
    unreachableWaitSeconds: number;
    trailDays: number;
  };
  map: { tileUrl: string; attribution: string };
  metricsToken: string | undefined;
  webDistDir: string | undefined;
  /** The clock's starting instant when TEST_CLOCK is set (never in production). */
  testClock: Date | undefined;
  mapTileUrl: string;
  slotLeadMinutes: number;
}

export class ConfigError extends StartupError {}

/** Development keeps one generated secret in DATA_DIR so sessions survive restarts without setup. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The Twilio settings SMS_DRIVER=twilio needs, checked together so a half-configured driver never starts. */
function twilioSettings(e: Env): Config['sms']['twilio'] {
  if (e.SMS_DRIVER !== 'twilio') return null;
  const missing = [
    ...(e.TWILIO_ACCOUNT_SID ? [] : ['  TWILIO_ACCOUNT_SID: required when SMS_DRIVER=twilio']),
    ...(e.TWILIO_AUTH_TOKEN ? [] : ['  TWILIO_AUTH_TOKEN: required when SMS_DRIVER=twilio']),
    ...(e.TWILIO_FROM || e.TWILIO_MESSAGING_SERVICE_SID
      ? []
      : ['  TWILIO_FROM: required when SMS_DRIVER=twilio (or set TWILIO_MESSAGING_SERVICE_SID)']),
  ];
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join('\n')}`);
  return {
    accountSid: e.TWILIO_ACCOUNT_SID!,
    authToken: e.TWILIO_AUTH_TOKEN!,
    from: e.TWILIO_FROM,
    messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
    apiBase: e.TWILIO_API_BASE,
  };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env files mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const env = e.NODE_ENV ?? 'development';
  const isProduction = env === 'production';
  if (isProduction && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  if (isProduction && e.TEST_CLOCK) {
    throw new ConfigError('Invalid configuration:\n  TEST_CLOCK: not allowed when NODE_ENV=production');
  }
  if (isProduction && !e.PUBLIC_URL) {
    // Reset and verification links, and the OpenAPI servers, would point at http://localhost.
    throw new ConfigError("Invalid configuration:\n  PUBLIC_URL: required when NODE_ENV=production (the shop's public https address)");
  }
  if (Boolean(e.RAZORPAY_KEY_ID) !== Boolean(e.RAZORPAY_KEY_SECRET)) {
    // One without the other cannot take a payment: refuse at start rather than offer a Checkout that fails.
    const missing = e.RAZORPAY_KEY_ID ? 'RAZORPAY_KEY_SECRET' : 'RAZORPAY_KEY_ID';
    throw new ConfigError(`Invalid configuration:\n  ${missing}: required when the other Razorpay key is set`);
  }
  if (isProduction && e.BCRYPT_ROUNDS < 10) {
    throw new ConfigError('Invalid configuration:\n  BCRYPT_ROUNDS: must be at least 10 when NODE_ENV=production');
  }
  // One default for every entry point: <repository>/data. A relative value is taken from where the command
  // was typed (npm's INIT_CWD), not from the workspace folder npm runs a script in.
  const twilio = twilioSettings(e);
  const dataDir = e.DATA_DIR ? path.resolve(source.INIT_CWD ?? process.cwd(), e.DATA_DIR) : path.join(repoRoot(), 'data');
  const jwtSecret =
    e.JWT_SECRET ?? (env === 'test' ? randomBytes(48).toString('base64url') : developmentSecret(dataDir));
  return {
    env,
    isProduction,
    port: e.PORT,
    host: e.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    jwtSecret,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    streamRecheckSeconds: e.STREAM_RECHECK_SECONDS,
    streamResyncSeconds: e.STREAM_RESYNC_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    minFreeDiskBytes: Math.round(e.MIN_FREE_DISK_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    rateLimit: { auth: e.RATE_LIMIT_AUTH, api: e.RATE_LIMIT_API },
    bcryptRounds: e.BCRYPT_ROUNDS,
    seedDemo: e.SEED_DEMO ?? !isProduction,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    mail: { from: e.MAIL_FROM, smtpUrl: e.SMTP_URL, resendApiKey: e.RESEND_API_KEY },
    sms: {
      driver: e.SMS_DRIVER,
      twilio,
      daily: { perNumber: e.SMS_DAILY_PER_NUMBER, perIp: e.SMS_DAILY_PER_IP, global: e.SMS_DAILY_GLOBAL },
      allowedCallingCodes: e.SMS_ALLOWED_COUNTRIES,
    },
    storage: { cloudinaryUrl: e.CLOUDINARY_URL },
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      publishableKey: e.STRIPE_PUBLISHABLE_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      apiBase: e.STRIPE_API_BASE,
    },
    razorpay: {
      keyId: e.RAZORPAY_KEY_ID,
      keySecret: e.RAZORPAY_KEY_SECRET,
      webhookSecret: e.RAZORPAY_WEBHOOK_SECRET,
      apiBase: e.RAZORPAY_API_BASE,
    },
    deliverySimulator: e.DELIVERY_SIMULATOR ?? !isProduction,
    dispatch: {
      offerSeconds: e.DISPATCH_OFFER_SECONDS,
      batchKm: e.DISPATCH_BATCH_KM,
      breachSeconds: e.DISPATCH_BREACH_SECONDS,
      unreachableWaitSeconds: e.DISPATCH_UNREACHABLE_WAIT_SECONDS,
      trailDays: e.RIDER_TRAIL_DAYS,
    },
    map: { tileUrl: e.MAP_TILE_URL, attribution: e.MAP_ATTRIBUTION },
    metricsToken: e.METRICS_TOKEN,
    webDistDir: e.WEB_DIST_DIR,
    testClock: e.TEST_CLOCK ? new Date(e.TEST_CLOCK) : undefined,
    mapTileUrl: e.MAP_TILE_URL,
    slotLeadMinutes: e.SLOT_LEAD_MINUTES,
  };
}
