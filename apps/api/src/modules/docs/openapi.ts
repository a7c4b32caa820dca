/**
 * OpenAPI 3.1 built from the routes' own Zod schemas (Zod 4 emits JSON Schema natively), so the document
 * lists exactly what the server serves.
 */
import { z } from 'zod';
import type { RouteSpec } from '../../http/api-router';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  try {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch {
    return {};
  }
}

/** '/product/:idOrSlug' → '/api/product/{idOrSlug}' */
export function openApiPath(path: string): string {
  return `/api${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

function parametersOf(spec: RouteSpec): JsonSchema[] {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input');
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, s] of Object.entries(props)) {
      params.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
  }
  return params;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

export function buildOpenApi(routes: RouteSpec[], serverUrl: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of routes) {
    const p = openApiPath(spec.path);
    const status = String(spec.status ?? 200);
    const responseContent = spec.responseContentType
      ? { [spec.responseContentType]: { schema: { type: 'string' } } }
      : { 'application/json': { schema: spec.response ? toSchema(spec.response, 'output') : {} } };
    const op: JsonSchema = {
      summary: spec.summary,
      tags: [spec.tag],
      operationId: `${spec.method}${p.replace(/[^A-Za-z0-9]+/g, '_')}`,
      'x-auth': spec.auth,
      parameters: parametersOf(spec),
      responses: {
        [status]: status === '204' ? { description: 'No content' } : { description: 'Success', content: responseContent },
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (spec.auth !== 'public') op.security = [{ cookieAuth: [] }, { bearerAuth: [] }];
    if (spec.body) {
      op.requestBody = {
        required: true,
        content: { [spec.bodyContentType ?? 'application/json']: { schema: toSchema(spec.body, 'input') } },
      };
    } else if (spec.bodyContentType) {
      op.requestBody = { required: true, content: { [spec.bodyContentType]: { schema: {} } } };
    }
    paths[p] = { ...(paths[p] ?? {}), [spec.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fatafat API',
      version: '0.1.0',
      description: 'Quick-commerce API. Money is integer paise (INR). Errors: { error: { code, message, details? } }.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'ff_access' },
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
    paths,
  };
}

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
