/**
 * Stock per (store, variant). Staff manage their own store only; admins any store. Every change locks the
 * row, writes the audit movement in the same transaction, and refuses to take on_hand below reserved.
 */
import { Bin, type StockAdjust, type StockBinSet, type StockLine, type StockListQuery, type StockSet } from '@fatafat/contracts/inventory';
import type { CsvImportResponse } from '@fatafat/contracts/catalog';
import type { DbOrTx } from '../../db/client';
import type { AppDeps } from '../../deps';
import type { AuthUser } from '../../http/auth-context';
import { AppError, conflict, forbidden, notFound } from '../../http/errors';
import { csvRecords, toCsv } from '../../lib/csv';
import { catalogCache } from '../catalog/catalog.cache';
import { CHECK_VIOLATION, pgError } from '../../db/errors';
import { iso, isoOrNull } from '../catalog/catalog.service';
import * as repo from './inventory.repository';

export const LOW_STOCK_DEFAULT = 5;

/** Staff act for their own store only. */
export function assertStoreAccess(user: AuthUser, storeId: string): void {
  if (user.role === 'admin') return;
  if (user.role !== 'staff' || user.storeId !== storeId) throw forbidden('You can only manage stock at your own store');
}

function belowReserved(reserved: number, onHand: number): AppError {
  return conflict(
    `On hand cannot be ${onHand}: ${reserved} unit(s) are reserved for open orders`,
    { reserved, onHand },
    'stock_below_reserved',
  );
}

function toLine(r: repo.StockLineRow): StockLine {
  return {
    storeId: r.store_id,
    variantId: r.variant_id,
    productId: r.product_id,
    productName: r.product_name,
    label: r.label,
    sku: r.sku,
    onHand: r.on_hand,
    reserved: r.reserved,
    available: Math.max(0, r.on_hand - r.reserved),
    bin: r.bin,
    updatedAt: isoOrNull(r.updated_at),
  };
}

/** Applies one change inside tx: lock, check, write, audit. Returns the delta written. */
async function applyChange(
  tx: DbOrTx,
  args: { storeId: string; variantId: string; actorId: string; reason: string } & (
    | { onHand: number }
    | { delta: number }
  ),
): Promise<number> {
  const row = await repo.lockStock(tx, args.storeId, args.variantId);
  const current = row?.on_hand ?? 0;
  const reserved = row?.reserved ?? 0;
  const next = 'onHand' in args ? args.onHand : current + args.delta;
  if (next < 0) throw conflict(`Stock cannot go below zero (on hand ${current}, change ${next - current})`, { onHand: current }, 'stock_negative');
  if (next < reserved) throw belowReserved(reserved, next);
  const delta = next - current;
  if (delta === 0 && row) return 0;
  await repo.writeStock(tx, args.storeId, args.variantId, next, !!row);
  await repo.recordMovement(tx, {
    storeId: args.storeId,
    variantId: args.variantId,
    deltaOnHand: delta,
    reason: args.reason,
    actorId: args.actorId,
  });
  return delta;
}

async function inTx<T>(deps: AppDeps, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await deps.db.transaction(fn);
  } catch (err) {
    // The CHECK constraints are the last line: a race that slipped past the checks above still ends in a 409.
    if (pgError(err)?.code === CHECK_VIOLATION) throw conflict('Stock cannot go below what is reserved or below zero', undefined, 'stock_below_reserved');
    throw err;
  }
  // Availability on product cards changes with stock; drop cached pages at once.
  await catalogCache(deps).bump();
  return result;
}

async function checkTargets(db: DbOrTx, storeId: string, variantId: string): Promise<void> {
  if (!(await repo.storeExists(db, storeId))) throw notFound('Store');
  if (!(await repo.variantExists(db, variantId))) throw notFound('Variant');
}

