import type { ReactNode } from 'react';
import { useStoresQuery } from '../api/admin.api';
import { table } from './AdminKit';

/** The options of a store picker: a first "none chosen" option, then every store by name. */
export function StoreOptions({ none }: { none: string }) {
  const stores = useStoresQuery();
  return (
    <>
      <option value="">{none}</option>
      {stores.data?.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}

/** The white card a table of the console sits in, scrolling sideways on a phone. */
export function TableFrame({ head, children }: { head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
      <div className={table.wrap}>
        <table className={table.table}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </div>
  );
}
