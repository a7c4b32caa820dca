import { z } from 'zod';
import {
  AdminCategory,
  AdminProduct,
  AdminProductListQuery,
  AdminProductListResponse,
  BulkProductAction,
  BulkProductResponse,
  CsvImportResponse,
  CategoryInput,
  CategoryListResponse,
  CategoryPatch,
  ProductCreate,
  ProductDeleteResponse,
  ProductDetailResponse,
  ProductListQuery,
  ProductListResponse,
  ProductParams,
  ProductPatch,
  ProductReplace,
  SubcategoryInput,
  SubcategoryPatch,
  VariantInput,
  VariantPatch,
} from '@fatafat/contracts/catalog';
import type { AppDeps } from '../../deps';
import type { ApiRouter } from '../../http/api-router';
import { catalogCache, sendCached } from './catalog.cache';
import * as service from './catalog.service';
import { exportProductsCsv, importProductsCsv } from './catalog.csv';
import { csvBody, csvText } from '../uploads/multipart';

const IdParams = z.object({ id: z.string().min(1).max(100) });
const LIST_TTL_MS = 5_000;
const CATEGORY_TTL_MS = 60_000;

export function registerCatalogRoutes(api: ApiRouter, deps: AppDeps): void {
  const cache = catalogCache(deps);

  api.route(
    {
      method: 'get',
      path: '/category',
      summary: 'Categories with their subcategories',
      tag: 'catalog',
      auth: 'public',
      response: CategoryListResponse,
    },
    ({ req, res }) =>
      sendCached(cache, req, res, { key: 'categories', ttlMs: CATEGORY_TTL_MS, scope: 'public' }, () =>
        service.listCategories(deps.db),
      ),
  );

  api.route(
    {
      method: 'get',
      path: '/product',
      summary: 'Products: filter, search, sort, keyset pages; availability at the chosen store',
      tag: 'catalog',
      auth: 'optional',
      query: ProductListQuery,
      response: ProductListResponse,
    },
    async ({ query, user, req, res }) => {
      const storeId = await service.availabilityStore(deps, query.store, user);
      const scope = user && !query.store ? 'private' : 'public';
      const { store: _store, ...rest } = query;
      await sendCached(
        cache,
        req,
        res,
        { key: `list|${storeId ?? '*'}|${JSON.stringify(rest)}`, ttlMs: LIST_TTL_MS, scope },
        () => service.listProducts(deps, query, storeId),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/product/:idOrSlug',
      summary: 'One product with all variants, images, details, category and similar products',
      tag: 'catalog',
      auth: 'optional',
      params: ProductParams,
      query: z.object({ store: z.uuid().optional() }),
      response: ProductDetailResponse,
    },
    async ({ params, query, user, req, res }) => {
      const storeId = await service.availabilityStore(deps, query.store, user);
      const scope = user && !query.store ? 'private' : 'public';
      await sendCached(
        cache,
        req,
        res,
        { key: `detail|${storeId ?? '*'}|${params.idOrSlug}`, ttlMs: LIST_TTL_MS, scope },
        () => service.productDetail(deps, params.idOrSlug, storeId),
      );
    },
  );

  // ---------- admin ----------

  api.route(
    {
      method: 'post',
      path: '/product',
      summary: 'Create a product with its variants',
      tag: 'catalog-admin',
      auth: 'admin',
      body: ProductCreate,
      response: AdminProduct,
      status: 201,
    },
    ({ body }) => service.createProduct(deps, body),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/products',
      summary: 'Products for the admin table: paged, sortable, filterable, searchable',
      tag: 'catalog-admin',
      auth: 'admin',
      query: AdminProductListQuery,
      response: AdminProductListResponse,
    },
    ({ query }) => service.listAdminProducts(deps.db, query),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/products',
      summary: 'Create a product with its variants',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      body: ProductCreate,
      response: AdminProduct,
      status: 201,
    },
    ({ body }) => service.createProduct(deps, body),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/products/bulk',
      summary: 'Activate or deactivate many products',
      tag: 'catalog-admin',
      auth: 'admin',
      body: BulkProductAction,
      response: BulkProductResponse,
    },
    ({ body }) => service.bulkSetActive(deps, body.ids, body.action === 'activate'),
  );

  api.route(
    {
      method: 'get',
      path: '/admin/products/export.csv',
      summary: 'Products as CSV, one row per variant',
      tag: 'catalog-admin',
      auth: 'admin',
      responseContentType: 'text/csv',
    },
    async ({ res }) => {
      const csv = await exportProductsCsv(deps.db);
      res.setHeader('Content-Disposition', 'attachment; filename="products.csv"');
      res.type('text/csv').send(csv);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/admin/products/import',
      summary: 'Create or update products and variants from CSV; any bad row changes nothing',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [422],
      bodyContentType: 'multipart/form-data',
      before: csvBody('admin'),
      response: CsvImportResponse,
    },
    ({ req }) => importProductsCsv(deps, csvText(req)),
  );
}