export async function setStock(deps: AppDeps, user: AuthUser, input: StockSet): Promise<StockLine> {
  assertStoreAccess(user, input.storeId);
  await checkTargets(deps.db, input.storeId, input.variantId);
  await inTx(deps, (tx) => applyChange(tx, { ...input, actorId: user.id, reason: input.reason ?? 'stock count' }));
  return toLine((await repo.stockLine(deps.db, input.storeId, input.variantId))!);
}

export async function adjustStock(deps: AppDeps, user: AuthUser, input: StockAdjust): Promise<StockLine> {
  assertStoreAccess(user, input.storeId);
  await checkTargets(deps.db, input.storeId, input.variantId);
  await inTx(deps, (tx) => applyChange(tx, { ...input, actorId: user.id }));
  return toLine((await repo.stockLine(deps.db, input.storeId, input.variantId))!);
}

/** Places a line on a bin. Bins are the floor's map: no cache to drop, shoppers never see them. */
export async function setBin(deps: AppDeps, user: AuthUser, input: StockBinSet): Promise<StockLine> {
  assertStoreAccess(user, input.storeId);
  await checkTargets(deps.db, input.storeId, input.variantId);
  await repo.writeBin(deps.db, input.storeId, input.variantId, input.bin);
  return toLine((await repo.stockLine(deps.db, input.storeId, input.variantId))!);
}

function scopedStore(user: AuthUser, storeId: string | undefined): string | undefined {
  if (user.role === 'admin') return storeId;
  if (!user.storeId) throw forbidden('Your account is not linked to a store');
  if (storeId && storeId !== user.storeId) throw forbidden('You can only see stock at your own store');
  return user.storeId;
}

