/**
 * OpenAPI 3.1 built from the routes' own declarations (Zod 4 emits JSON Schema natively), so the document
 * lists exactly what the server serves: its parameters, bodies, success and error statuses, security and
 * headers. Contract types are named components (openapi.schemas.ts).
 */
import type { z } from 'zod';
import { impliedErrorStatuses, needsUser, type RouteSpec } from '../../http/api-router';
import { SchemaCollector } from './openapi.schemas';
import { API_DESCRIPTION, ERROR_DESCRIPTIONS, OPERATION_IDS, TAG_DESCRIPTIONS } from './openapi.texts';

type JsonSchema = Record<string, unknown>;

/** '/product/:idOrSlug' → '/api/product/{idOrSlug}' */
export function openApiPath(path: string): string {
  return `/api${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

const pascal = (words: string[]) =>
  words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh|us)es$/.test(word)) return word.replace(/es$/, '');
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * A readable operationId from method and path when the route names none: GET /admin/orders → listAdminOrders,
 * GET /admin/orders/:id → getAdminOrder, POST /address → createAddress, POST /order/:id/cancel → cancelOrder,
 * POST /user/login → loginUser.
 */
export function operationIdOf(spec: RouteSpec): string {
  const named = spec.operationId ?? OPERATION_IDS[`${spec.method.toUpperCase()} ${spec.path}`];
  if (named) return named;
  const segments = spec.path.split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const endsWithParam = last.startsWith(':');
  const words = segments.filter((s) => !s.startsWith(':'));
  const name = words.at(-1) ?? 'root';
  const head = words.slice(0, -1);
  switch (spec.method) {
    case 'get':
      if (endsWithParam) return `get${pascal([...head, singular(name)])}`;
      return /[^s]s$/.test(name) ? `list${pascal(words)}` : `get${pascal(words)}`;
    case 'put':
    case 'patch':
      return `update${pascal([...head, endsWithParam ? singular(name) : name])}`;
    case 'delete':
      return `delete${pascal([...head, singular(name)])}`;
    case 'post': {
      const afterParam = segments.length >= 2 && segments.at(-2)!.startsWith(':');
      if (endsWithParam || (!afterParam && words.length === 1) || (!afterParam && /s$/.test(name)))
        return `create${pascal([...head, singular(name)])}`;
      // An action on a resource: /order/:id/cancel, /user/login.
      return `${name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}${pascal(head.map(singular))}`;
    }
  }
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

const errorResponse = (status: number) => ({
  description: ERROR_DESCRIPTIONS[status] ?? 'Error',
  headers: {
    'X-Request-Id': headerRef('X-Request-Id'),
    ...(status === 429 ? { 'Retry-After': headerRef('Retry-After'), ...rateLimitHeaders } : {}),
    ...(status === 503 ? { 'Retry-After': headerRef('Retry-After') } : {}),
    ...(status === 401 ? { 'WWW-Authenticate': headerRef('WWW-Authenticate') } : {}),
    ...(status === 405 ? { Allow: headerRef('Allow') } : {}),
  },
  content: { 'application/json': { schema: ref('Error') } },
});

const rateLimitHeaders = {
  'RateLimit-Limit': headerRef('RateLimit-Limit'),
  'RateLimit-Remaining': headerRef('RateLimit-Remaining'),
  'RateLimit-Reset': headerRef('RateLimit-Reset'),
  'RateLimit-Policy': headerRef('RateLimit-Policy'),
};

function securityOf(spec: RouteSpec): JsonSchema[] | undefined {
  if (spec.auth === 'public') return spec.usesRefreshCookie ? [{}, { refreshCookie: [] }] : [];
  if (spec.auth === 'optional') return [{}, { cookieAuth: [] }, { bearerAuth: [] }];
  return undefined; // the root security applies
}

function parametersOf(spec: RouteSpec, collector: SchemaCollector): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const resolved = collector.convert(schema, 'input', true);
    const props = (resolved.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((resolved.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      // The same object, not a copy: its references are pointed at components.schemas at the end.
      const description = s.description;
      delete s.description;
      params.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: s,
      });
    }
  }
  // Express path parameters the route validates without a schema still need declaring.
  for (const match of spec.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!params.some((p) => p.in === 'path' && p.name === match[1]))
      params.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, header] of Object.entries(spec.requestHeaders ?? {})) {
    params.push({ name, in: 'header', required: header.required ?? false, description: header.description, schema: { type: 'string' } });
  }
  if (spec.etag)
    params.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'An ETag from an earlier answer: 304 Not Modified when the resource has not changed',
      schema: { type: 'string' },
    });
  return params;
}

function successOf(spec: RouteSpec, status: number, collector: SchemaCollector): JsonSchema {
  const headers: JsonSchema = { 'X-Request-Id': headerRef('X-Request-Id'), ...rateLimitHeaders };
  if (status === 201) headers.Location = headerRef('Location');
  if (spec.etag && status === 200) headers.ETag = headerRef('ETag');
  if (spec.setsCookies) headers['Set-Cookie'] = headerRef('Set-Cookie');
  if (spec.deprecated) Object.assign(headers, { Deprecation: headerRef('Deprecation'), Link: headerRef('Link') });
  if (status === 204) return { description: 'Done; nothing to return', headers };
  const content = spec.responseContentType
    ? { [spec.responseContentType]: { schema: { type: 'string' } } }
    : { 'application/json': { schema: spec.response ? collector.convert(spec.response as z.ZodType, 'output') : {} } };
  return { description: status === 201 ? 'Created' : 'OK', headers, content };
}

function requestBodyOf(spec: RouteSpec, collector: SchemaCollector): JsonSchema | undefined {
  if (spec.body) {
    const type = spec.bodyContentType ?? 'application/json';
    const schema = collector.convert(spec.body, 'input');
    return { required: true, content: { [type]: { schema } } };
  }
  if (spec.bodyContentType) return { required: true, content: { [spec.bodyContentType]: { schema: {} } } };
  return undefined;
}

export function buildOpenApi(routes: RouteSpec[], serverUrl: string): JsonSchema {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const usedIds = new Set<string>();
  const tags = new Set<string>();
  for (const spec of routes) {
    const p = openApiPath(spec.path);
    const status = spec.status ?? 200;
    let operationId = operationIdOf(spec);
    for (let n = 2; usedIds.has(operationId); n += 1) operationId = `${operationIdOf(spec)}${n}`;
    usedIds.add(operationId);
    tags.add(spec.tag);
    const responses: Record<string, JsonSchema> = { [String(status)]: successOf(spec, status, collector) };
    for (const [extra, description] of Object.entries(spec.alsoAnswers ?? {}))
      responses[extra] = { ...successOf(spec, Number(extra), collector), description };
    for (const s of impliedErrorStatuses(spec)) {
      responses[String(s)] = s === 304 ? { description: 'Not modified: the ETag you sent still matches' } : errorResponse(s);
    }
    const op: JsonSchema = {
      operationId,
      summary: spec.summary,
      description: spec.description ?? `${spec.summary}. ${accessText(spec)}`,
      tags: [spec.tag],
      'x-auth': spec.auth,
      parameters: parametersOf(spec, collector),
      responses,
    };
    const security = securityOf(spec);
    if (security) op.security = security;
    const body = requestBodyOf(spec, collector);
    if (body) op.requestBody = body;
    if (spec.deprecated) op.deprecated = true;
    paths[p] = { ...(paths[p] ?? {}), [spec.method]: op };
  }
  collector.finish();
  const schemas = reachableSchemas(paths, { ...collector.components, ...ERROR_SCHEMAS });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fatafat API',
      version: '1.0.0',
      description: API_DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'Fatafat engineering', url: `${serverUrl}/api/docs` },
    },
    servers: [{ url: serverUrl, description: 'This shop' }],
    security: [{ cookieAuth: [] }, { bearerAuth: [] }],
    tags: [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations on ${name}` })),
    components: {
      securitySchemes: {
        cookieAuth: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ff_access',
          description: 'The access token cookie that login, register, OTP verify and refresh set (HttpOnly, 15 minutes).',
        },
        refreshCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ff_refresh',
          description: 'The refresh token cookie (HttpOnly, sent only to /api/user); rotated on every refresh.',
        },
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The same access token in an Authorization header, for clients without a cookie jar.',
        },
      },
      headers: HEADERS,
      schemas,
    },
    paths,
  };
}

