import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import toast from 'react-hot-toast';
import { FiActivity, FiBox, FiGrid, FiHome, FiLayers, FiLogOut, FiMap, FiPackage, FiTag, FiTruck, FiUserCheck, FiUsers } from 'react-icons/fi';
import { Logo } from '@/components/ui/Logo';
import { Spinner } from '@/components/ui/Spinner';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { cn } from '@/lib/cn';
import type { User } from '@fatafat/contracts/users';
import { useAdminMeQuery } from '../api/admin.api';
import { AdminUserContext } from '../hooks/use-admin-user';

function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(load);
}

const Dashboard = page(() => import('./DashboardPage'));
const Orders = page(() => import('./OrdersPage'));
const Floor = page(() => import('./FloorPage'));
const Products = page(() => import('./ProductsPage'));
const ProductEditor = page(() => import('./ProductEditorPage'));
const Categories = page(() => import('./CategoriesPage'));
const Stock = page(() => import('./StockPage'));
const Customers = page(() => import('./CustomersPage'));
const Coupons = page(() => import('./CouponsPage'));
const People = page(() => import('./PeoplePage'));
const Zones = page(() => import('./ZonesPage'));

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ className?: string }>;
  staff: boolean;
}

const NAV: NavItem[] = [
  { to: '/admin', label: 'Dashboard', icon: FiHome, staff: true },
  { to: '/admin/orders', label: 'Orders', icon: FiTruck, staff: true },
  { to: '/admin/floor', label: 'Floor', icon: FiActivity, staff: true },
  { to: '/admin/products', label: 'Products', icon: FiBox, staff: false },
  { to: '/admin/categories', label: 'Categories', icon: FiGrid, staff: false },
  { to: '/admin/stock', label: 'Stock', icon: FiLayers, staff: true },
  { to: '/admin/customers', label: 'Customers', icon: FiUsers, staff: false },
  { to: '/admin/coupons', label: 'Coupons', icon: FiTag, staff: false },
  { to: '/admin/people', label: 'People', icon: FiUserCheck, staff: true },
  { to: '/admin/zones', label: 'Zones & hours', icon: FiMap, staff: true },
];

/** Sends customers (and pickers, riders) away with a word of explanation; the API would answer 403 anyway. */
function Refuse() {
  useEffect(() => {
    toast.error('The admin console is for Fatafat staff only.', { id: 'admin-refused' });
  }, []);
  return <Navigate to="/" replace />;
}

function AdminsOnly({ user, children }: { user: User; children: ReactNode }) {
  if (user.role === 'admin') return children;
  return (
    <div className="rounded-[var(--radius-card)] border border-line bg-white p-10 text-center">
      <FiPackage className="mx-auto size-8 text-muted" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold">Admins only</h1>
      <p className="mt-1 text-[14px] text-muted">Store staff can use the dashboard, the orders board and stock.</p>
    </div>
  );
}

function Sidebar({ user }: { user: User }) {
  return (
    <aside className="hidden w-[232px] shrink-0 border-r border-line bg-white md:block">
      <div className="sticky top-0 flex h-dvh flex-col">
      <div className="flex h-16 items-center gap-2 px-5">
        <Logo className="h-7 w-auto" />
        <span className="rounded bg-ink px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wider text-white">Admin</span>
      </div>
      <nav aria-label="Admin" className="flex flex-1 flex-col gap-0.5 px-3 py-2">
        {NAV.filter((n) => user.role === 'admin' || n.staff).map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            end={item.to === '/admin'}
            className={({ isActive }) =>
              cn(
                'flex h-10 items-center gap-3 rounded-lg px-3 text-[14px] font-medium transition-colors',
                isActive ? 'bg-action-soft text-action-dark' : 'text-ink/80 hover:bg-surface',
              )
            }
          >
            <item.icon className="size-[18px]" aria-hidden />
            {item.label}
          </NavLink>
        ))}
      </nav>
      <div className="border-t border-line px-5 py-4 text-[13px]">
        <div className="truncate font-semibold text-ink">{user.name}</div>
        <div className="truncate text-muted">{user.email ?? user.mobile}</div>
        <a href="/" className="mt-2 inline-flex items-center gap-1.5 text-action hover:underline">
          <FiLogOut className="size-3.5" aria-hidden /> Back to the shop
        </a>
      </div>
      </div>
    </aside>
  );
}

function MobileNav({ user }: { user: User }) {
  return (
    <nav aria-label="Admin" className="flex gap-1 overflow-x-auto border-b border-line bg-white px-3 py-2 md:hidden">
      {NAV.filter((n) => user.role === 'admin' || n.staff).map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.to === '/admin'}
          className={({ isActive }) =>
            cn('whitespace-nowrap rounded-full px-3 py-1.5 text-[13px] font-medium', isActive ? 'bg-action-soft text-action-dark' : 'text-ink/80')
          }
        >
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}

function Loading() {
  return (
    <div className="grid min-h-[50vh] place-items-center text-action">
      <Spinner className="size-7" label="Loading" />
    </div>
  );
}

/** The console under /admin: its own chrome, its own guard, each page loaded when first opened. */
export default function AdminApp() {
  useDocumentTitle('Admin');
  const location = useLocation();
  const { data: user, isLoading, isError } = useAdminMeQuery();
  if (isLoading) return <Loading />;
  if (!user) {
    if (isError) return <Loading />;
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (user.role !== 'staff' && user.role !== 'admin') return <Refuse />;
  const adminOnly = (node: ReactNode) => <AdminsOnly user={user}>{node}</AdminsOnly>;
  return (
    <AdminUserContext value={user}>
      <div className="flex min-h-dvh bg-[#F7F8F7]">
        <Sidebar user={user} />
        <div className="min-w-0 flex-1">
          <MobileNav user={user} />
          <main className="mx-auto max-w-[1320px] px-4 py-6 md:px-8">
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route index element={<Dashboard />} />
                <Route path="orders" element={<Orders />} />
                <Route path="floor" element={<Floor />} />
                <Route path="stock" element={<Stock />} />
                <Route path="products" element={adminOnly(<Products />)} />
                <Route path="products/new" element={adminOnly(<ProductEditor />)} />
                <Route path="products/:id" element={adminOnly(<ProductEditor />)} />
                <Route path="categories" element={adminOnly(<Categories />)} />
                <Route path="customers" element={adminOnly(<Customers />)} />
                <Route path="customers/:id" element={adminOnly(<Customers />)} />
                <Route path="coupons" element={adminOnly(<Coupons />)} />
                <Route path="people" element={<People />} />
                <Route path="zones" element={<Zones />} />
                <Route path="*" element={<Navigate to="/admin" replace />} />
              </Routes>
            </Suspense>
          </main>
        </div>
      </div>
    </AdminUserContext>
  );
}

export const Component = AdminApp;