export async function listStock(db: DbOrTx, user: AuthUser, q: StockListQuery) {
  const storeId = scopedStore(user, q.storeId);
  const low =
    q.lowStock === undefined || q.lowStock === 'false' ? undefined : q.lowStock === 'true' ? LOW_STOCK_DEFAULT : q.lowStock;
  const args: repo.StockListArgs = {
    ...(storeId ? { storeId } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(low !== undefined ? { lowStockAtMost: low } : {}),
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  };
  const [rows, total] = await Promise.all([repo.listStock(db, args), repo.countStock(db, args)]);
  return { items: rows.map(toLine), total, page: q.page, pageSize: q.pageSize };
}

export async function listMovements(
  db: DbOrTx,
  user: AuthUser,
  q: { storeId?: string | undefined; variantId?: string | undefined; page: number; pageSize: number },
) {
  const storeId = scopedStore(user, q.storeId);
  const { items, total } = await repo.listMovements(db, {
    ...(storeId ? { storeId } : {}),
    ...(q.variantId ? { variantId: q.variantId } : {}),
    offset: (q.page - 1) * q.pageSize,
    limit: q.pageSize,
  });
  return {
    items: items.map((m) => ({
      id: m.id,
      storeId: m.storeId,
      variantId: m.variantId,
      deltaOnHand: m.deltaOnHand,
      deltaReserved: m.deltaReserved,
      reason: m.reason,
      actorId: m.actorId,
      orderId: m.orderId,
      createdAt: iso(m.createdAt),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

// ---------- CSV ----------

const EXPORT_PAGE = 1000;

export async function exportStockCsv(db: DbOrTx, user: AuthUser, storeIdParam: string | undefined): Promise<string> {
  const storeId = scopedStore(user, storeIdParam);
  const rows: Array<Array<string | number>> = [['store', 'sku', 'on_hand', 'reserved', 'bin', 'product', 'label']];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await repo.listStock(db, { ...(storeId ? { storeId } : {}), offset, limit: EXPORT_PAGE });
    for (const r of page) rows.push([r.store_id, r.sku, r.on_hand, r.reserved, r.bin ?? '', r.product_name, r.label]);
    if (page.length < EXPORT_PAGE) break;
  }
  return toCsv(rows);
}

/**
 * Sets on_hand for every row, or changes nothing when any row is wrong (one transaction). An optional `bin`
 * column places each line on the floor; an empty bin cell leaves the line where it is.
 */
export async function importStockCsv(deps: AppDeps, user: AuthUser, text: string): Promise<CsvImportResponse> {
  const { header, records } = csvRecords(text);
  const errors: CsvImportResponse['errors'] = [];
  for (const col of ['store', 'sku', 'on_hand']) {
    if (!header.includes(col)) errors.push({ row: 1, column: col, message: `missing column "${col}"` });
  }
  if (errors.length) throw new AppError(422, 'invalid_csv', 'The CSV header is incomplete; nothing was imported', { errors });
  if (records.length === 0) throw new AppError(422, 'invalid_csv', 'The CSV has no rows', { errors: [] });
  if (records.length > 50_000) throw new AppError(413, 'payload_too_large', 'At most 50,000 rows per import');

  const storeIds = await repo.storesByIdOrSlug(deps.db);
  const skus = await repo.variantIdsBySku(deps.db, [...new Set(records.map((r) => r.values.sku ?? ''))].filter(Boolean));
  const seen = new Set<string>();
  const plan: Array<{ line: number; storeId: string; variantId: string; onHand: number; reason: string; bin?: string }> = [];
  for (const { line, values } of records) {
    const storeId = storeIds.get(values.store ?? '');
    const variantId = skus.get(values.sku ?? '');
    const onHand = Number(values.on_hand);
    const before = errors.length;
    if (!storeId) errors.push({ row: line, column: 'store', message: `unknown store "${values.store ?? ''}"` });
    else if (user.role !== 'admin' && user.storeId !== storeId)
      errors.push({ row: line, column: 'store', message: 'you can only import stock for your own store' });
    if (!variantId) errors.push({ row: line, column: 'sku', message: `unknown SKU "${values.sku ?? ''}"` });
    if (!/^\d{1,7}$/.test(values.on_hand ?? ''))
      errors.push({ row: line, column: 'on_hand', message: 'must be a whole number from 0' });
    const bin = values.bin ? Bin.safeParse(values.bin) : undefined;
    if (bin && !bin.success) errors.push({ row: line, column: 'bin', message: `"${values.bin}" must be zone-aisle-rack-shelf, e.g. D-03-B-2` });
    if (storeId && variantId) {
      const key = `${storeId}|${variantId}`;
      if (seen.has(key)) errors.push({ row: line, message: 'the same store and SKU appear twice' });
      seen.add(key);
    }
    if (errors.length === before && storeId && variantId)
      plan.push({ line, storeId, variantId, onHand, reason: values.reason || 'csv import', ...(bin?.success ? { bin: bin.data } : {}) });
  }
  if (errors.length) {
    throw new AppError(422, 'invalid_csv', `${errors.length} problem(s) in the CSV; nothing was imported`, { errors });
  }
  // Lock rows in a fixed order, like checkout does, so imports and orders cannot deadlock.
  plan.sort((a, b) => (a.storeId + a.variantId < b.storeId + b.variantId ? -1 : 1));
  let updated = 0;
  let created = 0;
  await inTx(deps, async (tx) => {
    const rowErrors: CsvImportResponse['errors'] = [];
    for (const p of plan) {
      const existed = !!(await repo.lockStock(tx, p.storeId, p.variantId));
      try {
        const { bin, ...change } = p;
        await applyChange(tx, { ...change, actorId: user.id });
        if (bin) await repo.writeBin(tx, p.storeId, p.variantId, bin);
        if (existed) updated++;
        else created++;
      } catch (err) {
        if (err instanceof AppError && err.status === 409) rowErrors.push({ row: p.line, column: 'on_hand', message: err.message });
        else throw err;
      }
    }
    if (rowErrors.length) {
      rowErrors.sort((a, b) => a.row - b.row);
      throw new AppError(422, 'invalid_csv', `${rowErrors.length} problem(s) in the CSV; nothing was imported`, {
        errors: rowErrors,
      });
    }
  });
  return { ok: true, rows: records.length, created, updated, errors: [] };
}