/** Only the components an operation reaches, directly or through another component. */
function reachableSchemas(paths: unknown, all: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!reached.has(name)) {
          reached.add(name);
          visit(all[name]);
        }
      } else visit(value);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)).sort(([a], [b]) => a.localeCompare(b)));
}

function accessText(spec: RouteSpec): string {
  if (spec.auth === 'public') return 'Open to anyone.';
  if (spec.auth === 'optional') return 'Open to anyone; a signed-in caller may get a personalised answer.';
  if (spec.auth === 'user') return 'Needs a signed-in caller.';
  const who = { picker: 'pickers, store managers and admins', rider: 'riders, store managers and admins', staff: 'store managers and admins', admin: 'admins' }[spec.auth];
  return needsUser(spec.auth) ? `Only for ${who}.` : '';
}

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

const HEADERS: Record<string, JsonSchema> = {
  'X-Request-Id': header('The id of this request in the server logs; quote it when reporting a problem.'),
  Location: header('The URL of the resource this request created.'),
  ETag: header('A validator for this representation; send it back in If-None-Match to get 304 when unchanged.'),
  'Retry-After': header('Seconds to wait before trying again.', { type: 'integer', minimum: 0 }),
  'RateLimit-Limit': header('Requests allowed in the current window.', { type: 'integer', minimum: 0 }),
  'RateLimit-Remaining': header('Requests left in the current window.', { type: 'integer', minimum: 0 }),
  'RateLimit-Reset': header('Seconds until the current window resets.', { type: 'integer', minimum: 0 }),
  'RateLimit-Policy': header('The limit and window that apply, e.g. `300;w=60`.'),
  'WWW-Authenticate': header('The scheme that would be accepted: `Bearer realm="fatafat"`.'),
  Allow: header('The methods the path serves.'),
  'Set-Cookie': header('The session cookies (ff_access, ff_refresh), set or cleared.'),
  Deprecation: header('This path is deprecated since the given time (RFC 9745); see Link for its successor.'),
  Link: header('The successor of a deprecated path: `<…>; rel="successor-version"`.'),
};

