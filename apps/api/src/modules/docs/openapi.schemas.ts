/**
 * Named schemas for the OpenAPI document. Every exported Zod schema of the contracts package is registered
 * under its export name, so a generated client gets `Product`, `Cart`, `Order` … instead of anonymous
 * inline shapes. Zod's JSON Schema emitter puts registered schemas in `$defs`; the builder hoists them to
 * `components.schemas`.
 */
import { z } from 'zod';
import * as addresses from '@fatafat/contracts/addresses';
import * as admin from '@fatafat/contracts/admin';
import * as cart from '@fatafat/contracts/cart';
import * as catalog from '@fatafat/contracts/catalog';
import * as checkout from '@fatafat/contracts/checkout';
import * as common from '@fatafat/contracts/common';
import * as coupons from '@fatafat/contracts/coupons';
import * as inventory from '@fatafat/contracts/inventory';
import * as orders from '@fatafat/contracts/orders';
import * as payments from '@fatafat/contracts/payments';
import * as people from '@fatafat/contracts/people';
import * as pricing from '@fatafat/contracts/pricing';
import * as stores from '@fatafat/contracts/stores';
import * as users from '@fatafat/contracts/users';

type JsonSchema = Record<string, unknown>;

const CONTRACT_MODULES: Array<Record<string, unknown>> = [
  common,
  pricing,
  catalog,
  stores,
  addresses,
  cart,
  checkout,
  orders,
  payments,
  coupons,
  inventory,
  users,
  people,
  admin,
];

/** Worth a name: objects, arrays of objects, unions and enums; not a bare string or number alias. */
function worthNaming(schema: z.ZodType): boolean {
  const type = (schema as { def?: { type?: string } }).def?.type;
  return type === 'object' || type === 'union' || type === 'enum' || type === 'discriminated_union' || type === 'intersection';
}

export function contractRegistry(): z.core.$ZodRegistry<{ id: string }> {
  const registry = z.registry<{ id: string }>();
  const seen = new Set<string>();
  for (const mod of CONTRACT_MODULES) {
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType) || !/^[A-Z]/.test(name) || seen.has(name)) continue;
      if (!worthNaming(value) || registry.has(value)) continue;
      registry.add(value, { id: name });
      seen.add(name);
    }
  }
  return registry;
}

/**
 * Converts route schemas and collects the named ones. Outputs (responses) keep the contract's name;
 * an input (request) shape that differs from the output of the same name (defaults make fields optional)
 * is named `<Name>Input`.
 */
export class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};
  private readonly registry = contractRegistry();
  private readonly pending: Array<{ json: JsonSchema; io: 'input' | 'output' }> = [];

  /**
   * The schema's JSON Schema, with named parts as references. `inline` spells the top level out even when it
   * is named (query and path parameters are listed one by one, not as a referenced object).
   */
  convert(schema: z.ZodType, io: 'input' | 'output', inline = false): JsonSchema {
    const meta = inline ? this.registry.get(schema) : undefined;
    if (meta) this.registry.remove(schema);
    try {
      return this.convertNow(schema, io);
    } finally {
      if (meta) this.registry.add(schema, meta);
    }
  }

  private convertNow(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    let json: JsonSchema;
    try {
      json = z.toJSONSchema(schema, {
        io,
        unrepresentable: 'any',
        target: 'draft-2020-12',
        metadata: this.registry,
      }) as JsonSchema;
    } catch {
      json = {};
    }
    delete json.$schema;
    this.pending.push({ json, io });
    return json;
  }

  /** Moves every `$defs` into components.schemas and points the references there. Call once, at the end. */
  finish(): void {
    const order = [...this.pending.filter((p) => p.io === 'output'), ...this.pending.filter((p) => p.io === 'input')];
    for (const { json, io } of order) {
      const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
      delete json.$defs;
      const names = new Map<string, string>();
      for (const [name, def] of Object.entries(defs)) names.set(name, this.place(name, def, io));
      rewriteRefs(json, names);
      for (const [name] of Object.entries(defs)) rewriteRefs(this.components[names.get(name)!]!, names);
    }
  }

  private readonly fingerprints = new Map<string, string>();

  private place(name: string, def: JsonSchema, io: 'input' | 'output'): string {
    const fingerprint = JSON.stringify(def);
    for (const candidate of [name, io === 'input' ? `${name}Input` : `${name}Output`]) {
      const known = this.fingerprints.get(candidate);
      if (known === fingerprint) return candidate;
      if (known === undefined) {
        this.fingerprints.set(candidate, fingerprint);
        this.components[candidate] = structuredClone(def);
        return candidate;
      }
    }
    return name;
  }
}

function rewriteRefs(node: unknown, names: Map<string, string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, names);
    return;
  }
  const record = node as Record<string, unknown>;
  const ref = record.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
    const name = ref.slice('#/$defs/'.length);
    record.$ref = `#/components/schemas/${names.get(name) ?? name}`;
  }
  for (const value of Object.values(record)) rewriteRefs(value, names);
}