/** Routes with an :id segment go last so literal paths (export.csv, bulk) win. */
export function registerCatalogIdRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/admin/products/:id',
      summary: 'One product with every variant, active or not',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      response: AdminProduct,
    },
    ({ params }) => service.adminProduct(deps.db, params.id),
  );

  api.route(
    {
      method: 'put',
      path: '/admin/products/:id',
      summary: 'Replace a product’s fields and, when given, its variants — in one transaction',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: ProductReplace,
      response: AdminProduct,
    },
    ({ params, body }) => service.updateProduct(deps, params.id, body),
  );

  api.route(
    {
      method: 'patch',
      path: '/admin/products/:id',
      summary: 'Change some of a product’s fields',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: ProductPatch,
      response: AdminProduct,
    },
    ({ params, body }) => service.updateProduct(deps, params.id, body),
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/products/:id',
      summary: 'Delete a product, or archive it when orders refer to it',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      params: IdParams,
      response: ProductDeleteResponse,
    },
    ({ params }) => service.removeProduct(deps, params.id),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/products/:id/variants',
      summary: 'Add a variant to a product',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: VariantInput,
      response: AdminProduct,
      status: 201,
    },
    ({ params, body }) => service.addVariant(deps, params.id, body),
  );

  api.route(
    {
      method: 'patch',
      path: '/admin/variants/:id',
      summary: 'Change a variant (price, MRP, label, SKU, limit, active, HSN and GST rate)',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: VariantPatch,
      response: AdminProduct,
    },
    ({ params, body }) => service.patchVariant(deps, params.id, body),
  );

  api.route(
    {
      method: 'delete',
      path: '/admin/variants/:id',
      summary: 'Delete a variant, or deactivate it when orders refer to it',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      response: ProductDeleteResponse,
    },
    ({ params }) => service.removeVariant(deps, params.id),
  );

  api.route(
    {
      method: 'post',
      path: '/admin/categories',
      summary: 'Create a category',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      body: CategoryInput,
      response: AdminCategory,
      status: 201,
    },
    ({ body }) => service.createCategory(deps, body),
  );
  api.route(
    {
      method: 'patch',
      path: '/admin/categories/:id',
      summary: 'Change a category',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: CategoryPatch,
      response: AdminCategory,
    },
    ({ params, body }) => service.patchCategory(deps, params.id, body),
  );
  api.route(
    {
      method: 'delete',
      path: '/admin/categories/:id',
      summary: 'Delete an empty category (409 while products or subcategories use it)',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      params: IdParams,
      status: 204,
    },
    async ({ params }) => {
      await service.removeCategory(deps, params.id);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/admin/subcategories',
      summary: 'Create a subcategory',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      body: SubcategoryInput,
      response: AdminCategory,
      status: 201,
    },
    ({ body }) => service.createSubcategory(deps, body),
  );
  api.route(
    {
      method: 'patch',
      path: '/admin/subcategories/:id',
      summary: 'Change a subcategory',
      tag: 'catalog-admin',
      auth: 'admin',
      params: IdParams,
      body: SubcategoryPatch,
      response: AdminCategory,
    },
    ({ params, body }) => service.patchSubcategory(deps, params.id, body),
  );
  api.route(
    {
      method: 'delete',
      path: '/admin/subcategories/:id',
      summary: 'Delete a subcategory no product uses (409 otherwise)',
      tag: 'catalog-admin',
      auth: 'admin',
      errors: [409],
      params: IdParams,
      status: 204,
    },
    async ({ params }) => {
      await service.removeSubcategory(deps, params.id);
    },
  );
}
