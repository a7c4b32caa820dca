import {
  StockAdjust,
  StockExportQuery,
  StockLine,
  StockListQuery,
  StockListResponse,
  StockMovementsQuery,
  StockMovementsResponse,
  StockBinSet,
  StockSet,
} from '@fatafat/contracts/inventory';
import { CsvImportResponse } from '@fatafat/contracts/catalog';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { csvBody, csvText } from '../uploads/multipart';
import * as service from './inventory.service';

export function registerInventoryRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'put',
      path: '/admin/stock',
      summary: 'Set on-hand stock of a variant at a store (staff: own store only)',
      tag: 'inventory',
      auth: 'staff',
      errors: [404, 409],
      body: StockSet,
      response: StockLine,
    },
    ({ body, user }) => service.setStock(deps, user, body),
  );

  api.route(
    {
      method: 'put',
      path: '/admin/stock/bin',
      summary: 'Place a variant on a bin (zone-aisle-rack-shelf) at a store (staff: own store only)',
      tag: 'inventory',
      auth: 'staff',
      body: StockBinSet,
      response: StockLine,
    },
    ({ body, user }) => service.setBin(deps, user, body),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/stock/adjust',
      summary: 'Add or remove stock with a reason (staff: own store only)',
      tag: 'inventory',
      auth: 'staff',
      errors: [404, 409],
      body: StockAdjust,
      response: StockLine,
    },
    ({ body, user }) => service.adjustStock(deps, user, body),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/stock',
      summary: 'Stock lines, paged; filter by store, text and low stock',
      tag: 'inventory',
      auth: 'staff',
      query: StockListQuery,
      response: StockListResponse,
    },
    ({ query, user }) => service.listStock(deps.db, user, query),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/stock/movements',
      summary: 'The audit trail of stock changes',
      tag: 'inventory',
      auth: 'staff',
      query: StockMovementsQuery,
      response: StockMovementsResponse,
    },
    ({ query, user }) => service.listMovements(deps.db, user, query),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/stock/export.csv',
      summary: 'Stock as CSV (store, sku, on_hand, reserved, bin, product, label)',
      tag: 'inventory',
      auth: 'staff',
      query: StockExportQuery,
      responseContentType: 'text/csv',
    },
    async ({ query, user, res }) => {
      const csv = await service.exportStockCsv(deps.db, user, query.storeId);
      res.setHeader('Content-Disposition', 'attachment; filename="stock.csv"');
      res.type('text/csv').send(csv);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/stock/import',
      summary: 'Set stock from a CSV (store, sku, on_hand[, reason, bin]); any bad row changes nothing',
      tag: 'inventory',
      auth: 'staff',
      errors: [422],
      bodyContentType: 'multipart/form-data',
      before: csvBody('staff'),
      response: CsvImportResponse,
    },
    ({ req, user }) => service.importStockCsv(deps, user, csvText(req)),
  );
}