const ERROR_SCHEMAS: Record<string, JsonSchema> = {
  FieldIssue: {
    type: 'object',
    description: 'One problem with one field of the request.',
    required: ['path', 'message'],
    properties: {
      path: { type: 'string', description: 'Where: `body.email`, `query.limit`, `params.id`.', examples: ['body.email'] },
      message: { type: 'string', examples: ['Invalid email address'] },
    },
  },
  Error: {
    type: 'object',
    description: 'The one error envelope every non-2xx answer carries.',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description: 'A stable machine-readable code: invalid_input, unauthorized, forbidden, not_found, conflict, out_of_stock, rate_limited, …',
            examples: ['invalid_input'],
          },
          message: { type: 'string', description: 'A sentence for people, naming the problem.' },
          details: {
            type: 'object',
            description: 'Always an object. For invalid_input: `issues`, one per field; other codes add their own facts (e.g. `lines` for out_of_stock, `retryAfter` for rate_limited).',
            properties: { issues: { type: 'array', items: ref('FieldIssue') } },
            additionalProperties: true,
          },
        },
      },
    },
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A browsable, dependency-free docs page (no CDN: the shop must work offline and under a strict CSP). */
export function renderDocsPage(doc: JsonSchema): string {
  const paths = doc.paths as Record<string, Record<string, JsonSchema>>;
  const byTag = new Map<string, string[]>();
  for (const [p, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = ((op.tags as string[] | undefined) ?? ['other'])[0] ?? 'other';
      const body = op.requestBody
        ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(op.requestBody, null, 2))}</pre></details>`
        : '';
      const params = (op.parameters as unknown[]).length
        ? `<details><summary>Parameters</summary><pre>${escapeHtml(JSON.stringify(op.parameters, null, 2))}</pre></details>`
        : '';
      const responses = `<details><summary>Responses</summary><pre>${escapeHtml(JSON.stringify(op.responses, null, 2))}</pre></details>`;
      const row = `<section class="op"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(p)}</code> <small>${escapeHtml(String(op['x-auth']))}</small></h3><p>${escapeHtml(String(op.summary))}</p>${params}${body}${responses}</section>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), row]);
    }
  }
  const sections = [...byTag.entries()]
    .map(([tag, rows]) => `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${rows.join('')}`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Fatafat API</title><style>
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#1c1c1c}
h1{margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #e8e8e8;text-transform:capitalize}
.op{border:1px solid #e8e8e8;border-radius:10px;padding:8px 14px;margin:10px 0}.op h3{font-size:15px;margin:6px 0}
.m{display:inline-block;min-width:58px;text-align:center;border-radius:6px;color:#fff;font-size:12px;padding:2px 6px}
.get{background:#0a8a4a}.post{background:#256fef}.put,.patch{background:#b7791f}.delete{background:#d93f3f}
small{color:#666;font-weight:400}pre{background:#f5f7f6;padding:10px;border-radius:8px;overflow:auto;font-size:12px}
</style></head><body><h1>Fatafat API</h1><p>OpenAPI 3.1 document: <a href="/api/openapi.json">/api/openapi.json</a>. Money is integer paise.</p>${sections}</body></html>`;
}
