import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes, useLocation, useNavigationType } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { HomeRoute } from './routes/home';
import type { AppStore } from './store';
import { selectStoreId } from '@/features/location/location.slice';

// Declarative routing rather than the data router: it is ~16 KB gzipped lighter, and the home page has a
// 120 KB JavaScript budget. Every route except home is its own chunk, loaded on demand.
function page(load: () => Promise<{ Component: ComponentType }>) {
  return lazy(() => load().then((module) => ({ default: module.Component })));
}

const Deferred = lazy(() => import('./deferred'));

const loadCategory = () => import('./routes/category');
const loadSearch = () => import('./routes/search');
const loadProduct = () => import('./routes/product');
const Category = page(loadCategory);
const Search = page(loadSearch);
const Product = page(loadProduct);
const Checkout = page(() => import('./routes/checkout'));
const OrderTracking = page(() => import('./routes/order-tracking'));
const AccountLayout = page(() => import('./routes/account/account-layout'));
const Orders = page(() => import('./routes/account/orders'));
const OrderDetail = page(() => import('./routes/account/order-detail'));
const Addresses = page(() => import('./routes/account/addresses'));
const WalletPage = page(() => import('./routes/account/wallet'));
const Profile = page(() => import('./routes/account/profile'));
const Password = page(() => import('./routes/account/password'));
const Invoice = page(() => import('./routes/account/invoice'));
const Login = page(() => import('./routes/auth/login'));
const OtpLogin = page(() => import('./routes/auth/otp-login'));
const Register = page(() => import('./routes/auth/register'));
const VerifyEmail = page(() => import('./routes/auth/verify-email'));
const ForgotPassword = page(() => import('./routes/auth/forgot-password'));
const ResetPassword = page(() => import('./routes/auth/reset-password'));
const NotFound = page(() => import('./routes/not-found'));
// The admin console is its own chunk with its own chrome; shoppers never download it.
const Admin = page(() => import('@/features/admin/routes/AdminApp'));
// The picker app (/ops) likewise: phone-first, its own chunk and chrome.
const Ops = page(() => import('@/features/ops/routes/OpsApp'));
// The rider app likewise: phone-first, its own chunk, never in a shopper's download.
const Rider = lazy(() => import('@/features/riders/routes/RiderApp'));

/**
 * Starts downloading the code of the page a visitor lands on (the shopping pages people arrive at from
 * links) before React's first render gets to it, so it comes down alongside the app's own code. A product
 * page also asks for its product right away, and a category page for its first products: the request no
 * longer waits for the page's code, and the page finds it in the cache (same arguments as its own query).
 */
export function preloadRoute(
  { pathname, search }: { pathname: string; search: string },
  store: AppStore,
): void {
  const product = /^\/p\/([^/]+)\/?$/.exec(pathname);
  if (product) {
    void loadProduct();
    let slug: string;
    try {
      slug = decodeURIComponent(product[1]!);
    } catch {
      return; // A malformed address: the page itself will say it does not exist.
    }
    void import('@/features/catalog/api/products.api').then(({ productsApi }) =>
      store.dispatch(
        productsApi.util.prefetch('getProduct', { slug, store: selectStoreId(store.getState()) }, {}),
      ),
    );
    return;
  }
  const category = /^\/c\/([^/]+)(?:\/([^/]+))?\/?$/.exec(pathname);
  if (category) {
    void loadCategory();
    let slug: string;
    let subcategory: string | undefined;
    try {
      slug = decodeURIComponent(category[1]!);
      subcategory = category[2] === undefined ? undefined : decodeURIComponent(category[2]);
    } catch {
      return;
    }
    // Likewise the category's first page of products, with the filters in the address.
    void Promise.all([
      import('@/features/catalog/api/products.api'),
      import('@/features/catalog/category-query'),
    ]).then(([{ productsApi }, { categoryQuery }]) => {
      const query = categoryQuery(
        slug,
        subcategory,
        new URLSearchParams(search),
        selectStoreId(store.getState()),
      );
      store.dispatch(productsApi.endpoints.getProductPages.initiate(query, { subscribe: false }));
    });
    return;
  }
  if (pathname === '/s') void loadSearch();
}

/** New pages start at the top; back/forward keeps the browser's own scroll restoration. */
function ScrollToTop() {
  const { pathname } = useLocation();
  const type = useNavigationType();
  useEffect(() => {
    if (type !== 'POP') window.scrollTo(0, 0);
  }, [pathname, type]);
  return null;
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <ScrollToTop />
      <Suspense fallback={null}>
        <Deferred />
      </Suspense>
      <Routes>
        <Route
          path="admin/*"
          element={
            <Suspense fallback={null}>
              <Admin />
            </Suspense>
          }
        />
        <Route
          path="ops/*"
          element={
            <Suspense fallback={null}>
              <Ops />
            </Suspense>
          }
        />
        <Route
          path="rider/*"
          element={
            <Suspense fallback={null}>
              <Rider />
            </Suspense>
          }
        />
        <Route element={<AppLayout />}>
          <Route index element={<HomeRoute />} />
          <Route path="c/:category/:subcategory?" element={<Category />} />
          <Route path="s" element={<Search />} />
          <Route path="p/:slug" element={<Product />} />
          <Route path="checkout" element={<Checkout />} />
          <Route path="order/:id" element={<OrderTracking />} />
          <Route path="account" element={<AccountLayout />}>
            <Route index element={<Orders />} />
            <Route path="orders" element={<Orders />} />
            <Route path="orders/:id" element={<OrderDetail />} />
            <Route path="wallet" element={<WalletPage />} />
            <Route path="addresses" element={<Addresses />} />
            <Route path="profile" element={<Profile />} />
            <Route path="password" element={<Password />} />
          </Route>
          <Route path="account/orders/:id/invoice" element={<Invoice />} />
          <Route path="login" element={<Login />} />
          <Route path="login/otp" element={<OtpLogin />} />
          <Route path="register" element={<Register />} />
          <Route path="verify-email" element={<VerifyEmail />} />
          <Route path="forgot-password" element={<ForgotPassword />} />
          <Route path="reset-password" element={<ResetPassword />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
