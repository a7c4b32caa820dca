import { createContext, useContext } from 'react';
import type { User } from '@fatafat/contracts/users';

export const AdminUserContext = createContext<User | null>(null);

/** The logged-in staff member or admin; only rendered inside the console's guard. */
export function useAdminUser(): User {
  const user = useContext(AdminUserContext);
  if (!user) throw new Error('useAdminUser outside the admin console');
  return user;
}
