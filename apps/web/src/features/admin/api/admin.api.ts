import type {
  CustomerDetailResponse,
  CustomerListQuery,
  CustomerListResponse,
  CustomerPatch,
  DashboardResponse,
} from '@fatafat/contracts/admin';
import type {
  AdminCategory,
  AdminProduct,
  AdminProductListQuery,
  AdminProductListResponse,
  CategoryInput,
  CategoryListResponse,
  CategoryPatch,
  CsvImportResponse,
  ProductCreate,
  ProductReplace,
  SubcategoryInput,
  SubcategoryPatch,
} from '@fatafat/contracts/catalog';
import type { Coupon, CouponUsage, CreateCouponBody, UpdateCouponBody } from '@fatafat/contracts/coupons';
import type { StockAdjust, StockBinSet, StockLine, StockListQuery, StockSet, UploadResponse } from '@fatafat/contracts/inventory';
import type { AdminOrdersQuery, OrderListResponse, OrderResponse, OrderStatus, OrderView, RefundResponse } from '@fatafat/contracts/orders';
import type { CreateRefundBody } from '@fatafat/contracts/refunds';
import type { StoreListResponse } from '@fatafat/contracts/stores';
import type { User } from '@fatafat/contracts/users';
import type { z } from 'zod';
import { api } from '@/lib/api';

/** Query params as the URL carries them: optional fields may be absent, defaults are the server's. */
type Params<T> = { [K in keyof T]?: T[K] | undefined };

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StockMovement {
  id: string;
  storeId: string;
  variantId: string;
  deltaOnHand: number;
  deltaReserved: number;
  reason: string;
  actorId: string | null;
  orderId: string | null;
  createdAt: string;
}

function clean(params: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') out[key] = value as string | number;
  }
  return out;
}

const adminApi = api.enhanceEndpoints({
  addTagTypes: ['AdminDashboard', 'AdminOrder', 'AdminProduct', 'AdminCategory', 'AdminStock', 'AdminCustomer', 'AdminCoupon'],
});

export const adminEndpoints = adminApi.injectEndpoints({
  endpoints: (build) => ({
    // The console's own look at who is logged in, so it does not reach into the storefront's auth feature.
    adminMe: build.query<User | null, void>({
      queryFn: async (_arg, _api, _extra, baseQuery) => {
        const result = await baseQuery({ url: '/user/profile' });
        if (result.error) {
          if (result.error.status === 401 || result.error.status === 403) return { data: null };
          return { error: result.error };
        }
        return { data: (result.data as { user: User }).user };
      },
      extraOptions: { quiet: true },
      providesTags: ['Profile'],
    }),
    stores: build.query<StoreListResponse['items'], void>({
      query: () => '/stores',
      transformResponse: (r: StoreListResponse) => r.items,
    }),
    dashboard: build.query<DashboardResponse, { storeId?: string | undefined }>({
      query: (params) => ({ url: '/admin/dashboard', params: clean(params) }),
      providesTags: ['AdminDashboard'],
    }),

    // ---------- orders ----------
    adminOrders: build.query<OrderListResponse, Params<AdminOrdersQuery>>({
      query: (params) => ({ url: '/admin/orders', params: clean(params) }),
      providesTags: ['AdminOrder'],
    }),
    adminOrder: build.query<OrderView, string>({
      query: (id) => `/admin/orders/${id}`,
      transformResponse: (r: OrderResponse) => r.order,
      providesTags: (_r, _e, id) => [{ type: 'AdminOrder', id }],
    }),
    transitionOrder: build.mutation<OrderView, { id: string; to: OrderStatus; note?: string }>({
      query: ({ id, ...body }) => ({ url: `/admin/orders/${id}/transition`, method: 'POST', body }),
      transformResponse: (r: OrderResponse) => r.order,
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminOrder', 'AdminDashboard', 'AdminStock'],
    }),
    refundOrder: build.mutation<RefundResponse, { id: string } & CreateRefundBody>({
      query: ({ id, ...body }) => ({ url: `/admin/orders/${id}/refunds`, method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: (_r, _e, { id }) => [{ type: 'AdminOrder', id }, 'AdminDashboard'],
    }),
    updateArrival: build.mutation<OrderView, { id: string; minutes: number }>({
      query: ({ id, minutes }) => ({ url: `/admin/orders/${id}/arrival`, method: 'POST', body: { minutes } }),
      transformResponse: (r: OrderResponse) => r.order,
      extraOptions: { quiet: true },
      invalidatesTags: (_r, _e, { id }) => [{ type: 'AdminOrder', id }],
    }),

    // ---------- catalogue ----------
    adminProducts: build.query<AdminProductListResponse, Params<AdminProductListQuery>>({
      query: (params) => ({ url: '/admin/products', params: clean(params) }),
      providesTags: ['AdminProduct'],
    }),
    adminProduct: build.query<AdminProduct, string>({
      query: (id) => `/admin/products/${id}`,
      transformResponse: (r: AdminProduct | { product: AdminProduct }) => ('product' in r ? r.product : r),
      providesTags: (_r, _e, id) => [{ type: 'AdminProduct', id }],
    }),
    createProduct: build.mutation<AdminProduct, z.input<typeof ProductCreate>>({
      query: (body) => ({ url: '/admin/products', method: 'POST', body }),
      transformResponse: (r: AdminProduct | { product: AdminProduct }) => ('product' in r ? r.product : r),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminProduct', 'Product', 'AdminStock'],
    }),
    // The editor saves the product and its variants in one call (one transaction) and shows the answer.
    saveProduct: build.mutation<AdminProduct, { id: string; body: z.input<typeof ProductReplace> }>({
      query: ({ id, body }) => ({ url: `/admin/products/${id}`, method: 'PUT', body }),
      transformResponse: (r: AdminProduct | { product: AdminProduct }) => ('product' in r ? r.product : r),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminProduct', 'Product', 'AdminStock'],
    }),
    deleteProduct: build.mutation<{ result: 'deleted' | 'archived' }, string>({
      query: (id) => ({ url: `/admin/products/${id}`, method: 'DELETE' }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminProduct', 'Product'],
    }),
    bulkProducts: build.mutation<{ updated: number }, { ids: string[]; action: 'activate' | 'deactivate' }>({
      query: (body) => ({ url: '/admin/products/bulk', method: 'POST', body }),
      invalidatesTags: ['AdminProduct', 'Product'],
    }),
    importProducts: build.mutation<CsvImportResponse, File>({
      query: (file) => {
        const form = new FormData();
        form.set('file', file);
        return { url: '/admin/products/import', method: 'POST', body: form };
      },
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminProduct', 'Product', 'AdminCategory'],
    }),
    upload: build.mutation<UploadResponse, File>({
      query: (file) => {
        const form = new FormData();
        form.set('file', file);
        return { url: '/admin/uploads', method: 'POST', body: form };
      },
      extraOptions: { quiet: true },
    }),
    categories: build.query<CategoryListResponse['items'], void>({
      // The public list is HTTP-cached for 30 s; the console must see its own edits at once.
      query: () => ({ url: '/category', cache: 'no-store' }),
      transformResponse: (r: CategoryListResponse) => r.items,
      providesTags: ['AdminCategory', 'Category'],
    }),
    createCategory: build.mutation<AdminCategory, z.input<typeof CategoryInput>>({
      query: (body) => ({ url: '/admin/categories', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),
    updateCategory: build.mutation<AdminCategory, { id: string; patch: CategoryPatch }>({
      query: ({ id, patch }) => ({ url: `/admin/categories/${id}`, method: 'PATCH', body: patch }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),
    deleteCategory: build.mutation<unknown, string>({
      query: (id) => ({ url: `/admin/categories/${id}`, method: 'DELETE' }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),
    createSubcategory: build.mutation<AdminCategory, z.input<typeof SubcategoryInput>>({
      query: (body) => ({ url: '/admin/subcategories', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),
    updateSubcategory: build.mutation<AdminCategory, { id: string; patch: SubcategoryPatch }>({
      query: ({ id, patch }) => ({ url: `/admin/subcategories/${id}`, method: 'PATCH', body: patch }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),
    deleteSubcategory: build.mutation<unknown, string>({
      query: (id) => ({ url: `/admin/subcategories/${id}`, method: 'DELETE' }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCategory', 'Category'],
    }),

    // ---------- stock ----------
    stockLines: build.query<Paged<StockLine>, Params<StockListQuery>>({
      query: (params) => ({ url: '/admin/stock', params: clean(params) }),
      providesTags: ['AdminStock'],
    }),
    stockMovements: build.query<Paged<StockMovement>, { storeId?: string; variantId?: string; page?: number; pageSize?: number }>({
      query: (params) => ({ url: '/admin/stock/movements', params: clean(params) }),
      providesTags: ['AdminStock'],
    }),
    setStock: build.mutation<unknown, StockSet>({
      query: (body) => ({ url: '/admin/stock', method: 'PUT', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStock', 'AdminDashboard', 'Product'],
    }),
    adjustStock: build.mutation<unknown, StockAdjust>({
      query: (body) => ({ url: '/admin/stock/adjust', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStock', 'AdminDashboard', 'Product'],
    }),
    setBin: build.mutation<StockLine, StockBinSet>({
      query: (body) => ({ url: '/admin/stock/bin', method: 'PUT', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminStock'],
    }),

    // ---------- customers ----------
    customers: build.query<CustomerListResponse, Params<CustomerListQuery>>({
      query: (params) => ({ url: '/admin/customers', params: clean(params) }),
      providesTags: ['AdminCustomer'],
    }),
    customer: build.query<CustomerDetailResponse, string>({
      query: (id) => `/admin/customers/${id}`,
      providesTags: (_r, _e, id) => [{ type: 'AdminCustomer', id }],
    }),
    updateCustomer: build.mutation<CustomerDetailResponse, { id: string; patch: CustomerPatch }>({
      query: ({ id, patch }) => ({ url: `/admin/customers/${id}`, method: 'PATCH', body: patch }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCustomer'],
    }),

    // ---------- coupons ----------
    coupons: build.query<Coupon[], { q?: string; active?: 'true' | 'false' }>({
      query: (params) => ({ url: '/admin/coupons', params: clean(params) }),
      transformResponse: (r: { items: Coupon[] }) => r.items,
      providesTags: ['AdminCoupon'],
    }),
    couponUsage: build.query<CouponUsage, string>({
      query: (id) => `/admin/coupons/${id}/usage`,
      providesTags: ['AdminCoupon'],
    }),
    createCoupon: build.mutation<Coupon, z.input<typeof CreateCouponBody>>({
      query: (body) => ({ url: '/admin/coupons', method: 'POST', body }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCoupon'],
    }),
    updateCoupon: build.mutation<Coupon, { id: string; patch: z.input<typeof UpdateCouponBody> }>({
      query: ({ id, patch }) => ({ url: `/admin/coupons/${id}`, method: 'PATCH', body: patch }),
      extraOptions: { quiet: true },
      invalidatesTags: ['AdminCoupon'],
    }),
    disableCoupon: build.mutation<Coupon, string>({
      query: (id) => ({ url: `/admin/coupons/${id}/disable`, method: 'POST' }),
      invalidatesTags: ['AdminCoupon'],
    }),
  }),
});

export const {
  useAdminMeQuery,
  useStoresQuery,
  useDashboardQuery,
  useAdminOrdersQuery,
  useAdminOrderQuery,
  useTransitionOrderMutation,
  useUpdateArrivalMutation,
  useRefundOrderMutation,
  useAdminProductsQuery,
  useAdminProductQuery,
  useCreateProductMutation,
  useSaveProductMutation,
  useDeleteProductMutation,
  useBulkProductsMutation,
  useImportProductsMutation,
  useUploadMutation,
  useCategoriesQuery,
  useCreateCategoryMutation,
  useUpdateCategoryMutation,
  useDeleteCategoryMutation,
  useCreateSubcategoryMutation,
  useUpdateSubcategoryMutation,
  useDeleteSubcategoryMutation,
  useStockLinesQuery,
  useStockMovementsQuery,
  useSetStockMutation,
  useAdjustStockMutation,
  useSetBinMutation,
  useCustomersQuery,
  useCustomerQuery,
  useUpdateCustomerMutation,
  useCouponsQuery,
  useCouponUsageQuery,
  useCreateCouponMutation,
  useUpdateCouponMutation,
  useDisableCouponMutation,
} = adminEndpoints;
